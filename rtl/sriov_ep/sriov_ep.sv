// SR-IOV endpoint subsystem (docs/sriov_ep.md): a DMA write engine that translates every 4 KiB
// piece of a descriptor through bat_clat and writes host memory through dirty_track, which marks
// the pages of logged functions and reports the marks by DMA.
//
//   desc_*, data_* -> sriov_ep_accept -> sriov_ep_xlate_q <-> bat_clat (req/rsp; AR/R to host)
//                     (split, stop,      (pieces in flight,
//                      LEN_INVALID)       tags = slots)
//                  -> sriov_ep_writer -> AW: dirty_track (AW pass-through, marks) -> sriov_ep_wr_arb
//                     (bursts, W)     -> W: ------------------------------------> sriov_ep_wr_arb
//                  -> sriov_ep_cpl (items retire with B, in order) -> cpl_*   dirty_track report
//                                                                              master -> wr_arb
//   s_axil_* -> sriov_ep_axil_demux -> sriov_ep_eng_regs | bat_clat | dirty_track
//
// This module is wiring only.
module sriov_ep import sriov_ep_pkg::*; #(
  parameter int unsigned NumFunctions  = 8,
  parameter int unsigned PagesPerFunc  = 16384,
  parameter int unsigned TagWidth      = 8,
  parameter int unsigned OffsetWidth   = 40,
  parameter int unsigned LenWidth      = 17,
  parameter int unsigned MaxPieces     = 8,
  parameter int unsigned MaxBurstBeats = 32,
  parameter int unsigned AxiIdWidth    = 4
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // descriptors
  input  logic                     desc_valid_i,
  output logic                     desc_ready_o,
  input  logic [TagWidth-1:0]      desc_tag_i,
  input  logic [FuncWidth-1:0]     desc_func_i,
  input  logic [ServiceWidth-1:0]  desc_service_i,
  input  logic [OffsetWidth-1:0]   desc_offset_i,
  input  logic [LenWidth-1:0]      desc_len_i,
  // payload
  input  logic                     data_valid_i,
  output logic                     data_ready_o,
  input  logic [DataWidth-1:0]     data_i,
  input  logic [StrbWidth-1:0]     data_strb_i,
  // completions
  output logic                     cpl_valid_o,
  input  logic                     cpl_ready_i,
  output logic [TagWidth-1:0]      cpl_tag_o,
  output logic [StatusWidth-1:0]   cpl_status_o,
  // AXI4-Lite register slave (AxUSER = accessing function)
  input  logic [21:0]              s_axil_awaddr,
  input  logic [2:0]               s_axil_awprot,
  input  logic                     s_axil_awvalid,
  output logic                     s_axil_awready,
  input  logic [FuncWidth-1:0]     s_axil_awuser,
  input  logic [31:0]              s_axil_wdata,
  input  logic [3:0]               s_axil_wstrb,
  input  logic                     s_axil_wvalid,
  output logic                     s_axil_wready,
  output logic [1:0]               s_axil_bresp,
  output logic                     s_axil_bvalid,
  input  logic                     s_axil_bready,
  input  logic [21:0]              s_axil_araddr,
  input  logic [2:0]               s_axil_arprot,
  input  logic                     s_axil_arvalid,
  output logic                     s_axil_arready,
  input  logic [FuncWidth-1:0]     s_axil_aruser,
  output logic [31:0]              s_axil_rdata,
  output logic [1:0]               s_axil_rresp,
  output logic                     s_axil_rvalid,
  input  logic                     s_axil_rready,
  // host memory: AXI4 read (bat_clat's table fetches)
  output logic [AxiIdWidth-1:0]    m_axi_arid,
  output logic [HostAddrWidth-1:0] m_axi_araddr,
  output logic [7:0]               m_axi_arlen,
  output logic [2:0]               m_axi_arsize,
  output logic [1:0]               m_axi_arburst,
  output logic                     m_axi_arvalid,
  input  logic                     m_axi_arready,
  input  logic [AxiIdWidth-1:0]    m_axi_rid,
  input  logic [DataWidth-1:0]     m_axi_rdata,
  input  logic [1:0]               m_axi_rresp,
  input  logic                     m_axi_rlast,
  input  logic                     m_axi_rvalid,
  output logic                     m_axi_rready,
  // host memory: AXI4 write (DMA bursts and bitmap reports)
  output logic [AxiIdWidth-1:0]    m_axi_awid,
  output logic [HostAddrWidth-1:0] m_axi_awaddr,
  output logic [7:0]               m_axi_awlen,
  output logic [2:0]               m_axi_awsize,
  output logic [1:0]               m_axi_awburst,
  output logic [FuncWidth-1:0]     m_axi_awuser,
  output logic                     m_axi_awvalid,
  input  logic                     m_axi_awready,
  output logic [DataWidth-1:0]     m_axi_wdata,
  output logic [StrbWidth-1:0]     m_axi_wstrb,
  output logic                     m_axi_wlast,
  output logic                     m_axi_wvalid,
  input  logic                     m_axi_wready,
  input  logic [AxiIdWidth-1:0]    m_axi_bid,
  input  logic [1:0]               m_axi_bresp,
  input  logic                     m_axi_bvalid,
  output logic                     m_axi_bready,
  // dirty_track's STATUS.quiesced
  output logic                     quiesced_o
);

  localparam int unsigned SlotW   = $clog2(MaxPieces);
  localparam int unsigned MaxDesc = 16;  // descriptors accepted and not completed

  if (NumFunctions < 1 || NumFunctions > MaxRegFuncs) begin : g_bad_num_functions
    $error("sriov_ep: NumFunctions must be 1..8");
  end
  if (MaxPieces < 2 || (MaxPieces & (MaxPieces - 1)) != 0 || MaxPieces > 256) begin : g_bad_pieces
    $error("sriov_ep: MaxPieces must be a power of two, 2..256");
  end
  if (MaxBurstBeats < 2 || (MaxBurstBeats & (MaxBurstBeats - 1)) != 0 || MaxBurstBeats > 256)
  begin : g_bad_burst
    $error("sriov_ep: MaxBurstBeats must be a power of two, 2..256");
  end
  if (LenWidth < 2 || LenWidth > 17) begin : g_bad_len
    $error("sriov_ep: LenWidth must be 2..17 (lengths up to 64 KiB)");
  end
  if (AxiIdWidth < 3) begin : g_bad_id
    $error("sriov_ep: AxiIdWidth must be >= 3 (bat_clat's ARIDs 0..MaxMisses+1)");
  end

  // ---------------------------------------------------------------- engine
  logic [MaxRegFuncs-1:0] stop_func, stopped_func;
  logic                   stop_all, stopped_all, slot_free;
  logic                   acc, ob_valid;
  logic [FuncWidth-1:0]   ob_func;

  logic                    pc_valid, pc_ready, pc_last, pc_xlate, pc_counted;
  logic [TagWidth-1:0]     pc_tag;
  logic [FuncWidth-1:0]    pc_func;
  logic [ServiceWidth-1:0] pc_service;
  logic [OffsetWidth-1:0]  pc_offset;
  logic [PieceLenW-1:0]    pc_len;
  logic [StatusWidth-1:0]  pc_status;

  sriov_ep_accept #(.TagWidth(TagWidth), .OffsetWidth(OffsetWidth), .LenWidth(LenWidth)) u_accept (
    .clk_i, .rst_ni,
    .desc_valid_i, .desc_ready_o, .desc_tag_i, .desc_func_i, .desc_service_i, .desc_offset_i,
    .desc_len_i,
    .stop_func_i(stop_func), .stop_all_i(stop_all), .slot_free_i(slot_free),
    .acc_o(acc), .ob_valid_o(ob_valid), .ob_func_o(ob_func),
    .pc_valid_o(pc_valid), .pc_ready_i(pc_ready), .pc_tag_o(pc_tag), .pc_func_o(pc_func),
    .pc_service_o(pc_service), .pc_offset_o(pc_offset), .pc_len_o(pc_len), .pc_last_o(pc_last),
    .pc_xlate_o(pc_xlate), .pc_status_o(pc_status), .pc_counted_o(pc_counted)
  );

  logic                     xreq_valid, xreq_ready, xrsp_valid, xrsp_ready;
  logic [SlotW-1:0]         xreq_tag, xrsp_tag;
  logic [FuncWidth-1:0]     xreq_func;
  logic [ServiceWidth-1:0]  xreq_service;
  logic [OffsetWidth-1:0]   xreq_offset;
  logic [StatusWidth-1:0]   xrsp_status;
  logic [HostAddrWidth-1:0] xrsp_addr;

  logic                     hd_valid, hd_ready, hd_last, hd_counted;
  logic [TagWidth-1:0]      hd_tag;
  logic [FuncWidth-1:0]     hd_func;
  logic [HostAddrWidth-1:0] hd_addr;
  logic [PieceLenW-1:0]     hd_len;
  logic [StatusWidth-1:0]   hd_status;
  logic                     hd_ok, hd_f_last;
  logic [PieceLenW-1:0]     hd_f_bytes, hd_f_rem;
  logic [BeatCntW-1:0]      hd_f_beats;
  logic [2:0]               hd_f_hi;

  sriov_ep_xlate_q #(
    .TagWidth(TagWidth), .OffsetWidth(OffsetWidth), .MaxPieces(MaxPieces),
    .MaxBurstBeats(MaxBurstBeats)
  ) u_xq (
    .clk_i, .rst_ni,
    .pc_valid_i(pc_valid), .pc_ready_o(pc_ready), .pc_tag_i(pc_tag), .pc_func_i(pc_func),
    .pc_service_i(pc_service), .pc_offset_i(pc_offset), .pc_len_i(pc_len), .pc_last_i(pc_last),
    .pc_xlate_i(pc_xlate), .pc_status_i(pc_status), .pc_counted_i(pc_counted),
    .req_valid_o(xreq_valid), .req_ready_i(xreq_ready), .req_tag_o(xreq_tag),
    .req_func_o(xreq_func), .req_service_o(xreq_service), .req_offset_o(xreq_offset),
    .rsp_valid_i(xrsp_valid), .rsp_ready_o(xrsp_ready), .rsp_tag_i(xrsp_tag),
    .rsp_status_i(xrsp_status), .rsp_addr_i(xrsp_addr),
    .hd_valid_o(hd_valid), .hd_ready_i(hd_ready), .hd_tag_o(hd_tag), .hd_func_o(hd_func),
    .hd_addr_o(hd_addr), .hd_len_o(hd_len), .hd_last_o(hd_last), .hd_status_o(hd_status),
    .hd_counted_o(hd_counted), .hd_ok_o(hd_ok), .hd_f_last_o(hd_f_last), .hd_f_bytes_o(hd_f_bytes),
    .hd_f_beats_o(hd_f_beats), .hd_f_hi_o(hd_f_hi), .hd_f_rem_o(hd_f_rem)
  );

  logic                     eaw_valid, eaw_ready;
  logic [HostAddrWidth-1:0] eaw_addr;
  logic [7:0]               eaw_len;
  logic [FuncWidth-1:0]     eaw_user;
  logic                     ew_valid, ew_ready, ew_last;
  logic [DataWidth-1:0]     ew_data;
  logic [StrbWidth-1:0]     ew_strb;
  logic                     it_push, it_full, it_burst, it_last, it_counted;
  logic [TagWidth-1:0]      it_tag;
  logic [FuncWidth-1:0]     it_func;
  logic [StatusWidth-1:0]   it_status;
  logic [PieceLenW-1:0]     it_bytes;

  sriov_ep_writer #(.TagWidth(TagWidth), .MaxBurstBeats(MaxBurstBeats)) u_writer (
    .clk_i, .rst_ni,
    .hd_valid_i(hd_valid), .hd_ready_o(hd_ready), .hd_tag_i(hd_tag), .hd_func_i(hd_func),
    .hd_addr_i(hd_addr), .hd_len_i(hd_len), .hd_last_i(hd_last), .hd_status_i(hd_status),
    .hd_counted_i(hd_counted), .hd_ok_i(hd_ok), .hd_f_last_i(hd_f_last), .hd_f_bytes_i(hd_f_bytes),
    .hd_f_beats_i(hd_f_beats), .hd_f_hi_i(hd_f_hi), .hd_f_rem_i(hd_f_rem),
    .aw_valid_o(eaw_valid), .aw_ready_i(eaw_ready), .aw_addr_o(eaw_addr), .aw_len_o(eaw_len),
    .aw_user_o(eaw_user),
    .data_valid_i, .data_ready_o, .data_i, .data_strb_i,
    .w_valid_o(ew_valid), .w_ready_i(ew_ready), .w_data_o(ew_data), .w_strb_o(ew_strb),
    .w_last_o(ew_last),
    .it_push_o(it_push), .it_full_i(it_full), .it_tag_o(it_tag), .it_func_o(it_func),
    .it_status_o(it_status), .it_burst_o(it_burst), .it_last_o(it_last),
    .it_counted_o(it_counted), .it_bytes_o(it_bytes)
  );

  logic                   ev_valid, eb_valid, eb_ready;
  logic [1:0]             eb_resp;
  logic [FuncWidth-1:0]   ev_func;
  logic [StatusWidth-1:0] ev_status;
  logic [LenWidth-1:0]    ev_bytes;

  sriov_ep_cpl #(.TagWidth(TagWidth), .LenWidth(LenWidth), .MaxDesc(MaxDesc)) u_cpl (
    .clk_i, .rst_ni,
    .acc_i(acc), .ob_valid_i(ob_valid), .ob_func_i(ob_func), .slot_free_o(slot_free),
    .it_push_i(it_push), .it_full_o(it_full), .it_tag_i(it_tag), .it_func_i(it_func),
    .it_status_i(it_status), .it_burst_i(it_burst), .it_last_i(it_last),
    .it_counted_i(it_counted), .it_bytes_i(it_bytes),
    .b_valid_i(eb_valid), .b_ready_o(eb_ready), .b_resp_i(eb_resp),
    .cpl_valid_o, .cpl_ready_i, .cpl_tag_o, .cpl_status_o,
    .stop_func_i(stop_func), .stop_all_i(stop_all),
    .stopped_func_o(stopped_func), .stopped_all_o(stopped_all),
    .ev_valid_o(ev_valid), .ev_func_o(ev_func), .ev_status_o(ev_status), .ev_bytes_o(ev_bytes)
  );

  // ---------------------------------------------------------------- register demux
  logic [21:0] r_addr;
  logic [2:0]  r_prot;
  logic [7:0]  r_user;
  logic [31:0] r_wdata;
  logic [3:0]  r_wstrb;
  logic [2:0]  r_awvalid, r_awready, r_wvalid, r_wready, r_bvalid, r_bready;
  logic [2:0]  r_arvalid, r_arready, r_rvalid, r_rready;
  logic [5:0]  r_bresp, r_rresp;
  logic [95:0] r_rdata;

  sriov_ep_axil_demux u_demux (
    .clk_i, .rst_ni,
    .s_awaddr(s_axil_awaddr), .s_awprot(s_axil_awprot), .s_awvalid(s_axil_awvalid),
    .s_awready(s_axil_awready), .s_awuser(s_axil_awuser), .s_wdata(s_axil_wdata),
    .s_wstrb(s_axil_wstrb), .s_wvalid(s_axil_wvalid), .s_wready(s_axil_wready),
    .s_bresp(s_axil_bresp), .s_bvalid(s_axil_bvalid), .s_bready(s_axil_bready),
    .s_araddr(s_axil_araddr), .s_arprot(s_axil_arprot), .s_arvalid(s_axil_arvalid),
    .s_arready(s_axil_arready), .s_aruser(s_axil_aruser), .s_rdata(s_axil_rdata),
    .s_rresp(s_axil_rresp), .s_rvalid(s_axil_rvalid), .s_rready(s_axil_rready),
    .m_addr(r_addr), .m_prot(r_prot), .m_user(r_user), .m_wdata(r_wdata), .m_wstrb(r_wstrb),
    .m_awvalid(r_awvalid), .m_awready(r_awready), .m_wvalid(r_wvalid), .m_wready(r_wready),
    .m_bvalid(r_bvalid), .m_bready(r_bready), .m_bresp(r_bresp),
    .m_arvalid(r_arvalid), .m_arready(r_arready), .m_rvalid(r_rvalid), .m_rready(r_rready),
    .m_rdata(r_rdata), .m_rresp(r_rresp)
  );

  sriov_ep_eng_regs #(
    .NumFunctions(NumFunctions), .MaxPieces(MaxPieces), .LenWidth(LenWidth),
    .MaxBurstBeats(MaxBurstBeats)
  ) u_eng_regs (
    .clk_i, .rst_ni,
    .s_axil_awaddr(r_addr[11:0]), .s_axil_awprot(r_prot), .s_axil_awvalid(r_awvalid[0]),
    .s_axil_awready(r_awready[0]), .s_axil_awuser(r_user), .s_axil_wdata(r_wdata),
    .s_axil_wstrb(r_wstrb), .s_axil_wvalid(r_wvalid[0]), .s_axil_wready(r_wready[0]),
    .s_axil_bresp(r_bresp[1:0]), .s_axil_bvalid(r_bvalid[0]), .s_axil_bready(r_bready[0]),
    .s_axil_araddr(r_addr[11:0]), .s_axil_arprot(r_prot), .s_axil_arvalid(r_arvalid[0]),
    .s_axil_arready(r_arready[0]), .s_axil_aruser(r_user), .s_axil_rdata(r_rdata[31:0]),
    .s_axil_rresp(r_rresp[1:0]), .s_axil_rvalid(r_rvalid[0]), .s_axil_rready(r_rready[0]),
    .stop_func_o(stop_func), .stop_all_o(stop_all),
    .stopped_func_i(stopped_func), .stopped_all_i(stopped_all),
    .ev_valid_i(ev_valid), .ev_func_i(ev_func), .ev_status_i(ev_status), .ev_bytes_i(ev_bytes)
  );

  // ---------------------------------------------------------------- bat_clat
  logic [StatusWidth-1:0] bc_status;
  bat_clat #(
    .NumFunctions(NumFunctions), .TagWidth(SlotW), .OffsetWidth(OffsetWidth),
    .AxiIdWidth(AxiIdWidth)
  ) u_bat_clat (
    .clk_i, .rst_ni,
    .req_valid_i(xreq_valid), .req_ready_o(xreq_ready), .req_tag_i(xreq_tag),
    .req_func_i(xreq_func), .req_service_i(xreq_service), .req_offset_i(xreq_offset),
    .rsp_valid_o(xrsp_valid), .rsp_ready_i(xrsp_ready), .rsp_tag_o(xrsp_tag),
    .rsp_status_o(bc_status), .rsp_addr_o(xrsp_addr),
    .s_axil_awaddr(r_addr[11:0]), .s_axil_awprot(r_prot), .s_axil_awvalid(r_awvalid[1]),
    .s_axil_awready(r_awready[1]), .s_axil_awuser(r_user), .s_axil_wdata(r_wdata),
    .s_axil_wstrb(r_wstrb), .s_axil_wvalid(r_wvalid[1]), .s_axil_wready(r_wready[1]),
    .s_axil_bresp(r_bresp[3:2]), .s_axil_bvalid(r_bvalid[1]), .s_axil_bready(r_bready[1]),
    .s_axil_araddr(r_addr[11:0]), .s_axil_arprot(r_prot), .s_axil_arvalid(r_arvalid[1]),
    .s_axil_arready(r_arready[1]), .s_axil_aruser(r_user), .s_axil_rdata(r_rdata[63:32]),
    .s_axil_rresp(r_rresp[3:2]), .s_axil_rvalid(r_rvalid[1]), .s_axil_rready(r_rready[1]),
    .m_axi_arid, .m_axi_araddr, .m_axi_arlen, .m_axi_arsize, .m_axi_arburst, .m_axi_arvalid,
    .m_axi_arready, .m_axi_rid, .m_axi_rdata, .m_axi_rresp, .m_axi_rlast, .m_axi_rvalid,
    .m_axi_rready
  );
  assign xrsp_status = bc_status;

  // ---------------------------------------------------------------- dirty_track
  logic [AxiIdWidth-1:0]    daw_id;
  logic [HostAddrWidth-1:0] daw_addr, raw_addr;
  logic [7:0]               daw_len, raw_len;
  logic [2:0]               daw_size, raw_size;
  logic [1:0]               daw_burst, raw_burst, rb_resp;
  logic [FuncWidth-1:0]     daw_user;
  logic                     daw_valid, daw_ready, raw_valid, raw_ready;
  logic [DataWidth-1:0]     rw_data;
  logic [StrbWidth-1:0]     rw_strb;
  logic                     rw_last, rw_valid, rw_ready, rb_valid, rb_ready;
  logic                     rep_done;  // REPORT_STATUS.done: software polls the register

  dirty_track #(
    .NumFunctions(NumFunctions), .PagesPerFunc(PagesPerFunc), .AddrWidth(HostAddrWidth),
    .IdWidth(AxiIdWidth)
  ) u_dirty_track (
    .clk_i, .rst_ni,
    .s_axi_awid(AxiIdWidth'(DmaAwId)), .s_axi_awaddr(eaw_addr), .s_axi_awlen(eaw_len),
    .s_axi_awsize(AxiSize8), .s_axi_awburst(AxiBurstIncr), .s_axi_awuser(eaw_user),
    .s_axi_awvalid(eaw_valid), .s_axi_awready(eaw_ready),
    .m_axi_awid(daw_id), .m_axi_awaddr(daw_addr), .m_axi_awlen(daw_len), .m_axi_awsize(daw_size),
    .m_axi_awburst(daw_burst), .m_axi_awuser(daw_user), .m_axi_awvalid(daw_valid),
    .m_axi_awready(daw_ready),
    .s_axil_awaddr(r_addr[19:0]), .s_axil_awprot(r_prot), .s_axil_awvalid(r_awvalid[2]),
    .s_axil_awready(r_awready[2]), .s_axil_awuser(r_user), .s_axil_wdata(r_wdata),
    .s_axil_wstrb(r_wstrb), .s_axil_wvalid(r_wvalid[2]), .s_axil_wready(r_wready[2]),
    .s_axil_bresp(r_bresp[5:4]), .s_axil_bvalid(r_bvalid[2]), .s_axil_bready(r_bready[2]),
    .s_axil_araddr(r_addr[19:0]), .s_axil_arprot(r_prot), .s_axil_arvalid(r_arvalid[2]),
    .s_axil_arready(r_arready[2]), .s_axil_aruser(r_user), .s_axil_rdata(r_rdata[95:64]),
    .s_axil_rresp(r_rresp[5:4]), .s_axil_rvalid(r_rvalid[2]), .s_axil_rready(r_rready[2]),
    .quiesced_o, .report_done_o(rep_done),
    .m_axi_rep_awaddr(raw_addr), .m_axi_rep_awlen(raw_len), .m_axi_rep_awsize(raw_size),
    .m_axi_rep_awburst(raw_burst), .m_axi_rep_awvalid(raw_valid), .m_axi_rep_awready(raw_ready),
    .m_axi_rep_wdata(rw_data), .m_axi_rep_wstrb(rw_strb), .m_axi_rep_wlast(rw_last),
    .m_axi_rep_wvalid(rw_valid), .m_axi_rep_wready(rw_ready),
    .m_axi_rep_bresp(rb_resp), .m_axi_rep_bvalid(rb_valid), .m_axi_rep_bready(rb_ready)
  );

  // ---------------------------------------------------------------- write arbitration
  sriov_ep_wr_arb #(.AxiIdWidth(AxiIdWidth)) u_wr_arb (
    .clk_i, .rst_ni,
    .s0_awaddr(daw_addr), .s0_awlen(daw_len), .s0_awsize(daw_size), .s0_awburst(daw_burst),
    .s0_awuser(daw_user), .s0_awvalid(daw_valid), .s0_awready(daw_ready),
    .s0_wdata(ew_data), .s0_wstrb(ew_strb), .s0_wlast(ew_last), .s0_wvalid(ew_valid),
    .s0_wready(ew_ready), .s0_bresp(eb_resp), .s0_bvalid(eb_valid), .s0_bready(eb_ready),
    .s1_awaddr(raw_addr), .s1_awlen(raw_len), .s1_awsize(raw_size), .s1_awburst(raw_burst),
    .s1_awvalid(raw_valid), .s1_awready(raw_ready),
    .s1_wdata(rw_data), .s1_wstrb(rw_strb), .s1_wlast(rw_last), .s1_wvalid(rw_valid),
    .s1_wready(rw_ready), .s1_bresp(rb_resp), .s1_bvalid(rb_valid), .s1_bready(rb_ready),
    .m_awid(m_axi_awid), .m_awaddr(m_axi_awaddr), .m_awlen(m_axi_awlen), .m_awsize(m_axi_awsize),
    .m_awburst(m_axi_awburst), .m_awuser(m_axi_awuser), .m_awvalid(m_axi_awvalid),
    .m_awready(m_axi_awready),
    .m_wdata(m_axi_wdata), .m_wstrb(m_axi_wstrb), .m_wlast(m_axi_wlast), .m_wvalid(m_axi_wvalid),
    .m_wready(m_axi_wready),
    .m_bid(m_axi_bid), .m_bresp(m_axi_bresp), .m_bvalid(m_axi_bvalid), .m_bready(m_axi_bready)
  );

  // dirty_track passes AWID 0 through; the arbiter sets the host port's AWID itself. The demux
  // address's top bits select the target (inside the demux).
  logic unused;
  assign unused = ^{daw_id, r_addr[21:20], rep_done};

