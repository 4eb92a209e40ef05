// Induction lemmas of the bat_clat harness (bat_clat_formal.sv instantiates this module as
// u_lemmas and documents the properties). Each LEMMA_* define asserts helper invariants that make
// a property's k-induction step pass; a lemma is an assertion, proved along with the property it
// serves (never an assumption). It sees the harness's signals by port (.*) and the translation
// engine's internals as dut.* (the harness's instance, found upward). Internal names used (update
// them if the RTL changes):
//   miss table   dut.me_q[e] (.state .func .service .offset .addr .clat_base .w1 .oh .usable
//                .bcoarse .blog2lo .cblock .lim_hi .lim_lo .beat .err .stale .replay .tag .status),
//                dut.mt.free_v, dut.u_miss_table.{arb,bdata,rep,done}_oh_q, arb_any_q, done_any_q
//   S1           dut.u_lookup.s1_valid_q, s1_tag_q, s1_func_q, s1_service_q, s1_offset_q,
//                s1_func_ok_q, s1_svc_ok_q, s1_regs_ok_q, s1_bat_base_q, s1_old_q, s1_missed_q (= the
//                S1 item came from the replay register), dut.s1c.clat_hit; the replay register
//                dut.u_lookup.rp_valid_q, rp_tag_q, rp_func_q, rp_service_q, rp_offset_q
//   caches       dut.u_caches.bat_valid_q, bat_cache_q[i], bat_tag_q[i], bf_valid_q, bf_line_q (the
//                registered fill), s1_btag_ok_q, s1_bline_q, s1_block_ok_q, s1_bat_go_q;
//                clat_valid_q, clat_bank{0,1}_q[j], clat_dbank{0,1}_q[j], clat_tag_q[i], cf_valid_q,
//                cf_line_q, s1_cuse_q, s1_chaz_q, s1_cbank_q, s1_cidx_q, s1_ctag{0,1}_ok_q,
//                s1_cline_q, s1_cdata
//   walk         dut.u_walk.ar_valid_q, ar_id_q, ar_addr_q, ar_bat_q (the AR register) and the
//                post-processing stage bp_*_q
//   responses    dut.u_rsp.rq_valid_q, rq_mem_q[i], rq_rptr_q, rq_wptr_q, rq_count_q, mr_valid_q,
//                mr_q, out_hold_q, out_hold_mr_q; the command register dut.inv_q
//
// Which row uses which (formal.toml): rd_addr_in_tables LEMMA_WALK + LEMMA_RD_ADDR; own_tables
// LEMMA_WALK + LEMMA_TAG + LEMMA_OWN_TABLES; one_response LEMMA_WALK + LEMMA_TAG; inval_fresh all
// but LEMMA_RD_ADDR. Each was found from the induction step's counterexample (an unreachable state
// the step started from); keep the data lemmas in the forms below: the solver's time depends a
// lot on them (general shifters in LEMMA_RD_ADDR made the step time out; the full data lemmas in
// own_tables' row took 431 s, the CLAT-region forms 13 s).
//   LEMMA_WALK: every live miss entry holds a request that passed the register checks; its state
//     says where its read is: BatReq holds the BAT entry's address, BatWait / ClatWait have the
//     read either in the AR register or outstanding at the slave (exactly one; the slave's record
//     has its length and address), no other state has either; BatProc is exactly the entry in the
//     post-processing stage, whose flags agree; a replaying entry is stale and parked; S1 has a
//     free entry and its register checks and BAT base are its request's; the registered choices
//     are one-hot or zero.
//   LEMMA_RD_ADDR: the tables' data exactly: every valid BAT cache line, the registered fill and
//     S1's copy hold the tables of their (function, service) tag; an entry's word-0 forms once its
//     first beat came, its cached BAT data (BatData), its CLAT read address (ClatReq, AR register,
//     slave), the post-processing stage's block and CLAT base.
//   LEMMA_TAG: tag T is held in exactly one place (S1, replay register, miss entry, hit queue,
//     miss response register) while outstanding, in none otherwise, with its request's function
//     and service; the hit queue is a ring with room for S1's item; a held response is still there.
//   LEMMA_OWN_TABLES: CLAT bases and CLAT read addresses lie in their (function, service)'s region;
//     OK answers (hit queue, miss register, Done entries) and CLAT cache lines / fill / S1's hit
//     carry their own (function, service) with the bits above the block address clear.
//   LEMMA_INVAL: see its block below.
module bat_clat_formal_lemmas
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions    = 2,
  parameter int unsigned BatEntries      = 2,
  parameter int unsigned OffsetWidth     = 33,
  parameter int unsigned BatCacheEntries = 2,
  parameter int unsigned MaxMisses       = 2,
  parameter int unsigned AxiIdWidth      = 2,
  parameter int unsigned TagWidth        = 2,
  parameter int unsigned ClatCacheEntries = 4,
  localparam int unsigned NumIds    = 1 << AxiIdWidth,
  localparam int unsigned LimW      = $clog2(BatEntries + 1),
  localparam int unsigned MissSlots = MaxMisses + 2  // as bat_clat_xlate's
) (
  input logic                                          clk_i,
  input logic                                          rst_ni,
  input logic [NumFunctions-1:0][HostAddrWidth-1:0]    cfg_bat_base,
  input logic [NumFunctions-1:0][LimW-1:0]             svc_limit_q,
  input logic [NumFunctions-1:0]                       enable_q,
  input logic [NumFunctions-1:0][BatEntries-1:0][63:0] w0_q,
  input logic [NumFunctions-1:0][BatEntries-1:0][15:0] cb_low_q,
  input logic [NumIds-1:0]                             rd_pend_q,
  input logic [NumIds-1:0][63:0]                       rd_addr_q,
  input logic [NumIds-1:0][7:0]                        rd_len_q,
  input logic [NumIds-1:0][7:0]                        rd_beat_q,
  input logic [TagWidth-1:0]                           trk_tag_i,  // T
  input logic                                          t_pend_q,   // T's request outstanding
  input logic [FuncWidth-1:0]                          t_func_q,
  input logic [ServiceWidth-1:0]                       t_service_q,
  input inval_t                                        trk_inv_q,  // the tracked invalidation
  input logic                                          marked_q,   // it was written (a clock ago or more)
  input logic                                          fresh_q,    // `done` seen after it
  input logic [NumIds-1:0]                             rd_old_q    // reads returning the old bit
);

