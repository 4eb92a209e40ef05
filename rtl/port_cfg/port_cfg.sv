// Switch-board port configurator (docs/port_cfg.md is the contract).
//
// Software writes a shadow configuration (per lane: enable, breakout mode, VSSB; per VSSB: port and
// bandwidth limits) through the generated AXI4-Lite register block. CTRL.commit snapshots the
// shadow into a candidate, validates it one quad per clock (accumulating per-VSSB port counts and
// bandwidth), and either applies it in one clock or rejects it with the first offending lane and
// an error code, leaving the active configuration untouched. Lanes whose configuration does not
// change keep their outputs constant through the commit.
//
// Units: the generated register block (gen/port_cfg_regs.sv) behind the access rule below;
// port_cfg_commit (the commit engine: snapshot, one quad check per clock, apply or reject; its
// header gives the timing: outputs change NumLanes/4 + 2 clocks after the CTRL.commit pulse);
// port_cfg_active (the active configuration and the filter's membership masks, written only at
// apply); port_cfg_filter (the isolation filter); sat_counter (rtl/common) for ACCESS_VIOL_CNT.
module port_cfg
  import port_cfg_pkg::*;
  import port_cfg_regs_pkg::*;
  import port_cfg_reg_addr_pkg::*;
#(
  parameter int unsigned NumLanes = 32,  // multiple of 4, 4..64
  parameter int unsigned NumVssbs = 4,   // 1..16
  parameter int unsigned MgmtFunction = 0,  // the only function (AxUSER) that may access the registers
  localparam int unsigned PortIdxW = $clog2(NumLanes),
  localparam int unsigned AddrW = PORT_CFG_REGS_MIN_ADDR_WIDTH
) (
  input  logic                              clk_i,
  input  logic                              rst_ni,

  // AXI4-Lite register slave. AxUSER carries the accessing function number: only MgmtFunction
  // may access anything (any other gets SLVERR, changes nothing, and is counted).
  input  logic                              s_axil_awvalid,
  output logic                              s_axil_awready,
  input  logic [AddrW-1:0]                  s_axil_awaddr,
  input  logic [2:0]                        s_axil_awprot,
  input  logic [7:0]                        s_axil_awuser,
  input  logic                              s_axil_wvalid,
  output logic                              s_axil_wready,
  input  logic [31:0]                       s_axil_wdata,
  input  logic [3:0]                        s_axil_wstrb,
  output logic                              s_axil_bvalid,
  input  logic                              s_axil_bready,
  output logic [1:0]                        s_axil_bresp,
  input  logic                              s_axil_arvalid,
  output logic                              s_axil_arready,
  input  logic [AddrW-1:0]                  s_axil_araddr,
  input  logic [2:0]                        s_axil_arprot,
  input  logic [7:0]                        s_axil_aruser,
  output logic                              s_axil_rvalid,
  input  logic                              s_axil_rready,
  output logic [31:0]                       s_axil_rdata,
  output logic [1:0]                        s_axil_rresp,

  // Active configuration, all registered. Lane l: its quad's mode, and whether the port it belongs
  // to is enabled; port_vssb_o[l]: the VSSB of the port lane l belongs to (port p = lane p).
  output logic [NumLanes-1:0][1:0]          lane_mode_o,
  output logic [NumLanes-1:0]               lane_en_o,
  output logic [NumLanes-1:0][VssbW-1:0]    port_vssb_o,

  // Commit progress: busy from the commit pulse until the result; done pulses one clock with the
  // result in commit_code_o (held until the next result).
  output logic                              commit_busy_o,
  output logic                              commit_done_o,
  output err_e                              commit_code_o,

  // Isolation filter: valid-only, one request per clock, one clock of latency.
  input  logic                              flt_valid_i,
  input  logic [PortIdxW-1:0]               flt_ingress_i,
  input  logic [NumLanes-1:0]               flt_egress_i,
  output logic                              flt_valid_o,
  output logic [NumLanes-1:0]               flt_allowed_o
);

  // ---------------------------------------------------------------------------------------------
  // Register block
  // ---------------------------------------------------------------------------------------------
  port_cfg_regs__in_t  hwif_in;
  port_cfg_regs__out_t hwif_out;

  // Access rules (docs/dev-guide.md, "Register access"), checked on the AXI address as it enters
  // the generated block: an access by another function than MgmtFunction (refused, counted), a
  // misaligned address, or a LANE / VSSB_LIMIT / VSSB_STATUS entry this configuration does not
  // have is steered to RefusedAddr, a hole of the map. The generated block (--err-if-bad-addr)
  // answers it SLVERR with no effect (a read returns 0), in order with every other access; writes
  // to read-only registers get SLVERR from it as well (--err-if-bad-rw).
  // Addresses from the SystemRDL map (gen/port_cfg_reg_addr_pkg.sv), never typed here.
  localparam logic [AddrW-1:0] RefusedAddr = AddrW'(AddrErr + 4);  // unmapped: between ERR and VSSB_LIMIT

  function automatic logic in_window(logic [AddrW-1:0] addr, int unsigned base, int unsigned stride,
                                     int unsigned count);
    return 32'(addr) >= base && 32'(addr) < base + count * stride;
  endfunction

  // An entry of an array is mapped when its index is below the configured size.
  function automatic logic addr_mapped(logic [AddrW-1:0] addr);
    if (addr[1:0] != 2'b00) return 1'b0;
    if (in_window(addr, LaneBase, LaneStride, LaneCount))
      return (32'(addr) - LaneBase) / LaneStride < NumLanes;
    if (in_window(addr, VssbLimitBase, VssbLimitStride, VssbLimitCount))
      return (32'(addr) - VssbLimitBase) / VssbLimitStride < NumVssbs;
    if (in_window(addr, VssbStatusBase, VssbStatusStride, VssbStatusCount))
      return (32'(addr) - VssbStatusBase) / VssbStatusStride < NumVssbs;
    return 1'b1;  // scalars and holes: the generated block decodes these
  endfunction

  logic aw_refused, ar_refused, aw_viol, ar_viol;
  logic [AddrW-1:0] awaddr_chk, araddr_chk;
  assign aw_refused = (32'(s_axil_awuser) != MgmtFunction);
  assign ar_refused = (32'(s_axil_aruser) != MgmtFunction);
  assign awaddr_chk = (!aw_refused && addr_mapped(s_axil_awaddr)) ? s_axil_awaddr : RefusedAddr;
  assign araddr_chk = (!ar_refused && addr_mapped(s_axil_araddr)) ? s_axil_araddr : RefusedAddr;
  // Counted when the address is accepted; the response follows later, so software that reads the
  // counter after a refused access's response always sees it counted.
  assign aw_viol = s_axil_awvalid && s_axil_awready && aw_refused;
  assign ar_viol = s_axil_arvalid && s_axil_arready && ar_refused;

  port_cfg_regs u_regs (
    .clk            (clk_i),
    .arst_n         (rst_ni),
    .s_axil_awready,
    .s_axil_awvalid,
    .s_axil_awaddr  (awaddr_chk),
    .s_axil_awprot,
    .s_axil_wready,
    .s_axil_wvalid,
    .s_axil_wdata,
    .s_axil_wstrb,
    .s_axil_bready,
    .s_axil_bvalid,
    .s_axil_bresp,
    .s_axil_arready,
    .s_axil_arvalid,
    .s_axil_araddr  (araddr_chk),
    .s_axil_arprot,
    .s_axil_rready,
    .s_axil_rvalid,
    .s_axil_rdata,
    .s_axil_rresp,
    .hwif_in,
    .hwif_out
  );

  // Saturating count of refused accesses: up to two per clock (an AW and an AR).
  logic [31:0] viol_cnt;
  sat_counter #(.Width(32), .IncWidth(2)) u_viol_cnt (
    .clk_i,
    .rst_ni,
    .inc_i       (2'({1'b0, aw_viol} + {1'b0, ar_viol})),
    .load_i      (1'b0),
    .load_data_i ('0),
    .load_mask_i ('0),
    .count_o     (viol_cnt)
  );

  // ---------------------------------------------------------------------------------------------
  // Commit engine: shadow -> candidate -> validated -> apply or reject
  // ---------------------------------------------------------------------------------------------
  logic                                commit_req, apply, reject, pending;
  lane_cfg_t [NumLanes-1:0]            shadow, cand;
  logic [NumVssbs-1:0][CntW-1:0]       shadow_max_ports, shadow_max_bw, use_ports, use_bw;
  err_e                                code;
  logic [LaneNumW-1:0]                 err_lane;
  logic [31:0]                         accept_cnt, reject_cnt;

  assign commit_req = hwif_out.CTRL.commit.value;

  always_comb begin
    for (int unsigned l = 0; l < NumLanes; l++) begin
      shadow[l].en   = hwif_out.LANE[l].en.value;
      shadow[l].mode = mode_e'(hwif_out.LANE[l].mode.value);
      shadow[l].vssb = hwif_out.LANE[l].vssb.value;
    end
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      shadow_max_ports[v] = hwif_out.VSSB_LIMIT[v].max_ports.value;
      shadow_max_bw[v]    = hwif_out.VSSB_LIMIT[v].max_bw.value;
    end
  end

  port_cfg_commit #(
    .NumLanes (NumLanes),
    .NumVssbs (NumVssbs)
  ) u_commit (
    .clk_i,
    .rst_ni,
    .commit_req_i (commit_req),
    .shadow_i     (shadow),
    .max_ports_i  (shadow_max_ports),
    .max_bw_i     (shadow_max_bw),
    .apply_o      (apply),
    .reject_o     (reject),
    .cand_o       (cand),
    .use_ports_o  (use_ports),
    .use_bw_o     (use_bw),
    .busy_o       (commit_busy_o),
    .pending_o    (pending),
    .done_o       (commit_done_o),
    .code_o       (code),
    .err_lane_o   (err_lane),
    .accept_cnt_o (accept_cnt),
    .reject_cnt_o (reject_cnt)
  );
  assign commit_code_o = code;

  // ---------------------------------------------------------------------------------------------
  // Active configuration: written only in the apply clock, from the validated candidate
  // ---------------------------------------------------------------------------------------------
  logic [NumLanes-1:0][NumLanes-1:0]   member;
  logic [NumVssbs-1:0][CntW-1:0]       vs_ports, vs_bw;

  port_cfg_active #(
    .NumLanes (NumLanes),
    .NumVssbs (NumVssbs)
  ) u_active (
    .clk_i,
    .rst_ni,
    .apply_i     (apply),
    .reject_i    (reject),
    .cand_i      (cand),
    .use_ports_i (use_ports),
    .use_bw_i    (use_bw),
    .lane_mode_o,
    .lane_en_o,
    .port_vssb_o,
    .member_o    (member),
    .vs_ports_o  (vs_ports),
    .vs_bw_o     (vs_bw)
  );

  // ---------------------------------------------------------------------------------------------
  // Status registers
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    hwif_in = '{default: '0};
    hwif_in.PARAMS.num_lanes.next  = 8'(NumLanes);
    hwif_in.PARAMS.num_vssbs.next  = 5'(NumVssbs);
    hwif_in.STATUS.busy.next       = commit_busy_o;
    hwif_in.STATUS.pending.next    = pending;
    hwif_in.STATUS.code.next       = code;
    hwif_in.STATUS.err_lane.next   = err_lane;
    hwif_in.ACCEPT_CNT.count.next  = accept_cnt;
    hwif_in.REJECT_CNT.count.next  = reject_cnt;
    hwif_in.ACCESS_VIOL_CNT.count.next = viol_cnt;
    hwif_in.ERR.access_viol.hwset  = aw_viol || ar_viol;
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      hwif_in.VSSB_STATUS[v].ports.next = vs_ports[v];
      hwif_in.VSSB_STATUS[v].bw.next    = vs_bw[v];
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Isolation filter
  // ---------------------------------------------------------------------------------------------
  port_cfg_filter #(
    .NumLanes (NumLanes)
  ) u_filter (
    .clk_i,
    .rst_ni,
    .member_i      (member),
    .req_valid_i   (flt_valid_i),
    .req_ingress_i (flt_ingress_i),
    .req_egress_i  (flt_egress_i),
    .rsp_valid_o   (flt_valid_o),
    .rsp_allowed_o (flt_allowed_o)
  );

  // ---------------------------------------------------------------------------------------------
  // Assertions
  // ---------------------------------------------------------------------------------------------
`ifndef SYNTHESIS
  initial begin
    assert (NumLanes % LanesPerQuad == 0 && NumLanes >= LanesPerQuad && NumLanes <= MaxLanes)
      else $fatal(1, "NumLanes must be a multiple of 4 in 4..%0d", MaxLanes);
    assert (NumVssbs >= 1 && NumVssbs <= MaxVssbs) else $fatal(1, "NumVssbs must be 1..%0d", MaxVssbs);
  end

  // Independent isolation reference, recomputed from the active lane outputs at request time (not
  // from member_q): the bits a response may carry.
  logic [NumLanes-1:0] iso_ok_d, iso_ok_q;
  always_comb begin
    iso_ok_d = '0;
    if (32'(flt_ingress_i) < NumLanes) begin
      for (int unsigned e = 0; e < NumLanes; e++) begin
        iso_ok_d[e] = lane_en_o[flt_ingress_i] && lane_en_o[e] &&
                      is_port_start(mode_e'(lane_mode_o[e]), 2'(e % LanesPerQuad)) &&
                      is_port_start(mode_e'(lane_mode_o[flt_ingress_i]), 2'(flt_ingress_i)) &&
                      (port_vssb_o[e] == port_vssb_o[flt_ingress_i]);
      end
    end
  end
  always_ff @(posedge clk_i) iso_ok_q <= iso_ok_d;

  // 0 from a reset until the first clock edge after it. A reset pulse may fall between two clock
  // edges (no minimum width, docs/dev-guide.md), where `disable iff` never sees it; properties that
  // compare with the previous clock ($stable, |=>) therefore hold vacuously in the first clock
  // after any reset: this flop is still 0 there.
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end

  // The filter never answers with a port outside the ingress port's VSSB (or any port at all
  // for a disabled or non-port ingress lane).
  a_filter_isolation: assert property (@(posedge clk_i) disable iff (!rst_ni)
    flt_valid_o |-> ((flt_allowed_o & ~iso_ok_q) == '0));

  // The filter answers every request exactly one clock later.
  a_filter_latency: assert property (@(posedge clk_i) disable iff (!rst_ni)
    flt_valid_i |=> !sva_armed_q || flt_valid_o);

`endif

endmodule
