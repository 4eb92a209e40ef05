// The bitmap properties of the dirty_track harness (dirty_track_formal.sv, which instantiates this
// module and documents the properties): no_lost_mark (CHECK_NO_LOST_MARK_PIPE, CHECK_NO_LOST_MARK)
// and no_cross_function (CHECK_NO_CROSS_FUNCTION_PIPE, CHECK_NO_CROSS_FUNCTION), their ghost
// state and their induction lemmas (LEMMA_PIPE, LEMMA_NLM, LEMMA_NCF). It sees the harness's
// ports by name and the block's internals as dut.* (the harness's instance, found upward).
module dirty_track_formal_bitmap
  import dirty_track_pkg::*;
#(
  parameter int unsigned NumFunctions = 2,
  parameter int unsigned PagesPerFunc = 64,
  parameter int unsigned AddrWidth = 36,
  parameter int unsigned QueueDepth = 2,
  localparam int unsigned PageIdxW = $clog2(PagesPerFunc),
  localparam int unsigned FuncIdxW = (NumFunctions > 1) ? $clog2(NumFunctions) : 1  // as dut's
) (
  input logic                     clk_i,
  input logic                     rst_ni,
  input logic                     past_valid_q,
  input logic [AddrWidth-1:0]     s_axi_awaddr,
  input logic [7:0]               s_axi_awlen,
  input logic [2:0]               s_axi_awsize,
  input logic [1:0]               s_axi_awburst,
  input logic [FuncWidth-1:0]     s_axi_awuser,
  input logic                     s_axi_awvalid,
  input logic                     s_axi_awready,
  input logic [AxilAddrWidth-1:0] s_axil_araddr,
  input logic                     s_axil_arvalid,
  input logic                     s_axil_arready,
  input logic [31:0]              s_axil_rdata,
  input logic [1:0]               s_axil_rresp,
  input logic                     s_axil_rvalid,
  input logic                     s_axil_rready,
  input logic [63:0]              m_axi_rep_wdata,
  input logic                     m_axi_rep_wvalid,
  input logic                     m_axi_rep_wready,
  input logic [FuncWidth-1:0]     sym_f,
  input logic [PageIdxW-1:0]      sym_p,
  input logic [FuncWidth-1:0]     sym_g,
  input logic                     pick_w,
  input logic                     pick_g
);

`ifdef FORMAL
  // ---------------------------------------------------------------------------------------------
  // Bitmap properties: ghost state (reset with the block; a reset forgets every mark in flight and
  // clears the bitmap, docs/dirty_track.md "Reset")
  // ---------------------------------------------------------------------------------------------
  localparam int unsigned WordsPerFunc = PagesPerFunc / WordBits;
  localparam int unsigned Depth = NumFunctions * WordsPerFunc;
  localparam int unsigned RamAddrW = $clog2(Depth);
  localparam int unsigned OffW = AddrWidth + 2;

  // The symbolic function and page (and the clean function G): any value, the same in every clock.
  logic [FuncWidth-1:0] sym_f_q, sym_g_q;
  logic [PageIdxW-1:0]  sym_p_q;
  always_ff @(posedge clk_i) begin
    sym_f_q <= sym_f;  sym_p_q <= sym_p;  sym_g_q <= sym_g;
  end
  always_comb begin
    assume (32'(sym_f) < NumFunctions && 32'(sym_g) < NumFunctions);
    if (past_valid_q) assume (sym_f == sym_f_q && sym_p == sym_p_q && sym_g == sym_g_q);
  end

  // (F, P) in the bitmap: global word gw (register window word, RAM word), its bank lane, its bit.
  logic [RamAddrW-1:0] gw;
  logic [WordSelW-1:0] pbit;
  assign gw   = RamAddrW'(sym_f) * RamAddrW'(WordsPerFunc) + RamAddrW'(sym_p >> WordSelW);
  assign pbit = sym_p[WordSelW-1:0];

  // Does a write touch page p of a function with this configuration? docs/dirty_track.md "Which
  // bytes a write touches" and "Region, pages, out of range", restated apart from the address
  // pipeline: bytes [a0, a1]; byte x is in page floor((x - base) / size) when x >= base; the write
  // touches p iff p < limit and p lies between the pages of its first byte (0 if below base) and of
  // its last byte (none if the last byte is below base). Page-index form: the solver compares
  // indices, not 38-bit byte bounds.
  function automatic logic touches(logic [AddrWidth-1:0] addr, logic [7:0] len, logic [2:0] size,
                                   logic [1:0] burst, logic [AddrWidth-1:0] base,
                                   logic [PageCodeW-1:0] code, logic [31:0] pages,
                                   logic [PageIdxW-1:0] p);
    logic [OffW-1:0] a0, a1, off0, off1, ps, pe;
    logic [4:0]      sh;
    sh   = 5'(MinPageShift) + 5'((code > MaxPageCode) ? MaxPageCode : code);
    a0   = OffW'(addr);
    a1   = (burst == BurstIncr || burst == BurstReserved) ?
           (a0 | ((OffW'(1) << size) - OffW'(1))) + (OffW'(len) << size) : a0;
    off0 = a0 - OffW'(base);  // negative (bit OffW-1) when the first byte is below base
    off1 = a1 - OffW'(base);
    ps   = off0[OffW-1] ? '0 : (off0 >> sh);
    pe   = off1 >> sh;
`ifdef FORMAL_BREAK_NO_LOST_MARK_PIPE
    pe   = pe + OffW'(1);  // the harness believes a write reaches one page further than it does
