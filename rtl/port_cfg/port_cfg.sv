// Switch-board port configurator (docs/port_cfg.md is the contract).
//
// Software writes a shadow configuration (per lane: enable, breakout mode, VSSB; per VSSB: port and
// bandwidth limits) through the generated AXI4-Lite register block. CTRL.commit snapshots the
// shadow into a candidate, validates it one quad per clock (accumulating per-VSSB port counts and
// bandwidth), and either applies it in one clock or rejects it with the first offending lane and
// an error code, leaving the active configuration untouched. Lanes whose configuration does not
// change keep their outputs constant through the commit.
//
// Commit timing, counted from the clock in which the CTRL.commit pulse is high (cycle 0):
//   edge 1            candidate <= shadow, limits snapshot              (StIdle -> StScan)
//   edges 2..Q+1      quad 0..Q-1 checked, one per clock (Q = NumLanes/4); each quad's result is
//                     registered and acted on one clock later (keeps the check-to-FSM path short)
//   edge Q+2          (StApply) last quad OK: active <= candidate, filter membership, VSSB status
// so the outputs change Q+2 clocks after the pulse (<= NumLanes/4 + 4); a rejection in quad k is
// reported at edge k+3.
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

  localparam int unsigned NumQuads = NumLanes / LanesPerQuad;
  localparam int unsigned QuadIdxW = (NumQuads > 1) ? $clog2(NumQuads) : 1;

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

  // ---------------------------------------------------------------------------------------------
  // Commit FSM
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [1:0] {
    StIdle  = 2'd0,
    StScan  = 2'd1,
    StApply = 2'd2
  } state_e;

  state_e                              state_q;
  logic                                pending_q;
  logic [QuadIdxW-1:0]                 quad_q;
  lane_cfg_t [NumLanes-1:0]            cand_q;  // rotated by one quad per passing scan clock
  logic [NumVssbs-1:0][CntW-1:0]       room_ports_q, room_bw_q;  // limit minus use of checked quads
  logic [NumVssbs-1:0][CntW-1:0]       acc_ports_q, acc_bw_q;    // use of checked quads
  logic [NumVssbs-1:0][CntW-1:0]       vs_ports_q, vs_bw_q;  // VSSB_STATUS of the active config
  err_e                                code_q;
  logic [LaneNumW-1:0]                 err_lane_q;
  logic [31:0]                         accept_cnt_q, reject_cnt_q;  // saturate at all ones
  logic [31:0]                         viol_cnt_q;  // refused register accesses, saturating
  logic                                done_q;
  err_e                                qerr_q;       // registered result of the last checked quad
  logic [LaneNumW-1:0]                 qerr_lane_q;

  logic                                commit_req, start;
  lane_cfg_t [NumLanes-1:0]            shadow;
  logic [NumVssbs-1:0][CntW-1:0]       shadow_max_ports, shadow_max_bw;

  assign commit_req = hwif_out.CTRL.commit.value;
  assign start      = (state_q == StIdle) && (commit_req || pending_q);

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

  // The quad under test is always lanes 0..3 of the rotated candidate: no quad multiplexer.
  err_e                          quad_err;
  logic [1:0]                    quad_err_off;

  // Per-VSSB use of the quad checked next clock, registered (use_q): the headroom/use updates
  // start from flops. At the snapshot it is quad 0 of the shadow; while scanning, the quad that
  // the rotation brings to lanes 0..3 next.
  lane_cfg_t [LanesPerQuad-1:0]  next_quad;
  logic [NumVssbs-1:0][2:0]      first_ports, first_bw, next_ports, next_bw, use_ports_q, use_bw_q;
  always_comb begin
    for (int unsigned o = 0; o < LanesPerQuad; o++) next_quad[o] = cand_q[(LanesPerQuad + o) % NumLanes];
  end

  port_cfg_quad_use #(.NumVssbs(NumVssbs)) u_use_first (
    .quad_i  (shadow[LanesPerQuad-1:0]),
    .ports_o (first_ports),
    .bw_o    (first_bw)
  );
  port_cfg_quad_use #(.NumVssbs(NumVssbs)) u_use_next (
    .quad_i  (next_quad),
    .ports_o (next_ports),
    .bw_o    (next_bw)
  );

  // The headroom-independent part of the quad check (rule codes 1..5, VSSB membership, running
  // counts), registered one clock ahead like the quad use (pre_*_q): the check in the scan clock
  // starts from flops and only compares against the headroom and picks the first failure.
  err_e      [LanesPerQuad-1:0]                first_code, next_code, pre_code_q;
  logic      [NumVssbs-1:0][LanesPerQuad-1:0]  first_in_vssb, next_in_vssb, pre_in_vssb_q;
  logic      [LanesPerQuad-1:0][2:0]           first_cnt, next_cnt, pre_cnt_q;
  logic      [LanesPerQuad-1:0][2:0]           first_qbw, next_qbw, pre_bw_q;

  port_cfg_quad_pre #(.NumVssbs(NumVssbs)) u_pre_first (
    .quad_i    (shadow[LanesPerQuad-1:0]),
    .code_o    (first_code),
    .in_vssb_o (first_in_vssb),
    .cnt_o     (first_cnt),
    .bw_o      (first_qbw)
  );
  port_cfg_quad_pre #(.NumVssbs(NumVssbs)) u_pre_next (
    .quad_i    (next_quad),
    .code_o    (next_code),
    .in_vssb_o (next_in_vssb),
    .cnt_o     (next_cnt),
    .bw_o      (next_qbw)
  );

  port_cfg_quad_check #(
    .NumVssbs (NumVssbs)
  ) u_quad_check (
    .code_i       (pre_code_q),
    .in_vssb_i    (pre_in_vssb_q),
    .cnt_i        (pre_cnt_q),
    .bw_i         (pre_bw_q),
    .room_ports_i (room_ports_q),
    .room_bw_i    (room_bw_q),
    .err_o        (quad_err),
    .err_off_o    (quad_err_off)
  );

  // Saturating counter step (docs/dev-guide.md: counters stop at all ones and stay there).
  function automatic logic [31:0] sat_add(logic [31:0] cnt, logic [1:0] inc);
    logic [32:0] sum;
    sum = {1'b0, cnt} + 33'(inc);
    return sum[32] ? '1 : sum[31:0];
  endfunction

  logic scan_reject, scan_last, apply;
  assign scan_reject = ((state_q == StScan) || (state_q == StApply)) && (qerr_q != ErrOk);
  assign scan_last   = (32'(quad_q) == NumQuads - 1);
  assign apply       = (state_q == StApply) && (qerr_q == ErrOk);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q      <= StIdle;
      pending_q    <= 1'b0;
      quad_q       <= '0;
      cand_q       <= '0;
      room_ports_q <= '0;
      room_bw_q    <= '0;
      use_ports_q  <= '0;
      use_bw_q     <= '0;
      pre_code_q    <= {LanesPerQuad{ErrOk}};
      pre_in_vssb_q <= '0;
      pre_cnt_q     <= '0;
      pre_bw_q      <= '0;
      acc_ports_q  <= '0;
      acc_bw_q     <= '0;
      code_q       <= ErrOk;
      err_lane_q   <= '0;
      accept_cnt_q <= '0;
      reject_cnt_q <= '0;
      viol_cnt_q   <= '0;
      done_q       <= 1'b0;
      qerr_q       <= ErrOk;
      qerr_lane_q  <= '0;
    end else begin
      done_q <= 1'b0;
      // Up to two refused accesses per clock (an AW and an AR); saturating.
      viol_cnt_q <= sat_add(viol_cnt_q, 2'({1'b0, aw_viol} + {1'b0, ar_viol}));
      // A commit requested while one runs is held and starts when it ends.
      if (start) pending_q <= 1'b0;
      else if (commit_req) pending_q <= 1'b1;

      unique case (state_q)
        StIdle: begin
          if (start) begin
            state_q     <= StScan;
            quad_q      <= '0;
            cand_q      <= shadow;
            room_ports_q <= shadow_max_ports;
            room_bw_q    <= shadow_max_bw;
            acc_ports_q <= '0;
            acc_bw_q    <= '0;
            use_ports_q <= first_ports;
            use_bw_q    <= first_bw;
            pre_code_q    <= first_code;
            pre_in_vssb_q <= first_in_vssb;
            pre_cnt_q     <= first_cnt;
            pre_bw_q      <= first_qbw;
            qerr_q      <= ErrOk;
          end
        end
        StScan: begin
          // The datapath advances unconditionally (a rejected candidate is discarded), so the
          // quad's error only steers the few control and status flops: a shallow, low-fanout path.
          for (int unsigned v = 0; v < NumVssbs; v++) begin
            acc_ports_q[v]  <= acc_ports_q[v] + CntW'(use_ports_q[v]);
            acc_bw_q[v]     <= acc_bw_q[v] + CntW'(use_bw_q[v]);
            room_ports_q[v] <= room_ports_q[v] - CntW'(use_ports_q[v]);
            room_bw_q[v]    <= room_bw_q[v] - CntW'(use_bw_q[v]);
          end
          use_ports_q <= next_ports;
          use_bw_q    <= next_bw;
          pre_code_q    <= next_code;
          pre_in_vssb_q <= next_in_vssb;
          pre_cnt_q     <= next_cnt;
          pre_bw_q      <= next_qbw;
          for (int unsigned l = 0; l < NumLanes; l++) begin
            cand_q[l] <= cand_q[(l + LanesPerQuad) % NumLanes];
          end
          quad_q      <= quad_q + 1'b1;
          qerr_q      <= quad_err;
          qerr_lane_q <= LaneNumW'({quad_q, quad_err_off});
          if (qerr_q != ErrOk) begin  // the previous quad failed
            state_q      <= StIdle;
            code_q       <= qerr_q;
            err_lane_q   <= qerr_lane_q;
            reject_cnt_q <= sat_add(reject_cnt_q, 2'd1);
            done_q       <= 1'b1;
          end else if (scan_last) begin
            state_q <= StApply;
          end
        end
        StApply: begin
          if (qerr_q != ErrOk) begin  // the last quad failed
            state_q      <= StIdle;
            code_q       <= qerr_q;
            err_lane_q   <= qerr_lane_q;
            reject_cnt_q <= sat_add(reject_cnt_q, 2'd1);
            done_q       <= 1'b1;
          end else begin
            // NumQuads rotations by one quad: the candidate is back in lane order.
            state_q      <= StIdle;
            code_q       <= ErrOk;
            err_lane_q   <= '0;
            accept_cnt_q <= sat_add(accept_cnt_q, 2'd1);
            done_q       <= 1'b1;
          end
        end
        default: state_q <= StIdle;
      endcase
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Active configuration: written only in StApply, from the validated candidate, all at once.
  // ---------------------------------------------------------------------------------------------
  logic [NumLanes-1:0][1:0]            act_mode_d;
  logic [NumLanes-1:0]                 act_en_d, port_on_d;
  logic [NumLanes-1:0][VssbW-1:0]      act_vssb_d;
  logic [NumLanes-1:0][NumLanes-1:0]   member_d, member_q;

  always_comb begin
    for (int unsigned l = 0; l < NumLanes; l++) begin
      automatic int unsigned base = l - (l % LanesPerQuad);
      automatic mode_e qmode = cand_q[base].mode;
      automatic int unsigned first = base + 32'(port_start_off(qmode, 2'(l % LanesPerQuad)));
      act_mode_d[l] = qmode;
      act_en_d[l]   = cand_q[first].en;
      act_vssb_d[l] = VssbW'(cand_q[l].vssb);
      port_on_d[l]  = cand_q[l].en && is_port_start(qmode, 2'(l % LanesPerQuad));
    end
    for (int unsigned p = 0; p < NumLanes; p++) begin
      for (int unsigned e = 0; e < NumLanes; e++) begin
        member_d[p][e] = port_on_d[p] && port_on_d[e] && (act_vssb_d[p] == act_vssb_d[e]);
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lane_mode_o <= '0;  // ModeNarrow, all disabled, VSSB 0: the register reset values
      lane_en_o   <= '0;
      port_vssb_o <= '0;
      member_q    <= '0;
      vs_ports_q  <= '0;
      vs_bw_q     <= '0;
    end else if (apply) begin
      lane_mode_o <= act_mode_d;
      lane_en_o   <= act_en_d;
      port_vssb_o <= act_vssb_d;
      member_q    <= member_d;
      vs_ports_q  <= acc_ports_q;
      vs_bw_q     <= acc_bw_q;
    end
  end

  assign commit_busy_o = (state_q != StIdle) || pending_q || commit_req;
  assign commit_done_o = done_q;
  assign commit_code_o = code_q;

  // ---------------------------------------------------------------------------------------------
  // Status registers
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    hwif_in = '{default: '0};
    hwif_in.PARAMS.num_lanes.next  = 8'(NumLanes);
    hwif_in.PARAMS.num_vssbs.next  = 5'(NumVssbs);
    hwif_in.STATUS.busy.next       = commit_busy_o;
    hwif_in.STATUS.pending.next    = pending_q;
    hwif_in.STATUS.code.next       = code_q;
    hwif_in.STATUS.err_lane.next   = err_lane_q;
    hwif_in.ACCEPT_CNT.count.next  = accept_cnt_q;
    hwif_in.REJECT_CNT.count.next  = reject_cnt_q;
    hwif_in.ACCESS_VIOL_CNT.count.next = viol_cnt_q;
    hwif_in.ERR.access_viol.hwset  = aw_viol || ar_viol;
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      hwif_in.VSSB_STATUS[v].ports.next = vs_ports_q[v];
      hwif_in.VSSB_STATUS[v].bw.next    = vs_bw_q[v];
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
    .member_i      (member_q),
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

  // The active configuration only moves in the apply clock of an accepted commit; a rejected
  // commit (and any clock that is not an apply) changes nothing.
  a_outputs_move_only_on_apply: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !apply |=> !sva_armed_q ||
               ($stable(lane_mode_o) && $stable(lane_en_o) && $stable(port_vssb_o) &&
                $stable(member_q) && $stable(vs_ports_q) && $stable(vs_bw_q)));

  a_reject_changes_nothing: assert property (@(posedge clk_i) disable iff (!rst_ni)
    scan_reject |=> !sva_armed_q ||
                    ($stable(lane_mode_o) && $stable(lane_en_o) && $stable(port_vssb_o) &&
                     $stable(member_q) && $stable(vs_ports_q) && $stable(vs_bw_q) &&
                     (state_q == StIdle) && (code_q != ErrOk)));

  // Hitless: a lane whose configuration the commit does not change keeps its outputs.
  for (genvar l = 0; l < NumLanes; l++) begin : g_hitless
    a_unchanged_lane_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (apply && act_mode_d[l] == lane_mode_o[l] && act_en_d[l] == lane_en_o[l] &&
       act_vssb_d[l] == port_vssb_o[l])
      |=> !sva_armed_q || ($stable(lane_mode_o[l]) && $stable(lane_en_o[l]) && $stable(port_vssb_o[l])));
  end

  // The registered quad precompute (and quad use) is that of the quad under test, lanes 0..3 of
  // the rotated candidate, in every scan clock.
  err_e      [LanesPerQuad-1:0]                chk_code;
  logic      [NumVssbs-1:0][LanesPerQuad-1:0]  chk_in_vssb;
  logic      [LanesPerQuad-1:0][2:0]           chk_cnt, chk_bw;
  logic      [NumVssbs-1:0][2:0]               chk_use_ports, chk_use_bw;
  port_cfg_quad_pre #(.NumVssbs(NumVssbs)) u_pre_chk (
    .quad_i    (cand_q[LanesPerQuad-1:0]),
    .code_o    (chk_code),
    .in_vssb_o (chk_in_vssb),
    .cnt_o     (chk_cnt),
    .bw_o      (chk_bw)
  );
  port_cfg_quad_use #(.NumVssbs(NumVssbs)) u_use_chk (
    .quad_i  (cand_q[LanesPerQuad-1:0]),
    .ports_o (chk_use_ports),
    .bw_o    (chk_use_bw)
  );
  a_quad_pre_current: assert property (@(posedge clk_i) disable iff (!rst_ni)
    (state_q == StScan) |-> (pre_code_q == chk_code) && (pre_in_vssb_q == chk_in_vssb) &&
                            (pre_cnt_q == chk_cnt) && (pre_bw_q == chk_bw) &&
                            (use_ports_q == chk_use_ports) && (use_bw_q == chk_use_bw));

  // The candidate is back in lane order (NumQuads rotations) when it is applied.
  a_scan_complete: assert property (@(posedge clk_i) disable iff (!rst_ni)
    apply |-> (32'(quad_q) == (NumQuads % (1 << QuadIdxW))));
`endif

endmodule
