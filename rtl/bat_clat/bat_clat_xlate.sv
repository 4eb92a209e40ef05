// Translation engine of the BAT/CLAT unit: hit pipeline, BAT and CLAT caches, miss table, AXI4
// read master, hit queue and miss response register, invalidation.
//
// Hit path (one request per clock; admission by reservation, see "Admission"):
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
// Cache lines hold precomputed forms so that the hit path has no shifter and no adder: a BAT line
// holds the offset limit clat_entries << log2 (in pages) for the range check; a CLAT line
// translates one 4 KiB page (tag: the page number bits above the index; data: the page's host
// address, made when the line is filled), so a hit's address is {page address, offset[11:0]}.
// With blocks above 4 KiB one CLAT entry may be cached once per page used: capacity, never
// correctness.
//
// Miss table (MissSlots entries, ARID = entry index, one-hot states): an entry fetches the BAT
// entry (2-beat burst; word 0, the size fields, comes first and is decoded into the entry: size
// one-hot, block index, range limit) unless the BAT cache hit (S1 stores the same forms), then
// the CLAT word. A shared post-processing stage (bp_q) takes BAT data with its block index and
// range check already made, adds the CLAT entry address and issues the CLAT read; a CLAT return
// goes straight into the miss response register. Miss latency: two memory round trips + 4
// clocks unopposed. Choices among waiting entries (AR arbiter, parked responses, cached BAT data)
// are registered a clock ahead; entries only wait there when their resource was busy.
//
// Invalidation: the command is registered once (inv_q); then, in one cycle, it clears matching
// cache lines and marks matching miss entries `stale`; a stale entry drops whatever its
// outstanding read returns and replays its request from the start (through the pipeline,
// re-checking the registers). Items that already hold pre-invalidation data (S1, hit queue, miss
// register) are marked `old`; `done` is reported only when no command is pending and no `old`
// item is left, so once software sees done=1 no later response can use data fetched before the
// invalidation.
//
// Admission: a request (or a replay) enters only if the hit queue and the miss table have a free
// slot for the item in S1 plus the new one. So S1 never stalls, no combinational path runs from a
// cache compare or from rsp_ready_i to req_ready_o, and back-pressure only ever stops admission.
// Output: the miss register first (older), else the hit queue's head; a response shown and not
// taken stays selected.
//
// Miss limit per function: a request that would need memory while its function already holds
// MaxMissesPerFunc miss-table entries is answered MISS_LIMIT from S1 instead of allocating, so a
// function whose reads never return holds at most that many entries and reads: the others keep
// the rest of the table (admission never stops for them) and at least MaxMisses - MaxMissesPerFunc
// reads. The count is made in the request cycle (entries of the function, plus the item in S1 if
// it allocates now) and registered beside the register checks (S1's decision gains one input).
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
  parameter int unsigned MaxMissesPerFunc = 3,  // see "Miss limit per function"
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
  localparam int unsigned BatIdxWidth   = $clog2(BatCacheEntries);
  localparam int unsigned ClatIdxWidth  = $clog2(ClatCacheEntries);
  localparam int unsigned BlockWidth    = OffsetWidth - Log2BlockMin;  // offset bits above 4 KiB
  localparam int unsigned PageTagLsb    = PageBits + ClatIdxWidth;     // CLAT line tag: page bits
  localparam int unsigned PageTagWidth  = OffsetWidth - PageTagLsb;    // above the index
  // One more than MaxMisses for the S1 reservation, one more so that MaxMisses misses can be in
  // flight while hits keep streaming.
  localparam int unsigned MissSlots     = MaxMisses + 2;
  localparam int unsigned MissIdxWidth  = $clog2(MissSlots);
  localparam int unsigned MissCntWidth  = $clog2(MissSlots + 1);
  localparam int unsigned RspDepth      = 4;  // >= 4 for one response per clock (see can_accept)
  localparam int unsigned RspPtrWidth   = $clog2(RspDepth);
  localparam int unsigned RspCntWidth   = $clog2(RspDepth + 1);
  localparam int unsigned ClatBaseLsb   = ClatEntryBytesLog2;  // CLAT base is 8-byte aligned
  localparam int unsigned NumSizes      = Log2BlockMax - Log2BlockMin + 1;  // block sizes
  localparam int unsigned AddLoW        = BlockWidth;  // CLAT address add: low part (see bp)
  localparam int unsigned AddHiLsb      = ClatBaseLsb + AddLoW;
  localparam int unsigned CoarseWidth   = BlockWidth + 7;  // block index before the last 0..7 shift

  // ------------------------------------------------------------------ types
  typedef struct packed {
    logic [HostAddrWidth-1:ClatBaseLsb] clat_base;
    logic [ClatEntriesWidth-1:0]        clat_entries;
    logic [Log2Width-1:0]               log2;
    logic                               usable;  // valid bit set and log2 in 12..32
  } bat_data_t;

  // Cache lines; their valid bits live in separate (reset) vectors.
  typedef struct packed {
    logic [FuncIdxWidth-1:0] func;
    logic [SvcIdxWidth-1:0]  service;
    bat_data_t               data;
    // clat_entries << log2 in 4 KiB pages (log2 >= 12 when usable): an offset is in range when
    // lim_hi is set or its page number is below lim_lo
    logic                          lim_hi;
    logic [OffsetWidth-1:PageBits] lim_lo;
  } bat_line_t;

  // A CLAT line translates one 4 KiB page of a block: the tag is the page number bits above the
  // index (the index's page bits are implied by the index and the function/service), the data
  // the page's host address (block address + the page's offset in the block, added at fill time).
  typedef struct packed {
    logic [FuncIdxWidth-1:0]         func;
    logic [SvcIdxWidth-1:0]          service;
    logic [PageTagWidth-1:0]         page;
    logic [HostAddrWidth-1:PageBits] page_addr;
    logic                            entry_valid;
  } clat_line_t;

  // The registered CLAT fill: the add making the page address runs between it and the cache.
  typedef struct packed {
    logic [FuncIdxWidth-1:0]             func;
    logic [SvcIdxWidth-1:0]              service;
    logic [PageTagWidth-1:0]             page;
    logic [HostAddrWidth-1:PageBits]     block_addr;
    logic [InBlockWidth-1:PageBits]      page_in_block;
    logic                                entry_valid;
  } clat_fill_t;

  typedef struct packed {
    logic [TagWidth-1:0]          tag;
    status_e                      status;
    logic [HostAddrWidth-1:0]     addr;   // the translated address (zeroed on output for errors)
    logic [FuncWidth-1:0]         func;
    logic [ServiceWidth-1:0]      service;
    logic                         old;
  } rsp_item_t;

  // One-hot (timing: every "entry is in state X" test is one flop, see in_st()).
  typedef enum logic [7:0] {
    MsFree     = 8'b0000_0001,
    MsBatReq   = 8'b0000_0010,  // BAT read to issue
    MsBatWait  = 8'b0000_0100,  // BAT read issued (AR queued or outstanding)
    MsBatData  = 8'b0000_1000,  // BAT data at hand (from the BAT cache), waiting for the bp stage
    MsBatProc  = 8'b0001_0000,  // BAT data in the post-processing stage this cycle
    MsClatReq  = 8'b0010_0000,  // CLAT read to issue
    MsClatWait = 8'b0100_0000,  // CLAT read issued
    MsDone     = 8'b1000_0000   // response computed, waiting for the miss response register
  } miss_state_e;

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

  // ------------------------------------------------------------------ helpers
  // State test on the one-hot encoding: `states` is one state or an OR of several.
  function automatic logic in_st(miss_state_e st, logic [7:0] states);
    return |(st & states);
  endfunction

  function automatic logic [BatIdxWidth-1:0] bat_hash(logic [FuncIdxWidth-1:0] f,
                                                      logic [SvcIdxWidth-1:0] s);
    logic [BatIdxWidth-1:0] h;
    h = '0;
    // Services of one function spread linearly; functions enter bit-reversed so that
    // (f, s) and (f+1, s) land far apart.
    for (int unsigned i = 0; i < SvcIdxWidth; i++) h[i % BatIdxWidth] ^= s[i];
    for (int unsigned i = 0; i < FuncIdxWidth; i++) h[BatIdxWidth - 1 - (i % BatIdxWidth)] ^= f[i];
    return h;
  endfunction

  function automatic logic [ClatIdxWidth-1:0] clat_hash(logic [FuncIdxWidth-1:0] f,
                                                        logic [SvcIdxWidth-1:0] s,
                                                        logic [ClatIdxWidth-1:0] page_lo);
    logic [ClatIdxWidth-1:0] h;
    // Consecutive 4 KiB pages of one service never conflict; service and function bits enter
    // bit-reversed from the top so that small (f, s) differences move far in the index.
    h = page_lo;
    for (int unsigned i = 0; i < SvcIdxWidth; i++)
      h[ClatIdxWidth - 1 - (i % ClatIdxWidth)] ^= s[i];
    for (int unsigned i = 0; i < FuncIdxWidth; i++)
      h[ClatIdxWidth - 1 - ((SvcIdxWidth + i) % ClatIdxWidth)] ^= f[i];
    return h;
  endfunction

  function automatic bat_data_t decode_bat(logic [HostAddrWidth-1:ClatBaseLsb] clat_base,
                                           logic [AxiDataWidth-1:0] w1);
    bat_data_t d;
    d.clat_base    = clat_base;
    d.clat_entries = w1[ClatEntriesWidth-1:0];
    d.log2         = w1[BatW1Log2Lsb+:Log2Width];
    d.usable       = w1[BatW1ValidBit] && (32'(d.log2) >= Log2BlockMin) &&
                     (32'(d.log2) <= Log2BlockMax);
    return d;
  endfunction

  // BAT word 1 again from decoded data (an entry that hit the BAT cache feeds the same stage).
  function automatic logic [AxiDataWidth-1:0] encode_w1(logic [ClatEntriesWidth-1:0] entries,
                                                        logic [Log2Width-1:0] log2, logic usable);
    logic [AxiDataWidth-1:0] w1;
    w1 = '0;
    w1[ClatEntriesWidth-1:0] = entries;
    w1[BatW1Log2Lsb+:Log2Width] = log2;
    w1[BatW1ValidBit] = usable;
    return w1;
  endfunction

  // Block index, in-block offset and block mask of `offset` for block size 2**log2 (12..32).
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

  function automatic logic [FuncIdxWidth-1:0] fidx_of(logic [FuncWidth-1:0] f);
    return (32'(f) < NumFunctions) ? FuncIdxWidth'(f) : '0;
  endfunction

  // ------------------------------------------------------------------ state
  // Cache lines: one write port (the registered fill) and one read port (the request's index), no
  // reset, so they map to distributed RAM instead of a flop array with a wide read mux (timing:
  // the read is in the request's handshake cycle). The tags are kept a second time in flops for
  // the invalidation compare, which looks at every line at once.
  bat_line_t  bat_cache_q  [BatCacheEntries];
  // The CLAT cache is two banks (index MSB), each compared in the request cycle; the bank bit
  // selects the compare result, not the line in front of the compare (timing).
  localparam int unsigned ClatBankEntries = ClatCacheEntries / 2;
  // Tags and data are separate memories: the tags are read in the request cycle, the data (page
  // address, valid bit) in S1 from the registered index (timing: the index fans out to the tag
  // RAMs only, about a third of the line).
  typedef struct packed {
    logic [FuncIdxWidth-1:0]         func;
    logic [SvcIdxWidth-1:0]          service;
    logic [PageTagWidth-1:0]         page;
  } clat_tag_t;
  typedef struct packed {
    logic [HostAddrWidth-1:PageBits] page_addr;
    logic                            entry_valid;
  } clat_data_t;
  clat_tag_t  clat_bank0_q [ClatBankEntries];
  clat_tag_t  clat_bank1_q [ClatBankEntries];
  clat_data_t clat_dbank0_q [ClatBankEntries];
  clat_data_t clat_dbank1_q [ClatBankEntries];
  typedef struct packed {
    logic [FuncIdxWidth-1:0] func;
    logic [SvcIdxWidth-1:0]  service;
  } line_tag_t;
  line_tag_t  bat_tag_q  [BatCacheEntries];
  line_tag_t  clat_tag_q [ClatCacheEntries];
  logic [BatCacheEntries-1:0]  bat_valid_q;
  logic [ClatCacheEntries-1:0] clat_valid_q;
  miss_entry_t me_q [MissSlots];
  miss_entry_t me_d [MissSlots];

  // S1
  logic                       s1_valid_q, s1_old_q, s1_missed_q, s1_func_ok_q, s1_svc_ok_q;
  logic                       s1_regs_ok_q, s1_bat_go_q;
  logic                       s1_lim_q;     // the function was at its miss limit (see in_lim)
  logic [TagWidth-1:0]        s1_tag_q;
  logic [FuncWidth-1:0]       s1_func_q;
  logic [ServiceWidth-1:0]    s1_service_q;
  logic [OffsetWidth-1:0]     s1_offset_q;
  logic [HostAddrWidth-1:BatEntryBytesLog2] s1_bat_base_q;
  logic [HostAddrWidth-1:0]   s1_bat_addr;
  bat_line_t                  s1_bline_q;
  logic                       s1_bvalid_q;
  clat_tag_t                  s1_cline_q;   // (the tag read in the request cycle: SVA)
  clat_data_t                 s1_cdata;     // the data, read in S1
  logic [ClatIdxWidth-1:0]    s1_cidx_q;
  logic                       s1_chaz_q;    // a fill at this index landed after the tag read
  logic                       s1_cvalid_q;
  // Replay register
  logic                       rp_valid_q;
  logic [TagWidth-1:0]        rp_tag_q;
  logic [FuncWidth-1:0]       rp_func_q;
  logic [ServiceWidth-1:0]    rp_service_q;
  logic [OffsetWidth-1:0]     rp_offset_q;
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
  // Hit queue (written by S1 only)
  rsp_item_t                  rq_mem_q [RspDepth];
  logic [RspDepth-1:0]        rq_valid_q;
  logic [RspPtrWidth-1:0]     rq_wptr_q, rq_rptr_q;
  logic [RspCntWidth-1:0]     rq_count_q;
  // Miss response register (the miss path's own one-item queue) and the output selection
  logic                       mr_valid_q;
  rsp_item_t                  mr_q;
  logic [InBlockWidth-1:0]    mr_off_q;     // offset in the block, added on the output
  logic                       out_hold_q;   // the response shown last clock was not taken ...
  logic                       out_hold_mr_q;  // ... and it came from the miss register

  // ------------------------------------------------------------------ invalidation register
  // The invalidation command is registered here first, predecoded (scope flags, whether the
  // function/service numbers fit a cache tag), and takes effect one clock after inval_i: its
  // compares against every cache tag, miss entry and queued response start from these flops
  // (timing: the register write decode and the fan-out are in different clocks). The configuration
  // may change a clock before the invalidation takes effect; that only marks more requests old
  // (a request that entered with the old configuration is in S1 when the invalidation takes
  // effect and is caught there), and `done` stays 0 while the command is in this register.
  typedef struct packed {
    logic                    valid;      // any scope
    logic                    all;        // valid, scope "all"
    logic                    fs;         // valid, scope "function" or "function+service"
    logic                    func_only;  // scope "function"
    logic                    f_fit;      // func < 2**FuncIdxWidth (can match a cache tag)
    logic                    s_fit;      // service < 2**SvcIdxWidth
    logic [FuncWidth-1:0]    func;
    logic [ServiceWidth-1:0] service;
  } inv_t;
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

  // (iv.valid is implied by iv.all / iv.fs; each function uses only the fields it needs)
  /* verilator lint_off UNUSEDSIGNAL */
  // Same as inval_covers(), on the registered command: full function/service numbers ...
  function automatic logic inv_covers(inv_t iv, logic [FuncWidth-1:0] func,
                                      logic [ServiceWidth-1:0] service);
    return iv.all || (iv.fs && func == iv.func && (iv.func_only || service == iv.service));
  endfunction
  // ... and cache-tag indices (FuncWidth'(tag) == func exactly when func fits and the bits match).
  function automatic logic inv_covers_tag(inv_t iv, logic [FuncIdxWidth-1:0] fidx,
                                          logic [SvcIdxWidth-1:0] sidx);
    return iv.all || (iv.fs && iv.f_fit && fidx == iv.func[FuncIdxWidth-1:0] &&
                      (iv.func_only || (iv.s_fit && sidx == SvcIdxWidth'(iv.service))));
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // ------------------------------------------------------------------ admission
  logic [MissCntWidth-1:0] miss_free, n_outstanding;
  logic [RspCntWidth-1:0]  rq_free;
  logic                    mport_ok;   // the miss path may load the miss response register
  logic                    can_accept;

  logic [MissSlots-1:0]    free_v, wait_v;
  logic                    free_ge2, out_ok;  // >= 2 entries free; < MaxMisses reads outstanding
  always_comb begin
    miss_free = '0;
    n_outstanding = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      free_v[e] = in_st(me_q[e].state, MsFree);
      wait_v[e] = in_st(me_q[e].state, MsBatWait | MsClatWait);
      if (free_v[e]) miss_free = miss_free + 1'b1;
      if (wait_v[e]) n_outstanding = n_outstanding + 1'b1;
    end
  end
  // The two count thresholds as truth tables over the per-entry bits when the table is small
  // (timing: a LUT function of flops instead of a popcount adder chain and a compare).
  // count_below_tbl(bits, k)[v] = fewer than k of v's bits set, for the first `bits` values of v.
  localparam int unsigned CntTblBits = (MissSlots <= 8) ? (1 << MissSlots) : 1;
  function automatic logic [255:0] count_below_tbl(int unsigned bits, int unsigned k);
    logic [255:0] t;
    t = '0;
    for (int unsigned v = 0; v < bits; v++) t[v] = ($countones(v) < k);
    return t;
  endfunction
  localparam logic [CntTblBits-1:0] FreeGe2Tbl = CntTblBits'(~count_below_tbl(CntTblBits, 2));
  if (MissSlots <= 8) begin : g_cnt_tbl
    assign free_ge2 = FreeGe2Tbl[free_v];
  end else begin : g_cnt_add
    assign free_ge2 = miss_free >= MissCntWidth'(2);
  end
  // Reads outstanding (= entries in a Wait state) are also counted in a register, and whether
  // another read may be issued is a flop (timing: the AR arbitration starts from flops).
  logic [MissCntWidth-1:0] reads_out_q, reads_base;
  logic                    out_ok_q, ar_issue, r_leaves_wait;
  assign out_ok = out_ok_q;

  assign rq_free    = RspCntWidth'(RspDepth) - rq_count_q;
  // One hit-queue slot for the S1 item and one for the new request; one miss slot for the S1
  // item (it may allocate) and one for the new request.
  assign can_accept = (rq_free > RspCntWidth'(s1_valid_q)) &&
                      (s1_valid_q ? free_ge2 : |free_v);  // miss_free > s1_valid_q

  // ------------------------------------------------------------------ cycle -1: input
  logic                    in_valid, accept;
  logic [TagWidth-1:0]     in_tag;
  logic [FuncWidth-1:0]    in_func;
  logic [ServiceWidth-1:0] in_service;
  logic [OffsetWidth-1:0]  in_offset;
  logic                    in_func_ok, in_svc_ok;
  logic [SvcIdxWidth-1:0]  req_sidx;
  logic [BatIdxWidth-1:0]  in_bat_idx;
  logic [ClatIdxWidth-1:0] in_clat_idx;
  logic [HostAddrWidth-1:BatEntryBytesLog2] in_bat_base;

  // A replay has priority over new requests (it is older).
  assign in_valid   = rp_valid_q || req_valid_i;
  assign in_tag     = rp_valid_q ? rp_tag_q : req_tag_i;
  assign in_func    = rp_valid_q ? rp_func_q : req_func_i;
  assign in_service = rp_valid_q ? rp_service_q : req_service_i;
  assign in_offset  = rp_valid_q ? rp_offset_q : req_offset_i;
  assign accept     = in_valid && can_accept;
  assign req_ready_o = can_accept && !rp_valid_q;

  // The cache index uses the function number's low bits as they are (the tag compare does too;
  // an out-of-range function is answered FUNC_INVALID whatever line it reads): no range check
  // in front of the cache read (timing).
  // The caches are read for new requests only, straight from the request port (timing: no replay
  // mux in front of the cache index and the tag compares). A replay never hits: it fetches its
  // tables again (replays are rare: only requests an invalidation caught in flight).
  assign req_sidx    = SvcIdxWidth'(req_service_i);
  assign in_bat_idx  = bat_hash(FuncIdxWidth'(req_func_i), req_sidx);
  logic in_bat_range;  // the request's offset against the BAT line's limit
  assign in_bat_range = bat_cache_q[in_bat_idx].lim_hi ||
                        (req_offset_i[OffsetWidth-1:PageBits] < bat_cache_q[in_bat_idx].lim_lo);
  assign in_clat_idx = clat_hash(FuncIdxWidth'(req_func_i), req_sidx,
                                 req_offset_i[PageBits+:ClatIdxWidth]);
  clat_tag_t in_cline0, in_cline1;
  assign in_cline0 = clat_bank0_q[in_clat_idx[ClatIdxWidth-2:0]];
  assign in_cline1 = clat_bank1_q[in_clat_idx[ClatIdxWidth-2:0]];
  // The tag compare (function, service, page bits above the index) in four registered parts
  // (timing: two LUT levels per part in the request cycle; S1 ANDs the selected bank's parts).
  localparam int unsigned TagBits = $bits(clat_tag_t);
  function automatic logic [3:0] clat_tag_parts(clat_tag_t l);
    logic [TagBits-1:0] want, got;
    logic [3:0]         parts;
    want = {FuncIdxWidth'(req_func_i), req_sidx, req_offset_i[OffsetWidth-1:PageTagLsb]};
    got  = l;
    parts = '1;
    for (int unsigned b = 0; b < TagBits; b++) begin
      if (want[b] != got[b]) parts[b % 4] = 1'b0;
    end
    return parts;
  endfunction
  // Register checks without a range compare in front of the selection (timing): the function
  // number's low bits select one of 2**FuncIdxWidth slots (slots >= NumFunctions read disabled),
  // its high bits must be 0; the service is compared against every function's
  // min(BAT_ENTRIES, BatEntries) in parallel, then selected.
  localparam int unsigned FuncSlots = 1 << FuncIdxWidth;
  logic [FuncIdxWidth-1:0]                  in_ftr;
  logic [FuncSlots-1:0]                     slot_en, slot_svc_ok;
  logic [FuncSlots-1:0][HostAddrWidth-1:BatEntryBytesLog2] slot_base;
  always_comb begin
    slot_en     = '0;
    slot_svc_ok = '0;
    slot_base   = '0;
    for (int unsigned f = 0; f < NumFunctions; f++) begin
      slot_en[f]     = cfg_enable_i[f];
      slot_svc_ok[f] = in_service < ((32'(cfg_bat_entries_i[f]) < BatEntries) ?
                                     cfg_bat_entries_i[f] : 8'(BatEntries));
      slot_base[f]   = cfg_bat_base_i[f][HostAddrWidth-1:BatEntryBytesLog2];
    end
  end
  assign in_ftr      = FuncIdxWidth'(in_func);
  assign in_func_ok  = ((in_func >> FuncIdxWidth) == '0) && slot_en[in_ftr];
  assign in_svc_ok   = slot_svc_ok[in_ftr];
  // BAT entry address = BAT base + 16 * service, added in S1 (off the request-cycle path).
  assign in_bat_base = slot_base[in_ftr];

  // ------------------------------------------------------------------ S1: compare, add, decide
  logic                     s1_bat_hit, s1_clat_hit, s1_block_ok, s1_done;
  logic                     s1_alloc, s1_alloc_bat, s1_stale;
  status_e                  s1_status;
  logic [FuncIdxWidth-1:0]  s1_fidx;
  logic [SvcIdxWidth-1:0]   s1_sidx;
  logic                     s1_block_ok_q, s1_btag_ok_q;
  logic [3:0]               s1_ctag0_ok_q, s1_ctag1_ok_q;
  logic                     s1_cbank_q, s1_cuse_q;

  assign s1_fidx = FuncIdxWidth'(s1_func_q);
  assign s1_bat_addr = {s1_bat_base_q, BatEntryBytesLog2'(0)} +
                       (HostAddrWidth'(s1_service_q) << BatEntryBytesLog2);
  assign s1_sidx = SvcIdxWidth'(s1_service_q);
  // Tag compares made in the request cycle off the cache reads and registered (timing: S1's
  // hit/miss decision starts from flops); the valid bits are read there too.
  assign s1_bat_hit  = s1_btag_ok_q;  // (valid bit included, see the S1 flops)
  assign s1_clat_hit = s1_cuse_q && !s1_chaz_q && (s1_cbank_q ? &s1_ctag1_ok_q : &s1_ctag0_ok_q);
  assign s1_cdata    = s1_cidx_q[ClatIdxWidth-1] ? clat_dbank1_q[s1_cidx_q[ClatIdxWidth-2:0]]
                                                 : clat_dbank0_q[s1_cidx_q[ClatIdxWidth-2:0]];
  // Block range check against the BAT line's limit: compared in the request cycle, straight off
  // the cache read, and registered (timing: the 41-bit carry chain is off the S1 decision).
  assign s1_block_ok = s1_block_ok_q;
  logic unused_s1_limit;  // S1's copy of the limit is not used (its flops are optimised away)
  assign unused_s1_limit = ^{s1_bline_q.lim_hi, s1_bline_q.lim_lo};
  assign s1_stale = s1_old_q || inv_covers(inv_q, s1_func_q, s1_service_q);


  // Priority: register errors; a CLAT line for this very block answers by itself (it was filled
  // through this function/service's BAT entry); else the BAT line decides or a miss starts.
  // The decision is a function of four flops (timing: register checks, hits and the BAT line's
  // usability and range are each combined in the request cycle); the status is data.
  // (s1_lim_q: the function is at its miss limit; such a miss is answered MISS_LIMIT instead. Its
  // own flop rather than folded into s1_regs_ok_q: timing, the limit's count stays off the request
  // cycle's register-check path)
  assign s1_alloc     = s1_regs_ok_q && !s1_lim_q && !s1_clat_hit && (!s1_bat_hit || s1_bat_go_q);
  assign s1_alloc_bat = s1_regs_ok_q && !s1_lim_q && !s1_clat_hit && s1_bat_hit && s1_bat_go_q;
  assign s1_done      = !s1_alloc;
  always_comb begin
    s1_status = StOk;
    if (!s1_func_ok_q) s1_status = StFuncInvalid;
    else if (!s1_svc_ok_q) s1_status = StServiceRange;
    else if (s1_clat_hit) s1_status = s1_cdata.entry_valid ? StOk : StClatInvalid;
    // over the limit and memory needed (no BAT line, or a usable in-range one): not allocated
    else if (s1_lim_q && (!s1_bat_hit || s1_bat_go_q)) s1_status = StMissLimit;
    else if (!s1_bline_q.data.usable) s1_status = StBatInvalid;
    else if (!s1_block_ok) s1_status = StBlockRange;
  end


  // ------------------------------------------------------------------ miss limit per function
  // Entries the incoming request's function holds now, plus the S1 item if it is of the same
  // function and allocates in this clock (it is in the table when the request reaches S1). An entry
  // leaving in this clock still counts: its request is not answered yet, so the limit never
  // applies to a function with fewer than MaxMissesPerFunc requests outstanding.
  logic [MissSlots:0] fn_held_v;  // [MissSlots]: the S1 item
  logic               in_lim;     // the request's function is at its limit
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) fn_held_v[e] = !free_v[e] && (me_q[e].func == in_func);
    fn_held_v[MissSlots] = s1_valid_q && s1_alloc && (s1_func_q == in_func);
  end
  localparam int unsigned LimTblBits = (MissSlots < 8) ? (1 << (MissSlots + 1)) : 1;
  localparam logic [LimTblBits-1:0] LimTbl =
      LimTblBits'(~count_below_tbl(LimTblBits, MaxMissesPerFunc));
  if (MissSlots < 8) begin : g_lim_tbl
    // a truth table over the per-entry bits (timing: no popcount adder chain, see free_ge2)
    assign in_lim = LimTbl[fn_held_v];
  end else begin : g_lim_add
    logic [MissCntWidth:0] fn_held;
    always_comb begin
      fn_held = '0;
      for (int unsigned e = 0; e <= MissSlots; e++) fn_held = fn_held + (MissCntWidth + 1)'(fn_held_v[e]);
    end
    assign in_lim = 32'(fn_held) >= MaxMissesPerFunc;
  end

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
  logic [BatIdxWidth-1:0]   bp_bat_idx;

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
  assign bp_stale     = me_q[bp_idx_q].stale || inv_covers(inv_q, bp_func_q, bp_service_q);
  // Only data fresh from memory is cached (data from the BAT cache is there already).
  assign bp_fill      = bp_valid_q && bp_from_mem_q && !bp_stale && !bp_err_q;
  assign bp_bat_idx   = bat_hash(FuncIdxWidth'(bp_func_q), SvcIdxWidth'(bp_service_q));

  always_comb begin
    bp_status = StOk;
    if (bp_err_q) bp_status = StBusError;
    else if (!bp_usable) bp_status = StBatInvalid;
    else if (!bp_in_range) bp_status = StBlockRange;
  end
  // No error, usable, in range (made at load time: timing); ar_from_bp also needs "not stale".
  assign bp_to_clat = bp_to_clat_q;

  // ------------------------------------------------------------------ cache fill registers
  // A registered fill is dropped if an invalidation takes effect while it waits (one
  // cycle); one covered in the cycle it was registered never got here (bp_stale/r_clat_stale).
  logic                   bf_valid_q, cf_valid_q, bf_write, cf_write;
  logic [BatIdxWidth-1:0] bf_idx_q;
  logic [ClatIdxWidth-1:0] cf_idx_q;
  bat_line_t              bf_line_q;
  clat_fill_t             cf_line_q;
  clat_line_t             cf_line;
  // A fill waiting while any invalidation takes effect is dropped (timing: no tag compare in
  // front of the valid bits; a dropped fill only costs a later miss).
  assign bf_write = bf_valid_q && !inv_q.valid;
  assign cf_write = cf_valid_q && !inv_q.valid;
  assign cf_line  = '{
      func:        cf_line_q.func,
      service:     cf_line_q.service,
      page:        cf_line_q.page,
      page_addr:   cf_line_q.block_addr + (HostAddrWidth - PageBits)'(cf_line_q.page_in_block),
      entry_valid: cf_line_q.entry_valid
  };

  // ------------------------------------------------------------------ miss-table arbitration
  // All selections are one-hot vectors computed in parallel from registered state, so that each
  // entry's next state is a shallow mux of its own events (timing: no chain of indexed writes).
  logic [MissSlots-1:0] is_free, is_done, is_rep, is_req, is_bdata, is_batwait, is_clatwait;
  logic [MissSlots-1:0] free_oh, done_oh, rep_oh, arb_oh, bdata_oh;
  logic [MissIdxWidth-1:0] free_idx, rep_idx, arb_idx, bdata_idx;
  logic                    done_any, rep_any, arb_any, bdata_any;

  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      is_free[e]  = in_st(me_q[e].state, MsFree);
      is_done[e]  = in_st(me_q[e].state, MsDone) && !me_q[e].stale;
      is_rep[e]   = !in_st(me_q[e].state, MsFree) && me_q[e].replay;
      is_req[e]   = in_st(me_q[e].state, MsBatReq | MsClatReq) && !me_q[e].stale;
      is_bdata[e] = in_st(me_q[e].state, MsBatData) && !me_q[e].stale;
      is_batwait[e]  = in_st(me_q[e].state, MsBatWait);
      is_clatwait[e] = in_st(me_q[e].state, MsClatWait);
    end
  end

  // ------------------------------------------------------------------ R channel
  logic                     r_bat, r_clat, r_clat_stale, r_clat_fill, r_err, r_id_ok;
  logic [MissIdxWidth-1:0]  r_idx;
  status_e                  r_status;
  logic [HostAddrWidth-1:0] r_addr;
  logic [ClatIdxWidth-1:0]  r_clat_idx;

  assign m_axi_rready_o = 1'b1;  // every entry has room for its own data: never back-pressure R
  assign r_id_ok = 32'(m_axi_rid_i) < MissSlots;
  assign r_idx   = r_id_ok ? MissIdxWidth'(m_axi_rid_i) : '0;
  // Per-entry decode of RID ANDed with registered per-entry state (one-hot AND-OR instead of an
  // indexed read: the R channel is an input, keep its control paths shallow).
  logic [MissSlots-1:0] stale_v;  // the registered stale bits
  always_comb for (int unsigned e = 0; e < MissSlots; e++) stale_v[e] = me_q[e].stale;
  // A beat belongs to entry e only while e's read is outstanding: its AR was accepted (an entry
  // whose AR still waits in the AR register has nothing outstanding; a beat with its RID is a stray
  // from the interconnect) and its burst has not ended (the entry is in a Wait state until RLAST).
  // Beats that belong to no entry are dropped (counted in AXI_PROTO_ERR).
  // ar_pend_v: the AR register holds entry e's read, not yet accepted (a compare of the AR
  // register's ID: flops beside the AR register cost more LUTs and Fmax than the compare).
  // r_id_v (the RID decode alone) selects data wherever the decision that uses it is made from
  // r_here_v anyway (r_bat / r_clat and the entries' next state): timing, the AR-pending mask
  // stays off the wide data selections.
  logic [MissSlots-1:0] r_here_v, r_id_v, r_stale_v, ar_pend_v, err_v;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      ar_pend_v[e] = ar_valid_q && (32'(ar_id_q) == e);
      err_v[e]     = me_q[e].err;
      r_id_v[e]    = m_axi_rvalid_i && (32'(m_axi_rid_i) == e);
      r_here_v[e]  = r_id_v[e] && !ar_pend_v[e];
      r_stale_v[e] = me_q[e].stale || inv_covers(inv_q, me_q[e].func, me_q[e].service);
    end
  end
  assign r_bat  = |(r_here_v & is_batwait);
  assign r_clat = |(r_here_v & is_clatwait);
  assign r_err   = m_axi_rresp_i[1];  // SLVERR or DECERR (bit 0 only tells EXOKAY/DECERR apart)
  logic unused_rresp0;
  assign unused_rresp0 = m_axi_rresp_i[0];
  assign r_clat_stale = |(r_id_v & r_stale_v);  // up to this clock: nothing is cached from it
  // The response decisions use the registered stale bits (timing); a CLAT return an invalidation
  // covers in this very clock goes into the miss register marked `old` (done waits for it).
  logic r_clat_was_stale;
  assign r_clat_was_stale = |(r_id_v & stale_v);
  // A CLAT read must be exactly one beat: a beat without RLAST marks the entry (err), which then
  // waits for the burst's RLAST beat and answers BUS_ERROR; nothing from such a burst is cached.
  logic r_ent_err;  // the entry of this beat saw an error beat or a missing RLAST before
  assign r_ent_err   = |(r_id_v & err_v);  // (with r_clat: the same entry)
  assign r_clat_fill = r_clat && !r_clat_stale && !r_err && !r_ent_err && m_axi_rlast_i;
  assign r_clat_idx  = clat_hash(FuncIdxWidth'(me_q[r_idx].func), SvcIdxWidth'(me_q[r_idx].service),
                                 me_q[r_idx].offset[PageBits+:ClatIdxWidth]);

  always_comb begin
    r_addr = '0;
    if (r_err || r_ent_err) r_status = StBusError;  // (used on the RLAST beat only)
    else if (!m_axi_rdata_i[ClatValidBit]) r_status = StClatInvalid;
    else begin
      r_status = StOk;
      r_addr = {m_axi_rdata_i[HostAddrWidth-1:PageBits], PageBits'(0)};  // + inblock: m_item
    end
  end

  // Malformed beats for AXI_PROTO_ERR: a beat no entry takes; a BAT beat after the first without
  // RLAST (one per beat too many); RLAST on a BAT burst's first beat; a CLAT beat without RLAST.
  logic [MissSlots-1:0] beat_v;
  always_comb for (int unsigned e = 0; e < MissSlots; e++) beat_v[e] = me_q[e].beat;
  logic r_beat_seen;
  assign r_beat_seen     = |(r_id_v & beat_v);
  assign axi_proto_err_o = (m_axi_rvalid_i && !r_bat && !r_clat) ||
                           (r_bat && (r_beat_seen ? !m_axi_rlast_i : m_axi_rlast_i)) ||
                           (r_clat && !m_axi_rlast_i);

  // Lowest set bit, as an AND with "no lower bit set" per entry (not v & -v: that is a carry
  // chain in the FPGA's adder cells).
  function automatic logic [MissSlots-1:0] lowest_oh(logic [MissSlots-1:0] v);
    logic [MissSlots-1:0] oh;
    logic                 below;
    below = 1'b0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      oh[e] = v[e] && !below;
      below = below || v[e];
    end
    return oh;
  endfunction
  function automatic logic [MissIdxWidth-1:0] oh2idx(logic [MissSlots-1:0] oh);
    logic [MissIdxWidth-1:0] idx;
    idx = '0;
    for (int unsigned e = 0; e < MissSlots; e++) if (oh[e]) idx |= MissIdxWidth'(e);
    return idx;
  endfunction

  assign free_oh   = lowest_oh(is_free);
  // Registered like the AR arbiter's choice: the parked Done entry to move into the miss
  // response register next (entries only park there while that register is busy).
  logic [MissSlots-1:0] done_oh_q;
  logic                 done_any_q;
  assign done_oh   = done_oh_q & is_done;
  // Registered like the AR arbiter's choice: the replaying entry the replay register takes next.
  logic [MissSlots-1:0] rep_oh_q;
  assign rep_oh    = rep_oh_q & is_rep;
  // The AR arbiter's choice among entries waiting to issue is registered (timing: the AR data
  // select starts from flops). An entry chosen a clock ago issues if it still waits; entries
  // only wait here when the AR register was busy, so the extra clock is not on a miss's
  // unopposed path.
  logic [MissSlots-1:0] arb_oh_q;
  logic                 arb_any_q;
  assign arb_oh    = arb_oh_q & is_req;
  // Registered like the AR arbiter's choice: the entry with cached BAT data to load into the
  // post-processing stage next (one clock on a path without a BAT read).
  logic [MissSlots-1:0] bdata_oh_q;
  assign bdata_oh  = bdata_oh_q & is_bdata;
  assign free_idx  = oh2idx(free_oh);
  assign rep_idx   = oh2idx(rep_oh_q);
  assign arb_idx   = oh2idx(arb_oh_q);
  assign bdata_idx = oh2idx(bdata_oh_q);
  assign done_any  = |done_oh;  // the registered choice is still Done
  assign rep_any   = |rep_oh;  // the registered choice still wants to replay
  assign arb_any   = |arb_oh;  // the registered choice still waits
  assign bdata_any = |bdata_oh;  // the registered choice still has its data waiting

  // AR register load: priority BAT post-processing > waiting entries > S1 BAT miss.
  logic ar_from_bp, ar_from_arb, ar_from_s1, ar_load_ok, s1_direct;
  assign ar_issue      = ar_from_bp || ar_from_arb || ar_from_s1;
  // An entry leaves its Wait state on its burst's RLAST beat (BAT or CLAT), never earlier: its
  // ARID is not reused while beats of the old burst may still come.
  assign r_leaves_wait = (r_bat || r_clat) && m_axi_rlast_i;
  assign reads_base    = reads_out_q - MissCntWidth'(r_leaves_wait);
  assign ar_load_ok  = (!ar_valid_q || m_axi_arready_i) &&
                       out_ok;  // n_outstanding < MaxMisses
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
  assign ar_from_arb = ar_load_ok && !bp_claim && arb_any;
  assign s1_direct   = s1_valid_q && s1_alloc && !s1_alloc_bat && !s1_old_q;
  // (arb_any_q, like the AR data select: a stale choice just leaves the register idle a clock)
  assign ar_from_s1  = ar_load_ok && !bp_claim && !arb_any_q && s1_direct;

  // Post-processing stage load: a BAT burst's last beat, else an entry with cached BAT data.
  logic bp_from_r, bp_from_data;
  assign bp_from_r    = r_bat && m_axi_rlast_i;
  assign bp_from_data = !(m_axi_rvalid_i && m_axi_rlast_i) && bdata_any;

  // What the post-processing stage loads: selected by "an R last beat arrives" (two input bits;
  // a CLAT beat in that clock just delays an entry with cached BAT data by a clock), so the
  // field muxes, the size decode and the increment do not wait for the R-channel decode.
  logic                               bl_sel_r, bl_err, bl_stale;
  logic [MissIdxWidth-1:0]            bl_idx;
  logic [AxiDataWidth-1:0]            bl_w1;
  logic [HostAddrWidth-1:ClatBaseLsb] bl_base;
  logic [NumSizes-1:0]                bl_oh;
  assign bl_sel_r = m_axi_rvalid_i && m_axi_rlast_i;
  assign bl_idx   = bl_sel_r ? r_idx : bdata_idx;
  assign bl_w1    = me_q[bl_idx].w1;
  // A one-beat "burst" is malformed: count it as a bus error.
  assign bl_err   = bl_sel_r && (me_q[r_idx].err || r_err || !me_q[r_idx].beat);
  assign bl_base  = bl_sel_r ? m_axi_rdata_i[HostAddrWidth-1:ClatBaseLsb]  // word 1: CLAT base
                              : me_q[bdata_idx].clat_base;
  // (registered stale bits only: see MsBatProc)
  assign bl_stale = |((bl_sel_r ? r_id_v : bdata_oh) & stale_v);
  logic [MissSlots-1:0] bl_ok_v, bl_beat_v, bl_usable_v;  // not stale, usable, no error; first beat seen
  logic                 bl_in_range, bl_usable, bl_go;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      bl_ok_v[e]   = !me_q[e].stale && me_q[e].usable && !me_q[e].err;
      bl_beat_v[e] = me_q[e].beat;
      bl_usable_v[e] = me_q[e].usable;
    end
  end

  // (no saturation step: the bits above the offset width are just ORed; timing)
  assign bl_oh    = me_q[bl_idx].oh;
  // In range: the entry's offset against the limit made from word 0, for every entry at once,
  // selected by RID. Offsets compare in 4 KiB pages (log2 >= 12 for any usable entry, so the
  // low bits never decide).
  logic [MissSlots-1:0] bl_in_range_v;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      bl_in_range_v[e] = me_q[e].lim_hi || (me_q[e].offset[OffsetWidth-1:PageBits] < me_q[e].lim_lo);
    end
  end
  // The block index of the entry whose last beat arrives: each entry's second shift step, then
  // selected by RID.
  logic [BlockWidth-1:0] bl_block_r;
  logic [BlockWidth-1:0] bl_block_v [MissSlots];
  always_comb begin
    bl_block_r = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      bl_block_v[e] = BlockWidth'(me_q[e].bcoarse >> me_q[e].blog2lo);
      bl_block_r = bl_block_r | (bl_block_v[e] & {BlockWidth{r_id_v[e]}});
    end
  end
  // per-entry bits selected one-hot (timing: no field select in front)
  // (r_id_v: bp_valid_q, from r_bat, says whether these are used)
  assign bl_in_range = !bl_sel_r || (|(r_id_v & bl_in_range_v));
  assign bl_usable   = bl_sel_r ? |(r_id_v & bl_usable_v) : |(bdata_oh_q & bl_usable_v);
  assign bl_go       = bl_sel_r ? (|(r_id_v & bl_ok_v & bl_beat_v) && !r_err)
                                : (|(bdata_oh_q & bl_ok_v));
  // Word 0 of a BAT burst (its first beat), decoded for the entry it belongs to.
  logic [NumSizes-1:0] r_oh;
  logic [63:PageBits]  r_lim;  // clat_entries << log2 (bits >= 12)
  always_comb begin
    for (int unsigned k = 0; k < NumSizes; k++) begin
      r_oh[k] = m_axi_rdata_i[BatW1ValidBit] &&
                (32'(m_axi_rdata_i[BatW1Log2Lsb+:Log2Width]) == k + Log2BlockMin);
    end
  end
  assign r_lim = (64 - PageBits)'((64'(m_axi_rdata_i[ClatEntriesWidth-1:0]) <<
                                   m_axi_rdata_i[BatW1Log2Lsb+:Log2Width]) >> PageBits);

  // Miss response register load: a parked Done entry first (oldest work), else a CLAT return.
  logic mq_from_done, mq_from_r, rp_load;
  assign mq_from_done = mport_ok && done_any;
  assign mq_from_r    = mport_ok && !done_any_q && r_clat && m_axi_rlast_i && !r_clat_was_stale;
  assign rp_load      = !rp_valid_q && rep_any;

  // ------------------------------------------------------------------ miss-table next state
  miss_entry_t new_s1;
  always_comb begin
    new_s1 = '0;
    new_s1.state     = s1_alloc_bat ? MsBatData : (ar_from_s1 ? MsBatWait : MsBatReq);
    new_s1.stale     = s1_stale;
    new_s1.replay    = s1_old_q;  // no read issued for it (s1_direct): replays at once
    new_s1.tag       = s1_tag_q;
    new_s1.func      = s1_func_q;
    new_s1.service   = s1_service_q;
    new_s1.offset    = s1_offset_q;
    new_s1.cblock    = block_of(s1_offset_q, s1_bline_q.data.log2);
    for (int unsigned k = 0; k < NumSizes; k++) begin
      new_s1.oh[k] = s1_bline_q.data.usable && (32'(s1_bline_q.data.log2) == k + Log2BlockMin);
    end
    new_s1.usable    = s1_bline_q.data.usable;
    new_s1.addr      = s1_bat_addr;
    new_s1.clat_base = s1_bline_q.data.clat_base;
    new_s1.w1        = encode_w1(s1_bline_q.data.clat_entries, s1_bline_q.data.log2,
                                 s1_bline_q.data.usable);
  end

  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      logic r_here, bp_here, covered;
      r_here  = r_here_v[e];
      bp_here = bp_valid_q && (32'(bp_idx_q) == e);
      covered = inv_covers(inv_q, me_q[e].func, me_q[e].service);
      me_d[e] = me_q[e];
      case (1'b1)  // one-hot (a_miss_state_onehot); not `unique`: random state before reset
        in_st(me_q[e].state, MsFree): begin
          // The data is written into the next free entry every cycle (it is free, so nothing is
          // lost); only the state flops wait for S1's compare result (timing: the hit/miss
          // decision does not gate ~300 flops per entry).
          if (free_oh[e]) begin
            me_d[e] = new_s1;
            if (!(s1_valid_q && s1_alloc)) me_d[e].state = MsFree;
          end
        end
        in_st(me_q[e].state, MsBatReq | MsClatReq | MsBatData | MsDone): begin
          // Covered by an earlier invalidation: restart (nothing in flight to wait for).
          if (me_q[e].stale) me_d[e].replay = 1'b1;  // (arbiters skip stale entries)
          else if (ar_from_arb && arb_oh[e]) begin
            me_d[e].state = in_st(me_q[e].state, MsBatReq) ? MsBatWait : MsClatWait;
          end else if (bp_from_data && bdata_oh[e]) me_d[e].state = MsBatProc;
          else if (mq_from_done && done_oh[e]) me_d[e].state = MsFree;
        end
        in_st(me_q[e].state, MsBatWait): begin
          // Word 0 (the size fields) decoded for this entry: taken from the R data every clock
          // until the entry's first beat has arrived, i.e. whatever the RID (timing: each entry
          // keeps its own shifter; with the RID in the enable, resource sharing would fold the
          // six shifters into one behind an RID-selected offset).
          if (!me_q[e].beat) begin
            me_d[e].w1     = m_axi_rdata_i;
            me_d[e].oh     = r_oh;
            me_d[e].usable = |r_oh;
            me_d[e].bcoarse = CoarseWidth'(me_q[e].offset >> {m_axi_rdata_i[BatW1Log2Lsb+3+:3], 3'b000});
            me_d[e].blog2lo = m_axi_rdata_i[BatW1Log2Lsb+:3];
            me_d[e].lim_hi = |r_lim[63:OffsetWidth];
            me_d[e].lim_lo = r_lim[OffsetWidth-1:PageBits];
          end
          if (r_here) begin
            // A second beat without RLAST: the burst is longer than two beats (BUS_ERROR; the
            // entry waits for RLAST). RLAST on the first beat: bl_err (!beat).
            me_d[e].err = me_q[e].err || r_err || (me_q[e].beat && !m_axi_rlast_i);
            me_d[e].beat = 1'b1;
            if (m_axi_rlast_i) me_d[e].state = MsBatProc;
          end
        end
        in_st(me_q[e].state, MsBatProc): begin
          if (bp_here) begin
            // Data is written whatever the outcome (timing): addr is the CLAT read address or,
            // for an error, ignored (the output zeroes the address of any error).
            me_d[e].addr    = bp_clat_addr;
            me_d[e].inblock = bp_inblock;
            me_d[e].status  = bp_status;
            // The CLAT read is issued on the stale state registered at load time (timing); an
            // entry an invalidation covered in that very clock drops the data on return.
            if (ar_from_bp) me_d[e].state = MsClatWait;
            else if (me_q[e].stale) begin
              me_d[e].state  = MsDone;  // parked: a stale Done is never written out
              me_d[e].replay = 1'b1;
            end else if (bp_to_clat) begin
              me_d[e].state = MsClatReq;
            end else begin
              me_d[e].state = MsDone;
            end
          end
        end
        in_st(me_q[e].state, MsClatWait): begin
          if (r_here && !m_axi_rlast_i) begin
            me_d[e].err = 1'b1;  // RLAST missing: more beats follow; wait for the RLAST beat
          end else if (r_here) begin
            me_d[e].status = r_status;
            me_d[e].addr   = r_addr;
            if (me_q[e].stale) begin
              me_d[e].state  = MsDone;  // parked: a stale Done is never written out
              me_d[e].replay = 1'b1;
            end else if (mq_from_r) me_d[e].state = MsFree;
            else me_d[e].state = MsDone;
          end
        end
        default: me_d[e].state = MsFree;
      endcase
      // A replaying entry leaves when the replay register takes it.
      if (me_q[e].replay && rp_load && rep_oh[e]) me_d[e].state = MsFree;
      // Invalidation marks every live entry it covers (a new entry carries it in new_s1).
      if (!in_st(me_q[e].state, MsFree) && covered) me_d[e].stale = 1'b1;
    end
  end

  // ------------------------------------------------------------------ hit queue and miss register
  rsp_item_t h_item, m_item, out_item;
  logic      h_wr, m_wr, rq_pop, mr_pop, out_mr;

  assign h_wr = s1_valid_q && s1_done;
  always_comb begin
    h_item.tag     = s1_tag_q;
    h_item.status  = s1_status;
    h_item.addr    = {s1_cdata.page_addr, s1_offset_q[PageBits-1:0]};  // no add on a hit
    h_item.func    = s1_func_q;
    h_item.service = s1_service_q;
    h_item.old     = s1_stale;
  end

  assign m_wr = mq_from_done || mq_from_r;
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
  assign m_sel_oh = done_any_q ? done_oh_q : r_id_v;  // (mr_valid_q: from mq_from_r, r_clat)
  always_comb begin
    m_tag     = '0;
    m_status  = StOk;
    m_addr    = '0;
    m_off     = '0;
    m_func    = '0;
    m_service = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      m_covered_v[e] = inv_covers(inv_q, me_q[e].func, me_q[e].service);
      if (m_sel_oh[e]) begin
        m_tag     = m_tag | me_q[e].tag;
        m_status  = status_e'(m_status | me_q[e].status);
        m_addr    = m_addr | me_q[e].addr;
        m_off     = m_off | me_q[e].inblock;
        m_func    = m_func | me_q[e].func;
        m_service = m_service | me_q[e].service;
      end
    end
    m_item.tag     = m_tag;
    m_item.status  = done_any_q ? m_status : r_status;
    m_item.addr    = done_any_q ? m_addr : r_addr;  // block address; + m_off on the output
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

  // Counter events: a replayed request read memory before, so it counts as a miss, unless the
  // replay ends in a register-level error (the configuration changed while its read was in
  // flight): FUNC_INVALID / SERVICE_RANGE count in neither HIT_CNT nor MISS_CNT. Nor does
  // MISS_LIMIT (answered without a read for it, but not from the caches either).
  logic s1_missed, s1_reg_err;
  assign s1_missed  = s1_missed_q;
  assign s1_reg_err = s1_status inside {StFuncInvalid, StServiceRange, StMissLimit};
  always_comb begin
    rsp_event_o[0].valid  = h_wr;
    rsp_event_o[0].status = s1_status;
    rsp_event_o[0].miss   = s1_missed && !s1_reg_err;
    rsp_event_o[0].hit    = !s1_missed && !s1_reg_err;
    rsp_event_o[1].valid  = m_wr;
    rsp_event_o[1].status = m_item.status;
    rsp_event_o[1].miss   = 1'b1;
    rsp_event_o[1].hit    = 1'b0;
  end

  // Reads issued before an invalidation took effect and still outstanding (any function): an
  // entry in a Wait state while an invalidation takes effect is marked, and the mark goes when it
  // leaves the Wait state (its burst's RLAST beat). `done` waits for them, as an ATS invalidation
  // completion waits for the requests before it: once software sees done=1 the device no longer
  // reads the old tables (a memory that never answers a read keeps done at 0).
  logic [MissSlots-1:0] pre_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) pre_q <= '0;
    else begin
      for (int unsigned e = 0; e < MissSlots; e++) begin
        pre_q[e] <= in_st(me_d[e].state, MsBatWait | MsClatWait) && (pre_q[e] || inv_q.valid);
      end
    end
  end

  // Invalidation is complete when no item holding pre-invalidation data and no read issued
  // before it is left.
  logic any_old;
  always_comb begin
    any_old = (s1_valid_q && s1_old_q) || (mr_valid_q && mr_q.old);
    for (int unsigned i = 0; i < RspDepth; i++) begin
      if (rq_valid_q[i] && rq_mem_q[i].old) any_old = 1'b1;
    end
  end
  assign inval_done_o = !any_old && !(|pre_q) && !inval_i.valid && !inv_q.valid;

  // ------------------------------------------------------------------ AXI AR outputs
  assign m_axi_arvalid_o = ar_valid_q;
  assign m_axi_arid_o    = AxiIdWidth'(ar_id_q);
  assign m_axi_araddr_o  = ar_addr_q;
  assign m_axi_arlen_o   = ar_bat_q ? AxiLenBat : AxiLenClat;
  assign m_axi_arsize_o  = AxiSize8B;
  assign m_axi_arburst_o = AxiBurstIncr;

  // ------------------------------------------------------------------ flops: control
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_valid_q <= 1'b0;
      bf_valid_q <= 1'b0;
      cf_valid_q <= 1'b0;
      rp_valid_q <= 1'b0;
      bp_valid_q <= 1'b0;
      ar_valid_q <= 1'b0;
      reads_out_q <= '0;
      arb_oh_q   <= '0;
      done_oh_q  <= '0;
      bdata_oh_q <= '0;
      rep_oh_q   <= '0;
      done_any_q <= 1'b0;
      arb_any_q  <= 1'b0;
      out_ok_q   <= 1'b1;
      rq_valid_q <= '0;
      rq_wptr_q  <= '0;
      rq_rptr_q  <= '0;
      rq_count_q <= '0;
      mr_valid_q <= 1'b0;
      out_hold_q <= 1'b0;
      out_hold_mr_q <= 1'b0;
      for (int unsigned e = 0; e < MissSlots; e++) begin
        me_q[e]       <= '0;
        me_q[e].state <= MsFree;
      end
      bat_valid_q  <= '0;
      clat_valid_q <= '0;
    end else begin
      s1_valid_q <= accept;
      bf_valid_q <= bp_fill;
      cf_valid_q <= r_clat_fill;
      if (accept && rp_valid_q) rp_valid_q <= 1'b0;
      else if (rp_load) rp_valid_q <= 1'b1;
      bp_valid_q <= bp_from_r || bp_from_data;
      reads_out_q <= reads_base + MissCntWidth'(ar_issue);
      arb_oh_q    <= lowest_oh(is_req);
      done_oh_q   <= lowest_oh(is_done);
      bdata_oh_q  <= lowest_oh(is_bdata);
      rep_oh_q    <= lowest_oh(is_rep);
      done_any_q  <= |is_done;
      arb_any_q   <= |is_req;
      out_ok_q    <= ar_issue ? (reads_base < MissCntWidth'(MaxMisses - 1))
                              : (reads_base < MissCntWidth'(MaxMisses));
      if (ar_from_bp || ar_from_arb || ar_from_s1) ar_valid_q <= 1'b1;
      else if (m_axi_arready_i) ar_valid_q <= 1'b0;

      for (int unsigned e = 0; e < MissSlots; e++) me_q[e] <= me_d[e];

      // Hit queue pointers and the miss register's valid bit; the output selection hold.
      rq_count_q <= rq_count_q + RspCntWidth'(h_wr) - RspCntWidth'(rq_pop);
      rq_wptr_q  <= rq_wptr_q + RspPtrWidth'(h_wr);
      if (m_wr) mr_valid_q <= 1'b1;
      else if (mr_pop) mr_valid_q <= 1'b0;
      out_hold_q    <= rsp_valid_o && !rsp_ready_i;
      out_hold_mr_q <= out_mr;
      if (rq_pop) begin
        rq_valid_q[rq_rptr_q] <= 1'b0;
        rq_rptr_q <= rq_rptr_q + 1'b1;
      end
      if (h_wr) rq_valid_q[rq_wptr_q] <= 1'b1;

      // Caches: invalidation clears matching lines; fills come only from non-stale, error-free
      // reads (a fill covered by an invalidation in the same cycle is suppressed, see *_stale).
      for (int unsigned i = 0; i < BatCacheEntries; i++) begin
        if (inv_covers_tag(inv_q, bat_tag_q[i].func, bat_tag_q[i].service)) begin
          bat_valid_q[i] <= 1'b0;
        end
      end
      for (int unsigned i = 0; i < ClatCacheEntries; i++) begin
        if (inv_covers_tag(inv_q, clat_tag_q[i].func, clat_tag_q[i].service)) begin
          clat_valid_q[i] <= 1'b0;
        end
      end
      if (bf_write) bat_valid_q[bf_idx_q] <= 1'b1;
      if (cf_write) clat_valid_q[cf_idx_q] <= 1'b1;
    end
  end

  // ------------------------------------------------------------------ flops: data (no reset)
  always_ff @(posedge clk_i) begin
    // Input -> S1
    s1_tag_q      <= in_tag;
    s1_func_q     <= in_func;
    s1_service_q  <= in_service;
    s1_offset_q   <= in_offset;
    s1_missed_q   <= rp_valid_q;
    s1_old_q      <= inv_covers(inv_q, in_func, in_service);
    s1_func_ok_q  <= in_func_ok;
    s1_svc_ok_q   <= in_svc_ok;
    s1_regs_ok_q  <= in_func_ok && in_svc_ok;
    s1_lim_q      <= in_lim;
    s1_bat_go_q   <= bat_cache_q[in_bat_idx].data.usable &&
                     in_bat_range;
    s1_bat_base_q <= in_bat_base;
    s1_bline_q    <= bat_cache_q[in_bat_idx];
    s1_block_ok_q <= in_bat_range;
    s1_btag_ok_q  <= !rp_valid_q && bat_valid_q[in_bat_idx] &&
                     (bat_cache_q[in_bat_idx].func == FuncIdxWidth'(req_func_i)) &&
                     (bat_cache_q[in_bat_idx].service == req_sidx);
    // The two banks' compares, the bank bit and the valid bit are registered separately and
    // combined in S1 (one LUT; timing: the request cycle ends at the compare trees).
    s1_ctag0_ok_q <= clat_tag_parts(in_cline0);
    s1_ctag1_ok_q <= clat_tag_parts(in_cline1);
    s1_cbank_q    <= in_clat_idx[ClatIdxWidth-1];
    s1_cuse_q     <= !rp_valid_q && clat_valid_q[in_clat_idx];
    s1_bvalid_q   <= bat_valid_q[in_bat_idx];
    s1_cline_q    <= in_clat_idx[ClatIdxWidth-1] ? in_cline1 : in_cline0;
    s1_cidx_q     <= in_clat_idx;
    // (conservative: a registered fill for this index, written or dropped, makes it a miss)
    s1_chaz_q     <= cf_valid_q && (cf_idx_q == in_clat_idx);
    s1_cvalid_q   <= clat_valid_q[in_clat_idx];

    // Replay register
    if (!rp_valid_q) begin  // (whenever the register is free: rp_valid_q says whether it holds one)
      rp_tag_q     <= me_q[rep_idx].tag;
      rp_func_q    <= me_q[rep_idx].func;
      rp_service_q <= me_q[rep_idx].service;
      rp_offset_q  <= me_q[rep_idx].offset;
    end

    // BAT post-processing stage
    // Loaded every clock (timing: no enable fanning out to ~200 flops); bp_valid_q says whether
    // the stage holds an entry's data.
    begin
      bp_idx_q       <= bl_idx;
      bp_from_mem_q  <= bl_sel_r;
      bp_w1_q        <= bl_w1;
      bp_err_q       <= bl_err;
      bp_func_q      <= me_q[bl_idx].func;
      bp_service_q   <= me_q[bl_idx].service;
      bp_offset_q    <= me_q[bl_idx].offset;
      bp_clat_base_q <= bl_base;
      bp_oh_q        <= bl_oh;
      // from the R data directly (only used for data from memory; see bp_in_range)
      bp_in_range_q  <= bl_in_range;
      bp_lim_hi_q    <= me_q[bl_idx].lim_hi;  // (for the BAT cache fill)
      bp_lim_lo_q    <= me_q[bl_idx].lim_lo;
      bp_usable_q    <= bl_usable;
      bp_to_clat_q   <= !bl_err && bl_usable && bl_in_range;
      bp_go_q        <= bl_go && bl_in_range;
      bp_block_q     <= bl_sel_r ? bl_block_r : me_q[bdata_idx].cblock;
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
      end else if (arb_any_q) begin
        ar_id_q   <= arb_idx;
        ar_addr_q <= me_q[arb_idx].addr;
        ar_bat_q  <= in_st(me_q[arb_idx].state, MsBatReq);
      end else begin
        ar_id_q   <= free_idx;
        ar_addr_q <= s1_bat_addr;
        ar_bat_q  <= 1'b1;
      end
    end

    // Hit queue: every free slot takes S1's item every clock (timing: the enables come from the
    // valid flops only; S1's decision just sets the valid bit at the write pointer); slots other
    // than the write pointer's get junk that nobody reads. The miss register likewise takes the
    // miss path's item whenever it may be loaded. An invalidation marks the queued items it
    // covers old.
    for (int unsigned i = 0; i < RspDepth; i++) begin
      if (!rq_valid_q[i]) begin
        rq_mem_q[i] <= h_item;
      end else if (inv_covers(inv_q, rq_mem_q[i].func, rq_mem_q[i].service)) begin
        rq_mem_q[i].old <= 1'b1;
      end
    end
    if (mport_ok) begin
      mr_q     <= m_item;
      mr_off_q <= m_off;
    end
    else if (inv_covers(inv_q, mr_q.func, mr_q.service)) mr_q.old <= 1'b1;

    // Cache fills, registered first (timing: the fill decision, index decode and data do not
    // come straight from the R channel into thousands of cache flops). Tags and data here; the
    // valid bits are in the reset block.
    bf_idx_q  <= bp_bat_idx;
    bf_line_q <= '{
        func:    FuncIdxWidth'(bp_func_q),
        service: SvcIdxWidth'(bp_service_q),
        data:    bp_data,
        lim_hi:  bp_lim_hi_q,
        lim_lo:  bp_lim_lo_q
    };
    cf_idx_q  <= r_clat_idx;
    cf_line_q <= '{
        func:        FuncIdxWidth'(me_q[r_idx].func),
        service:     SvcIdxWidth'(me_q[r_idx].service),
        page:          me_q[r_idx].offset[OffsetWidth-1:PageTagLsb],
        block_addr:    m_axi_rdata_i[HostAddrWidth-1:PageBits],
        page_in_block: me_q[r_idx].inblock[InBlockWidth-1:PageBits],
        entry_valid:   m_axi_rdata_i[ClatValidBit]
    };
    if (bf_write) bat_tag_q[bf_idx_q] <= '{func: bf_line_q.func, service: bf_line_q.service};
    if (cf_write) clat_tag_q[cf_idx_q] <= '{func: cf_line_q.func, service: cf_line_q.service};
  end

  always_ff @(posedge clk_i) begin
    if (bf_write) bat_cache_q[bf_idx_q] <= bf_line_q;
  end
  always_ff @(posedge clk_i) begin
    if (cf_write && !cf_idx_q[ClatIdxWidth-1]) begin
      clat_bank0_q[cf_idx_q[ClatIdxWidth-2:0]]  <= '{func: cf_line.func, service: cf_line.service, page: cf_line.page};
    end
  end
  always_ff @(posedge clk_i) begin
    if (cf_write && !cf_idx_q[ClatIdxWidth-1]) begin
      clat_dbank0_q[cf_idx_q[ClatIdxWidth-2:0]] <= '{page_addr: cf_line.page_addr, entry_valid: cf_line.entry_valid};
    end
  end
  always_ff @(posedge clk_i) begin
    if (cf_write && cf_idx_q[ClatIdxWidth-1]) begin
      clat_dbank1_q[cf_idx_q[ClatIdxWidth-2:0]] <= '{page_addr: cf_line.page_addr, entry_valid: cf_line.entry_valid};
    end
  end
  always_ff @(posedge clk_i) begin
    if (cf_write && cf_idx_q[ClatIdxWidth-1]) begin
      clat_bank1_q[cf_idx_q[ClatIdxWidth-2:0]]  <= '{func: cf_line.func, service: cf_line.service, page: cf_line.page};
    end
  end

  // ------------------------------------------------------------------ assertions
`ifndef SYNTHESIS
  // Tags outstanding (accepted, not yet answered), for the exactly-once invariants.
  localparam int unsigned NumTags = 1 << TagWidth;
  logic [NumTags-1:0] sva_out_q;
  logic               sva_new_req, sva_rsp;
  assign sva_new_req = accept && !rp_valid_q;
  assign sva_rsp     = rsp_valid_o && rsp_ready_i;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_out_q <= '0;
    else begin
      if (sva_rsp) sva_out_q[rsp_tag_o] <= 1'b0;
      if (sva_new_req) sva_out_q[req_tag_i] <= 1'b1;
    end
  end

  // Every request in flight is in exactly one place: S1, the replay register, a miss entry, the
  // hit queue or the miss register. With the outstanding-tag set this says: none lost, none
  // duplicated.
  logic [31:0] sva_items, sva_live, sva_dup_tags;
  always_comb begin
    sva_items = 32'(s1_valid_q) + 32'(rp_valid_q) + 32'(rq_count_q) + 32'(mr_valid_q);
    sva_live = '0;
    sva_dup_tags = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      if (me_q[e].state != MsFree) begin
        sva_items = sva_items + 1;
        sva_live = sva_live + 1;
        for (int unsigned e2 = e + 1; e2 < MissSlots; e2++) begin
          if (me_q[e2].state != MsFree && me_q[e2].tag == me_q[e].tag) sva_dup_tags = sva_dup_tags + 1;
        end
      end
    end
  end

  a_req_tag_not_outstanding: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_new_req |-> !sva_out_q[req_tag_i] || (sva_rsp && rsp_tag_o == req_tag_i));
  a_rsp_tag_outstanding: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rsp_valid_o |-> sva_out_q[rsp_tag_o]);
  a_every_request_somewhere: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_items == 32'($countones(sva_out_q)));
  a_no_duplicate_tag_in_miss_table: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_dup_tags == 0);

  // Miss limit: no function ever holds more than MaxMissesPerFunc miss-table entries, and an
  // allocation is made only for a function below it (so a function whose reads never return
  // leaves the rest of the table to the others).
  logic [31:0] sva_s1_fn_held;
  logic        sva_fn_over;
  always_comb begin
    sva_s1_fn_held = '0;
    sva_fn_over = 1'b0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      logic [31:0] n;
      n = '0;
      for (int unsigned e2 = 0; e2 < MissSlots; e2++) begin
        if (me_q[e2].state != MsFree && me_q[e2].func == me_q[e].func) n = n + 1;
      end
      if (me_q[e].state != MsFree && n > MaxMissesPerFunc) sva_fn_over = 1'b1;
      if (me_q[e].state != MsFree && me_q[e].func == s1_func_q) sva_s1_fn_held = sva_s1_fn_held + 1;
    end
  end
  a_miss_limit_per_function: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !sva_fn_over);
  a_alloc_below_miss_limit: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && s1_alloc |-> sva_s1_fn_held < MaxMissesPerFunc);
  // MISS_LIMIT only for a request that passed the register checks and found its function at the
  // limit; it allocates nothing.
  a_miss_limit_answer: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && s1_status == StMissLimit |-> s1_lim_q && s1_func_ok_q && s1_svc_ok_q && !s1_alloc);

  // Properties that look across a clock edge (|=>, $past, $stable) are off in the first clocks
  // after any reset (docs/dev-guide.md "Reset"): a reset pulse between two edges changes the state
  // while rst_ni is high at both of them, so `disable iff` alone does not see it.
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

  // AXI read master protocol.
  a_ar_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
    m_axi_arvalid_o && !m_axi_arready_i |=> m_axi_arvalid_o && $stable(m_axi_arid_o) &&
        $stable(m_axi_araddr_o) && $stable(m_axi_arlen_o));
  // Malformed R input (stray RIDs, RLAST on the wrong beat) is the environment's: the DUT's
  // guarantees are that a read's entry keeps its ARID until the burst's RLAST beat (no ARID is
  // reused while beats of an old burst may still come), that a read is issued only for an entry
  // waiting for it, and that nothing from a failed or malformed read is cached (below).
  for (genvar e = 0; e < MissSlots; e++) begin : g_sva_wait
    a_wait_until_rlast: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
      in_st(me_q[e].state, MsBatWait | MsClatWait) && !(r_here_v[e] && m_axi_rlast_i) |=>
        me_q[e].state == $past(me_q[e].state));
  end
  a_ar_entry_waits: assert property (@(posedge clk_i) disable iff (!rst_ni)
    m_axi_arvalid_o |-> in_st(me_q[ar_id_q].state, MsBatWait | MsClatWait));
  a_ar_pend_onehot: assert property (@(posedge clk_i) disable iff (!rst_ni)
    ar_pend_v == (ar_valid_q ? MissSlots'(1) << ar_id_q : '0));
  a_outstanding_le_max: assert property (@(posedge clk_i) disable iff (!rst_ni)
    n_outstanding <= MissCntWidth'(MaxMisses));
  // The threshold tables agree with the counts.
  a_count_tables: assert property (@(posedge clk_i) disable iff (!rst_ni)
    out_ok == (n_outstanding < MissCntWidth'(MaxMisses)) && reads_out_q == n_outstanding &&
    free_ge2 == (miss_free >= MissCntWidth'(2)));

  // Resources: admission really reserved what the pipeline uses.
  a_rq_no_overflow: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rq_count_q <= RspCntWidth'(RspDepth));
  a_alloc_free: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && s1_alloc |-> me_q[free_idx].state == MsFree);
  a_replay_not_in_flight: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rp_load |-> !(me_q[rep_idx].state inside {MsBatWait, MsClatWait, MsBatProc}));
  for (genvar e = 0; e < MissSlots; e++) begin : g_sva_onehot
    a_miss_state_onehot: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $onehot(me_q[e].state));
  end
  a_live_le_slots: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_live <= MissSlots);

  // Isolation: a request of function F reads only F's BAT (at F's BAT_BASE, an entry below its
  // BAT_ENTRIES) and the CLAT that F's own BAT entry points to; its address never comes from
  // another function's tables.
  logic                     sva_bat_ld;
  logic [FuncWidth-1:0]     sva_ld_func;
  logic [ServiceWidth-1:0]  sva_ld_svc;
  logic [HostAddrWidth-1:0] sva_ld_addr;
  assign sva_bat_ld  = ar_from_s1 || (ar_from_arb && me_q[arb_idx].state == MsBatReq);
  a_arb_choice_waits: assert property (@(posedge clk_i) disable iff (!rst_ni)
    ar_from_arb |-> $onehot(arb_oh) && is_req[arb_idx]);
  assign sva_ld_func = ar_from_s1 ? s1_func_q : me_q[arb_idx].func;
  assign sva_ld_svc  = ar_from_s1 ? s1_service_q : me_q[arb_idx].service;
  assign sva_ld_addr = ar_from_s1 ? s1_bat_addr : me_q[arb_idx].addr;
  a_bat_read_own_table: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_bat_ld |->
      32'(sva_ld_func) < NumFunctions && cfg_enable_i[fidx_of(sva_ld_func)] &&
      32'(sva_ld_svc) < BatEntries && sva_ld_svc < cfg_bat_entries_i[fidx_of(sva_ld_func)] &&
      sva_ld_addr == {cfg_bat_base_i[fidx_of(sva_ld_func)][HostAddrWidth-1:BatEntryBytesLog2],
                      BatEntryBytesLog2'(0)} + (HostAddrWidth'(sva_ld_svc) << BatEntryBytesLog2));
  // CLAT read after a BAT fetch: from that entry's own BAT data, block inside the CLAT.
  a_clat_read_from_own_bat: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_valid_q |-> bp_func_q == me_q[bp_idx_q].func && bp_service_q == me_q[bp_idx_q].service &&
                   me_q[bp_idx_q].state == MsBatProc &&
                   (!bp_to_clat || (block_in_range(bp_block, bp_data.clat_entries) &&
                    bp_clat_addr == {bp_clat_base_q, ClatBaseLsb'(0)} +
                                    (HostAddrWidth'(bp_block) << ClatEntryBytesLog2))));
  // Answers and CLAT reads from the caches use lines cached for this very (function, service)
  // (and, for the CLAT line, this very block).
  a_bat_cache_line_own: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && s1_func_ok_q && s1_svc_ok_q && !s1_clat_hit &&
    (s1_alloc_bat || (s1_done && s1_status inside {StBatInvalid, StBlockRange})) |->
      s1_bvalid_q && s1_bline_q.func == s1_fidx && s1_bline_q.service == s1_sidx &&
      32'(s1_func_q) < NumFunctions && 32'(s1_service_q) < BatEntries);
  a_clat_cache_line_own: assert property (@(posedge clk_i) disable iff (!rst_ni)
    h_wr && s1_status inside {StOk, StClatInvalid} |->
      s1_cvalid_q && s1_cline_q.func == s1_fidx && s1_cline_q.service == s1_sidx &&
      s1_offset_q[OffsetWidth-1:PageTagLsb] == s1_cline_q.page);
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
    bp_valid_q && bp_stale_q |-> me_q[bp_idx_q].stale);
  // Nothing from a failed or stale read is cached.
  a_no_bat_fill_from_error: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_fill |-> !bp_err_q && !bp_stale);
  a_no_clat_fill_from_error: assert property (@(posedge clk_i) disable iff (!rst_ni)
    r_clat_fill |-> !r_err && !r_ent_err && m_axi_rlast_i && !r_clat_stale);
  a_no_bat_fill_from_malformed: assert property (@(posedge clk_i) disable iff (!rst_ni)
    bp_from_r |-> (bl_err == (me_q[r_idx].err || r_err || !me_q[r_idx].beat)) &&
                  (bl_go -> !bl_err));
  // Register-level errors count in neither HIT_CNT nor MISS_CNT (replays included).
  a_no_hit_miss_for_reg_err: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rsp_event_o[0].valid && s1_reg_err |-> !rsp_event_o[0].hit && !rsp_event_o[0].miss);
  // Errors before any memory read: FUNC_INVALID / SERVICE_RANGE never allocate a miss.
  a_no_read_for_register_errors: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && (!s1_func_ok_q || !s1_svc_ok_q) |-> !s1_alloc && s1_done);
  // Invalidation: `done` is low while any pre-invalidation result can still be answered.
  a_done_low_with_old_items: assert property (@(posedge clk_i) disable iff (!rst_ni)
    (rsp_valid_o && out_item.old) |-> !inval_done_o);
  // `done` is low while a read issued before the invalidation took effect is outstanding.
  for (genvar e = 0; e < MissSlots; e++) begin : g_sva_done
    a_done_marks_reads: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
      inv_q.valid && in_st(me_q[e].state, MsBatWait | MsClatWait) &&
      !(r_here_v[e] && m_axi_rlast_i) |=> pre_q[e]);
    a_done_mark_until_rlast: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
      pre_q[e] && !(r_here_v[e] && m_axi_rlast_i) |=> pre_q[e]);
    a_done_low_while_marked: assert property (@(posedge clk_i) disable iff (!rst_ni)
      pre_q[e] |-> !inval_done_o);
  end
  a_out_hold_valid: assert property (@(posedge clk_i) disable iff (!rst_ni)
    out_mr |-> mr_valid_q);
`endif

endmodule
