// Address pipeline: turns an accepted AW (function, address, burst) into the bitmap words and page
// masks to mark. Seven register stages, each a shallow step, no stall: an accepted write always
// flows through (the mark queue behind it has room by construction, see dirty_track's occupancy).
//
//   S0  capture at the AW handshake; the function's dirty write flag is sampled here (the
//       definition of "logging on" for a write: the flag's value in the clock of its handshake)
//   S1  per-function configuration lookup (page code and limit pre-clamped per function);
//       delta = last byte - first byte of the burst
//   S2  off = addr - base (signed, AddrWidth+2 bits)
//   S3  off_end = off + delta; first page index = off >> page shift (+ overflow)
//   S4  last page index (+ overflow); is the first page inside the region?
//   S5  clip [first, last] to [0, limit-1]; out-of-range flag
//   S6  word indices and page masks (at most two words: a burst is at most 32 KiB = 9 pages)
//
// Bytes of a burst: INCR (and the reserved type 3) from AWADDR to the last byte of its last beat,
// aligned down to AWSIZE first: [addr, (addr | (2^size-1)) + len * 2^size]. FIXED and WRAP touch only
// the page of AWADDR (a FIXED beat and a legal WRAP window, <= 2 KiB and aligned, stay in it).
module dirty_track_addr import dirty_track_pkg::*; #(
  parameter int unsigned NumFunctions = 8,
  parameter int unsigned PagesPerFunc = 16384,
  parameter int unsigned AddrWidth = 64,
  localparam int unsigned FuncIdxW = (NumFunctions > 1) ? $clog2(NumFunctions) : 1,
  localparam int unsigned PageIdxW = $clog2(PagesPerFunc),
  localparam int unsigned WordIdxW = PageIdxW - WordSelW
) (
  input  logic                                     clk_i,
  input  logic                                     rst_ni,
  // the AW handshake of this clock (payload of s_axi_aw*)
  input  logic                                     hs_i,
  input  logic [AddrWidth-1:0]                     addr_i,
  input  logic [7:0]                               len_i,
  input  logic [2:0]                               size_i,
  input  logic [1:0]                               burst_i,
  input  logic [FuncWidth-1:0]                     func_i,
  // per-function configuration (register block outputs)
  input  logic [NumFunctions-1:0]                  log_en_i,
  input  logic [NumFunctions-1:0][PageCodeW-1:0]   page_code_i,
  input  logic [NumFunctions-1:0][AddrWidth-1:0]   base_i,
  input  logic [NumFunctions-1:0][31:0]            pages_i,
  // marks for the queue: word0 |= mask0, and if two, word1 |= mask1
  output logic                                     push_o,
  output logic [FuncIdxW-1:0]                      push_func_o,
  output logic [WordIdxW-1:0]                      push_word0_o,
  output logic [WordBits-1:0]                      push_mask0_o,
  output logic                                     push_two_o,
  output logic [WordIdxW-1:0]                      push_word1_o,
  output logic [WordBits-1:0]                      push_mask1_o,
  // a write left the pipeline without marks (logging off, outside the region, bad function)
  output logic                                     retire_o,
  // counter increments
  output logic [NumFunctions-1:0]                  oor_o,
  output logic                                     bad_func_o,
  // any stage holds a write (for assertions)
  output logic                                     busy_o
);

  localparam int unsigned OffW = AddrWidth + 2;  // sign + carry + magnitude
  localparam int unsigned DeltaW = 16;           // <= 127 + 255 * 128
  localparam int unsigned LimitW = PageIdxW + 1; // 0 .. PagesPerFunc

  // page index = off >> (MinPageShift + code); ovf: the index does not fit PageIdxW bits.
  function automatic logic [PageIdxW:0] page_of(logic [OffW-1:0] off, logic [PageCodeW-1:0] code);
    logic [PageIdxW:0] r;  // {ovf, index}
    r = '0;
    for (int unsigned c = 0; c < NumPageSizes; c++) begin
      if (code == PageCodeW'(c)) begin
        r[PageIdxW-1:0] = off[MinPageShift + c +: PageIdxW];
        r[PageIdxW]     = |(off[OffW-2:0] >> (MinPageShift + c + PageIdxW));
      end
    end
    return r;
  endfunction

  // ---------------------------------------------------------------- S0: capture at the handshake
  logic                 s0_valid_q, s0_en_q, s0_ok_q;
  logic [AddrWidth-1:0] s0_addr_q;
  logic [7:0]           s0_len_q;
  logic [2:0]           s0_size_q;
  logic [1:0]           s0_burst_q;
  logic [FuncIdxW-1:0]  s0_func_q;
  logic                 func_ok;

  assign func_ok = (func_i < FuncWidth'(NumFunctions));

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s0_valid_q <= 1'b0;
      s0_en_q    <= 1'b0;
      s0_ok_q    <= 1'b0;
    end else begin
      s0_valid_q <= hs_i;
      s0_ok_q    <= func_ok;
      s0_en_q    <= hs_i && func_ok && log_en_i[func_i[FuncIdxW-1:0]];
    end
  end

  always_ff @(posedge clk_i) begin
    if (hs_i) begin
      s0_addr_q  <= addr_i;
      s0_len_q   <= len_i;
      s0_size_q  <= size_i;
      s0_burst_q <= burst_i;
      s0_func_q  <= func_ok ? func_i[FuncIdxW-1:0] : '0;
    end
  end

  assign bad_func_o = s0_valid_q && !s0_ok_q;

  // ---------------------------------------------------------------- S1: configuration, delta
  logic                 s1_valid_q, s1_en_q;
  logic [AddrWidth-1:0] s1_addr_q, s1_base_q;
  logic [PageCodeW-1:0] s1_code_q;
  logic [LimitW-1:0]    s1_limit_q;
  logic [DeltaW-1:0]    s1_delta_q;
  logic [FuncIdxW-1:0]  s1_func_q;
  logic [6:0]           s0_szmask, s0_pad;
  logic                 s0_incr;
  logic [DeltaW-1:0]    s0_delta;

  // Per-function page size code and region limit, clamped ahead of the lookup (registered: the
  // configuration changes only while the function's flag is 0 and nothing is in flight), so S1 is
  // a plain 8:1 selection.
  logic [NumFunctions-1:0][PageCodeW-1:0] code_q;
  logic [NumFunctions-1:0][LimitW-1:0]    limit_q;

  always_ff @(posedge clk_i) begin
    for (int unsigned f = 0; f < NumFunctions; f++) begin
      code_q[f]  <= (page_code_i[f] > MaxPageCode) ? MaxPageCode : page_code_i[f];
      limit_q[f] <= (pages_i[f] > 32'(PagesPerFunc)) ? LimitW'(PagesPerFunc) : LimitW'(pages_i[f]);
    end
  end

  assign s0_szmask = 7'((8'd1 << s0_size_q) - 8'd1);
  assign s0_pad    = ~s0_addr_q[6:0] & s0_szmask;  // bytes from addr to the end of its beat
  assign s0_incr   = (s0_burst_q == BurstIncr) || (s0_burst_q == BurstReserved);
  assign s0_delta  = s0_incr ? DeltaW'(s0_pad) + (DeltaW'(s0_len_q) << s0_size_q) : '0;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_valid_q <= 1'b0;
      s1_en_q    <= 1'b0;
    end else begin
      s1_valid_q <= s0_valid_q;
      s1_en_q    <= s0_en_q;
    end
  end

  always_ff @(posedge clk_i) begin
    s1_addr_q  <= s0_addr_q;
    s1_base_q  <= base_i[s0_func_q];
    s1_code_q  <= code_q[s0_func_q];
    s1_limit_q <= limit_q[s0_func_q];
    s1_delta_q <= s0_delta;
    s1_func_q  <= s0_func_q;
  end

  // ---------------------------------------------------------------- S2: offset from the region base
  logic                 s2_valid_q, s2_en_q;
  logic [OffW-1:0]      s2_off_q;
  logic [PageCodeW-1:0] s2_code_q;
  logic [LimitW-1:0]    s2_limit_q;
  logic [DeltaW-1:0]    s2_delta_q;
  logic [FuncIdxW-1:0]  s2_func_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s2_valid_q <= 1'b0;
      s2_en_q    <= 1'b0;
    end else begin
      s2_valid_q <= s1_valid_q;
      s2_en_q    <= s1_en_q;
    end
  end

  always_ff @(posedge clk_i) begin
    s2_off_q   <= {2'b00, s1_addr_q} - {2'b00, s1_base_q};
    s2_code_q  <= s1_code_q;
    s2_limit_q <= s1_limit_q;
    s2_delta_q <= s1_delta_q;
    s2_func_q  <= s1_func_q;
  end

  // ---------------------------------------------------------------- S3: end offset, first page
  logic                 s3_valid_q, s3_en_q, s3_s_neg_q, s3_ps_ovf_q;
  logic [OffW-1:0]      s3_off_e_q;
  logic [PageIdxW-1:0]  s3_ps_q;
  logic [PageCodeW-1:0] s3_code_q;
  logic [LimitW-1:0]    s3_limit_q;
  logic [FuncIdxW-1:0]  s3_func_q;
  logic [PageIdxW:0]    s2_page;

  assign s2_page = page_of(s2_off_q, s2_code_q);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s3_valid_q <= 1'b0;
      s3_en_q    <= 1'b0;
    end else begin
      s3_valid_q <= s2_valid_q;
      s3_en_q    <= s2_en_q;
    end
  end

  always_ff @(posedge clk_i) begin
    s3_off_e_q  <= s2_off_q + OffW'(s2_delta_q);
    s3_s_neg_q  <= s2_off_q[OffW-1];
    s3_ps_q     <= s2_page[PageIdxW-1:0];
    s3_ps_ovf_q <= s2_page[PageIdxW];
    s3_code_q   <= s2_code_q;
    s3_limit_q  <= s2_limit_q;
    s3_func_q   <= s2_func_q;
  end

  // ---------------------------------------------------------------- S4: last page, first inside?
  logic                 s4_valid_q, s4_en_q, s4_s_neg_q, s4_st_in_q, s4_e_neg_q, s4_pe_ovf_q;
  logic [PageIdxW-1:0]  s4_ps_q, s4_pe_q;
  logic [LimitW-1:0]    s4_limit_q;
  logic [FuncIdxW-1:0]  s4_func_q;
  logic [PageIdxW:0]    s3_page;

  assign s3_page = page_of(s3_off_e_q, s3_code_q);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s4_valid_q <= 1'b0;
      s4_en_q    <= 1'b0;
    end else begin
      s4_valid_q <= s3_valid_q;
      s4_en_q    <= s3_en_q;
    end
  end

  always_ff @(posedge clk_i) begin
    s4_s_neg_q  <= s3_s_neg_q;
    s4_st_in_q  <= !s3_s_neg_q && !s3_ps_ovf_q && (LimitW'(s3_ps_q) < s3_limit_q);
    s4_e_neg_q  <= s3_off_e_q[OffW-1];
    s4_pe_q     <= s3_page[PageIdxW-1:0];
    s4_pe_ovf_q <= s3_page[PageIdxW];
    s4_ps_q     <= s3_ps_q;
    s4_limit_q  <= s3_limit_q;
    s4_func_q   <= s3_func_q;
  end

  // ---------------------------------------------------------------- S5: clip to the region
  logic                 s5_valid_q, s5_any_q, s5_oor_q;
  logic [PageIdxW-1:0]  s5_first_q, s5_last_q;
  logic [FuncIdxW-1:0]  s5_func_q;
  logic                 s4_end_in, s4_any, s4_oor;
  logic [PageIdxW-1:0]  s4_limit_m1;  // limit - 1 (only used when limit != 0)

  assign s4_end_in   = !s4_e_neg_q && !s4_pe_ovf_q && (LimitW'(s4_pe_q) < s4_limit_q);
  assign s4_any      = s4_en_q && !s4_e_neg_q && (s4_limit_q != '0) && (s4_s_neg_q || s4_st_in_q);
  assign s4_oor      = s4_en_q && (s4_s_neg_q || !s4_end_in);
  assign s4_limit_m1 = s4_limit_q[PageIdxW-1:0] - 1'b1;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s5_valid_q <= 1'b0;
      s5_any_q   <= 1'b0;
      s5_oor_q   <= 1'b0;
    end else begin
      s5_valid_q <= s4_valid_q;
      s5_any_q   <= s4_valid_q && s4_any;
      s5_oor_q   <= s4_valid_q && s4_oor;
    end
  end

  always_ff @(posedge clk_i) begin
    s5_first_q <= s4_s_neg_q ? '0 : s4_ps_q;
    s5_last_q  <= s4_end_in ? s4_pe_q : s4_limit_m1;
    s5_func_q  <= s4_func_q;
  end

  for (genvar f = 0; f < NumFunctions; f++) begin : g_oor
    assign oor_o[f] = s5_oor_q && (s5_func_q == FuncIdxW'(f));
  end

  // ---------------------------------------------------------------- S6: words and masks
  logic                 s6_push_q, s6_retire_q, s6_two_q;
  logic [FuncIdxW-1:0]  s6_func_q;
  logic [WordIdxW-1:0]  s6_word0_q, s6_word1_q;
  logic [WordBits-1:0]  s6_mask0_q, s6_mask1_q;
  logic [WordIdxW-1:0]  s5_w0, s5_w1;
  logic [WordBits-1:0]  s5_lo, s5_hi;

  assign s5_w0 = s5_first_q[PageIdxW-1:WordSelW];
  assign s5_w1 = s5_last_q[PageIdxW-1:WordSelW];
  assign s5_lo = {WordBits{1'b1}} << s5_first_q[WordSelW-1:0];   // pages >= first in word0
  assign s5_hi = {WordBits{1'b1}} >> ~s5_last_q[WordSelW-1:0];   // pages <= last in word1

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s6_push_q   <= 1'b0;
      s6_retire_q <= 1'b0;
    end else begin
      s6_push_q   <= s5_valid_q && s5_any_q;
      s6_retire_q <= s5_valid_q && !s5_any_q;
    end
  end

  always_ff @(posedge clk_i) begin
    s6_func_q  <= s5_func_q;
    s6_word0_q <= s5_w0;
    s6_word1_q <= s5_w1;
    s6_two_q   <= (s5_w0 != s5_w1);
    s6_mask0_q <= (s5_w0 == s5_w1) ? (s5_lo & s5_hi) : s5_lo;
    s6_mask1_q <= s5_hi;
  end

  assign push_o       = s6_push_q;
  assign push_func_o  = s6_func_q;
  assign push_word0_o = s6_word0_q;
  assign push_mask0_o = s6_mask0_q;
  assign push_two_o   = s6_two_q;
  assign push_word1_o = s6_word1_q;
  assign push_mask1_o = s6_mask1_q;
  assign retire_o     = s6_retire_q;
  assign busy_o       = s0_valid_q || s1_valid_q || s2_valid_q || s3_valid_q || s4_valid_q ||
                        s5_valid_q || s6_push_q || s6_retire_q;

`ifndef SYNTHESIS
  // A burst is at most 32 KiB, pages are at least 4 KiB: the clipped range spans at most 9 pages,
  // so at most two adjacent bitmap words.
  a_two_words_adjacent: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s6_push_q && s6_two_q |-> s6_word1_q == s6_word0_q + 1'b1);
  a_mask_nonempty: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s6_push_q |-> s6_mask0_q != '0 && (!s6_two_q || s6_mask1_q != '0));
  a_clip_ordered: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s5_valid_q && s5_any_q |-> s5_first_q <= s5_last_q && s5_last_q - s5_first_q <= 8);
`endif

endmodule
