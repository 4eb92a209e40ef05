// R-channel decode of the translation engine (bat_clat_xlate): which miss entry a beat belongs
// to, the CLAT return's status and address, BAT word 0 decoded for the entries, whether a CLAT
// return may be cached, and the malformed beats (AXI_PROTO_ERR).
//
// Per-entry decode of RID ANDed with registered per-entry state (one-hot AND-OR instead of an
// indexed read: the R channel is an input, keep its control paths shallow).
module bat_clat_rchan
  import bat_clat_pkg::*;
#(
  parameter int unsigned OffsetWidth = 40,
  parameter int unsigned MissSlots   = 6,
  parameter int unsigned AxiIdWidth  = 4,
  parameter int unsigned FuncIdxWidth = 3,  // cache-tag widths (bat_clat_caches)
  parameter int unsigned SvcIdxWidth  = 4,
  parameter type         entry_t     = logic,  // bat_clat_xlate's miss_entry_t
  parameter type         r_dec_t          = logic,  // bat_clat_xlate's r_dec_t
  parameter type         cfill_t          = logic,  // bat_clat_xlate's clat_fill_t
  parameter type         ar_t             = logic,  // bat_clat_xlate's ar_t
  // derived
  localparam int unsigned MissIdxWidth = $clog2(MissSlots),
  localparam int unsigned NumSizes     = Log2BlockMax - Log2BlockMin + 1
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  inv_t                          inv_i,
  input  entry_t                        me_i [MissSlots],
  input  ar_t                           ar_i,          // the AR register (its AR not yet taken)
  output r_dec_t                        rd_o,          // the beat decoded for the entries
  output clat_ret_t                     cret_o,        // a CLAT return's response
  output cfill_t                        cf_o,          // ... and its CLAT cache fill
  // AXI4 R channel
  input  logic [AxiIdWidth-1:0]         m_axi_rid_i,
  input  logic [AxiDataWidth-1:0]       m_axi_rdata_i,
  input  logic [1:0]                    m_axi_rresp_i,
  input  logic                          m_axi_rlast_i,
  input  logic                          m_axi_rvalid_i,
  output logic                          m_axi_rready_o,
  output logic                          axi_proto_err_o
);

  logic                     r_clat_stale, r_id_ok;
  logic [MissIdxWidth-1:0]  r_idx;
  logic [MissSlots-1:0]     is_batwait, is_clatwait;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      is_batwait[e]  = in_st(me_i[e].state, MsBatWait);
      is_clatwait[e] = in_st(me_i[e].state, MsClatWait);
    end
  end

  assign m_axi_rready_o = 1'b1;  // every entry has room for its own data: never back-pressure R
  assign r_id_ok = 32'(m_axi_rid_i) < MissSlots;
  assign r_idx   = r_id_ok ? MissIdxWidth'(m_axi_rid_i) : '0;
  assign rd_o.idx = r_idx;
  logic [MissSlots-1:0] stale_v;  // the registered stale bits
  always_comb for (int unsigned e = 0; e < MissSlots; e++) stale_v[e] = me_i[e].stale;
  assign rd_o.stale_v = stale_v;
  // A beat belongs to entry e only while e's read is outstanding: its AR was accepted (an entry
  // whose AR still waits in the AR register has nothing outstanding; a beat with its RID is a stray
  // from the interconnect) and its burst has not ended (the entry is in a Wait state until RLAST).
  // Beats that belong to no entry are dropped (counted in AXI_PROTO_ERR).
  // ar_pend_v: the AR register holds entry e's read, not yet accepted (a compare of the AR
  // register's ID: flops beside the AR register cost more LUTs and Fmax than the compare).
  // r_id_v (the RID decode alone, without RVALID) selects data wherever the decision that uses
  // it is made from r_here_v or RVALID anyway (r_bat / r_clat and the entries' next state, the
  // post-processing load, the miss register's load): timing, the AR-pending mask and RVALID stay
  // off the wide data selections.
  logic [MissSlots-1:0] r_here_v, r_id_v, r_stale_v, ar_pend_v, err_v;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      ar_pend_v[e] = ar_i.valid && (32'(ar_i.id) == e);
      err_v[e]     = me_i[e].err;
      r_id_v[e]    = 32'(m_axi_rid_i) == e;
      r_here_v[e]  = m_axi_rvalid_i && r_id_v[e] && !ar_pend_v[e];
      r_stale_v[e] = me_i[e].stale || inv_covers(inv_i, me_i[e].func, me_i[e].service);
    end
  end
  assign rd_o.id_v   = r_id_v;
  assign rd_o.here_v = r_here_v;
  assign rd_o.bat  = |(r_here_v & is_batwait);
  assign rd_o.clat = |(r_here_v & is_clatwait);
  assign rd_o.err  = m_axi_rresp_i[1];  // SLVERR or DECERR (bit 0 only tells EXOKAY/DECERR apart)
  logic unused_rresp0;
  assign unused_rresp0 = m_axi_rresp_i[0];
  assign r_clat_stale = |(r_id_v & r_stale_v);  // up to this clock: nothing is cached from it
  // The response decisions use the registered stale bits (timing); a CLAT return an invalidation
  // covers in this very clock goes into the miss register marked `old` (done waits for it).
  assign cret_o.was_stale = |(r_id_v & stale_v);
  // A CLAT read must be exactly one beat: a beat without RLAST marks the entry (err), which then
  // waits for the burst's RLAST beat and answers BUS_ERROR; nothing from such a burst is cached.
  logic r_ent_err;  // the entry of this beat saw an error beat or a missing RLAST before
  assign r_ent_err     = |(r_id_v & err_v);  // (with r_clat: the same entry)
  assign cf_o.fill          = rd_o.clat && !r_clat_stale && !rd_o.err && !r_ent_err && m_axi_rlast_i;
  assign cf_o.fidx          = FuncIdxWidth'(me_i[r_idx].func);
  assign cf_o.sidx          = SvcIdxWidth'(me_i[r_idx].service);
  assign cf_o.page          = me_i[r_idx].offset[OffsetWidth-1:PageBits];
  assign cf_o.page_in_block = me_i[r_idx].inblock[InBlockWidth-1:PageBits];
  assign cf_o.block_addr    = m_axi_rdata_i[HostAddrWidth-1:PageBits];  // the R data
  assign cf_o.entry_valid   = m_axi_rdata_i[ClatValidBit];

  // (used on the RLAST beat only; the block address + inblock: on the output)
  // The address is the CLAT word's block address whatever the status: the output zeroes the
  // address of every response whose status is not OK (bat_clat_rsp), so only the status needs
  // the entry's error bit (timing: the RID decode stays off the 52 address bits).
  assign cret_o.status = clat_status(rd_o.err || r_ent_err, m_axi_rdata_i);
  assign cret_o.addr   = {m_axi_rdata_i[HostAddrWidth-1:PageBits], PageBits'(0)};

  // Word 0 of a BAT burst (its first beat), decoded for the entry it belongs to.
  logic [63:PageBits] r_lim;  // clat_entries << log2 (bits >= 12)
  always_comb begin
    for (int unsigned k = 0; k < NumSizes; k++) begin
      rd_o.oh[k] = m_axi_rdata_i[BatW1ValidBit] &&
                  (32'(m_axi_rdata_i[BatW1Log2Lsb+:Log2Width]) == k + Log2BlockMin);
    end
  end
  assign r_lim = (64 - PageBits)'((64'(m_axi_rdata_i[ClatEntriesWidth-1:0]) <<
                                   m_axi_rdata_i[BatW1Log2Lsb+:Log2Width]) >> PageBits);
  assign rd_o.lim_hi = |r_lim[63:OffsetWidth];
  assign rd_o.lim_lo = r_lim[OffsetWidth-1:PageBits];

  // Malformed beats for AXI_PROTO_ERR: a beat no entry takes; a BAT beat after the first without
  // RLAST (one per beat too many); RLAST on a BAT burst's first beat; a CLAT beat without RLAST.
  logic [MissSlots-1:0] beat_v;
  always_comb for (int unsigned e = 0; e < MissSlots; e++) beat_v[e] = me_i[e].beat;
  logic r_beat_seen;
  assign r_beat_seen     = |(r_id_v & beat_v);
  assign axi_proto_err_o = (m_axi_rvalid_i && !rd_o.bat && !rd_o.clat) ||
                           (rd_o.bat && (r_beat_seen ? !m_axi_rlast_i : m_axi_rlast_i)) ||
                           (rd_o.clat && !m_axi_rlast_i);

  // ------------------------------------------------------------------ assertions
`ifndef SYNTHESIS
  // Nothing from a failed or stale read is cached.
  a_no_clat_fill_from_error: assert property (@(posedge clk_i) disable iff (!rst_ni)
    cf_o.fill |-> !rd_o.err && !r_ent_err && m_axi_rlast_i && !r_clat_stale);
  a_ar_pend_onehot: assert property (@(posedge clk_i) disable iff (!rst_ni)
    ar_pend_v == (ar_i.valid ? MissSlots'(1) << ar_i.id : '0));
`endif

endmodule
