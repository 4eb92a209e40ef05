// Saturating event counter with a byte-masked load (docs/common_rtl.md), e.g. behind a count
// register that software may write.
//   count after an edge: base + inc_i, or all ones if that carries out (it stops there), where
//   base = load_i ? (count & ~load_mask_i) | (load_data_i & load_mask_i) : count
// so an event in the clock of a load counts on top of the loaded value (docs/dev-guide.md, the
// counter race rule), and a load may take the count down again from all ones.
//
// Saturation is the carry out of the one increment (no separate compare): one carry chain.
module sat_counter #(
  parameter int unsigned Width    = 32,
  parameter int unsigned IncWidth = 1   // events per clock up to 2**IncWidth - 1
) (
  input  logic                clk_i,
  input  logic                rst_ni,
  input  logic [IncWidth-1:0] inc_i,        // events this clock
  input  logic                load_i,       // load the masked data (a software write)
  input  logic [Width-1:0]    load_data_i,
  input  logic [Width-1:0]    load_mask_i,
  output logic [Width-1:0]    count_o
);

  logic [Width-1:0] cnt_q, cnt_d, base;
  logic [Width:0]   sum;  // {carry out, base + inc}

  assign base  = load_i ? ((cnt_q & ~load_mask_i) | (load_data_i & load_mask_i)) : cnt_q;
  assign sum   = {1'b0, base} + (Width + 1)'(inc_i);
  assign cnt_d = sum[Width] ? '1 : sum[Width-1:0];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cnt_q <= '0;
    end else begin
      cnt_q <= cnt_d;
    end
  end

  assign count_o = cnt_q;

`ifndef SYNTHESIS
  // SVA that compare with the previous clock ($past, $stable, |=>) are off in the first clock
  // after a reset: a reset pulse may fall between two edges, where `disable iff` never sees it.
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  // Without a load the count never goes down (never wraps) and stays at all ones.
  a_cnt_never_wraps: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    !load_i |=> cnt_q >= $past(cnt_q));
  a_cnt_saturates: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    !load_i && cnt_q == '1 |=> cnt_q == '1);
  a_cnt_holds: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    !load_i && inc_i == '0 |=> $stable(cnt_q));
`endif

endmodule
