// Formal harness of the port configurator (docs/port_cfg.md "Formal proofs"; run: make formal
// BLOCK=port_cfg). Read by yosys-slang with -D FORMAL -D SYNTHESIS (the RTL's concurrent SVA is
// for simulation; this file restates what is proved as immediate assertions in clocked blocks).
//
// Parameters: reduced to NumLanes = 8, NumVssbs = 2 (2 quads, so the 2-clock scan and the
// rotation wrap are both exercised; every breakout mode fits in one quad). formal.toml runs the
// same properties at the defaults (32 lanes, 4 VSSBs) with -G: proved except isolation (bounded).
//
// Environment (the only assumptions): reset is asserted in the first clock; every AXI4-Lite
// channel the master drives is legal (valid held until ready, payload stable while waiting).
// Reset may assert again at any later clock; a check never compares across a clock in reset.
// Everything else (register writes of any function, commits at any time, filter requests) is free.
//
// Properties (each selected by a CHECK_* define, so each has its own SymbiYosys task and result;
// the LEMMA_* defines add the helper invariants an induction needs, asserted and so proved too):
//   CHECK_ISOLATION (a) "the filter never grants an egress port outside the ingress port's VSSB or a
//     disabled port": an answer holds only enabled ports (first lanes in their quad's mode) of the
//     ingress port's VSSB, and nothing for a disabled ingress port, a lane that is no port's first
//     lane, or an index >= NumLanes, judged from the lane outputs in the request's clock (doc
//     "Ports": flt_allowed_o).
//   CHECK_REJECT (b) "a rejected commit changes no output" (doc "Validation rules": lane outputs,
//     filter, VSSB_STATUS stay as they were): in a commit_done_o clock with commit_code_o != OK every
//     output equals its value in the clock the commit's snapshot was taken; and no output
//     (lane_mode_o, lane_en_o, port_vssb_o, the filter's membership, VSSB_STATUS) ever moves except
//     in a commit_done_o clock with commit_code_o = OK.
//   CHECK_APPLY (c) "an accepted commit changes every output in the same clock" (doc "Commit
//     timing", edge Q+2): in the commit_done_o clock of an accepted commit, lane_mode_o, lane_en_o,
//     port_vssb_o and the filter (membership consistent with those outputs, LEMMA_MEMBER) all show
//     the snapshot taken at edge 1; with (b) nothing moved before that clock.
//   CHECK_HITLESS (d) "outputs of ports the commit does not change never move" (doc "Reconfiguring a
//     VSSB hitlessly"): a lane whose outputs under the snapshot equal its outputs when the snapshot is
//     taken keeps them in every clock until and including the commit_done_o clock.
// LEMMA_MEMBER: the filter's membership masks equal the ones computed from the lane outputs.
// LEMMA_SCAN: the commit FSM's candidate is the snapshot rotated by 4 lanes per checked quad, and
//   the FSM is busy exactly while the harness sees a commit in flight (internal names:
//   dut.u_commit.state_q, .quad_q, .cand_q, .start; dut.member, .vs_ports, .vs_bw, .shadow; update
//   these lemmas if the commit engine changes).
// LEMMA_FROZEN: while a commit is in flight and not done, every output equals its snapshot-clock value.
//
// FORMAL_BREAK_* defines mutate what the harness observes (never the RTL), one per property; each
// must give a counterexample (make formal BLOCK=port_cfg BREAK=all; tb/common/tests/test_formal.py
// runs ISOLATION and HITLESS): ISOLATION the last port is granted whenever asked; REJECT a rejection
// flips lane 0's enable; APPLY lane 1's VSSB follows one clock late; HITLESS the last lane's enable
// flickers on while a commit runs.
module port_cfg_formal
  import port_cfg_pkg::*;
  import port_cfg_regs_pkg::*;