`endif
    return (32'(p) < pages) && !off1[OffW-1] && (ps <= OffW'(p)) && (OffW'(p) <= pe);
  endfunction

  logic aw_hs_i, r_hs, ar_hs, rep_w_hs;
  assign aw_hs_i  = s_axi_awvalid && s_axi_awready;
  assign r_hs     = s_axil_rvalid && s_axil_rready;
  assign ar_hs    = s_axil_arvalid && s_axil_arready;
  assign rep_w_hs = m_axi_rep_wvalid && m_axi_rep_wready;

  // In-order counts (8 bits: far more than a proof's depth). Internal names used (update them if
  // the RTL changes): dut.push / dut.push_* (a write leaves the address pipeline's S6 with marks
  // for the queue), dut.retire (it leaves without marks), dut.q_pop (the head mark enters the RMW
  // pipeline's A stage: its place in the bitmap's order of operations), dut.rpt_ack / dut.rpt_addr
  // (a register report-and-clear enters A), dut.dma_ack / dut.dma_pair / dut.dma_odd (a report-by-
  // DMA pair enters A; its data leaves as the next W beat, in order), dut.log_en / base / page_code
  // / pages (the configuration registers' outputs).
  logic [7:0] n_push_q, n_pop_q, n_dack_q, n_wbeat_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      n_push_q <= '0;  n_pop_q <= '0;  n_dack_q <= '0;  n_wbeat_q <= '0;
    end else begin
      n_push_q  <= n_push_q + 8'(dut.push);
      n_pop_q   <= n_pop_q + 8'(dut.q_pop);
      n_dack_q  <= n_dack_q + 8'(dut.dma_ack);
      n_wbeat_q <= n_wbeat_q + 8'(rep_w_hs);
    end
  end

  // no_lost_mark, in two parts that together follow a write from its AW handshake to the report
  // that returns its mark:
  // (1) CHECK_NO_LOST_MARK_PIPE: a write accepted for F while F logs and touching page P (the
  //     harness's own page arithmetic, touches()) leaves the address pipeline, exactly 7 clocks
  //     later (it never stalls), as a mark for the queue whose words and masks hold (F, P); never
  //     retired unmarked. One such write is followed at a time (pick_w: the solver chooses which),
  //     by its age.
  // (2) CHECK_NO_LOST_MARK: a mark of (F, P) pushed into the queue (pick_w again) is followed by its
  //     place among the pushes (trk_queue) into the RMW pipeline (trk_rmw: from its pop on, it is
  //     ahead of every later operation); the first report-and-clear of P's word that enters the
  //     pipeline after it must return P's bit as 1: the next AXI4-Lite R data (exp_r) or the W beat
  //     that carries that pair (exp_w). A report that entered the pipeline before the mark (the
  //     same-clock collision of a clear with the mark included) may return 0: the mark is still
  //     owed to a later report, and the harness keeps waiting for it.
  logic       pipe_q, pipe_new, pipe_exit;
  logic [2:0] pipe_age_q;
  logic [AddrWidth-1:0] pipe_base_q;
  logic [PageCodeW-1:0] pipe_code_q;
  logic [31:0]          pipe_pages_q;
  assign pipe_new  = aw_hs_i && pick_w && !pipe_q && s_axi_awuser == sym_f &&
                     dut.log_en[FuncIdxW'(sym_f)] &&
                     touches(s_axi_awaddr, s_axi_awlen, s_axi_awsize, s_axi_awburst,
                             dut.base[FuncIdxW'(sym_f)], dut.page_code[FuncIdxW'(sym_f)],
                             dut.pages[FuncIdxW'(sym_f)], sym_p);
  assign pipe_exit = pipe_q && pipe_age_q == 3'd6;  // S0 .. S6: its S6 flops show it 7 clocks on
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      pipe_q <= 1'b0;
    end else begin
      if (pipe_exit) pipe_q <= 1'b0;
      if (pipe_q) pipe_age_q <= pipe_age_q + 3'd1;
      if (pipe_new) begin
        pipe_q       <= 1'b1;
        pipe_age_q   <= '0;
        pipe_base_q  <= dut.base[FuncIdxW'(sym_f)];
        pipe_code_q  <= dut.page_code[FuncIdxW'(sym_f)];
        pipe_pages_q <= dut.pages[FuncIdxW'(sym_f)];
      end
    end
  end
  // The protocol (docs/dirty_track.md "When a write is logged"): BASE, PAGES and PAGE_SIZE of F are
  // not changed while one of F's writes is in the address pipeline (they are sampled within a clock
  // of the handshake).
  always_comb begin
    if (rst_ni && pipe_q)
      assume (dut.base[FuncIdxW'(sym_f)] == pipe_base_q && dut.page_code[FuncIdxW'(sym_f)] == pipe_code_q &&
              dut.pages[FuncIdxW'(sym_f)] == pipe_pages_q);
  end

  logic       trk_queue_q, trk_rmw_q, exp_r_q, exp_w_q, trk_busy;
  logic [7:0] trk_idx_q, exp_idx_q;
  logic [1:0] trk_age_q;  // clocks since the followed operation left A (saturating: D 0, W 1, ...)
  logic trk_new, trk_popped, rpt_take, dma_take, exp_w_beat, push_covers;
  assign push_covers = 32'(dut.push_func) == 32'(sym_f) &&
                       ((32'(dut.push_word0) == 32'(sym_p >> WordSelW) && dut.push_mask0[pbit]) ||
                        (dut.push_two && 32'(dut.push_word1) == 32'(sym_p >> WordSelW) &&
                         dut.push_mask1[pbit]));
  assign trk_busy   = trk_queue_q || trk_rmw_q || exp_r_q || exp_w_q;
  // (a mark of two words is followed only if they are adjacent, as no_lost_mark_pipe proves they are)
  assign trk_new    = dut.push && push_covers && pick_w && !trk_busy &&
                      (!dut.push_two || dut.push_word1 == dut.push_word0 + 1'b1);
  assign trk_popped = trk_queue_q && dut.q_pop && n_pop_q == trk_idx_q;
  assign rpt_take   = trk_rmw_q && dut.rpt_ack && dut.rpt_addr == gw;
  assign dma_take   = trk_rmw_q && dut.dma_ack && 32'(dut.dma_pair) == 32'(gw >> 1) &&
                      (!gw[0] || dut.dma_odd);
  assign exp_w_beat = exp_w_q && rep_w_hs && n_wbeat_q == exp_idx_q;

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      trk_queue_q <= 1'b0;  trk_rmw_q <= 1'b0;  exp_r_q <= 1'b0;  exp_w_q <= 1'b0;
    end else begin
      if (trk_new) begin
        trk_queue_q <= 1'b1;
        trk_idx_q   <= n_push_q;
      end
      if (trk_age_q != 2'd3) trk_age_q <= trk_age_q + 2'd1;
      if (trk_popped) begin
        trk_queue_q <= 1'b0;
        trk_rmw_q   <= 1'b1;
        trk_age_q   <= '0;
      end
      if (rpt_take) begin
        trk_rmw_q <= 1'b0;
        exp_r_q   <= 1'b1;
        trk_age_q <= '0;
      end
      if (dma_take) begin
        trk_rmw_q <= 1'b0;
        exp_w_q   <= 1'b1;
        exp_idx_q <= n_dack_q;
        trk_age_q <= '0;
      end
      if (exp_r_q && r_hs) exp_r_q <= 1'b0;
      if (exp_w_beat) exp_w_q <= 1'b0;
    end
  end

  // What the bitmap checks observe (FORMAL_BREAK_* mutates it).
  logic [31:0] obs_rdata;
  logic        g_mark_queued, rd_g;
  logic [RamAddrW-1:0]      rd_word;    // the bitmap word of the register read in progress
  logic [AxilAddrWidth-1:0] rd_addr_q;  // its address (AR handshake; one access at a time)
  always_comb begin
    obs_rdata   = s_axil_rdata;
    g_mark_queued = dut.push && 32'(dut.push_func) == 32'(sym_g);
`ifdef FORMAL_BREAK_NO_LOST_MARK
    if (rd_word == gw) obs_rdata[pbit] = 1'b0;  // a register report loses P's mark
