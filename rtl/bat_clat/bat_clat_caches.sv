// BAT and CLAT caches of the translation engine (bat_clat_xlate): line storage, the request
// cycle's reads and tag compares (registered for S1), S1's CLAT data read, the registered fills
// and the invalidation clears.
//
// Cache lines hold precomputed forms so that the hit path has no shifter and no adder: a BAT line
// holds the offset limit clat_entries << log2 (in pages) for the range check; a CLAT line
// translates one 4 KiB page (tag: the page number bits above the index; data: the page's host
// address, made when the line is filled), so a hit's address is {page address, offset[11:0]}.
// With blocks above 4 KiB one CLAT entry may be cached once per page used: capacity, never
// correctness.
//
// The caches are read for new requests only, straight from the request port (timing: no replay
// mux in front of the cache index and the tag compares). A replay never hits: it fetches its
// tables again (replays are rare: only requests an invalidation caught in flight).
module bat_clat_caches
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions     = 8,
  parameter int unsigned BatEntries       = 16,
  parameter int unsigned OffsetWidth      = 40,
  parameter int unsigned BatCacheEntries  = 16,
  parameter int unsigned ClatCacheEntries = 32,
  parameter type         own_t            = logic,  // bat_clat_xlate's line_own_t
  parameter type         bfill_t          = logic,  // bat_clat_xlate's bat_fill_t
  parameter type         cfill_t          = logic,  // bat_clat_xlate's clat_fill_t
  // derived
  localparam int unsigned FuncIdxWidth = (NumFunctions > 1) ? $clog2(NumFunctions) : 1,
  localparam int unsigned SvcIdxWidth  = (BatEntries > 1) ? $clog2(BatEntries) : 1,
  localparam int unsigned ClatIdxWidth = $clog2(ClatCacheEntries),
  localparam int unsigned PageTagLsb   = PageBits + ClatIdxWidth,  // CLAT line tag: page bits
  localparam int unsigned PageTagWidth = OffsetWidth - PageTagLsb  // above the index
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  // The request port (the request cycle's reads; a replay in the input stage never hits)
  // (function and service as cache-tag indices: their low bits; the offset's page number)
  input  logic [FuncIdxWidth-1:0]       req_fidx_i,
  input  logic [SvcIdxWidth-1:0]        req_sidx_i,
  input  logic [OffsetWidth-1:PageBits] req_page_i,
  input  logic                          rp_valid_i,
  input  inv_t                          inv_i,        // the registered invalidation command
  output s1_look_t                      s1c_o,        // S1: the request cycle's compares
  output own_t                          own_o,        // S1 lines' owners (SVA only)
  input  bfill_t                        bf_i,         // BAT fill (post-processing stage)
  input  cfill_t                        cf_i,         // CLAT fill (a CLAT return)
  output logic [HostAddrWidth-1:PageBits] s1_page_addr_o  // S1: the CLAT line's data (on a hit)
);

  localparam int unsigned BatIdxWidth = $clog2(BatCacheEntries);

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

  // The invalidation compare on cache-tag indices (FuncWidth'(tag) == func exactly when func fits
  // and the bits match); see inv_covers() in bat_clat_pkg.
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic inv_covers_tag(inv_t iv, logic [FuncIdxWidth-1:0] fidx,
                                          logic [SvcIdxWidth-1:0] sidx);
    return iv.all || (iv.fs && iv.f_fit && fidx == iv.func[FuncIdxWidth-1:0] &&
                      (iv.func_only || (iv.s_fit && sidx == SvcIdxWidth'(iv.service))));
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

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

  // Fill registers (see "fills")
  logic                    bf_valid_q, cf_valid_q, bf_write, cf_write;
  logic [BatIdxWidth-1:0]  bf_idx_q;
  logic [ClatIdxWidth-1:0] cf_idx_q;
  bat_line_t               bf_line_q;
  clat_fill_t              cf_line_q;
  clat_line_t              cf_line;
  // S1 flops of the request cycle's reads
  logic                    s1_btag_ok_q, s1_bat_go_q, s1_block_ok_q, s1_bvalid_q;
  bat_line_t               s1_bline_q;
  logic [3:0]              s1_ctag0_ok_q, s1_ctag1_ok_q;
  logic                    s1_cbank_q, s1_cuse_q;
  clat_tag_t               s1_cline_q;   // (the tag read in the request cycle: SVA)
  clat_data_t              s1_cdata;     // the data, read in S1
  logic [ClatIdxWidth-1:0] s1_cidx_q;
  logic                    s1_chaz_q;    // a fill at this index landed after the tag read
  logic                    s1_cvalid_q;

  // ------------------------------------------------------------------ request cycle
  // The cache index uses the function number's low bits as they are (the tag compare does too;
  // an out-of-range function is answered FUNC_INVALID whatever line it reads): no range check
  // in front of the cache read (timing).
  logic [SvcIdxWidth-1:0]  req_sidx;
  logic [BatIdxWidth-1:0]  in_bat_idx;
  logic [ClatIdxWidth-1:0] in_clat_idx;
  assign req_sidx    = req_sidx_i;
  assign in_bat_idx  = bat_hash(req_fidx_i, req_sidx);
  logic in_bat_range;  // the request's offset against the BAT line's limit
  assign in_bat_range = bat_cache_q[in_bat_idx].lim_hi ||
                        (req_page_i < bat_cache_q[in_bat_idx].lim_lo);
  assign in_clat_idx = clat_hash(req_fidx_i, req_sidx,
                                 req_page_i[PageBits+:ClatIdxWidth]);
  clat_tag_t in_cline0, in_cline1;
  assign in_cline0 = clat_bank0_q[in_clat_idx[ClatIdxWidth-2:0]];
  assign in_cline1 = clat_bank1_q[in_clat_idx[ClatIdxWidth-2:0]];
  // The tag compare (function, service, page bits above the index) in four registered parts
  // (timing: two LUT levels per part in the request cycle; S1 ANDs the selected bank's parts).
  localparam int unsigned TagBits = $bits(clat_tag_t);
  function automatic logic [3:0] clat_tag_parts(clat_tag_t l);
    logic [TagBits-1:0] want, got;
    logic [3:0]         parts;
    want = {req_fidx_i, req_sidx, req_page_i[OffsetWidth-1:PageTagLsb]};
    got  = l;
    parts = '1;
    for (int unsigned b = 0; b < TagBits; b++) begin
      if (want[b] != got[b]) parts[b % 4] = 1'b0;
    end
    return parts;
  endfunction

  // ------------------------------------------------------------------ S1
  // Tag compares made in the request cycle off the cache reads and registered (timing: S1's
  // hit/miss decision starts from flops); the valid bits are read there too.
  assign s1c_o.bat_hit  = s1_btag_ok_q;  // (valid bit included, see the S1 flops)
  assign s1c_o.clat_hit = s1_cuse_q && !s1_chaz_q &&
                         (s1_cbank_q ? &s1_ctag1_ok_q : &s1_ctag0_ok_q);
  assign s1_cdata      = s1_cidx_q[ClatIdxWidth-1] ? clat_dbank1_q[s1_cidx_q[ClatIdxWidth-2:0]]
                                                   : clat_dbank0_q[s1_cidx_q[ClatIdxWidth-2:0]];
  assign s1_page_addr_o    = s1_cdata.page_addr;
  assign s1c_o.centry_valid = s1_cdata.entry_valid;
  // Block range check against the BAT line's limit: compared in the request cycle, straight off
  // the cache read, and registered (timing: the 41-bit carry chain is off the S1 decision).
  assign s1c_o.block_ok = s1_block_ok_q;
  assign s1c_o.bat_go   = s1_bat_go_q;
  assign s1c_o.bdata    = s1_bline_q.data;
  logic unused_s1_limit;  // S1's copy of the limit is not used (its flops are optimised away)
  assign unused_s1_limit = ^{s1_bline_q.lim_hi, s1_bline_q.lim_lo};
  assign own_o.bvalid        = s1_bvalid_q;
  assign own_o.bline_func    = s1_bline_q.func;
  assign own_o.bline_service = s1_bline_q.service;
  assign own_o.cvalid        = s1_cvalid_q;
  assign own_o.cline_func    = s1_cline_q.func;
  assign own_o.cline_service = s1_cline_q.service;
  assign own_o.cline_page    = s1_cline_q.page;

  always_ff @(posedge clk_i) begin
    s1_bat_go_q   <= bat_cache_q[in_bat_idx].data.usable &&
                     in_bat_range;
    s1_bline_q    <= bat_cache_q[in_bat_idx];
    s1_block_ok_q <= in_bat_range;
    s1_btag_ok_q  <= !rp_valid_i && bat_valid_q[in_bat_idx] &&
                     (bat_cache_q[in_bat_idx].func == req_fidx_i) &&
                     (bat_cache_q[in_bat_idx].service == req_sidx);
    // The two banks' compares, the bank bit and the valid bit are registered separately and
    // combined in S1 (one LUT; timing: the request cycle ends at the compare trees).
    s1_ctag0_ok_q <= clat_tag_parts(in_cline0);
    s1_ctag1_ok_q <= clat_tag_parts(in_cline1);
    s1_cbank_q    <= in_clat_idx[ClatIdxWidth-1];
    s1_cuse_q     <= !rp_valid_i && clat_valid_q[in_clat_idx];
    s1_bvalid_q   <= bat_valid_q[in_bat_idx];
    s1_cline_q    <= in_clat_idx[ClatIdxWidth-1] ? in_cline1 : in_cline0;
    s1_cidx_q     <= in_clat_idx;
    // (conservative: a registered fill for this index, written or dropped, makes it a miss)
    s1_chaz_q     <= cf_valid_q && (cf_idx_q == in_clat_idx);
    s1_cvalid_q   <= clat_valid_q[in_clat_idx];
  end

  // ------------------------------------------------------------------ fills
  // Cache fills, registered first (timing: the fill decision, index decode and data do not come
  // straight from the R channel into thousands of cache flops).
  // A registered fill is dropped if an invalidation takes effect while it waits (one
  // cycle); one covered in the cycle it was registered never got here (bp_stale/r_clat_stale).
  // A fill waiting while any invalidation takes effect is dropped (timing: no tag compare in
  // front of the valid bits; a dropped fill only costs a later miss).
  assign bf_write = bf_valid_q && !inv_i.valid;
  assign cf_write = cf_valid_q && !inv_i.valid;
  assign cf_line  = '{
      func:        cf_line_q.func,
      service:     cf_line_q.service,
      page:        cf_line_q.page,
      page_addr:   cf_line_q.block_addr + (HostAddrWidth - PageBits)'(cf_line_q.page_in_block),
      entry_valid: cf_line_q.entry_valid
  };

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      bf_valid_q   <= 1'b0;
      cf_valid_q   <= 1'b0;
      bat_valid_q  <= '0;
      clat_valid_q <= '0;
    end else begin
      bf_valid_q <= bf_i.fill;
      cf_valid_q <= cf_i.fill;
      // Invalidation clears matching lines; fills come only from non-stale, error-free reads (a
      // fill covered by an invalidation in the same cycle is suppressed, see *_stale).
      for (int unsigned i = 0; i < BatCacheEntries; i++) begin
        if (inv_covers_tag(inv_i, bat_tag_q[i].func, bat_tag_q[i].service)) begin
          bat_valid_q[i] <= 1'b0;
        end
      end
      for (int unsigned i = 0; i < ClatCacheEntries; i++) begin
        if (inv_covers_tag(inv_i, clat_tag_q[i].func, clat_tag_q[i].service)) begin
          clat_valid_q[i] <= 1'b0;
        end
      end
      if (bf_write) bat_valid_q[bf_idx_q] <= 1'b1;
      if (cf_write) clat_valid_q[cf_idx_q] <= 1'b1;
    end
  end

  // Tags and data here; the valid bits are in the reset block.
  always_ff @(posedge clk_i) begin
    bf_idx_q  <= bat_hash(bf_i.fidx, bf_i.sidx);
    bf_line_q <= '{
        func:    bf_i.fidx,
        service: bf_i.sidx,
        data:    bf_i.data,
        lim_hi:  bf_i.lim_hi,
        lim_lo:  bf_i.lim_lo
    };
    cf_idx_q  <= clat_hash(cf_i.fidx, cf_i.sidx,
                           cf_i.page[PageBits+:ClatIdxWidth]);
    cf_line_q <= '{
        func:          cf_i.fidx,
        service:       cf_i.sidx,
        page:          cf_i.page[OffsetWidth-1:PageTagLsb],
        block_addr:    cf_i.block_addr,
        page_in_block: cf_i.page_in_block,
        entry_valid:   cf_i.entry_valid
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

endmodule