`ifdef FORMAL
  localparam int unsigned FIdxW       = (NumFunctions > 1) ? $clog2(NumFunctions) : 1;  // as dut's
  localparam int unsigned SIdxW       = (BatEntries > 1) ? $clog2(BatEntries) : 1;
  localparam int unsigned BlockWidth  = OffsetWidth - Log2BlockMin;
  localparam int unsigned CoarseWidth = BlockWidth + 7;
  localparam int unsigned NumSizes    = Log2BlockMax - Log2BlockMin + 1;

  // ------------------------------------------------------------------ the tables (harness memory)
  function automatic logic [63:0] w0_of(logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s);
    return w0_q[FIdxW'(f)][SIdxW'(s)];
  endfunction
  function automatic logic regs_ok(logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s);
    return 32'(f) < NumFunctions && enable_q[FIdxW'(f)] && 32'(s) < 32'(svc_limit_q[FIdxW'(f)]);
  endfunction
  function automatic logic [63:0] bat_addr(logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s);
    return {cfg_bat_base[FIdxW'(f)][63:4], 4'd0} + (64'(s) << 4);
  endfunction
  // BAT word 1 (the CLAT base) of (f, s), without the ghost old bit (54)
  function automatic logic [63:0] cbase(logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s);
    return {1'b0, 4'(f), 4'(s), 1'b0, 1'b1, 37'd0, cb_low_q[FIdxW'(f)][SIdxW'(s)][15:3], 3'd0};
  endfunction
  // Addresses compare without bit 54 (the environment's ghost bit) and bit 63 (never read: the
  // solver caveat in bat_clat_formal.sv).
  function automatic logic same(logic [63:0] a, logic [63:0] b);
    return a[62:55] == b[62:55] && a[53:0] == b[53:0];
  endfunction
  // (The environment's BAT words have log2 12, 13 or 0 and fewer than 16 CLAT entries: the
  // forms below are written for those values only, as selects instead of shifters, which keeps
  // the induction step fast; bat_clat_formal.sv's checks use the general shifts.)
  function automatic logic usable(logic [63:0] w0);
    return w0[BatW1ValidBit] && w0[BatW1Log2Lsb+:Log2Width] inside {6'd12, 6'd13};
  endfunction
  function automatic logic [BlockWidth-1:0] block(logic [OffsetWidth-1:0] off, logic [63:0] w0);
    case (w0[BatW1Log2Lsb+:Log2Width])
      6'd12:   return BlockWidth'(off >> 12);
      6'd13:   return BlockWidth'(off >> 13);
      default: return BlockWidth'(off);
    endcase
  endfunction
  function automatic logic in_range(logic [OffsetWidth-1:0] off, logic [63:0] w0);
    return 64'(block(off, w0)) < 64'(w0[ClatEntriesWidth-1:0]);
  endfunction
  // usable and the block inside the CLAT: a CLAT read may follow
  function automatic logic go(logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s,
                              logic [OffsetWidth-1:0] off);
    return usable(w0_of(f, s)) && in_range(off, w0_of(f, s));
  endfunction
  function automatic logic [63:0] clat_addr(logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s,
                                            logic [OffsetWidth-1:0] off);
    return cbase(f, s) + (64'(block(off, w0_of(f, s))) << 3);
  endfunction
  // the forms bat_clat_rchan makes of word 0 (size one-hot, clat_entries << log2 in pages)
  function automatic logic [NumSizes-1:0] oh_of(logic [63:0] w0);
    for (int unsigned k = 0; k < NumSizes; k++)
      oh_of[k] = w0[BatW1ValidBit] && (32'(w0[BatW1Log2Lsb+:Log2Width]) == k + Log2BlockMin);
  endfunction
  function automatic logic [63:PageBits] lim_of(logic [63:0] w0);
    case (w0[BatW1Log2Lsb+:Log2Width])
      6'd12:   return (64 - PageBits)'(w0[ClatEntriesWidth-1:0]);
      6'd13:   return (64 - PageBits)'({w0[ClatEntriesWidth-1:0], 1'b0});
      default: return '0;
    endcase
  endfunction
  function automatic logic lims_ok(logic hi, logic [OffsetWidth-1:PageBits] lo, logic [63:0] w0);
    logic [63:PageBits] l;
    l = lim_of(w0);
    return hi == (|l[63:OffsetWidth]) && lo == l[OffsetWidth-1:PageBits];
  endfunction
  // a BAT cache line (fields as bat_clat_caches' bat_line_t) holds the tables of its tag
  function automatic logic line_ok(logic [FIdxW-1:0] lf, logic [SIdxW-1:0] ls, bat_data_t d,
                                   logic hi, logic [OffsetWidth-1:PageBits] lo);
    logic [63:0] w0;
    w0 = w0_q[lf][ls];
    return 32'(lf) < NumFunctions && 32'(ls) < BatEntries &&
           d.clat_entries == w0[ClatEntriesWidth-1:0] && d.log2 == w0[BatW1Log2Lsb+:Log2Width] &&
           d.usable == usable(w0) && same({d.clat_base, 3'd0}, cbase(FuncWidth'(lf), ServiceWidth'(ls))) &&
           lims_ok(hi, lo, w0);
  endfunction
  function automatic logic onehot0(logic [MissSlots-1:0] v);
    return (v & (v - 1'b1)) == '0;
  endfunction

  // CLAT-region forms (LEMMA_OWN_TABLES): a CLAT base of (f, s) (region, CLAT bit, nothing
  // between them and the 16 low bits: adding a block index * 8 cannot reach the region) and a
  // CLAT read address of (f, s) (region and CLAT bit: what the memory's answer depends on)
  function automatic logic cbase_in(logic [63:0] a, logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s);
    return a[62:55] == {4'(f), 4'(s)} && a[53] && a[52:16] == '0;
  endfunction
  function automatic logic caddr_in(logic [63:0] a, logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s);
    return a[62:55] == {4'(f), 4'(s)} && a[53];
  endfunction

  // The miss entries as packed vectors (the traces show them; the engine's me_q is an unpacked
  // array, which the counterexample VCD does not)
  logic [MissSlots-1:0][7:0]  tr_state;
  logic [MissSlots-1:0]       tr_stale, tr_replay, tr_beat;
  logic [MissSlots-1:0][7:0]  tr_func, tr_service;
  logic [MissSlots-1:0][63:0] tr_addr;
  logic [MissSlots-1:0][3:0]  tr_status;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      tr_state[e] = dut.me_q[e].state;  tr_stale[e] = dut.me_q[e].stale;
      tr_replay[e] = dut.me_q[e].replay;  tr_beat[e] = dut.me_q[e].beat;
      tr_func[e] = dut.me_q[e].func;  tr_service[e] = dut.me_q[e].service;
      tr_addr[e] = dut.me_q[e].addr;  tr_status[e] = dut.me_q[e].status;
    end
  end

`ifdef LEMMA_WALK
  // Where every miss entry's request and read is (both rows' inductions need this): LEMMA_WALK.
  // (wa_off: the BAT read addresses are left out for rsp_bound, whose induction needs where each
  // read is, not its address: the 64-bit compares only cost the solver time there)
  logic wa_off;
