// Saturating event counter behind one of the register block's `external` registers
// (BAD_FUNC_CNT, ACCESS_VIOL_CNT, FUNC[].OOR_CNT in dirty_track_regs.rdl).
//
// Software reads the count and may write any value (byte enables honoured); an event in the clock
// of a software write counts on top of the written value. The count stops at all ones.
//
// Why hand-written: the generated counter put the 32-bit increment and its saturation compare
// behind the register block's address decode and software-write mux, one long path. Here the
// request from the register block is registered first (the block waits for the acks, which come
// one clock later), the write merge is one LUT level, and saturation is the carry out of the same
// increment (no separate compare):
//   base  = software write ? merged write data : count
//   count = event && no carry out of base + 1 ? base + 1 : base
module dirty_track_cnt #(
  parameter int unsigned Width = 32
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             inc_i,       // one event this clock
  // external register interface of the generated register block (request held for one clock)
  input  logic             req_i,
  input  logic             req_is_wr_i,
  input  logic [Width-1:0] wr_data_i,
  input  logic [Width-1:0] wr_biten_i,
  output logic             rd_ack_o,
  output logic [Width-1:0] rd_data_o,
  output logic             wr_ack_o
);

  logic [Width-1:0] cnt_q, base, wdata_q, biten_q;
  logic [Width:0]   sum;  // {carry out, base + 1}
  logic             rd_q, wr_q;

  // the request, one clock after the register block issued it (it is a one-clock strobe)
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_q <= 1'b0;
      wr_q <= 1'b0;
    end else begin
      rd_q <= req_i && !req_is_wr_i;
      wr_q <= req_i && req_is_wr_i;
    end
  end

  always_ff @(posedge clk_i) begin
    if (req_i) begin
      wdata_q <= wr_data_i;
      biten_q <= wr_biten_i;
    end
  end

  assign base = wr_q ? ((cnt_q & ~biten_q) | (wdata_q & biten_q)) : cnt_q;
  assign sum  = {1'b0, base} + 1'b1;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cnt_q <= '0;
    end else begin
      cnt_q <= (inc_i && !sum[Width]) ? sum[Width-1:0] : base;
    end
  end

  // The register block samples rd_data in the clock of rd_ack (and holds its read address while an
  // external access is pending).
  assign rd_ack_o  = rd_q;
  assign rd_data_o = cnt_q;
  assign wr_ack_o  = wr_q;

`ifndef SYNTHESIS
  a_cnt_saturates: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !wr_q && inc_i && cnt_q == '1 |=> cnt_q == '1);
  a_cnt_counts: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !wr_q && inc_i && cnt_q != '1 |=> cnt_q == $past(cnt_q) + 1'b1);
  a_cnt_holds: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !wr_q && !inc_i |=> $stable(cnt_q));
`endif

endmodule
