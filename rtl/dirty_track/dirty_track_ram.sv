// Bitmap RAM: one write port, one synchronous read port, no reset, so that Yosys maps it onto ECP5
// block RAM (DP16KD). A read and a write of the same word in the same clock return undefined data
// (no_rw_check): dirty_track_rmw forwards around that case, it never uses such a read.
module dirty_track_ram #(
  parameter int unsigned Depth = 4096,
  parameter int unsigned Width = 32,
  localparam int unsigned AddrW = $clog2(Depth)
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
