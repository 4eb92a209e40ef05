// Test wrapper of the shared primitives (rtl/common/, docs/common_rtl.md): one instance of each,
// every port on the wrapper's own ports, so the testbench drives each primitive directly.
// The AXI4-Lite front end gets a small access rule here, as a block would supply one:
//   refused (rule 1): AxUSER != 0 and addr[7:4] != AxUSER (function F owns the 16 bytes at 16*F;
//                     function 0, the PF, may access everything)
//   bad (rules 3-4):  addr[11] set (an unmapped half), or a write with addr[10] set (read-only)
// Its target (req/stall/ack) is the testbench's.
module common_rtl_top #(
  parameter int unsigned FrontCheckStage    = 0,  // axil_reg_front CheckStage
  parameter int unsigned FrontAlternateRdWr = 0,  // axil_reg_front AlternateRdWr
  parameter int unsigned FifoDepth          = 4,
  localparam int unsigned FifoW   = 8,
  localparam int unsigned RamDepth = 16,
  localparam int unsigned RamW    = 8,
  localparam int unsigned RamAW   = $clog2(RamDepth),
  localparam int unsigned CntW    = 8,
  localparam int unsigned CntIncW = 2,
  localparam int unsigned AddrW   = 12,
  localparam int unsigned UserW   = 4
) (
  input  logic                        clk_i,
  input  logic                        rst_ni,
  // sync_fifo
  input  logic                        fifo_push_i,
  input  logic [FifoW-1:0]            fifo_wdata_i,
  input  logic                        fifo_pop_i,
  output logic                        fifo_valid_o,
  output logic [FifoW-1:0]            fifo_rdata_o,
  output logic                        fifo_full_o,
  output logic [$clog2(FifoDepth):0]  fifo_count_o,
  // sync_fifo with OutReg = 1 (same inputs as the first: it must behave the same)
  output logic                        fifor_valid_o,
  output logic [FifoW-1:0]            fifor_rdata_o,
  output logic                        fifor_full_o,
  output logic [$clog2(FifoDepth):0]  fifor_count_o,
  // ram_1r1w
  input  logic                        ram_we_i,
  input  logic [RamAW-1:0]            ram_waddr_i,
  input  logic [RamW-1:0]             ram_wdata_i,
  input  logic [RamAW-1:0]            ram_raddr_i,
  output logic [RamW-1:0]             ram_rdata_o,
  // sat_counter
  input  logic [CntIncW-1:0]          cnt_inc_i,
  input  logic                        cnt_load_i,
  input  logic [CntW-1:0]             cnt_load_data_i,
  input  logic [CntW-1:0]             cnt_load_mask_i,
  output logic [CntW-1:0]             cnt_count_o,
  // axil_reg_front: AXI4-Lite slave (cocotbext-axi names)
  input  logic [AddrW-1:0]            s_axil_awaddr,
  input  logic [2:0]                  s_axil_awprot,
  input  logic                        s_axil_awvalid,
  output logic                        s_axil_awready,
  input  logic [UserW-1:0]            s_axil_awuser,
  input  logic [31:0]                 s_axil_wdata,
  input  logic [3:0]                  s_axil_wstrb,
  input  logic                        s_axil_wvalid,
  output logic                        s_axil_wready,
  output logic [1:0]                  s_axil_bresp,
  output logic                        s_axil_bvalid,
  input  logic                        s_axil_bready,
  input  logic [AddrW-1:0]            s_axil_araddr,
  input  logic [2:0]                  s_axil_arprot,
  input  logic                        s_axil_arvalid,
  output logic                        s_axil_arready,
  input  logic [UserW-1:0]            s_axil_aruser,
  output logic [31:0]                 s_axil_rdata,
  output logic [1:0]                  s_axil_rresp,
  output logic                        s_axil_rvalid,
  input  logic                        s_axil_rready,
  // axil_reg_front: the access being decided, and the forwarded request
  output logic [AddrW-1:0]            chk_addr_o,
  output logic [UserW-1:0]            chk_user_o,
  output logic                        chk_wr_o,
  output logic                        req_o,
  output logic                        req_wr_o,
  output logic [AddrW-1:0]            req_addr_o,
  output logic [31:0]                 req_wdata_o,
  output logic [3:0]                  req_wstrb_o,
  input  logic                        req_stall_i,
  input  logic                        ack_i,
  input  logic                        ack_err_i,
  input  logic [31:0]                 ack_rdata_i,
  output logic                        viol_o
);

  sync_fifo #(.Width(FifoW), .Depth(FifoDepth)) u_fifo (
    .clk_i, .rst_ni,
    .push_i(fifo_push_i), .wdata_i(fifo_wdata_i), .pop_i(fifo_pop_i),
    .valid_o(fifo_valid_o), .rdata_o(fifo_rdata_o), .full_o(fifo_full_o), .count_o(fifo_count_o)
  );
  sync_fifo #(.Width(FifoW), .Depth(FifoDepth), .OutReg(1'b1)) u_fifo_reg (
    .clk_i, .rst_ni,
    .push_i(fifo_push_i), .wdata_i(fifo_wdata_i), .pop_i(fifo_pop_i),
    .valid_o(fifor_valid_o), .rdata_o(fifor_rdata_o), .full_o(fifor_full_o),
    .count_o(fifor_count_o)
  );

  ram_1r1w #(.Depth(RamDepth), .Width(RamW)) u_ram (
    .clk_i,
    .we_i(ram_we_i), .waddr_i(ram_waddr_i), .wdata_i(ram_wdata_i),
    .raddr_i(ram_raddr_i), .rdata_o(ram_rdata_o)
  );

  sat_counter #(.Width(CntW), .IncWidth(CntIncW)) u_cnt (
    .clk_i, .rst_ni,
    .inc_i(cnt_inc_i), .load_i(cnt_load_i), .load_data_i(cnt_load_data_i),
    .load_mask_i(cnt_load_mask_i), .count_o(cnt_count_o)
  );

  logic chk_refuse, chk_bad;
  assign chk_refuse = (chk_user_o != '0) && (chk_addr_o[7:4] != chk_user_o);
  assign chk_bad    = chk_addr_o[11] || (chk_wr_o && chk_addr_o[10]);

  axil_reg_front #(
    .AddrWidth(AddrW), .UserWidth(UserW),
    .CheckStage(FrontCheckStage != 0), .AlternateRdWr(FrontAlternateRdWr != 0)
  ) u_front (
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
    .chk_addr_o, .chk_user_o, .chk_wr_o, .chk_refuse_i(chk_refuse), .chk_bad_i(chk_bad),
    .req_o, .req_wr_o, .req_addr_o, .req_wdata_o, .req_wstrb_o, .req_stall_i,
    .ack_i, .ack_err_i, .ack_rdata_i, .viol_o
  );

endmodule