`endif
  end

  // no_cross_function, in two parts:
  // (1) CHECK_NO_CROSS_FUNCTION_PIPE: a mark of function G leaves the address pipeline (dut.push,
  //     dut.push_func) only 7 clocks after an AW handshake with AWUSER = G (gsh_q: those handshakes,
  //     shifted along with the pipeline's S0 .. S6).
  // (2) CHECK_NO_CROSS_FUNCTION: until a mark of G has entered the mark queue since reset
  //     (g_wrote_q), every report of a word of G's bitmap returns 0: a register read (its address
  //     taken at the AR handshake, one access at a time) or one pair of a report by DMA (pick_g: the
  //     solver chooses which; followed to its W beat by its place among the pairs).
  // So a function that never writes has a bitmap of zeros, whatever the others write.
  logic [6:0] gsh_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) gsh_q <= '0;
    else         gsh_q <= {gsh_q[5:0], aw_hs_i && s_axi_awuser == sym_g};
  end
  logic                 g_wrote_q, tagg_q;
  logic [7:0]           tagg_idx_q;
  logic [1:0]           tagg_age_q;  // clocks since the followed pair left A (saturating)
  logic                 tagg_beat;
  logic [63:0]          obs_rep_wdata;  // what the check observes of the report's W data
  always_comb begin
    obs_rep_wdata = m_axi_rep_wdata;
`ifdef FORMAL_BREAK_NO_CROSS_FUNCTION
    obs_rep_wdata[63] = 1'b1;  // a page of G's odd word appears dirty in every W beat
