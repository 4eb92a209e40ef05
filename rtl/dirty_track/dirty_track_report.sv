// Bitmap report by DMA (docs/dirty_track.md "Report by DMA"). On a start (REPORT_CTRL.start) with
// good arguments it reads and clears words FIRST .. FIRST + WORDS - 1 of function FUNC's bitmap,
// two per clock, through the RMW pipeline (dirty_track_rmw, operation OpDmaRpt: same order and
// forwarding as every other operation), and writes them to host memory at ADDR + 4 i with AXI4
// INCR bursts of 64-bit beats (awsize 3), at most RepMaxBeats beats and never across a 4 KiB
// boundary. With an odd WORDS the last beat carries one word (WSTRB 0x0F). STATUS.done once every
// B response is back.
//
//   issue (pairs, credit-limited) -> RMW pipeline -> data FIFO -> W channel (after its burst's AW)
//   AW generator (burst lengths) ------------------> length FIFO -^        B: count, err_bus
//
// The W beats of a burst are offered only after that burst's AW handshake.
module dirty_track_report import dirty_track_pkg::*; #(
  parameter int unsigned NumFunctions = 8,
  parameter int unsigned PagesPerFunc = 16384,
  parameter int unsigned AddrWidth = 64,
  localparam int unsigned WordsPerFunc = PagesPerFunc / WordBits,
  localparam int unsigned Depth = NumFunctions * WordsPerFunc,
  localparam int unsigned RamAddrW = $clog2(Depth),
  localparam int unsigned BankDepth = Depth / 2,
  localparam int unsigned BankAddrW = (BankDepth > 1) ? $clog2(BankDepth) : 1
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // arguments (registers) and the start pulse
  input  logic                 start_i,
  input  logic [63:0]          addr_i,
  input  logic [7:0]           func_i,
  input  logic [31:0]          first_i,
  input  logic [31:0]          words_i,
  // status
  output logic                 busy_o,
  output logic                 done_o,
  output logic                 err_args_o,
  output logic                 err_bus_o,
  // RMW pipeline
  output logic                 dma_req_o,
  output logic [BankAddrW-1:0] dma_pair_o,
  output logic                 dma_odd_o,
  input  logic                 dma_ack_i,
  input  logic                 dma_rsp_valid_i,
  input  logic [RepDataW-1:0]  dma_rsp_data_i,
  input  logic                 dma_rsp_odd_i,
  // AXI4 write master (no ID)
  output logic [AddrWidth-1:0] m_axi_rep_awaddr,
  output logic [7:0]           m_axi_rep_awlen,
  output logic [2:0]           m_axi_rep_awsize,
  output logic [1:0]           m_axi_rep_awburst,
  output logic                 m_axi_rep_awvalid,
  input  logic                 m_axi_rep_awready,
  output logic [RepDataW-1:0]  m_axi_rep_wdata,
  output logic [7:0]           m_axi_rep_wstrb,
  output logic                 m_axi_rep_wlast,
  output logic                 m_axi_rep_wvalid,
  input  logic                 m_axi_rep_wready,
  input  logic [1:0]           m_axi_rep_bresp,
  input  logic                 m_axi_rep_bvalid,
  output logic                 m_axi_rep_bready
);

  localparam int unsigned CntW = RamAddrW;  // pairs / beats / bursts of one report: <= Depth / 2
  localparam int unsigned OutW = $clog2(RepFifoDepth) + 1;
  localparam int unsigned LenW = $clog2(RepMaxBeats);  // awlen = beats - 1
  localparam int unsigned LenFifoDepth = 4;

  // ---------------------------------------------------------------- argument check
  // Registered every clock from the argument registers: a register write acts at least two clocks
  // before a later write of REPORT_CTRL.start does, so the flags are current at the start.
  logic        ok_func_q, ok_first_q, ok_words_q, ok_addr_q, args_ok;
  logic [32:0] arg_end;
  logic [65:0] buf_end;
  assign arg_end = {1'b0, first_i} + {1'b0, words_i};
  assign buf_end = {2'b0, addr_i} + {32'b0, words_i, 2'b00};
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ok_func_q  <= 1'b0;
      ok_first_q <= 1'b0;
      ok_words_q <= 1'b0;
      ok_addr_q  <= 1'b0;
    end else begin
      ok_func_q  <= 32'(func_i) < NumFunctions;
      ok_first_q <= !first_i[0];
      ok_words_q <= (words_i != '0) && (arg_end <= 33'(WordsPerFunc));
      ok_addr_q  <= (addr_i[2:0] == '0) && (buf_end <= (66'(1) << AddrWidth));
    end
  end
  assign args_ok = ok_func_q && ok_first_q && ok_words_q && ok_addr_q;

  // ---------------------------------------------------------------- control and status
  logic                 busy_q, done_q, err_args_q, err_bus_q, go;
  logic                 odd_last_q;     // WORDS odd: the last pair has only its even word
  logic [BankAddrW-1:0] iss_pair_q;     // next pair to read and clear
  logic [CntW-1:0]      iss_left_q;     // pairs not yet issued
  logic [CntW-1:0]      aw_left_q;      // beats not yet covered by an AW
  logic [CntW-1:0]      b_pend_q;       // bursts whose AW is sent and B not yet back
  logic [OutW-1:0]      out_q;          // pairs issued and not yet sent on W (FIFO credit)
  logic [AddrWidth-1:0] aw_next_q;      // address of the next burst
  logic                 aw_valid_q;
  logic [AddrWidth-1:0] aw_addr_q;
  logic [LenW-1:0]      aw_len_q;
  logic                 aw_hs, w_hs, b_hs, finish;
  logic [CntW-1:0]      pairs;
  logic [RamAddrW-1:0]  first_word;

  assign go     = start_i && !busy_q && args_ok;
  assign pairs  = CntW'((words_i + 32'd1) >> 1);
  assign first_word = RamAddrW'(func_i) * RamAddrW'(WordsPerFunc) + RamAddrW'(first_i);
  assign aw_hs  = aw_valid_q && m_axi_rep_awready;
  assign b_hs   = m_axi_rep_bvalid && m_axi_rep_bready;
  assign finish = busy_q && (iss_left_q == '0) && (out_q == '0) && (aw_left_q == '0) &&
                  !aw_valid_q && (b_pend_q == '0);

  // issue: one pair per clock while the data FIFO has room for everything in flight
  assign dma_req_o  = busy_q && (iss_left_q != '0) && (out_q < OutW'(RepFifoDepth));
  assign dma_pair_o = iss_pair_q;
  assign dma_odd_o  = !(odd_last_q && iss_left_q == CntW'(1));

  // AW: the next burst's beats: at most RepMaxBeats, the beats left, and the beats to the 4 KiB
  // boundary (fewer than RepMaxBeats only in the last 128 bytes of a 4 KiB page)
  logic [LenW:0] beats_left, beats_page, beats;
  assign beats_left = (aw_left_q >= CntW'(RepMaxBeats)) ? (LenW+1)'(RepMaxBeats) : (LenW+1)'(aw_left_q);
  assign beats_page = (aw_next_q[11:LenW+3] == '1) ? (LenW+1)'(RepMaxBeats) - (LenW+1)'(aw_next_q[LenW+2:3])
                                                    : (LenW+1)'(RepMaxBeats);
  assign beats      = (beats_left < beats_page) ? beats_left : beats_page;

  logic len_full, len_valid;
  logic [LenW-1:0] len_head;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q     <= 1'b0;
      done_q     <= 1'b0;
      err_args_q <= 1'b0;
      err_bus_q  <= 1'b0;
      odd_last_q <= 1'b0;
      iss_pair_q <= '0;
      iss_left_q <= '0;
      aw_left_q  <= '0;
      b_pend_q   <= '0;
      out_q      <= '0;
      aw_next_q  <= '0;
      aw_valid_q <= 1'b0;
      aw_addr_q  <= '0;
      aw_len_q   <= '0;
    end else begin
      // A start while busy is ignored. Otherwise it clears done and both errors; bad arguments set
      // err_args and done at once (nothing read, cleared or written).
      if (start_i && !busy_q) begin
        done_q     <= !args_ok;
        err_args_q <= !args_ok;
        err_bus_q  <= 1'b0;
      end else if (finish) begin
        done_q <= 1'b1;
      end
      if (go) begin
        busy_q     <= 1'b1;
        odd_last_q <= words_i[0];
        iss_pair_q <= BankAddrW'(first_word >> 1);
        iss_left_q <= pairs;
        aw_left_q  <= pairs;
        aw_next_q  <= addr_i[AddrWidth-1:0];
      end else if (finish) begin
        busy_q <= 1'b0;
      end
      if (dma_ack_i) begin
        iss_pair_q <= iss_pair_q + 1'b1;
        iss_left_q <= iss_left_q - 1'b1;
      end
      out_q <= out_q + OutW'(dma_ack_i) - OutW'(w_hs);
      if (b_hs && b_pend_q != '0) begin
        if (m_axi_rep_bresp != 2'b00) err_bus_q <= 1'b1;
      end
      b_pend_q <= b_pend_q + CntW'(aw_hs) - CntW'(b_hs && b_pend_q != '0);
      if (aw_hs) begin
        aw_valid_q <= 1'b0;
      end else if (busy_q && !aw_valid_q && aw_left_q != '0 && !len_full) begin
        aw_valid_q <= 1'b1;
        aw_addr_q  <= aw_next_q;
        aw_len_q   <= LenW'(beats - 1'b1);
        aw_next_q  <= aw_next_q + AddrWidth'({beats, 3'b000});
        aw_left_q  <= aw_left_q - CntW'(beats);
      end
    end
  end

  assign busy_o     = busy_q;
  assign done_o     = done_q;
  assign err_args_o = err_args_q;
  assign err_bus_o  = err_bus_q;

  assign m_axi_rep_awaddr  = aw_addr_q;
  assign m_axi_rep_awlen   = 8'(aw_len_q);
  assign m_axi_rep_awsize  = 3'd3;
  assign m_axi_rep_awburst = 2'b01;  // INCR
  assign m_axi_rep_awvalid = aw_valid_q;
  assign m_axi_rep_bready  = 1'b1;

  // ---------------------------------------------------------------- W: data FIFO, burst lengths
  logic                 data_valid, data_odd;
  logic [RepDataW-1:0]  data_head;
  logic [LenW-1:0]      beat_q;
  logic                 wlast;
  // FIFO levels: not needed by the logic (the issue credit and len_full bound them); the data
  // FIFO's full flag is checked by an assertion
  /* verilator lint_off UNUSEDSIGNAL */
  logic                 data_full;
  logic [$clog2(RepFifoDepth):0] data_count;
  logic [$clog2(LenFifoDepth):0] len_count;
  /* verilator lint_on UNUSEDSIGNAL */

  sync_fifo #(.Width(RepDataW + 1), .Depth(RepFifoDepth)) u_data (
    .clk_i, .rst_ni,
    .push_i (dma_rsp_valid_i),
    .wdata_i({dma_rsp_odd_i, dma_rsp_data_i}),
    .pop_i  (w_hs),
    .valid_o(data_valid),
    .rdata_o({data_odd, data_head}),
    .full_o (data_full),
    .count_o(data_count)
  );

  // lengths of the bursts whose AW handshake is done (W of a burst waits for its AW)
  sync_fifo #(.Width(LenW), .Depth(LenFifoDepth)) u_len (
    .clk_i, .rst_ni,
    .push_i (aw_hs),
    .wdata_i(aw_len_q),
    .pop_i  (w_hs && wlast),
    .valid_o(len_valid),
    .rdata_o(len_head),
    .full_o (len_full),
    .count_o(len_count)
  );

  assign wlast            = (beat_q == len_head);
  assign m_axi_rep_wvalid = data_valid && len_valid;
  assign m_axi_rep_wdata  = data_head;
  assign m_axi_rep_wstrb  = data_odd ? 8'hFF : 8'h0F;
  assign m_axi_rep_wlast  = wlast;
  assign w_hs             = m_axi_rep_wvalid && m_axi_rep_wready;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      beat_q <= '0;
    end else if (w_hs) begin
      beat_q <= wlast ? '0 : beat_q + 1'b1;
    end
  end

`ifndef SYNTHESIS
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  // AXI master rules: a valid stays up with a stable payload until its handshake.
  a_rep_aw_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    m_axi_rep_awvalid && !m_axi_rep_awready |=> m_axi_rep_awvalid &&
      $stable({m_axi_rep_awaddr, m_axi_rep_awlen}));
  a_rep_w_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    m_axi_rep_wvalid && !m_axi_rep_wready |=> m_axi_rep_wvalid &&
      $stable({m_axi_rep_wdata, m_axi_rep_wstrb, m_axi_rep_wlast}));
  // A burst never crosses a 4 KiB boundary and never exceeds RepMaxBeats.
  a_rep_aw_4k: assert property (@(posedge clk_i) disable iff (!rst_ni)
    m_axi_rep_awvalid |-> (13'(m_axi_rep_awaddr[11:0]) + 13'({m_axi_rep_awlen, 3'b000}) + 13'd8) <= 13'h1000);
  a_rep_aw_aligned: assert property (@(posedge clk_i) disable iff (!rst_ni)
    m_axi_rep_awvalid |-> m_axi_rep_awaddr[2:0] == '0);
  // The data FIFO never overflows (the issue credit bounds it).
  a_rep_fifo_credit: assert property (@(posedge clk_i) disable iff (!rst_ni)
    out_q <= OutW'(RepFifoDepth));
  a_rep_fifo_no_drop: assert property (@(posedge clk_i) disable iff (!rst_ni)
    dma_rsp_valid_i |-> !data_full || w_hs);
  a_rep_no_data_idle: assert property (@(posedge clk_i) disable iff (!rst_ni)
    dma_rsp_valid_i |-> busy_q);
`endif

endmodule
