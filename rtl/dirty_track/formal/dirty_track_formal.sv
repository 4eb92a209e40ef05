// Formal harness of the dirty-page tracker (docs/dirty_track.md; run: make formal BLOCK=dirty_track).
// Read by yosys-slang with -D FORMAL -D SYNTHESIS (the RTL's concurrent SVA is for simulation).
// The bitmap properties (no_lost_mark, no_cross_function) live in dirty_track_formal_bitmap.sv,
// instantiated below (u_bitmap). The properties observe the ports (AW in, the AXI4-Lite R data,
// the report master's W data, quiesced_o); where a proof must follow a write or a report inside
// the block, the harness names internal signals, each list stated where it is used (update them
// if the RTL changes).
//
// Parameters: reduced to NumFunctions = 2, PagesPerFunc = 64 (two bitmap words per function; 32
// leaves an empty word index, which dirty_track_addr does not elaborate),
// AddrWidth = 36, IdWidth = 1, QueueDepth = 2 (the queue fills after two writes, so AWREADY's
// back-pressure is reached within a few clocks).
//
// Environment (the only assumptions): reset in the first clock (past_valid flop); the DMA master on
// s_axi_aw* and the register master on s_axil_* are legal (valid held until ready, payload
// stable while waiting); reset may assert again later, no check compares across a reset clock.
// m_axi_awready, every payload, the functions and register accesses are free.
//
// Properties (CHECK_* defines, one SymbiYosys task each, rtl/dirty_track/formal/formal.toml):
//   CHECK_AW_PAYLOAD "the AW payload out equals the payload in" (doc "Ports": m_axi_aw* is exactly
//     the AW in payload; one handshake on both sides in the same clock, so in order, none dropped
//     or duplicated): every clock, m_axi_aw{id,addr,len,size,burst,user} equal s_axi_aw*, the two
//     handshakes coincide, and m_axi_awvalid implies s_axi_awvalid.
//   CHECK_REP_LEGAL the report-by-DMA master (m_axi_rep_*) is legal: AW and W stay up with the same
//     payload until ready; every AW is INCR, 64-bit beats, 8-byte aligned, at most 16 beats, inside
//     one 4 KiB page (docs/dirty_track.md "Report by DMA"). m_axi_rep_awready / wready / bvalid /
//     bresp are free inputs.
//   CHECK_AW_OUT_LEGAL the AW out channel is a legal AXI master toward the interconnect: once
//     m_axi_awvalid is up without m_axi_awready it stays up, with the same payload, next clock.
//   CHECK_NO_LOST_MARK_PIPE + CHECK_NO_LOST_MARK "no lost mark" (doc: "the block never loses a
//     mark"; "Report-and-clear", "Report by DMA" no-lost-mark guarantee): for a symbolic function F
//     and page P, a write accepted while F logs and touching P leaves the address pipeline as a
//     mark of (F, P) (the first check, by the harness's own page arithmetic), and the first report
//     of P's word (AXI4-Lite read-and-clear, or the pair of a report by DMA) whose read-and-clear
//     enters the bitmap's order of operations after that mark returns P's bit as 1; a report that
//     got there before the mark, the same-clock collision of a clear with the mark included, may
//     return 0, and the mark stays owed to the next one. So every accepted write of F to P is
//     reported, by register read data or by W data, before or in the first report after it.
//   CHECK_NO_CROSS_FUNCTION_PIPE + CHECK_NO_CROSS_FUNCTION "a write of function F never sets a bit
//     of another function": for a symbolic function G, a mark of G leaves the address pipeline only
//     for a write of G, and until a mark of G has entered the queue every report of a word of G's
//     bitmap (register read data, DMA W data) is 0.
//   CHECK_QUIESCED_SOUND "quiesced_o only when every accepted write is logged" (doc STATUS.quiesced):
//     the writes accepted minus those logged (marks written into the bitmap RAM, or retired with
//     nothing to mark) is 0 whenever quiesced_o is 1.
// LEMMA_* are the helper invariants of the inductions (proved along with the property): LEMMA_OCC
// the occupancy counter (writes in the address pipeline plus queued entries; AWREADY only below
// QueueDepth, bitmap cleared), LEMMA_INFLIGHT the writes in flight, LEMMA_PIPE the followed
// write's age, LEMMA_NLM where the followed mark and the report that takes it are, LEMMA_NCF that
// nothing of G's bitmap is nonzero anywhere.
//
// FORMAL_BREAK_* defines mutate what the harness observes (never the RTL); each must give a
// counterexample (make formal BLOCK=dirty_track BREAK=all): AW_PAYLOAD an address bit of function
// 1's writes flipped; NO_LOST_MARK_PIPE the harness believes writes reach one page further;
// NO_LOST_MARK a register report of P's word loses P's bit; NO_CROSS_FUNCTION_PIPE the G writes are
// looked up one clock off; NO_CROSS_FUNCTION bit 63 of every report W beat reads 1; QUIESCED_SOUND
// quiesced taken without the RMW pipeline's marks in D and W.
module dirty_track_formal
  import dirty_track_pkg::*;
