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
  // derived
  localparam int unsigned MissIdxWidth = $clog2(MissSlots),
  localparam int unsigned NumSizes     = Log2BlockMax - Log2BlockMin + 1
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  inv_t                          inv_i,
  input  entry_t                        me_i [MissSlots],
  // The AR register (an entry whose AR still waits there has nothing outstanding)
  input  logic                          ar_valid_i,
  input  logic [MissIdxWidth-1:0]       ar_id_i,
  // AXI4 R channel
  input  logic [AxiIdWidth-1:0]         m_axi_rid_i,
  input  logic [AxiDataWidth-1:0]       m_axi_rdata_i,
  input  logic [1:0]                    m_axi_rresp_i,
  input  logic                          m_axi_rlast_i,
  input  logic                          m_axi_rvalid_i,
  output logic                          m_axi_rready_o,
  // Decoded
  output logic [MissIdxWidth-1:0]       r_idx_o,       // RID (0 when out of range)
  output logic [MissSlots-1:0]          r_id_v_o,      // RID decode, no RVALID (data selects)
  output logic [MissSlots-1:0]          r_here_v_o,    // the beat belongs to entry e
  output logic [MissSlots-1:0]          stale_v_o,     // the registered stale bits
  output logic                          r_bat_o,       // a beat of a BAT burst
  output logic                          r_clat_o,      // a beat of a CLAT read
  output logic                          r_err_o,       // SLVERR or DECERR
  output status_e                       r_status_o,    // a CLAT return's status ...
  output logic [HostAddrWidth-1:0]      r_addr_o,      // ... and block address
  output logic                          r_clat_fill_o, // the CLAT return may be cached
  output logic                          r_clat_was_stale_o,
  output logic [FuncIdxWidth-1:0]       r_fidx_o,      // the fields of entry RID (CLAT fill)
  output logic [SvcIdxWidth-1:0]        r_sidx_o,
  output logic [OffsetWidth-1:PageBits] r_page_o,
  output logic [InBlockWidth-1:PageBits] r_page_in_block_o,
  output logic [NumSizes-1:0]           r_oh_o,        // word 0: block size one-hot
  output logic                          r_lim_hi_o,    // word 0: clat_entries << log2 ...
  output logic [OffsetWidth-1:PageBits] r_lim_lo_o,    // ... (see the miss entry's lim_*)
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
  assign r_idx_o = r_idx;
  logic [MissSlots-1:0] stale_v;  // the registered stale bits
  always_comb for (int unsigned e = 0; e < MissSlots; e++) stale_v[e] = me_i[e].stale;
  assign stale_v_o = stale_v;
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
      ar_pend_v[e] = ar_valid_i && (32'(ar_id_i) == e);
      err_v[e]     = me_i[e].err;
      r_id_v[e]    = 32'(m_axi_rid_i) == e;
      r_here_v[e]  = m_axi_rvalid_i && r_id_v[e] && !ar_pend_v[e];
      r_stale_v[e] = me_i[e].stale || inv_covers(inv_i, me_i[e].func, me_i[e].service);
    end
  end
  assign r_id_v_o   = r_id_v;
  assign r_here_v_o = r_here_v;
  assign r_bat_o  = |(r_here_v & is_batwait);
  assign r_clat_o = |(r_here_v & is_clatwait);
  assign r_err_o  = m_axi_rresp_i[1];  // SLVERR or DECERR (bit 0 only tells EXOKAY/DECERR apart)
  logic unused_rresp0;
  assign unused_rresp0 = m_axi_rresp_i[0];
  assign r_clat_stale = |(r_id_v & r_stale_v);  // up to this clock: nothing is cached from it
  // The response decisions use the registered stale bits (timing); a CLAT return an invalidation
  // covers in this very clock goes into the miss register marked `old` (done waits for it).
  assign r_clat_was_stale_o = |(r_id_v & stale_v);
  // A CLAT read must be exactly one beat: a beat without RLAST marks the entry (err), which then
  // waits for the burst's RLAST beat and answers BUS_ERROR; nothing from such a burst is cached.
  logic r_ent_err;  // the entry of this beat saw an error beat or a missing RLAST before
  assign r_ent_err     = |(r_id_v & err_v);  // (with r_clat: the same entry)
  assign r_clat_fill_o = r_clat_o && !r_clat_stale && !r_err_o && !r_ent_err && m_axi_rlast_i;
  assign r_fidx_o          = FuncIdxWidth'(me_i[r_idx].func);
  assign r_sidx_o          = SvcIdxWidth'(me_i[r_idx].service);
  assign r_page_o          = me_i[r_idx].offset[OffsetWidth-1:PageBits];
  assign r_page_in_block_o = me_i[r_idx].inblock[InBlockWidth-1:PageBits];

  // (used on the RLAST beat only; the block address + inblock: on the output)
  // The address is the CLAT word's block address whatever the status: the output zeroes the
  // address of every response whose status is not OK (bat_clat_rsp), so only the status needs
  // the entry's error bit (timing: the RID decode stays off the 52 address bits).
  assign r_status_o = clat_status(r_err_o || r_ent_err, m_axi_rdata_i);
  assign r_addr_o   = {m_axi_rdata_i[HostAddrWidth-1:PageBits], PageBits'(0)};

  // Word 0 of a BAT burst (its first beat), decoded for the entry it belongs to.
  logic [63:PageBits] r_lim;  // clat_entries << log2 (bits >= 12)
  always_comb begin
    for (int unsigned k = 0; k < NumSizes; k++) begin
      r_oh_o[k] = m_axi_rdata_i[BatW1ValidBit] &&
                  (32'(m_axi_rdata_i[BatW1Log2Lsb+:Log2Width]) == k + Log2BlockMin);
    end
  end
  assign r_lim = (64 - PageBits)'((64'(m_axi_rdata_i[ClatEntriesWidth-1:0]) <<
                                   m_axi_rdata_i[BatW1Log2Lsb+:Log2Width]) >> PageBits);
  assign r_lim_hi_o = |r_lim[63:OffsetWidth];
  assign r_lim_lo_o = r_lim[OffsetWidth-1:PageBits];

  // Malformed beats for AXI_PROTO_ERR: a beat no entry takes; a BAT beat after the first without
  // RLAST (one per beat too many); RLAST on a BAT burst's first beat; a CLAT beat without RLAST.
  logic [MissSlots-1:0] beat_v;
  always_comb for (int unsigned e = 0; e < MissSlots; e++) beat_v[e] = me_i[e].beat;
  logic r_beat_seen;
  assign r_beat_seen     = |(r_id_v & beat_v);
  assign axi_proto_err_o = (m_axi_rvalid_i && !r_bat_o && !r_clat_o) ||
                           (r_bat_o && (r_beat_seen ? !m_axi_rlast_i : m_axi_rlast_i)) ||
                           (r_clat_o && !m_axi_rlast_i);

  // ------------------------------------------------------------------ assertions
`ifndef SYNTHESIS
  // Nothing from a failed or stale read is cached.
  a_no_clat_fill_from_error: assert property (@(posedge clk_i) disable iff (!rst_ni)
    r_clat_fill_o |-> !r_err_o && !r_ent_err && m_axi_rlast_i && !r_clat_stale);
  a_ar_pend_onehot: assert property (@(posedge clk_i) disable iff (!rst_ni)
    ar_pend_v == (ar_valid_i ? MissSlots'(1) << ar_id_i : '0));
`endif

endmodule
