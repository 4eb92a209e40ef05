// Request stage of the translation engine (bat_clat_xlate): admission, the replay register, the
// request cycle's register checks and miss-limit count, and S1 (the decision: answer into the hit
// queue, or a miss-table entry). The cache reads and tag compares of the request cycle are in
// bat_clat_caches, which hands S1 their registered results.
//
// Admission: a request (or a replay) enters only if the hit queue and the miss table have a free
// slot for the item in S1 plus the new one. So S1 never stalls, no combinational path runs from a
// cache compare or from rsp_ready_i to req_ready_o, and back-pressure only ever stops admission.
//
// Miss limit per function: a request that would need memory while its function already holds
// MaxMissesPerFunc miss-table entries is answered MISS_LIMIT from S1 instead of allocating, so a
// function whose reads never return holds at most that many entries and reads: the others keep
// the rest of the table (admission never stops for them) and at least MaxMisses - MaxMissesPerFunc
// reads. The count is made in the request cycle (entries of the function, plus the item in S1 if
// it allocates now) and registered beside the register checks (S1's decision gains one input).
module bat_clat_lookup
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions     = 8,
  parameter int unsigned BatEntries       = 16,
  parameter int unsigned TagWidth         = 8,
  parameter int unsigned OffsetWidth      = 40,
  parameter int unsigned ClatCacheEntries = 32,
  parameter int unsigned MissSlots        = 6,
  parameter int unsigned MaxMissesPerFunc = 3,
  parameter int unsigned RspDepth         = 4,
  parameter type         entry_t          = logic,  // bat_clat_xlate's miss_entry_t
  parameter type         mt_t             = logic,  // bat_clat_xlate's mt_sel_t
  parameter type         s1_t             = logic,  // bat_clat_xlate's s1_out_t
  parameter type         hit_t            = logic,  // bat_clat_xlate's hit_t
  parameter type         own_t            = logic,  // bat_clat_xlate's line_own_t
  // derived
  localparam int unsigned FuncIdxWidth = (NumFunctions > 1) ? $clog2(NumFunctions) : 1,
  localparam int unsigned SvcIdxWidth  = (BatEntries > 1) ? $clog2(BatEntries) : 1,
  localparam int unsigned PageTagLsb   = PageBits + $clog2(ClatCacheEntries),  // CLAT line tag
  localparam int unsigned RspCntWidth  = $clog2(RspDepth + 1)
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
  output logic                         accept_o,     // the input stage moves into S1
  // Configuration
  input  logic [NumFunctions-1:0][HostAddrWidth-1:0] cfg_bat_base_i,
  input  logic [NumFunctions-1:0][$clog2(BatEntries + 1)-1:0]  cfg_svc_limit_i,
  input  logic [NumFunctions-1:0]                    cfg_enable_i,
  input  inv_t                         inv_i,
  // Resources and the miss table
  input  logic [RspCntWidth-1:0]       rq_count_i,   // hit queue fill level
  input  entry_t                       me_i [MissSlots],
  input  mt_t                          mt_i,         // the miss table's counts and choices
  input  s1_look_t                     s1c_i,        // the caches' registered compares
  input  own_t                         own_i,        // the S1 lines' owners (SVA only)
  output s1_t                          s1_o,         // S1 towards the miss table, AR register
  output hit_t                         h_o,          // S1's answer towards the hit queue
  output logic                         rp_valid_o,   // the replay register holds a request
  output logic                         rp_load_o,    // it takes the chosen entry's request
  output rsp_event_t                   h_event_o       // counter event of an S1 answer
);

  localparam int unsigned NumSizes    = Log2BlockMax - Log2BlockMin + 1;  // block sizes
  localparam int unsigned BlockWidth  = OffsetWidth - Log2BlockMin;  // offset bits above 4 KiB

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

  // Block index of `offset` for block size 2**log2 (12..32).
  function automatic logic [BlockWidth-1:0] block_of(logic [OffsetWidth-1:0] offset,
                                                     logic [Log2Width-1:0] log2);
    return BlockWidth'(offset >> log2);
  endfunction

  // ------------------------------------------------------------------ state
  // S1
  logic                       s1_valid_q, s1_old_q, s1_missed_q, s1_func_ok_q, s1_svc_ok_q;
  logic                       s1_regs_ok_q;
  logic                       s1_lim_q;     // the function was at its miss limit (see in_lim)
  logic [TagWidth-1:0]        s1_tag_q;
  logic [FuncWidth-1:0]       s1_func_q;
  logic [ServiceWidth-1:0]    s1_service_q;
  logic [OffsetWidth-1:0]     s1_offset_q;
  logic [HostAddrWidth-1:BatEntryBytesLog2] s1_bat_base_q;
  // Replay register
  logic                       rp_valid_q;
  logic [TagWidth-1:0]        rp_tag_q;
  logic [FuncWidth-1:0]       rp_func_q;
  logic [ServiceWidth-1:0]    rp_service_q;
  logic [OffsetWidth-1:0]     rp_offset_q;

  // ------------------------------------------------------------------ admission
  logic [RspCntWidth-1:0]  rq_free;
  logic                    can_accept;
  assign rq_free    = RspCntWidth'(RspDepth) - rq_count_i;
  // One hit-queue slot for the S1 item and one for the new request; one miss slot for the S1
  // item (it may allocate) and one for the new request.
  assign can_accept = (rq_free > RspCntWidth'(s1_valid_q)) &&
                      (s1_valid_q ? mt_i.free_ge2 : |mt_i.free_v);  // miss_free > s1_valid_q

  // ------------------------------------------------------------------ cycle -1: input
  logic                    in_valid, accept;
  logic [TagWidth-1:0]     in_tag;
  logic [FuncWidth-1:0]    in_func;
  logic [ServiceWidth-1:0] in_service;
  logic [OffsetWidth-1:0]  in_offset;
  logic                    in_func_ok, in_svc_ok;
  logic [HostAddrWidth-1:BatEntryBytesLog2] in_bat_base;

  // A replay has priority over new requests (it is older).
  assign in_valid   = rp_valid_q || req_valid_i;
  assign in_tag     = rp_valid_q ? rp_tag_q : req_tag_i;
  assign in_func    = rp_valid_q ? rp_func_q : req_func_i;
  assign in_service = rp_valid_q ? rp_service_q : req_service_i;
  assign in_offset  = rp_valid_q ? rp_offset_q : req_offset_i;
  assign accept     = in_valid && can_accept;
  assign accept_o   = accept;
  assign req_ready_o = can_accept && !rp_valid_q;
  assign rp_valid_o = rp_valid_q;
  assign rp_load_o  = !rp_valid_q && mt_i.rep_any;

  // Register checks without a range compare in front of the selection (timing): the function
  // number's low bits select one of 2**FuncIdxWidth slots (slots >= NumFunctions read disabled),
  // its high bits must be 0; the service is compared against every function's
  // min(BAT_ENTRIES, BatEntries) (a flop of bat_clat_func_regs) in parallel, then selected.
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
      slot_svc_ok[f] = 32'(in_service) < 32'(cfg_svc_limit_i[f]);  // min(BAT_ENTRIES, BatEntries)
      slot_base[f]   = cfg_bat_base_i[f][HostAddrWidth-1:BatEntryBytesLog2];
    end
  end
  assign in_ftr      = FuncIdxWidth'(in_func);
  assign in_func_ok  = ((in_func >> FuncIdxWidth) == '0) && slot_en[in_ftr];
  assign in_svc_ok   = slot_svc_ok[in_ftr];
  // BAT entry address = BAT base + 16 * service, added in S1 (off the request-cycle path).
  assign in_bat_base = slot_base[in_ftr];

  // ------------------------------------------------------------------ S1: compare, add, decide
  logic                     s1_done, s1_alloc, s1_alloc_bat, s1_stale;
  status_e                  s1_status;
  logic [FuncIdxWidth-1:0]  s1_fidx;
  logic [SvcIdxWidth-1:0]   s1_sidx;
  logic [HostAddrWidth-1:0] s1_bat_addr;

  assign s1_fidx = FuncIdxWidth'(s1_func_q);
  assign s1_bat_addr = {s1_bat_base_q, BatEntryBytesLog2'(0)} +
                       (HostAddrWidth'(s1_service_q) << BatEntryBytesLog2);
  assign s1_sidx = SvcIdxWidth'(s1_service_q);
  assign s1_stale = s1_old_q || inv_covers(inv_i, s1_func_q, s1_service_q);

  // Priority: register errors; a CLAT line for this very block answers by itself (it was filled
  // through this function/service's BAT entry); else the BAT line decides or a miss starts.
  // The decision is a function of four flops (timing: register checks, hits and the BAT line's
  // usability and range are each combined in the request cycle); the status is data.
  // (s1_lim_q: the function is at its miss limit; such a miss is answered MISS_LIMIT instead. Its
  // own flop rather than folded into s1_regs_ok_q: timing, the limit's count stays off the request
  // cycle's register-check path)
  assign s1_alloc     = s1_regs_ok_q && !s1_lim_q && !s1c_i.clat_hit &&
                        (!s1c_i.bat_hit || s1c_i.bat_go);
  assign s1_alloc_bat = s1_regs_ok_q && !s1_lim_q && !s1c_i.clat_hit && s1c_i.bat_hit && s1c_i.bat_go;
  assign s1_done      = !s1_alloc;
  always_comb begin
    s1_status = StOk;
    if (!s1_func_ok_q) s1_status = StFuncInvalid;
    else if (!s1_svc_ok_q) s1_status = StServiceRange;
    else if (s1c_i.clat_hit) s1_status = s1c_i.centry_valid ? StOk : StClatInvalid;
    // over the limit and memory needed (no BAT line, or a usable in-range one): not allocated
    else if (s1_lim_q && (!s1c_i.bat_hit || s1c_i.bat_go)) s1_status = StMissLimit;
    else if (!s1c_i.bdata.usable) s1_status = StBatInvalid;
    else if (!s1c_i.block_ok) s1_status = StBlockRange;
  end

  assign s1_o.valid     = s1_valid_q;
  assign s1_o.alloc     = s1_alloc;
  assign s1_o.alloc_bat = s1_alloc_bat;
  assign s1_o.direct    = s1_valid_q && s1_alloc && !s1_alloc_bat && !s1_old_q;
  assign s1_o.bat_addr  = s1_bat_addr;
  assign h_o.func      = s1_func_q;
  assign h_o.service   = s1_service_q;
  assign s1_o.old_item  = s1_valid_q && s1_old_q;

  // The new miss entry (the miss table writes it into its next free entry).
  always_comb begin
    s1_o.entry = '0;
    s1_o.entry.stale     = s1_stale;
    s1_o.entry.replay    = s1_old_q;  // no read issued for it (s1_direct): replays at once
    s1_o.entry.tag       = s1_tag_q;
    s1_o.entry.func      = s1_func_q;
    s1_o.entry.service   = s1_service_q;
    s1_o.entry.offset    = s1_offset_q;
    s1_o.entry.cblock    = block_of(s1_offset_q, s1c_i.bdata.log2);
    for (int unsigned k = 0; k < NumSizes; k++) begin
      s1_o.entry.oh[k] = s1c_i.bdata.usable && (32'(s1c_i.bdata.log2) == k + Log2BlockMin);
    end
    s1_o.entry.usable    = s1c_i.bdata.usable;
    s1_o.entry.addr      = s1_bat_addr;
    s1_o.entry.clat_base = s1c_i.bdata.clat_base;
    s1_o.entry.w1        = encode_w1(s1c_i.bdata.clat_entries, s1c_i.bdata.log2, s1c_i.bdata.usable);
  end

  // S1's answer (the hit queue's item).
  assign h_o.wr     = s1_valid_q && s1_done;
  assign h_o.tag    = s1_tag_q;
  assign h_o.status = s1_status;
  assign h_o.offset = s1_offset_q[PageBits-1:0];
  assign h_o.old    = s1_stale;

  // Counter events: a replayed request read memory before, so it counts as a miss, unless the
  // replay ends in a register-level error (the configuration changed while its read was in
  // flight): FUNC_INVALID / SERVICE_RANGE count in neither HIT_CNT nor MISS_CNT. Nor does
  // MISS_LIMIT (answered without a read for it, but not from the caches either).
  logic s1_missed, s1_reg_err;
  assign s1_missed  = s1_missed_q;
  assign s1_reg_err = s1_status inside {StFuncInvalid, StServiceRange, StMissLimit};
  always_comb begin
    h_event_o.valid  = h_o.wr;
    h_event_o.status = s1_status;
    h_event_o.miss   = s1_missed && !s1_reg_err;
    h_event_o.hit    = !s1_missed && !s1_reg_err;
  end

  // ------------------------------------------------------------------ miss limit per function
  // Entries the incoming request's function holds now, plus the S1 item if it is of the same
  // function and allocates in this clock (it is in the table when the request reaches S1). An entry
  // leaving in this clock still counts: its request is not answered yet, so the limit never
  // applies to a function with fewer than MaxMissesPerFunc requests outstanding.
  logic [MissSlots:0] fn_held_v;  // [MissSlots]: the S1 item
  logic               in_lim;     // the request's function is at its limit
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) fn_held_v[e] = !mt_i.free_v[e] && (me_i[e].func == in_func);
    fn_held_v[MissSlots] = s1_valid_q && s1_alloc && (s1_func_q == in_func);
  end
  // The same truth table as the miss table's free_ge2 (bat_clat_pkg::count_below_tbl), one more
  // input.
  localparam int unsigned LimTblBits = (MissSlots < 8) ? (1 << (MissSlots + 1)) : 1;
  localparam logic [LimTblBits-1:0] LimTbl =
      LimTblBits'(~count_below_tbl(LimTblBits, MaxMissesPerFunc));
  if (MissSlots < 8) begin : g_lim_tbl
    // a truth table over the per-entry bits (timing: no popcount adder chain, see free_ge2)
    assign in_lim = LimTbl[fn_held_v];
  end else begin : g_lim_add
    localparam int unsigned MissCntWidth = $clog2(MissSlots + 1);
    logic [MissCntWidth:0] fn_held;
    always_comb begin
      fn_held = '0;
      for (int unsigned e = 0; e <= MissSlots; e++) fn_held = fn_held + (MissCntWidth + 1)'(fn_held_v[e]);
    end
    assign in_lim = 32'(fn_held) >= MaxMissesPerFunc;
  end

  // ------------------------------------------------------------------ flops
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_valid_q <= 1'b0;
      rp_valid_q <= 1'b0;
    end else begin
      s1_valid_q <= accept;
      if (accept && rp_valid_q) rp_valid_q <= 1'b0;
      else if (rp_load_o) rp_valid_q <= 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    // Input -> S1
    s1_tag_q      <= in_tag;
    s1_func_q     <= in_func;
    s1_service_q  <= in_service;
    s1_offset_q   <= in_offset;
    s1_missed_q   <= rp_valid_q;
    s1_old_q      <= inv_covers(inv_i, in_func, in_service);
    s1_func_ok_q  <= in_func_ok;
    s1_svc_ok_q   <= in_svc_ok;
    s1_regs_ok_q  <= in_func_ok && in_svc_ok;
    s1_lim_q      <= in_lim;
    s1_bat_base_q <= in_bat_base;

    // Replay register
    if (!rp_valid_q) begin  // (whenever the register is free: rp_valid_q says whether it holds one)
      rp_tag_q     <= me_i[mt_i.rep_idx].tag;
      rp_func_q    <= me_i[mt_i.rep_idx].func;
      rp_service_q <= me_i[mt_i.rep_idx].service;
      rp_offset_q  <= me_i[mt_i.rep_idx].offset;
    end
  end

  // ------------------------------------------------------------------ assertions
`ifndef SYNTHESIS
  // Miss limit: an allocation is made only for a function below it (so a function whose reads
  // never return leaves the rest of the table to the others).
  logic [31:0] sva_s1_fn_held;
  always_comb begin
    sva_s1_fn_held = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      if (me_i[e].state != MsFree && me_i[e].func == s1_func_q) sva_s1_fn_held = sva_s1_fn_held + 1;
    end
  end
  a_alloc_below_miss_limit: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && s1_alloc |-> sva_s1_fn_held < MaxMissesPerFunc);
  // MISS_LIMIT only for a request that passed the register checks and found its function at the
  // limit; it allocates nothing.
  a_miss_limit_answer: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && s1_status == StMissLimit |-> s1_lim_q && s1_func_ok_q && s1_svc_ok_q && !s1_alloc);
  // Answers and CLAT reads from the caches use lines cached for this very (function, service)
  // (and, for the CLAT line, this very block).
  a_bat_cache_line_own: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && s1_func_ok_q && s1_svc_ok_q && !s1c_i.clat_hit &&
    (s1_alloc_bat || (s1_done && s1_status inside {StBatInvalid, StBlockRange})) |->
      own_i.bvalid && own_i.bline_func == s1_fidx && own_i.bline_service == s1_sidx &&
      32'(s1_func_q) < NumFunctions && 32'(s1_service_q) < BatEntries);
  a_clat_cache_line_own: assert property (@(posedge clk_i) disable iff (!rst_ni)
    h_o.wr && s1_status inside {StOk, StClatInvalid} |->
      own_i.cvalid && own_i.cline_func == s1_fidx && own_i.cline_service == s1_sidx &&
      s1_offset_q[OffsetWidth-1:PageTagLsb] == own_i.cline_page);
  // Register-level errors count in neither HIT_CNT nor MISS_CNT (replays included).
  a_no_hit_miss_for_reg_err: assert property (@(posedge clk_i) disable iff (!rst_ni)
    h_event_o.valid && s1_reg_err |-> !h_event_o.hit && !h_event_o.miss);
  // Errors before any memory read: FUNC_INVALID / SERVICE_RANGE never allocate a miss.
  a_no_read_for_register_errors: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_valid_q && (!s1_func_ok_q || !s1_svc_ok_q) |-> !s1_alloc && s1_done);
`endif

endmodule
