// Descriptor accept and piece splitting (docs/sriov_ep.md "Descriptors", "Pieces").
//
// A descriptor is taken when a completion slot is free (slot_free_i) and the splitter is free, or
// emits the last piece of the previous descriptor in this clock (no dead clock between
// descriptors). At the handshake the stop bits are sampled (STOPPED) and the length is checked
// (LEN_INVALID); from the next clock the splitter emits one piece per clock: the part of the range
// inside one 4 KiB page of the offset space. Every descriptor leaves as at least one piece, so the
// writer sees all of them in order:
//   - normal:      pieces to translate (xlate = 1);
//   - STOPPED:     the same pieces, not translated (xlate = 0, status STOPPED): the writer drops
//                  their beats;
//   - LEN_INVALID: one piece of length 0 (owns no beats), status LEN_INVALID.
module sriov_ep_accept import sriov_ep_pkg::*; #(
  parameter int unsigned TagWidth    = 8,
  parameter int unsigned OffsetWidth = 40,
  parameter int unsigned LenWidth    = 17
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  // descriptor port
  input  logic                    desc_valid_i,
  output logic                    desc_ready_o,
  input  logic [TagWidth-1:0]     desc_tag_i,
  input  logic [FuncWidth-1:0]    desc_func_i,
  input  logic [ServiceWidth-1:0] desc_service_i,
  input  logic [OffsetWidth-1:0]  desc_offset_i,
  input  logic [LenWidth-1:0]     desc_len_i,
  // stop control (STOP register) and completion-slot availability
  input  logic [MaxRegFuncs-1:0]  stop_func_i,
  input  logic                    stop_all_i,
  input  logic                    slot_free_i,
  // the handshake, for the completion unit's bookkeeping
  output logic                    acc_o,
  // one clock after the handshake of a descriptor that may write (not STOPPED/LEN_INVALID), and
  // its function: from flops, so the length check's carry chain ends here
  output logic                    ob_valid_o,
  output logic [FuncWidth-1:0]    ob_func_o,
  // pieces, in order
  output logic                    pc_valid_o,
  input  logic                    pc_ready_i,
  output logic [TagWidth-1:0]     pc_tag_o,
  output logic [FuncWidth-1:0]    pc_func_o,
  output logic [ServiceWidth-1:0] pc_service_o,
  output logic [OffsetWidth-1:0]  pc_offset_o,
  output logic [PieceLenW-1:0]    pc_len_o,
  output logic                    pc_last_o,      // the descriptor's last piece
  output logic                    pc_xlate_o,     // translate it (else pc_status_o is its status)
  output logic [StatusWidth-1:0]  pc_status_o,
  output logic                    pc_counted_o
);

  localparam int unsigned MaxLen = 1 << (LenWidth - 1);

  logic                    busy_q, busy_d;
  logic [TagWidth-1:0]     tag_q;
  logic [FuncWidth-1:0]    func_q;
  logic [ServiceWidth-1:0] service_q;
  logic [OffsetWidth-1:0]  off_q, off_d;
  logic [LenWidth-1:0]     rem_q, rem_d;   // bytes left in the descriptor
  logic [PieceLenW-1:0]    room_q, room_d; // bytes from off_q to the end of its 4 KiB page
  // rem_q - room_q (signed) and whether it is <= 0 (this piece is the descriptor's last), kept in
  // flops: the piece's last flag, its length and the descriptor handshake need no compare, and
  // the next piece's rest needs no subtract after it
  logic [LenWidth:0]       diff_q, diff_d;
  logic                    last_q, last_d;
  logic                    stopped_q, len_inv_q, counted_q;

  // ---------------------------------------------------------------- checks at the handshake
  // LEN_INVALID: len = 0, len > 2^(LenWidth-1), or offset + len > 2^OffsetWidth, i.e. the last
  // byte offset + len - 1 carries out of OffsetWidth bits.
  logic                  in_stopped, in_len_inv;
  logic [OffsetWidth:0]  in_last_byte;
  assign in_last_byte = {1'b0, desc_offset_i} + (OffsetWidth + 1)'(desc_len_i - 1'b1);
  assign in_len_inv   = (desc_len_i == '0) || (32'(desc_len_i) > MaxLen) || in_last_byte[OffsetWidth];
  // the descriptor's rest after its first piece, and whether that piece is its last (no rest)
  logic [LenWidth:0] in_diff;
  logic              in_fits;
  assign in_diff = (LenWidth + 1)'(desc_len_i) + (LenWidth + 1)'(desc_offset_i[PageBits-1:0]) -
                   (LenWidth + 1)'(PageBytes);
  assign in_fits = (LenWidth + 1)'(desc_len_i) + (LenWidth + 1)'(desc_offset_i[PageBits-1:0]) <=
                   (LenWidth + 1)'(PageBytes);
  assign in_stopped   = stop_all_i ||
                        ((32'(desc_func_i) < MaxRegFuncs) && stop_func_i[desc_func_i[2:0]]);

  // ---------------------------------------------------------------- the piece of this clock
  logic [PieceLenW-1:0] room;      // bytes from the offset to the end of its 4 KiB page
  logic                 last;
  logic [PieceLenW-1:0] plen;
  logic                 pc_hs;
  assign room  = room_q;  // registered: no subtract in front of the compare
  assign last  = len_inv_q || last_q;
  assign plen  = len_inv_q ? '0 : (last ? PieceLenW'(rem_q) : room);
  assign pc_hs = pc_valid_o && pc_ready_i;

  assign pc_valid_o   = busy_q;
  assign pc_tag_o     = tag_q;
  assign pc_func_o    = func_q;
  assign pc_service_o = service_q;
  // A LEN_INVALID piece owns no beats: its offset's low bits are cleared too.
  assign pc_offset_o  = len_inv_q ? '0 : off_q;
  assign pc_len_o     = plen;
  assign pc_last_o    = last;
  assign pc_xlate_o   = !stopped_q && !len_inv_q;
  assign pc_status_o  = len_inv_q ? CplLenInvalid : (stopped_q ? CplStopped : CplOk);
  assign pc_counted_o = counted_q;

  // ---------------------------------------------------------------- handshake and next state
  assign desc_ready_o  = slot_free_i && (!busy_q || (pc_hs && last));
  logic acc_counted;  // the descriptor may write
  logic ob_valid_q;
  assign acc_o       = desc_valid_i && desc_ready_o;
  assign acc_counted = !in_stopped && !in_len_inv;
  assign ob_valid_o  = ob_valid_q;
  assign ob_func_o   = func_q;  // loaded at the handshake

  always_comb begin
    busy_d = busy_q;
    off_d  = off_q;
    rem_d  = rem_q;
    room_d = room_q;
    diff_d = diff_q;
    last_d = last_q;
    if (pc_hs) begin
      if (last) begin
        busy_d = 1'b0;
      end else begin
        // a piece that is not the last one ends at its page's end: the next starts the next page
        off_d  = {off_q[OffsetWidth-1:PageBits] + 1'b1, {PageBits{1'b0}}};
        rem_d  = LenWidth'(diff_q);  // rem_q - room_q, > 0 here
        room_d = PieceLenW'(PageBytes);
        diff_d = diff_q - (LenWidth + 1)'(PageBytes);
        last_d = $signed(diff_q) <= $signed((LenWidth + 1)'(PageBytes));
      end
    end
    if (acc_o) begin
      busy_d = 1'b1;
      off_d  = desc_offset_i;
      rem_d  = desc_len_i;
      room_d = PieceLenW'(PageBytes) - PieceLenW'(desc_offset_i[PageBits-1:0]);
      diff_d = in_diff;
      last_d = in_fits;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q    <= 1'b0;
      tag_q     <= '0;
      func_q    <= '0;
      service_q <= '0;
      off_q     <= '0;
      rem_q     <= '0;
      room_q    <= '0;
      diff_q    <= '0;
      last_q    <= 1'b0;
      stopped_q <= 1'b0;
      len_inv_q <= 1'b0;
      counted_q <= 1'b0;
      ob_valid_q <= 1'b0;
    end else begin
      ob_valid_q <= acc_o && acc_counted;
      busy_q <= busy_d;
      off_q  <= off_d;
      rem_q  <= rem_d;
      room_q <= room_d;
      diff_q <= diff_d;
      last_q <= last_d;
      if (acc_o) begin
        tag_q     <= desc_tag_i;
        func_q    <= desc_func_i;
        service_q <= desc_service_i;
        stopped_q <= in_stopped && !in_len_inv;
        len_inv_q <= in_len_inv;
        counted_q <= acc_counted;
      end
    end
  end

`ifndef SYNTHESIS
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_armed_q <= 1'b0;
    else         sva_armed_q <= 1'b1;
  end
  // A piece never crosses a 4 KiB page of the offset space and is never empty unless LEN_INVALID.
  a_piece_in_page: assert property (@(posedge clk_i) disable iff (!rst_ni)
    pc_valid_o && !len_inv_q |->
      pc_len_o != '0 && (32'(pc_offset_o[PageBits-1:0]) + 32'(pc_len_o) <= PageBytes));
  // The pieces of a descriptor cover its range exactly: the last piece takes what is left.
  a_room: assert property (@(posedge clk_i) disable iff (!rst_ni)
    busy_q |-> 32'(room_q) == PageBytes - 32'(off_q[PageBits-1:0]));
  a_last_flop: assert property (@(posedge clk_i) disable iff (!rst_ni)
    busy_q |-> $signed(diff_q) == $signed({1'b0, rem_q}) - $signed((LenWidth + 1)'(room_q)) &&
               last_q == (rem_q <= LenWidth'(room_q)));
  a_last_takes_rest: assert property (@(posedge clk_i) disable iff (!rst_ni)
    pc_valid_o && pc_last_o && !len_inv_q |-> LenWidth'(pc_len_o) == rem_q);
  // A piece shown and not taken holds.
  a_piece_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    pc_valid_o && !pc_ready_i |=> pc_valid_o && $stable(pc_offset_o) && $stable(pc_len_o) &&
                                  $stable(pc_tag_o) && $stable(pc_last_o));
`endif

endmodule : sriov_ep_accept
