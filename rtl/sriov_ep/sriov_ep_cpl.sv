// Completions and stop bookkeeping (docs/sriov_ep.md "Completions", "Stop").
//
// The writer pushes one response item per burst and one per piece that writes nothing, in
// descriptor, piece and burst order. Items retire in that order: a burst with its write response
// (BID 0: the host memory answers one ID in order), any other item at once. Retiring in order
// makes "first error in piece order" the first non-OK status retired for the descriptor, and
// makes completions come in acceptance order. The descriptor's last item pushes its completion.
//
// Completion slots: a descriptor takes one at its handshake and gives it back at its completion
// handshake, so the completion FIFO (MaxDesc entries) never overflows and B is never held up by
// cpl_ready_i (bready is low only while a non-burst item is at the head).
//
// Stop: per function (f < 8) and in total, the descriptors that may write (accepted while not
// stopped, not LEN_INVALID) and whose last item has not retired. STOPPED.func[f] = stopped and
// none of f's; STOPPED.all = STOP.all and none at all (registered). A descriptor counts from the
// clock after its handshake (ob_valid_i, registered in sriov_ep_accept: the length check's carry
// chain does not reach the counts); in that clock it holds STOPPED low itself, so STOPPED never
// reads 1 while it is outstanding.
module sriov_ep_cpl import sriov_ep_pkg::*; #(
  parameter int unsigned TagWidth  = 8,
  parameter int unsigned LenWidth  = 17,
  parameter int unsigned MaxDesc   = 16,  // descriptors accepted and not completed (power of two)
  parameter int unsigned ItemDepth = 16   // response items outstanding (power of two)
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  // descriptor handshake (sriov_ep_accept)
  input  logic                   acc_i,
  // one clock after the handshake of a descriptor that may write, and its function (from flops)
  input  logic                   ob_valid_i,
  input  logic [FuncWidth-1:0]   ob_func_i,
  output logic                   slot_free_o,
  // response items (sriov_ep_writer)
  input  logic                   it_push_i,
  output logic                   it_full_o,
  input  logic [TagWidth-1:0]    it_tag_i,
  input  logic [FuncWidth-1:0]   it_func_i,
  input  logic [StatusWidth-1:0] it_status_i,
  input  logic                   it_burst_i,
  input  logic                   it_last_i,
  input  logic                   it_counted_i,
  input  logic [PieceLenW-1:0]   it_bytes_i,
  // write responses of the DMA bursts (BID 0)
  input  logic                   b_valid_i,
  output logic                   b_ready_o,
  input  logic [1:0]             b_resp_i,
  // completions
  output logic                   cpl_valid_o,
  input  logic                   cpl_ready_i,
  output logic [TagWidth-1:0]    cpl_tag_o,
  output logic [StatusWidth-1:0] cpl_status_o,
  // stop
  input  logic [MaxRegFuncs-1:0] stop_func_i,
  input  logic                   stop_all_i,
  output logic [MaxRegFuncs-1:0] stopped_func_o,
  output logic                   stopped_all_o,
  // counter event (registered): one completion handshake
  output logic                   ev_valid_o,
  output logic [FuncWidth-1:0]   ev_func_o,
  output logic [StatusWidth-1:0] ev_status_o,
  output logic [LenWidth-1:0]    ev_bytes_o
);

  localparam int unsigned ItemW = TagWidth + FuncWidth + StatusWidth + 3 + PieceLenW;
  localparam int unsigned CplW  = TagWidth + FuncWidth + StatusWidth + LenWidth;
  localparam int unsigned DescW = $clog2(MaxDesc) + 1;

  // ---------------------------------------------------------------- items
  logic                   i_valid, i_pop, i_burst, i_last, i_counted;
  logic [TagWidth-1:0]    i_tag;
  logic [FuncWidth-1:0]   i_func;
  logic [StatusWidth-1:0] i_status, r_status;
  logic [PieceLenW-1:0]   i_bytes;
  logic [$clog2(ItemDepth):0] i_count;

  sync_fifo #(.Width(ItemW), .Depth(ItemDepth), .OutReg(1'b1)) u_items (
    .clk_i, .rst_ni,
    .push_i (it_push_i),
    .wdata_i({it_tag_i, it_func_i, it_status_i, it_burst_i, it_last_i, it_counted_i, it_bytes_i}),
    .pop_i  (i_pop),
    .valid_o(i_valid),
    .rdata_o({i_tag, i_func, i_status, i_burst, i_last, i_counted, i_bytes}),
    .full_o (it_full_o),
    .count_o(i_count)
  );

  // A B with no burst waiting (a broken memory) is taken and dropped.
  assign b_ready_o = !i_valid || i_burst;
  assign i_pop     = i_valid && (!i_burst || b_valid_i);
  // SLVERR (2'b10) and DECERR (2'b11) fail the burst; OKAY and EXOKAY do not.
  assign r_status  = !i_burst ? i_status : ((b_resp_i >= 2'b10) ? CplWriteError : CplOk);

  // The retired item is registered before it is accounted (timing: the retire decision reads the
  // item FIFO's distributed RAM and the B channel; the byte sum and the counts start from flops).
  // It always moves on: the completion FIFO has room by the slot count. Completions, counts and
  // STOPPED follow one clock later.
  logic                   rt_valid_q, rt_burst_q, rt_last_q, rt_counted_q;
  logic [TagWidth-1:0]    rt_tag_q;
  logic [FuncWidth-1:0]   rt_func_q;
  logic [StatusWidth-1:0] rt_status_q;
  logic [PieceLenW-1:0]   rt_bytes_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) rt_valid_q <= 1'b0;
    else         rt_valid_q <= i_pop;
  end
  always_ff @(posedge clk_i) begin
    if (i_pop) begin
      rt_burst_q   <= i_burst;
      rt_last_q    <= i_last;
      rt_counted_q <= i_counted;
      rt_tag_q     <= i_tag;
      rt_func_q    <= i_func;
      rt_status_q  <= r_status;
      rt_bytes_q   <= i_bytes;
    end
  end

  // Per-descriptor accumulator: the first non-OK status, the bytes written OKAY.
  logic [StatusWidth-1:0] acc_status_q, fin_status;
  logic [LenWidth-1:0]    acc_bytes_q, fin_bytes;
  assign fin_status = (acc_status_q != CplOk) ? acc_status_q : rt_status_q;
  assign fin_bytes  = acc_bytes_q + ((rt_burst_q && rt_status_q == CplOk) ? LenWidth'(rt_bytes_q) : '0);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      acc_status_q <= CplOk;
      acc_bytes_q  <= '0;
    end else if (rt_valid_q) begin
      acc_status_q <= rt_last_q ? CplOk : fin_status;
      acc_bytes_q  <= rt_last_q ? '0 : fin_bytes;
    end
  end

  // ---------------------------------------------------------------- completions
  logic                   c_push, c_full, c_hs;
  logic [FuncWidth-1:0]   c_func;
  logic [LenWidth-1:0]    c_bytes;
  logic [$clog2(MaxDesc):0] c_count;
  assign c_push = rt_valid_q && rt_last_q;

  sync_fifo #(.Width(CplW), .Depth(MaxDesc), .OutReg(1'b1)) u_cpl (
    .clk_i, .rst_ni,
    .push_i (c_push),
    .wdata_i({rt_tag_q, rt_func_q, fin_status, fin_bytes}),
    .pop_i  (c_hs),
    .valid_o(cpl_valid_o),
    .rdata_o({cpl_tag_o, c_func, cpl_status_o, c_bytes}),
    .full_o (c_full),
    .count_o(c_count)
  );
  assign c_hs = cpl_valid_o && cpl_ready_i;

  // Slots: accepted and not yet completed (handshake).
  logic [DescW-1:0] slots_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) slots_q <= '0;
    else         slots_q <= slots_q + DescW'(acc_i) - DescW'(c_hs);
  end
  assign slot_free_o = (slots_q != DescW'(MaxDesc));

  // ---------------------------------------------------------------- stop bookkeeping
  logic [MaxRegFuncs-1:0][DescW-1:0] outst_q;
  logic [DescW-1:0]                  total_q;
  logic                              dec;
  assign dec = c_push && rt_counted_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      outst_q        <= '0;
      total_q        <= '0;
      stopped_func_o <= '0;
      stopped_all_o  <= 1'b0;
    end else begin
      for (int unsigned f = 0; f < MaxRegFuncs; f++) begin
        outst_q[f] <= outst_q[f]
                      + DescW'(ob_valid_i && ob_func_i == FuncWidth'(f))
                      - DescW'(dec && rt_func_q == FuncWidth'(f));
        stopped_func_o[f] <= (stop_func_i[f] || stop_all_i) && (outst_q[f] == '0) &&
                             !(ob_valid_i && ob_func_i == FuncWidth'(f));
      end
      total_q       <= total_q + DescW'(ob_valid_i) - DescW'(dec);
      stopped_all_o <= stop_all_i && (total_q == '0) && !ob_valid_i;
    end
  end

  // ---------------------------------------------------------------- counter event
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ev_valid_o  <= 1'b0;
      ev_func_o   <= '0;
      ev_status_o <= '0;
      ev_bytes_o  <= '0;
    end else begin
      ev_valid_o  <= c_hs;
      ev_func_o   <= c_func;
      ev_status_o <= cpl_status_o;
      ev_bytes_o  <= c_bytes;
    end
  end

  logic unused;
  assign unused = ^{i_count, c_count};

`ifndef SYNTHESIS
  // The completion FIFO never overflows (slots bound it) and items are never pushed while full.
  a_cpl_no_overflow: assert property (@(posedge clk_i) disable iff (!rst_ni)
    c_push |-> !c_full || c_hs);
  a_items_no_overflow: assert property (@(posedge clk_i) disable iff (!rst_ni)
    it_push_i |-> !it_full_o);
  a_slots_bound: assert property (@(posedge clk_i) disable iff (!rst_ni)
    32'(slots_q) <= MaxDesc && 32'(c_count) <= 32'(slots_q));
  a_stopped_all_idle: assert property (@(posedge clk_i) disable iff (!rst_ni)
    stopped_all_o |-> total_q == '0);
  // MISS_LIMIT and the unused codes never complete a descriptor.
  a_cpl_status_legal: assert property (@(posedge clk_i) disable iff (!rst_ni)
    cpl_valid_o |-> cpl_status_o != CplMissLimit && cpl_status_o <= CplStopped);
  // STOPPED only when nothing of the function is outstanding.
  for (genvar f = 0; f < MaxRegFuncs; f++) begin : g_a_stopped
    a_stopped_idle: assert property (@(posedge clk_i) disable iff (!rst_ni)
      stopped_func_o[f] |-> outst_q[f] == '0);
  end
  // A completion held under back-pressure stays.
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  a_cpl_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    cpl_valid_o && !cpl_ready_i |=> cpl_valid_o && $stable(cpl_tag_o) && $stable(cpl_status_o));
`endif

endmodule : sriov_ep_cpl
