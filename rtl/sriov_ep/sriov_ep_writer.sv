// Write bursts and the W stream (docs/sriov_ep.md "Payload", "Writes").
//
// Burst maker: takes the head piece of sriov_ep_xlate_q. A piece translated OK becomes one burst
// per aligned MaxBurstBeats*8-byte window of host addresses it touches, one burst per clock: the
// AW register is loaded, a W command (beats, first and last lane of the range) and a response item
// (for sriov_ep_cpl) are pushed. A piece that writes nothing (translation error, STOPPED,
// LEN_INVALID) takes one clock: a "drop" W command for the beats it owns (none for LEN_INVALID)
// and a response item with its status. The next piece's first burst follows in the next clock.
//
// W stream: the head W command takes beats from the payload stream. A write command sends them on
// (WSTRB = the payload strobe masked to the range lanes on the first and last beat, WLAST on its
// last beat); a drop command consumes and drops them. The next command's first beat follows the
// last beat of the current one in the next clock (show-ahead FIFO): no dead clock in between.
// W beats may be offered before their AW is granted: the arbiter forwards them only after.
module sriov_ep_writer import sriov_ep_pkg::*; #(
  parameter int unsigned TagWidth      = 8,
  parameter int unsigned MaxBurstBeats = 32,   // power of two, 2..256
  parameter int unsigned CmdDepth      = 8     // W commands ahead of the W stream (power of two)
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // head piece (sriov_ep_xlate_q)
  input  logic                     hd_valid_i,
  output logic                     hd_ready_o,
  input  logic [TagWidth-1:0]      hd_tag_i,
  input  logic [FuncWidth-1:0]     hd_func_i,
  input  logic [HostAddrWidth-1:0] hd_addr_i,
  input  logic [PieceLenW-1:0]     hd_len_i,
  input  logic                     hd_last_i,
  input  logic [StatusWidth-1:0]   hd_status_i,
  input  logic                     hd_counted_i,
  input  logic                     hd_ok_i,       // hd_status_i == OK (a flop of the hand-off FIFO)
  input  logic                     hd_f_last_i,   // the piece's first burst (sriov_ep_xlate_q)
  input  logic [PieceLenW-1:0]     hd_f_bytes_i,
  input  logic [BeatCntW-1:0]      hd_f_beats_i,
  input  logic [2:0]               hd_f_hi_i,
  input  logic [PieceLenW-1:0]     hd_f_rem_i,
  // AW (to dirty_track's AW in; AWID 0, INCR, 8-byte beats are constants of the top)
  output logic                     aw_valid_o,
  input  logic                     aw_ready_i,
  output logic [HostAddrWidth-1:0] aw_addr_o,
  output logic [7:0]               aw_len_o,
  output logic [FuncWidth-1:0]     aw_user_o,
  // payload stream
  input  logic                     data_valid_i,
  output logic                     data_ready_o,
  input  logic [DataWidth-1:0]     data_i,
  input  logic [StrbWidth-1:0]     data_strb_i,
  // W (to the arbiter)
  output logic                     w_valid_o,
  input  logic                     w_ready_i,
  output logic [DataWidth-1:0]     w_data_o,
  output logic [StrbWidth-1:0]     w_strb_o,
  output logic                     w_last_o,
  // response items, in piece and burst order (sriov_ep_cpl)
  output logic                     it_push_o,
  input  logic                     it_full_i,
  output logic [TagWidth-1:0]      it_tag_o,
  output logic [FuncWidth-1:0]     it_func_o,
  output logic [StatusWidth-1:0]   it_status_o,  // for items that are not bursts
  output logic                     it_burst_o,   // a burst: its status comes with its B
  output logic                     it_last_o,    // the descriptor's last item
  output logic                     it_counted_o,
  output logic [PieceLenW-1:0]     it_bytes_o    // range bytes of the burst
);

  localparam int unsigned WinBytes = MaxBurstBeats * 8;
  localparam int unsigned WinBits  = $clog2(WinBytes);
  localparam int unsigned CmdW     = 1 + BeatCntW + 3 + 3;

  // ---------------------------------------------------------------- burst maker
  // A piece's first burst comes worked out with the head piece (hd_f_*). Every later burst starts
  // at a window boundary, so it is a whole window (MaxBurstBeats beats) or the piece's rest:
  // only a compare of the remaining bytes with a constant.
  localparam int unsigned WinIdxW = PageBits - WinBits;  // windows of a 4 KiB page

  logic                 busy_q;   // inside a piece (its first burst was made)
  logic [WinIdxW-1:0]   win_q;    // next burst's window in the page
  logic [PieceLenW-1:0] rem_q;    // range bytes of the piece still to write
  logic                 rest_last_q;  // rem_q <= WinBytes: the next burst is the piece's last

  logic                 ok, last_b, rest_last, cmd_full, aw_free, aw_full, step;
  logic [PieceLenW-1:0] bbytes, rem_next;
  logic [BeatCntW-1:0]  beats;
  logic [2:0]           lo_lane, hi_lane;
  logic [PieceLenW:0]   rest_beat_bytes;
  logic [WinIdxW-1:0]   win_now;

  assign ok              = hd_ok_i;
  // Registered with rem_q (timing: hd_ready_o, which enables the hand-off FIFO's head register,
  // starts from flops instead of a compare of rem_q).
  assign rest_last       = rest_last_q;
  assign rest_beat_bytes = {1'b0, rem_q} + (PieceLenW + 1)'(7);
  assign last_b   = busy_q ? rest_last : hd_f_last_i;
  assign bbytes   = busy_q ? (rest_last ? rem_q : PieceLenW'(WinBytes)) : hd_f_bytes_i;
  assign beats    = busy_q ? (rest_last ? BeatCntW'(rest_beat_bytes >> 3) : BeatCntW'(MaxBurstBeats))
                           : hd_f_beats_i;
  assign lo_lane  = busy_q ? 3'd0 : hd_addr_i[2:0];
  assign hi_lane  = busy_q ? (rest_last ? 3'(rem_q[2:0] - 3'd1) : 3'd7) : hd_f_hi_i;
  assign rem_next = busy_q ? rem_q - PieceLenW'(WinBytes) : hd_f_rem_i;
  assign win_now  = busy_q ? win_q : hd_addr_i[PageBits-1:WinBits];
  assign aw_free  = !aw_full;
  assign step     = hd_valid_i && !cmd_full && !it_full_i && (!ok || aw_free);
  assign hd_ready_o = step && last_b;

  // Bursts wait in a two-entry AW FIFO that feeds dirty_track's AW in: a burst needs only its
  // room (a flop count), so no path runs from the write arbiter's grant through dirty_track's
  // AWREADY into the burst maker (and on into the hand-off FIFO, the W commands and the response
  // items); a burst per clock still passes, with the latency of the register it replaces.
  localparam int unsigned AwW = HostAddrWidth + 8 + FuncWidth;
  logic [1:0] aw_count;
  // No head register here: its pop is dirty_track's AWREADY, which comes late from the write
  // arbiter's grant, and would enable all its flops (the storage's read is what leaves the unit).
  sync_fifo #(.Width(AwW), .Depth(2)) u_aw (
    .clk_i, .rst_ni,
    .push_i (step && ok),
    // the first burst keeps the piece's unaligned start; later ones start at their window
    .wdata_i({busy_q ? {hd_addr_i[HostAddrWidth-1:PageBits], win_q, {WinBits{1'b0}}} : hd_addr_i,
              8'(beats - 1'b1), hd_func_i}),
    .pop_i  (aw_ready_i),
    .valid_o(aw_valid_o),
    .rdata_o({aw_addr_o, aw_len_o, aw_user_o}),
    .full_o (aw_full),
    .count_o(aw_count)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q      <= 1'b0;
      win_q       <= '0;
      rem_q       <= '0;
      rest_last_q <= 1'b1;
    end else if (step) begin
      busy_q <= !last_b;
      win_q  <= win_now + 1'b1;
      rem_q  <= rem_next;
      // rem_next <= WinBytes, from flops: inside a piece rem_next = rem_q - WinBytes
      rest_last_q <= busy_q ? (rem_q <= PieceLenW'(2 * WinBytes)) : (hd_f_rem_i <= PieceLenW'(WinBytes));
    end
  end

  assign it_push_o    = step;
  assign it_tag_o     = hd_tag_i;
  assign it_func_o    = hd_func_i;
  assign it_status_o  = hd_status_i;
  assign it_burst_o   = ok;
  assign it_last_o    = hd_last_i && last_b;
  assign it_counted_o = hd_counted_i;
  assign it_bytes_o   = bbytes;

  // ---------------------------------------------------------------- W commands and stream
  logic                c_push, c_valid, c_pop, c_drop;
  logic [BeatCntW-1:0] c_beats_m1;  // the command's beats - 1
  logic [2:0]          c_lo, c_hi;
  logic [$clog2(CmdDepth):0] c_count;

  assign c_push = step && (beats != '0);

  sync_fifo #(.Width(CmdW), .Depth(CmdDepth), .OutReg(1'b1)) u_cmd (
    .clk_i, .rst_ni,
    .push_i (c_push),
    // beats - 1 (a command has at least one beat): the last-beat compare needs no subtract
    .wdata_i({!ok, beats - 1'b1, lo_lane, hi_lane}),
    .pop_i  (c_pop),
    .valid_o(c_valid),
    .rdata_o({c_drop, c_beats_m1, c_lo, c_hi}),
    .full_o (cmd_full),
    .count_o(c_count)
  );

  logic [BeatCntW-1:0] beat_q;
  logic                first_beat, last_beat, d_hs;
  assign first_beat = (beat_q == '0);
  assign last_beat  = (beat_q == c_beats_m1);
  assign d_hs       = data_valid_i && data_ready_o;
  assign c_pop      = d_hs && last_beat;

  assign data_ready_o = c_valid && (c_drop || w_ready_i);
  assign w_valid_o    = c_valid && !c_drop && data_valid_i;
  assign w_data_o     = data_i;
  assign w_last_o     = last_beat;
  // range lanes: from c_lo on the command's first beat, up to c_hi on its last
  logic [StrbWidth-1:0] lo_mask, hi_mask;
  assign lo_mask  = first_beat ? (8'hFF << c_lo) : 8'hFF;
  assign hi_mask  = last_beat ? (8'hFF >> (3'd7 - c_hi)) : 8'hFF;
  assign w_strb_o = data_strb_i & lo_mask & hi_mask;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      beat_q <= '0;
    end else if (d_hs) begin
      beat_q <= last_beat ? '0 : beat_q + 1'b1;
    end
  end

  // hd_len_i: the piece's length is already in hd_f_bytes_i + hd_f_rem_i (and in the SVA)
  logic unused;
  assign unused = ^{c_count, aw_count, hd_len_i};

`ifndef SYNTHESIS
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  // Bursts: INCR, never longer than MaxBurstBeats, never across a MaxBurstBeats*8-byte window
  // (so never across 4 KiB).
  logic [HostAddrWidth-1:0] aw_last;  // the last byte of the burst's last beat
  assign aw_last = {aw_addr_o[HostAddrWidth-1:3], 3'b000} + HostAddrWidth'({aw_len_o, 3'b111});
  a_burst_len: assert property (@(posedge clk_i) disable iff (!rst_ni)
    aw_valid_o |-> 32'(aw_len_o) < MaxBurstBeats);
  a_burst_no_4k_cross: assert property (@(posedge clk_i) disable iff (!rst_ni)
    aw_valid_o |-> (aw_addr_o >> WinBits) == (aw_last >> WinBits));
  // Every WSTRB bit lies inside the command's range lanes.
  a_wstrb_in_range: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_valid_o && first_beat |-> (w_strb_o & ~(8'hFF << c_lo)) == '0);
  a_wstrb_in_range_hi: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_valid_o && last_beat |-> (w_strb_o & ~(8'hFF >> (3'd7 - c_hi))) == '0);
  // The registered "last burst" flag agrees with the remaining bytes.
  a_rest_last: assert property (@(posedge clk_i) disable iff (!rst_ni)
    busy_q |-> rest_last_q == (rem_q <= PieceLenW'(WinBytes)));
  // The first burst and the rest make up the piece.
  a_first_plus_rest: assert property (@(posedge clk_i) disable iff (!rst_ni)
    hd_valid_i && ok |-> hd_f_bytes_i + hd_f_rem_i == hd_len_i && hd_f_bytes_i != '0);
  // The hand-off FIFO's OK flag agrees with the status it came with.
  a_hd_ok: assert property (@(posedge clk_i) disable iff (!rst_ni)
    hd_valid_i |-> hd_ok_i == (hd_status_i == CplOk));
  // A drop command (a piece that writes nothing) never reaches W.
  a_drop_no_w: assert property (@(posedge clk_i) disable iff (!rst_ni)
    c_valid && c_drop |-> !w_valid_o);
  // AW stable while not taken.
  a_aw_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    aw_valid_o && !aw_ready_i |=> aw_valid_o && $stable(aw_addr_o) && $stable(aw_len_o) &&
                                  $stable(aw_user_o));
`endif

endmodule : sriov_ep_writer
