// Event counters of dirty_track (docs/dirty_track.md, "Registers"): BAD_FUNC_CNT, ACCESS_VIOL_CNT
// and FUNC[f].OOR_CNT, one saturating counter each (rtl/common/sat_counter). Software may write a
// count register (byte-masked); the register block's count field is only a read-back mirror of
// the counter here.
//
// A software write is seen from the request the front end hands to the register block: taken (no
// write stall) in clock t, loaded into the counter in t+1 from that request's write data, which
// holds until the front end's next transaction (it starts at the earliest in t+2). An event in the
// clock of the load counts on top of the loaded value (the counter race rule, docs/dev-guide.md).
module dirty_track_counters import dirty_track_pkg::*, dirty_track_reg_addr_pkg::*; #(
  parameter int unsigned NumFunctions = 8,
  localparam int unsigned NumCnt = 2 + MaxRegFunctions  // 0 = BAD_FUNC, 1 = ACCESS_VIOL, 2 + f = OOR
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // events, at most one per counter and clock
  input  logic                     bad_func_i,
  input  logic                     access_viol_i,
  input  logic [NumFunctions-1:0]  oor_i,
  // the register block's request (passthrough CPU interface)
  input  logic                     rb_req_i,
  input  logic                     rb_req_is_wr_i,
  input  logic                     rb_stall_wr_i,
  input  logic [RegAddrW-1:0]      rb_addr_i,
  input  logic [31:0]              rb_wr_data_i,
  input  logic [31:0]              rb_wr_biten_i,
  // to the register block's count fields (sw = rw, hw = w, we)
  output logic [NumCnt-1:0][31:0]  count_o,
  output logic [NumCnt-1:0]        mirror_we_o
);

  logic [NumCnt-1:0] inc, load_q;

  always_comb begin
    inc[0] = bad_func_i;
    inc[1] = access_viol_i;
    for (int unsigned f = 0; f < MaxRegFunctions; f++) begin
      inc[2 + f] = (f < NumFunctions) ? oor_i[f] : 1'b0;
    end
  end

  for (genvar c = 0; c < NumCnt; c++) begin : g_cnt
    logic [RegAddrW-1:0] addr;
    if (c == 0) begin : g_bad_func
      assign addr = RegAddrW'(AddrBadFuncCnt);
    end else if (c == 1) begin : g_access_viol
      assign addr = RegAddrW'(AddrAccessViolCnt);
    end else begin : g_oor
      assign addr = RegAddrW'(FuncBase + (c - 2) * FuncStride + OffFuncOorCnt);
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        load_q[c] <= 1'b0;
      end else begin
        load_q[c] <= rb_req_i && rb_req_is_wr_i && !rb_stall_wr_i && (rb_addr_i == addr);
      end
    end

    sat_counter #(.Width(32), .IncWidth(1)) u_cnt (
      .clk_i, .rst_ni, .inc_i(inc[c]), .load_i(load_q[c]),
      .load_data_i(rb_wr_data_i), .load_mask_i(rb_wr_biten_i),
      .count_o(count_o[c])
    );
    // The mirror takes the software write itself, and copies the count every clock except the
    // one in which the write is loaded here, so it never shows the count from before the write.
    assign mirror_we_o[c] = !load_q[c];
  end

`ifndef SYNTHESIS
  logic sva_armed_q;  // 0 in the first clock after a reset (see dirty_track.sv)
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  // The write data the counters load is still the data the register block took.
  a_cnt_load_data_held: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    |load_q |-> $stable(rb_wr_data_i) && $stable(rb_wr_biten_i));
`endif

endmodule