#(
  parameter int unsigned NumFunctions = 2,
  parameter int unsigned PagesPerFunc = 64,
  parameter int unsigned AddrWidth = 36,
  parameter int unsigned IdWidth = 1,
  parameter int unsigned QueueDepth = 2,
  localparam int unsigned PageIdxW = $clog2(PagesPerFunc)
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  input  logic [IdWidth-1:0]       s_axi_awid,
  input  logic [AddrWidth-1:0]     s_axi_awaddr,
  input  logic [7:0]               s_axi_awlen,
  input  logic [2:0]               s_axi_awsize,
  input  logic [1:0]               s_axi_awburst,
  input  logic [FuncWidth-1:0]     s_axi_awuser,
  input  logic                     s_axi_awvalid,
  input  logic                     m_axi_awready,
  input  logic [AxilAddrWidth-1:0] s_axil_awaddr,
  input  logic [2:0]               s_axil_awprot,
  input  logic                     s_axil_awvalid,
  input  logic [FuncWidth-1:0]     s_axil_awuser,
  input  logic [31:0]              s_axil_wdata,
  input  logic [3:0]               s_axil_wstrb,
  input  logic                     s_axil_wvalid,
  input  logic                     s_axil_bready,
  input  logic [AxilAddrWidth-1:0] s_axil_araddr,
  input  logic [2:0]               s_axil_arprot,
  input  logic                     s_axil_arvalid,
  input  logic [FuncWidth-1:0]     s_axil_aruser,
  input  logic                     s_axil_rready,
  input  logic                     m_axi_rep_awready,
  input  logic                     m_axi_rep_wready,
  input  logic [1:0]               m_axi_rep_bresp,
  input  logic                     m_axi_rep_bvalid,
  // symbolic choices of the bitmap properties (held constant from the first clock on)
  input  logic [FuncWidth-1:0]     sym_f,      // the function whose page is tracked (no_lost_mark)
  input  logic [PageIdxW-1:0]      sym_p,      // the tracked page of sym_f
  input  logic [FuncWidth-1:0]     sym_g,      // the function that must stay clean (no_cross_function)
  // free every clock: which write (pick_w) / which reported pair (pick_g) the harness follows
  input  logic                     pick_w,
  input  logic                     pick_g
);

  logic                 s_axi_awready, m_axi_awvalid;
  logic [IdWidth-1:0]   m_axi_awid;
  logic [AddrWidth-1:0] m_axi_awaddr;
  logic [7:0]           m_axi_awlen;
  logic [2:0]           m_axi_awsize;
  logic [1:0]           m_axi_awburst;
  logic [FuncWidth-1:0] m_axi_awuser;
  logic                 s_axil_awready, s_axil_wready, s_axil_bvalid, s_axil_arready, s_axil_rvalid;
  logic [1:0]           s_axil_bresp, s_axil_rresp;
  logic [31:0]          s_axil_rdata;
  logic                 quiesced_o, report_done_o;
  logic [AddrWidth-1:0] m_axi_rep_awaddr;
  logic [7:0]           m_axi_rep_awlen, m_axi_rep_wstrb;
  logic [2:0]           m_axi_rep_awsize;
  logic [1:0]           m_axi_rep_awburst;
  logic                 m_axi_rep_awvalid, m_axi_rep_wlast, m_axi_rep_wvalid, m_axi_rep_bready;
  logic [63:0]          m_axi_rep_wdata;

  dirty_track #(
    .NumFunctions (NumFunctions),
    .PagesPerFunc (PagesPerFunc),
    .AddrWidth    (AddrWidth),
    .IdWidth      (IdWidth),
    .QueueDepth   (QueueDepth)
  ) dut (
    .clk_i, .rst_ni,
    .s_axi_awid, .s_axi_awaddr, .s_axi_awlen, .s_axi_awsize, .s_axi_awburst, .s_axi_awuser,
    .s_axi_awvalid, .s_axi_awready,
    .m_axi_awid, .m_axi_awaddr, .m_axi_awlen, .m_axi_awsize, .m_axi_awburst, .m_axi_awuser,
    .m_axi_awvalid, .m_axi_awready,
    .s_axil_awaddr, .s_axil_awprot, .s_axil_awvalid, .s_axil_awready, .s_axil_awuser,
    .s_axil_wdata, .s_axil_wstrb, .s_axil_wvalid, .s_axil_wready,
    .s_axil_bresp, .s_axil_bvalid, .s_axil_bready,
    .s_axil_araddr, .s_axil_arprot, .s_axil_arvalid, .s_axil_arready, .s_axil_aruser,
    .s_axil_rdata, .s_axil_rresp, .s_axil_rvalid, .s_axil_rready,
    .m_axi_rep_awaddr, .m_axi_rep_awlen, .m_axi_rep_awsize, .m_axi_rep_awburst,
    .m_axi_rep_awvalid, .m_axi_rep_awready,
    .m_axi_rep_wdata, .m_axi_rep_wstrb, .m_axi_rep_wlast, .m_axi_rep_wvalid, .m_axi_rep_wready,
    .m_axi_rep_bresp, .m_axi_rep_bvalid, .m_axi_rep_bready,
    .quiesced_o, .report_done_o
  );

