// AXI4-Lite register slave front end with the AxUSER access check (docs/common_rtl.md).
//
// One access at a time: the front end takes a read, or a complete write (AW and W in the same
// clock), decides it, forwards it to the block's register targets or refuses it, and answers from
// flops before it takes the next. AxUSER carries the accessing function. The decision follows the
// order of docs/dev-guide.md "Register access":
//   1. access control: the block's rule (chk_refuse_i) -> SLVERR, counted (viol_o pulses)
//   2. misaligned (addr[1:0] != 0), decided here       -> SLVERR, not counted
//   3./4. unmapped, or a write to a read-only register or window, as far as the block decides it
//      before forwarding (chk_bad_i)                    -> SLVERR, not counted
//   otherwise forwarded (req_o); the target's answer (ack_err_i) may still be SLVERR (the
//   generated register blocks answer their own holes and read-only writes that way).
// A refused or rejected access reaches no target: it changes nothing and a read returns 0.
//
// Why the access rule is a port and not a parameter: the rules differ in kind from block to block
// (dirty_track: the PF only; bat_clat: global registers the PF's, function f's block f's and the
// PF's, blocks >= NumFunctions nobody's) and the unmapped decode is the block's own map. A port
// lets each block write its rule as plain combinational logic next to its map, in its own
// constants; a parameter could only carry a table of one fixed shape. The front end shows the
// access being decided (chk_addr_o, chk_user_o, chk_wr_o) and takes the answer in the same clock.
//
// Timing (both modes serve the block's existing latencies unchanged):
//   CheckStage = 0: decided at the handshake, from the AXI inputs (chk_* follow s_axil_aw*/ar*):
//                   handshake clock -> forwarded (or response) in the next clock.
//   CheckStage = 1: the access is registered first and decided in the next clock from flops
//                   (chk_* are flops): handshake -> check -> forwarded (or response). Every path
//                   through the block's rule then starts at a flop.
//   AlternateRdWr = 0: a waiting write goes first; = 1: reads and writes alternate when both wait.
// Forwarded request: req_o is high from the clock after the decision until the target takes it
// (a clock with req_o and !req_stall_i); the target answers with ack_i (ack_err_i, ack_rdata_i)
// in that clock or later, and the response is valid in the clock after ack_i. req_addr_o,
// req_wr_o, req_wdata_o and req_wstrb_o hold from the handshake until the next handshake.
// viol_o is high for one clock, the first clock of a refused access's response.
module axil_reg_front #(
  parameter int unsigned AddrWidth     = 12,
  parameter int unsigned UserWidth     = 8,
  parameter bit          CheckStage    = 1'b0,
  parameter bit          AlternateRdWr = 1'b0
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // AXI4-Lite slave; AxUSER is the accessing function
  input  logic [AddrWidth-1:0] s_axil_awaddr_i,
  input  logic [2:0]           s_axil_awprot_i,
  input  logic                 s_axil_awvalid_i,
  output logic                 s_axil_awready_o,
  input  logic [UserWidth-1:0] s_axil_awuser_i,
  input  logic [31:0]          s_axil_wdata_i,
  input  logic [3:0]           s_axil_wstrb_i,
  input  logic                 s_axil_wvalid_i,
  output logic                 s_axil_wready_o,
  output logic [1:0]           s_axil_bresp_o,
  output logic                 s_axil_bvalid_o,
  input  logic                 s_axil_bready_i,
  input  logic [AddrWidth-1:0] s_axil_araddr_i,
  input  logic [2:0]           s_axil_arprot_i,
  input  logic                 s_axil_arvalid_i,
  output logic                 s_axil_arready_o,
  input  logic [UserWidth-1:0] s_axil_aruser_i,
  output logic [31:0]          s_axil_rdata_o,
  output logic [1:0]           s_axil_rresp_o,
  output logic                 s_axil_rvalid_o,
  input  logic                 s_axil_rready_i,
  // The block's access rule, asked about the access being decided (see CheckStage)
  output logic [AddrWidth-1:0] chk_addr_o,
  output logic [UserWidth-1:0] chk_user_o,
  output logic                 chk_wr_o,
  input  logic                 chk_refuse_i,  // function chk_user_o may not make this access
  input  logic                 chk_bad_i,     // unmapped, or a write the block never forwards
  // Forwarded access to the block's targets
  output logic                 req_o,
  output logic                 req_wr_o,
  output logic [AddrWidth-1:0] req_addr_o,
  output logic [31:0]          req_wdata_o,
  output logic [3:0]           req_wstrb_o,
  input  logic                 req_stall_i,   // the target did not take req_o this clock
  input  logic                 ack_i,         // the target's answer
  input  logic                 ack_err_i,
  input  logic [31:0]          ack_rdata_i,
  // A refused access (one pulse per access, for the block's violation counter and flag)
  output logic                 viol_o
);

  localparam logic [1:0] RespOkay   = 2'b00;
  localparam logic [1:0] RespSlverr = 2'b10;

  typedef enum logic [1:0] {
    StIdle,   // wait for a read or a complete write
    StCheck,  // (CheckStage only) access registered, decided from flops in this clock
    StFwd,    // forwarded to the block's target, waiting for its ack
    StResp    // B or R response, from flops
  } state_e;

  state_e                 state_q, state_d;
  logic [AddrWidth-1:0]   addr_q, addr_d;
  logic [UserWidth-1:0]   user_q, user_d;
  logic                   is_wr_q, is_wr_d;
  logic [31:0]            wdata_q, wdata_d, rdata_q, rdata_d;
  logic [3:0]             wstrb_q, wstrb_d;
  logic [1:0]             resp_q, resp_d;
  logic                   pend_q, pend_d;          // forwarded, not yet taken by the target
  logic                   prefer_rd_q, prefer_rd_d;
  logic                   viol_q, viol_d;

  // ---------------------------------------------------------------- handshake
  logic take_rd, take_wr, decide, reject;
  assign take_rd = (state_q == StIdle) && s_axil_arvalid_i &&
                   (prefer_rd_q || !(s_axil_awvalid_i && s_axil_wvalid_i));
  assign take_wr = (state_q == StIdle) && s_axil_awvalid_i && s_axil_wvalid_i && !take_rd;

  assign s_axil_arready_o = take_rd;
  assign s_axil_awready_o = take_wr;
  assign s_axil_wready_o  = take_wr;

  // ---------------------------------------------------------------- the access being decided
  if (CheckStage) begin : g_check_flops
    assign chk_addr_o = addr_q;
    assign chk_user_o = user_q;
    assign chk_wr_o   = is_wr_q;
    assign decide     = (state_q == StCheck);
  end else begin : g_check_inputs
    assign chk_addr_o = take_wr ? s_axil_awaddr_i : s_axil_araddr_i;
    assign chk_user_o = take_wr ? s_axil_awuser_i : s_axil_aruser_i;
    assign chk_wr_o   = take_wr;
    assign decide     = take_rd || take_wr;
  end
  // rules 2-4 (rule 1, chk_refuse_i, is tested first below)
  assign reject = (chk_addr_o[1:0] != 2'b00) || chk_bad_i;

  // ---------------------------------------------------------------- state machine
  always_comb begin
    state_d     = state_q;
    addr_d      = addr_q;
    user_d      = user_q;
    is_wr_d     = is_wr_q;
    wdata_d     = wdata_q;
    wstrb_d     = wstrb_q;
    rdata_d     = rdata_q;
    resp_d      = resp_q;
    pend_d      = pend_q;
    prefer_rd_d = prefer_rd_q;
    viol_d      = 1'b0;

    if (take_rd) begin
      addr_d      = s_axil_araddr_i;
      user_d      = s_axil_aruser_i;
      is_wr_d     = 1'b0;
      prefer_rd_d = 1'b0;
    end
    if (take_wr) begin
      addr_d      = s_axil_awaddr_i;
      user_d      = s_axil_awuser_i;
      is_wr_d     = 1'b1;
      wdata_d     = s_axil_wdata_i;
      wstrb_d     = s_axil_wstrb_i;
      prefer_rd_d = AlternateRdWr;
    end
    if (take_rd || take_wr) state_d = StCheck;

    // The decision: a refused or rejected access answers SLVERR with read data 0, untouched.
    if (decide) begin
      rdata_d = '0;
      resp_d  = RespSlverr;
      if (chk_refuse_i) begin
        viol_d  = 1'b1;
        state_d = StResp;
      end else if (reject) begin
        state_d = StResp;
      end else begin
        pend_d  = 1'b1;
        state_d = StFwd;
      end
    end

    if (state_q == StFwd) begin
      // Taken, or answered: either way no longer requested (so pend_q alone is req_o).
      if (!req_stall_i || ack_i) pend_d = 1'b0;
      if (ack_i) begin
        resp_d  = ack_err_i ? RespSlverr : RespOkay;
        rdata_d = (ack_err_i || is_wr_q) ? '0 : ack_rdata_i;
        state_d = StResp;
      end
    end

    if (state_q == StResp && (is_wr_q ? s_axil_bready_i : s_axil_rready_i)) state_d = StIdle;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q     <= StIdle;
      addr_q      <= '0;
      user_q      <= '0;
      is_wr_q     <= 1'b0;
      wdata_q     <= '0;
      wstrb_q     <= '0;
      rdata_q     <= '0;
      resp_q      <= RespOkay;
      pend_q      <= 1'b0;
      prefer_rd_q <= 1'b0;
      viol_q      <= 1'b0;
    end else begin
      state_q     <= state_d;
      addr_q      <= addr_d;
      user_q      <= user_d;
      is_wr_q     <= is_wr_d;
      wdata_q     <= wdata_d;
      wstrb_q     <= wstrb_d;
      rdata_q     <= rdata_d;
      resp_q      <= resp_d;
      pend_q      <= pend_d;
      prefer_rd_q <= prefer_rd_d;
      viol_q      <= viol_d;
    end
  end

  // ---------------------------------------------------------------- outputs
  assign req_o       = pend_q;  // set only on entering StFwd, cleared by the take or the ack
  assign req_wr_o    = is_wr_q;
  assign req_addr_o  = addr_q;
  assign req_wdata_o = wdata_q;
  assign req_wstrb_o = wstrb_q;

  assign s_axil_bvalid_o = (state_q == StResp) && is_wr_q;
  assign s_axil_rvalid_o = (state_q == StResp) && !is_wr_q;
  assign s_axil_bresp_o  = resp_q;
  assign s_axil_rresp_o  = resp_q;
  assign s_axil_rdata_o  = rdata_q;
  assign viol_o          = viol_q;

  // AxPROT is not used: access control is on AxUSER (the function number). user_q is only read
  // by the block's rule when CheckStage = 1.
  logic unused_prot;
  assign unused_prot = ^{s_axil_awprot_i, s_axil_arprot_i, user_q};

`ifndef SYNTHESIS
  // SVA that compare with the previous clock ($past, $stable, |=>) are off in the first clock
  // after a reset: a reset pulse may fall between two edges, where `disable iff` never sees it.
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  // One access at a time: a handshake only when idle, never a read and a write together.
  a_one_handshake: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !(s_axil_arready_o && s_axil_awready_o) && (s_axil_awready_o == s_axil_wready_o));
  // A request reaches the block only while forwarded; a refused access never does.
  a_req_only_forwarded: assert property (@(posedge clk_i) disable iff (!rst_ni)
    req_o |-> state_q == StFwd);
  a_refused_not_forwarded: assert property (@(posedge clk_i) disable iff (!rst_ni)
    decide && (chk_refuse_i || reject) |=> !sva_armed_q || (state_q == StResp && !req_o));
  // A violation pulse comes with its SLVERR response.
  a_viol_slverr: assert property (@(posedge clk_i) disable iff (!rst_ni)
    viol_o |-> (s_axil_bvalid_o || s_axil_rvalid_o) && s_axil_bresp_o == RespSlverr);
  // A response, once valid, holds until accepted; a refused read returns 0.
  a_b_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    s_axil_bvalid_o && !s_axil_bready_i |=> s_axil_bvalid_o && $stable(s_axil_bresp_o));
  a_r_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    s_axil_rvalid_o && !s_axil_rready_i |=>
      s_axil_rvalid_o && $stable(s_axil_rdata_o) && $stable(s_axil_rresp_o));
  a_r_err_zero: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s_axil_rvalid_o && s_axil_rresp_o != RespOkay |-> s_axil_rdata_o == '0);
`endif

endmodule
