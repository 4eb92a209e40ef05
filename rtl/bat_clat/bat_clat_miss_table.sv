// Miss table of the translation engine (bat_clat_xlate): the entries and their one-hot states,
// the free/outstanding counts, the registered choices of the arbiters, each entry's next state,
// and the "read issued before an invalidation" marks that `done` waits for.
//
// Miss table (MissSlots entries, ARID = entry index, one-hot states): an entry fetches the BAT
// entry (2-beat burst; word 0, the size fields, comes first and is decoded into the entry: size
// one-hot, block index, range limit) unless the BAT cache hit (S1 stores the same forms), then
// the CLAT word. A shared post-processing stage (bat_clat_walk) takes BAT data with its block
// index and range check already made, adds the CLAT entry address and issues the CLAT read; a
// CLAT return goes straight into the miss response register. Choices among waiting entries (AR
// arbiter, parked responses, cached BAT data, replays) are registered a clock ahead; entries only
// wait there when their resource was busy.
module bat_clat_miss_table
  import bat_clat_pkg::*;
#(
  parameter int unsigned OffsetWidth      = 40,
  parameter int unsigned MaxMisses        = 4,
  parameter int unsigned MissSlots        = 6,
  parameter type         entry_t          = logic,  // bat_clat_xlate's miss_entry_t
  parameter type         mt_t             = logic,  // bat_clat_xlate's mt_sel_t
  parameter type         s1_t             = logic,  // bat_clat_xlate's s1_out_t
  parameter type         ar_t             = logic,  // bat_clat_xlate's ar_t
  parameter type         bp_t             = logic,  // bat_clat_xlate's bp_t
  parameter type         r_dec_t          = logic,  // bat_clat_xlate's r_dec_t
  // derived
  localparam int unsigned MissIdxWidth = $clog2(MissSlots),
  localparam int unsigned CoarseWidth  = OffsetWidth - Log2BlockMin + 7
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  inv_t                         inv_i,
  output entry_t                       me_o [MissSlots],
  output mt_t                          mt_o,            // counts and registered choices
  input  s1_t                          s1_i,            // S1 (bat_clat_lookup)
  input  ar_t                          ar_i,            // the AR register (bat_clat_walk)
  input  bp_t                          bp_i,            // post-processing (bat_clat_walk)
  input  r_dec_t                       rd_i,            // R-channel decode (bat_clat_rchan)
  // S1 (bat_clat_lookup)
  input  logic                         rp_load_i,       // the replay register takes rep_idx
  // The miss response register (bat_clat_rsp)
  input  logic                         mq_from_done_i,
  input  logic                         mq_r_ok_i,       // it takes a CLAT return now
  // The R channel (bat_clat_rchan)
  input  logic [AxiDataWidth-1:0]      m_axi_rdata_i,
  input  logic                         m_axi_rlast_i
);

  localparam int unsigned MissCntWidth = $clog2(MissSlots + 1);

  entry_t me_q [MissSlots];
  entry_t me_d [MissSlots];
  assign me_o = me_q;

  // ------------------------------------------------------------------ counts
  logic [MissCntWidth-1:0] miss_free, n_outstanding;
  logic [MissSlots-1:0]    free_v, wait_v;
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
  assign mt_o.free_v = free_v;
  // The count threshold as a truth table over the per-entry bits when the table is small
  // (timing: a LUT function of flops instead of a popcount adder chain and a compare).
  localparam int unsigned CntTblBits = (MissSlots <= 8) ? (1 << MissSlots) : 1;
  localparam logic [CntTblBits-1:0] FreeGe2Tbl = CntTblBits'(~count_below_tbl(CntTblBits, 2));
  if (MissSlots <= 8) begin : g_cnt_tbl
    assign mt_o.free_ge2 = FreeGe2Tbl[free_v];
  end else begin : g_cnt_add
    assign mt_o.free_ge2 = miss_free >= MissCntWidth'(2);
  end
  // Reads outstanding (= entries in a Wait state) are also counted in a register, and whether
  // another read may be issued is a flop (timing: the AR arbitration starts from flops).
  logic [MissCntWidth-1:0] reads_out_q, reads_inc, reads_dec;
  logic                    out_ok_q, ar_issue, r_leaves_wait;
  logic                    ok_keep, ok_inc, ok_dec, ok_both;
  assign mt_o.out_ok = out_ok_q;
  assign ar_issue = ar_i.from_bp || ar_i.from_arb || ar_i.from_s1;
  // An entry leaves its Wait state on its burst's RLAST beat (BAT or CLAT), never earlier: its
  // ARID is not reused while beats of the old burst may still come.
  assign r_leaves_wait = (rd_i.bat || rd_i.clat) && m_axi_rlast_i;
  // The count's next value and the out_ok compare for each combination of the two late bits (a
  // read issued, a read's RLAST beat) are made from the flops, then selected by those bits
  // (timing: the R-channel decode and the AR decision meet the count in one mux, not in the
  // carry chains of a subtract, an add and a compare).
  assign reads_inc = reads_out_q + 1'b1;
  assign reads_dec = reads_out_q - 1'b1;
  assign ok_keep   = reads_out_q < MissCntWidth'(MaxMisses);      // none issued, none left
  assign ok_inc    = reads_out_q < MissCntWidth'(MaxMisses - 1);  // one issued
  assign ok_dec    = reads_dec < MissCntWidth'(MaxMisses);        // one left
  assign ok_both   = reads_dec < MissCntWidth'(MaxMisses - 1);    // one issued, one left

  // ------------------------------------------------------------------ arbitration
  // All selections are one-hot vectors computed in parallel from registered state, so that each
  // entry's next state is a shallow mux of its own events (timing: no chain of indexed writes).
  logic [MissSlots-1:0] is_done, is_rep, is_req, is_bdata;
  logic [MissSlots-1:0] free_oh, done_oh, rep_oh, arb_oh, bdata_oh;
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      is_done[e]  = in_st(me_q[e].state, MsDone) && !me_q[e].stale;
      is_rep[e]   = !in_st(me_q[e].state, MsFree) && me_q[e].replay;
      is_req[e]   = in_st(me_q[e].state, MsBatReq | MsClatReq) && !me_q[e].stale;
      is_bdata[e] = in_st(me_q[e].state, MsBatData) && !me_q[e].stale;
    end
  end

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

  assign free_oh   = lowest_oh(free_v);
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
  assign mt_o.free_idx   = oh2idx(free_oh);
  assign mt_o.rep_idx    = oh2idx(rep_oh_q);
  assign mt_o.arb_idx    = oh2idx(arb_oh_q);
  assign mt_o.bdata_idx  = oh2idx(bdata_oh_q);
  assign mt_o.done_any   = |done_oh;   // the registered choice is still Done
  assign mt_o.rep_any    = |rep_oh;    // the registered choice still wants to replay
  assign mt_o.arb_any    = |arb_oh;    // the registered choice still waits
  assign mt_o.bdata_any  = |bdata_oh;  // the registered choice still has its data waiting
  assign mt_o.arb_any_q  = arb_any_q;
  assign mt_o.done_any_q = done_any_q;
  assign mt_o.done_oh_q  = done_oh_q;
  assign mt_o.bdata_oh_q = bdata_oh_q;

  // ------------------------------------------------------------------ next state
  entry_t new_s1;
  always_comb begin
    new_s1       = s1_i.entry;
    new_s1.state = s1_i.alloc_bat ? MsBatData : (ar_i.from_s1 ? MsBatWait : MsBatReq);
  end

  // The state tests in variables (a function call in a case item makes Verilator's coverage
  // build warn SIDEEFFECT); one-hot, so `case (1'b1)` on them; not `unique`: random state before
  // reset.
  always_comb begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      logic r_here, bp_here, covered;
      logic st_free, st_park, st_batwait, st_batproc, st_clatwait;
      st_free     = in_st(me_q[e].state, MsFree);
      st_park     = in_st(me_q[e].state, MsBatReq | MsClatReq | MsBatData | MsDone);
      st_batwait  = in_st(me_q[e].state, MsBatWait);
      st_batproc  = in_st(me_q[e].state, MsBatProc);
      st_clatwait = in_st(me_q[e].state, MsClatWait);
      r_here  = rd_i.here_v[e];
      bp_here = bp_i.valid && (32'(bp_i.idx) == e);
      covered = inv_covers(inv_i, me_q[e].func, me_q[e].service);
      me_d[e] = me_q[e];
      case (1'b1)
        st_free: begin
          // The data is written into the next free entry every cycle (it is free, so nothing is
          // lost); only the state flops wait for S1's compare result (timing: the hit/miss
          // decision does not gate ~300 flops per entry).
          if (free_oh[e]) begin
            me_d[e] = new_s1;
            if (!(s1_i.valid && s1_i.alloc)) me_d[e].state = MsFree;
          end
        end
        st_park: begin
          // Covered by an earlier invalidation: restart (nothing in flight to wait for).
          if (me_q[e].stale) me_d[e].replay = 1'b1;  // (arbiters skip stale entries)
          else if (ar_i.from_arb && arb_oh[e]) begin
            me_d[e].state = in_st(me_q[e].state, MsBatReq) ? MsBatWait : MsClatWait;
          end else if (bp_i.from_data && bdata_oh[e]) me_d[e].state = MsBatProc;
          else if (mq_from_done_i && done_oh[e]) me_d[e].state = MsFree;
        end
        st_batwait: begin
          // Word 0 (the size fields) decoded for this entry: taken from the R data every clock
          // until the entry's first beat has arrived, i.e. whatever the RID (timing: each entry
          // keeps its own shifter; with the RID in the enable, resource sharing would fold the
          // six shifters into one behind an RID-selected offset).
          if (!me_q[e].beat) begin
            me_d[e].w1     = m_axi_rdata_i;
            me_d[e].oh     = rd_i.oh;
            me_d[e].usable = |rd_i.oh;
            me_d[e].bcoarse = CoarseWidth'(me_q[e].offset >> {m_axi_rdata_i[BatW1Log2Lsb+3+:3], 3'b000});
            me_d[e].blog2lo = m_axi_rdata_i[BatW1Log2Lsb+:3];
            me_d[e].lim_hi = rd_i.lim_hi;
            me_d[e].lim_lo = rd_i.lim_lo;
          end
          if (r_here) begin
            // A second beat without RLAST: the burst is longer than two beats (BUS_ERROR; the
            // entry waits for RLAST). RLAST on the first beat: bl_err (!beat).
            me_d[e].err = me_q[e].err || rd_i.err || (me_q[e].beat && !m_axi_rlast_i);
            me_d[e].beat = 1'b1;
            if (m_axi_rlast_i) me_d[e].state = MsBatProc;
          end
        end
        st_batproc: begin
          if (bp_here) begin
            // Data is written whatever the outcome (timing): addr is the CLAT read address or,
            // for an error, ignored (the output zeroes the address of any error).
            me_d[e].addr    = bp_i.clat_addr;
            me_d[e].inblock = bp_i.inblock;
            me_d[e].status  = bp_i.status;
            // The CLAT read is issued on the stale state registered at load time (timing); an
            // entry an invalidation covered in that very clock drops the data on return.
            if (ar_i.from_bp) me_d[e].state = MsClatWait;
            else if (me_q[e].stale) begin
              me_d[e].state  = MsDone;  // parked: a stale Done is never written out
              me_d[e].replay = 1'b1;
            end else if (bp_i.to_clat) begin
              me_d[e].state = MsClatReq;
            end else begin
              me_d[e].state = MsDone;
            end
          end
        end
        st_clatwait: begin
          if (r_here && !m_axi_rlast_i) begin
            me_d[e].err = 1'b1;  // RLAST missing: more beats follow; wait for the RLAST beat
          end else if (r_here) begin
            // (bat_clat_rchan's r_status / r_addr, with the entry's own err bit instead of the
            // RID-selected one: timing)
            me_d[e].status = clat_status(rd_i.err || me_q[e].err, m_axi_rdata_i);
            me_d[e].addr   = clat_addr(rd_i.err || me_q[e].err, m_axi_rdata_i);
            if (me_q[e].stale) begin
              me_d[e].state  = MsDone;  // parked: a stale Done is never written out
              me_d[e].replay = 1'b1;
            end else if (mq_r_ok_i) me_d[e].state = MsFree;  // (= mq_from_r: its own beat)
            else me_d[e].state = MsDone;
          end
        end
        default: me_d[e].state = MsFree;
      endcase
      // A replaying entry leaves when the replay register takes it.
      if (me_q[e].replay && rp_load_i && rep_oh[e]) me_d[e].state = MsFree;
      // Invalidation marks every live entry it covers (a new entry carries it in new_s1).
      if (!in_st(me_q[e].state, MsFree) && covered) me_d[e].stale = 1'b1;
    end
  end

  // Reads issued before an invalidation took effect and still outstanding (any function): an
  // entry in a Wait state while an invalidation takes effect is marked, and the mark goes when it
  // leaves the Wait state (its burst's RLAST beat). `done` waits for them, as an ATS invalidation
  // completion waits for the requests before it: once software sees done=1 the device no longer
  // reads the old tables (a memory that never answers a read keeps done at 0).
  logic [MissSlots-1:0] pre_q;
  assign mt_o.pre = pre_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) pre_q <= '0;
    else begin
      for (int unsigned e = 0; e < MissSlots; e++) begin
        pre_q[e] <= in_st(me_d[e].state, MsBatWait | MsClatWait) && (pre_q[e] || inv_i.valid);
      end
    end
  end

  // ------------------------------------------------------------------ flops
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      reads_out_q <= '0;
      arb_oh_q    <= '0;
      done_oh_q   <= '0;
      bdata_oh_q  <= '0;
      rep_oh_q    <= '0;
      done_any_q  <= 1'b0;
      arb_any_q   <= 1'b0;
      out_ok_q    <= 1'b1;
      for (int unsigned e = 0; e < MissSlots; e++) begin
        me_q[e]       <= '0;
        me_q[e].state <= MsFree;
      end
    end else begin
      if (ar_issue && !r_leaves_wait) reads_out_q <= reads_inc;
      else if (!ar_issue && r_leaves_wait) reads_out_q <= reads_dec;
      arb_oh_q    <= lowest_oh(is_req);
      done_oh_q   <= lowest_oh(is_done);
      bdata_oh_q  <= lowest_oh(is_bdata);
      rep_oh_q    <= lowest_oh(is_rep);
      done_any_q  <= |is_done;
      arb_any_q   <= |is_req;
      out_ok_q    <= r_leaves_wait ? (ar_issue ? ok_both : ok_dec) : (ar_issue ? ok_inc : ok_keep);
      for (int unsigned e = 0; e < MissSlots; e++) me_q[e] <= me_d[e];
    end
  end

  // ------------------------------------------------------------------ assertions
