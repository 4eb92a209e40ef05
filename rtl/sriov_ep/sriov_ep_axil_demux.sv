// The subsystem's AXI4-Lite register slave: one access at a time, decoded on the 22-bit address
// (docs/sriov_ep.md "Registers") and forwarded, with its AxUSER and the address minus the range's
// base, to one of three AXI4-Lite slaves, whose answer (OKAY or SLVERR, read data) is passed back:
//   0x000000..0x000FFF  the engine's registers   (m0, 12-bit address)
//   0x001000..0x001FFF  bat_clat                 (m1, 12-bit address)
//   0x100000..0x1FFFFF  dirty_track              (m2, 20-bit address)
//   everything else     SLVERR, no effect, read data 0, answered here (not an access violation)
// The sub-blocks' own fronts take AW and W together; this demux offers both together too.
// Reads and writes alternate when both wait, so neither starves.
// The windows are sriov_ep_space's (sriov_ep_regs.rdl, generated into sriov_ep_reg_addr_pkg); each
// is aligned to its power-of-two size, so a target takes the address's low bits as its own address.
module sriov_ep_axil_demux import sriov_ep_reg_addr_pkg::*; (
  input  logic        clk_i,
  input  logic        rst_ni,
  // upstream slave
  input  logic [21:0] s_awaddr,
  input  logic [2:0]  s_awprot,
  input  logic        s_awvalid,
  output logic        s_awready,
  input  logic [7:0]  s_awuser,
  input  logic [31:0] s_wdata,
  input  logic [3:0]  s_wstrb,
  input  logic        s_wvalid,
  output logic        s_wready,
  output logic [1:0]  s_bresp,
  output logic        s_bvalid,
  input  logic        s_bready,
  input  logic [21:0] s_araddr,
  input  logic [2:0]  s_arprot,
  input  logic        s_arvalid,
  output logic        s_arready,
  input  logic [7:0]  s_aruser,
  output logic [31:0] s_rdata,
  output logic [1:0]  s_rresp,
  output logic        s_rvalid,
  input  logic        s_rready,
  // downstream: one shared request (address full width; each target takes its low bits)
  output logic [21:0] m_addr,
  output logic [2:0]  m_prot,
  output logic [7:0]  m_user,
  output logic [31:0] m_wdata,
  output logic [3:0]  m_wstrb,
  output logic [2:0]  m_awvalid,   // per target: 0 engine, 1 bat_clat, 2 dirty_track
  input  logic [2:0]  m_awready,
  output logic [2:0]  m_wvalid,
  input  logic [2:0]  m_wready,
  input  logic [2:0]  m_bvalid,
  output logic [2:0]  m_bready,
  input  logic [5:0]  m_bresp,     // {dirty_track, bat_clat, engine}
  output logic [2:0]  m_arvalid,
  input  logic [2:0]  m_arready,
  input  logic [2:0]  m_rvalid,
  output logic [2:0]  m_rready,
  input  logic [95:0] m_rdata,
  input  logic [5:0]  m_rresp
);

  localparam logic [1:0] RespSlverr = 2'b10;

  typedef enum logic [1:0] {
    StIdle,  // wait for a read or a complete write
    StReq,   // offering the access to its target (AW and W, or AR)
    StWait,  // waiting for the target's B or R
    StResp   // answering upstream, from flops
  } state_e;

  state_e      state_q, state_d;
  logic [21:0] addr_q;
  logic [2:0]  prot_q;
  logic [7:0]  user_q;
  logic [31:0] wdata_q, rdata_q, rdata_d;
  logic [3:0]  wstrb_q;
  logic        is_wr_q, prefer_rd_q;
  logic [2:0]  tgt_q;          // one-hot target; 0 = unmapped
  logic        aw_done_q, aw_done_d, w_done_q, w_done_d;
  logic [1:0]  resp_q, resp_d;

  logic take_rd, take_wr;
  assign take_rd = (state_q == StIdle) && s_arvalid && (prefer_rd_q || !(s_awvalid && s_wvalid));
  assign take_wr = (state_q == StIdle) && s_awvalid && s_wvalid && !take_rd;
  assign s_arready = take_rd;
  assign s_awready = take_wr;
  assign s_wready  = take_wr;

  function automatic logic [2:0] decode(logic [21:0] a);
    decode[0] = (32'(a) < BatClatBase);
    decode[1] = (32'(a) >= BatClatBase) && (32'(a) < BatClatBase + BatClatSize);
    decode[2] = (32'(a) >= DirtyTrackBase) && (32'(a) < DirtyTrackBase + DirtyTrackSize);
  endfunction
  initial begin
    if (BatClatSize != (1 << 12) || BatClatBase % BatClatSize != 0 ||
        DirtyTrackSize != (1 << 20) || DirtyTrackBase % DirtyTrackSize != 0 ||
        BatClatBase < (1 << 12) || SpaceSize > (1 << 22)) begin
      $fatal(1, "sriov_ep_axil_demux: windows of sriov_ep_space changed; update the address widths");
    end
  end

  // ---------------------------------------------------------------- downstream handshakes
  logic in_req, in_wait, got_b, got_r;
  assign in_req    = (state_q == StReq);
  assign in_wait   = (state_q == StWait);
  assign m_awvalid = (in_req && is_wr_q && !aw_done_q) ? tgt_q : '0;
  assign m_wvalid  = (in_req && is_wr_q && !w_done_q) ? tgt_q : '0;
  assign m_arvalid = (in_req && !is_wr_q) ? tgt_q : '0;
  assign m_bready  = (in_wait && is_wr_q) ? tgt_q : '0;
  assign m_rready  = (in_wait && !is_wr_q) ? tgt_q : '0;
  assign got_b     = |(m_bvalid & m_bready);
  assign got_r     = |(m_rvalid & m_rready);

  always_comb begin
    state_d   = state_q;
    aw_done_d = aw_done_q;
    w_done_d  = w_done_q;
    resp_d    = resp_q;
    rdata_d   = rdata_q;
    if (take_rd || take_wr) begin
      aw_done_d = 1'b0;
      w_done_d  = 1'b0;
      rdata_d   = '0;
      resp_d    = RespSlverr;
      state_d   = (decode(take_wr ? s_awaddr : s_araddr) == '0) ? StResp : StReq;
    end
    if (in_req) begin
      if (is_wr_q) begin
        if (|(m_awvalid & m_awready)) aw_done_d = 1'b1;
        if (|(m_wvalid & m_wready))   w_done_d  = 1'b1;
        if (aw_done_d && w_done_d) state_d = StWait;
      end else if (|(m_arvalid & m_arready)) begin
        state_d = StWait;
      end
    end
    if (in_wait) begin
      resp_d = '0;
      for (int unsigned t = 0; t < 3; t++) begin
        if (tgt_q[t]) begin
          resp_d  = is_wr_q ? m_bresp[2*t +: 2] : m_rresp[2*t +: 2];
          rdata_d = is_wr_q ? '0 : m_rdata[32*t +: 32];
        end
      end
      if (got_b || got_r) state_d = StResp;
    end
    if (state_q == StResp && (is_wr_q ? s_bready : s_rready)) state_d = StIdle;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q     <= StIdle;
      addr_q      <= '0;
      prot_q      <= '0;
      user_q      <= '0;
      wdata_q     <= '0;
      wstrb_q     <= '0;
      is_wr_q     <= 1'b0;
      prefer_rd_q <= 1'b0;
      tgt_q       <= '0;
      aw_done_q   <= 1'b0;
      w_done_q    <= 1'b0;
      resp_q      <= '0;
      rdata_q     <= '0;
    end else begin
      state_q   <= state_d;
      aw_done_q <= aw_done_d;
      w_done_q  <= w_done_d;
      // rdata/resp are taken only from the handshake clock's target answer (see StWait)
      if ((take_rd || take_wr) || ((got_b || got_r) && in_wait)) begin
        resp_q  <= resp_d;
        rdata_q <= rdata_d;
      end
      if (take_rd) begin
        addr_q      <= s_araddr;
        prot_q      <= s_arprot;
        user_q      <= s_aruser;
        is_wr_q     <= 1'b0;
        tgt_q       <= decode(s_araddr);
        prefer_rd_q <= 1'b0;
      end
      if (take_wr) begin
        addr_q      <= s_awaddr;
        prot_q      <= s_awprot;
        user_q      <= s_awuser;
        wdata_q     <= s_wdata;
        wstrb_q     <= s_wstrb;
        is_wr_q     <= 1'b1;
        tgt_q       <= decode(s_awaddr);
        prefer_rd_q <= 1'b1;
      end
    end
  end

  assign m_addr  = addr_q;
  assign m_prot  = prot_q;
  assign m_user  = user_q;
  assign m_wdata = wdata_q;
  assign m_wstrb = wstrb_q;

  assign s_bvalid = (state_q == StResp) && is_wr_q;
  assign s_rvalid = (state_q == StResp) && !is_wr_q;
  assign s_bresp  = resp_q;
  assign s_rresp  = resp_q;
  assign s_rdata  = rdata_q;

`ifndef SYNTHESIS
  // One access at a time, to at most one target.
  a_one_target: assert property (@(posedge clk_i) disable iff (!rst_ni) $onehot0(tgt_q));
  a_one_handshake: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !(s_arready && s_awready));
  // An unmapped access reaches no target and answers SLVERR with read data 0.
  a_unmapped_slverr: assert property (@(posedge clk_i) disable iff (!rst_ni)
    (s_bvalid || s_rvalid) && tgt_q == '0 |-> resp_q == RespSlverr && rdata_q == '0);
  a_no_stray_valid: assert property (@(posedge clk_i) disable iff (!rst_ni)
    tgt_q == '0 |-> m_awvalid == '0 && m_wvalid == '0 && m_arvalid == '0);
`endif

endmodule : sriov_ep_axil_demux