`ifdef FORMAL
  // What the checks observe (FORMAL_BREAK_* mutates it).
  logic [AddrWidth-1:0] obs_awaddr;
  always_comb begin
    obs_awaddr = m_axi_awaddr;
`ifdef FORMAL_BREAK_AW_PAYLOAD
    if (m_axi_awuser == 8'd1) obs_awaddr[12] = ~m_axi_awaddr[12];  // function 1's page number corrupted
`endif
  end

  // ---------------------------------------------------------------------------------------------
  // Environment
  // ---------------------------------------------------------------------------------------------
  logic past_valid_q = 1'b0;  // 0 only in the first clock
  logic prev_rst_n_q;
  always_ff @(posedge clk_i) begin
    past_valid_q <= 1'b1;
    prev_rst_n_q <= rst_ni;
  end
  logic armed;  // this clock and the previous one out of reset
  assign armed = past_valid_q && prev_rst_n_q && rst_ni;
  always_comb if (!past_valid_q) assume (!rst_ni);

  // Legal masters: a valid stays up with a stable payload until its handshake.
  logic                     aw_wait_q, axil_aw_wait_q, axil_w_wait_q, axil_ar_wait_q;
  logic [IdWidth-1:0]       awid_q;
  logic [AddrWidth-1:0]     awaddr_q;
  logic [7:0]               awlen_q;
  logic [2:0]               awsize_q, axil_awprot_q, axil_arprot_q;
  logic [1:0]               awburst_q;
  logic [FuncWidth-1:0]     awuser_q, axil_awuser_q, axil_aruser_q;
  logic [AxilAddrWidth-1:0] axil_awaddr_q, axil_araddr_q;
  logic [31:0]              axil_wdata_q;
  logic [3:0]               axil_wstrb_q;
  always_ff @(posedge clk_i) begin
    aw_wait_q      <= rst_ni && s_axi_awvalid && !s_axi_awready;
    axil_aw_wait_q <= rst_ni && s_axil_awvalid && !s_axil_awready;
    axil_w_wait_q  <= rst_ni && s_axil_wvalid && !s_axil_wready;
    axil_ar_wait_q <= rst_ni && s_axil_arvalid && !s_axil_arready;
    awid_q <= s_axi_awid;  awaddr_q <= s_axi_awaddr;  awlen_q <= s_axi_awlen;
    awsize_q <= s_axi_awsize;  awburst_q <= s_axi_awburst;  awuser_q <= s_axi_awuser;
    axil_awaddr_q <= s_axil_awaddr;  axil_awprot_q <= s_axil_awprot;  axil_awuser_q <= s_axil_awuser;
    axil_araddr_q <= s_axil_araddr;  axil_arprot_q <= s_axil_arprot;  axil_aruser_q <= s_axil_aruser;
    axil_wdata_q <= s_axil_wdata;  axil_wstrb_q <= s_axil_wstrb;
  end
  always_comb begin
    if (!rst_ni) assume (!s_axi_awvalid && !s_axil_awvalid && !s_axil_wvalid && !s_axil_arvalid);
    if (armed && aw_wait_q)
      assume (s_axi_awvalid && s_axi_awid == awid_q && s_axi_awaddr == awaddr_q &&
              s_axi_awlen == awlen_q && s_axi_awsize == awsize_q && s_axi_awburst == awburst_q &&
              s_axi_awuser == awuser_q);
    if (armed && axil_aw_wait_q)
      assume (s_axil_awvalid && s_axil_awaddr == axil_awaddr_q && s_axil_awprot == axil_awprot_q &&
              s_axil_awuser == axil_awuser_q);
    if (armed && axil_w_wait_q)
      assume (s_axil_wvalid && s_axil_wdata == axil_wdata_q && s_axil_wstrb == axil_wstrb_q);
    if (armed && axil_ar_wait_q)
      assume (s_axil_arvalid && s_axil_araddr == axil_araddr_q && s_axil_arprot == axil_arprot_q &&
              s_axil_aruser == axil_aruser_q);
  end

  // AW out of the previous clock: waiting for m_axi_awready, and its payload.
  logic                 out_wait_q;
  logic [IdWidth-1:0]   out_id_q;
  logic [AddrWidth-1:0] out_addr_q;
  logic [7:0]           out_len_q;
  logic [2:0]           out_size_q;
  logic [1:0]           out_burst_q;
  logic [FuncWidth-1:0] out_user_q;
  always_ff @(posedge clk_i) begin
    out_wait_q  <= rst_ni && m_axi_awvalid && !m_axi_awready;
    out_id_q    <= m_axi_awid;    out_addr_q <= obs_awaddr;   out_len_q  <= m_axi_awlen;
    out_size_q  <= m_axi_awsize;  out_burst_q <= m_axi_awburst; out_user_q <= m_axi_awuser;
  end

  // Report master of the previous clock: AW / W waiting for ready, and their payloads.
  logic                 rep_aw_wait_q, rep_w_wait_q;
  logic [AddrWidth-1:0] rep_awaddr_q;
  logic [7:0]           rep_awlen_q, rep_wstrb_q;
  logic [63:0]          rep_wdata_q;
  logic                 rep_wlast_q;
  always_ff @(posedge clk_i) begin
    rep_aw_wait_q <= rst_ni && m_axi_rep_awvalid && !m_axi_rep_awready;
    rep_w_wait_q  <= rst_ni && m_axi_rep_wvalid && !m_axi_rep_wready;
    rep_awaddr_q  <= m_axi_rep_awaddr;  rep_awlen_q <= m_axi_rep_awlen;
    rep_wdata_q   <= m_axi_rep_wdata;   rep_wstrb_q <= m_axi_rep_wstrb;  rep_wlast_q <= m_axi_rep_wlast;
  end

  // quiesced_sound: writes accepted and not yet logged. "Logged" (docs/dirty_track.md, STATUS
  // quiesced: "every accepted write is logged"; after it, "every write accepted before that read is
  // in the bitmap"): its marks are written into the bitmap RAM (the RMW pipeline's W stage writes
  // its last operation: dut.u_rmw.w_valid_q / w_kind_q / w_last_q), or it has nothing to mark and
  // left the address pipeline (dut.retire: logging off, bad function, wholly outside the region).
  logic aw_hs_i;
  assign aw_hs_i = s_axi_awvalid && s_axi_awready;
  logic [7:0] inflight_q;
  logic       w_mark, d_mark, w_mark_last;
  assign d_mark      = dut.u_rmw.d_valid_q && dut.u_rmw.d_kind_q == OpMark;
  assign w_mark      = dut.u_rmw.w_valid_q && dut.u_rmw.w_kind_q == OpMark;
  assign w_mark_last = w_mark && dut.u_rmw.w_last_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) inflight_q <= '0;
    else         inflight_q <= inflight_q + 8'(aw_hs_i) - 8'(dut.retire) - 8'(w_mark_last);
  end
  logic obs_quiesced;
  always_comb begin
    obs_quiesced = quiesced_o;
`ifdef FORMAL_BREAK_QUIESCED_SOUND
    // a quiesce that forgets the marks in the RMW pipeline's D and W stages
    obs_quiesced = dut.init_done && dut.occ_q == '0 && !dut.aw_hs;
`endif
  end

  // The bitmap properties (no_lost_mark, no_cross_function: their ghost state, lemmas and checks).
  dirty_track_formal_bitmap #(
    .NumFunctions(NumFunctions), .PagesPerFunc(PagesPerFunc), .AddrWidth(AddrWidth),
    .QueueDepth(QueueDepth)
  ) u_bitmap (.*);

  // Helper invariants for the inductions (internal names: dut.occ_q, dut.accept_q, dut.init_done,
  // the address pipeline's stage flags dut.u_addr.s*_valid_q / s5_any_q / s6_push_q / s6_retire_q,
  // the mark queue's dut.q_count, the RMW pipeline's D and W stage flags).
  logic [31:0] addr_stages;
  assign addr_stages = 32'(dut.u_addr.s0_valid_q) + 32'(dut.u_addr.s1_valid_q) +
                       32'(dut.u_addr.s2_valid_q) + 32'(dut.u_addr.s3_valid_q) +
                       32'(dut.u_addr.s4_valid_q) + 32'(dut.u_addr.s5_valid_q) +
                       32'(dut.u_addr.s6_push_q) + 32'(dut.u_addr.s6_retire_q);

  // ---------------------------------------------------------------------------------------------
  // Checks
  // ---------------------------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin
    if (rst_ni && past_valid_q) begin
`ifdef CHECK_AW_PAYLOAD
      assert (m_axi_awid == s_axi_awid && obs_awaddr == s_axi_awaddr && m_axi_awlen == s_axi_awlen &&
              m_axi_awsize == s_axi_awsize && m_axi_awburst == s_axi_awburst &&
              m_axi_awuser == s_axi_awuser);
      assert ((m_axi_awvalid && m_axi_awready) == (s_axi_awvalid && s_axi_awready));
      if (m_axi_awvalid) assert (s_axi_awvalid);
`endif
`ifdef CHECK_AW_OUT_LEGAL
      if (armed && out_wait_q)
        assert (m_axi_awvalid && m_axi_awid == out_id_q && obs_awaddr == out_addr_q &&
                m_axi_awlen == out_len_q && m_axi_awsize == out_size_q &&
                m_axi_awburst == out_burst_q && m_axi_awuser == out_user_q);
`endif
`ifdef CHECK_REP_LEGAL
      if (armed && rep_aw_wait_q)
        assert (m_axi_rep_awvalid && m_axi_rep_awaddr == rep_awaddr_q && m_axi_rep_awlen == rep_awlen_q);
      if (armed && rep_w_wait_q)
        assert (m_axi_rep_wvalid && m_axi_rep_wdata == rep_wdata_q && m_axi_rep_wstrb == rep_wstrb_q &&
                m_axi_rep_wlast == rep_wlast_q);
      if (m_axi_rep_awvalid)
        assert (m_axi_rep_awsize == 3'd3 && m_axi_rep_awburst == 2'b01 && m_axi_rep_awaddr[2:0] == '0 &&
                m_axi_rep_awlen < 8'd16 &&
                13'(m_axi_rep_awaddr[11:0]) + 13'({m_axi_rep_awlen, 3'b000}) + 13'd8 <= 13'h1000);
`endif
`ifdef CHECK_QUIESCED_SOUND
      if (obs_quiesced) assert (inflight_q == '0);
`endif
`ifdef LEMMA_OCC
      assert (32'(dut.occ_q) == addr_stages + 32'(dut.q_count));
      assert (32'(dut.occ_q) <= QueueDepth);
      if (dut.accept_q) assert (dut.init_done && 32'(dut.occ_q) < QueueDepth);
      if (dut.u_addr.s5_any_q) assert (dut.u_addr.s5_valid_q);
      assert (!(dut.u_addr.s6_push_q && dut.u_addr.s6_retire_q));
`endif
`ifdef LEMMA_INFLIGHT
      assert (32'(inflight_q) == 32'(dut.occ_q) + 32'(d_mark) + 32'(w_mark));
      if (d_mark) assert (dut.u_rmw.d_last_q);
      if (w_mark) assert (dut.u_rmw.w_last_q);
`endif
    end
  end
`endif

endmodule