`endif
  end
  assign tagg_beat = tagg_q && rep_w_hs && n_wbeat_q == tagg_idx_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      g_wrote_q <= 1'b0;
      tagg_q    <= 1'b0;
    end else begin
      if (g_mark_queued) g_wrote_q <= 1'b1;
      if (tagg_age_q != 2'd3) tagg_age_q <= tagg_age_q + 2'd1;
      if (dut.dma_ack && pick_g && !tagg_q &&
          32'({dut.dma_pair, 1'b0}) / WordsPerFunc == 32'(sym_g)) begin
        tagg_q     <= 1'b1;
        tagg_idx_q <= n_dack_q;
        tagg_age_q <= '0;
      end
      if (tagg_beat) tagg_q <= 1'b0;
    end
    if (ar_hs) rd_addr_q <= s_axil_araddr;
  end
  assign rd_word = RamAddrW'(rd_addr_q[BitmapWindowBit-1:2]);
  assign rd_g    = rd_addr_q[BitmapWindowBit] && rd_addr_q[1:0] == '0 &&
                     32'(rd_addr_q[BitmapWindowBit-1:2]) < Depth &&
                     32'(rd_addr_q[BitmapWindowBit-1:2]) / WordsPerFunc == 32'(sym_g);

  logic d_mark, w_mark;  // a mark in the RMW pipeline's D / W stage
  assign d_mark = dut.u_rmw.d_valid_q && dut.u_rmw.d_kind_q == OpMark;
  assign w_mark = dut.u_rmw.w_valid_q && dut.u_rmw.w_kind_q == OpMark;

  // LEMMA_NLM: where the followed mark (and then the report that takes it) is, for the induction of
  // no_lost_mark. Internal names: the mark queue (dut.u_queue: mem_q, rptr_q, wptr_q, count_q), the
  // RMW pipeline's D and W stages, its last two writes per lane (h1_*), the RAM banks
  // (dut.u_rmw.g_lane[l].u_ram.mem_q), the register report's response (rsp_*), the AXI4-Lite front
  // end (dut.u_csr: state_q, is_wr_q, pend_q, rdata_q), the report-by-DMA data FIFO
  // (dut.u_report.u_data) and its credit count (dut.u_report.out_q).
  localparam int unsigned WordIdxW = PageIdxW - WordSelW;
  localparam int unsigned QPtrW = $clog2(QueueDepth);
  localparam int unsigned BankAddrW = (Depth / 2 > 1) ? $clog2(Depth / 2) : 1;
  localparam int unsigned DPtrW = $clog2(RepFifoDepth);
  logic                 lane;  // P's word: bank lane and bank address
  logic [BankAddrW-1:0] bank;
  assign lane = gw[0];
  assign bank = BankAddrW'(gw >> 1);
  // a queue entry {func, word0, mask0, two, word1, mask1} holding (F, P), two words adjacent
  function automatic logic entry_covers(logic [FuncIdxW + 2 * WordIdxW + 2 * WordBits:0] e,
                                        logic [FuncWidth-1:0] f, logic [PageIdxW-1:0] p);
    logic [FuncIdxW-1:0] ef;
    logic [WordIdxW-1:0] w0, w1;
    logic [WordBits-1:0] m0, m1;
    logic                two;
    {ef, w0, m0, two, w1, m1} = e;
    return 32'(ef) == 32'(f) && (!two || w1 == w0 + 1'b1) &&
           ((32'(w0) == 32'(p >> WordSelW) && m0[p[WordSelW-1:0]]) ||
            (two && 32'(w1) == 32'(p >> WordSelW) && m1[p[WordSelW-1:0]]));
  endfunction
  logic [QPtrW-1:0] q_slot;
  logic [7:0]       q_pos;
  assign q_pos  = trk_idx_q - n_pop_q;
  assign q_slot = dut.u_queue.rptr_q + QPtrW'(q_pos);
  // RMW stages on P's word (lane, bank)
  logic d_on, w_on, h1_on, d_rpt, w_rpt, d_dma, w_dma, d_init, w_init, ram_bit, fw_bit;
  assign d_init = dut.u_rmw.d_valid_q && dut.u_rmw.d_kind_q == OpInit;
  assign w_init = dut.u_rmw.w_valid_q && dut.u_rmw.w_kind_q == OpInit;
  assign d_on  = dut.u_rmw.d_valid_q && dut.u_rmw.d_en_q[lane] && dut.u_rmw.d_baddr_q[lane] == bank;
  assign w_on  = dut.u_rmw.w_valid_q && dut.u_rmw.w_en_q[lane] && dut.u_rmw.w_baddr_q[lane] == bank;
  assign h1_on = dut.u_rmw.h1_valid_q[lane] && dut.u_rmw.h1_baddr_q[lane] == bank;
  assign d_rpt = dut.u_rmw.d_valid_q && dut.u_rmw.d_kind_q == OpReport;
  assign w_rpt = dut.u_rmw.w_valid_q && dut.u_rmw.w_kind_q == OpReport;
  assign d_dma = dut.u_rmw.d_valid_q && dut.u_rmw.d_kind_q == OpDmaRpt;
  assign w_dma = dut.u_rmw.w_valid_q && dut.u_rmw.w_kind_q == OpDmaRpt;
  assign ram_bit = lane ? dut.u_rmw.g_lane[1].u_ram.mem_q[bank][pbit] :
                          dut.u_rmw.g_lane[0].u_ram.mem_q[bank][pbit];
  // P's bit as the operation in D will find it in W (the RTL's forwarding order: the write in W
  // now, else the last write, else the RAM word read in A)
  assign fw_bit = w_on ? dut.u_rmw.w_new[lane][pbit] :
                  (h1_on ? dut.u_rmw.h1_data_q[lane][pbit] : dut.u_rmw.ram_rdata[lane][pbit]);
  // the report-by-DMA pairs in flight: D, W, the response flop, the data FIFO
  logic [7:0] dma_flight;
  assign dma_flight = 8'(d_dma) + 8'(w_dma) + 8'(dut.u_rmw.dma_valid_q) + 8'(dut.u_report.u_data.count_q);
  logic [DPtrW-1:0] d_slot;
  logic [7:0]       d_pos;
  assign d_pos  = exp_idx_q - n_wbeat_q;
  assign d_slot = dut.u_report.u_data.rptr_q + DPtrW'(d_pos);
  logic front_fwd_rd;  // the front end is waiting for a register report's answer
  assign front_fwd_rd = dut.u_csr.state_q == 2'd2 && !dut.u_csr.is_wr_q && dut.req_bmp;

  // LEMMA_NCF: nothing of G's bitmap is nonzero anywhere while no mark of G has entered the queue:
  // the queue's live entries, the marks in D and W (and every mark's words are its own function's),
  // the RAM words, the last writes, what D will find in W, the register report's response and the
  // front end's read data, the followed report-by-DMA pair on its way to its W beat.
  // Internal names as for LEMMA_NLM, and the stages' d_func_q / w_func_q.
  function automatic logic [31:0] fbank(logic [BankAddrW-1:0] b);  // function of a bank address
    return (32'(b) * 2) / WordsPerFunc;
  endfunction
  logic [1:0][WordBits-1:0] fw_word;  // the word the operation in D will find in W, per lane
  for (genvar l = 0; l < 2; l++) begin : g_fw_word
    assign fw_word[l] =
      (dut.u_rmw.w_we[l] && dut.u_rmw.w_baddr_q[l] == dut.u_rmw.d_baddr_q[l]) ? dut.u_rmw.w_new[l] :
      ((dut.u_rmw.h1_valid_q[l] && dut.u_rmw.h1_baddr_q[l] == dut.u_rmw.d_baddr_q[l]) ?
       dut.u_rmw.h1_data_q[l] : dut.u_rmw.ram_rdata[l]);
  end
  logic [RamAddrW-1:0] front_word;  // the bitmap word of the front end's access
  assign front_word = RamAddrW'(dut.u_csr.addr_q[BitmapWindowBit-1:2]);
  logic [DPtrW-1:0] g_slot;
  logic [7:0]       g_pos;
  assign g_pos  = tagg_idx_q - n_wbeat_q;
  assign g_slot = dut.u_report.u_data.rptr_q + DPtrW'(g_pos);
  localparam int unsigned QEntryW = FuncIdxW + 2 * WordIdxW + 2 * WordBits + 1;

  always_ff @(posedge clk_i) begin
    if (rst_ni && past_valid_q) begin
`ifdef CHECK_NO_LOST_MARK_PIPE
      // the followed write leaves the address pipeline as a mark of (F, P), never retired unmarked
      if (pipe_exit) assert (dut.push && push_covers);