`ifdef CHECK_RSP_BOUND
  assign wa_off = 1'b1;
`else
  assign wa_off = 1'b0;
`endif
  // What its tables gave it: LEMMA_RD_ADDR exactly (block, range, addresses), LEMMA_OWN_TABLES
  // only the CLAT regions (lighter for the solver).
  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
      // registered choices: one-hot or zero, the *_any_q flops agree
      assert (onehot0(dut.u_miss_table.arb_oh_q) && onehot0(dut.u_miss_table.bdata_oh_q) &&
              onehot0(dut.u_miss_table.rep_oh_q) && onehot0(dut.u_miss_table.done_oh_q));
      assert (dut.u_miss_table.arb_any_q == (|dut.u_miss_table.arb_oh_q));
      assert (dut.u_miss_table.done_any_q == (|dut.u_miss_table.done_oh_q));
      // S1: a free entry for its item; its checks and BAT base are its request's
      if (dut.u_lookup.s1_valid_q) begin
        assert (|dut.mt.free_v);
        assert (dut.u_lookup.s1_regs_ok_q == regs_ok(dut.u_lookup.s1_func_q, dut.u_lookup.s1_service_q));
        if (dut.u_lookup.s1_regs_ok_q)
          assert (dut.u_lookup.s1_bat_base_q == cfg_bat_base[FIdxW'(dut.u_lookup.s1_func_q)][63:4] || wa_off);
      end
      if (!dut.u_lookup.s1_missed_q)
        assert (dut.u_caches.s1_bat_go_q ==
                (dut.u_caches.s1_bline_q.data.usable && dut.u_caches.s1_block_ok_q));
      if (dut.u_caches.s1_btag_ok_q)
        assert (!dut.u_lookup.s1_missed_q &&
                dut.u_caches.s1_bline_q.func == FIdxW'(dut.u_lookup.s1_func_q) &&
                dut.u_caches.s1_bline_q.service == SIdxW'(dut.u_lookup.s1_service_q) &&
                32'(dut.u_caches.s1_bline_q.func) < NumFunctions &&
                32'(dut.u_caches.s1_bline_q.service) < BatEntries);
      // the slave's records: only for miss-table entries
      for (int unsigned i = MissSlots; i < NumIds; i++) assert (!rd_pend_q[i]);
      // the AR register
      if (dut.u_walk.ar_valid_q) assert (32'(dut.u_walk.ar_id_q) < MissSlots);
      // the post-processing stage: its entry's request; its flags (bat_clat_walk's a_bp_flags,
      // a_bp_wants)
      if (dut.u_walk.bp_valid_q) begin
        assert (32'(dut.u_walk.bp_idx_q) < MissSlots);
        assert (dut.u_walk.bp_func_q == dut.me_q[dut.u_walk.bp_idx_q].func &&
                dut.u_walk.bp_service_q == dut.me_q[dut.u_walk.bp_idx_q].service &&
                dut.u_walk.bp_offset_q == dut.me_q[dut.u_walk.bp_idx_q].offset);
        assert (dut.u_walk.bp_go_q == (dut.u_walk.bp_wants_q && dut.u_walk.bp_to_clat_q) &&
                dut.u_walk.bp_to_clat_q == (!dut.u_walk.bp_err_q && dut.u_walk.bp_usable_q &&
                                            dut.u_walk.bp_in_range_q) &&
                dut.u_walk.bp_wants_q == (!dut.u_walk.bp_stale_q && !dut.u_walk.bp_err_q &&
                                          dut.u_walk.bp_usable_q));
      end
      // every miss entry: state one-hot; its request passed the register checks; a replaying
      // entry is stale and parked; a read in the AR register or outstanding only in a Wait
      // state, exactly one of the two there, with the slave's record of its length and address
      for (int unsigned e = 0; e < MissSlots; e++) begin : ent
        logic [7:0]              st;
        logic [FuncWidth-1:0]    f;
        logic [ServiceWidth-1:0] s;
        logic                    ar_here, bp_here;
        st  = dut.me_q[e].state;
        f   = dut.me_q[e].func;
        s   = dut.me_q[e].service;
        ar_here = dut.u_walk.ar_valid_q && 32'(dut.u_walk.ar_id_q) == e;
        bp_here = dut.u_walk.bp_valid_q && 32'(dut.u_walk.bp_idx_q) == e;
        assert (st != 0 && (st & (st - 8'd1)) == 0);  // one-hot
        assert (bp_here == (st == MsBatProc));
        if (st != MsFree) assert (regs_ok(f, s));
        if (st != MsFree && dut.me_q[e].replay)
          assert (dut.me_q[e].stale && st inside {MsBatReq, MsClatReq, MsBatData, MsDone});
        if (!(st inside {MsBatWait, MsClatWait})) assert (!ar_here && !rd_pend_q[e]);
        if (st == MsBatReq)
          assert ((dut.me_q[e].addr[62:0] == bat_addr(f, s) || wa_off) && !dut.me_q[e].beat);
        if (st == MsBatData) assert (!dut.me_q[e].err);
        if (st == MsBatWait) begin
          assert (ar_here != rd_pend_q[e]);
          if (ar_here)
            assert (dut.u_walk.ar_bat_q && (dut.u_walk.ar_addr_q[62:0] == bat_addr(f, s) || wa_off) &&
                    !dut.me_q[e].beat);
          if (rd_pend_q[e])
            assert (rd_len_q[e] == 8'd1 && (rd_addr_q[e][62:0] == bat_addr(f, s) || wa_off) &&
                    rd_beat_q[e] <= 8'd1 && dut.me_q[e].beat == (rd_beat_q[e] == 8'd1));
        end
        if (st == MsClatWait) begin
          assert (ar_here != rd_pend_q[e]);
          if (ar_here) assert (!dut.u_walk.ar_bat_q);
          if (rd_pend_q[e]) assert (rd_len_q[e] == 8'd0 && rd_beat_q[e] == 8'd0);
        end
      end
    end
  end
`endif