#(
  parameter int unsigned NumLanes = 8,
  parameter int unsigned NumVssbs = 2,
  localparam int unsigned PortIdxW = $clog2(NumLanes),
  localparam int unsigned AddrW = PORT_CFG_REGS_MIN_ADDR_WIDTH,
  localparam int unsigned QuadIdxW = (NumLanes > 4) ? $clog2(NumLanes / 4) : 1  // as dut.u_commit.quad_q
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  logic                 s_axil_awvalid,
  input  logic [AddrW-1:0]     s_axil_awaddr,
  input  logic [2:0]           s_axil_awprot,
  input  logic [7:0]           s_axil_awuser,
  input  logic                 s_axil_wvalid,
  input  logic [31:0]          s_axil_wdata,
  input  logic [3:0]           s_axil_wstrb,
  input  logic                 s_axil_bready,
  input  logic                 s_axil_arvalid,
  input  logic [AddrW-1:0]     s_axil_araddr,
  input  logic [2:0]           s_axil_arprot,
  input  logic [7:0]           s_axil_aruser,
  input  logic                 s_axil_rready,
  input  logic                 flt_valid_i,
  input  logic [PortIdxW-1:0]  flt_ingress_i,
  input  logic [NumLanes-1:0]  flt_egress_i
);

  logic                          s_axil_awready, s_axil_wready, s_axil_bvalid, s_axil_arready;
  logic                          s_axil_rvalid;
  logic [1:0]                    s_axil_bresp, s_axil_rresp;
  logic [31:0]                   s_axil_rdata;
  logic [NumLanes-1:0][1:0]      lane_mode_o;
  logic [NumLanes-1:0]           lane_en_o;
  logic [NumLanes-1:0][VssbW-1:0] port_vssb_o;
  logic                          commit_busy_o, commit_done_o;
  err_e                          commit_code_o;
  logic                          flt_valid_o;
  logic [NumLanes-1:0]           flt_allowed_o;

  port_cfg #(
    .NumLanes (NumLanes),
    .NumVssbs (NumVssbs)
  ) dut (
    .clk_i, .rst_ni,
    .s_axil_awvalid, .s_axil_awready, .s_axil_awaddr, .s_axil_awprot, .s_axil_awuser,
    .s_axil_wvalid, .s_axil_wready, .s_axil_wdata, .s_axil_wstrb,
    .s_axil_bvalid, .s_axil_bready, .s_axil_bresp,
    .s_axil_arvalid, .s_axil_arready, .s_axil_araddr, .s_axil_arprot, .s_axil_aruser,
    .s_axil_rvalid, .s_axil_rready, .s_axil_rdata, .s_axil_rresp,
    .lane_mode_o, .lane_en_o, .port_vssb_o,
    .commit_busy_o, .commit_done_o, .commit_code_o,
    .flt_valid_i, .flt_ingress_i, .flt_egress_i, .flt_valid_o, .flt_allowed_o
  );

`ifdef FORMAL
  // ---------------------------------------------------------------------------------------------
  // What the checks observe (a FORMAL_BREAK_* define mutates it: a deliberate bug)
  // ---------------------------------------------------------------------------------------------
  logic [NumLanes-1:0][1:0]       obs_mode;
  logic [NumLanes-1:0]            obs_en;
  logic [NumLanes-1:0][VssbW-1:0] obs_vssb;
  logic [NumLanes-1:0]            obs_allowed;
  logic [NumLanes-1:0]            egress_q;  // the request answered in this clock
  // Previous clock's observed outputs (for "moved").
  logic [NumLanes-1:0][1:0]       prev_mode_q;
  logic [NumLanes-1:0]            prev_en_q;
  logic [NumLanes-1:0][VssbW-1:0] prev_vssb_q;
  always_comb begin
    obs_mode    = lane_mode_o;
    obs_en      = lane_en_o;
    obs_vssb    = port_vssb_o;
    obs_allowed = flt_allowed_o;
`ifdef FORMAL_BREAK_ISOLATION
    obs_allowed[NumLanes-1] = flt_allowed_o[NumLanes-1] | egress_q[NumLanes-1];  // last port leaks
`endif
`ifdef FORMAL_BREAK_REJECT
    if (commit_done_o && commit_code_o != ErrOk) obs_en[0] = ~lane_en_o[0];  // reject glitches lane 0
