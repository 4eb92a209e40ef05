// Per-VSSB use of one quad: enabled ports and bandwidth (lanes) of each VSSB. Combinational.
// The commit FSM computes it one clock ahead of the quad's check, so that updating the per-VSSB
// headroom (a carry chain) starts from a register instead of after the quad's decode.
module port_cfg_quad_use
  import port_cfg_pkg::*;
#(
  parameter int unsigned NumVssbs = 4
) (
  input  lane_cfg_t [LanesPerQuad-1:0]   quad_i,
  output logic      [NumVssbs-1:0][2:0]  ports_o,
  output logic      [NumVssbs-1:0][2:0]  bw_o
);

  mode_e      quad_mode;
  logic [1:0] width_sh;  // port width = 1 << width_sh
  assign quad_mode = quad_i[0].mode;
  assign width_sh  = (quad_mode == ModeWide) ? 2'd2 : (quad_mode == ModeDual) ? 2'd1 : 2'd0;

  always_comb begin
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      ports_o[v] = 3'd0;
      for (int unsigned o = 0; o < LanesPerQuad; o++) begin
        ports_o[v] = ports_o[v] + 3'(is_port_start(quad_mode, 2'(o)) && quad_i[o].en &&
                                    (32'(quad_i[o].vssb) == v));
      end
      bw_o[v] = ports_o[v] << width_sh;  // <= 4: every port of a quad has the same width
    end
  end

endmodule
