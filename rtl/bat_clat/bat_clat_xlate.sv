// Translation engine of the BAT/CLAT unit: hit pipeline, BAT and CLAT caches, miss table, AXI4
// read master, hit queue and miss response register, invalidation. This module registers the
// invalidation command, defines the miss entry and the bundles between the units (packed
// structs, below) and connects the units (synthesis flattens the hierarchy):
//   bat_clat_lookup      admission, replay register, register checks, miss limit, S1 decision
//   bat_clat_caches      BAT/CLAT lines, the request cycle's reads and compares, fills, clears
//   bat_clat_miss_table  miss entries (one-hot states), counts, registered arbiter choices
//   bat_clat_rchan       R-channel decode (RID -> entry, CLAT return, word 0, AXI_PROTO_ERR)
//   bat_clat_walk        BAT post-processing stage and the AR register
//   bat_clat_rsp         hit queue, miss response register, output, `done`
//   bat_clat_xlate_sva   cross-unit SVA (every request answered exactly once, BAT reads only from
//                        the function's own table; simulation only)
//
// Hit path (one request per clock; admission by reservation, see bat_clat_lookup): in the
// request handshake's clock the register checks and both caches' reads and tag compares run from
// the request port (bat_clat_caches) and are registered; in S1 the CLAT data is read and the
// decision takes two LUT levels; an answer goes to the hit queue (valid on the next clock), a miss
// becomes a miss-table entry. So a hit's response handshake can come 2 clocks after its request.
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
  input  logic [NumFunctions-1:0][$clog2(BatEntries + 1)-1:0]  cfg_svc_limit_i,
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

  // ------------------------------------------------------------------ unit bundles
  // (their widths follow the parameters, so they are declared here and handed to the units as
  // type parameters; s1_look_t and clat_ret_t take no parameter and are in bat_clat_pkg)
  typedef struct packed {  // miss table counts and registered choices (bat_clat_miss_table)
    logic [MissSlots-1:0]    free_v;               // free entries ...
    logic                    free_ge2;             // ... >= 2 of them
    logic                    out_ok;               // < MaxMisses reads outstanding
    logic [MissIdxWidth-1:0] free_idx;
    // (a one-hot choice registered a clock ago; *_any: it still applies)
    logic                    arb_any, arb_any_q;   // AR arbiter: a Req entry
    logic [MissIdxWidth-1:0] arb_idx;
    logic                    done_any, done_any_q; // a parked Done entry
    logic [MissSlots-1:0]    done_oh_q;
    logic                    rep_any;              // an entry to replay
    logic [MissIdxWidth-1:0] rep_idx;
    logic                    bdata_any;            // an entry with cached BAT data waiting
    logic [MissIdxWidth-1:0] bdata_idx;
    logic [MissSlots-1:0]    bdata_oh_q;
    logic [MissSlots-1:0]    pre;                  // read issued before an invalidation
  } mt_sel_t;
  typedef struct packed {  // S1 towards the miss table and the AR register (bat_clat_lookup)
    logic                     valid;
    logic                     alloc;      // S1's item becomes a miss entry ...
    logic                     alloc_bat;  // ... with BAT data from the cache
    logic                     direct;     // ... that may issue its BAT read at once
    logic                     old_item;   // S1 holds pre-invalidation data
    logic [HostAddrWidth-1:0] bat_addr;   // BAT entry address
    miss_entry_t              entry;      // the new entry (state: the miss table's)
  } s1_out_t;
  typedef struct packed {  // S1's answer towards the hit queue (bat_clat_lookup)
    logic                    wr, old;
    logic [TagWidth-1:0]     tag;
    status_e                 status;
    logic [PageBits-1:0]     offset;  // in the page (+ the CLAT line's page address)
    logic [FuncWidth-1:0]    func;
    logic [ServiceWidth-1:0] service;
  } hit_t;
  typedef struct packed {  // owners of the lines S1 read (bat_clat_caches; for SVA only)
    logic                            bvalid, cvalid;
    logic [FuncIdxWidth-1:0]         bline_func, cline_func;
    logic [SvcIdxWidth-1:0]          bline_service, cline_service;
    logic [OffsetWidth-1:PageTagLsb] cline_page;
  } line_own_t;
  typedef struct packed {  // BAT cache fill from the post-processing stage (bat_clat_walk)
    logic                          fill, lim_hi;
    logic [FuncIdxWidth-1:0]       fidx;
    logic [SvcIdxWidth-1:0]        sidx;
    bat_data_t                     data;
    logic [OffsetWidth-1:PageBits] lim_lo;
  } bat_fill_t;
  typedef struct packed {  // CLAT cache fill from a CLAT return (bat_clat_rchan)
    logic                            fill, entry_valid;
    logic [FuncIdxWidth-1:0]         fidx;
    logic [SvcIdxWidth-1:0]          sidx;
    logic [OffsetWidth-1:PageBits]   page;
    logic [InBlockWidth-1:PageBits]  page_in_block;
    logic [HostAddrWidth-1:PageBits] block_addr;
  } clat_fill_t;
  typedef struct packed {  // an R beat decoded for the miss entries (bat_clat_rchan)
    logic [MissIdxWidth-1:0]       idx;          // RID (0 when out of range)
    logic [MissSlots-1:0]          id_v;         // RID decode, no RVALID (data selects)
    logic [MissSlots-1:0]          here_v;       // the beat belongs to entry e
    logic [MissSlots-1:0]          stale_v;      // the registered stale bits
    logic                          bat, clat;    // a beat of a BAT burst / a CLAT read
    logic                          err;          // SLVERR or DECERR
    logic [NumSizes-1:0]           oh;           // word 0: block size one-hot
    logic                          lim_hi;       // word 0: clat_entries << log2 (miss entry's
    logic [OffsetWidth-1:PageBits] lim_lo;       // lim_*)
  } r_dec_t;
  typedef struct packed {  // the AR register (bat_clat_walk)
    logic                    valid, from_s1, from_arb, from_bp;
    logic [MissIdxWidth-1:0] id;
  } ar_t;
  typedef struct packed {  // the post-processing stage towards the miss table (bat_clat_walk)
    logic                     valid, from_data, to_clat;
    logic [MissIdxWidth-1:0]  idx;
    logic [HostAddrWidth-1:0] clat_addr;
    logic [InBlockWidth-1:0]  inblock;
    status_e                  status;
  } bp_t;

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
  mt_sel_t     mt;
  s1_out_t     s1;
  hit_t        h;
  s1_look_t    s1c;
  line_own_t   own;
  bat_fill_t   bf;
  clat_fill_t  cf;
  r_dec_t      rd;
  clat_ret_t   cret;
  ar_t         ar;
  bp_t         bp;
  logic        accept, rp_valid, rp_load, mq_from_done, mq_r_ok, mr_valid;
  logic [HostAddrWidth-1:PageBits] s1_page_addr;
  logic [RspCntWidth-1:0]          rq_count;
  status_e                         rsp_status;
  assign rsp_status_o = rsp_status;

  bat_clat_lookup #(
    .NumFunctions(NumFunctions), .BatEntries(BatEntries), .TagWidth(TagWidth),
    .OffsetWidth(OffsetWidth), .ClatCacheEntries(ClatCacheEntries), .MissSlots(MissSlots),
    .MaxMissesPerFunc(MaxMissesPerFunc), .RspDepth(RspDepth),
    .entry_t(miss_entry_t), .mt_t(mt_sel_t), .s1_t(s1_out_t), .hit_t(hit_t), .own_t(line_own_t)
  ) u_lookup (
    .clk_i, .rst_ni, .req_valid_i, .req_ready_o, .req_tag_i, .req_func_i, .req_service_i,
    .req_offset_i,
    .accept_o  (accept),
    .cfg_bat_base_i, .cfg_svc_limit_i, .cfg_enable_i,
    .inv_i     (inv_q),
    .rq_count_i(rq_count),
    .me_i      (me_q),
    .mt_i      (mt),
    .s1c_i     (s1c),
    .own_i     (own),
    .s1_o      (s1),
    .h_o       (h),
    .rp_valid_o(rp_valid),
    .rp_load_o (rp_load),
    .h_event_o (rsp_event_o[0])
  );

  bat_clat_caches #(
    .NumFunctions(NumFunctions), .BatEntries(BatEntries), .OffsetWidth(OffsetWidth),
    .BatCacheEntries(BatCacheEntries), .ClatCacheEntries(ClatCacheEntries),
    .own_t(line_own_t), .bfill_t(bat_fill_t), .cfill_t(clat_fill_t)
  ) u_caches (
    .clk_i, .rst_ni,
    .req_fidx_i    (FuncIdxWidth'(req_func_i)),
    .req_sidx_i    (SvcIdxWidth'(req_service_i)),
    .req_page_i    (req_offset_i[OffsetWidth-1:PageBits]),
    .rp_valid_i    (rp_valid),
    .inv_i         (inv_q),
    .s1c_o         (s1c),
    .own_o         (own),
    .bf_i          (bf),
    .cf_i          (cf),
    .s1_page_addr_o(s1_page_addr)
  );

  bat_clat_miss_table #(
    .OffsetWidth(OffsetWidth), .MaxMisses(MaxMisses), .MissSlots(MissSlots),
    .entry_t(miss_entry_t), .mt_t(mt_sel_t), .s1_t(s1_out_t), .ar_t(ar_t), .bp_t(bp_t),
    .r_dec_t(r_dec_t)
  ) u_miss_table (
    .clk_i, .rst_ni,
    .inv_i         (inv_q),
    .me_o          (me_q),
    .mt_o          (mt),
    .s1_i          (s1),
    .ar_i          (ar),
    .bp_i          (bp),
    .rd_i          (rd),
    .rp_load_i     (rp_load),
    .mq_from_done_i(mq_from_done),
    .mq_r_ok_i     (mq_r_ok),
    .m_axi_rdata_i,
    .m_axi_rlast_i
  );

  bat_clat_rchan #(
    .OffsetWidth(OffsetWidth), .MissSlots(MissSlots), .AxiIdWidth(AxiIdWidth),
    .FuncIdxWidth(FuncIdxWidth), .SvcIdxWidth(SvcIdxWidth),
    .entry_t(miss_entry_t), .r_dec_t(r_dec_t), .cfill_t(clat_fill_t), .ar_t(ar_t)
  ) u_rchan (
    .clk_i, .rst_ni,
    .inv_i (inv_q),
    .me_i  (me_q),
    .ar_i  (ar),
    .rd_o  (rd),
    .cret_o(cret),
    .cf_o  (cf),
    .m_axi_rid_i, .m_axi_rdata_i, .m_axi_rresp_i, .m_axi_rlast_i, .m_axi_rvalid_i, .m_axi_rready_o,
    .axi_proto_err_o
  );

  bat_clat_walk #(
    .OffsetWidth(OffsetWidth), .MissSlots(MissSlots), .AxiIdWidth(AxiIdWidth),
    .FuncIdxWidth(FuncIdxWidth), .SvcIdxWidth(SvcIdxWidth),
    .entry_t(miss_entry_t), .mt_t(mt_sel_t), .s1_t(s1_out_t), .ar_t(ar_t), .bp_t(bp_t),
    .bfill_t(bat_fill_t), .r_dec_t(r_dec_t)
  ) u_walk (
    .clk_i, .rst_ni,
    .inv_i        (inv_q),
    .me_i         (me_q),
    .m_axi_arid_o, .m_axi_araddr_o, .m_axi_arlen_o, .m_axi_arsize_o, .m_axi_arburst_o,
    .m_axi_arvalid_o, .m_axi_arready_i,
    .r_clat_base_i(m_axi_rdata_i[HostAddrWidth-1:ClatBaseLsb]),
    .m_axi_rlast_i, .m_axi_rvalid_i,
    .rd_i         (rd),
    .mt_i         (mt),
    .s1_i         (s1),
    .ar_o         (ar),
    .bp_o         (bp),
    .bf_o         (bf)
  );

  bat_clat_rsp #(
    .TagWidth(TagWidth), .MissSlots(MissSlots), .RspDepth(RspDepth),
    .entry_t(miss_entry_t), .mt_t(mt_sel_t), .s1_t(s1_out_t), .hit_t(hit_t), .r_dec_t(r_dec_t)
  ) u_rsp (
    .clk_i, .rst_ni,
    .inv_i         (inv_q),
    .inval_valid_i (inval_i.valid),
    .rsp_valid_o, .rsp_ready_i, .rsp_tag_o,
    .rsp_status_o  (rsp_status),
    .rsp_addr_o,
    .h_page_addr_i (s1_page_addr),
    .h_i           (h),
    .s1_i          (s1),
    .mt_i          (mt),
    .rd_i          (rd),
    .cret_i        (cret),
    .rq_count_o    (rq_count),
    .me_i          (me_q),
    .m_axi_rlast_i,
    .mq_from_done_o(mq_from_done),
    .mq_r_ok_o     (mq_r_ok),
    .mr_valid_o    (mr_valid),
    .m_event_o     (rsp_event_o[1]),
    .inval_done_o
  );

  // ------------------------------------------------------------------ assertions
  // The cross-unit SVA (every request answered exactly once, reads only from the function's own
  // tables, `done` while reads are marked): bat_clat_xlate_sva.
`ifndef SYNTHESIS
  bat_clat_xlate_sva #(
    .NumFunctions(NumFunctions), .BatEntries(BatEntries), .TagWidth(TagWidth),
    .MissSlots(MissSlots), .MaxMissesPerFunc(MaxMissesPerFunc), .RspDepth(RspDepth),
    .entry_t(miss_entry_t), .mt_t(mt_sel_t), .s1_t(s1_out_t), .hit_t(hit_t), .ar_t(ar_t)
  ) u_sva (
    .clk_i, .rst_ni, .req_tag_i,
    .rsp_valid_i     (rsp_valid_o),
    .rsp_ready_i,
    .rsp_tag_i       (rsp_tag_o),
    .cfg_bat_base_i, .cfg_svc_limit_i, .cfg_enable_i,
    .inval_done_i    (inval_done_o),
    .accept_i        (accept),
    .rp_valid_i      (rp_valid),
    .rq_count_i      (rq_count),
    .mr_valid_i      (mr_valid),
    .me_i            (me_q),
    .s1_i            (s1),
    .h_i             (h),
    .mt_i            (mt),
    .ar_i            (ar)
  );
`endif

endmodule