`endif
`ifdef FORMAL_BREAK_APPLY
    if (commit_done_o) obs_vssb[1] = prev_vssb_q[1];  // lane 1's VSSB follows one clock late
`endif
`ifdef FORMAL_BREAK_HITLESS
    if (commit_busy_o) obs_en[NumLanes-1] = 1'b1;  // the last lane flickers on while a commit runs
`endif
  end

  // ---------------------------------------------------------------------------------------------
  // Environment
  // ---------------------------------------------------------------------------------------------
  logic past_valid_q = 1'b0;  // 0 only in the first clock
  logic prev_rst_n_q;         // rst_ni in the previous clock
  always_ff @(posedge clk_i) begin
    past_valid_q <= 1'b1;
    prev_rst_n_q <= rst_ni;
  end
  // Both this clock and the previous one are out of reset: comparisons with the previous clock hold.
  logic armed;
  assign armed = past_valid_q && prev_rst_n_q && rst_ni;

  always_comb if (!past_valid_q) assume (!rst_ni);

  // AXI4-Lite master rules: a valid stays up with a stable payload until its handshake.
  logic             aw_wait_q, w_wait_q, ar_wait_q;
  logic [AddrW-1:0] awaddr_q, araddr_q;
  logic [2:0]       awprot_q, arprot_q;
  logic [7:0]       awuser_q, aruser_q;
  logic [31:0]      wdata_q;
  logic [3:0]       wstrb_q;
  always_ff @(posedge clk_i) begin
    aw_wait_q <= rst_ni && s_axil_awvalid && !s_axil_awready;
    w_wait_q  <= rst_ni && s_axil_wvalid && !s_axil_wready;
    ar_wait_q <= rst_ni && s_axil_arvalid && !s_axil_arready;
    awaddr_q <= s_axil_awaddr;  awprot_q <= s_axil_awprot;  awuser_q <= s_axil_awuser;
    araddr_q <= s_axil_araddr;  arprot_q <= s_axil_arprot;  aruser_q <= s_axil_aruser;
    wdata_q  <= s_axil_wdata;   wstrb_q  <= s_axil_wstrb;
  end
  always_comb begin
    if (!rst_ni) assume (!s_axil_awvalid && !s_axil_wvalid && !s_axil_arvalid);
    if (armed && aw_wait_q)
      assume (s_axil_awvalid && s_axil_awaddr == awaddr_q && s_axil_awprot == awprot_q &&
              s_axil_awuser == awuser_q);
    if (armed && w_wait_q) assume (s_axil_wvalid && s_axil_wdata == wdata_q && s_axil_wstrb == wstrb_q);
    if (armed && ar_wait_q)
      assume (s_axil_arvalid && s_axil_araddr == araddr_q && s_axil_arprot == arprot_q &&
              s_axil_aruser == aruser_q);
  end

  // ---------------------------------------------------------------------------------------------
  // Reference: what the doc says the outputs are for a configuration
  // ---------------------------------------------------------------------------------------------
  // Lane outputs for a snapshot `cfg` (doc "Ports"): its quad's mode, the enable of the port it
  // belongs to (its first lane), and its VSSB field (a validated configuration has one VSSB on all
  // lanes of a port).
  function automatic logic [NumLanes-1:0][1:0] cfg_mode(lane_cfg_t [NumLanes-1:0] cfg);
    for (int unsigned l = 0; l < NumLanes; l++) cfg_mode[l] = cfg[l - l % 4].mode;
  endfunction
  function automatic logic [NumLanes-1:0] cfg_en(lane_cfg_t [NumLanes-1:0] cfg);
    for (int unsigned l = 0; l < NumLanes; l++)
      cfg_en[l] = cfg[l - l % 4 + 32'(port_start_off(cfg[l - l % 4].mode, 2'(l % 4)))].en;
  endfunction
  function automatic logic [NumLanes-1:0][VssbW-1:0] cfg_vssb(lane_cfg_t [NumLanes-1:0] cfg);
    for (int unsigned l = 0; l < NumLanes; l++) cfg_vssb[l] = VssbW'(cfg[l].vssb);
  endfunction

  // Port p is an enabled port of the active configuration (first lane of a port in its quad's mode).
  function automatic logic is_port_on(logic [NumLanes-1:0][1:0] mode, logic [NumLanes-1:0] en,
                                      int unsigned p);
    return en[p] && is_port_start(mode_e'(mode[p]), 2'(p % 4));
  endfunction

  // The egress ports ingress `ing` may reach under the given lane outputs (doc: flt_allowed_o).
  function automatic logic [NumLanes-1:0] reach(logic [NumLanes-1:0][1:0] mode,
                                                logic [NumLanes-1:0] en,
                                                logic [NumLanes-1:0][VssbW-1:0] vssb,
                                                logic [PortIdxW-1:0] ing);
    reach = '0;
    if (32'(ing) < NumLanes && is_port_on(mode, en, 32'(ing)))
      for (int unsigned e = 0; e < NumLanes; e++)
        reach[e] = is_port_on(mode, en, e) && vssb[e] == vssb[ing];
  endfunction

  // ---------------------------------------------------------------------------------------------
  // Commit tracking: the snapshot taken at edge 1 and the outputs at that clock
  // ---------------------------------------------------------------------------------------------
  lane_cfg_t [NumLanes-1:0]       snap_q;
  logic [NumLanes-1:0][1:0]       old_mode_q;
  logic [NumLanes-1:0]            old_en_q, unchanged_q;
  logic [NumLanes-1:0][VssbW-1:0] old_vssb_q;
  logic [NumLanes-1:0][NumLanes-1:0] old_member_q;
  logic [NumVssbs-1:0][CntW-1:0]  old_vs_ports_q, old_vs_bw_q;
  logic                           inflight_q;  // from edge 1 through the commit_done_o clock
  // Lanes whose outputs under `cfg` equal the given outputs: the lanes a commit of `cfg` leaves as they are.
  function automatic logic [NumLanes-1:0] same_lanes(lane_cfg_t [NumLanes-1:0] cfg,
                                                     logic [NumLanes-1:0][1:0] mode,
                                                     logic [NumLanes-1:0] en,
                                                     logic [NumLanes-1:0][VssbW-1:0] vssb);
    logic [NumLanes-1:0][1:0]       m = cfg_mode(cfg);
    logic [NumLanes-1:0]            e = cfg_en(cfg);
    logic [NumLanes-1:0][VssbW-1:0] v = cfg_vssb(cfg);
    for (int unsigned l = 0; l < NumLanes; l++)
      same_lanes[l] = m[l] == mode[l] && e[l] == en[l] && v[l] == vssb[l];
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      inflight_q <= 1'b0;
    end else if (dut.u_commit.start) begin
      inflight_q <= 1'b1;
    end else if (commit_done_o) begin
      inflight_q <= 1'b0;
    end
  end
  always_ff @(posedge clk_i) begin
    if (dut.u_commit.start) begin
      snap_q         <= dut.shadow;
      old_mode_q     <= lane_mode_o;
      old_en_q       <= lane_en_o;
      old_vssb_q     <= port_vssb_o;
      old_member_q   <= dut.member;
      old_vs_ports_q <= dut.vs_ports;
      old_vs_bw_q    <= dut.vs_bw;
      unchanged_q    <= same_lanes(dut.shadow, lane_mode_o, lane_en_o, port_vssb_o);
    end
  end

  // Previous clock's internal state that the doc counts as output (filter, VSSB_STATUS).
  logic [NumLanes-1:0][NumLanes-1:0] prev_member_q;
  logic [NumVssbs-1:0][CntW-1:0]     prev_vs_ports_q, prev_vs_bw_q;
  logic [NumLanes-1:0]               reach_q;  // reference answer for the request of the previous clock
  always_ff @(posedge clk_i) begin
    prev_mode_q     <= obs_mode;
    prev_en_q       <= obs_en;
    prev_vssb_q     <= obs_vssb;
    prev_member_q   <= dut.member;
    prev_vs_ports_q <= dut.vs_ports;
    prev_vs_bw_q    <= dut.vs_bw;
    reach_q         <= reach(lane_mode_o, lane_en_o, port_vssb_o, flt_ingress_i);
    egress_q        <= flt_egress_i;
  end

  logic done_ok, done_rej, busy_scan;
  assign done_ok   = commit_done_o && commit_code_o == ErrOk;
  assign done_rej  = commit_done_o && commit_code_o != ErrOk;
  assign busy_scan = inflight_q && !commit_done_o;  // snapshot taken, result not out yet

  // ---------------------------------------------------------------------------------------------
  // Checks
  // ---------------------------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin
    if (rst_ni && past_valid_q) begin
`ifdef CHECK_ISOLATION
      // (a) never a port outside the ingress port's VSSB, never a disabled or non-port lane
      if (prev_rst_n_q && flt_valid_o) assert ((obs_allowed & ~reach_q) == '0);
`endif
`ifdef LEMMA_MEMBER
      for (int unsigned p = 0; p < NumLanes; p++)
        assert (dut.member[p] == reach(lane_mode_o, lane_en_o, port_vssb_o, PortIdxW'(p)));
`endif
`ifdef CHECK_REJECT
      // (b) nothing moves except in an accepting done clock; a rejection leaves the snapshot-clock values
      if (armed && !done_ok)
        assert (obs_mode == prev_mode_q && obs_en == prev_en_q && obs_vssb == prev_vssb_q &&
                dut.member == prev_member_q && dut.vs_ports == prev_vs_ports_q &&
                dut.vs_bw == prev_vs_bw_q);
      if (inflight_q && done_rej)
        assert (obs_mode == old_mode_q && obs_en == old_en_q && obs_vssb == old_vssb_q &&
                dut.member == old_member_q && dut.vs_ports == old_vs_ports_q &&
                dut.vs_bw == old_vs_bw_q);
`endif
`ifdef CHECK_APPLY
      // (c) the accepting done clock shows the whole snapshot: lane outputs and (LEMMA_MEMBER) filter
      if (inflight_q && done_ok)
        assert (obs_mode == cfg_mode(snap_q) && obs_en == cfg_en(snap_q) && obs_vssb == cfg_vssb(snap_q));
`endif
`ifdef CHECK_HITLESS
      // (d) an unchanged lane keeps its outputs from the snapshot clock through the done clock
      for (int unsigned l = 0; l < NumLanes; l++)
        if (inflight_q && unchanged_q[l])
          assert (obs_mode[l] == old_mode_q[l] && obs_en[l] == old_en_q[l] && obs_vssb[l] == old_vssb_q[l]);
      // its induction lemma: unchanged_q is what the snapshot says
      if (inflight_q)
        assert (unchanged_q == same_lanes(snap_q, old_mode_q, old_en_q, old_vssb_q));
`endif
`ifdef LEMMA_FROZEN
      if (busy_scan)
        assert (lane_mode_o == old_mode_q && lane_en_o == old_en_q && port_vssb_o == old_vssb_q &&
                dut.member == old_member_q && dut.vs_ports == old_vs_ports_q &&
                dut.vs_bw == old_vs_bw_q);
`endif
`ifdef LEMMA_SCAN
      assert ((dut.u_commit.state_q != 2'd0) == busy_scan);
      assert (dut.u_commit.state_q != 2'd3);
      if (commit_done_o) assert (dut.u_commit.state_q == 2'd0);
      if (dut.u_commit.state_q == 2'd1) assert (32'(dut.u_commit.quad_q) < NumLanes / 4);
      if (dut.u_commit.state_q == 2'd2) assert (32'(dut.u_commit.quad_q) == (NumLanes / 4) % (1 << QuadIdxW));
      if (busy_scan)
        for (int unsigned l = 0; l < NumLanes; l++)
          assert (dut.u_commit.cand_q[l] == snap_q[(l + 4 * 32'(dut.u_commit.quad_q)) % NumLanes]);
`endif
    end
  end
`endif

endmodule
