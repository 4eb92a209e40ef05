// Validates one quad of the candidate configuration against every rule, given the per-VSSB
// headroom left by the lower quads (limit minus what they use), and returns the first offending
// lane of the quad with its highest-priority error code.
// Purely combinational and shallow: within a quad a VSSB gains at most 4 ports or 4 lanes of
// bandwidth, so the budget checks compare 3-bit counts against the registered headroom instead of
// adding and comparing full-width sums. The commit FSM (port_cfg) calls it once per clock.
module port_cfg_quad_check
  import port_cfg_pkg::*;
#(
  parameter int unsigned NumVssbs = 4
) (
  input  lane_cfg_t [LanesPerQuad-1:0]        quad_i,
  input  logic      [NumVssbs-1:0][CntW-1:0]  room_ports_i,  // max_ports - ports of lower quads
  input  logic      [NumVssbs-1:0][CntW-1:0]  room_bw_i,     // max_bw - bandwidth of lower quads
  output err_e                                err_o,         // ErrOk: the quad passes
  output logic      [1:0]                     err_off_o      // offending lane within the quad
);

  mode_e      quad_mode;
  logic [1:0] width_sh;  // port width = 1 << width_sh
  assign quad_mode = quad_i[0].mode;
  assign width_sh  = (quad_mode == ModeWide) ? 2'd2 : (quad_mode == ModeDual) ? 2'd1 : 2'd0;

  logic [LanesPerQuad-1:0] start, port_on;
  logic [LanesPerQuad-1:0] e_mode_inv, e_mismatch, e_not_start, e_range, e_split, e_ports, e_bw;
  logic [NumVssbs-1:0][LanesPerQuad-1:0] in_vssb;  // lane o is an enabled port of VSSB v

  always_comb begin
    for (int unsigned o = 0; o < LanesPerQuad; o++) begin
      start[o]       = is_port_start(quad_mode, 2'(o));
      port_on[o]     = start[o] & quad_i[o].en;
      e_mode_inv[o]  = (quad_i[o].mode == ModeRsvd);
      e_mismatch[o]  = (o != 0) && (quad_i[o].mode != quad_mode);
      e_not_start[o] = quad_i[o].en & ~start[o];
      e_range[o]     = start[o] && (32'(quad_i[o].vssb) >= NumVssbs);
    end
    // A port's other lanes: DUAL pairs (0,1) (2,3); WIDE all four.
    e_split    = '0;
    e_split[0] = ((quad_mode == ModeDual) && (quad_i[1].vssb != quad_i[0].vssb)) ||
                 ((quad_mode == ModeWide) && ((quad_i[1].vssb != quad_i[0].vssb) ||
                                              (quad_i[2].vssb != quad_i[0].vssb) ||
                                              (quad_i[3].vssb != quad_i[0].vssb)));
    e_split[2] = (quad_mode == ModeDual) && (quad_i[3].vssb != quad_i[2].vssb);
  end

  // Budgets: the port at lane o overflows VSSB v when the enabled ports of v on lanes 0..o of this
  // quad exceed v's headroom (bandwidth: that count << width_sh).
  always_comb begin
    e_ports = '0;
    e_bw    = '0;
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      for (int unsigned o = 0; o < LanesPerQuad; o++) begin
        in_vssb[v][o] = port_on[o] && (32'(quad_i[o].vssb) == v);
      end
      for (int unsigned o = 0; o < LanesPerQuad; o++) begin
        automatic logic [2:0] cnt = 3'd0;
        automatic logic [2:0] bw;
        for (int unsigned k = 0; k <= o; k++) cnt = cnt + 3'(in_vssb[v][k]);
        bw = cnt << width_sh;  // <= 4: every port of a quad has the same width
        // cnt, bw <= 4 < 8: only a headroom below 8 can be exceeded (3-bit compare, no carry chain).
        e_ports[o] = e_ports[o] | (in_vssb[v][o] && (room_ports_i[v][CntW-1:3] == '0) &&
                                   (cnt > room_ports_i[v][2:0]));
        e_bw[o]    = e_bw[o]    | (in_vssb[v][o] && (room_bw_i[v][CntW-1:3] == '0) &&
                                   (bw > room_bw_i[v][2:0]));
      end
    end
  end

  // First offending lane (lowest offset), and at that lane the lowest error code.
  logic [LanesPerQuad-1:0] bad;
  always_comb begin
    err_o     = ErrOk;
    err_off_o = 2'd0;
    bad       = e_mode_inv | e_mismatch | e_not_start | e_range | e_split | e_ports | e_bw;
    for (int o = LanesPerQuad - 1; o >= 0; o--) begin
      if (bad[o]) begin
        err_off_o = 2'(o);
        if      (e_mode_inv[o])  err_o = ErrModeInvalid;
        else if (e_mismatch[o])  err_o = ErrModeMismatch;
        else if (e_not_start[o]) err_o = ErrNotPortStart;
        else if (e_range[o])     err_o = ErrVssbRange;
        else if (e_split[o])     err_o = ErrVssbSplit;
        else if (e_ports[o])     err_o = ErrPortLimit;
        else                     err_o = ErrBwLimit;
      end
    end
  end

endmodule
