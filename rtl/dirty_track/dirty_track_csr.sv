// AXI4-Lite front end: access control on AxUSER (function number) and address decode in front of
// the generated register block, plus the bitmap's read-and-clear window.
//   - any access by a VF (AxUSER != 0): SLVERR, no effect, a read returns 0, viol_o pulses
//   - reads at 0x80000 + 4*i (i < NumFunctions * WordsPerFunc): report-and-clear of bitmap word i
//   - misaligned addresses (addr[1:0] != 0): SLVERR, no effect (a sub-word bitmap address clears
//     nothing); FUNC slots the configuration does not have (f >= NumFunctions), the bitmap window
//     past its last word, and addresses decoded by neither: SLVERR, no effect; writes to the
//     bitmap window (read-only): SLVERR, no effect
//   - everything else goes to the register block, over its PeakRDL "passthrough" CPU interface
//     (a request strobe from flops here; no second AXI4-Lite slave in the generated block); its
//     own decode answers holes (--err-if-bad-addr) and writes to read-only registers
//     (--err-if-bad-rw) with rd_err / wr_err, forwarded here as SLVERR (read data 0)
// One transaction at a time (a write when AW and W are both valid, else a read).
module dirty_track_csr import dirty_track_pkg::*; #(
  parameter int unsigned NumFunctions = 8,
  parameter int unsigned PagesPerFunc = 16384,
  localparam int unsigned WordsPerFunc = PagesPerFunc / WordBits,
  localparam int unsigned Depth = NumFunctions * WordsPerFunc,
  localparam int unsigned RamAddrW = $clog2(Depth)
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // AXI4-Lite slave (from the host / PF driver)
  input  logic [AxilAddrWidth-1:0] s_axil_awaddr,
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
  input  logic [AxilAddrWidth-1:0] s_axil_araddr,
  input  logic [2:0]               s_axil_arprot,
  input  logic                     s_axil_arvalid,
  output logic                     s_axil_arready,
  input  logic [FuncWidth-1:0]     s_axil_aruser,
  output logic [31:0]              s_axil_rdata,
  output logic [1:0]               s_axil_rresp,
  output logic                     s_axil_rvalid,
  input  logic                     s_axil_rready,
  // generated register block, PeakRDL passthrough CPU interface: a request is taken in a clock
  // with req and no stall; its ack comes in that clock (writes of internal registers) or later
  output logic                     rb_req_o,
  output logic                     rb_req_is_wr_o,
  output logic [RegAddrW-1:0]      rb_addr_o,
  output logic [31:0]              rb_wr_data_o,
  output logic [31:0]              rb_wr_biten_o,
  input  logic                     rb_req_stall_wr_i,
  input  logic                     rb_req_stall_rd_i,
  input  logic                     rb_rd_ack_i,
  input  logic                     rb_rd_err_i,
  input  logic [31:0]              rb_rd_data_i,
  input  logic                     rb_wr_ack_i,
  input  logic                     rb_wr_err_i,
  // report-and-clear requests to the bitmap pipeline
  output logic                     rpt_req_o,
  output logic [RamAddrW-1:0]      rpt_addr_o,
  input  logic                     rpt_ack_i,
  input  logic                     rpt_rsp_valid_i,
  input  logic [WordBits-1:0]      rpt_rsp_data_i,
  // a VF access was refused
  output logic                     viol_o
);

  typedef enum logic [2:0] {
    StIdle,    // wait for a request
    StRegWr,   // write forwarded to the register block, waiting for its ack
    StRegRd,   // read forwarded to the register block, waiting for its ack
    StBmpRd,   // report-and-clear in the bitmap pipeline
    StRespB,   // B response to the host
    StRespR    // R response to the host
  } state_e;

  state_e                  state_q;
  logic                    pend_a_q;  // request not yet taken (register block or bitmap pipeline)
  logic [RegAddrW-1:0]     addr_q;
  logic [31:0]             wdata_q, rdata_q;
  logic [3:0]              wstrb_q;
  logic [1:0]              resp_q;
  logic [RamAddrW-1:0]     rpt_addr_q;
  logic                    wr_go, rd_go;
  logic                    aw_reg_ok, ar_reg_ok, ar_bmp, ar_bmp_ok;
  logic [BitmapWindowBit-3:0] ar_word;  // word index inside the bitmap window

  assign wr_go = (state_q == StIdle) && s_axil_awvalid && s_axil_wvalid;
  assign rd_go = (state_q == StIdle) && !wr_go && s_axil_arvalid;
  assign s_axil_awready = wr_go;
  assign s_axil_wready  = wr_go;
  assign s_axil_arready = rd_go;

  // An address the register block may see: word-aligned, inside its space, and not in a FUNC slot
  // the configuration does not have (the map has MaxRegFunctions slots, the block NumFunctions).
  // The FUNC slots fill 0x100..0x1FF (RegFuncBase, stride 0x20, MaxRegFunctions = 8): bit 8 says
  // "in a slot", bits 7:5 are the slot number.
  function automatic logic reg_ok(logic [AxilAddrWidth-1:0] a);
    logic in_func, slot_ok, unused_offset;
    unused_offset = ^a[4:2];  // the offset inside a slot is the register block's to decode
    in_func = a[8];
    slot_ok = (32'(a[7:5]) < NumFunctions);
    return (a[1:0] == 2'b00) && (a[AxilAddrWidth-1:RegAddrW] == '0) && (!in_func || slot_ok);
  endfunction

  assign aw_reg_ok = reg_ok(s_axil_awaddr);
  assign ar_reg_ok = reg_ok(s_axil_araddr);
  assign ar_bmp    = s_axil_araddr[BitmapWindowBit];
  assign ar_word   = s_axil_araddr[BitmapWindowBit-1:2];
  assign ar_bmp_ok = ar_bmp && (s_axil_araddr[1:0] == 2'b00) && (32'(ar_word) < Depth);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q  <= StIdle;
      pend_a_q <= 1'b0;
      viol_o   <= 1'b0;
    end else begin
      viol_o <= 1'b0;
      unique case (state_q)
        StIdle: begin
          if (wr_go) begin
            if (s_axil_awuser != '0) begin
              viol_o  <= 1'b1;
              state_q <= StRespB;
            end else if (aw_reg_ok) begin
              pend_a_q <= 1'b1;
              state_q  <= StRegWr;
            end else begin
              state_q <= StRespB;  // bitmap window is read-only; unmapped
            end
          end else if (rd_go) begin
            if (s_axil_aruser != '0) begin
              viol_o  <= 1'b1;
              state_q <= StRespR;
            end else if (ar_bmp_ok) begin
              pend_a_q <= 1'b1;
              state_q  <= StBmpRd;
            end else if (ar_reg_ok) begin
              pend_a_q <= 1'b1;
              state_q  <= StRegRd;
            end else begin
              state_q <= StRespR;
            end
          end
        end
        StRegWr: begin
          if (!rb_req_stall_wr_i) pend_a_q <= 1'b0;
          if (rb_wr_ack_i) state_q <= StRespB;
        end
        StRegRd: begin
          if (!rb_req_stall_rd_i) pend_a_q <= 1'b0;
          if (rb_rd_ack_i) state_q <= StRespR;
        end
        StBmpRd: begin
          if (rpt_ack_i) pend_a_q <= 1'b0;
          if (rpt_rsp_valid_i) state_q <= StRespR;
        end
        StRespB: if (s_axil_bready) state_q <= StIdle;
        StRespR: if (s_axil_rready) state_q <= StIdle;
        default: state_q <= StIdle;
      endcase
    end
  end

  // Data side: responses default to SLVERR / 0 and are overwritten by the serving path.
  always_ff @(posedge clk_i) begin
    if (wr_go) begin
      addr_q  <= s_axil_awaddr[RegAddrW-1:0];
      wdata_q <= s_axil_wdata;
      wstrb_q <= s_axil_wstrb;
      resp_q  <= RespSlverr;
    end
    if (rd_go) begin
      addr_q     <= s_axil_araddr[RegAddrW-1:0];
      rpt_addr_q <= RamAddrW'(ar_word);
      rdata_q    <= '0;
      resp_q     <= RespSlverr;
    end
    if (state_q == StRegWr && rb_wr_ack_i) resp_q <= rb_wr_err_i ? RespSlverr : RespOkay;
    if (state_q == StRegRd && rb_rd_ack_i) begin
      resp_q  <= rb_rd_err_i ? RespSlverr : RespOkay;
      rdata_q <= rb_rd_err_i ? '0 : rb_rd_data_i;
    end
    if (state_q == StBmpRd && rpt_rsp_valid_i) begin
      resp_q  <= RespOkay;
      rdata_q <= rpt_rsp_data_i;
    end
  end

  assign s_axil_bvalid = (state_q == StRespB);
  assign s_axil_bresp  = resp_q;
  assign s_axil_rvalid = (state_q == StRespR);
  assign s_axil_rresp  = resp_q;
  assign s_axil_rdata  = rdata_q;

  // AxPROT is not used: access control is on AxUSER (the function number).
  logic unused_prot;
  assign unused_prot = ^{s_axil_awprot, s_axil_arprot};

  assign rb_req_o       = (state_q == StRegWr || state_q == StRegRd) && pend_a_q;
  assign rb_req_is_wr_o = (state_q == StRegWr);
  assign rb_addr_o      = addr_q;
  assign rb_wr_data_o   = wdata_q;
  for (genvar b = 0; b < 4; b++) begin : g_biten
    assign rb_wr_biten_o[8*b +: 8] = {8{wstrb_q[b]}};
  end

  assign rpt_req_o  = (state_q == StBmpRd) && pend_a_q;
  assign rpt_addr_o = rpt_addr_q;

`ifndef SYNTHESIS
  // SVA that compare with the previous clock ($past, $stable, |=>) are off in the first clock
  // after a reset: a reset pulse may fall between two edges, where `disable iff` never sees it.
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sva_armed_q <= 1'b0;
    end else begin
      sva_armed_q <= 1'b1;
    end
  end
  // AXI4-Lite: a response, once valid, holds until accepted.
  a_axil_b_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    s_axil_bvalid && !s_axil_bready |=> s_axil_bvalid && $stable(s_axil_bresp));
  a_axil_r_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    s_axil_rvalid && !s_axil_rready |=> s_axil_rvalid && $stable(s_axil_rdata) && $stable(s_axil_rresp));
`endif

endmodule
