// Response path of the translation engine (bat_clat_xlate): the hit queue (written by S1 only),
// the miss response register (the miss path's own one-item queue: a CLAT return, or an entry
// parked while the register was busy), the output selection, the miss path's counter event, and
// the invalidation's `done`.
//
// Output: the miss register first (older), else the hit queue's head; a response shown and not
// taken stays selected.
module bat_clat_rsp
  import bat_clat_pkg::*;
#(
  parameter int unsigned TagWidth  = 8,
  parameter int unsigned MissSlots = 6,
  parameter int unsigned RspDepth  = 4,  // >= 4 for one response per clock (see can_accept)
  parameter type         entry_t   = logic,  // bat_clat_xlate's miss_entry_t
  parameter type         mt_t             = logic,  // bat_clat_xlate's mt_sel_t
  parameter type         s1_t             = logic,  // bat_clat_xlate's s1_out_t
  parameter type         hit_t            = logic,  // bat_clat_xlate's hit_t
  parameter type         r_dec_t          = logic,  // bat_clat_xlate's r_dec_t
  // derived
  localparam int unsigned RspCntWidth = $clog2(RspDepth + 1)
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  inv_t                         inv_i,         // the registered invalidation command
  input  logic                         inval_valid_i, // an invalidation command arrives
  // Response stream
  output logic                         rsp_valid_o,
  input  logic                         rsp_ready_i,
  output logic [TagWidth-1:0]          rsp_tag_o,
  output status_e                      rsp_status_o,
  output logic [HostAddrWidth-1:0]     rsp_addr_o,
  // S1's answers (bat_clat_lookup)
  input  logic [HostAddrWidth-1:PageBits] h_page_addr_i,  // the CLAT line's page address
  input  hit_t                         h_i,            // S1's answer
  input  s1_t                          s1_i,           // (old_item: S1 holds old data)
  input  mt_t                          mt_i,           // miss table choices (bat_clat_miss_table)
  input  r_dec_t                       rd_i,           // R-channel decode (bat_clat_rchan) ...
  input  clat_ret_t                    cret_i,         // ... and a CLAT return's response
  output logic [RspCntWidth-1:0]       rq_count_o,
  // The miss table (bat_clat_miss_table) and the R channel (bat_clat_rchan)
  input  entry_t                       me_i [MissSlots],
  input  logic                         m_axi_rlast_i,
  output logic                         mq_from_done_o,  // the miss register takes done_oh_q's
  output logic                         mq_r_ok_o,       // ... or else a CLAT return now
  output logic                         mr_valid_o,
  output rsp_event_t                   m_event_o,       // counter event of a miss response
  // Invalidation
  output logic                         inval_done_o
);

  localparam int unsigned RspPtrWidth = $clog2(RspDepth);

  typedef struct packed {
    logic [TagWidth-1:0]          tag;
    status_e                      status;
    logic [HostAddrWidth-1:0]     addr;   // the translated address (zeroed on output for errors)
    logic [FuncWidth-1:0]         func;
    logic [ServiceWidth-1:0]      service;
    logic                         old;
  } rsp_item_t;

  // Hit queue (written by S1 only)
  rsp_item_t                  rq_mem_q [RspDepth];
  logic [RspDepth-1:0]        rq_valid_q;
  logic [RspPtrWidth-1:0]     rq_wptr_q, rq_rptr_q;
  logic [RspCntWidth-1:0]     rq_count_q;
  // Miss response register and the output selection
  logic                       mr_valid_q;
  rsp_item_t                  mr_q;
  logic [InBlockWidth-1:0]    mr_off_q;     // offset in the block, added on the output
  logic                       out_hold_q;   // the response shown last clock was not taken ...
  logic                       out_hold_mr_q;  // ... and it came from the miss register

  rsp_item_t h_item, m_item, out_item;
  logic      mport_ok, mq_from_r, m_wr, rq_pop, mr_pop, out_mr;

  assign rq_count_o = rq_count_q;
  assign mr_valid_o = mr_valid_q;
  always_comb begin
    h_item.tag     = h_i.tag;
    h_item.status  = h_i.status;
    h_item.addr    = {h_page_addr_i, h_i.offset};  // no add on a hit
    h_item.func    = h_i.func;
    h_item.service = h_i.service;
    h_item.old     = h_i.old;
  end

  // Miss response register load: a parked Done entry first (oldest work), else a CLAT return.
  assign mq_from_done_o = mport_ok && mt_i.done_any;
  // (the miss table's ClatWait entries use the first two terms: the rest is their own beat)
  assign mq_r_ok_o      = mport_ok && !mt_i.done_any_q;
  assign mq_from_r      = mq_r_ok_o && rd_i.clat && m_axi_rlast_i &&
                          !cret_i.was_stale;
  assign m_wr = mq_from_done_o || mq_from_r;
  // The miss item's data: a one-hot AND-OR over the entries, selected by done_any_q alone (timing:
  // not by mport_ok; when nothing is loaded the register just takes junk that is not valid).
  // The old bit is the selected entry's own compare.
  logic [MissSlots-1:0] m_sel_oh, m_covered_v;
  logic [TagWidth-1:0]      m_tag;
  status_e                  m_status;
  logic [HostAddrWidth-1:0] m_addr;
  logic [InBlockWidth-1:0]  m_off;
  logic [FuncWidth-1:0]     m_func;
  logic [ServiceWidth-1:0]  m_service;
  assign m_sel_oh = mt_i.done_any_q ? mt_i.done_oh_q : rd_i.id_v;
  always_comb begin
    m_tag     = '0;
    m_status  = StOk;
    m_addr    = '0;
    m_off     = '0;
    m_func    = '0;
    m_service = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      m_covered_v[e] = inv_covers(inv_i, me_i[e].func, me_i[e].service);
      // A parked Done entry's status and address are used only with done_any_q: selected by
      // done_oh_q alone (timing: the RID decode stays off those 68 bits; a CLAT return's come
      // from the R data, cret_i).
      if (mt_i.done_oh_q[e]) begin
        m_status  = status_e'(m_status | me_i[e].status);
        m_addr    = m_addr | me_i[e].addr;
      end
      if (m_sel_oh[e]) begin
        m_tag     = m_tag | me_i[e].tag;
        m_off     = m_off | me_i[e].inblock;
        m_func    = m_func | me_i[e].func;
        m_service = m_service | me_i[e].service;
      end
    end
    m_item.tag     = m_tag;
    m_item.status  = mt_i.done_any_q ? m_status : cret_i.status;
    m_item.addr    = mt_i.done_any_q ? m_addr : cret_i.addr;  // block address; + m_off on the output
    m_item.func    = m_func;
    m_item.service = m_service;
    m_item.old     = |(m_sel_oh & m_covered_v);
  end

  // Output: the miss register first (its items are older), else the hit queue's head; a
  // response that was shown and not taken stays selected (stable under back-pressure).
  assign out_mr   = out_hold_q ? out_hold_mr_q : mr_valid_q;
  assign out_item = out_mr ? mr_q : rq_mem_q[rq_rptr_q];
  logic unused_out_fs;  // function/service are kept for the invalidation compare only
  assign unused_out_fs = ^{out_item.func, out_item.service};
  assign mr_pop   = out_mr && rsp_ready_i;
  assign rq_pop   = !out_mr && rq_valid_q[rq_rptr_q] && rsp_ready_i;
  // The miss register takes a new item when it is empty or is being taken this clock.
  assign mport_ok = !mr_valid_q || mr_pop;

  assign rsp_valid_o  = mr_valid_q || rq_valid_q[rq_rptr_q];
  assign rsp_tag_o    = out_item.tag;
  assign rsp_status_o = out_item.status;
  // The zero address of error responses is applied here, on the output (timing: the status
  // decision does not gate 64 queue flops).
  // A miss response's add (block address + offset in the block) runs here, from the miss
  // register's flops (timing: not between the R channel and that register).
  assign rsp_addr_o   = (out_item.status != StOk) ? '0 :
                        out_mr ? mr_q.addr + HostAddrWidth'(mr_off_q) : out_item.addr;

  // Counter event of a miss response (a miss: it read memory).
  always_comb begin
    m_event_o.valid  = m_wr;
    m_event_o.status = m_item.status;
    m_event_o.miss   = 1'b1;
    m_event_o.hit    = 1'b0;
  end

  // Invalidation is complete when no item holding pre-invalidation data and no read issued
  // before it is left.
  logic any_old;
  always_comb begin
    any_old = s1_i.old_item || (mr_valid_q && mr_q.old);
    for (int unsigned i = 0; i < RspDepth; i++) begin
      if (rq_valid_q[i] && rq_mem_q[i].old) any_old = 1'b1;
    end
  end
  assign inval_done_o = !any_old && !(|mt_i.pre) && !inval_valid_i && !inv_i.valid;

  // ------------------------------------------------------------------ flops
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rq_valid_q <= '0;
      rq_wptr_q  <= '0;
      rq_rptr_q  <= '0;
      rq_count_q <= '0;
      mr_valid_q <= 1'b0;
      out_hold_q <= 1'b0;
      out_hold_mr_q <= 1'b0;
    end else begin
      // Hit queue pointers and the miss register's valid bit; the output selection hold.
      rq_count_q <= rq_count_q + RspCntWidth'(h_i.wr) - RspCntWidth'(rq_pop);
      rq_wptr_q  <= rq_wptr_q + RspPtrWidth'(h_i.wr);
      if (m_wr) mr_valid_q <= 1'b1;
      else if (mr_pop) mr_valid_q <= 1'b0;
      out_hold_q    <= rsp_valid_o && !rsp_ready_i;
      out_hold_mr_q <= out_mr;
      if (rq_pop) begin
        rq_valid_q[rq_rptr_q] <= 1'b0;
        rq_rptr_q <= rq_rptr_q + 1'b1;
      end
      if (h_i.wr) rq_valid_q[rq_wptr_q] <= 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    // Hit queue: every free slot takes S1's item every clock (timing: the enables come from the
    // valid flops only; S1's decision just sets the valid bit at the write pointer); slots other
    // than the write pointer's get junk that nobody reads. The miss register likewise takes the
    // miss path's item whenever it may be loaded. An invalidation marks the queued items it
    // covers old.
    for (int unsigned i = 0; i < RspDepth; i++) begin
      if (!rq_valid_q[i]) begin
        rq_mem_q[i] <= h_item;
      end else if (inv_covers(inv_i, rq_mem_q[i].func, rq_mem_q[i].service)) begin
        rq_mem_q[i].old <= 1'b1;
      end
    end
    if (mport_ok) begin
      mr_q     <= m_item;
      mr_off_q <= m_off;
    end
    else if (inv_covers(inv_i, mr_q.func, mr_q.service)) mr_q.old <= 1'b1;
  end

  // ------------------------------------------------------------------ assertions
