// Validates one quad of the candidate configuration against every rule, given the per-VSSB port
// counts and bandwidth accumulated over the lower quads, and returns the first offending lane of
// the quad with its highest-priority error code, plus the accumulators updated with this quad.
// Purely combinational: the commit FSM (port_cfg) calls it once per clock, one quad per clock.
module port_cfg_quad_check
  import port_cfg_pkg::*;
#(
  parameter int unsigned NumVssbs = 4
) (
  input  lane_cfg_t [LanesPerQuad-1:0]         quad_i,
  input  logic      [NumVssbs-1:0][CntW-1:0]   acc_ports_i,  // enabled ports in lower quads
  input  logic      [NumVssbs-1:0][CntW-1:0]   acc_bw_i,     // bandwidth (lanes) in lower quads
  input  logic      [NumVssbs-1:0][CntW-1:0]   max_ports_i,
  input  logic      [NumVssbs-1:0][CntW-1:0]   max_bw_i,
  output err_e                                 err_o,        // ErrOk: the quad passes
  output logic      [1:0]                      err_off_o,    // offending lane within the quad
  output logic      [NumVssbs-1:0][CntW-1:0]   ports_o,      // accumulators including this quad
  output logic      [NumVssbs-1:0][CntW-1:0]   bw_o
);

  localparam int unsigned SumW = CntW + 1;  // acc + this quad never wraps before the compare

  mode_e      quad_mode;
  logic [2:0] width;
  logic [1:0] width_sh;  // width = 1 << width_sh (bandwidth of n ports = n << width_sh)
  assign quad_mode = quad_i[0].mode;
  assign width     = port_width(quad_mode);
  assign width_sh  = (quad_mode == ModeWide) ? 2'd2 : (quad_mode == ModeDual) ? 2'd1 : 2'd0;

  logic [LanesPerQuad-1:0] start, port_on;
  logic [LanesPerQuad-1:0] e_mode_inv, e_mismatch, e_not_start, e_range, e_split, e_ports, e_bw;

  // Running count of enabled ports of each VSSB over lanes 0..o of this quad (including o).
  logic [LanesPerQuad-1:0][NumVssbs-1:0][2:0] cnt_incl;

  always_comb begin
    for (int unsigned o = 0; o < LanesPerQuad; o++) begin
      start[o]       = is_port_start(quad_mode, 2'(o));
      port_on[o]     = start[o] & quad_i[o].en;
      e_mode_inv[o]  = (quad_i[o].mode == ModeRsvd);
      e_mismatch[o]  = (o != 0) && (quad_i[o].mode != quad_mode);
      e_not_start[o] = quad_i[o].en & ~start[o];
      e_range[o]     = start[o] && (32'(quad_i[o].vssb) >= NumVssbs);
      e_split[o]     = 1'b0;
      for (int unsigned k = 1; k < LanesPerQuad; k++) begin
        if (start[o] && (k < 32'(width)) && (o + k < LanesPerQuad) &&
            (quad_i[o + k].vssb != quad_i[o].vssb)) begin
          e_split[o] = 1'b1;
        end
      end
    end
  end

  always_comb begin
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      automatic logic [2:0] run = 3'd0;
      for (int unsigned o = 0; o < LanesPerQuad; o++) begin
        run = run + 3'(port_on[o] && (32'(quad_i[o].vssb) == v));
        cnt_incl[o][v] = run;
      end
    end
  end

  always_comb begin
    for (int unsigned o = 0; o < LanesPerQuad; o++) begin
      e_ports[o] = 1'b0;
      e_bw[o]    = 1'b0;
      for (int unsigned v = 0; v < NumVssbs; v++) begin
        if (port_on[o] && (32'(quad_i[o].vssb) == v)) begin
          if (SumW'(acc_ports_i[v]) + SumW'(cnt_incl[o][v]) > SumW'(max_ports_i[v])) e_ports[o] = 1'b1;
          // Every port of a quad has the same width: bandwidth = port count * width.
          if (SumW'(acc_bw_i[v]) + (SumW'(cnt_incl[o][v]) << width_sh) > SumW'(max_bw_i[v])) begin
            e_bw[o] = 1'b1;
          end
        end
      end
    end
  end

  // First offending lane (lowest offset), and at that lane the lowest error code.
  always_comb begin
    err_o     = ErrOk;
    err_off_o = 2'd0;
    for (int o = LanesPerQuad - 1; o >= 0; o--) begin
      if (e_mode_inv[o] | e_mismatch[o] | e_not_start[o] | e_range[o] | e_split[o] | e_ports[o] | e_bw[o]) begin
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

  always_comb begin
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      ports_o[v] = acc_ports_i[v] + CntW'(cnt_incl[LanesPerQuad-1][v]);
      bw_o[v]    = acc_bw_i[v] + (CntW'(cnt_incl[LanesPerQuad-1][v]) << width_sh);
    end
  end

endmodule