`ifdef LEMMA_RD_ADDR
  // The tables' data, exactly: BAT lines (cache, fill, S1's copy) and the compares on them, the
  // post-processing stage, every entry's BAT data and CLAT read address.
  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
      if (!dut.u_lookup.s1_missed_q) begin
        assert (dut.u_caches.s1_block_ok_q ==
                (dut.u_caches.s1_bline_q.lim_hi ||
                 dut.u_lookup.s1_offset_q[OffsetWidth-1:PageBits] < dut.u_caches.s1_bline_q.lim_lo));
      end
      if (dut.u_caches.s1_btag_ok_q)
        assert (line_ok(dut.u_caches.s1_bline_q.func, dut.u_caches.s1_bline_q.service,
                        dut.u_caches.s1_bline_q.data, dut.u_caches.s1_bline_q.lim_hi,
                        dut.u_caches.s1_bline_q.lim_lo));
      for (int unsigned i = 0; i < BatCacheEntries; i++)
        if (dut.u_caches.bat_valid_q[i])
          assert (line_ok(dut.u_caches.bat_cache_q[i].func, dut.u_caches.bat_cache_q[i].service,
                          dut.u_caches.bat_cache_q[i].data, dut.u_caches.bat_cache_q[i].lim_hi,
                          dut.u_caches.bat_cache_q[i].lim_lo));
      if (dut.u_caches.bf_valid_q)
        assert (line_ok(dut.u_caches.bf_line_q.func, dut.u_caches.bf_line_q.service,
                        dut.u_caches.bf_line_q.data, dut.u_caches.bf_line_q.lim_hi,
                        dut.u_caches.bf_line_q.lim_lo));
      if (dut.u_walk.bp_valid_q) begin : bp
        logic [FuncWidth-1:0]    f;
        logic [ServiceWidth-1:0] s;
        logic [OffsetWidth-1:0]  off;
        f   = dut.u_walk.bp_func_q;
        s   = dut.u_walk.bp_service_q;
        off = dut.u_walk.bp_offset_q;
        if (dut.u_walk.bp_to_clat_q)
          assert (go(f, s, off) && dut.u_walk.bp_block_q == block(off, w0_of(f, s)) &&
                  same({dut.u_walk.bp_clat_base_q, 3'd0}, cbase(f, s)));
        if (dut.u_walk.bp_from_mem_q && !dut.u_walk.bp_err_q)
          assert (dut.u_walk.bp_w1_q == w0_of(f, s) &&
                  same({dut.u_walk.bp_clat_base_q, 3'd0}, cbase(f, s)) &&
                  lims_ok(dut.u_walk.bp_lim_hi_q, dut.u_walk.bp_lim_lo_q, w0_of(f, s)));
      end
      for (int unsigned e = 0; e < MissSlots; e++) begin : ent
        logic [7:0]              st;
        logic [FuncWidth-1:0]    f;
        logic [ServiceWidth-1:0] s;
        logic [OffsetWidth-1:0]  off;
        logic [63:0]             w0;
        st  = dut.me_q[e].state;
        f   = dut.me_q[e].func;
        s   = dut.me_q[e].service;
        off = dut.me_q[e].offset;
        w0  = w0_of(f, s);
        if (st == MsClatReq)
          assert (go(f, s, off) && same(dut.me_q[e].addr, clat_addr(f, s, off)));
        if (st == MsBatData)
          assert (go(f, s, off) && dut.me_q[e].usable && dut.me_q[e].cblock == block(off, w0) &&
                  same({dut.me_q[e].clat_base, 3'd0}, cbase(f, s)));
        if (st == MsBatWait && dut.me_q[e].beat)
          assert (dut.me_q[e].w1 == w0 && dut.me_q[e].oh == oh_of(w0) &&
                  dut.me_q[e].usable == usable(w0) &&
                  dut.me_q[e].bcoarse == (w0[BatW1Log2Lsb+3] ? CoarseWidth'(off >> 8) : CoarseWidth'(off)) &&
                  dut.me_q[e].blog2lo == w0[BatW1Log2Lsb+:3] &&
                  lims_ok(dut.me_q[e].lim_hi, dut.me_q[e].lim_lo, w0));
        if (st == MsClatWait && dut.u_walk.ar_valid_q && 32'(dut.u_walk.ar_id_q) == e)
          assert (go(f, s, off) && same(dut.u_walk.ar_addr_q, clat_addr(f, s, off)));
        if (st == MsClatWait && rd_pend_q[e]) assert (same(rd_addr_q[e], clat_addr(f, s, off)));
      end
    end
  end
`endif

  localparam int unsigned ClatIdxW   = $clog2(ClatCacheEntries);
  localparam int unsigned PageTagLsb = PageBits + ClatIdxW;
  localparam int unsigned RspDepth   = 4;  // as bat_clat_xlate's

