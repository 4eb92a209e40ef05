// Host-memory write port arbitration (docs/sriov_ep.md "Host-memory write arbitration").
//
// Two write masters: the DMA engine's bursts after dirty_track (source 0, AWID 0 as they come)
// and dirty_track's bitmap-report bursts (source 1, AWID 1, AWUSER 0). The arbiter grants whole
// bursts into its AW output FIFO, round robin when both wait (the source granted last gives
// way), and records each grant in a small order FIFO: W beats are forwarded only from the source
// at the FIFO's head, until that source's WLAST, so W follows the order of the granted AWs and no
// W beat passes before its burst's AW was granted. B responses are routed back by BID (0: DMA,
// 1: report); a B with any other BID (a broken memory) is taken and dropped. AW, W and B each pass
// a two-entry FIFO at the port (timing: no combinational path between the port's handshakes and
// the sources); each adds one clock of latency, none of throughput.
module sriov_ep_wr_arb import sriov_ep_pkg::*; #(
  parameter int unsigned AxiIdWidth = 4,
  parameter int unsigned OrderDepth = 4   // granted bursts whose W is not complete (power of two)
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // source 0: DMA (dirty_track's AW out, the engine's W)
  input  logic [HostAddrWidth-1:0] s0_awaddr,
  input  logic [7:0]               s0_awlen,
  input  logic [2:0]               s0_awsize,
  input  logic [1:0]               s0_awburst,
  input  logic [FuncWidth-1:0]     s0_awuser,
  input  logic                     s0_awvalid,
  output logic                     s0_awready,
  input  logic [DataWidth-1:0]     s0_wdata,
  input  logic [StrbWidth-1:0]     s0_wstrb,
  input  logic                     s0_wlast,
  input  logic                     s0_wvalid,
  output logic                     s0_wready,
  output logic [1:0]               s0_bresp,
  output logic                     s0_bvalid,
  input  logic                     s0_bready,
  // source 1: dirty_track's report master
  input  logic [HostAddrWidth-1:0] s1_awaddr,
  input  logic [7:0]               s1_awlen,
  input  logic [2:0]               s1_awsize,
  input  logic [1:0]               s1_awburst,
  input  logic                     s1_awvalid,
  output logic                     s1_awready,
  input  logic [DataWidth-1:0]     s1_wdata,
  input  logic [StrbWidth-1:0]     s1_wstrb,
  input  logic                     s1_wlast,
  input  logic                     s1_wvalid,
  output logic                     s1_wready,
  output logic [1:0]               s1_bresp,
  output logic                     s1_bvalid,
  input  logic                     s1_bready,
  // host memory write port
  output logic [AxiIdWidth-1:0]    m_awid,
  output logic [HostAddrWidth-1:0] m_awaddr,
  output logic [7:0]               m_awlen,
  output logic [2:0]               m_awsize,
  output logic [1:0]               m_awburst,
  output logic [FuncWidth-1:0]     m_awuser,
  output logic                     m_awvalid,
  input  logic                     m_awready,
  output logic [DataWidth-1:0]     m_wdata,
  output logic [StrbWidth-1:0]     m_wstrb,
  output logic                     m_wlast,
  output logic                     m_wvalid,
  input  logic                     m_wready,
  input  logic [AxiIdWidth-1:0]    m_bid,
  input  logic [1:0]               m_bresp,
  input  logic                     m_bvalid,
  output logic                     m_bready
);

  // ---------------------------------------------------------------- AW grant
  // Granted AWs wait in a two-entry output FIFO: a grant needs only its room (a flop count), so
  // no path runs from m_awready into the grant and on into dirty_track and the engine; one AW per
  // clock still passes.
  localparam int unsigned AwW = AxiIdWidth + HostAddrWidth + 8 + 3 + 2 + FuncWidth;
  logic aw_free, aw_full, o_full, o_valid, o_src, o_pop, g0, g1, last1_q;
  logic [$clog2(OrderDepth):0] o_count;
  logic [1:0]                  aw_count;
  assign aw_free = !aw_full && !o_full;
  // Round robin: when both wait, the source not granted last wins.
  assign g1 = aw_free && s1_awvalid && (!s0_awvalid || !last1_q);
  assign g0 = aw_free && s0_awvalid && !g1;
  assign s0_awready = g0;
  assign s1_awready = g1;

  sync_fifo #(.Width(AwW), .Depth(2), .OutReg(1'b1)) u_aw (
    .clk_i, .rst_ni,
    .push_i (g0 || g1),
    .wdata_i(g1 ? {AxiIdWidth'(RepAwId), s1_awaddr, s1_awlen, s1_awsize, s1_awburst, FuncWidth'(0)}
                : {AxiIdWidth'(DmaAwId), s0_awaddr, s0_awlen, s0_awsize, s0_awburst, s0_awuser}),
    .pop_i  (m_awvalid && m_awready),
    .valid_o(m_awvalid),
    .rdata_o({m_awid, m_awaddr, m_awlen, m_awsize, m_awburst, m_awuser}),
    .full_o (aw_full),
    .count_o(aw_count)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      last1_q <= 1'b0;
    end else if (g0 || g1) begin
      last1_q <= g1;
    end
  end

  // ---------------------------------------------------------------- W in grant order
  sync_fifo #(.Width(1), .Depth(OrderDepth), .OutReg(1'b1)) u_order (
    .clk_i, .rst_ni,
    .push_i (g0 || g1),
    .wdata_i(g1),
    .pop_i  (o_pop),
    .valid_o(o_valid),
    .rdata_o(o_src),
    .full_o (o_full),
    .count_o(o_count)
  );

  // W beats of the source at the order FIFO's head go through a two-entry output FIFO (as AW):
  // a beat needs only its room (a flop count), so no path runs from m_wready into the engine's
  // data stream or the report engine; a beat per clock still passes.
  localparam int unsigned WW = DataWidth + StrbWidth + 1;
  logic       w_sel_valid, w_sel_last, w_push, w_full;
  logic [1:0] w_count;
  assign w_sel_valid = o_valid && (o_src ? s1_wvalid : s0_wvalid);
  assign w_sel_last  = o_src ? s1_wlast : s0_wlast;
  assign w_push      = w_sel_valid && !w_full;
  assign s0_wready   = o_valid && !o_src && !w_full;
  assign s1_wready   = o_valid && o_src && !w_full;
  assign o_pop       = w_push && w_sel_last;

  sync_fifo #(.Width(WW), .Depth(2), .OutReg(1'b1)) u_w (
    .clk_i, .rst_ni,
    .push_i (w_push),
    .wdata_i(o_src ? {s1_wdata, s1_wstrb, s1_wlast} : {s0_wdata, s0_wstrb, s0_wlast}),
    .pop_i  (m_wvalid && m_wready),
    .valid_o(m_wvalid),
    .rdata_o({m_wdata, m_wstrb, m_wlast}),
    .full_o (w_full),
    .count_o(w_count)
  );

  // ---------------------------------------------------------------- B by BID
  // B responses enter a two-entry FIFO first (m_bready = room, from a flop count): no path from
  // m_bvalid / m_bid into the completion unit's retire decision, none from it into m_bready.
  localparam int unsigned BW = AxiIdWidth + 2;
  logic                  b_valid, b_pop, b_full, b_is0, b_is1;
  logic [AxiIdWidth-1:0] b_id;
  logic [1:0]            b_resp, b_count;
  assign m_bready = !b_full;
  sync_fifo #(.Width(BW), .Depth(2), .OutReg(1'b1)) u_b (
    .clk_i, .rst_ni,
    .push_i (m_bvalid && m_bready),  // only a handshake: while full the memory holds its B
    .wdata_i({m_bid, m_bresp}),
    .pop_i  (b_pop),
    .valid_o(b_valid),
    .rdata_o({b_id, b_resp}),
    .full_o (b_full),
    .count_o(b_count)
  );
  assign b_is0     = (b_id == AxiIdWidth'(DmaAwId));
  assign b_is1     = (b_id == AxiIdWidth'(RepAwId));
  assign s0_bvalid = b_valid && b_is0;
  assign s1_bvalid = b_valid && b_is1;
  assign s0_bresp  = b_resp;
  assign s1_bresp  = b_resp;
  assign b_pop     = b_valid && (b_is0 ? s0_bready : (b_is1 ? s1_bready : 1'b1));

  logic unused;
  assign unused = ^{o_count, aw_count, w_count, b_count};

`ifndef SYNTHESIS
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  // One grant at a time, only into a free output register with room in the order FIFO.
  a_one_grant: assert property (@(posedge clk_i) disable iff (!rst_ni) !(g0 && g1));
  // No W beat without its burst's AW granted (the order FIFO holds the grant).
  a_w_after_grant: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_push |-> o_valid);
  // Whole bursts: the W source changes only after a WLAST (each FIFO entry is one burst).
  a_w_source_whole_burst: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    w_sel_valid && $past(w_push && !w_sel_last) |-> $stable(o_src));
  a_aw_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    m_awvalid && !m_awready |=> m_awvalid && $stable(m_awaddr) && $stable(m_awlen) &&
                                $stable(m_awid) && $stable(m_awuser));
  // Round robin: source 0 wins a tie only after a grant to source 1 (and the other way round).
  a_rr_fair: assert property (@(posedge clk_i) disable iff (!rst_ni)
    g0 && s1_awvalid |-> !last1_q);
`endif

endmodule : sriov_ep_wr_arb
