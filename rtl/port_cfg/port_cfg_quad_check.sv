// Validates one quad of the candidate configuration against every rule, given the per-VSSB
// headroom left by the lower quads (limit minus what they use), and returns the first offending
// lane of the quad with its highest-priority error code.
// Purely combinational and shallow: the headroom-independent part of the quad (rule codes 1..5,
// VSSB membership, running counts) comes precomputed and registered from port_cfg_quad_pre, so
// only the budget compares and the priority pick are left. Within a quad a VSSB gains at most 4
// ports or 4 lanes of bandwidth, so the budget checks compare 3-bit counts against the registered
// headroom instead of adding and comparing full-width sums. The commit FSM (port_cfg) calls it
// once per clock.
module port_cfg_quad_check
  import port_cfg_pkg::*;
#(
  parameter int unsigned NumVssbs = 4
) (
  input  err_e      [LanesPerQuad-1:0]                code_i,        // port_cfg_quad_pre, registered
  input  logic      [NumVssbs-1:0][LanesPerQuad-1:0]  in_vssb_i,
  input  logic      [LanesPerQuad-1:0][2:0]           cnt_i,
  input  logic      [LanesPerQuad-1:0][2:0]           bw_i,
  input  logic      [NumVssbs-1:0][CntW-1:0]          room_ports_i,  // max_ports - ports of lower quads
  input  logic      [NumVssbs-1:0][CntW-1:0]          room_bw_i,     // max_bw - bandwidth of lower quads
  output err_e                                        err_o,         // ErrOk: the quad passes
  output logic      [1:0]                             err_off_o      // offending lane within the quad
);

  // Budgets: the port at lane o overflows its VSSB v when the enabled ports of v on lanes 0..o of
  // this quad exceed v's headroom. cnt, bw <= 4 < 8: only a headroom below 8 can be exceeded
  // (3-bit compare, no carry chain).
  logic [LanesPerQuad-1:0] e_ports, e_bw;
  always_comb begin
    e_ports = '0;
    e_bw    = '0;
    for (int unsigned v = 0; v < NumVssbs; v++) begin
      for (int unsigned o = 0; o < LanesPerQuad; o++) begin
        e_ports[o] = e_ports[o] | (in_vssb_i[v][o] && (room_ports_i[v][CntW-1:3] == '0) &&
                                   (cnt_i[o] > room_ports_i[v][2:0]));
        e_bw[o]    = e_bw[o]    | (in_vssb_i[v][o] && (room_bw_i[v][CntW-1:3] == '0) &&
                                   (bw_i[o] > room_bw_i[v][2:0]));
      end
    end
  end

  // First offending lane (lowest offset), and at that lane the lowest error code.
  logic [LanesPerQuad-1:0] bad;
  always_comb begin
    err_o     = ErrOk;
    err_off_o = 2'd0;
    for (int unsigned o = 0; o < LanesPerQuad; o++) bad[o] = (code_i[o] != ErrOk) | e_ports[o] | e_bw[o];
    for (int o = LanesPerQuad - 1; o >= 0; o--) begin
      if (bad[o]) begin
        err_off_o = 2'(o);
        if      (code_i[o] != ErrOk) err_o = code_i[o];
        else if (e_ports[o])         err_o = ErrPortLimit;
        else                         err_o = ErrBwLimit;
      end
    end
  end

endmodule