`ifdef LEMMA_TAG
  // The symbolic tag T (own_tables, one_response): held in exactly one place while its request is
  // outstanding, in none otherwise, always with its request's function and service; the hit
  // queue is a ring of rq_count_q valid slots from the read pointer (room for S1's item); a
  // response shown and not taken is still there.
  logic [31:0] t_cnt;  // live places holding a request with tag T
  always_comb begin
    t_cnt = 32'(dut.u_lookup.s1_valid_q && dut.u_lookup.s1_tag_q == trk_tag_i) +
            32'(dut.u_lookup.rp_valid_q && dut.u_lookup.rp_tag_q == trk_tag_i) +
            32'(dut.u_rsp.mr_valid_q && dut.u_rsp.mr_q.tag == trk_tag_i);
    for (int unsigned e = 0; e < MissSlots; e++)
      t_cnt += 32'(dut.me_q[e].state != MsFree && dut.me_q[e].tag == trk_tag_i);
    for (int unsigned i = 0; i < RspDepth; i++)
      t_cnt += 32'(dut.u_rsp.rq_valid_q[i] && dut.u_rsp.rq_mem_q[i].tag == trk_tag_i);
  end

  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
      // tag T: held in exactly one place while outstanding, by its own request
      assert (t_cnt == 32'(t_pend_q));
      if (dut.u_lookup.s1_valid_q && dut.u_lookup.s1_tag_q == trk_tag_i)
        assert (dut.u_lookup.s1_func_q == t_func_q && dut.u_lookup.s1_service_q == t_service_q);
      if (dut.u_lookup.rp_valid_q && dut.u_lookup.rp_tag_q == trk_tag_i)
        assert (dut.u_lookup.rp_func_q == t_func_q && dut.u_lookup.rp_service_q == t_service_q);
      if (dut.u_rsp.mr_valid_q && dut.u_rsp.mr_q.tag == trk_tag_i)
        assert (dut.u_rsp.mr_q.func == t_func_q && dut.u_rsp.mr_q.service == t_service_q);
      for (int unsigned e = 0; e < MissSlots; e++)
        if (dut.me_q[e].state != MsFree && dut.me_q[e].tag == trk_tag_i)
          assert (dut.me_q[e].func == t_func_q && dut.me_q[e].service == t_service_q);
      for (int unsigned i = 0; i < RspDepth; i++)
        if (dut.u_rsp.rq_valid_q[i] && dut.u_rsp.rq_mem_q[i].tag == trk_tag_i)
          assert (dut.u_rsp.rq_mem_q[i].func == t_func_q && dut.u_rsp.rq_mem_q[i].service == t_service_q);
      // the hit queue: a ring of rq_count_q valid slots from the read pointer; a response shown
      // and not taken is still there
      assert (dut.u_rsp.rq_count_q <= 3'(RspDepth) - 3'(dut.u_lookup.s1_valid_q) &&
              dut.u_rsp.rq_wptr_q == dut.u_rsp.rq_rptr_q + 2'(dut.u_rsp.rq_count_q));
      for (int unsigned i = 0; i < RspDepth; i++)
        assert (dut.u_rsp.rq_valid_q[2'(dut.u_rsp.rq_rptr_q + 2'(i))] == (i < 32'(dut.u_rsp.rq_count_q)));
      if (dut.u_rsp.out_hold_q)
        assert (dut.u_rsp.out_hold_mr_q ? dut.u_rsp.mr_valid_q : dut.u_rsp.rq_valid_q[dut.u_rsp.rq_rptr_q]);
    end
  end
`endif

