// Everything about one quad that does not depend on the per-VSSB headroom: the lowest rule code
// that fails at each lane without looking at budgets (codes 1..5), which VSSB each enabled port
// counts toward (one-hot), and the port count / bandwidth that the port at each lane brings its
// VSSB to within the quad. Combinational. The commit FSM (port_cfg) computes it one clock ahead
// of the quad's check and registers it, so the check itself (port_cfg_quad_check) starts from
// flops: budget compares against the headroom and the priority pick, nothing else.
module port_cfg_quad_pre
  import port_cfg_pkg::*;
#(
  parameter int unsigned NumVssbs = 4
) (
  input  lane_cfg_t [LanesPerQuad-1:0]                quad_i,
  output err_e      [LanesPerQuad-1:0]                code_o,     // lowest of codes 1..5 at lane o, or ErrOk
  output logic      [NumVssbs-1:0][LanesPerQuad-1:0]  in_vssb_o,  // lane o is an enabled port of VSSB v
  output logic      [LanesPerQuad-1:0][2:0]           cnt_o,      // enabled ports of lane o's VSSB on lanes 0..o
  output logic      [LanesPerQuad-1:0][2:0]           bw_o        // their bandwidth (cnt_o << width)
);

  mode_e      quad_mode;
  logic [1:0] width_sh;  // port width = 1 << width_sh
  assign quad_mode = quad_i[0].mode;
  assign width_sh  = (quad_mode == ModeWide) ? 2'd2 : (quad_mode == ModeDual) ? 2'd1 : 2'd0;

  logic [LanesPerQuad-1:0] start, port_on;
  logic [LanesPerQuad-1:0] e_mode_inv, e_mismatch, e_not_start, e_range, e_split;

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

    for (int unsigned o = 0; o < LanesPerQuad; o++) begin
      if      (e_mode_inv[o])  code_o[o] = ErrModeInvalid;
      else if (e_mismatch[o])  code_o[o] = ErrModeMismatch;
      else if (e_not_start[o]) code_o[o] = ErrNotPortStart;
      else if (e_range[o])     code_o[o] = ErrVssbRange;
      else if (e_split[o])     code_o[o] = ErrVssbSplit;
      else                     code_o[o] = ErrOk;
    end
  end

  // Budgets: the port at lane o counts toward VSSB vssb[o] (if in range); within the quad its VSSB
  // then holds the enabled ports of that VSSB on lanes 0..o (<= 4; bandwidth <= 4 too, as every
  // port of a quad has the same width).
  always_comb begin
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      for (int unsigned o = 0; o < LanesPerQuad; o++) begin
        in_vssb_o[v][o] = port_on[o] && (32'(quad_i[o].vssb) == v);
      end
    end
    for (int unsigned o = 0; o < LanesPerQuad; o++) begin
      cnt_o[o] = 3'd0;
      for (int unsigned k = 0; k <= o; k++) begin
        cnt_o[o] = cnt_o[o] + 3'(port_on[k] && (quad_i[k].vssb == quad_i[o].vssb));
      end
      bw_o[o] = cnt_o[o] << width_sh;
    end
  end

endmodule
