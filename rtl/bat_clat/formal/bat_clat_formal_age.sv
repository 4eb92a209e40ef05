// Age lemmas of the bat_clat harness for the response-time bound (rsp_bound; bat_clat_formal.sv
// instantiates this module as u_age under CHECK_RSP_BOUND, i.e. only with the live environment).
// LEMMA_AGE asserts (never assumes) helper invariants that make the k-induction of CHECK_RSP_BOUND
// pass: every request, wherever it is, is no older than that place's bound, and T's age is its
// place's age. Like bat_clat_formal_lemmas.sv it sees the harness's signals by port (.*) and the
// engine's internals as dut.* (names as listed there, plus dut.u_rsp.mport_ok, m_sel_oh, out_mr,
// dut.u_miss_table.reads_out_q, out_ok_q, dut.u_lookup.s1_lim_q, dut.inv_q).
//
// Ghost state (one age per place a request can be in, reset when the place is (re)filled):
//   ea_q[e]  request age of miss entry e (1 in its first clock in the table: the request was in
//            S1, age 0, the clock before)
//   ra_q[i]  request age of hit queue slot i (1 in the clock after S1 wrote it)
//   ma_q     request age of the miss response register's item (its entry's age + 1 when loaded)
// Ages count clocks since the request's acceptance (T: t_age_q).
//
// The argument (each a lemma below), for the reduced parameters (2 functions, MaxMissesPerFunc 1:
// at most 2 live entries):
//   - the live environment: no invalidation was registered (inv_q), so no entry is stale or
//     replays, the replay register is empty, S1's item is not old; the AR / response stall
//     counters are at most 2 and count only while the channel is valid (out_hold_q exactly while
//     the response stalls); a pending read's wait is at most RWait;
//   - at most MaxMissesPerFunc live entries per function (the miss limit), and S1's item, when
//     its function was below the limit, finds its function without entries; reads_out_q /
//     out_ok_q count the entries in a Wait state (out_ok is never stuck);
//   - T's age is the age of the place holding it (S1: 0);
//   - each place's age bound = the largest bound on entering it + the longest stay there, and at
//     least the youngest age that can get there (lower bounds: they show that an entry allocated
//     late cannot feed the miss register soon). Stays (clocks after the one it entered in):
//       BatReq, ClatReq  5   the AR arbiter's registered choice, the AR register (stall <= 2),
//                            the other entry first (k)
//       BatWait         10   AR stall <= 2 (dw_q <= ar_stall_q), handshake, two beats each at most
//                            RWait = 3 clocks late (dw_q <= 3 + rd_wait_q + 4 * beat)
//       BatData          4   the registered choice, R last beats first (k)
//       BatProc          0   one clock
//       ClatWait         6   AR stall <= 2, handshake, one beat <= 3 clocks late
//       Done             7   the registered choice, the miss register taken, the other entry
//                            first (k)
//       miss register    4   behind a held hit-queue head (taken within 1 more clock: it was
//                            stalled once already), then shown (<= 3)
//       hit queue       11   at one position: the head waits while the miss register is shown
//                            (MStreak = 9 clocks at most: 3 items of <= 3 clocks; see ms_q), then
//                            is shown until taken (<= 3)
//     (k): seen by the induction, whose length exceeds the stay.
//     Ages on entering: BatReq, BatData 1; BatWait 1 + 5 + 1 = 7; BatProc 7 + 10 + 1 = 18;
//     ClatReq 19; ClatWait 19 + 5 + 1 = 25; Done 25 + 6 + 1 = 32; miss register 32 + 7 + 1 = 40,
//     answered by 40 + 4 = 44. Hit queue position p (0 = head) 1 + (3 - p) * 12, the head
//     answered by 37 + 11 = 48. So every request is answered at age 48 at the latest:
//     RspBound = 49.
//     (With BatReq / ClatReq 7, Done 8, the miss register 5: 51, the first bound proved. k = 8
//     fails on Done's stay: the window no longer shows its entry.)
module bat_clat_formal_age
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions     = 2,
  parameter int unsigned MaxMisses        = 2,
  parameter int unsigned MaxMissesPerFunc = 1,
  parameter int unsigned AxiIdWidth       = 2,
  parameter int unsigned TagWidth         = 2,
  parameter int unsigned RWait            = 3,
  parameter int unsigned RspBound         = 49,  // the harness's (checked against AgeMax below)
  localparam int unsigned NumIds    = 1 << AxiIdWidth,
  localparam int unsigned MissSlots = MaxMisses + 2  // as bat_clat_xlate's
) (
  input logic                      clk_i,
  input logic                      rst_ni,
  input logic [TagWidth-1:0]       trk_tag_i,  // T
  input logic                      t_pend_q,
  input logic [7:0]                t_age_q,
  input logic [1:0]                ar_stall_q,
  input logic [1:0]                rsp_stall_q,
  input logic                      m_axi_arvalid,
  input logic                      rsp_valid_o,
  input logic [NumIds-1:0]         rd_pend_q,
  input logic [NumIds-1:0][7:0]    rd_wait_q
);