`ifdef LEMMA_OWN_TABLES
  // The tables' regions (own_tables): CLAT bases and CLAT read addresses, the OK answers
  // (hit queue, miss register, Done entries), S1's CLAT hit, the CLAT cache lines and fill.
  // A translated address (or a CLAT word's block address) of the tables of (f, s): region bits
  // 62:55 and CLAT word bits 53:hi zero (hi = 41 for a block address; 42 once up to 2**32 of
  // in-block offset was added: bit 41 may carry).
  function automatic logic owned(logic [63:0] a, logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s,
                                  int unsigned hi);
    return a[62:55] == {4'(f), 4'(s)} && (a[53:0] >> hi) == '0;
  endfunction
  function automatic logic [63:0] pa(logic [63:PageBits] p);
    return {p, 12'd0};
  endfunction

  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
      // CLAT regions: every CLAT base and CLAT read address an entry, the post-processing stage,
      // the AR register, the slave and the BAT lines hold is of their (function, service)
      if (dut.u_caches.s1_btag_ok_q)
        assert (cbase_in({dut.u_caches.s1_bline_q.data.clat_base, 3'd0}, FuncWidth'(dut.u_caches.s1_bline_q.func),
                         ServiceWidth'(dut.u_caches.s1_bline_q.service)));
      for (int unsigned i = 0; i < BatCacheEntries; i++)
        if (dut.u_caches.bat_valid_q[i])
          assert (cbase_in({dut.u_caches.bat_cache_q[i].data.clat_base, 3'd0},
                           FuncWidth'(dut.u_caches.bat_cache_q[i].func),
                           ServiceWidth'(dut.u_caches.bat_cache_q[i].service)));
      if (dut.u_caches.bf_valid_q)
        assert (cbase_in({dut.u_caches.bf_line_q.data.clat_base, 3'd0}, FuncWidth'(dut.u_caches.bf_line_q.func),
                         ServiceWidth'(dut.u_caches.bf_line_q.service)));
      if (dut.u_walk.bp_valid_q && (dut.u_walk.bp_to_clat_q || (dut.u_walk.bp_from_mem_q && !dut.u_walk.bp_err_q)))
        assert (cbase_in({dut.u_walk.bp_clat_base_q, 3'd0}, dut.u_walk.bp_func_q, dut.u_walk.bp_service_q));
      for (int unsigned e = 0; e < MissSlots; e++) begin
        if (dut.me_q[e].state == MsClatReq)
          assert (caddr_in(dut.me_q[e].addr, dut.me_q[e].func, dut.me_q[e].service));
        if (dut.me_q[e].state == MsBatData)
          assert (cbase_in({dut.me_q[e].clat_base, 3'd0}, dut.me_q[e].func, dut.me_q[e].service));
        if (dut.me_q[e].state == MsClatWait && dut.u_walk.ar_valid_q && 32'(dut.u_walk.ar_id_q) == e)
          assert (caddr_in(dut.u_walk.ar_addr_q, dut.me_q[e].func, dut.me_q[e].service));
        if (dut.me_q[e].state == MsClatWait && rd_pend_q[e])
          assert (caddr_in(rd_addr_q[e], dut.me_q[e].func, dut.me_q[e].service));
      end
      // OK answers carry their own (function, service)'s tables
      for (int unsigned i = 0; i < RspDepth; i++)
        if (dut.u_rsp.rq_valid_q[i] && dut.u_rsp.rq_mem_q[i].status == StOk)
          assert (owned(dut.u_rsp.rq_mem_q[i].addr, dut.u_rsp.rq_mem_q[i].func,
                         dut.u_rsp.rq_mem_q[i].service, 42));
      if (dut.u_rsp.mr_valid_q && dut.u_rsp.mr_q.status == StOk)
        assert (owned(dut.u_rsp.mr_q.addr, dut.u_rsp.mr_q.func, dut.u_rsp.mr_q.service, 41));
      for (int unsigned e = 0; e < MissSlots; e++)
        if (dut.me_q[e].state == MsDone && !dut.me_q[e].stale && dut.me_q[e].status == StOk)
          assert (owned(dut.me_q[e].addr, dut.me_q[e].func, dut.me_q[e].service, 41));
      // S1: the register checks; a CLAT hit's line is the request's and its data that line's
      if (dut.u_lookup.s1_valid_q) begin
        assert (dut.u_lookup.s1_func_ok_q == (32'(dut.u_lookup.s1_func_q) < NumFunctions &&
                                              enable_q[FIdxW'(dut.u_lookup.s1_func_q)]));
        if (dut.u_lookup.s1_func_ok_q)
          assert (dut.u_lookup.s1_svc_ok_q == (32'(dut.u_lookup.s1_service_q) <
                                               32'(svc_limit_q[FIdxW'(dut.u_lookup.s1_func_q)])));
      end
      if (dut.u_caches.s1_cuse_q) begin
        assert (!dut.u_lookup.s1_missed_q && dut.u_caches.s1_cbank_q == dut.u_caches.s1_cidx_q[ClatIdxW-1]);
        assert ((dut.u_caches.s1_cbank_q ? &dut.u_caches.s1_ctag1_ok_q : &dut.u_caches.s1_ctag0_ok_q) ==
                (dut.u_caches.s1_cline_q == {FIdxW'(dut.u_lookup.s1_func_q), SIdxW'(dut.u_lookup.s1_service_q),
                                             dut.u_lookup.s1_offset_q[OffsetWidth-1:PageTagLsb]}));
        if (!dut.u_caches.s1_chaz_q)
          assert (owned(pa(dut.u_caches.s1_cdata.page_addr), FuncWidth'(dut.u_caches.s1_cline_q.func),
                         ServiceWidth'(dut.u_caches.s1_cline_q.service), 42));
      end
      // CLAT cache lines and the registered fill
      for (int unsigned j = 0; j < ClatCacheEntries / 2; j++) begin
        if (dut.u_caches.clat_valid_q[j])
          assert (owned(pa(dut.u_caches.clat_dbank0_q[j].page_addr), FuncWidth'(dut.u_caches.clat_bank0_q[j].func),
                         ServiceWidth'(dut.u_caches.clat_bank0_q[j].service), 42));
        if (dut.u_caches.clat_valid_q[ClatCacheEntries / 2 + j])
          assert (owned(pa(dut.u_caches.clat_dbank1_q[j].page_addr), FuncWidth'(dut.u_caches.clat_bank1_q[j].func),
                         ServiceWidth'(dut.u_caches.clat_bank1_q[j].service), 42));
      end
      if (dut.u_caches.cf_valid_q)
        assert (owned(pa(dut.u_caches.cf_line_q.block_addr), FuncWidth'(dut.u_caches.cf_line_q.func),
                       ServiceWidth'(dut.u_caches.cf_line_q.service), 41));
    end
  end
`endif