`ifndef SYNTHESIS
  // Properties that look across a clock edge (|=>, $past, $stable) are off in the first clocks
  // after any reset (docs/dev-guide.md "Reset"): a reset pulse between two edges changes the state
  // while rst_ni is high at both of them, so `disable iff` alone does not see it.
  logic sva_armed_q, sva_armed2_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) {sva_armed2_q, sva_armed_q} <= 2'b00;
    else         {sva_armed2_q, sva_armed_q} <= {sva_armed_q, 1'b1};
  end

  // A read's entry keeps its ARID until the burst's RLAST beat (no ARID is reused while beats of
  // an old burst may still come).
  for (genvar e = 0; e < MissSlots; e++) begin : g_sva_wait
    a_wait_until_rlast: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
      in_st(me_q[e].state, MsBatWait | MsClatWait) && !(rd_i.here_v[e] && m_axi_rlast_i) |=>
        me_q[e].state == $past(me_q[e].state));
  end
  a_outstanding_le_max: assert property (@(posedge clk_i) disable iff (!rst_ni)
    n_outstanding <= MissCntWidth'(MaxMisses));
  // The threshold tables agree with the counts.
  a_count_tables: assert property (@(posedge clk_i) disable iff (!rst_ni)
    mt_o.out_ok == (n_outstanding < MissCntWidth'(MaxMisses)) && reads_out_q == n_outstanding &&
    mt_o.free_ge2 == (miss_free >= MissCntWidth'(2)));
  // Resources: admission really reserved what the pipeline uses.
  a_alloc_free: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s1_i.valid && s1_i.alloc |-> me_q[mt_o.free_idx].state == MsFree);
  a_replay_not_in_flight: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rp_load_i |-> !(me_q[mt_o.rep_idx].state inside {MsBatWait, MsClatWait, MsBatProc}));
  a_arb_choice_waits: assert property (@(posedge clk_i) disable iff (!rst_ni)
    ar_i.from_arb |-> $onehot(arb_oh) && is_req[mt_o.arb_idx]);
  for (genvar e = 0; e < MissSlots; e++) begin : g_sva_onehot
    a_miss_state_onehot: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $onehot(me_q[e].state));
  end

  // `done` is low while a read issued before the invalidation took effect is outstanding
  // (a_done_low_while_marked in bat_clat_xlate): the marks.
  for (genvar e = 0; e < MissSlots; e++) begin : g_sva_done
    a_done_marks_reads: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
      inv_i.valid && in_st(me_q[e].state, MsBatWait | MsClatWait) &&
      !(rd_i.here_v[e] && m_axi_rlast_i) |=> pre_q[e]);
    a_done_mark_until_rlast: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed2_q)
      pre_q[e] && !(rd_i.here_v[e] && m_axi_rlast_i) |=> pre_q[e]);
  end
`endif

endmodule
