// Commit engine of the port configurator (docs/port_cfg.md, "Commit"): snapshots the shadow
// configuration into a candidate, validates it one quad per clock and ends in an accept (apply_o
// for one clock: the active configuration, port_cfg_active, takes cand_o and use_*_o) or a
// reject (the first offending lane and its code; the active configuration is not touched).
//
// Timing, counted from the clock in which commit_req_i is high (cycle 0):
//   edge 1            candidate <= shadow, limits snapshot              (StIdle -> StScan)
//   edges 2..Q+1      quad 0..Q-1 checked, one per clock (Q = NumLanes/4); each quad's result is
//                     registered (qerr_q) and acted on one clock later (keeps the check-to-FSM
//                     path short)
//   edge Q+2          StApply, last quad OK: the active configuration takes the candidate at
//                     this edge (apply_o is high in the clock before it)
// A rejection in quad k is reported (done_o, code_o) at edge k+3.
//
// The quad under test is always lanes 0..3 of the candidate, which rotates by one quad per scan
// clock (no quad multiplexer); after NumQuads rotations it is back in lane order when applied.
// The headroom-independent part of each quad's check and its per-VSSB use are computed one clock
// ahead and registered (pre_*_q, use_*_q), so the check in the scan clock starts from flops.
module port_cfg_commit
  import port_cfg_pkg::*;