`ifdef LEMMA_INVAL
  // inval_fresh: the ghost `old` bit (bit 54 of a CLAT base or an address; the slave's rd_old_q)
  // is only in data of tables the tracked invalidation covers; from the clock after it took effect
  // (marked2_q) every place holding such data is marked (a stale entry, an old S1 item, an old
  // queued answer) or gone (cache lines, fills); once `done` was seen (fresh_q) no answer holds it.
  localparam int unsigned OldBit = 54;
  logic marked2_q;  // the tracked invalidation was in the engine's command register (inv_q)
  always_ff @(posedge clk_i) marked2_q <= rst_ni && marked_q;
  function automatic logic covt(logic [FuncWidth-1:0] f, logic [ServiceWidth-1:0] s);
    if (!(trk_inv_q.scope inside {ScopeFunc, ScopeService})) return 1'b1;
    return trk_inv_q.func == f && (trk_inv_q.scope == ScopeFunc || trk_inv_q.service == s);
  endfunction
  // old data per place (CLAT bases, addresses, page addresses: each indexed by address bit)
  logic [MissSlots-1:0] g_ent;   // entry e holds old data or has an old read outstanding
  logic                 g_ar, g_bp, g_s1b, g_s1c;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      logic [7:0] st;
      st = dut.me_q[e].state;
      g_ent[e] = (st == MsBatData && dut.me_q[e].clat_base[OldBit]) ||
                 (st inside {MsClatReq, MsClatWait} && dut.me_q[e].addr[OldBit]) ||
                 (st == MsDone && dut.me_q[e].status == StOk && dut.me_q[e].addr[OldBit]) ||
                 (rd_pend_q[e] && (rd_old_q[e] || (rd_addr_q[e][53] && rd_addr_q[e][OldBit])));
    end
    g_ar  = dut.u_walk.ar_valid_q && dut.u_walk.ar_addr_q[OldBit];
    g_bp  = dut.u_walk.bp_valid_q && dut.u_walk.bp_clat_base_q[OldBit];
    // S1 (only a request that passed the register checks can use what it read)
    g_s1b = dut.u_lookup.s1_regs_ok_q && dut.u_caches.s1_btag_ok_q &&
            dut.u_caches.s1_bline_q.data.clat_base[OldBit];
    g_s1c = dut.u_lookup.s1_regs_ok_q && dut.s1c.clat_hit && dut.u_caches.s1_cdata.page_addr[OldBit];
  end

  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
      // the command register holds the tracked invalidation in the clock after it was written
      if (marked_q && !marked2_q)
        assert (dut.inv_q.valid && dut.inv_q.func == trk_inv_q.func &&
                dut.inv_q.service == trk_inv_q.service &&
                dut.inv_q.all == !(trk_inv_q.scope inside {ScopeFunc, ScopeService}) &&
                dut.inv_q.fs == (trk_inv_q.scope inside {ScopeFunc, ScopeService}) &&
                dut.inv_q.func_only == (trk_inv_q.scope == ScopeFunc) &&
                dut.inv_q.f_fit == ((trk_inv_q.func >> FIdxW) == '0) &&
                dut.inv_q.s_fit == ((trk_inv_q.service >> SIdxW) == '0));
      if (fresh_q) assert (marked2_q);
      if (marked2_q) assert (marked_q);
      // the tag copies the invalidation compares against (bat_tag_q, clat_tag_q) are the lines'
      for (int unsigned i = 0; i < BatCacheEntries; i++)
        if (dut.u_caches.bat_valid_q[i])
          assert (dut.u_caches.bat_tag_q[i].func == dut.u_caches.bat_cache_q[i].func &&
                  dut.u_caches.bat_tag_q[i].service == dut.u_caches.bat_cache_q[i].service);
      for (int unsigned j = 0; j < ClatCacheEntries / 2; j++) begin
        if (dut.u_caches.clat_valid_q[j])
          assert (dut.u_caches.clat_tag_q[j].func == dut.u_caches.clat_bank0_q[j].func &&
                  dut.u_caches.clat_tag_q[j].service == dut.u_caches.clat_bank0_q[j].service);
        if (dut.u_caches.clat_valid_q[ClatCacheEntries / 2 + j])
          assert (dut.u_caches.clat_tag_q[ClatCacheEntries / 2 + j].func == dut.u_caches.clat_bank1_q[j].func &&
                  dut.u_caches.clat_tag_q[ClatCacheEntries / 2 + j].service == dut.u_caches.clat_bank1_q[j].service);
      end
      // old data only of covered tables
      for (int unsigned e = 0; e < MissSlots; e++)
        if (g_ent[e]) assert (covt(dut.me_q[e].func, dut.me_q[e].service));
      if (g_ar) assert (covt(dut.me_q[dut.u_walk.ar_id_q].func, dut.me_q[dut.u_walk.ar_id_q].service));
      if (g_bp) assert (covt(dut.u_walk.bp_func_q, dut.u_walk.bp_service_q));
      if (g_s1b || g_s1c) assert (covt(dut.u_lookup.s1_func_q, dut.u_lookup.s1_service_q));
      for (int unsigned i = 0; i < BatCacheEntries; i++)
        if (dut.u_caches.bat_valid_q[i] && dut.u_caches.bat_cache_q[i].data.clat_base[OldBit])
          assert (!marked2_q && covt(FuncWidth'(dut.u_caches.bat_cache_q[i].func),
                                     ServiceWidth'(dut.u_caches.bat_cache_q[i].service)));
      if (dut.u_caches.bf_valid_q && dut.u_caches.bf_line_q.data.clat_base[OldBit])
        assert (!marked2_q && covt(FuncWidth'(dut.u_caches.bf_line_q.func),
                                   ServiceWidth'(dut.u_caches.bf_line_q.service)));
      for (int unsigned j = 0; j < ClatCacheEntries / 2; j++) begin
        if (dut.u_caches.clat_valid_q[j] && dut.u_caches.clat_dbank0_q[j].page_addr[OldBit])
          assert (!marked2_q && covt(FuncWidth'(dut.u_caches.clat_bank0_q[j].func),
                                     ServiceWidth'(dut.u_caches.clat_bank0_q[j].service)));
        if (dut.u_caches.clat_valid_q[ClatCacheEntries / 2 + j] &&
            dut.u_caches.clat_dbank1_q[j].page_addr[OldBit])
          assert (!marked2_q && covt(FuncWidth'(dut.u_caches.clat_bank1_q[j].func),
                                     ServiceWidth'(dut.u_caches.clat_bank1_q[j].service)));
      end
      if (dut.u_caches.cf_valid_q && dut.u_caches.cf_line_q.block_addr[OldBit])
        assert (!marked2_q && covt(FuncWidth'(dut.u_caches.cf_line_q.func),
                                   ServiceWidth'(dut.u_caches.cf_line_q.service)));
      for (int unsigned i = 0; i < RspDepth; i++)
        if (dut.u_rsp.rq_valid_q[i] && dut.u_rsp.rq_mem_q[i].status == StOk &&
            dut.u_rsp.rq_mem_q[i].addr[OldBit])
          assert (covt(dut.u_rsp.rq_mem_q[i].func, dut.u_rsp.rq_mem_q[i].service) &&
                  (!marked2_q || dut.u_rsp.rq_mem_q[i].old) && !fresh_q);
      if (dut.u_rsp.mr_valid_q && dut.u_rsp.mr_q.status == StOk && dut.u_rsp.mr_q.addr[OldBit])
        assert (covt(dut.u_rsp.mr_q.func, dut.u_rsp.mr_q.service) &&
                (!marked2_q || dut.u_rsp.mr_q.old) && !fresh_q);
      // from the clock after the command took effect: marked
      if (marked2_q) begin
        for (int unsigned e = 0; e < MissSlots; e++)
          if (g_ent[e]) assert (dut.me_q[e].stale);
        if (g_ar) assert (dut.me_q[dut.u_walk.ar_id_q].stale);
        if (g_bp) assert (dut.me_q[dut.u_walk.bp_idx_q].stale);
        if (dut.u_lookup.s1_valid_q && (g_s1b || g_s1c)) assert (dut.u_lookup.s1_old_q && !fresh_q);
      end
    end
  end
`endif
`endif

endmodule
