// Translation engine of the BAT/CLAT unit: hit pipeline, BAT and CLAT caches, miss table, AXI4
// read master, hit queue and miss response register, invalidation. This module registers the
// invalidation command, defines the miss entry type and connects the units (flat; synthesis
// flattens the hierarchy):
//   bat_clat_lookup      admission, replay register, register checks, miss limit, S1 decision
//   bat_clat_caches      BAT/CLAT lines, the request cycle's reads and compares, fills, clears
//   bat_clat_miss_table  miss entries (one-hot states), counts, registered arbiter choices
//   bat_clat_rchan       R-channel decode (RID -> entry, CLAT return, word 0, AXI_PROTO_ERR)
//   bat_clat_walk        BAT post-processing stage and the AR register
//   bat_clat_rsp         hit queue, miss response register, output, `done`
//   bat_clat_xlate_sva   cross-unit SVA (every request answered exactly once, BAT reads only from
//                        the function's own table; simulation only)
//
// Hit path (one request per clock; admission by reservation, see bat_clat_lookup):
//   cycle -1  request handshake: register checks (enable, BAT_ENTRIES), BAT base, and BOTH cache
//             reads, indexed straight from the request port (replays never read the caches): the
//             BAT cache by (function, service), the CLAT tag RAMs (two banks) by (function,
//             service, offset bits 16:12); tag compares (the CLAT ones in four parts per bank),
//             valid bits and the BAT line's range check (in 4 KiB pages) are made here and
//             registered                                                        -> S1 flops
//   S1        CLAT data RAM read at the registered index; the decision (answer / miss from
//             memory / miss with cached BAT data) takes two LUT levels; an answer goes to the
//             hit queue (valid on the next clock), a miss becomes a miss-table entry.
// So a hit's response handshake can come 2 clocks after its request handshake.
//
// Miss path: a miss-table entry fetches the BAT entry (unless the BAT cache hit) and then the
// CLAT word; a CLAT return goes straight into the miss response register. Miss latency: two
// memory round trips + 4 clocks unopposed. (Cache line forms: bat_clat_caches; miss entries and
// their choices: bat_clat_miss_table; admission and the miss limit: bat_clat_lookup.)
//
// Invalidation: the command is registered once (inv_q); then, in one cycle, it clears matching
// cache lines and marks matching miss entries `stale`; a stale entry drops whatever its
// outstanding read returns and replays its request from the start (through the pipeline,
// re-checking the registers). Items that already hold pre-invalidation data (S1, hit queue, miss
// register) are marked `old`; `done` is reported only when no command is pending and no `old`
// item is left, so once software sees done=1 no later response can use data fetched before the
// invalidation.
//
module bat_clat_xlate
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions     = 8,
  parameter int unsigned BatEntries       = 16,
  parameter int unsigned TagWidth         = 8,
  parameter int unsigned OffsetWidth      = 40,
  parameter int unsigned BatCacheEntries  = 16,
  parameter int unsigned ClatCacheEntries = 32,
  parameter int unsigned MaxMisses        = 4,
  parameter int unsigned MaxMissesPerFunc = 3,  // see "Miss limit per function" (bat_clat_lookup)
  parameter int unsigned AxiIdWidth       = 4
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  // Request stream
  input  logic                         req_valid_i,
  output logic                         req_ready_o,
  input  logic [TagWidth-1:0]          req_tag_i,
  input  logic [FuncWidth-1:0]         req_func_i,
  input  logic [ServiceWidth-1:0]      req_service_i,
  input  logic [OffsetWidth-1:0]       req_offset_i,
  // Response stream
  output logic                         rsp_valid_o,
  input  logic                         rsp_ready_i,
  output logic [TagWidth-1:0]          rsp_tag_o,
  output logic [StatusWidth-1:0]       rsp_status_o,
  output logic [HostAddrWidth-1:0]     rsp_addr_o,
  // AXI4 read master
  output logic [AxiIdWidth-1:0]        m_axi_arid_o,
  output logic [HostAddrWidth-1:0]     m_axi_araddr_o,
  output logic [7:0]                   m_axi_arlen_o,
  output logic [2:0]                   m_axi_arsize_o,
  output logic [1:0]                   m_axi_arburst_o,
  output logic                         m_axi_arvalid_o,
  input  logic                         m_axi_arready_i,
  input  logic [AxiIdWidth-1:0]        m_axi_rid_i,
  input  logic [AxiDataWidth-1:0]      m_axi_rdata_i,
  input  logic [1:0]                   m_axi_rresp_i,
  input  logic                         m_axi_rlast_i,
  input  logic                         m_axi_rvalid_i,
  output logic                         m_axi_rready_o,
  // Configuration (per-function registers)
  input  logic [NumFunctions-1:0][HostAddrWidth-1:0] cfg_bat_base_i,
  input  logic [NumFunctions-1:0][7:0]               cfg_bat_entries_i,
  input  logic [NumFunctions-1:0]                    cfg_enable_i,
  // Invalidation
  input  inval_t                       inval_i,
  output logic                         inval_done_o,
  // Counter events: [0] S1 answer (hit queue), [1] miss response register load
  output rsp_event_t [1:0]             rsp_event_o,
  // A malformed R beat (AXI_PROTO_ERR): no outstanding read for its RID, a beat past the burst's
  // length, or a BAT burst ending after one beat (at most one per clock: one R beat per clock)
  output logic                         axi_proto_err_o
);

  // ------------------------------------------------------------------ sizes
  localparam int unsigned FuncIdxWidth  = (NumFunctions > 1) ? $clog2(NumFunctions) : 1;
  localparam int unsigned SvcIdxWidth   = (BatEntries > 1) ? $clog2(BatEntries) : 1;
  localparam int unsigned ClatIdxWidth  = $clog2(ClatCacheEntries);
  localparam int unsigned BlockWidth    = OffsetWidth - Log2BlockMin;  // offset bits above 4 KiB
  localparam int unsigned PageTagLsb    = PageBits + ClatIdxWidth;     // CLAT line tag: page bits
  // One more than MaxMisses for the S1 reservation, one more so that MaxMisses misses can be in
  // flight while hits keep streaming.
  localparam int unsigned MissSlots     = MaxMisses + 2;
  localparam int unsigned MissIdxWidth  = $clog2(MissSlots);
  localparam int unsigned RspDepth      = 4;  // >= 4 for one response per clock (see can_accept)
  localparam int unsigned RspCntWidth   = $clog2(RspDepth + 1);
  localparam int unsigned ClatBaseLsb   = ClatEntryBytesLog2;  // CLAT base is 8-byte aligned
  localparam int unsigned NumSizes      = Log2BlockMax - Log2BlockMin + 1;  // block sizes
  localparam int unsigned CoarseWidth   = BlockWidth + 7;  // block index before the last 0..7 shift

  // ------------------------------------------------------------------ miss entry
  // (the units that read the entries get this type as their entry_t parameter)
  typedef struct packed {
    miss_state_e                        state;
    logic                               replay;   // stale, no read in flight: re-enter the pipeline
    logic                               stale;    // an invalidation covered this entry
    logic [TagWidth-1:0]                tag;
    logic [FuncWidth-1:0]               func;
    logic [ServiceWidth-1:0]            service;
    logic [OffsetWidth-1:0]             offset;
    logic [HostAddrWidth-1:0]           addr;      // read address (Req/Wait), response (Done)
    logic [HostAddrWidth-1:ClatBaseLsb] clat_base; // BAT word 1 (BAT data from the cache)
    logic [AxiDataWidth-1:0]            w1;        // BAT word 0: entries, log2, valid
    // Made from BAT word 0 when it arrives (the burst's first beat) or from the cached BAT line
    // in S1, so that the post-processing stage gets them from flops:
    logic [NumSizes-1:0]                oh;        // block size one-hot (zero: not usable)
    logic                               usable;    // |oh
    // block index = offset >> log2 (word 0), in two steps: the shift by log2[5:3]*8 when word 0
    // arrives, the shift by log2[2:0] when the last beat is taken (see bl_block_v; timing: the
    // R data's log2 bits drive six shifters, each step is one 8-way select)
    logic [CoarseWidth-1:0]             bcoarse;
    logic [2:0]                         blog2lo;
    logic [BlockWidth-1:0]              cblock;    // the same from the cached BAT line (S1); a
                                                   // separate field so that no select lands in
                                                   // front of either shifter
    logic                               lim_hi;    // clat_entries << log2 >= 2**OffsetWidth
    logic [OffsetWidth-1:PageBits]      lim_lo;    // (clat_entries << log2) bits below that
    logic [InBlockWidth-1:0]            inblock;
    logic                               beat;      // BAT burst beat count
    logic                               err;       // a beat returned SLVERR/DECERR, or the burst
                                                   // is malformed (RLAST on the wrong beat)
    status_e                            status;    // Done
  } miss_entry_t;

  // ------------------------------------------------------------------ invalidation register
  // The invalidation command is registered here first, predecoded (scope flags, whether the
  // function/service numbers fit a cache tag), and takes effect one clock after inval_i: its
  // compares against every cache tag, miss entry and queued response start from these flops
  // (timing: the register write decode and the fan-out are in different clocks). The configuration
  // may change a clock before the invalidation takes effect; that only marks more requests old
  // (a request that entered with the old configuration is in S1 when the invalidation takes
  // effect and is caught there), and `done` stays 0 while the command is in this register.
  inv_t inv_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) inv_q <= '0;
    else begin
      inv_q.valid     <= inval_i.valid;
      inv_q.all       <= inval_i.valid && !(inval_i.scope inside {ScopeFunc, ScopeService});
      inv_q.fs        <= inval_i.valid && (inval_i.scope inside {ScopeFunc, ScopeService});
      inv_q.func_only <= (inval_i.scope == ScopeFunc);
      inv_q.f_fit     <= (inval_i.func >> FuncIdxWidth) == '0;
      inv_q.s_fit     <= (inval_i.service >> SvcIdxWidth) == '0;
      inv_q.func      <= inval_i.func;
      inv_q.service   <= inval_i.service;
    end
  end

  // ------------------------------------------------------------------ connections
  miss_entry_t me_q [MissSlots];
  miss_entry_t s1_entry;
  // admission and S1 (bat_clat_lookup)
  logic                     accept, rp_valid, rp_load;
  logic                     s1_valid, s1_alloc, s1_alloc_bat, s1_direct, s1_old_item;
  logic [HostAddrWidth-1:0] s1_bat_addr;
  logic [FuncWidth-1:0]     s1_func;
  logic [ServiceWidth-1:0]  s1_service;
  logic                     h_wr, h_old;
  logic [TagWidth-1:0]      h_tag;
  status_e                  h_status;
  logic [PageBits-1:0]      h_offset;
  // caches -> S1 (bat_clat_caches)
  logic                     s1_bat_hit, s1_bat_go, s1_block_ok, s1_clat_hit, s1_centry_valid;
  bat_data_t                s1_bdata;
  logic [HostAddrWidth-1:PageBits] s1_page_addr;
  logic                     s1_bvalid, s1_cvalid;
  logic [FuncIdxWidth-1:0]  s1_bline_func, s1_cline_func;
  logic [SvcIdxWidth-1:0]   s1_bline_service, s1_cline_service;
  logic [OffsetWidth-1:PageTagLsb] s1_cline_page;
  // miss table (bat_clat_miss_table)
  logic [MissSlots-1:0]     free_v, done_oh_q, bdata_oh_q, pre;
  logic                     free_ge2, out_ok;
  logic [MissIdxWidth-1:0]  free_idx, arb_idx, rep_idx, bdata_idx;
  logic                     arb_any, arb_any_q, done_any, done_any_q, rep_any, bdata_any;
  // R channel (bat_clat_rchan)
  logic [MissIdxWidth-1:0]  r_idx;
  logic [MissSlots-1:0]     r_id_v, r_here_v, stale_v;
  logic                     r_bat, r_clat, r_err, r_clat_fill, r_clat_was_stale;
  status_e                  r_status;
  logic [HostAddrWidth-1:0] r_addr;
  logic [FuncIdxWidth-1:0]  r_fidx;
  logic [SvcIdxWidth-1:0]   r_sidx;
  logic [OffsetWidth-1:PageBits] r_page;
  logic [InBlockWidth-1:PageBits] r_page_in_block;
  logic [NumSizes-1:0]      r_oh;
  logic                     r_lim_hi;
  logic [OffsetWidth-1:PageBits] r_lim_lo;
  // post-processing and AR register (bat_clat_walk)
  logic                     ar_valid, ar_from_s1, ar_from_arb, ar_from_bp;
  logic [MissIdxWidth-1:0]  ar_id, bp_idx;
  logic                     bp_from_data, bp_valid, bp_to_clat, bp_fill, bp_lim_hi;
  logic [HostAddrWidth-1:0] bp_clat_addr;
  logic [InBlockWidth-1:0]  bp_inblock;
  status_e                  bp_status;
  logic [FuncIdxWidth-1:0]  bp_fidx;
  logic [SvcIdxWidth-1:0]   bp_sidx;
  bat_data_t                bp_data;
  logic [OffsetWidth-1:PageBits] bp_lim_lo;
  // response path (bat_clat_rsp)
  logic [RspCntWidth-1:0]   rq_count;
  logic                     mq_from_done, mq_r_ok, mr_valid;
  status_e                  rsp_status;

  bat_clat_lookup #(
    .NumFunctions    (NumFunctions),
    .BatEntries      (BatEntries),
    .TagWidth        (TagWidth),
    .OffsetWidth     (OffsetWidth),
    .ClatCacheEntries(ClatCacheEntries),
    .MissSlots       (MissSlots),
    .MaxMissesPerFunc(MaxMissesPerFunc),
    .RspDepth        (RspDepth),
    .entry_t         (miss_entry_t)
  ) u_lookup (
    .clk_i,
    .rst_ni,
    .req_valid_i,
    .req_ready_o,
    .req_tag_i,
    .req_func_i,
    .req_service_i,
    .req_offset_i,
    .accept_o          (accept),
    .cfg_bat_base_i,
    .cfg_bat_entries_i,
    .cfg_enable_i,
    .inv_i             (inv_q),
    .rq_count_i        (rq_count),
    .free_v_i          (free_v),
    .free_ge2_i        (free_ge2),
    .me_i              (me_q),
    .rep_idx_i         (rep_idx),
    .rep_any_i         (rep_any),
    .rp_valid_o        (rp_valid),
    .rp_load_o         (rp_load),
    .s1_bat_hit_i      (s1_bat_hit),
    .s1_bat_go_i       (s1_bat_go),
    .s1_block_ok_i     (s1_block_ok),
    .s1_bdata_i        (s1_bdata),
    .s1_clat_hit_i     (s1_clat_hit),
    .s1_centry_valid_i (s1_centry_valid),
    .s1_bvalid_i       (s1_bvalid),
    .s1_bline_func_i   (s1_bline_func),
    .s1_bline_service_i(s1_bline_service),
    .s1_cvalid_i       (s1_cvalid),
    .s1_cline_func_i   (s1_cline_func),
    .s1_cline_service_i(s1_cline_service),
    .s1_cline_page_i   (s1_cline_page),
    .s1_valid_o        (s1_valid),
    .s1_alloc_o        (s1_alloc),
    .s1_alloc_bat_o    (s1_alloc_bat),
    .s1_direct_o       (s1_direct),
    .s1_entry_o        (s1_entry),
    .s1_bat_addr_o     (s1_bat_addr),
    .s1_func_o         (s1_func),
    .s1_service_o      (s1_service),
    .s1_old_item_o     (s1_old_item),
    .h_wr_o            (h_wr),
    .h_tag_o           (h_tag),
    .h_status_o        (h_status),
    .h_offset_o        (h_offset),
    .h_old_o           (h_old),
    .h_event_o         (rsp_event_o[0])
  );

  bat_clat_caches #(
    .NumFunctions    (NumFunctions),
    .BatEntries      (BatEntries),
    .OffsetWidth     (OffsetWidth),
    .BatCacheEntries (BatCacheEntries),
    .ClatCacheEntries(ClatCacheEntries)
  ) u_caches (
    .clk_i,
    .rst_ni,
    .req_fidx_i        (FuncIdxWidth'(req_func_i)),
    .req_sidx_i        (SvcIdxWidth'(req_service_i)),
    .req_page_i        (req_offset_i[OffsetWidth-1:PageBits]),
    .rp_valid_i        (rp_valid),
    .inv_i             (inv_q),
    .s1_bat_hit_o      (s1_bat_hit),
    .s1_bat_go_o       (s1_bat_go),
    .s1_block_ok_o     (s1_block_ok),
    .s1_bdata_o        (s1_bdata),
    .s1_clat_hit_o     (s1_clat_hit),
    .s1_page_addr_o    (s1_page_addr),
    .s1_centry_valid_o (s1_centry_valid),
    .s1_bvalid_o       (s1_bvalid),
    .s1_bline_func_o   (s1_bline_func),
    .s1_bline_service_o(s1_bline_service),
    .s1_cvalid_o       (s1_cvalid),
    .s1_cline_func_o   (s1_cline_func),
    .s1_cline_service_o(s1_cline_service),
    .s1_cline_page_o   (s1_cline_page),
    .bp_fill_i         (bp_fill),
    .bp_fidx_i         (bp_fidx),
    .bp_sidx_i         (bp_sidx),
    .bp_data_i         (bp_data),
    .bp_lim_hi_i       (bp_lim_hi),
    .bp_lim_lo_i       (bp_lim_lo),
    .r_clat_fill_i     (r_clat_fill),
    .r_fidx_i          (r_fidx),
    .r_sidx_i          (r_sidx),
    .r_page_i          (r_page),
    .r_page_in_block_i (r_page_in_block),
    .r_block_addr_i    (m_axi_rdata_i[HostAddrWidth-1:PageBits]),
    .r_entry_valid_i   (m_axi_rdata_i[ClatValidBit])
  );

  bat_clat_miss_table #(
    .OffsetWidth     (OffsetWidth),
    .MaxMisses       (MaxMisses),
    .MissSlots       (MissSlots),
    .entry_t         (miss_entry_t)
  ) u_miss_table (
    .clk_i,
    .rst_ni,
    .inv_i          (inv_q),
    .me_o           (me_q),
    .free_v_o       (free_v),
    .free_ge2_o     (free_ge2),
    .out_ok_o       (out_ok),
    .free_idx_o     (free_idx),
    .arb_any_o      (arb_any),
    .arb_any_q_o    (arb_any_q),
    .arb_idx_o      (arb_idx),
    .done_any_o     (done_any),
    .done_any_q_o   (done_any_q),
    .done_oh_q_o    (done_oh_q),
    .rep_any_o      (rep_any),
    .rep_idx_o      (rep_idx),
    .bdata_any_o    (bdata_any),
    .bdata_idx_o    (bdata_idx),
    .bdata_oh_q_o   (bdata_oh_q),
    .pre_o          (pre),
    .s1_valid_i     (s1_valid),
    .s1_alloc_i     (s1_alloc),
    .s1_alloc_bat_i (s1_alloc_bat),
    .s1_entry_i     (s1_entry),
    .rp_load_i      (rp_load),
    .ar_from_s1_i   (ar_from_s1),
    .ar_from_arb_i  (ar_from_arb),
    .ar_from_bp_i   (ar_from_bp),
    .bp_from_data_i (bp_from_data),
    .bp_valid_i     (bp_valid),
    .bp_idx_i       (bp_idx),
    .bp_clat_addr_i (bp_clat_addr),
    .bp_inblock_i   (bp_inblock),
    .bp_status_i    (bp_status),
    .bp_to_clat_i   (bp_to_clat),
    .mq_from_done_i (mq_from_done),
    .mq_r_ok_i      (mq_r_ok),
    .m_axi_rdata_i,
    .m_axi_rlast_i,
    .r_here_v_i     (r_here_v),
    .r_bat_i        (r_bat),
    .r_clat_i       (r_clat),
    .r_err_i        (r_err),
    .r_oh_i         (r_oh),
    .r_lim_hi_i     (r_lim_hi),
    .r_lim_lo_i     (r_lim_lo)
  );

  bat_clat_rchan #(
    .OffsetWidth(OffsetWidth),
    .MissSlots  (MissSlots),
    .AxiIdWidth (AxiIdWidth),
    .FuncIdxWidth(FuncIdxWidth),
    .SvcIdxWidth(SvcIdxWidth),
    .entry_t    (miss_entry_t)
  ) u_rchan (
    .clk_i,
    .rst_ni,
    .inv_i             (inv_q),
    .me_i              (me_q),
    .ar_valid_i        (ar_valid),
    .ar_id_i           (ar_id),
    .m_axi_rid_i,
    .m_axi_rdata_i,
    .m_axi_rresp_i,
    .m_axi_rlast_i,
    .m_axi_rvalid_i,
    .m_axi_rready_o,
    .r_idx_o           (r_idx),
    .r_id_v_o          (r_id_v),
    .r_here_v_o        (r_here_v),
    .stale_v_o         (stale_v),
    .r_bat_o           (r_bat),
    .r_clat_o          (r_clat),
    .r_err_o           (r_err),
    .r_status_o        (r_status),
    .r_addr_o          (r_addr),
    .r_clat_fill_o     (r_clat_fill),
    .r_clat_was_stale_o(r_clat_was_stale),
    .r_fidx_o          (r_fidx),
    .r_sidx_o          (r_sidx),
    .r_page_o          (r_page),
    .r_page_in_block_o (r_page_in_block),
    .r_oh_o            (r_oh),
    .r_lim_hi_o        (r_lim_hi),
    .r_lim_lo_o        (r_lim_lo),
    .axi_proto_err_o
  );

  bat_clat_walk #(
    .OffsetWidth(OffsetWidth),
    .MissSlots  (MissSlots),
    .AxiIdWidth (AxiIdWidth),
    .FuncIdxWidth(FuncIdxWidth),
    .SvcIdxWidth(SvcIdxWidth),
    .entry_t    (miss_entry_t)
  ) u_walk (
    .clk_i,
    .rst_ni,
    .inv_i          (inv_q),
    .me_i           (me_q),
    .m_axi_arid_o,
    .m_axi_araddr_o,
    .m_axi_arlen_o,
    .m_axi_arsize_o,
    .m_axi_arburst_o,
    .m_axi_arvalid_o,
    .m_axi_arready_i,
    .r_clat_base_i  (m_axi_rdata_i[HostAddrWidth-1:ClatBaseLsb]),
    .m_axi_rlast_i,
    .m_axi_rvalid_i,
    .r_idx_i        (r_idx),
    .r_id_v_i       (r_id_v),
    .stale_v_i      (stale_v),
    .r_bat_i        (r_bat),
    .r_err_i        (r_err),
    .free_idx_i     (free_idx),
    .arb_any_i      (arb_any),
    .arb_any_q_i    (arb_any_q),
    .arb_idx_i      (arb_idx),
    .bdata_any_i    (bdata_any),
    .bdata_idx_i    (bdata_idx),
    .bdata_oh_q_i   (bdata_oh_q),
    .out_ok_i       (out_ok),
    .s1_direct_i    (s1_direct),
    .s1_bat_addr_i  (s1_bat_addr),
    .ar_valid_o     (ar_valid),
    .ar_id_o        (ar_id),
    .ar_from_s1_o   (ar_from_s1),
    .ar_from_arb_o  (ar_from_arb),
    .ar_from_bp_o   (ar_from_bp),
    .bp_from_data_o (bp_from_data),
    .bp_valid_o     (bp_valid),
    .bp_idx_o       (bp_idx),
    .bp_clat_addr_o (bp_clat_addr),
    .bp_inblock_o   (bp_inblock),
    .bp_status_o    (bp_status),
    .bp_to_clat_o   (bp_to_clat),
    .bp_fill_o      (bp_fill),
    .bp_fidx_o      (bp_fidx),
    .bp_sidx_o      (bp_sidx),
    .bp_data_o      (bp_data),
    .bp_lim_hi_o    (bp_lim_hi),
    .bp_lim_lo_o    (bp_lim_lo)
  );

  bat_clat_rsp #(
    .TagWidth (TagWidth),
    .MissSlots(MissSlots),
    .RspDepth (RspDepth),
    .entry_t  (miss_entry_t)
  ) u_rsp (
    .clk_i,
    .rst_ni,
    .inv_i             (inv_q),
    .inval_valid_i     (inval_i.valid),
    .rsp_valid_o,
    .rsp_ready_i,
    .rsp_tag_o,
    .rsp_status_o      (rsp_status),
    .rsp_addr_o,
    .h_wr_i            (h_wr),
    .h_tag_i           (h_tag),
    .h_status_i        (h_status),
    .h_page_addr_i     (s1_page_addr),
    .h_offset_i        (h_offset),
    .h_func_i          (s1_func),
    .h_service_i       (s1_service),
    .h_old_i           (h_old),
    .s1_old_item_i     (s1_old_item),
    .rq_count_o        (rq_count),
    .me_i              (me_q),
    .done_any_i        (done_any),
    .done_any_q_i      (done_any_q),
    .done_oh_q_i       (done_oh_q),
    .pre_i             (pre),
    .m_axi_rlast_i,
    .r_id_v_i          (r_id_v),
    .r_clat_i          (r_clat),
    .r_clat_was_stale_i(r_clat_was_stale),
    .r_status_i        (r_status),
    .r_addr_i          (r_addr),
    .mq_from_done_o    (mq_from_done),
    .mq_r_ok_o         (mq_r_ok),
    .mr_valid_o        (mr_valid),
    .m_event_o         (rsp_event_o[1]),
    .inval_done_o
  );
  assign rsp_status_o = rsp_status;

  // ------------------------------------------------------------------ assertions
  // The cross-unit SVA (every request answered exactly once, reads only from the function's own
  // tables, `done` while reads are marked): bat_clat_xlate_sva.
