// Bitmap read-modify-write pipeline. The bitmap is two RAM banks: even words (global word index
// i = f * WordsPerFunc + w with i[0] = 0) in lane 0, odd words in lane 1, each at bank address
// i >> 1. One operation per clock touches at most one word per lane, in three steps:
//   A  arbitration (init sweep > report-and-clear > queued mark / report by DMA, the last two taking
//      turns when both wait); the RAM reads are issued
//   D  the RAMs return the words (registered into W)
//   W  merge (mark: old | mask; report/init: 0), RAM writes; a report returns the old word(s)
// A mark touches at most two adjacent words, which are always in different lanes, so it is one
// operation; a report by DMA reads and clears an even/odd pair (two words per clock).
// Each lane's read in A misses the writes of the two operations ahead of it (they land at the end
// of A and of D), so W takes the newest of those two when the lane's address matches (forwarding):
// back-to-back marks of one word, and a report next to a mark of its word, lose nothing.
// Operations are applied in order, so a report returns every mark ahead of it and clears none
// behind it.
module dirty_track_rmw import dirty_track_pkg::*; #(
  parameter int unsigned NumFunctions = 8,
  parameter int unsigned PagesPerFunc = 16384,
  localparam int unsigned FuncIdxW = (NumFunctions > 1) ? $clog2(NumFunctions) : 1,
  localparam int unsigned PageIdxW = $clog2(PagesPerFunc),
  localparam int unsigned WordIdxW = PageIdxW - WordSelW,
  localparam int unsigned WordsPerFunc = PagesPerFunc / WordBits,
  localparam int unsigned Depth = NumFunctions * WordsPerFunc,
  localparam int unsigned RamAddrW = $clog2(Depth),
  localparam int unsigned BankDepth = Depth / 2,
  localparam int unsigned BankAddrW = (BankDepth > 1) ? $clog2(BankDepth) : 1
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
  // report by DMA: read and clear words 2p and 2p+1 (the latter only if dma_odd_i); taken when ack
  input  logic                 dma_req_i,
  input  logic [BankAddrW-1:0] dma_pair_i,
  input  logic                 dma_odd_i,
  output logic                 dma_ack_o,
  output logic                 dma_rsp_valid_o,
  output logic [RepDataW-1:0]  dma_rsp_data_o,  // {word 2p+1 (0 if not read), word 2p}
  output logic                 dma_rsp_odd_o,
  // a mark is in D or W (not yet written)
  output logic                 mark_busy_o
);

  // A mark's RAM address: the function's bitmap, then the word inside it.
  function automatic logic [RamAddrW-1:0] word_addr(logic [FuncIdxW-1:0] f, logic [WordIdxW-1:0] w);
    return RamAddrW'(f) * RamAddrW'(WordsPerFunc) + RamAddrW'(w);
  endfunction
  function automatic logic [BankAddrW-1:0] bank_addr(logic [RamAddrW-1:0] a);
    return BankAddrW'(a >> 1);
  endfunction

  // ---------------------------------------------------------------- A: arbitration, RAM read
  logic                             init_done_q, dma_turn_q, dma_turn_d;
  logic [BankAddrW-1:0]             init_cnt_q;
  logic                             a_valid;
  op_kind_e                         a_kind;
  logic [1:0]                       a_en;
  logic [1:0][BankAddrW-1:0]        a_baddr;
  logic [1:0][WordBits-1:0]         a_mask;
  logic [FuncIdxW-1:0]              a_func;
  logic [RamAddrW-1:0]              m_addr0, m_addr1;
  logic [1:0]                       m_sel0, m_sel1;
  logic                             take_mark;

  assign m_addr0 = word_addr(q_func_i, q_word0_i);
  assign m_addr1 = word_addr(q_func_i, q_word1_i);
  // lane l of a mark: word0 if its parity is l, else word1 (if the mark has two words)
  for (genvar l = 0; l < 2; l++) begin : g_msel
    assign m_sel0[l] = (m_addr0[0] == 1'(l));
    assign m_sel1[l] = q_two_i && (m_addr1[0] == 1'(l));
  end
  // marks and reports by DMA take turns when both wait (neither starves the other)
  assign take_mark = q_valid_i && !(dma_req_i && dma_turn_q);

  always_comb begin
    a_valid    = 1'b0;
    a_kind     = OpMark;
    a_en       = '0;
    a_baddr    = '0;
    a_mask     = '0;
    a_func     = q_func_i;
    rpt_ack_o  = 1'b0;
    q_pop_o    = 1'b0;
    dma_ack_o  = 1'b0;
    dma_turn_d = dma_turn_q;
    if (!init_done_q) begin
      a_valid = 1'b1;
      a_kind  = OpInit;
      a_en    = 2'b11;
      a_baddr = {init_cnt_q, init_cnt_q};
    end else if (rpt_req_i) begin
      a_valid   = 1'b1;
      a_kind    = OpReport;
      a_en      = rpt_addr_i[0] ? 2'b10 : 2'b01;
      a_baddr   = {bank_addr(rpt_addr_i), bank_addr(rpt_addr_i)};
      rpt_ack_o = 1'b1;
    end else if (take_mark) begin
      a_valid    = 1'b1;
      q_pop_o    = 1'b1;
      dma_turn_d = dma_req_i;
      for (int unsigned l = 0; l < 2; l++) begin
        a_en[l]    = m_sel0[l] || m_sel1[l];
        a_baddr[l] = m_sel0[l] ? bank_addr(m_addr0) : bank_addr(m_addr1);
        a_mask[l]  = m_sel0[l] ? q_mask0_i : q_mask1_i;
      end
    end else if (dma_req_i) begin
      a_valid    = 1'b1;
      a_kind     = OpDmaRpt;
      a_en       = {dma_odd_i, 1'b1};
      a_baddr    = {dma_pair_i, dma_pair_i};
      dma_ack_o  = 1'b1;
      dma_turn_d = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      init_done_q <= 1'b0;
      init_cnt_q  <= '0;
      dma_turn_q  <= 1'b0;
    end else begin
      dma_turn_q <= dma_turn_d;
      if (!init_done_q) begin
        init_cnt_q  <= init_cnt_q + 1'b1;
        init_done_q <= (init_cnt_q == BankAddrW'(BankDepth - 1));
      end
    end
  end

  assign init_done_o = init_done_q;

  // ---------------------------------------------------------------- D: RAM read in progress
  logic                      d_valid_q;
  op_kind_e                  d_kind_q;
  logic [1:0]                d_en_q;
  logic [1:0][BankAddrW-1:0] d_baddr_q;
  logic [1:0][WordBits-1:0]  d_mask_q;
  logic [FuncIdxW-1:0]       d_func_q;
  logic                      d_last_q;  // this mark completes its queue entry (for assertions)

  // ---------------------------------------------------------------- W: merge and write
  logic                      w_valid_q;
  op_kind_e                  w_kind_q;
  logic [1:0]                w_en_q, w_fwd1_q, w_fwd2_q, w_we;
  logic [1:0][BankAddrW-1:0] w_baddr_q;
  logic [1:0][WordBits-1:0]  w_mask_q, w_rdata_q, w_old, w_new, ram_rdata;
  logic [FuncIdxW-1:0]       w_func_q;
  logic                      w_last_q;
  // per lane, the last two RAM writes: h1 landed at the end of the previous clock, h2 one earlier
  logic [1:0]                h1_valid_q;
  logic [1:0][BankAddrW-1:0] h1_baddr_q;
  logic [1:0][WordBits-1:0]  h1_data_q, h2_data_q;
  logic                      rsp_valid_q, dma_valid_q, dma_odd_q;
  logic [WordBits-1:0]       rsp_data_q;
  logic [RepDataW-1:0]       dma_data_q;

  for (genvar l = 0; l < 2; l++) begin : g_lane
    ram_1r1w #(.Depth(BankDepth), .Width(WordBits)) u_ram (
      .clk_i,
      .we_i   (w_we[l]),
      .waddr_i(w_baddr_q[l]),
      .wdata_i(w_new[l]),
      .raddr_i(a_baddr[l]),
      .rdata_o(ram_rdata[l])
    );

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        h1_valid_q[l] <= 1'b0;
      end else begin
        h1_valid_q[l] <= w_we[l];
      end
    end

    always_ff @(posedge clk_i) begin
      w_rdata_q[l]  <= ram_rdata[l];
      // the lane's write in W lands at the end of this clock (h1 in the next); h1 becomes h2
      w_fwd1_q[l]   <= w_we[l] && (w_baddr_q[l] == d_baddr_q[l]);
      w_fwd2_q[l]   <= h1_valid_q[l] && (h1_baddr_q[l] == d_baddr_q[l]);
      h1_baddr_q[l] <= w_baddr_q[l];
      h1_data_q[l]  <= w_new[l];
      h2_data_q[l]  <= h1_data_q[l];
    end

    assign w_old[l] = w_fwd1_q[l] ? h1_data_q[l] : (w_fwd2_q[l] ? h2_data_q[l] : w_rdata_q[l]);
    assign w_new[l] = (w_kind_q == OpMark) ? (w_old[l] | w_mask_q[l]) : '0;
    assign w_we[l]  = w_valid_q && w_en_q[l];
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      d_valid_q   <= 1'b0;
      w_valid_q   <= 1'b0;
      rsp_valid_q <= 1'b0;
      dma_valid_q <= 1'b0;
    end else begin
      d_valid_q   <= a_valid;
      w_valid_q   <= d_valid_q;
      rsp_valid_q <= w_valid_q && (w_kind_q == OpReport);
      dma_valid_q <= w_valid_q && (w_kind_q == OpDmaRpt);
    end
  end

  always_ff @(posedge clk_i) begin
    d_kind_q   <= a_kind;
    d_en_q     <= a_en;
    d_baddr_q  <= a_baddr;
    d_mask_q   <= a_mask;
    d_func_q   <= a_func;
    d_last_q   <= q_pop_o;
    w_kind_q   <= d_kind_q;
    w_en_q     <= d_en_q;
    w_baddr_q  <= d_baddr_q;
    w_mask_q   <= d_mask_q;
    w_func_q   <= d_func_q;
    w_last_q   <= d_last_q;
    rsp_data_q <= w_en_q[1] ? w_old[1] : w_old[0];
    dma_data_q <= {w_en_q[1] ? w_old[1] : '0, w_old[0]};
    dma_odd_q  <= w_en_q[1];
  end

  assign rpt_rsp_valid_o = rsp_valid_q;
  assign rpt_rsp_data_o  = rsp_data_q;
  assign dma_rsp_valid_o = dma_valid_q;
  assign dma_rsp_data_o  = dma_data_q;
  assign dma_rsp_odd_o   = dma_odd_q;
  assign mark_busy_o     = (d_valid_q && d_kind_q == OpMark) || (w_valid_q && w_kind_q == OpMark);

`ifndef SYNTHESIS
  // Reference copy of the bitmap (global word index), updated with every RAM write: each merged
  // word must be exactly the reference word with this op applied, so forwarding can never lose (or
  // invent) a mark, and a report (by register or by DMA) returns exactly the word and clears it.
  logic [WordBits-1:0] shadow_q [Depth];
  for (genvar l = 0; l < 2; l++) begin : g_sva_lane
    logic [RamAddrW-1:0] gaddr;
    assign gaddr = RamAddrW'({w_baddr_q[l], 1'(l)});
    always_ff @(posedge clk_i) begin
      if (w_we[l]) shadow_q[gaddr] <= w_new[l];
    end

    a_no_lost_mark: assert property (@(posedge clk_i) disable iff (!rst_ni)
      w_we[l] && w_kind_q == OpMark && init_done_q |-> w_new[l] == (shadow_q[gaddr] | w_mask_q[l]));
    a_report_exact: assert property (@(posedge clk_i) disable iff (!rst_ni)
      w_we[l] && (w_kind_q == OpReport || w_kind_q == OpDmaRpt) |->
        w_old[l] == shadow_q[gaddr] && w_new[l] == '0);
    // A mark only ever writes into its own function's bitmap.
    a_no_foreign_write: assert property (@(posedge clk_i) disable iff (!rst_ni)
      w_we[l] && w_kind_q == OpMark |->
        (gaddr >= word_addr(w_func_q, '0)) && (gaddr <= word_addr(w_func_q, '1)) &&
        (32'(w_func_q) < NumFunctions));
  end
  // The two words of a mark are adjacent, so they are in different lanes.
  a_mark_lanes_differ: assert property (@(posedge clk_i) disable iff (!rst_ni)
    q_valid_i && q_two_i |-> m_addr0[0] != m_addr1[0]);
  a_no_mark_before_init: assert property (@(posedge clk_i) disable iff (!rst_ni)
    a_valid && a_kind != OpInit |-> init_done_q);
  // Only the reports by DMA use the odd lane alone as "absent": a register report uses one lane.
  a_report_one_lane: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_valid_q && w_kind_q == OpReport |-> $onehot(w_en_q));
  a_dma_even_lane: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_valid_q && w_kind_q == OpDmaRpt |-> w_en_q[0]);
`endif

endmodule
