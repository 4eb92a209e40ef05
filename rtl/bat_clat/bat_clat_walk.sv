// Table walk of the translation engine (bat_clat_xlate): the BAT post-processing stage (bp: BAT
// data with its block index and range check made -> CLAT entry address) and the AXI AR register
// with its load priorities (post-processing > waiting miss entries > S1's BAT miss).
module bat_clat_walk
  import bat_clat_pkg::*;
#(
  parameter int unsigned OffsetWidth = 40,
  parameter int unsigned MissSlots   = 6,
  parameter int unsigned AxiIdWidth  = 4,
  parameter int unsigned FuncIdxWidth = 3,  // cache-tag widths (bat_clat_caches)
  parameter int unsigned SvcIdxWidth  = 4,
  parameter type         entry_t     = logic,  // bat_clat_xlate's miss_entry_t
  parameter type         mt_t             = logic,  // bat_clat_xlate's mt_sel_t
  parameter type         s1_t             = logic,  // bat_clat_xlate's s1_out_t
  parameter type         ar_t             = logic,  // bat_clat_xlate's ar_t
  parameter type         bp_t             = logic,  // bat_clat_xlate's bp_t
  parameter type         bfill_t          = logic,  // bat_clat_xlate's bat_fill_t
  parameter type         r_dec_t          = logic,  // bat_clat_xlate's r_dec_t
  // derived
  localparam int unsigned MissIdxWidth = $clog2(MissSlots),
  localparam int unsigned NumSizes     = Log2BlockMax - Log2BlockMin + 1,
  localparam int unsigned BlockWidth   = OffsetWidth - Log2BlockMin  // offset bits above 4 KiB
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  input  inv_t                          inv_i,
  input  entry_t                        me_i [MissSlots],
  // AXI4 AR channel; the R channel's last-beat bits and data
  output logic [AxiIdWidth-1:0]         m_axi_arid_o,
  output logic [HostAddrWidth-1:0]      m_axi_araddr_o,
  output logic [7:0]                    m_axi_arlen_o,
  output logic [2:0]                    m_axi_arsize_o,
  output logic [1:0]                    m_axi_arburst_o,
  output logic                          m_axi_arvalid_o,
  input  logic                          m_axi_arready_i,
  input  logic [HostAddrWidth-1:ClatEntryBytesLog2] r_clat_base_i,  // R data: BAT word 1
  input  logic                          m_axi_rlast_i,
  input  logic                          m_axi_rvalid_i,
  input  r_dec_t                        rd_i,          // R-channel decode (bat_clat_rchan)
  input  mt_t                           mt_i,          // miss table counts and choices
  input  s1_t                           s1_i,          // S1 (bat_clat_lookup)
  output ar_t                           ar_o,          // the AR register
  output bp_t                           bp_o,          // post-processing towards the miss table
  output bfill_t                        bf_o           // ... and the BAT cache fill
);

  localparam int unsigned ClatBaseLsb = ClatEntryBytesLog2;  // CLAT base is 8-byte aligned
  localparam int unsigned AddLoW      = BlockWidth;  // CLAT address add: low part (see bp)
  localparam int unsigned AddHiLsb    = ClatBaseLsb + AddLoW;

  // Block index, in-block offset of `offset` for block size 2**log2 (12..32): the contract's
  // shift-based definitions (SVA).
  function automatic logic [BlockWidth-1:0] block_of(logic [OffsetWidth-1:0] offset,
                                                     logic [Log2Width-1:0] log2);
    return BlockWidth'(offset >> log2);
  endfunction
  function automatic logic [InBlockWidth-1:0] inblock_of(logic [OffsetWidth-1:0] offset,
                                                         logic [Log2Width-1:0] log2);
    logic [OffsetWidth-1:0] mask;
    mask = ~({OffsetWidth{1'b1}} << log2);
    return InBlockWidth'(offset & mask);
  endfunction
  function automatic logic block_in_range(logic [BlockWidth-1:0] block,
                                          logic [ClatEntriesWidth-1:0] entries);
    return 64'(block) < 64'(entries);
  endfunction

  // ------------------------------------------------------------------ state
  // BAT post-processing stage
  logic                       bp_valid_q, bp_err_q, bp_from_mem_q;
  logic [MissIdxWidth-1:0]    bp_idx_q;
  logic [AxiDataWidth-1:0]    bp_w1_q;
  logic [FuncWidth-1:0]       bp_func_q;
  logic [ServiceWidth-1:0]    bp_service_q;
  logic [OffsetWidth-1:0]     bp_offset_q;
  logic [HostAddrWidth-1:ClatBaseLsb] bp_clat_base_q;
  logic [NumSizes-1:0]        bp_oh_q;      // block size one-hot (zero: BAT entry not usable)
  logic                       bp_in_range_q;  // the block index is below clat_entries
  logic [BlockWidth-1:0]      bp_block_q;     // offset >> log2
  logic                       bp_usable_q, bp_to_clat_q, bp_go_q;  // see bp_to_clat
  logic                       bp_lim_hi_q;
  logic [OffsetWidth-1:PageBits] bp_lim_lo_q;
  logic                       bp_stale_q;   // the entry was stale (registered) at load time
  logic                       bp_wants_q;   // may lead to a CLAT read: not stale, no error, usable
  // AR register
  logic                       ar_valid_q;
  logic [MissIdxWidth-1:0]    ar_id_q;
  logic [HostAddrWidth-1:0]   ar_addr_q;
  logic                       ar_bat_q;  // BAT burst (else CLAT word)

  // ------------------------------------------------------------------ BAT post-processing (bp)
  // The block size arrives one-hot (bp_oh_q, decoded when the stage is loaded), so the block
  // index, the in-block offset, the masks and the range check are AND-OR selections over the 21
  // sizes instead of barrel shifts; the CLAT entry address is a carry-select add: the low part
  // (as wide as a block index) and base_hi + 1 are two short carry chains side by side, the low
  // part's carry selects. Timing: these feed the AR register and the miss entry.
  bat_data_t                bp_data;
  logic [BlockWidth-1:0]    bp_block;
  logic [InBlockWidth-1:0]  bp_inblock, bp_inmask;
  logic [HostAddrWidth-1:0] bp_clat_addr;
  logic [AddLoW:0]          bp_sum_lo;
  logic [HostAddrWidth-1:AddHiLsb] bp_hi_inc;
  logic                     bp_stale, bp_to_clat, bp_fill, bp_in_range, bp_usable;
  status_e                  bp_status;

  assign bp_data   = decode_bat(bp_clat_base_q, bp_w1_q);
  assign bp_usable = bp_usable_q;  // = |bp_oh_q (a flop: timing)
  always_comb begin
    bp_inmask   = '0;
    for (int unsigned k = 0; k < NumSizes; k++) begin
      if (bp_oh_q[k]) begin
        bp_inmask   = bp_inmask | ~({InBlockWidth{1'b1}} << (k + Log2BlockMin));
      end
    end
  end
  assign bp_inblock   = InBlockWidth'(bp_offset_q) & bp_inmask;
  // Range check, made at load time (offset < clat_entries << log2). Entries with BAT data from
  // the cache passed the same check in S1 (against the cached line's limit) before allocating.
  assign bp_in_range  = bp_in_range_q;
  // The block index is shifted out before the stage (timing: the add starts from flops): by S1
  // for BAT data from the cache (stored in the entry), at load time for data from memory.
  assign bp_block     = bp_block_q;
  assign bp_sum_lo    = (AddLoW + 1)'(bp_clat_base_q[ClatBaseLsb+:AddLoW]) + (AddLoW + 1)'(bp_block);
  assign bp_hi_inc    = bp_clat_base_q[HostAddrWidth-1:AddHiLsb] + 1'b1;
  assign bp_clat_addr = {bp_sum_lo[AddLoW] ? bp_hi_inc : bp_clat_base_q[HostAddrWidth-1:AddHiLsb],
                         bp_sum_lo[AddLoW-1:0], ClatBaseLsb'(0)};
  // Nothing is cached from a read that any invalidation covered, up to this very clock.
  assign bp_stale     = me_i[bp_idx_q].stale || inv_covers(inv_i, bp_func_q, bp_service_q);
  // Only data fresh from memory is cached (data from the BAT cache is there already).
  assign bp_fill      = bp_valid_q && bp_from_mem_q && !bp_stale && !bp_err_q;

  always_comb begin
    bp_status = StOk;
    if (bp_err_q) bp_status = StBusError;
    else if (!bp_usable) bp_status = StBatInvalid;
    else if (!bp_in_range) bp_status = StBlockRange;
  end
  // No error, usable, in range (made at load time: timing); ar_from_bp also needs "not stale".
  assign bp_to_clat = bp_to_clat_q;

  assign bp_o.valid     = bp_valid_q;
  assign bp_o.idx       = bp_idx_q;
  assign bp_o.clat_addr = bp_clat_addr;
  assign bp_o.inblock   = bp_inblock;
  assign bp_o.status    = bp_status;
  assign bp_o.to_clat   = bp_to_clat;
  assign bf_o.fill      = bp_fill;
  assign bf_o.fidx      = FuncIdxWidth'(bp_func_q);
  assign bf_o.sidx      = SvcIdxWidth'(bp_service_q);
  assign bf_o.data      = bp_data;
  assign bf_o.lim_hi    = bp_lim_hi_q;
  assign bf_o.lim_lo    = bp_lim_lo_q;

  // ------------------------------------------------------------------ AR register load
  // Priority: BAT post-processing > waiting entries > S1 BAT miss.
  logic ar_from_bp, ar_from_arb, ar_from_s1, ar_load_ok;
  assign ar_load_ok  = (!ar_valid_q || m_axi_arready_i) &&
                       mt_i.out_ok;  // n_outstanding < MaxMisses
  // Reads are issued on the registered stale state only: an invalidation arriving in the same
  // cycle marks the entry stale as it issues, and its data is dropped on return (timing: the
  // invalidation compare does not gate the AR register).
  // The post-processing stage claims the AR register when its BAT data may lead to a CLAT read
  // (no error, usable); whether the block is in range only decides whether the read is issued
  // (timing: the range compare does not steer the arbitration). A claim that ends in
  // BLOCK_RANGE leaves the AR register idle for that clock.
  logic bp_claim, bp_wants_ar;
  assign bp_wants_ar = bp_valid_q && bp_wants_q;
  assign bp_claim    = ar_load_ok && bp_wants_ar;
  assign ar_from_bp  = ar_load_ok && bp_valid_q && bp_go_q;  // = bp_claim && bp_to_clat
  assign ar_from_arb = ar_load_ok && !bp_claim && mt_i.arb_any;
  // (arb_any_q, like the AR data select: a stale choice just leaves the register idle a clock)
  assign ar_from_s1  = ar_load_ok && !bp_claim && !mt_i.arb_any_q && s1_i.direct;
  assign ar_o.from_bp  = ar_from_bp;
  assign ar_o.from_arb = ar_from_arb;
  assign ar_o.from_s1  = ar_from_s1;
  assign ar_o.valid    = ar_valid_q;
  assign ar_o.id       = ar_id_q;

  // ------------------------------------------------------------------ post-processing load
  // A BAT burst's last beat, else an entry with cached BAT data.
  logic bp_from_r, bp_from_data;
  assign bp_from_r    = rd_i.bat && m_axi_rlast_i;
  assign bp_from_data = !(m_axi_rvalid_i && m_axi_rlast_i) && mt_i.bdata_any;
  assign bp_o.from_data = bp_from_data;

  // What the post-processing stage loads: selected by "an R last beat arrives" (two input bits;
  // a CLAT beat in that clock just delays an entry with cached BAT data by a clock), so the
  // field muxes, the size decode and the increment do not wait for the R-channel decode.
  logic                               bl_sel_r, bl_err, bl_stale;
  logic [MissIdxWidth-1:0]            bl_idx;
  logic [AxiDataWidth-1:0]            bl_w1;
  logic [HostAddrWidth-1:ClatBaseLsb] bl_base;
  logic [NumSizes-1:0]                bl_oh;
  assign bl_sel_r = m_axi_rvalid_i && m_axi_rlast_i;
  assign bl_idx   = bl_sel_r ? rd_i.idx : mt_i.bdata_idx;
  assign bl_w1    = me_i[bl_idx].w1;
  // A one-beat "burst" is malformed: count it as a bus error.
  assign bl_err   = bl_sel_r && (me_i[rd_i.idx].err || rd_i.err || !me_i[rd_i.idx].beat);
  assign bl_base  = bl_sel_r ? r_clat_base_i  // word 1: CLAT base
                              : me_i[mt_i.bdata_idx].clat_base;
  // (registered stale bits only: see MsBatProc)
  assign bl_stale = |((bl_sel_r ? rd_i.id_v : mt_i.bdata_oh_q) & rd_i.stale_v);
  logic [MissSlots-1:0] bl_ok_v, bl_beat_v, bl_usable_v;  // not stale, usable, no error; first beat seen
  logic                 bl_in_range, bl_usable, bl_go;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      bl_ok_v[e]   = !me_i[e].stale && me_i[e].usable && !me_i[e].err;
      bl_beat_v[e] = me_i[e].beat;
      bl_usable_v[e] = me_i[e].usable;
    end
  end

  // (no saturation step: the bits above the offset width are just ORed; timing)
  assign bl_oh    = me_i[bl_idx].oh;
  // In range: the entry's offset against the limit made from word 0, for every entry at once,
  // selected by RID. Offsets compare in 4 KiB pages (log2 >= 12 for any usable entry, so the
  // low bits never decide).
  logic [MissSlots-1:0] bl_in_range_v;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      bl_in_range_v[e] = me_i[e].lim_hi || (me_i[e].offset[OffsetWidth-1:PageBits] < me_i[e].lim_lo);
    end
  end
  // The block index of the entry whose last beat arrives: each entry's second shift step, then
  // selected by RID.
  logic [BlockWidth-1:0] bl_block_r;
  logic [BlockWidth-1:0] bl_block_v [MissSlots];
  always_comb begin
    bl_block_r = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      bl_block_v[e] = BlockWidth'(me_i[e].bcoarse >> me_i[e].blog2lo);
      bl_block_r = bl_block_r | (bl_block_v[e] & {BlockWidth{rd_i.id_v[e]}});
    end
  end
  // per-entry bits selected one-hot (timing: no field select in front)
  // (r_id_v: bp_valid_q, from r_bat, says whether these are used)
  assign bl_in_range = !bl_sel_r || (|(rd_i.id_v & bl_in_range_v));
  assign bl_usable   = bl_sel_r ? |(rd_i.id_v & bl_usable_v) : |(mt_i.bdata_oh_q & bl_usable_v);
  assign bl_go       = bl_sel_r ? (|(rd_i.id_v & bl_ok_v & bl_beat_v) && !rd_i.err)
                                : (|(mt_i.bdata_oh_q & bl_ok_v));

  // ------------------------------------------------------------------ AXI AR outputs
  assign m_axi_arvalid_o = ar_valid_q;
  assign m_axi_arid_o    = AxiIdWidth'(ar_id_q);
  assign m_axi_araddr_o  = ar_addr_q;
  assign m_axi_arlen_o   = ar_bat_q ? AxiLenBat : AxiLenClat;
  assign m_axi_arsize_o  = AxiSize8B;
  assign m_axi_arburst_o = AxiBurstIncr;

  // ------------------------------------------------------------------ flops
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      bp_valid_q <= 1'b0;
      ar_valid_q <= 1'b0;
    end else begin
      bp_valid_q <= bp_from_r || bp_from_data;
      if (ar_from_bp || ar_from_arb || ar_from_s1) ar_valid_q <= 1'b1;
      else if (m_axi_arready_i) ar_valid_q <= 1'b0;
    end
  end

  always_ff @(posedge clk_i) begin
    // BAT post-processing stage
    // Loaded every clock (timing: no enable fanning out to ~200 flops); bp_valid_q says whether
    // the stage holds an entry's data.
    begin
      bp_idx_q       <= bl_idx;
      bp_from_mem_q  <= bl_sel_r;
      bp_w1_q        <= bl_w1;
      bp_err_q       <= bl_err;
      bp_func_q      <= me_i[bl_idx].func;
      bp_service_q   <= me_i[bl_idx].service;
      bp_offset_q    <= me_i[bl_idx].offset;
      bp_clat_base_q <= bl_base;
      bp_oh_q        <= bl_oh;
      // from the R data directly (only used for data from memory; see bp_in_range)
      bp_in_range_q  <= bl_in_range;
      bp_lim_hi_q    <= me_i[bl_idx].lim_hi;  // (for the BAT cache fill)
      bp_lim_lo_q    <= me_i[bl_idx].lim_lo;
      bp_usable_q    <= bl_usable;
      bp_to_clat_q   <= !bl_err && bl_usable && bl_in_range;
      bp_go_q        <= bl_go && bl_in_range;
      bp_block_q     <= bl_sel_r ? bl_block_r : me_i[mt_i.bdata_idx].cblock;
      bp_stale_q     <= bl_stale;
      // per-entry "may go on" bits selected one-hot (timing: no field select in front)
      bp_wants_q     <= bl_go;
    end

    // AR register: the data follows the registered priorities whenever the register may take a
    // new read; ar_valid_q says whether one was really issued (timing: the hit/miss and range
    // decisions do not enable 70 flops).
    // (enabled whenever the register is free, issue permission or not: ar_valid_q decides)
    if (!ar_valid_q || m_axi_arready_i) begin
      if (bp_wants_ar) begin  // = bp_claim when a read is issued
        ar_id_q   <= bp_idx_q;
        ar_addr_q <= bp_clat_addr;
        ar_bat_q  <= 1'b0;
      end else if (mt_i.arb_any_q) begin
        ar_id_q   <= mt_i.arb_idx;
        ar_addr_q <= me_i[mt_i.arb_idx].addr;
        ar_bat_q  <= in_st(me_i[mt_i.arb_idx].state, MsBatReq);
      end else begin
        ar_id_q   <= mt_i.free_idx;
        ar_addr_q <= s1_i.bat_addr;
        ar_bat_q  <= 1'b1;
      end
    end
  end

  // ------------------------------------------------------------------ assertions
`ifndef SYNTHESIS
  // (|=> properties off in the first clocks after any reset: see bat_clat_miss_table)
  logic sva_armed_q, sva_armed2_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) {sva_armed2_q, sva_armed_q} <= 2'b00;
    else         {sva_armed2_q, sva_armed_q} <= {sva_armed_q, 1'b1};
  end

  // AXI read master protocol.
  a_ar_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
    m_axi_arvalid_o && !m_axi_arready_i |=> m_axi_arvalid_o && $stable(m_axi_arid_o) &&
        $stable(m_axi_araddr_o) && $stable(m_axi_arlen_o));
  // A read is issued only for an entry waiting for it.
  a_ar_entry_waits: assert property (@(posedge clk_i) disable iff (!rst_ni)
    m_axi_arvalid_o |-> in_st(me_i[ar_id_q].state, MsBatWait | MsClatWait));
  // CLAT read after a BAT fetch: from that entry's own BAT data, block inside the CLAT.
  a_clat_read_from_own_bat: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_valid_q |-> bp_func_q == me_i[bp_idx_q].func && bp_service_q == me_i[bp_idx_q].service &&
                   me_i[bp_idx_q].state == MsBatProc &&
                   (!bp_to_clat || (block_in_range(bp_block, bp_data.clat_entries) &&
                    bp_clat_addr == {bp_clat_base_q, ClatBaseLsb'(0)} +
                                    (HostAddrWidth'(bp_block) << ClatEntryBytesLog2))));
  // The one-hot size selections agree with the shift-based definitions of the contract.
  a_bp_size_forms: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_valid_q |-> (bp_usable == (bp_data.usable && !bp_err_q) || bp_err_q) &&
      (!bp_usable || (bp_block == block_of(bp_offset_q, bp_data.log2) &&
                      bp_inblock == inblock_of(bp_offset_q, bp_data.log2) &&

                      bp_in_range == block_in_range(bp_block, bp_data.clat_entries) &&
                      bp_clat_addr == {bp_clat_base_q, ClatBaseLsb'(0)} +
                                      (HostAddrWidth'(bp_block) << ClatEntryBytesLog2))));
  a_bp_flags: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_valid_q |-> bp_usable_q == (|bp_oh_q) && bp_go_q == (bp_wants_q && bp_to_clat_q) &&
                   bp_to_clat_q == (!bp_err_q && bp_usable_q && bp_in_range_q));
  a_bp_wants: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_valid_q |-> bp_wants_q == (!bp_stale_q && !bp_err_q && bp_usable));
  a_bp_stale_flop: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_valid_q && bp_stale_q |-> me_i[bp_idx_q].stale);
  // Nothing from a failed or stale read is cached.
  a_no_bat_fill_from_error: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_fill |-> !bp_err_q && !bp_stale);
  a_no_bat_fill_from_malformed: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_from_r |-> (bl_err == (me_i[rd_i.idx].err || rd_i.err || !me_i[rd_i.idx].beat)) &&
                  (bl_go -> !bl_err));
`endif

endmodule