`ifndef SYNTHESIS
  bat_clat_xlate_sva #(
    .NumFunctions(NumFunctions),
    .BatEntries  (BatEntries),
    .TagWidth    (TagWidth),
    .MissSlots   (MissSlots),
    .MaxMissesPerFunc(MaxMissesPerFunc),
    .RspDepth    (RspDepth),
    .entry_t     (miss_entry_t)
  ) u_sva (
    .clk_i,
    .rst_ni,
    .req_tag_i,
    .rsp_valid_i     (rsp_valid_o),
    .rsp_ready_i,
    .rsp_tag_i       (rsp_tag_o),
    .cfg_bat_base_i,
    .cfg_bat_entries_i,
    .cfg_enable_i,
    .inval_done_i    (inval_done_o),
    .accept_i        (accept),
    .rp_valid_i      (rp_valid),
    .s1_valid_i      (s1_valid),
    .s1_func_i       (s1_func),
    .s1_service_i    (s1_service),
    .s1_bat_addr_i   (s1_bat_addr),
    .rq_count_i      (rq_count),
    .mr_valid_i      (mr_valid),
    .me_i            (me_q),
    .arb_idx_i       (arb_idx),
    .ar_from_s1_i    (ar_from_s1),
    .ar_from_arb_i   (ar_from_arb),
    .pre_i           (pre)
  );
`endif

endmodule