`endif
`ifdef LEMMA_PIPE
      if (pipe_q) assert (pipe_age_q <= 3'd6);
`endif
`ifdef CHECK_NO_LOST_MARK
      // the first report of P's word that enters the RMW pipeline after the mark returns P's bit as 1
      if (exp_r_q && r_hs) assert (obs_rdata[pbit]);
      if (exp_w_beat) assert (m_axi_rep_wdata[{gw[0], pbit}]);
`endif
`ifdef LEMMA_NLM
      assert ($onehot0({trk_queue_q, trk_rmw_q, exp_r_q, exp_w_q}));
      if (trk_busy || dut.occ_q != '0) assert (dut.init_done);
      // the bitmap clear after reset comes first: no operation is ahead of a clear, and none of
      // those behind the followed mark is one
      if (d_init) assert (!(dut.u_rmw.w_valid_q && dut.u_rmw.w_kind_q != OpInit));
      // the sweep: the clears in D and W are the two before the counter, one bank address each
      if (d_init) assert (dut.u_rmw.d_en_q == 2'b11 && dut.u_rmw.d_baddr_q[0] == dut.u_rmw.d_baddr_q[1] &&
                          dut.u_rmw.d_baddr_q[0] == BankAddrW'(dut.u_rmw.init_cnt_q - 1'b1));
      if (w_init) assert (dut.u_rmw.w_en_q == 2'b11 && dut.u_rmw.w_baddr_q[0] == dut.u_rmw.w_baddr_q[1] &&
                          dut.u_rmw.w_baddr_q[0] == BankAddrW'(32'(dut.u_rmw.init_cnt_q) - 32'(d_init) - 1));
      if (!dut.init_done) assert (32'(dut.u_rmw.init_cnt_q) >= 32'(d_init) + 32'(w_init));
      if (!dut.init_done)
        assert (!(dut.u_rmw.d_valid_q && dut.u_rmw.d_kind_q != OpInit) &&
                !(dut.u_rmw.w_valid_q && dut.u_rmw.w_kind_q != OpInit));
      if ((trk_rmw_q && trk_age_q >= 2'd1) || exp_r_q || exp_w_q) assert (!d_init);
      if ((trk_rmw_q && trk_age_q >= 2'd2) || exp_r_q || exp_w_q) assert (!w_init);
      // the mark queue
      assert (8'(dut.q_count) == n_push_q - n_pop_q);
      assert (QPtrW'(dut.u_queue.wptr_q - dut.u_queue.rptr_q) == QPtrW'(dut.q_count));
      if (trk_queue_q) assert (q_pos < 8'(dut.q_count) && entry_covers(dut.u_queue.mem_q[q_slot], sym_f, sym_p));
      // the RMW pipeline: the followed mark, then every later operation on P's word
      if (trk_rmw_q && trk_age_q == 2'd0)
        assert (dut.u_rmw.d_valid_q && dut.u_rmw.d_kind_q == OpMark && d_on && dut.u_rmw.d_mask_q[lane][pbit]);
      if (trk_rmw_q && trk_age_q == 2'd1)
        assert (dut.u_rmw.w_valid_q && dut.u_rmw.w_kind_q == OpMark && w_on && dut.u_rmw.w_mask_q[lane][pbit]);
      if (trk_rmw_q && trk_age_q >= 2'd1 && d_on) assert (dut.u_rmw.d_kind_q == OpMark && fw_bit);
      if (trk_rmw_q && trk_age_q >= 2'd2) begin
        assert (ram_bit);
        if (w_on) assert (dut.u_rmw.w_kind_q == OpMark && dut.u_rmw.w_old[lane][pbit]);
        if (h1_on) assert (dut.u_rmw.h1_data_q[lane][pbit]);
      end
      // register reports: at most one in flight, the front end's; the one that took the mark
      assert (32'(d_rpt) + 32'(w_rpt) + 32'(dut.u_rmw.rsp_valid_q) <= 1);
      if (d_rpt) assert ($onehot(dut.u_rmw.d_en_q));
      if (w_rpt) assert ($onehot(dut.u_rmw.w_en_q));
      if (d_dma) assert (dut.u_rmw.d_en_q[0]);
      if (w_dma) assert (dut.u_rmw.w_en_q[0]);
      if (d_rpt || w_rpt || dut.u_rmw.rsp_valid_q) assert (front_fwd_rd && !dut.u_csr.pend_q);
      if (dut.u_csr.pend_q) assert (dut.u_csr.state_q == 2'd2 && !(dut.req_bmp && dut.u_csr.is_wr_q));
      if (exp_r_q) begin
        if (trk_age_q == 2'd0) assert (d_rpt && d_on && fw_bit);
        if (trk_age_q == 2'd1) assert (w_rpt && w_on && dut.u_rmw.w_old[lane][pbit]);
        if (trk_age_q == 2'd2) assert (dut.u_rmw.rsp_valid_q && dut.u_rmw.rsp_data_q[pbit]);
        if (trk_age_q == 2'd3) assert (dut.u_csr.state_q == 2'd3 && !dut.u_csr.is_wr_q && dut.u_csr.rdata_q[pbit]);
      end
      // reports by DMA: pairs in flight in order, the data FIFO
      assert (n_dack_q - n_wbeat_q == dma_flight);
      assert (32'(dut.u_report.out_q) == 32'(dma_flight) && 32'(dut.u_report.out_q) <= RepFifoDepth);
      assert (DPtrW'(dut.u_report.u_data.wptr_q - dut.u_report.u_data.rptr_q) ==
              DPtrW'(dut.u_report.u_data.count_q));
      if (exp_w_q) begin
        if (trk_age_q == 2'd0) assert (d_dma && d_on && fw_bit && exp_idx_q == n_dack_q - 8'd1);
        if (trk_age_q == 2'd1)
          assert (w_dma && w_on && dut.u_rmw.w_old[lane][pbit] && exp_idx_q == n_dack_q - 8'd1 - 8'(d_dma));
        if (trk_age_q == 2'd2)
          assert (dut.u_rmw.dma_valid_q && dut.u_rmw.dma_data_q[{lane, pbit}] &&
                  exp_idx_q == n_dack_q - 8'd1 - 8'(d_dma) - 8'(w_dma));
        if (trk_age_q == 2'd3)
          assert (d_pos < 8'(dut.u_report.u_data.count_q) && dut.u_report.u_data.mem_q[d_slot][{lane, pbit}]);
      end
`endif
`ifdef LEMMA_NCF
      for (int unsigned l = 0; l < 2; l++) begin
        if (d_mark && dut.u_rmw.d_en_q[l]) assert (fbank(dut.u_rmw.d_baddr_q[l]) == 32'(dut.u_rmw.d_func_q));
        if (w_mark && dut.u_rmw.w_en_q[l]) assert (fbank(dut.u_rmw.w_baddr_q[l]) == 32'(dut.u_rmw.w_func_q));
      end
      if (dut.u_csr.state_q != 2'd0 && !dut.u_csr.is_wr_q) assert (dut.u_csr.addr_q == rd_addr_q);
      if (d_rpt) assert (dut.u_rmw.d_en_q[front_word[0]] && dut.u_rmw.d_baddr_q[front_word[0]] == BankAddrW'(front_word >> 1));
      if (w_rpt) assert (dut.u_rmw.w_en_q[front_word[0]] && dut.u_rmw.w_baddr_q[front_word[0]] == BankAddrW'(front_word >> 1));
      if (!g_wrote_q) begin
        for (int unsigned i = 0; i < QueueDepth; i++) begin
          if (32'(QPtrW'(QPtrW'(i) - dut.u_queue.rptr_q)) < 32'(dut.q_count))
            assert (32'(dut.u_queue.mem_q[i][QEntryW-1 -: FuncIdxW]) != 32'(sym_g));
        end
        if (d_mark) assert (32'(dut.u_rmw.d_func_q) != 32'(sym_g));
        if (w_mark) assert (32'(dut.u_rmw.w_func_q) != 32'(sym_g));
        // RAM words of G: zero once the clear after reset has written them (the sweep's counter has
        // passed them, or it has finished) and no clear of them is still in D or W
        for (int unsigned b = 0; b < Depth / 2; b++) begin
          if (fbank(BankAddrW'(b)) == 32'(sym_g) &&
              (dut.init_done || b < 32'(dut.u_rmw.init_cnt_q)) &&
              !(d_init && 32'(dut.u_rmw.d_baddr_q[0]) == b) && !(w_init && 32'(dut.u_rmw.w_baddr_q[0]) == b))
            assert (dut.u_rmw.g_lane[0].u_ram.mem_q[b] == '0 && dut.u_rmw.g_lane[1].u_ram.mem_q[b] == '0);
        end
        for (int unsigned l = 0; l < 2; l++) begin
          if (dut.u_rmw.h1_valid_q[l] && fbank(dut.u_rmw.h1_baddr_q[l]) == 32'(sym_g))
            assert (dut.u_rmw.h1_data_q[l] == '0);
          if (dut.u_rmw.d_valid_q && !d_init && dut.u_rmw.d_en_q[l] && fbank(dut.u_rmw.d_baddr_q[l]) == 32'(sym_g))
            assert (fw_word[l] == '0);
          if (dut.u_rmw.w_valid_q && !w_init && dut.u_rmw.w_en_q[l] && fbank(dut.u_rmw.w_baddr_q[l]) == 32'(sym_g))
            assert (dut.u_rmw.w_old[l] == '0);
        end
        if (dut.u_rmw.rsp_valid_q && rd_g) assert (dut.u_rmw.rsp_data_q == '0);
        if (dut.u_csr.state_q == 2'd3 && !dut.u_csr.is_wr_q && rd_g) assert (dut.u_csr.rdata_q == '0);
        if (tagg_q) begin
          if (tagg_age_q == 2'd0)
            assert (d_dma && fbank(dut.u_rmw.d_baddr_q[0]) == 32'(sym_g) && fw_word[0] == '0 &&
                    (!dut.u_rmw.d_en_q[1] || fw_word[1] == '0) && tagg_idx_q == n_dack_q - 8'd1);
          if (tagg_age_q == 2'd1)
            assert (w_dma && fbank(dut.u_rmw.w_baddr_q[0]) == 32'(sym_g) && dut.u_rmw.w_old[0] == '0 &&
                    (!dut.u_rmw.w_en_q[1] || dut.u_rmw.w_old[1] == '0) &&
                    tagg_idx_q == n_dack_q - 8'd1 - 8'(d_dma));
          if (tagg_age_q == 2'd2)
            assert (dut.u_rmw.dma_valid_q && dut.u_rmw.dma_data_q == '0 &&
                    tagg_idx_q == n_dack_q - 8'd1 - 8'(d_dma) - 8'(w_dma));
          if (tagg_age_q == 2'd3)
            assert (g_pos < 8'(dut.u_report.u_data.count_q) && dut.u_report.u_data.mem_q[g_slot][63:0] == '0);
        end
      end
`endif
`ifdef CHECK_NO_CROSS_FUNCTION_PIPE
`ifdef FORMAL_BREAK_NO_CROSS_FUNCTION_PIPE
      if (dut.push && 32'(dut.push_func) == 32'(sym_g)) assert (gsh_q[5]);  // one clock off
`else
      if (dut.push && 32'(dut.push_func) == 32'(sym_g)) assert (gsh_q[6]);
`endif
`endif
`ifdef CHECK_NO_CROSS_FUNCTION
      if (!g_wrote_q && r_hs && s_axil_rresp == 2'b00 && rd_g) assert (s_axil_rdata == '0);
      if (!g_wrote_q && tagg_beat) assert (obs_rep_wdata == '0);
`endif
    end
  end
`endif

endmodule