`ifdef FORMAL
`ifdef LEMMA_AGE
  localparam int unsigned RspDepth = 4;  // as bat_clat_xlate's
  // Longest stay of a request in each place (clocks after the one it entered in); the ones marked
  // (k) are seen by the induction (its length exceeds them), the others follow from the counter
  // lemmas below.
  localparam int unsigned DBatReq   = 5;   // (k) the AR arbiter: the AR register, another entry
  localparam int unsigned DBatWait  = 10;  // AR stall <= 2, handshake, 2 beats each <= RWait later
  localparam int unsigned DBatData  = 4;   // (k) the registered choice, R last beats first
  localparam int unsigned DClatReq  = 5;   // (k) as BatReq
  localparam int unsigned DClatWait = 6;   // AR stall <= 2, handshake, 1 beat <= RWait later
  localparam int unsigned DDone     = 7;   // (k) the registered choice, the miss register free
  localparam int unsigned DMr       = 4;   // a held hit-queue head first (<= 2), shown <= 3
  localparam int unsigned MStreak   = 9;   // clocks the miss register is shown in a row
  localparam int unsigned DRq       = MStreak + 2;  // at one hit-queue position
  // Request age on entering each place: the largest (age on entering a place it comes from +
  // stay there + 1).
  localparam int unsigned InBatReq   = 1;
  localparam int unsigned InBatData  = 1;
  localparam int unsigned InBatWait  = InBatReq + DBatReq + 1;
  localparam int unsigned InBatProc  = (InBatWait + DBatWait > InBatData + DBatData ?
                                        InBatWait + DBatWait : InBatData + DBatData) + 1;
  localparam int unsigned InClatReq  = InBatProc + 1;
  localparam int unsigned InClatWait = InClatReq + DClatReq + 1;
  localparam int unsigned InDone     = InClatWait + DClatWait + 1;
  localparam int unsigned InMr       = InDone + DDone + 1;
  // The youngest request on entering: BatProc after a BAT read (AR accepted at once, beats in the
  // next two clocks) or after the cached BAT data's registered choice; every later state one
  // clock after BatProc at least; the miss register at least a clock after Done or ClatWait.
  localparam int unsigned MinBatProc = 3;
  function automatic int unsigned in_rq(int unsigned pos);  // pos 0 = head
    return 1 + (RspDepth - 1 - pos) * (DRq + 1);
  endfunction
  // the oldest request anywhere: the check's bound is this + 1 (RspBound)
  localparam int unsigned AgeMax = (InMr + DMr > in_rq(0) + DRq) ? InMr + DMr : in_rq(0) + DRq;

  // ------------------------------------------------------------------ ghost ages
  logic [MissSlots-1:0][7:0] ea_q, dw_q;  // request age, clocks in the current state
  logic [RspDepth-1:0][7:0]  ra_q;
  logic [7:0]                ma_q, ma_load, mdw_q;  // miss register: request age, clocks held
  logic [7:0]                pw_q;  // clocks since the hit queue's head changed (or it was empty)
  logic [7:0]                ms_q;  // clocks in a row before this one the miss register was shown
  logic [1:0]                nl_q;  // items loaded into it at a pop in that streak
  function automatic logic [7:0] inc(logic [7:0] a);
    return (a == 8'hff) ? a : a + 8'd1;
  endfunction
  always_comb begin
    ma_load = '0;
    for (int unsigned e = 0; e < MissSlots; e++)
      if (dut.u_rsp.m_sel_oh[e]) ma_load |= ea_q[e];
  end
  always_ff @(posedge clk_i) begin
    for (int unsigned e = 0; e < MissSlots; e++) begin
      ea_q[e] <= (dut.me_q[e].state == MsFree) ? 8'd1 : inc(ea_q[e]);
      dw_q[e] <= (dut.u_miss_table.me_d[e].state != dut.me_q[e].state) ? 8'd0 : inc(dw_q[e]);
    end
    for (int unsigned i = 0; i < RspDepth; i++)
      ra_q[i] <= !dut.u_rsp.rq_valid_q[i] ? 8'd1 : inc(ra_q[i]);
    ma_q  <= dut.u_rsp.mport_ok ? inc(ma_load) : inc(ma_q);
    mdw_q <= dut.u_rsp.mport_ok ? 8'd0 : inc(mdw_q);
    pw_q  <= (dut.u_rsp.rq_pop || dut.u_rsp.rq_count_q == '0) ? 8'd0 : inc(pw_q);
    ms_q  <= dut.u_rsp.out_mr ? inc(ms_q) : 8'd0;
    nl_q  <= !dut.u_rsp.out_mr ? 2'd0 :
             (dut.u_rsp.mr_pop && dut.u_rsp.m_wr && nl_q != 2'd3) ? nl_q + 2'd1 : nl_q;
  end

  // live entries per function, and the one of S1's function; live entries at least as old as
  // the miss register's item (nl_q 1) or mdw_q + 3 (nl_q 2)
  logic [2:0] n_wait, n_old;
  logic [NumFunctions-1:0][2:0] n_fn;
  logic [2:0] n_s1fn;
  always_comb begin
    n_wait = '0;
    n_s1fn = '0;
    n_old  = '0;
    for (int unsigned f = 0; f < NumFunctions; f++) n_fn[f] = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      if (dut.me_q[e].state inside {MsBatWait, MsClatWait}) n_wait += 3'd1;
      for (int unsigned f = 0; f < NumFunctions; f++)
        if (dut.me_q[e].state != MsFree && 32'(dut.me_q[e].func) == f) n_fn[f] += 3'd1;
      if (dut.me_q[e].state != MsFree && dut.me_q[e].func == dut.u_lookup.s1_func_q) n_s1fn += 3'd1;
      if (dut.me_q[e].state != MsFree &&
          32'(ea_q[e]) >= 32'(mdw_q) + ((nl_q == 2'd2) ? 3 : 0)) n_old += 3'd1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
      assert (RspBound == AgeMax + 1);  // the harness's bound is the one these lemmas give
      // ---------------------------------------------------------------- the live environment
      assert (!dut.inv_q.valid && !dut.inv_q.all && !dut.inv_q.fs);
      assert (!dut.u_lookup.rp_valid_q);
      if (dut.u_lookup.s1_valid_q) assert (!dut.u_lookup.s1_old_q);
      for (int unsigned e = 0; e < MissSlots; e++)
        assert (!dut.me_q[e].stale && !dut.me_q[e].replay);
      assert (ar_stall_q <= 2'd2 && (ar_stall_q == 2'd0 || m_axi_arvalid));
      assert (rsp_stall_q <= 2'd2 && (rsp_stall_q == 2'd0 || rsp_valid_o));
      assert (dut.u_rsp.out_hold_q == (rsp_stall_q != 2'd0));  // the response shown, not taken
      for (int unsigned i = 0; i < NumIds; i++)
        if (rd_pend_q[i]) assert (32'(rd_wait_q[i]) <= RWait);
      // ---------------------------------------------------------------- miss limit, read count
      for (int unsigned f = 0; f < NumFunctions; f++) assert (32'(n_fn[f]) <= MaxMissesPerFunc);
      if (dut.u_lookup.s1_valid_q && !dut.u_lookup.s1_lim_q)
        assert (32'(n_s1fn) < MaxMissesPerFunc);
      assert (32'(dut.u_miss_table.reads_out_q) == 32'(n_wait) &&
              dut.u_miss_table.out_ok_q == (32'(n_wait) < MaxMisses));
      // ---------------------------------------------------------------- T's age is its place's
      if (dut.u_lookup.s1_valid_q && dut.u_lookup.s1_tag_q == trk_tag_i) assert (t_age_q == 8'd0);
      for (int unsigned e = 0; e < MissSlots; e++)
        if (dut.me_q[e].state != MsFree && dut.me_q[e].tag == trk_tag_i)
          assert (t_age_q == ea_q[e]);
      for (int unsigned i = 0; i < RspDepth; i++)
        if (dut.u_rsp.rq_valid_q[i] && dut.u_rsp.rq_mem_q[i].tag == trk_tag_i)
          assert (t_age_q == ra_q[i]);
      if (dut.u_rsp.mr_valid_q && dut.u_rsp.mr_q.tag == trk_tag_i) assert (t_age_q == ma_q);
      // ---------------------------------------------------------------- miss entries
      for (int unsigned e = 0; e < MissSlots; e++) begin : ent
        logic [7:0] st;
        logic       ar_here;
        int unsigned a, d;
        st = dut.me_q[e].state;
        a  = 32'(ea_q[e]);
        d  = 32'(dw_q[e]);
        ar_here = dut.u_walk.ar_valid_q && 32'(dut.u_walk.ar_id_q) == e;
        if (st == MsBatReq)   assert (d <= DBatReq && a <= InBatReq + d && a >= 1 + d);
        if (st == MsBatWait)  assert (d <= DBatWait && a <= InBatWait + d && a >= 1 + d);
        if (st == MsBatData)  assert (d <= DBatData && a <= InBatData + d && a >= 1 + d);
        if (st == MsBatProc)  assert (d == 0 && a <= InBatProc && a >= MinBatProc);
        if (st == MsClatReq)
          assert (d <= DClatReq && a <= InClatReq + d && a >= MinBatProc + 1 + d);
        if (st == MsClatWait)
          assert (d <= DClatWait && a <= InClatWait + d && a >= MinBatProc + 1 + d);
        if (st == MsDone)     assert (d <= DDone && a <= InDone + d && a >= MinBatProc + 1 + d);
        // the read: in the AR register since the state was entered, then each beat within RWait
        if (st inside {MsBatWait, MsClatWait} && ar_here) assert (d <= 32'(ar_stall_q));
        if (st == MsBatWait && rd_pend_q[e])
          assert (d <= 3 + 32'(rd_wait_q[e]) + (dut.me_q[e].beat ? 4 : 0));
        if (st == MsClatWait && rd_pend_q[e]) assert (d <= 3 + 32'(rd_wait_q[e]));
      end
      // ---------------------------------------------------------------- responses
      // the miss register: shown at once, or after the held hit-queue head (<= 2 more clocks)
      if (dut.u_rsp.mr_valid_q) begin
        assert (32'(mdw_q) <= DMr && 32'(ma_q) <= InMr + 32'(mdw_q) &&
                32'(ma_q) >= MinBatProc + 3 + 32'(mdw_q));
        if (dut.u_rsp.out_mr) assert (32'(mdw_q) <= 2 + 32'(rsp_stall_q));
        else assert (mdw_q < 8'(rsp_stall_q));
      end
      // The miss register's streak (shown in a row, the hit queue's head waiting): its first item
      // is shown from the streak's start (stall 0 then: a switch of the output is a handshake)
      // until taken (<= 2 clocks of stall); each later item was loaded as the one before was
      // taken, from an entry at least MinBatProc + 2 old. At most 2 live entries: the first load
      // frees one, and a request allocated after that is too young by the next pop; after the
      // second load every live entry is younger than mdw_q + 3, too young for the third.
      if (dut.u_rsp.out_mr) begin
        assert (nl_q <= 2'd2);
        if (nl_q == 2'd0) assert (ms_q <= 8'(rsp_stall_q));
        else assert (mdw_q == 8'(rsp_stall_q) && 32'(ms_q) <= 3 * 32'(nl_q) + 32'(mdw_q));
        if (nl_q == 2'd1) assert (n_old <= 3'd1);
        if (nl_q == 2'd2) assert (n_old == 3'd0);
      end
      assert (32'(ms_q) <= MStreak);
      if (dut.u_rsp.rq_count_q != '0) begin
        assert (32'(pw_q) <= DRq);
        if (dut.u_rsp.out_mr) assert (pw_q <= ms_q);
        else assert (32'(pw_q) <= MStreak + 32'(rsp_stall_q));
      end
      for (int unsigned i = 0; i < RspDepth; i++)
        if (dut.u_rsp.rq_valid_q[i])
          assert (32'(ra_q[i]) <= in_rq(32'(2'(2'(i) - dut.u_rsp.rq_rptr_q))) + 32'(pw_q));
    end
  end
`endif
`endif

endmodule
