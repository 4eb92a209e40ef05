// Synchronous show-ahead FIFO (docs/common_rtl.md): the head entry is on rdata_o whenever valid_o
// is high, and pop_i takes it. The storage has no reset, so Yosys can map it onto distributed RAM;
// the pointers and the count reset.
//
// Bad input is defined, not assumed away: a pop while empty does nothing, and a push while full
// does nothing (the word is dropped) unless the same clock pops, which makes room for it. A user
// that must never lose a word checks its own side (e.g. dirty_track's occupancy bound).
module sync_fifo #(
  parameter int unsigned Width = 8,
  parameter int unsigned Depth = 16,  // a power of two, >= 2
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

  assign valid_o = (count_q != '0);
  assign full_o  = (count_q == (PtrW + 1)'(Depth));
  assign do_pop  = pop_i && valid_o;
  assign do_push = push_i && (!full_o || do_pop);

  assign wptr_d  = do_push ? wptr_q + 1'b1 : wptr_q;
  assign rptr_d  = do_pop ? rptr_q + 1'b1 : rptr_q;
  assign count_d = count_q + (PtrW + 1)'(do_push) - (PtrW + 1)'(do_pop);

  always_ff @(posedge clk_i) begin
    if (do_push) mem_q[wptr_q] <= wdata_i;
  end

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

  assign rdata_o = mem_q[rptr_q];
  assign count_o = count_q;

`ifndef SYNTHESIS
  initial begin
    if (Depth < 2 || (1 << PtrW) != Depth) $fatal(1, "sync_fifo: Depth %0d is not a power of two >= 2", Depth);
  end
  // The occupancy stays within 0..Depth and matches the pointers (no wrap of the count).
  a_fifo_count_bounded: assert property (@(posedge clk_i) disable iff (!rst_ni)
    count_q <= (PtrW + 1)'(Depth));
  a_fifo_count_ptrs: assert property (@(posedge clk_i) disable iff (!rst_ni)
    PtrW'(count_q) == PtrW'(wptr_q - rptr_q));
  // The FIFO itself never writes over an unread entry and never moves past the last one.
  a_fifo_no_overwrite: assert property (@(posedge clk_i) disable iff (!rst_ni)
    do_push |-> !full_o || do_pop);
  a_fifo_no_underrun: assert property (@(posedge clk_i) disable iff (!rst_ni)
    do_pop |-> valid_o);
`endif

endmodule
