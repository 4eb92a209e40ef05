// Saturating event counter for one of the count registers (BAD_FUNC_CNT, ACCESS_VIOL_CNT,
// FUNC[].OOR_CNT in dirty_track_regs.rdl).
//
// Software reads the count and may write any value (byte enables honoured); an event in the clock
// in which a software write lands counts on top of the written value. The count stops at all ones.
//
// Why hand-written: the generated counter put the 32-bit increment and its saturation compare
// behind the register block's address decode and software-write mux, one long path. Here the
// software write arrives as a registered strobe (load_i, one clock after the register block took
// the write), the write merge is one LUT level, and saturation is the carry out of the same
// increment (no separate compare):
//   base  = load ? merged write data : count
//   count = event && no carry out of base + 1 ? base + 1 : base
// The register block's field (sw = rw, hw = w, we) is a read-back mirror: it takes the software
// write itself, and copies the count every clock except the one in which the write is loaded
// here (mirror_we_o low), so it never shows the count from before the write.
module dirty_track_cnt #(
  parameter int unsigned Width = 32
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             inc_i,        // one event this clock
  input  logic             load_i,       // a software write of this register was taken last clock
  input  logic [Width-1:0] wr_data_i,    // its data and byte-enable mask (held while load_i)
  input  logic [Width-1:0] wr_biten_i,
  output logic [Width-1:0] value_o,      // to the register block's hwif_in .next
  output logic             mirror_we_o   // to the register block's hwif_in .we
);

  logic [Width-1:0] cnt_q, base;
  logic [Width:0]   sum;  // {carry out, base + 1}

  assign base = load_i ? ((cnt_q & ~wr_biten_i) | (wr_data_i & wr_biten_i)) : cnt_q;
  assign sum  = {1'b0, base} + 1'b1;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cnt_q <= '0;
    end else begin
      cnt_q <= (inc_i && !sum[Width]) ? sum[Width-1:0] : base;
    end
  end

  assign value_o     = cnt_q;
  assign mirror_we_o = !load_i;

`ifndef SYNTHESIS
  // SVA that compare with the previous clock ($past, $stable, |=>) are off in the first clock
  // after a reset: a reset pulse may fall between two edges, where `disable iff` never sees it.
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sva_armed_q <= 1'b0;
    end else begin
      sva_armed_q <= 1'b1;
    end
  end
  a_cnt_saturates: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    !load_i && inc_i && cnt_q == '1 |=> cnt_q == '1);
  a_cnt_counts: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    !load_i && inc_i && cnt_q != '1 |=> cnt_q == $past(cnt_q) + 1'b1);
  a_cnt_holds: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    !load_i && !inc_i |=> $stable(cnt_q));
`endif

endmodule
