// VSSB isolation filter: (ingress port, egress mask) -> egress mask restricted to the enabled ports
// of the ingress port's VSSB. Valid-only stream (no back-pressure): one request per clock, the
// answer one clock later. `member_i[p]` is the registered membership mask of port p (all enabled
// ports of p's VSSB when p is an enabled port, else 0), so the per-request path is one mux + AND.
module port_cfg_filter #(
  parameter int unsigned NumLanes = 32,
  localparam int unsigned PortIdxW = $clog2(NumLanes)
) (
  input  logic                               clk_i,
  input  logic                               rst_ni,
  input  logic [NumLanes-1:0][NumLanes-1:0]  member_i,
  input  logic                               req_valid_i,
  input  logic [PortIdxW-1:0]                req_ingress_i,
  input  logic [NumLanes-1:0]                req_egress_i,
  output logic                               rsp_valid_o,
  output logic [NumLanes-1:0]                rsp_allowed_o
);

  logic [NumLanes-1:0] allowed_d;
  // An ingress index >= NumLanes (possible when NumLanes is not a power of two) is no port.
  assign allowed_d = (32'(req_ingress_i) < NumLanes) ? (req_egress_i & member_i[req_ingress_i]) : '0;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rsp_valid_o   <= 1'b0;
      rsp_allowed_o <= '0;
    end else begin
      rsp_valid_o <= req_valid_i;
      if (req_valid_i) rsp_allowed_o <= allowed_d;
    end
  end

endmodule
