// AXI4-Lite front end of the register map: the shared slave (rtl/common/axil_reg_front.sv) with
// this block's access rule, address decode and the two register targets behind it. The register
// port carries the accessing function on AWUSER/ARUSER. Global registers (< 0x100) are the PF's
// only; function f's block may be accessed by f and by the PF; blocks of functions >= NumFunctions
// by nobody. A refused access gets SLVERR, reaches neither target (so it changes nothing and a read
// returns 0) and increments the violation counter.
//
// Targets:
//   - global registers: the generated register block (bat_clat_regs) over PeakRDL's "passthrough"
//     CPU interface, a request strobe straight from flops. It only ever sees addresses below
//     0x100 (bits 11:8 are driven 0) and is generated from the global-only addrmap
//     (bat_clat_global_regs), so it has no FUNC[] decode at all.
//   - function f's block (0x100 + 0x20*f): bat_clat_func_regs, with the function index decoded
//     here one clock ahead and registered (one subtract, not 64 parallel range compares).
//
// Access rules, in order (docs/dev-guide.md "Register access"): a refused access (above) gets
// SLVERR and is counted; then a misaligned address (addr[1:0] != 0, the front end's own check),
// an unmapped word of a function block (offsets 0x18/0x1C) or a write to a function's
// INVAL_STATUS gets SLVERR, uncounted, and reaches no target. Unmapped global words and writes to
// read-only global registers are forwarded: the generated block answers them with its error
// (--err-if-bad-addr, --err-if-bad-rw in gen_regs.toml), which becomes SLVERR, and they change
// nothing.
//
// One access at a time (the front end with CheckStage = 1, AlternateRdWr = 1): it takes a read or
// a complete write (AW and W together), checks it in the next clock from flops with the rule
// below, forwards it or refuses it, and returns the response from flops before taking the next;
// reads and writes alternate when both wait. Register traffic is slow control-path traffic;
// serializing keeps the violation count and the checks trivially exact, and every path here
// starts at a flop.
module bat_clat_reg_shim
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions = 8
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  // Slave side (from the system).
  input  logic [RegAddrWidth-1:0] s_awaddr_i,
  input  logic [2:0]              s_awprot_i,
  input  logic                    s_awvalid_i,
  output logic                    s_awready_o,
  input  logic [FuncWidth-1:0]    s_awuser_i,
  input  logic [31:0]             s_wdata_i,
  input  logic [3:0]              s_wstrb_i,
  input  logic                    s_wvalid_i,
  output logic                    s_wready_o,
  output logic [1:0]              s_bresp_o,
  output logic                    s_bvalid_o,
  input  logic                    s_bready_i,
  input  logic [RegAddrWidth-1:0] s_araddr_i,
  input  logic [2:0]              s_arprot_i,
  input  logic                    s_arvalid_i,
  output logic                    s_arready_o,
  input  logic [FuncWidth-1:0]    s_aruser_i,
  output logic [31:0]             s_rdata_o,
  output logic [1:0]              s_rresp_o,
  output logic                    s_rvalid_o,
  input  logic                    s_rready_i,
  // Generated register block, PeakRDL passthrough CPU interface: a request is taken in a clock
  // with req and no stall; its ack comes in that clock (writes) or later (reads).
  output logic                    rb_req_o,
  output logic                    rb_req_is_wr_o,
  output logic [RegAddrWidth-1:0] rb_addr_o,
  output logic [31:0]             rb_wr_data_o,
  output logic [31:0]             rb_wr_biten_o,
  input  logic                    rb_req_stall_wr_i,
  input  logic                    rb_req_stall_rd_i,
  input  logic                    rb_rd_ack_i,
  input  logic                    rb_rd_err_i,
  input  logic [31:0]             rb_rd_data_i,
  input  logic                    rb_wr_ack_i,
  input  logic                    rb_wr_err_i,
  // Per-function registers (bat_clat_func_regs): a one-clock request, acknowledged later.
  output logic                    fr_req_o,
  output logic [FuncIdxFullWidth-1:0] fr_func_o,
  output logic [FuncOffWidth-1:0] fr_addr_o,
  output logic                    fr_req_is_wr_o,
  output logic [31:0]             fr_wr_data_o,
  output logic [31:0]             fr_wr_biten_o,
  input  logic                    fr_rd_ack_i,
  input  logic [31:0]             fr_rd_data_i,
  input  logic                    fr_wr_ack_i,
  // Refused accesses (saturating).
  output logic [31:0]             violations_o
);

  // ---------------------------------------------------------------- AXI4-Lite slave
  logic [RegAddrWidth-1:0] chk_addr, req_addr;
  logic [FuncWidth-1:0]    chk_user;
  logic                    chk_wr, chk_refuse, chk_bad;
  logic                    req, req_wr, req_stall, ack, ack_err, viol;
  logic [31:0]             req_wdata, ack_rdata;
  logic [3:0]              req_wstrb;

  axil_reg_front #(
    .AddrWidth(RegAddrWidth), .UserWidth(FuncWidth), .CheckStage(1'b1), .AlternateRdWr(1'b1)
  ) u_front (
    .clk_i, .rst_ni,
    .s_axil_awaddr_i(s_awaddr_i), .s_axil_awprot_i(s_awprot_i), .s_axil_awvalid_i(s_awvalid_i),
    .s_axil_awready_o(s_awready_o), .s_axil_awuser_i(s_awuser_i),
    .s_axil_wdata_i(s_wdata_i), .s_axil_wstrb_i(s_wstrb_i), .s_axil_wvalid_i(s_wvalid_i),
    .s_axil_wready_o(s_wready_o),
    .s_axil_bresp_o(s_bresp_o), .s_axil_bvalid_o(s_bvalid_o), .s_axil_bready_i(s_bready_i),
    .s_axil_araddr_i(s_araddr_i), .s_axil_arprot_i(s_arprot_i), .s_axil_arvalid_i(s_arvalid_i),
    .s_axil_arready_o(s_arready_o), .s_axil_aruser_i(s_aruser_i),
    .s_axil_rdata_o(s_rdata_o), .s_axil_rresp_o(s_rresp_o), .s_axil_rvalid_o(s_rvalid_o),
    .s_axil_rready_i(s_rready_i),
    .chk_addr_o(chk_addr), .chk_user_o(chk_user), .chk_wr_o(chk_wr),
    .chk_refuse_i(chk_refuse), .chk_bad_i(chk_bad),
    .req_o(req), .req_wr_o(req_wr), .req_addr_o(req_addr), .req_wdata_o(req_wdata),
    .req_wstrb_o(req_wstrb), .req_stall_i(req_stall),
    .ack_i(ack), .ack_err_i(ack_err), .ack_rdata_i(ack_rdata),
    .viol_o(viol)
  );

  // ---------------------------------------------------------------- access rule (from flops)
  // Function block index = (addr - 0x100) >> 5, i.e. addr[11:5] - 8.
  localparam int unsigned BlkWidth = RegAddrWidth - FuncBlockShift;  // 7
  logic                is_glob;
  logic [BlkWidth-1:0] blk;
  assign is_glob    = chk_addr < FuncBlockBase;
  assign blk        = chk_addr[RegAddrWidth-1:FuncBlockShift] -
                      BlkWidth'(FuncBlockBase >> FuncBlockShift);
  assign chk_refuse = !(is_glob ? (chk_user == '0)
                                : (32'(blk) < NumFunctions) &&
                                  (chk_user == '0 ||
                                   {1'b0, chk_user} == {(FuncWidth + 1 - BlkWidth)'(0), blk}));
  // Allowed, but no access (rules 3-4 that the shim decides; the generated block decides the rest).
  assign chk_bad = !is_glob && (chk_addr[4:3] == 2'b11 ||                          // offsets 0x18, 0x1C
                                (chk_wr && chk_addr[4:2] == FOffInvalStatus[4:2]));  // read-only

  // ---------------------------------------------------------------- targets
  // The target and function index, registered from the checked address (it holds from the
  // handshake to the response, so these are current from the clock after the check on).
  logic                        glob_q;  // target: generated block (else bat_clat_func_regs)
  logic [FuncIdxFullWidth-1:0] func_q;  // addressed function (valid with !glob_q)
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      glob_q <= 1'b0;
      func_q <= '0;
    end else begin
      glob_q <= is_glob;
      func_q <= FuncIdxFullWidth'(blk);
    end
  end

  logic [31:0] biten;
  always_comb begin
    for (int unsigned i = 0; i < 4; i++) biten[i*8+:8] = {8{req_wstrb[i]}};
  end

  // The generated block sees global addresses only (word aligned).
  assign rb_req_o       = req && glob_q;
  assign rb_req_is_wr_o = req_wr;
  assign rb_addr_o      = {(RegAddrWidth - 8)'(0), req_addr[7:2], 2'b00};
  assign rb_wr_data_o   = req_wdata;
  assign rb_wr_biten_o  = biten;

  // bat_clat_func_regs takes a request in its clock (no stall).
  assign fr_req_o       = req && !glob_q;
  assign fr_func_o      = func_q;
  assign fr_addr_o      = {req_addr[FuncOffWidth-1:2], 2'b00};
  assign fr_req_is_wr_o = req_wr;
  assign fr_wr_data_o   = req_wdata;
  assign fr_wr_biten_o  = biten;

  // The target is glob_q/func_q (registered from the same address); forwarded accesses are aligned.
  logic unused_req_addr;
  assign unused_req_addr = ^{req_addr[RegAddrWidth-1:8], req_addr[1:0]};

  assign req_stall = glob_q && (req_wr ? rb_req_stall_wr_i : rb_req_stall_rd_i);
  assign ack       = glob_q ? (rb_rd_ack_i || rb_wr_ack_i) : (fr_rd_ack_i || fr_wr_ack_i);
  assign ack_err   = glob_q && ((rb_rd_ack_i && rb_rd_err_i) || (rb_wr_ack_i && rb_wr_err_i));
  assign ack_rdata = glob_q ? rb_rd_data_i : fr_rd_data_i;

  // ---------------------------------------------------------------- violation counter
  // Counted in the first clock of the refused access's response (viol), so it is current by the
  // time any later access can read it.
  sat_counter #(.Width(32), .IncWidth(1)) u_viol_cnt (
    .clk_i, .rst_ni, .inc_i(viol), .load_i(1'b0), .load_data_i('0), .load_mask_i('0),
    .count_o(violations_o)
  );

`ifndef SYNTHESIS
  // A function block request only for a function the configuration has; a counted violation is
  // answered SLVERR.
  a_fr_in_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
    fr_req_o |-> 32'(fr_func_o) < NumFunctions);
  a_viol_slverr: assert property (@(posedge clk_i) disable iff (!rst_ni)
    viol |-> (s_bvalid_o && s_bresp_o == AxiRespSlvErr) || (s_rvalid_o && s_rresp_o == AxiRespSlvErr));
`endif

endmodule
