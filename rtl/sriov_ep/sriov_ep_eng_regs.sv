// The DMA engine's register space (docs/sriov_ep.md "Registers": 0x000..0xFFF of the subsystem
// map): rtl/common/axil_reg_front.sv with the engine's rule, the generated register block
// (passthrough CPU interface) and the event counters (sat_counter, mirrored into the register
// block's count fields for read-back, as dirty_track does).
//   Rule: only the PF (AxUSER = 0) may access: a VF access gets SLVERR, sets ERR.access_viol and
//   counts ACCESS_VIOL_CNT. Unmapped before forwarding: FUNC slots f >= NumFunctions and every
//   address past the register block's map; the register block answers its own holes and
//   read-only registers.
//   Counters count two clocks after the completion handshake (ev_*, registered in sriov_ep_cpl;
//   the increments decoded from it are registered again here, next to the counters):
//   STATUS_CNT[status], and for f < NumFunctions FUNC[f].DESC_CNT, .BYTE_CNT (+ bytes written
//   OKAY), .ERR_CNT (status != OK).
module sriov_ep_eng_regs import sriov_ep_pkg::*, sriov_ep_reg_addr_pkg::*; #(
  parameter int unsigned NumFunctions  = 8,
  parameter int unsigned MaxPieces     = 8,
  parameter int unsigned LenWidth      = 17,
  parameter int unsigned MaxBurstBeats = 32,
  localparam int unsigned AxilAddrW = 12
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  logic [AxilAddrW-1:0]   s_axil_awaddr,
  input  logic [2:0]             s_axil_awprot,
  input  logic                   s_axil_awvalid,
  output logic                   s_axil_awready,
  input  logic [FuncWidth-1:0]   s_axil_awuser,
  input  logic [31:0]            s_axil_wdata,
  input  logic [3:0]             s_axil_wstrb,
  input  logic                   s_axil_wvalid,
  output logic                   s_axil_wready,
  output logic [1:0]             s_axil_bresp,
  output logic                   s_axil_bvalid,
  input  logic                   s_axil_bready,
  input  logic [AxilAddrW-1:0]   s_axil_araddr,
  input  logic [2:0]             s_axil_arprot,
  input  logic                   s_axil_arvalid,
  output logic                   s_axil_arready,
  input  logic [FuncWidth-1:0]   s_axil_aruser,
  output logic [31:0]            s_axil_rdata,
  output logic [1:0]             s_axil_rresp,
  output logic                   s_axil_rvalid,
  input  logic                   s_axil_rready,
  // engine side
  output logic [MaxRegFuncs-1:0] stop_func_o,
  output logic                   stop_all_o,
  input  logic [MaxRegFuncs-1:0] stopped_func_i,
  input  logic                   stopped_all_i,
  input  logic                   ev_valid_i,
  input  logic [FuncWidth-1:0]   ev_func_i,
  input  logic [StatusWidth-1:0] ev_status_i,
  input  logic [LenWidth-1:0]    ev_bytes_i
);

  localparam int unsigned RegAddrW = sriov_ep_regs_pkg::SRIOV_EP_REGS_MIN_ADDR_WIDTH;
  localparam int unsigned NumStatus = 1 << StatusWidth;

  sriov_ep_regs_pkg::sriov_ep_regs__in_t  hwif_in;
  sriov_ep_regs_pkg::sriov_ep_regs__out_t hwif_out;

  logic                 rb_req, rb_req_is_wr, rb_stall_wr, rb_stall_rd;
  logic                 rb_rd_ack, rb_rd_err, rb_wr_ack, rb_wr_err;
  logic [RegAddrW-1:0]  rb_addr;
  logic [31:0]          rb_wr_data, rb_wr_biten, rb_rd_data;
  logic                 viol;

  logic [AxilAddrW-1:0] chk_addr, req_addr;
  logic [FuncWidth-1:0] chk_user;
  logic                 chk_wr, chk_refuse, chk_bad;
  logic                 req, req_wr, req_stall, ack, ack_err;
  logic [31:0]          req_wdata, ack_rdata;
  logic [3:0]           req_wstrb;

  axil_reg_front #(
    .AddrWidth(AxilAddrW), .UserWidth(FuncWidth), .CheckStage(1'b0), .AlternateRdWr(1'b0)
  ) u_csr (
    .clk_i, .rst_ni,
    .s_axil_awaddr_i(s_axil_awaddr), .s_axil_awprot_i(s_axil_awprot),
    .s_axil_awvalid_i(s_axil_awvalid), .s_axil_awready_o(s_axil_awready),
    .s_axil_awuser_i(s_axil_awuser),
    .s_axil_wdata_i(s_axil_wdata), .s_axil_wstrb_i(s_axil_wstrb),
    .s_axil_wvalid_i(s_axil_wvalid), .s_axil_wready_o(s_axil_wready),
    .s_axil_bresp_o(s_axil_bresp), .s_axil_bvalid_o(s_axil_bvalid), .s_axil_bready_i(s_axil_bready),
    .s_axil_araddr_i(s_axil_araddr), .s_axil_arprot_i(s_axil_arprot),
    .s_axil_arvalid_i(s_axil_arvalid), .s_axil_arready_o(s_axil_arready),
    .s_axil_aruser_i(s_axil_aruser),
    .s_axil_rdata_o(s_axil_rdata), .s_axil_rresp_o(s_axil_rresp),
    .s_axil_rvalid_o(s_axil_rvalid), .s_axil_rready_i(s_axil_rready),
    .chk_addr_o(chk_addr), .chk_user_o(chk_user), .chk_wr_o(chk_wr),
    .chk_refuse_i(chk_refuse), .chk_bad_i(chk_bad),
    .req_o(req), .req_wr_o(req_wr), .req_addr_o(req_addr), .req_wdata_o(req_wdata),
    .req_wstrb_o(req_wstrb), .req_stall_i(req_stall),
    .ack_i(ack), .ack_err_i(ack_err), .ack_rdata_i(ack_rdata),
    .viol_o(viol)
  );

  // FUNC slots occupy 0x100..0x17F: bit SlotBit says "at or above FuncBase", the bits down to
  // SlotLsb are the slot number (0x180..0x1FF are slots 8..15: not in any configuration).
  localparam int unsigned SlotLsb = $clog2(FuncStride);
  localparam int unsigned SlotBit = $clog2(FuncBase);
  logic unused_chk;
  assign unused_chk = ^{chk_wr, req_addr[AxilAddrW-1:RegAddrW]};  // forwarded: inside the map
  assign chk_refuse = (chk_user != '0);
  assign chk_bad    = (chk_addr[AxilAddrW-1:RegAddrW] != '0) ||
                      (chk_addr[SlotBit] && 32'(chk_addr[SlotBit-1:SlotLsb]) >= NumFunctions);

  assign rb_req       = req;
  assign rb_req_is_wr = req_wr;
  assign rb_addr      = req_addr[RegAddrW-1:0];
  assign rb_wr_data   = req_wdata;
  for (genvar b = 0; b < 4; b++) begin : g_biten
    assign rb_wr_biten[8*b +: 8] = {8{req_wstrb[b]}};
  end
  assign req_stall = req_wr ? rb_stall_wr : rb_stall_rd;
  assign ack       = req_wr ? rb_wr_ack : rb_rd_ack;
  assign ack_err   = req_wr ? rb_wr_err : rb_rd_err;
  assign ack_rdata = rb_rd_data;

  sriov_ep_regs u_regs (
    .clk(clk_i),
    .arst_n(rst_ni),
    .s_cpuif_req(rb_req), .s_cpuif_req_is_wr(rb_req_is_wr), .s_cpuif_addr(rb_addr),
    .s_cpuif_wr_data(rb_wr_data), .s_cpuif_wr_biten(rb_wr_biten),
    .s_cpuif_req_stall_wr(rb_stall_wr), .s_cpuif_req_stall_rd(rb_stall_rd),
    .s_cpuif_rd_ack(rb_rd_ack), .s_cpuif_rd_err(rb_rd_err), .s_cpuif_rd_data(rb_rd_data),
    .s_cpuif_wr_ack(rb_wr_ack), .s_cpuif_wr_err(rb_wr_err),
    .hwif_in, .hwif_out
  );

  assign stop_func_o = hwif_out.STOP.func.value;
  assign stop_all_o  = hwif_out.STOP.all.value;

  // ---------------------------------------------------------------- counters
  // 0 = ACCESS_VIOL_CNT, 1 + s = STATUS_CNT[s], 1 + 16 + 3f + k = FUNC[f] DESC/BYTE/ERR_CNT
  localparam int unsigned CntStatus = 1;
  localparam int unsigned CntFunc   = 1 + NumStatus;
  localparam int unsigned NumCnt    = CntFunc + 3 * MaxRegFuncs;
  localparam int unsigned IncW      = LenWidth;  // BYTE_CNT adds up to 2^(LenWidth-1) at once
  logic [NumCnt-1:0]               cnt_load_q, cnt_we;
  logic [NumCnt-1:0][IncW-1:0]     cnt_inc;
  logic [NumCnt-1:1][IncW-1:0]     cnt_inc_ev, cnt_inc_q;  // the event increments, registered
  logic [NumCnt-1:0][31:0]         cnt_value;

  // The completion event is decoded into per-counter increments and registered here, so each
  // counter's adder starts from its own flops (the event comes from sriov_ep_cpl, across the die,
  // and fans out to 40 counters). ACCESS_VIOL_CNT counts at once, as ERR.access_viol is set.
  always_comb begin
    cnt_inc_ev = '0;
    for (int unsigned s = 0; s < NumStatus; s++) begin
      cnt_inc_ev[CntStatus + s] = IncW'(ev_valid_i && ev_status_i == StatusWidth'(s));
    end
    for (int unsigned f = 0; f < MaxRegFuncs; f++) begin
      if (f < NumFunctions && ev_valid_i && ev_func_i == FuncWidth'(f)) begin
        cnt_inc_ev[CntFunc + 3 * f]     = IncW'(1);
        cnt_inc_ev[CntFunc + 3 * f + 1] = ev_bytes_i;
        cnt_inc_ev[CntFunc + 3 * f + 2] = IncW'(ev_status_i != CplOk);
      end
    end
  end
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) cnt_inc_q <= '0;
    else         cnt_inc_q <= cnt_inc_ev;
  end
  always_comb begin
    cnt_inc    = '0;
    cnt_inc[0] = IncW'(viol);
    cnt_inc[NumCnt-1:1] = cnt_inc_q;
  end

  for (genvar c = 0; c < NumCnt; c++) begin : g_cnt
    localparam int unsigned Addr = (c == 0) ? AddrAccessViolCnt :
                                   (c < CntFunc) ? StatusCntBase + (c - CntStatus) * StatusCntStride :
                                   FuncBase + ((c - CntFunc) / 3) * FuncStride + ((c - CntFunc) % 3) * 4;
    localparam int unsigned W = (c >= CntFunc && (c - CntFunc) % 3 == 1) ? IncW : 1;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        cnt_load_q[c] <= 1'b0;
      end else begin
        cnt_load_q[c] <= rb_req && rb_req_is_wr && !rb_stall_wr && (rb_addr == RegAddrW'(Addr));
      end
    end
    sat_counter #(.Width(32), .IncWidth(W)) u_cnt (
      .clk_i, .rst_ni, .inc_i(cnt_inc[c][W-1:0]), .load_i(cnt_load_q[c]),
      .load_data_i(rb_wr_data), .load_mask_i(rb_wr_biten),
      .count_o(cnt_value[c])
    );
    // the register block's field is a read-back mirror (see dirty_track.sv)
    assign cnt_we[c] = !cnt_load_q[c];
    if (W < IncW) begin : g_unused_inc
      logic unused;
      assign unused = ^cnt_inc[c][IncW-1:W];
    end
  end

  always_comb begin
    hwif_in.PARAMS.num_functions.next   = 8'(NumFunctions);
    hwif_in.PARAMS.max_pieces.next      = 8'(MaxPieces);
    hwif_in.PARAMS.log2_max_len.next    = 8'(LenWidth - 1);
    hwif_in.PARAMS.max_burst_beats.next = 8'(MaxBurstBeats);  // 256 reads 0
    hwif_in.STOPPED.func.next           = stopped_func_i;
    hwif_in.STOPPED.all.next            = stopped_all_i;
    hwif_in.ERR.access_viol.hwset       = viol;
    hwif_in.ACCESS_VIOL_CNT.count.next  = cnt_value[0];
    hwif_in.ACCESS_VIOL_CNT.count.we    = cnt_we[0];
    for (int unsigned s = 0; s < NumStatus; s++) begin
      hwif_in.STATUS_CNT[s].count.next = cnt_value[CntStatus + s];
      hwif_in.STATUS_CNT[s].count.we   = cnt_we[CntStatus + s];
    end
    for (int unsigned f = 0; f < MaxRegFuncs; f++) begin
      hwif_in.FUNC[f].DESC_CNT.count.next = cnt_value[CntFunc + 3 * f];
      hwif_in.FUNC[f].DESC_CNT.count.we   = cnt_we[CntFunc + 3 * f];
      hwif_in.FUNC[f].BYTE_CNT.count.next = cnt_value[CntFunc + 3 * f + 1];
      hwif_in.FUNC[f].BYTE_CNT.count.we   = cnt_we[CntFunc + 3 * f + 1];
      hwif_in.FUNC[f].ERR_CNT.count.next  = cnt_value[CntFunc + 3 * f + 2];
      hwif_in.FUNC[f].ERR_CNT.count.we    = cnt_we[CntFunc + 3 * f + 2];
    end
  end

`ifndef SYNTHESIS
  // The FUNC slot decode and the counter addresses rely on this layout of the generated map.
  initial begin
    if (FuncCount * FuncStride > FuncBase || FuncCount != MaxRegFuncs ||
        (1 << SlotLsb) != FuncStride || (1 << SlotBit) != FuncBase || RegsSize > (1 << RegAddrW) ||
        OffFuncDescCnt != 0 || OffFuncByteCnt != 4 || OffFuncErrCnt != 8 ||
        StatusCntCount != NumStatus) begin
      $fatal(1, "sriov_ep: layout of sriov_ep_regs.rdl changed; update sriov_ep_eng_regs");
    end
  end
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  // The counters' write decode agrees with the register block's own decode.
  a_cnt_load_viol: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    cnt_load_q[0] == $past(u_regs.decoded_reg_strb.ACCESS_VIOL_CNT && u_regs.decoded_req_is_wr));
  for (genvar s = 0; s < NumStatus; s++) begin : g_a_cnt_load_status
    a_cnt_load_status: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
      cnt_load_q[CntStatus + s] ==
        $past(u_regs.decoded_reg_strb.STATUS_CNT[s] && u_regs.decoded_req_is_wr));
  end
  for (genvar f = 0; f < MaxRegFuncs; f++) begin : g_a_cnt_load_func
    a_cnt_load_desc: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
      cnt_load_q[CntFunc + 3 * f] ==
        $past(u_regs.decoded_reg_strb.FUNC[f].DESC_CNT && u_regs.decoded_req_is_wr));
    a_cnt_load_byte: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
      cnt_load_q[CntFunc + 3 * f + 1] ==
        $past(u_regs.decoded_reg_strb.FUNC[f].BYTE_CNT && u_regs.decoded_req_is_wr));
    a_cnt_load_err: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
      cnt_load_q[CntFunc + 3 * f + 2] ==
        $past(u_regs.decoded_reg_strb.FUNC[f].ERR_CNT && u_regs.decoded_req_is_wr));
  end
`endif

endmodule : sriov_ep_eng_regs