#(
  parameter int unsigned NumLanes = 32,  // multiple of 4, 4..64
  parameter int unsigned NumVssbs = 4    // 1..16
) (
  input  logic                              clk_i,
  input  logic                              rst_ni,

  input  logic                              commit_req_i,  // CTRL.commit pulse
  input  lane_cfg_t [NumLanes-1:0]          shadow_i,      // LANE registers
  input  logic [NumVssbs-1:0][CntW-1:0]     max_ports_i,   // VSSB_LIMIT registers
  input  logic [NumVssbs-1:0][CntW-1:0]     max_bw_i,

  output logic                              apply_o,    // accepted: activate cand_o, use_*_o now
  output logic                              reject_o,   // rejected in this clock
  output lane_cfg_t [NumLanes-1:0]          cand_o,     // the candidate (in lane order at apply_o)
  output logic [NumVssbs-1:0][CntW-1:0]     use_ports_o,  // per-VSSB use of the checked quads
  output logic [NumVssbs-1:0][CntW-1:0]     use_bw_o,

  output logic                              busy_o,     // from the request until the result
  output logic                              pending_o,  // a request waits for the running commit
  output logic                              done_o,     // one clock, with the result below
  output err_e                              code_o,     // STATUS.code, held until the next result
  output logic [LaneNumW-1:0]               err_lane_o, // STATUS.err_lane
  output logic [31:0]                       accept_cnt_o,  // saturating
  output logic [31:0]                       reject_cnt_o
);

  localparam int unsigned NumQuads = NumLanes / LanesPerQuad;
  localparam int unsigned QuadIdxW = (NumQuads > 1) ? $clog2(NumQuads) : 1;

  typedef enum logic [1:0] {
    StIdle  = 2'd0,
    StScan  = 2'd1,
    StApply = 2'd2
  } state_e;

  state_e                              state_d, state_q;
  logic                                pending_q;
  logic [QuadIdxW-1:0]                 quad_q;
  lane_cfg_t [NumLanes-1:0]            cand_q;  // rotated by one quad per scan clock
  logic [NumVssbs-1:0][CntW-1:0]       room_ports_q, room_bw_q;  // limit minus use of checked quads
  logic [NumVssbs-1:0][CntW-1:0]       acc_ports_q, acc_bw_q;    // use of checked quads
  err_e                                code_q;
  logic [LaneNumW-1:0]                 err_lane_q;
  logic                                done_q;
  err_e                                qerr_q;       // registered result of the last checked quad
  logic [LaneNumW-1:0]                 qerr_lane_q;

  logic start, scan_last, apply, result_reject;
  assign start         = (state_q == StIdle) && (commit_req_i || pending_q);
  assign scan_last     = (32'(quad_q) == NumQuads - 1);
  assign apply         = (state_q == StApply) && (qerr_q == ErrOk);
  // The previous quad (in StScan) or the last quad (in StApply) failed: the commit ends here.
  assign result_reject = ((state_q == StScan) || (state_q == StApply)) && (qerr_q != ErrOk);

  always_comb begin
    state_d = state_q;
    unique case (state_q)
      StIdle:  if (start) state_d = StScan;
      StScan:  if (result_reject) state_d = StIdle;
               else if (scan_last) state_d = StApply;
      StApply: state_d = StIdle;
      default: state_d = StIdle;
    endcase
  end

  // ---------------------------------------------------------------------------------------------
  // Quad check, one clock ahead: the quad that becomes lanes 0..3 of the candidate next clock.
  // At the snapshot it is quad 0 of the shadow; while scanning, the next quad of the rotation.
  // ---------------------------------------------------------------------------------------------
  lane_cfg_t [LanesPerQuad-1:0]  next_quad;
  always_comb begin
    for (int unsigned o = 0; o < LanesPerQuad; o++) next_quad[o] = cand_q[(LanesPerQuad + o) % NumLanes];
  end

  logic [NumVssbs-1:0][2:0]      first_ports, first_bw, next_ports, next_bw, use_ports_q, use_bw_q;
  port_cfg_quad_use #(.NumVssbs(NumVssbs)) u_use_first (
    .quad_i  (shadow_i[LanesPerQuad-1:0]),
    .ports_o (first_ports),
    .bw_o    (first_bw)
  );
  port_cfg_quad_use #(.NumVssbs(NumVssbs)) u_use_next (
    .quad_i  (next_quad),
    .ports_o (next_ports),
    .bw_o    (next_bw)
  );

  err_e      [LanesPerQuad-1:0]                first_code, next_code, pre_code_q;
  logic      [NumVssbs-1:0][LanesPerQuad-1:0]  first_in_vssb, next_in_vssb, pre_in_vssb_q;
  logic      [LanesPerQuad-1:0][2:0]           first_cnt, next_cnt, pre_cnt_q;
  logic      [LanesPerQuad-1:0][2:0]           first_qbw, next_qbw, pre_bw_q;
  port_cfg_quad_pre #(.NumVssbs(NumVssbs)) u_pre_first (
    .quad_i    (shadow_i[LanesPerQuad-1:0]),
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

  err_e       quad_err;
  logic [1:0] quad_err_off;
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

  // ---------------------------------------------------------------------------------------------
  // State and datapath
  // ---------------------------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q       <= StIdle;
      pending_q     <= 1'b0;
      quad_q        <= '0;
      cand_q        <= '0;
      room_ports_q  <= '0;
      room_bw_q     <= '0;
      use_ports_q   <= '0;
      use_bw_q      <= '0;
      pre_code_q    <= {LanesPerQuad{ErrOk}};
      pre_in_vssb_q <= '0;
      pre_cnt_q     <= '0;
      pre_bw_q      <= '0;
      acc_ports_q   <= '0;
      acc_bw_q      <= '0;
      code_q        <= ErrOk;
      err_lane_q    <= '0;
      done_q        <= 1'b0;
      qerr_q        <= ErrOk;
      qerr_lane_q   <= '0;
    end else begin
      state_q <= state_d;
      done_q  <= 1'b0;
      // A commit requested while one runs is held and starts when it ends.
      if (start) pending_q <= 1'b0;
      else if (commit_req_i) pending_q <= 1'b1;

      if (start) begin
        quad_q        <= '0;
        cand_q        <= shadow_i;
        room_ports_q  <= max_ports_i;
        room_bw_q     <= max_bw_i;
        acc_ports_q   <= '0;
        acc_bw_q      <= '0;
        use_ports_q   <= first_ports;
        use_bw_q      <= first_bw;
        pre_code_q    <= first_code;
        pre_in_vssb_q <= first_in_vssb;
        pre_cnt_q     <= first_cnt;
        pre_bw_q      <= first_qbw;
        qerr_q        <= ErrOk;
      end

      if (state_q == StScan) begin
        // The datapath advances unconditionally (a rejected candidate is discarded), so the
        // quad's error only steers the few control and status flops: a shallow, low-fanout path.
        for (int unsigned v = 0; v < NumVssbs; v++) begin
          acc_ports_q[v]  <= acc_ports_q[v] + CntW'(use_ports_q[v]);
          acc_bw_q[v]     <= acc_bw_q[v] + CntW'(use_bw_q[v]);
          room_ports_q[v] <= room_ports_q[v] - CntW'(use_ports_q[v]);
          room_bw_q[v]    <= room_bw_q[v] - CntW'(use_bw_q[v]);
        end
        use_ports_q   <= next_ports;
        use_bw_q      <= next_bw;
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
      end

      if (result_reject) begin
        code_q     <= qerr_q;
        err_lane_q <= qerr_lane_q;
        done_q     <= 1'b1;
      end else if (apply) begin
        code_q     <= ErrOk;
        err_lane_q <= '0;
        done_q     <= 1'b1;
      end
    end
  end

  sat_counter #(.Width(32), .IncWidth(1)) u_accept_cnt (
    .clk_i,
    .rst_ni,
    .inc_i       (apply),
    .load_i      (1'b0),
    .load_data_i ('0),
    .load_mask_i ('0),
    .count_o     (accept_cnt_o)
  );
  sat_counter #(.Width(32), .IncWidth(1)) u_reject_cnt (
    .clk_i,
    .rst_ni,
    .inc_i       (result_reject),
    .load_i      (1'b0),
    .load_data_i ('0),
    .load_mask_i ('0),
    .count_o     (reject_cnt_o)
  );

  assign apply_o     = apply;
  assign reject_o    = result_reject;
  assign cand_o      = cand_q;
  assign use_ports_o = acc_ports_q;
  assign use_bw_o    = acc_bw_q;
  assign busy_o      = (state_q != StIdle) || pending_q || commit_req_i;
  assign pending_o   = pending_q;
  assign done_o      = done_q;
  assign code_o      = code_q;
  assign err_lane_o  = err_lane_q;

  // ---------------------------------------------------------------------------------------------
  // Assertions
  // ---------------------------------------------------------------------------------------------
`ifndef SYNTHESIS
  // 0 from a reset until the first clock edge after it: a reset pulse between two edges (no
  // minimum width, docs/dev-guide.md) is invisible to `disable iff`, so the |=> properties hold
  // vacuously in the first clock after any reset.
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end

  // A rejected commit ends the run with an error code; an accepted one with ErrOk.
  a_reject_reports: assert property (@(posedge clk_i) disable iff (!rst_ni)
    result_reject |=> !sva_armed_q || ((state_q == StIdle) && (code_q != ErrOk) && done_q));
  a_apply_reports: assert property (@(posedge clk_i) disable iff (!rst_ni)
    apply |=> !sva_armed_q || ((state_q == StIdle) && (code_q == ErrOk) && done_q));

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
