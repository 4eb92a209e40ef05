// Active configuration of the port configurator (docs/port_cfg.md): the lane outputs, the filter's
// per-port membership masks and the VSSB_STATUS values, all registered and written only in the
// apply clock of an accepted commit, from the validated candidate, all at once. Nothing else moves
// them: a rejected commit (and every other clock) leaves them as they are, and a lane whose
// configuration the commit does not change keeps its outputs (hitless).
module port_cfg_active
  import port_cfg_pkg::*;
#(
  parameter int unsigned NumLanes = 32,
  parameter int unsigned NumVssbs = 4
) (
  input  logic                              clk_i,
  input  logic                              rst_ni,

  input  logic                              apply_i,      // accepted commit: take the inputs below
  input  logic                              reject_i,     // rejected commit (for the SVA only)
  input  lane_cfg_t [NumLanes-1:0]          cand_i,       // validated candidate, in lane order
  input  logic [NumVssbs-1:0][CntW-1:0]     use_ports_i,  // its per-VSSB port count, bandwidth
  input  logic [NumVssbs-1:0][CntW-1:0]     use_bw_i,

  output logic [NumLanes-1:0][1:0]          lane_mode_o,
  output logic [NumLanes-1:0]               lane_en_o,
  output logic [NumLanes-1:0][VssbW-1:0]    port_vssb_o,
  output logic [NumLanes-1:0][NumLanes-1:0] member_o,     // member_o[p][e]: p may reach e
  output logic [NumVssbs-1:0][CntW-1:0]     vs_ports_o,   // VSSB_STATUS
  output logic [NumVssbs-1:0][CntW-1:0]     vs_bw_o
);

  logic [NumLanes-1:0][1:0]            act_mode_d;
  logic [NumLanes-1:0]                 act_en_d, port_on_d;
  logic [NumLanes-1:0][VssbW-1:0]      act_vssb_d;
  logic [NumLanes-1:0][NumLanes-1:0]   member_d, member_q;
  logic [NumVssbs-1:0][CntW-1:0]       vs_ports_q, vs_bw_q;

  // Lane l takes its quad's mode and the enable of the port it belongs to; an enabled port's
  // first lane reaches every enabled port of the same VSSB.
  always_comb begin
    for (int unsigned l = 0; l < NumLanes; l++) begin
      automatic int unsigned base = l - (l % LanesPerQuad);
      automatic mode_e qmode = cand_i[base].mode;
      automatic int unsigned first = base + 32'(port_start_off(qmode, 2'(l % LanesPerQuad)));
      act_mode_d[l] = qmode;
      act_en_d[l]   = cand_i[first].en;
      act_vssb_d[l] = VssbW'(cand_i[l].vssb);
      port_on_d[l]  = cand_i[l].en && is_port_start(qmode, 2'(l % LanesPerQuad));
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
    end else if (apply_i) begin
      lane_mode_o <= act_mode_d;
      lane_en_o   <= act_en_d;
      port_vssb_o <= act_vssb_d;
      member_q    <= member_d;
      vs_ports_q  <= use_ports_i;
      vs_bw_q     <= use_bw_i;
    end
  end

  assign member_o   = member_q;
  assign vs_ports_o = vs_ports_q;
  assign vs_bw_o    = vs_bw_q;

  // ---------------------------------------------------------------------------------------------
  // Assertions
  // ---------------------------------------------------------------------------------------------
`ifndef SYNTHESIS
  // 0 from a reset until the first clock edge after it (see port_cfg_commit: $stable and |=> hold
  // vacuously in the first clock after a reset that fell between two edges).
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end

  // The active configuration only moves in the apply clock of an accepted commit; a rejected
  // commit (and any clock that is not an apply) changes nothing.
  a_outputs_move_only_on_apply: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !apply_i |=> !sva_armed_q ||
                 ($stable(lane_mode_o) && $stable(lane_en_o) && $stable(port_vssb_o) &&
                  $stable(member_q) && $stable(vs_ports_q) && $stable(vs_bw_q)));

  a_reject_changes_nothing: assert property (@(posedge clk_i) disable iff (!rst_ni)
    reject_i |=> !sva_armed_q ||
                 ($stable(lane_mode_o) && $stable(lane_en_o) && $stable(port_vssb_o) &&
                  $stable(member_q) && $stable(vs_ports_q) && $stable(vs_bw_q)));

  // Hitless: a lane whose configuration the commit does not change keeps its outputs.
  for (genvar l = 0; l < NumLanes; l++) begin : g_hitless
    a_unchanged_lane_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (apply_i && act_mode_d[l] == lane_mode_o[l] && act_en_d[l] == lane_en_o[l] &&
       act_vssb_d[l] == port_vssb_o[l])
      |=> !sva_armed_q || ($stable(lane_mode_o[l]) && $stable(lane_en_o[l]) && $stable(port_vssb_o[l])));
  end
`endif

endmodule
