// Synchronous show-ahead FIFO (docs/common_rtl.md): the head entry is on rdata_o whenever valid_o
// is high, and pop_i takes it. The storage has no reset, so Yosys can map it onto distributed RAM;
// the pointers and the count reset.
//
// OutReg = 1 keeps the head entry in a register (rdata_o and valid_o straight from flops) in front
// of the storage, with the same behaviour clock for clock: a push into an empty FIFO goes to the
// register (visible after the edge, as before), a pop refills it from the storage at the edge.
// For a FIFO whose read data crosses a unit: the consumer's logic starts from flops, not from a
// distributed-RAM read and its pointer mux.
//
// Bad input is defined, not assumed away: a pop while empty does nothing, and a push while full
// does nothing (the word is dropped) unless the same clock pops, which makes room for it. A user
// that must never lose a word checks its own side (e.g. dirty_track's occupancy bound).
module sync_fifo #(
  parameter int unsigned Width = 8,
  parameter int unsigned Depth = 16,  // a power of two, >= 2
  parameter bit          OutReg = 1'b0, // head entry in a register (same behaviour)
  localparam int unsigned PtrW = $clog2(Depth)
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             push_i,
  input  logic [Width-1:0] wdata_i,
  input  logic             pop_i,
  output logic             valid_o,   // not empty: rdata_o is the oldest entry
  output logic [Width-1:0] rdata_o,
  output logic             full_o,
  output logic [PtrW:0]    count_o
);

  logic [Width-1:0] mem_q [Depth];
  logic [PtrW-1:0]  wptr_q, wptr_d, rptr_q, rptr_d;
  logic [PtrW:0]    count_q, count_d;
  logic             do_push, do_pop;

  assign full_o  = (count_q == (PtrW + 1)'(Depth));
  assign do_pop  = pop_i && valid_o;
  assign do_push = push_i && (!full_o || do_pop);
  assign count_d = count_q + (PtrW + 1)'(do_push) - (PtrW + 1)'(do_pop);
  assign count_o = count_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wptr_q  <= '0;
      rptr_q  <= '0;
      count_q <= '0;
    end else begin
      wptr_q  <= wptr_d;
      rptr_q  <= rptr_d;
      count_q <= count_d;
    end
  end

  if (!OutReg) begin : g_plain
    assign valid_o = (count_q != '0);
    assign wptr_d  = do_push ? wptr_q + 1'b1 : wptr_q;
    assign rptr_d  = do_pop ? rptr_q + 1'b1 : rptr_q;

    always_ff @(posedge clk_i) begin
      if (do_push) mem_q[wptr_q] <= wdata_i;
    end
    assign rdata_o = mem_q[rptr_q];
  end else begin : g_out_reg
    // The head register holds the oldest entry whenever the FIFO is not empty; the storage holds
    // the entries behind it (at most Depth - 1, so equal pointers mean an empty storage).
    logic             head_valid_q, load, st_empty, st_push, st_pop;
    logic [Width-1:0] head_q;
    assign valid_o  = head_valid_q;
    assign st_empty = (wptr_q == rptr_q);
    assign load     = !head_valid_q || do_pop;          // the head register takes a new entry
    assign st_pop   = load && !st_empty;                // ... from the storage
    assign st_push  = do_push && !(load && st_empty);   // else the push goes past it, or into it
    assign wptr_d   = st_push ? wptr_q + 1'b1 : wptr_q;
    assign rptr_d   = st_pop ? rptr_q + 1'b1 : rptr_q;

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni)   head_valid_q <= 1'b0;
      else if (load) head_valid_q <= !st_empty || do_push;
    end
    always_ff @(posedge clk_i) begin
      if (st_push) mem_q[wptr_q] <= wdata_i;
      if (load)    head_q <= st_empty ? wdata_i : mem_q[rptr_q];
    end
    assign rdata_o = head_q;

`ifndef SYNTHESIS
    a_fifo_head_valid: assert property (@(posedge clk_i) disable iff (!rst_ni)
      head_valid_q == (count_q != '0));
    a_fifo_storage_count: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (PtrW + 1)'(PtrW'(wptr_q - rptr_q)) + (PtrW + 1)'(head_valid_q) == count_q);
`endif
  end

`ifndef SYNTHESIS
  initial begin
    if (Depth < 2 || (1 << PtrW) != Depth) $fatal(1, "sync_fifo: Depth %0d is not a power of two >= 2", Depth);
  end
  // The occupancy stays within 0..Depth and matches the pointers (no wrap of the count).
  a_fifo_count_bounded: assert property (@(posedge clk_i) disable iff (!rst_ni)
    count_q <= (PtrW + 1)'(Depth));
  a_fifo_count_ptrs: assert property (@(posedge clk_i) disable iff (!rst_ni)
    OutReg || PtrW'(count_q) == PtrW'(wptr_q - rptr_q));
  // The FIFO itself never writes over an unread entry and never moves past the last one.
  a_fifo_no_overwrite: assert property (@(posedge clk_i) disable iff (!rst_ni)
    do_push |-> !full_o || do_pop);
  a_fifo_no_underrun: assert property (@(posedge clk_i) disable iff (!rst_ni)
    do_pop |-> valid_o);
`endif

endmodule
