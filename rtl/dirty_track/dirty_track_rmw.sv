// Bitmap read-modify-write pipeline. One operation per clock, three steps:
//   A  arbitration (init sweep > report-and-clear > queued mark); the RAM read is issued
//   D  the RAM returns the word (registered into W)
//   W  merge (mark: old | mask; report/init: 0), RAM write; a report returns the old word
// The word read in A misses the writes of the two operations ahead of it (they land at the end of
// A and of D), so W takes the newest of those two when the address matches (forwarding): back-to-
// back marks of one word, and a report next to a mark of its word, lose nothing. Operations are
// applied in order, so a report returns every mark ahead of it and clears nothing behind it.
module dirty_track_rmw import dirty_track_pkg::*; #(
  parameter int unsigned NumFunctions = 8,
  parameter int unsigned PagesPerFunc = 16384,
  localparam int unsigned FuncIdxW = (NumFunctions > 1) ? $clog2(NumFunctions) : 1,
  localparam int unsigned PageIdxW = $clog2(PagesPerFunc),
  localparam int unsigned WordIdxW = PageIdxW - WordSelW,
  localparam int unsigned WordsPerFunc = PagesPerFunc / WordBits,
  localparam int unsigned Depth = NumFunctions * WordsPerFunc,
  localparam int unsigned RamAddrW = $clog2(Depth)
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // the bitmap has been cleared since reset
  output logic                 init_done_o,
  // head of the mark queue
  input  logic                 q_valid_i,
  input  logic [FuncIdxW-1:0]  q_func_i,
  input  logic [WordIdxW-1:0]  q_word0_i,
  input  logic [WordBits-1:0]  q_mask0_i,
  input  logic                 q_two_i,
  input  logic [WordIdxW-1:0]  q_word1_i,
  input  logic [WordBits-1:0]  q_mask1_i,
  output logic                 q_pop_o,
  // report-and-clear of one word (word index f * WordsPerFunc + w); hold req until ack
  input  logic                 rpt_req_i,
  input  logic [RamAddrW-1:0]  rpt_addr_i,
  output logic                 rpt_ack_o,
  output logic                 rpt_rsp_valid_o,
  output logic [WordBits-1:0]  rpt_rsp_data_o,
  // a mark is in D or W (not yet written)
  output logic                 mark_busy_o
);

  // A mark's RAM address: the function's bitmap, then the word inside it.
  function automatic logic [RamAddrW-1:0] word_addr(logic [FuncIdxW-1:0] f, logic [WordIdxW-1:0] w);
    return RamAddrW'(f) * RamAddrW'(WordsPerFunc) + RamAddrW'(w);
  endfunction

  // ---------------------------------------------------------------- A: arbitration, RAM read
  logic                init_done_q, second_q, second_d;
  logic [RamAddrW-1:0] init_cnt_q;
  logic                a_valid;
  op_kind_e            a_kind;
  logic [RamAddrW-1:0] a_addr;
  logic [WordBits-1:0] a_mask;
  logic [FuncIdxW-1:0] a_func;

  always_comb begin
    a_valid   = 1'b0;
    a_kind    = OpMark;
    a_addr    = '0;
    a_mask    = '0;
    a_func    = q_func_i;
    rpt_ack_o = 1'b0;
    q_pop_o   = 1'b0;
    second_d  = second_q;
    if (!init_done_q) begin
      a_valid = 1'b1;
      a_kind  = OpInit;
      a_addr  = init_cnt_q;
    end else if (rpt_req_i) begin
      a_valid   = 1'b1;
      a_kind    = OpReport;
      a_addr    = rpt_addr_i;
      rpt_ack_o = 1'b1;
    end else if (q_valid_i) begin
      a_valid = 1'b1;
      if (second_q) begin  // second word of a two-word mark
        a_addr   = word_addr(q_func_i, q_word1_i);
        a_mask   = q_mask1_i;
        second_d = 1'b0;
        q_pop_o  = 1'b1;
      end else begin
        a_addr   = word_addr(q_func_i, q_word0_i);
        a_mask   = q_mask0_i;
        second_d = q_two_i;
        q_pop_o  = !q_two_i;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      init_done_q <= 1'b0;
      init_cnt_q  <= '0;
      second_q    <= 1'b0;
    end else begin
      second_q <= second_d;
      if (!init_done_q) begin
        init_cnt_q  <= init_cnt_q + 1'b1;
        init_done_q <= (init_cnt_q == RamAddrW'(Depth - 1));
      end
    end
  end

  assign init_done_o = init_done_q;

  // ---------------------------------------------------------------- D: RAM read in progress
  logic                d_valid_q;
  op_kind_e            d_kind_q;
  logic [RamAddrW-1:0] d_addr_q;
  logic [WordBits-1:0] d_mask_q;
  logic [FuncIdxW-1:0] d_func_q;
  logic                d_last_q;  // this mark completes its queue entry (for assertions)

  // ---------------------------------------------------------------- W: merge and write
  logic                w_valid_q, w_fwd1_q, w_fwd2_q;
  op_kind_e            w_kind_q;
  logic [RamAddrW-1:0] w_addr_q;
  logic [WordBits-1:0] w_mask_q, w_rdata_q, w_old, w_new, ram_rdata;
  logic                w_we;
  logic [FuncIdxW-1:0] w_func_q;
  logic                w_last_q;
  // the last two RAM writes: h1 landed at the end of the previous clock, h2 one clock earlier
  logic                h1_valid_q;
  logic [RamAddrW-1:0] h1_addr_q;
  logic [WordBits-1:0] h1_data_q, h2_data_q;
  logic                rsp_valid_q;
  logic [WordBits-1:0] rsp_data_q;

  ram_1r1w #(.Depth(Depth), .Width(WordBits)) u_ram (
    .clk_i,
    .we_i   (w_we),
    .waddr_i(w_addr_q),
    .wdata_i(w_new),
    .raddr_i(a_addr),
    .rdata_o(ram_rdata)
  );


  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      d_valid_q   <= 1'b0;
      w_valid_q   <= 1'b0;
      h1_valid_q  <= 1'b0;
      rsp_valid_q <= 1'b0;
    end else begin
      d_valid_q   <= a_valid;
      w_valid_q   <= d_valid_q;
      h1_valid_q  <= w_valid_q;
      rsp_valid_q <= w_valid_q && (w_kind_q == OpReport);
    end
  end

  always_ff @(posedge clk_i) begin
    d_kind_q  <= a_kind;
    d_addr_q  <= a_addr;
    d_mask_q  <= a_mask;
    d_func_q  <= a_func;
    d_last_q  <= q_pop_o;
    w_kind_q  <= d_kind_q;
    w_addr_q  <= d_addr_q;
    w_mask_q  <= d_mask_q;
    w_func_q  <= d_func_q;
    w_last_q  <= d_last_q;
    w_rdata_q <= ram_rdata;
    // the op in W now writes at the end of this clock (h1 in the next); h1 becomes h2
    w_fwd1_q  <= w_valid_q && (w_addr_q == d_addr_q);
    w_fwd2_q  <= h1_valid_q && (h1_addr_q == d_addr_q);
    h1_addr_q <= w_addr_q;
    h1_data_q <= w_new;
    h2_data_q <= h1_data_q;
    rsp_data_q <= w_old;
  end

  assign w_old = w_fwd1_q ? h1_data_q : (w_fwd2_q ? h2_data_q : w_rdata_q);
  assign w_new = (w_kind_q == OpMark) ? (w_old | w_mask_q) : '0;
  assign w_we  = w_valid_q;

  assign rpt_rsp_valid_o = rsp_valid_q;
  assign rpt_rsp_data_o  = rsp_data_q;
  assign mark_busy_o     = (d_valid_q && d_kind_q == OpMark) || (w_valid_q && w_kind_q == OpMark);

`ifndef SYNTHESIS
  // Reference copy of the bitmap, updated with every RAM write: the merged word must be exactly the
  // reference word with this op applied, so forwarding can never lose (or invent) a mark.
  logic [WordBits-1:0] shadow_q [Depth];
  always_ff @(posedge clk_i) begin
    if (w_we) shadow_q[w_addr_q] <= w_new;
  end

  a_no_lost_mark: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_valid_q && w_kind_q == OpMark && init_done_q |-> w_new == (shadow_q[w_addr_q] | w_mask_q));
  a_report_exact: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_valid_q && w_kind_q == OpReport |-> w_old == shadow_q[w_addr_q] && w_new == '0);
  // A mark only ever writes into its own function's bitmap.
  a_no_foreign_write: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_valid_q && w_kind_q == OpMark |->
      (w_addr_q >= word_addr(w_func_q, '0)) && (w_addr_q <= word_addr(w_func_q, '1)) &&
      (32'(w_func_q) < NumFunctions));
  a_no_mark_before_init: assert property (@(posedge clk_i) disable iff (!rst_ni)
    a_valid && a_kind != OpInit |-> init_done_q);
`endif

endmodule
