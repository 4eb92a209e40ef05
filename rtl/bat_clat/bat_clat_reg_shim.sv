// AXI4-Lite front end of the register map: access control on AxUSER, address decode, and the two
// register targets behind it. The register port carries the accessing function on AWUSER/ARUSER.
// Global registers (< 0x100) are the PF's only; function f's block may be accessed by f and by the
// PF; blocks of functions >= NumFunctions by nobody. A refused access gets SLVERR, reaches neither
// target (so it changes nothing and a read returns 0) and increments the violation counter.
//
// Targets:
//   - global registers: the generated register block (bat_clat_regs) over PeakRDL's "passthrough"
//     CPU interface, a request strobe straight from flops here. It only ever sees addresses below
//     0x100 (bits 11:8 are driven 0) and is generated from the global-only addrmap
//     (bat_clat_global_regs), so it has no FUNC[] decode at all.
//   - function f's block (0x100 + 0x20*f): bat_clat_func_regs, with the function index decoded
//     here one clock ahead and registered (one subtract, not 64 parallel range compares).
//
// Access rules, in order (docs/dev-guide.md "Register access"): a refused access (above) gets
// SLVERR and is counted; then a misaligned address (addr[1:0] != 0), an unmapped word of a
// function block (offsets 0x18/0x1C) or a write to a function's INVAL_STATUS gets SLVERR here,
// uncounted, and reaches no target. Unmapped global words and writes to read-only global
// registers are forwarded: the generated block answers them with its error (--err-if-bad-addr,
// --err-if-bad-rw in gen_regs.toml), which becomes SLVERR, and they change nothing.
//
// One access at a time: the shim takes a read or a complete write (AW and W together), checks it
// in the next clock from flops, forwards it or refuses it, and returns the response from flops
// before taking the next. Register traffic is slow control-path traffic; serializing keeps the
// violation count and the checks trivially exact, and every path here starts at a flop.
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

  typedef enum logic [2:0] {
    ShIdle,
    ShCheck,  // access registered: access check and target decode from flops
    ShFwd,    // forwarded to its target, waiting for the acknowledge
    ShResp    // B or R response to the system, from flops
  } shim_state_e;

  shim_state_e state_q;
  logic [RegAddrWidth-1:0] addr_q;
  logic [FuncWidth-1:0]    user_q;
  logic                    is_wr_q;
  logic [31:0]             wdata_q, rdata_q;
  logic [3:0]              wstrb_q;
  logic [1:0]              resp_q;
  logic                    glob_q;       // target: generated block (else bat_clat_func_regs)
  logic                    pend_q;       // forwarded request not yet taken by its target
  logic [FuncIdxFullWidth-1:0] func_q;   // addressed function (valid with !glob_q)
  logic                    prefer_rd_q;  // alternate reads and writes when both wait

  // Accept one access at a time.
  logic take_rd, take_wr;
  assign take_rd = (state_q == ShIdle) && s_arvalid_i &&
                   (prefer_rd_q || !(s_awvalid_i && s_wvalid_i));
  assign take_wr = (state_q == ShIdle) && s_awvalid_i && s_wvalid_i && !take_rd;

  assign s_arready_o = take_rd;
  assign s_awready_o = take_wr;
  assign s_wready_o  = take_wr;

  // Check (from flops): function block index = (addr - 0x100) >> 5, i.e. addr[11:5] - 8.
  localparam int unsigned BlkWidth = RegAddrWidth - FuncBlockShift;  // 7
  logic                is_glob, ok, bad_addr;
  logic [BlkWidth-1:0] blk;
  assign is_glob = addr_q < FuncBlockBase;
  assign blk     = addr_q[RegAddrWidth-1:FuncBlockShift] - BlkWidth'(FuncBlockBase >> FuncBlockShift);
  assign ok      = is_glob ? (user_q == '0)
                           : (32'(blk) < NumFunctions) &&
                             (user_q == '0 || {1'b0, user_q} == {(FuncWidth + 1 - BlkWidth)'(0), blk});

  // Allowed, but no access (rules 2-4 that the shim decides; the generated block decides the rest).
  assign bad_addr = (addr_q[1:0] != 2'b00) ||
                    (!is_glob && (addr_q[4:3] == 2'b11 ||                       // offsets 0x18, 0x1C
                                  (is_wr_q && addr_q[4:2] == FOffInvalStatus[4:2])));  // read-only

  // Forwarded request.
  logic fwd_rb, fwd_fr, rb_taken, ack;
  assign fwd_rb   = (state_q == ShFwd) && pend_q && glob_q;
  assign fwd_fr   = (state_q == ShFwd) && pend_q && !glob_q;
  assign rb_taken = fwd_rb && !(is_wr_q ? rb_req_stall_wr_i : rb_req_stall_rd_i);
  assign ack      = glob_q ? (rb_rd_ack_i || rb_wr_ack_i) : (fr_rd_ack_i || fr_wr_ack_i);

  logic [31:0] biten;
  always_comb begin
    for (int unsigned i = 0; i < 4; i++) biten[i*8+:8] = {8{wstrb_q[i]}};
  end

  // The generated block sees global addresses only (word aligned).
  assign rb_req_o       = fwd_rb;
  assign rb_req_is_wr_o = is_wr_q;
  assign rb_addr_o      = {(RegAddrWidth - 8)'(0), addr_q[7:2], 2'b00};
  assign rb_wr_data_o   = wdata_q;
  assign rb_wr_biten_o  = biten;

  assign fr_req_o       = fwd_fr;
  assign fr_func_o      = func_q;
  assign fr_addr_o      = {addr_q[FuncOffWidth-1:2], 2'b00};
  assign fr_req_is_wr_o = is_wr_q;
  assign fr_wr_data_o   = wdata_q;
  assign fr_wr_biten_o  = biten;

  // Responses from flops.
  assign s_bvalid_o = (state_q == ShResp) && is_wr_q;
  assign s_rvalid_o = (state_q == ShResp) && !is_wr_q;
  assign s_bresp_o  = resp_q;
  assign s_rresp_o  = resp_q;
  assign s_rdata_o  = rdata_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q      <= ShIdle;
      addr_q       <= '0;
      user_q       <= '0;
      is_wr_q      <= 1'b0;
      wdata_q      <= '0;
      wstrb_q      <= '0;
      rdata_q      <= '0;
      resp_q       <= '0;
      glob_q       <= 1'b0;
      pend_q       <= 1'b0;
      func_q       <= '0;
      prefer_rd_q  <= 1'b0;
    end else begin
      unique case (state_q)
        ShIdle: begin
          if (take_rd) begin
            addr_q      <= s_araddr_i;
            user_q      <= s_aruser_i;
            is_wr_q     <= 1'b0;
            prefer_rd_q <= 1'b0;
            state_q     <= ShCheck;
          end else if (take_wr) begin
            addr_q      <= s_awaddr_i;
            user_q      <= s_awuser_i;
            is_wr_q     <= 1'b1;
            wdata_q     <= s_wdata_i;
            wstrb_q     <= s_wstrb_i;
            prefer_rd_q <= 1'b1;
            state_q     <= ShCheck;
          end
        end
        ShCheck: begin
          glob_q  <= is_glob;
          func_q  <= FuncIdxFullWidth'(blk);
          rdata_q <= '0;
          if (!ok) begin
            resp_q  <= AxiRespSlvErr;
            state_q <= ShResp;
          end else if (bad_addr) begin
            resp_q  <= AxiRespSlvErr;  // not an access violation: not counted
            state_q <= ShResp;
          end else begin
            pend_q  <= 1'b1;
            state_q <= ShFwd;
          end
        end
        ShFwd: begin
          if (fwd_fr || rb_taken) pend_q <= 1'b0;
          if (ack) begin
            if (glob_q) begin
              rdata_q <= rb_rd_ack_i ? rb_rd_data_i : '0;
              resp_q  <= ((rb_rd_ack_i && rb_rd_err_i) || (rb_wr_ack_i && rb_wr_err_i)) ?
                         AxiRespSlvErr : 2'b00;
            end else begin
              rdata_q <= fr_rd_ack_i ? fr_rd_data_i : '0;
              resp_q  <= 2'b00;
            end
            state_q <= ShResp;
          end
        end
        ShResp: begin
          if (is_wr_q ? s_bready_i : s_rready_i) state_q <= ShIdle;
        end
        default: state_q <= ShIdle;
      endcase
    end
  end

  // Refused accesses: one per refusal, counted at the edge that ends the check clock.
  sat_counter #(.Width(32), .IncWidth(1)) u_viol_cnt (
    .clk_i, .rst_ni, .inc_i(state_q == ShCheck && !ok), .load_i(1'b0), .load_data_i('0),
    .load_mask_i('0), .count_o(violations_o)
  );

  logic unused_prot;
  assign unused_prot = ^{s_awprot_i, s_arprot_i};

`ifndef SYNTHESIS
  // 0 from a reset until the first clock edge after it: a reset pulse may fall between two edges,
  // where `disable iff` does not see it, so properties comparing with the previous clock hold
  // vacuously in the first clock after any reset (docs/dev-guide.md, reset rule).
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end

  // A refused access never reaches a register target; one access at a time.
  a_refused_not_forwarded: assert property (@(posedge clk_i) disable iff (!rst_ni)
    (state_q != ShFwd) |-> !(rb_req_o || fr_req_o));
  a_fr_in_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
    fr_req_o |-> 32'(fr_func_o) < NumFunctions);
  a_bresp_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s_bvalid_o && !s_bready_i |=> !sva_armed_q || (s_bvalid_o && $stable(s_bresp_o)));
  a_rresp_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s_rvalid_o && !s_rready_i |=> !sva_armed_q ||
                                   (s_rvalid_o && $stable(s_rresp_o) && $stable(s_rdata_o)));
`endif

endmodule
