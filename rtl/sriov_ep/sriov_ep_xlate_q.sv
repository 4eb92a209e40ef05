// Pieces in translation (docs/sriov_ep.md "Pieces").
//
// A ring of MaxPieces slots, filled in piece order at the tail and emptied in piece order at the
// head. The slot number is the bat_clat request tag, so responses (which may come out of order:
// hits overtake misses) land in their slot; a slot's tag is in use from its request until its
// response, and the slot is freed only after that. A MISS_LIMIT answer puts the slot back to
// "ask" (the engine asks again until another answer comes). Requests are made oldest first
// (the first slot from the head that waits to be asked), one per clock through a pick register
// (the slot number), a request register and a skid register behind it.
// Pieces that are not translated (STOPPED, LEN_INVALID) enter the ring already answered, so the
// writer sees every piece, in order, at the head.
module sriov_ep_xlate_q import sriov_ep_pkg::*; #(
  parameter int unsigned TagWidth    = 8,
  parameter int unsigned OffsetWidth = 40,
  parameter int unsigned MaxPieces   = 8,   // power of two, >= 2
  parameter int unsigned MaxBurstBeats = 32, // the writer's burst window (first burst computed here)
  localparam int unsigned SlotW = $clog2(MaxPieces)
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  // pieces in (sriov_ep_accept)
  input  logic                    pc_valid_i,
  output logic                    pc_ready_o,
  input  logic [TagWidth-1:0]     pc_tag_i,
  input  logic [FuncWidth-1:0]    pc_func_i,
  input  logic [ServiceWidth-1:0] pc_service_i,
  input  logic [OffsetWidth-1:0]  pc_offset_i,
  input  logic [PieceLenW-1:0]    pc_len_i,
  input  logic                    pc_last_i,
  input  logic                    pc_xlate_i,
  input  logic [StatusWidth-1:0]  pc_status_i,
  input  logic                    pc_counted_i,
  // bat_clat request / response (tag = slot)
  output logic                    req_valid_o,
  input  logic                    req_ready_i,
  output logic [SlotW-1:0]        req_tag_o,
  output logic [FuncWidth-1:0]    req_func_o,
  output logic [ServiceWidth-1:0] req_service_o,
  output logic [OffsetWidth-1:0]  req_offset_o,
  input  logic                    rsp_valid_i,
  output logic                    rsp_ready_o,
  input  logic [SlotW-1:0]        rsp_tag_i,
  input  logic [StatusWidth-1:0]  rsp_status_i,
  input  logic [HostAddrWidth-1:0] rsp_addr_i,
  // the oldest piece, once answered (to sriov_ep_writer)
  output logic                    hd_valid_o,
  input  logic                    hd_ready_i,
  output logic [TagWidth-1:0]     hd_tag_o,
  output logic [FuncWidth-1:0]    hd_func_o,
  output logic [HostAddrWidth-1:0] hd_addr_o,   // translated address (else: offset's low bits)
  output logic [PieceLenW-1:0]    hd_len_o,
  output logic                    hd_last_o,
  output logic [StatusWidth-1:0]  hd_status_o,  // OK: write it; else its status, write nothing
  output logic                    hd_ok_o,      // hd_status_o == OK, from a flop
  output logic                    hd_counted_o,
  // the piece's first burst, worked out here from flops (sriov_ep_writer takes them as they are)
  output logic                    hd_f_last_o,   // the first burst is the piece's last
  output logic [PieceLenW-1:0]    hd_f_bytes_o,  // its range bytes
  output logic [BeatCntW-1:0]     hd_f_beats_o,  // its beats (for a piece that writes nothing:
                                                 // the beats it owns)
  output logic [2:0]              hd_f_hi_o,     // lane of its last range byte
  output logic [PieceLenW-1:0]    hd_f_rem_o     // range bytes of the piece after it
);

  typedef enum logic [1:0] {
    SlFree,   // empty
    SlAsk,    // waits to be asked (new, or answered MISS_LIMIT)
    SlAsked,  // in the request register or at bat_clat: its tag is outstanding
    SlDone    // answered (or never to be translated): ready for the writer
  } slot_e;

  slot_e [MaxPieces-1:0]                    st_q, st_d;
  logic  [MaxPieces-1:0][TagWidth-1:0]      tag_q;
  logic  [MaxPieces-1:0][FuncWidth-1:0]     func_q;
  logic  [MaxPieces-1:0][ServiceWidth-1:0]  service_q;
  logic  [MaxPieces-1:0][OffsetWidth-1:0]   off_q;
  logic  [MaxPieces-1:0][PieceLenW-1:0]     len_q;
  logic  [MaxPieces-1:0]                    last_q, counted_q;
  logic  [MaxPieces-1:0][StatusWidth-1:0]   status_q;
  logic  [MaxPieces-1:0][HostAddrWidth-1:0] addr_q;
  logic  [MaxPieces-1:0]                    ok_q;      // status_q == OK
  logic  [SlotW-1:0]                        head_q, tail_q;

  localparam int unsigned WinBytes = MaxBurstBeats * 8;
  localparam int unsigned WinBits  = $clog2(WinBytes);
  // bytes from the piece's offset to the end of its first burst window, worked out at the push
  // (from accept's flops) so the head's first-burst compare starts from a slot flop
  logic  [MaxPieces-1:0][WinBits:0]         wroom_q;
  logic  [SlotW:0]                          count_q, count_d;

  logic push, pop;
  assign pc_ready_o = (count_q != (SlotW + 1)'(MaxPieces));
  assign push       = pc_valid_i && pc_ready_o;
  assign count_d    = count_q + (SlotW + 1)'(push) - (SlotW + 1)'(pop);

  // ---------------------------------------------------------------- oldest slot to ask
  // The first waiting slot at or after the head, else the first waiting slot from slot 0 (the
  // ring wrapped): two plain priority searches instead of a search over the rotated ring, made
  // one-hot so the slot states take the pick without decoding a slot number.
  logic                 sel_found;
  logic [SlotW-1:0]     sel;
  logic [MaxPieces-1:0] ask, ask_hi, sel_oh;
  always_comb begin
    for (int unsigned i = 0; i < MaxPieces; i++) begin
      ask[i]    = (st_q[i] == SlAsk);
      ask_hi[i] = ask[i] && (SlotW'(i) >= head_q);
    end
  end
  always_comb begin
    logic                 seen_hi, seen_any;
    logic [MaxPieces-1:0] oh_hi, oh_any;
    seen_hi  = 1'b0;
    seen_any = 1'b0;
    for (int unsigned i = 0; i < MaxPieces; i++) begin
      oh_hi[i]  = ask_hi[i] && !seen_hi;
      oh_any[i] = ask[i] && !seen_any;
      seen_hi   = seen_hi || ask_hi[i];
      seen_any  = seen_any || ask[i];
    end
    sel_found = seen_any;
    sel_oh    = seen_hi ? oh_hi : oh_any;
    sel       = '0;
    for (int unsigned i = 0; i < MaxPieces; i++) begin
      if (sel_oh[i]) sel = sel | SlotW'(i);
    end
  end

  // A picked slot passes through a pick register (p_*: its slot number only) before its fields
  // are read into the request register, so the slot search ends at the slot states and a 3-bit
  // register, and the wide payload select starts from flops. The request register drives
  // bat_clat; a skid register behind it takes the next request while bat_clat holds req_ready_i
  // low. The pick register moves on whenever the skid register is empty and a slot is picked
  // whenever the pick register is empty or moves (flops only), so no path runs from bat_clat's
  // admission (req_ready_i) into the slot search and the slot states; req_ready_i only steers the
  // registers. A request per clock still passes.
  logic                    p_valid_q, p_move, pick;
  logic [SlotW-1:0]        p_sel_q;
  logic                    rq_valid_q, sk_valid_q;
  logic [SlotW-1:0]        rq_tag_q, sk_tag_q;
  logic [FuncWidth-1:0]    rq_func_q, sk_func_q;
  logic [ServiceWidth-1:0] rq_service_q, sk_service_q;
  logic [OffsetWidth-1:0]  rq_off_q, sk_off_q;
  logic                    rq_free;
  assign p_move  = p_valid_q && !sk_valid_q;
  assign pick    = sel_found && (!p_valid_q || !sk_valid_q);
  assign rq_free = !rq_valid_q || req_ready_i;  // the request register empties this clock

  assign req_valid_o   = rq_valid_q;
  assign req_tag_o     = rq_tag_q;
  assign req_func_o    = rq_func_q;
  assign req_service_o = rq_service_q;
  assign req_offset_o  = rq_off_q;
  assign rsp_ready_o   = 1'b1;  // every outstanding tag has its slot

  // ---------------------------------------------------------------- slot states
  // bat_clat's response is registered before it updates its slot (its address add runs on
  // bat_clat's output; the slot decode starts from flops here). The slot stays SlAsked meanwhile.
  // The slot it answers is registered one-hot with the two status tests, so each slot's write
  // enables are one gate of flops (no tag decode or status compare behind the register).
  logic                     rs_valid_q, rs_ml_q, rs_ok_q;
  logic [SlotW-1:0]         rs_tag_q;
  logic [MaxPieces-1:0]     rs_oh_q;
  logic [StatusWidth-1:0]   rs_status_q;
  logic [HostAddrWidth-1:0] rs_addr_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rs_valid_q <= 1'b0;
      rs_oh_q    <= '0;
    end else begin
      rs_valid_q <= rsp_valid_i;
      for (int unsigned i = 0; i < MaxPieces; i++) rs_oh_q[i] <= rsp_valid_i && (rsp_tag_i == SlotW'(i));
    end
  end
  always_ff @(posedge clk_i) begin
    rs_tag_q    <= rsp_tag_i;
    rs_status_q <= rsp_status_i;
    rs_ml_q     <= (rsp_status_i == CplMissLimit);
    rs_ok_q     <= (rsp_status_i == CplOk);
    rs_addr_q   <= rsp_addr_i;
  end

  always_comb begin
    st_d = st_q;
    for (int unsigned i = 0; i < MaxPieces; i++) begin
      if (pick && sel_oh[i]) st_d[i] = SlAsked;
    end
    for (int unsigned i = 0; i < MaxPieces; i++) begin
      if (rs_oh_q[i]) st_d[i] = rs_ml_q ? SlAsk : SlDone;
    end
    if (pop) st_d[head_q] = SlFree;
    if (push) st_d[tail_q] = pc_xlate_i ? SlAsk : SlDone;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q         <= {MaxPieces{SlFree}};
      head_q       <= '0;
      tail_q       <= '0;
      count_q      <= '0;
      p_valid_q    <= 1'b0;
      p_sel_q      <= '0;
      rq_valid_q   <= 1'b0;
      rq_tag_q     <= '0;
      rq_func_q    <= '0;
      rq_service_q <= '0;
      rq_off_q     <= '0;
      sk_valid_q   <= 1'b0;
    end else begin
      st_q    <= st_d;
      count_q <= count_d;
      if (push) tail_q <= tail_q + 1'b1;
      if (pop)  head_q <= head_q + 1'b1;
      if (pick) begin
        p_valid_q <= 1'b1;
        p_sel_q   <= sel;
      end else if (p_move) begin
        p_valid_q <= 1'b0;
      end
      if (rq_free) begin
        if (sk_valid_q) begin  // the waiting request first (older; the pick register waits)
          rq_valid_q   <= 1'b1;
          rq_tag_q     <= sk_tag_q;
          rq_func_q    <= sk_func_q;
          rq_service_q <= sk_service_q;
          rq_off_q     <= sk_off_q;
          sk_valid_q   <= 1'b0;
        end else begin
          rq_valid_q   <= p_valid_q;
          rq_tag_q     <= p_sel_q;
          rq_func_q    <= func_q[p_sel_q];
          rq_service_q <= service_q[p_sel_q];
          rq_off_q     <= off_q[p_sel_q];
        end
      end else if (p_move) begin  // the request register is held: the picked request waits
        sk_valid_q <= 1'b1;
      end
    end
  end
  // The skid register's data follows the pick register whenever it moves (flops only): it is
  // read only while sk_valid_q, which is set only when the request register was held. So
  // bat_clat's admission (req_ready_i) enables only the request register, not this one.
  always_ff @(posedge clk_i) begin
    if (p_move) begin
      sk_tag_q     <= p_sel_q;
      sk_func_q    <= func_q[p_sel_q];
      sk_service_q <= service_q[p_sel_q];
      sk_off_q     <= off_q[p_sel_q];
    end
  end

  // Slot payload: no reset needed (a slot is read only in the states its push set).
  always_ff @(posedge clk_i) begin
    if (push) begin
      tag_q[tail_q]     <= pc_tag_i;
      func_q[tail_q]    <= pc_func_i;
      service_q[tail_q] <= pc_service_i;
      off_q[tail_q]     <= pc_offset_i;
      len_q[tail_q]     <= pc_len_i;
      last_q[tail_q]    <= pc_last_i;
      counted_q[tail_q] <= pc_counted_i;
      status_q[tail_q]  <= pc_status_i;
      addr_q[tail_q]    <= HostAddrWidth'(pc_offset_i[PageBits-1:0]);
      ok_q[tail_q]      <= (pc_status_i == CplOk);
      wroom_q[tail_q]   <= (WinBits + 1)'(WinBytes) - (WinBits + 1)'(pc_offset_i[WinBits-1:0]);
    end
    for (int unsigned i = 0; i < MaxPieces; i++) begin
      if (rs_oh_q[i]) begin  // a MISS_LIMIT answer is written too: the slot is asked again anyway
        status_q[i] <= rs_status_q;
        ok_q[i]     <= rs_ok_q;
        // Only a translation replaces the offset's low bits, so the head needs no select on the
        // status (the address of a piece that writes nothing is the offset's in-page bits).
        if (rs_ok_q) addr_q[i] <= rs_addr_q;
      end
    end
  end

  // ---------------------------------------------------------------- head
  // The answered head slot moves through a register (stage A: its fields and the room to the end
  // of its first window) into a two-entry hand-off FIFO (stage B: its first burst worked out),
  // whenever there is room, not looking at the writer's ready: no path runs from the writer's
  // decision into the slot states, and the writer's burst arithmetic starts from flops. A piece
  // per clock still passes.
  localparam int unsigned HoW = TagWidth + FuncWidth + HostAddrWidth + PieceLenW + 2 + StatusWidth +
                                1 + 1 + PieceLenW + BeatCntW + 3 + PieceLenW;
  logic ring_valid, ho_full;
  assign ring_valid = (st_q[head_q] == SlDone);

  // Stage A: the head slot's fields and both candidates of its first burst, registered. The
  // register takes the head slot whenever it can move (a flop condition, not the slot's state),
  // so its wide enable never waits for the head-slot search; a_valid_q says whether it was a
  // piece. The first burst either ends the piece (it fits in its window: "fits") or fills the
  // window ("split"); both are worked out here, stage B only selects.
  logic                     a_valid_q, a_take, a_last, a_counted, a_ok, a_fits;
  logic [TagWidth-1:0]      a_tag;
  logic [FuncWidth-1:0]     a_func;
  logic [HostAddrWidth-1:0] a_addr;
  logic [PieceLenW-1:0]     a_len, a_rem_split;
  logic [StatusWidth-1:0]   a_status;
  logic [WinBits:0]         a_room;
  logic [BeatCntW-1:0]      a_beats_fit, a_beats_split;
  logic [2:0]               a_hi_fit;
  logic [PieceLenW-1:0]     h_len;
  logic [WinBits:0]         h_room;
  logic [2:0]               h_lo;
  logic [PieceLenW:0]       h_beat_bytes;
  assign a_take = !a_valid_q || !ho_full;
  assign pop    = ring_valid && a_take;
  assign h_len  = len_q[head_q];
  assign h_room = wroom_q[head_q];
  // a translated address keeps the offset's in-page bits (a_xlate_in_page), so the lane and window
  // math use the offset
  assign h_lo         = off_q[head_q][2:0];
  assign h_beat_bytes = (PieceLenW + 1)'(h_lo) + (PieceLenW + 1)'(h_len) + (PieceLenW + 1)'(7);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      a_valid_q <= 1'b0;
    end else if (a_take) begin
      a_valid_q <= ring_valid;
    end
  end
  // No reset: read only while a_valid_q.
  always_ff @(posedge clk_i) begin
    if (a_take) begin
      a_tag         <= tag_q[head_q];
      a_func        <= func_q[head_q];
      a_addr        <= addr_q[head_q];  // the offset's in-page bits unless translated OK
      a_len         <= h_len;
      a_last        <= last_q[head_q];
      a_counted     <= counted_q[head_q];
      a_status      <= status_q[head_q];
      a_ok          <= ok_q[head_q];
      a_room        <= h_room;
      a_fits        <= (h_len <= PieceLenW'(h_room));
      a_rem_split   <= h_len - PieceLenW'(h_room);
      a_beats_fit   <= BeatCntW'(h_beat_bytes >> 3);
      // a split first burst ends at its window's end: whole beats from the offset's beat
      a_beats_split <= BeatCntW'(MaxBurstBeats) - BeatCntW'(off_q[head_q][WinBits-1:3]);
      a_hi_fit      <= 3'(h_lo + 3'(h_len) - 3'd1);
    end
  end

  // Stage B: the first burst selected, pushed into the hand-off FIFO.
  logic [PieceLenW-1:0] f_bytes, f_rem;
  logic [BeatCntW-1:0]  f_beats;
  logic [2:0]           f_hi;
  logic                 f_last;
  assign f_last  = !a_ok || a_fits;
  assign f_bytes = f_last ? a_len : PieceLenW'(a_room);
  assign f_rem   = f_last ? '0 : a_rem_split;
  assign f_beats = f_last ? a_beats_fit : a_beats_split;
  assign f_hi    = f_last ? a_hi_fit : 3'd7;

  logic [$clog2(2):0] ho_count;
  sync_fifo #(.Width(HoW), .Depth(2), .OutReg(1'b1)) u_handoff (
    .clk_i, .rst_ni,
    .push_i (a_valid_q && !ho_full),
    .wdata_i({a_tag, a_func, a_addr, a_len, a_last, a_counted, a_status, a_ok, f_last, f_bytes,
              f_beats, f_hi, f_rem}),
    .pop_i  (hd_ready_i),
    .valid_o(hd_valid_o),
    .rdata_o({hd_tag_o, hd_func_o, hd_addr_o, hd_len_o, hd_last_o, hd_counted_o, hd_status_o,
              hd_ok_o, hd_f_last_o, hd_f_bytes_o, hd_f_beats_o, hd_f_hi_o, hd_f_rem_o}),
    .full_o (ho_full),
    .count_o(ho_count)
  );
  logic unused_ho;
  assign unused_ho = ^ho_count;

`ifndef SYNTHESIS
  // A response comes only for an outstanding tag (bat_clat answers each request exactly once).
  a_rsp_outstanding: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rsp_valid_i |-> st_q[rsp_tag_i] == SlAsked);
  a_rsp_reg_outstanding: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rs_valid_q |-> st_q[rs_tag_q] == SlAsked);
  a_rsp_reg_onehot: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rs_oh_q == (rs_valid_q ? (MaxPieces'(1) << rs_tag_q) : '0) &&
    rs_ml_q == (rs_status_q == CplMissLimit) && rs_ok_q == (rs_status_q == CplOk));
  // A request is made only for a slot that is asked and holds a piece.
  a_req_asked: assert property (@(posedge clk_i) disable iff (!rst_ni)
    req_valid_o |-> st_q[req_tag_o] == SlAsked);
  a_pick_asked: assert property (@(posedge clk_i) disable iff (!rst_ni)
    p_valid_q |-> st_q[p_sel_q] == SlAsked && !(rq_valid_q && rq_tag_q == p_sel_q) &&
                  !(sk_valid_q && sk_tag_q == p_sel_q));
  a_skid_asked: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sk_valid_q |-> rq_valid_q && st_q[sk_tag_q] == SlAsked && sk_tag_q != rq_tag_q);
  // The ring's count agrees with its occupied slots.
  logic [SlotW:0] n_used;
  always_comb begin
    n_used = '0;
    for (int unsigned i = 0; i < MaxPieces; i++) n_used += (SlotW + 1)'(st_q[i] != SlFree);
  end
  a_count_matches: assert property (@(posedge clk_i) disable iff (!rst_ni) n_used == count_q);
  // A translated OK piece stays inside one host 4 KiB page with the offset's in-page bits.
  a_xlate_in_page: assert property (@(posedge clk_i) disable iff (!rst_ni)
    ring_valid && status_q[head_q] == CplOk |->
      addr_q[head_q][PageBits-1:0] == off_q[head_q][PageBits-1:0]);
  // MISS_LIMIT never reaches the writer.
  a_no_miss_limit: assert property (@(posedge clk_i) disable iff (!rst_ni)
    hd_valid_o |-> hd_status_o != CplMissLimit);
`endif

endmodule : sriov_ep_xlate_q