`ifndef SYNTHESIS
  // One completion per accepted descriptor, in acceptance order: an independent FIFO of the
  // accepted tags (MaxDesc deep, as the completion slots bound it) must match every completion.
  logic [MaxDesc-1:0][TagWidth-1:0] sva_tags_q;
  logic [$clog2(MaxDesc)-1:0]       sva_wr_q, sva_rd_q;
  logic [$clog2(MaxDesc):0]         sva_n_q;
  logic                             cpl_hs;
  assign cpl_hs = cpl_valid_o && cpl_ready_i;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sva_wr_q <= '0;
      sva_rd_q <= '0;
      sva_n_q  <= '0;
    end else begin
      if (acc) begin
        sva_tags_q[sva_wr_q] <= desc_tag_i;
        sva_wr_q             <= sva_wr_q + 1'b1;
      end
      if (cpl_hs) sva_rd_q <= sva_rd_q + 1'b1;
      sva_n_q <= sva_n_q + ($clog2(MaxDesc) + 1)'(acc) - ($clog2(MaxDesc) + 1)'(cpl_hs);
    end
  end
  a_cpl_one_per_desc_in_order: assert property (@(posedge clk_i) disable iff (!rst_ni)
    cpl_valid_o |-> sva_n_q != '0 && cpl_tag_o == sva_tags_q[sva_rd_q]);
  // The engine's bursts carry the descriptor's function; stopped => no AW of that function.
  logic eaw_hs;
  assign eaw_hs = eaw_valid && eaw_ready;
  a_stopped_no_aw: assert property (@(posedge clk_i) disable iff (!rst_ni)
    eaw_hs && eaw_user < FuncWidth'(MaxRegFuncs) |-> !stopped_func[eaw_user[2:0]] && !stopped_all);
  // DMA AWs on the host port have AWID 0, report AWs AWID 1 with AWUSER 0.
  a_awid_awuser: assert property (@(posedge clk_i) disable iff (!rst_ni)
    m_axi_awvalid |-> (m_axi_awid == AxiIdWidth'(DmaAwId)) ||
                      (m_axi_awid == AxiIdWidth'(RepAwId) && m_axi_awuser == '0));
  // The host port's bursts never cross 4 KiB (DMA: the writer's windows; report: dirty_track's).
  logic [PageBits:0] aw_last_in_page;  // the burst's last byte, from its page's start
  assign aw_last_in_page = {1'b0, m_axi_awaddr[PageBits-1:3], 3'b000} + (PageBits + 1)'({m_axi_awlen, 3'b111});
  a_no_4k_cross: assert property (@(posedge clk_i) disable iff (!rst_ni)
    m_axi_awvalid && m_axi_awid == AxiIdWidth'(DmaAwId) |-> !aw_last_in_page[PageBits]);
`endif

endmodule : sriov_ep