`ifndef SYNTHESIS
  // (|=> properties off in the first clocks after any reset: see bat_clat_miss_table)
  logic sva_armed_q, sva_armed2_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) {sva_armed2_q, sva_armed_q} <= 2'b00;
    else         {sva_armed2_q, sva_armed_q} <= {sva_armed_q, 1'b1};
  end

  // Response stream: payload stable under back-pressure; no address on errors.
  a_rsp_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
    rsp_valid_o && !rsp_ready_i |=> rsp_valid_o && $stable(rsp_tag_o) &&
                                   $stable(rsp_status_o) && $stable(rsp_addr_o));
  a_rsp_addr_zero_on_error: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rsp_valid_o && rsp_status_o != StOk |-> rsp_addr_o == '0);
  a_rsp_status_known: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rsp_valid_o |-> rsp_status_o <= StMissLimit);
  // Resources: admission really reserved what the pipeline uses.
  a_rq_no_overflow: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rq_count_q <= RspCntWidth'(RspDepth));
  // Invalidation: `done` is low while any pre-invalidation result can still be answered.
  a_done_low_with_old_items: assert property (@(posedge clk_i) disable iff (!rst_ni)
    (rsp_valid_o && out_item.old) |-> !inval_done_o);
  a_out_hold_valid: assert property (@(posedge clk_i) disable iff (!rst_ni)
    out_mr |-> mr_valid_q);
`endif

endmodule
