// RAM with one write port and one synchronous read port, no reset, so that Yosys maps it onto
// block RAM (ECP5 DP16KD) or distributed RAM (docs/common_rtl.md).
//   write: we_i at a clock edge writes wdata_i to waddr_i.
//   read:  rdata_o after a clock edge is the word at raddr_i sampled at that edge (latency 1); it
//          holds until the next edge (there is no read enable: it follows raddr_i every clock).
//   read during write of the same word at the same edge: rdata_o is undefined (no_rw_check lets
//          Yosys use the RAM primitive without bypass logic; the simulation returns the old word).
//          A user that needs the new word forwards it itself (dirty_track_rmw does).
//   addresses >= Depth (Depth not a power of two): undefined (the user never sends them).
module ram_1r1w #(
  parameter int unsigned Depth = 4096,
  parameter int unsigned Width = 32,
  localparam int unsigned AddrW = (Depth > 1) ? $clog2(Depth) : 1
) (
  input  logic             clk_i,
  input  logic             we_i,
  input  logic [AddrW-1:0] waddr_i,
  input  logic [Width-1:0] wdata_i,
  input  logic [AddrW-1:0] raddr_i,
  output logic [Width-1:0] rdata_o
);

  (* no_rw_check *) logic [Width-1:0] mem_q [Depth];

  always_ff @(posedge clk_i) begin
    if (we_i) mem_q[waddr_i] <= wdata_i;
  end

  always_ff @(posedge clk_i) begin
    rdata_o <= mem_q[raddr_i];
  end

endmodule
