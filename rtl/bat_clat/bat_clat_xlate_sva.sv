// Cross-unit assertions of the translation engine (bat_clat_xlate; simulation only): every
// request is answered exactly once and is always in exactly one place, no function holds more
// than MaxMissesPerFunc miss entries, a BAT read only ever reads the requesting function's own
// table, and `done` stays low while a read issued before an invalidation is outstanding. (Each
// unit's own SVA are in the unit.)
module bat_clat_xlate_sva
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions = 8,
  parameter int unsigned BatEntries   = 16,
  parameter int unsigned TagWidth     = 8,
  parameter int unsigned MissSlots    = 6,
  parameter int unsigned MaxMissesPerFunc = 3,
  parameter int unsigned RspDepth     = 4,
  parameter type         entry_t      = logic,  // bat_clat_xlate's miss_entry_t
  parameter type         mt_t             = logic,  // bat_clat_xlate's mt_sel_t
  parameter type         s1_t             = logic,  // bat_clat_xlate's s1_out_t
  parameter type         hit_t            = logic,  // bat_clat_xlate's hit_t
  parameter type         ar_t             = logic,  // bat_clat_xlate's ar_t
  // derived
  localparam int unsigned FuncIdxWidth = (NumFunctions > 1) ? $clog2(NumFunctions) : 1,
  localparam int unsigned RspCntWidth  = $clog2(RspDepth + 1)
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  // bat_clat_xlate's ports
  input  logic [TagWidth-1:0]          req_tag_i,
  input  logic                         rsp_valid_i,
  input  logic                         rsp_ready_i,
  input  logic [TagWidth-1:0]          rsp_tag_i,
  input  logic [NumFunctions-1:0][HostAddrWidth-1:0] cfg_bat_base_i,
  input  logic [NumFunctions-1:0][$clog2(BatEntries + 1)-1:0]  cfg_svc_limit_i,
  input  logic [NumFunctions-1:0]                    cfg_enable_i,
  input  logic                         inval_done_i,
  // the units' state
  input  logic                         accept_i,
  input  logic                         rp_valid_i,
  input  logic [RspCntWidth-1:0]       rq_count_i,
  input  logic                         mr_valid_i,
  input  entry_t                       me_i [MissSlots],
  input  s1_t                          s1_i,
  input  hit_t                         h_i,
  input  mt_t                          mt_i,
  input  ar_t                          ar_i
);

  // Tags outstanding (accepted, not yet answered), for the exactly-once invariants.
  localparam int unsigned NumTags = 1 << TagWidth;
  logic [NumTags-1:0] sva_out_q;
  logic               sva_new_req, sva_rsp;
  assign sva_new_req = accept_i && !rp_valid_i;
  assign sva_rsp     = rsp_valid_i && rsp_ready_i;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sva_out_q <= '0;
    else begin
      if (sva_rsp) sva_out_q[rsp_tag_i] <= 1'b0;
      if (sva_new_req) sva_out_q[req_tag_i] <= 1'b1;
    end
  end

  // Every request in flight is in exactly one place: S1, the replay register, a miss entry, the
  // hit queue or the miss register. With the outstanding-tag set this says: none lost, none
  // duplicated.
  logic [31:0] sva_items, sva_live, sva_dup_tags;
  always_comb begin
    sva_items = 32'(s1_i.valid) + 32'(rp_valid_i) + 32'(rq_count_i) + 32'(mr_valid_i);
    sva_live = '0;
    sva_dup_tags = '0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      if (me_i[e].state != MsFree) begin
        sva_items = sva_items + 1;
        sva_live = sva_live + 1;
        for (int unsigned e2 = e + 1; e2 < MissSlots; e2++) begin
          if (me_i[e2].state != MsFree && me_i[e2].tag == me_i[e].tag) sva_dup_tags = sva_dup_tags + 1;
        end
      end
    end
  end

  a_req_tag_not_outstanding: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_new_req |-> !sva_out_q[req_tag_i] || (sva_rsp && rsp_tag_i == req_tag_i));
  a_rsp_tag_outstanding: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rsp_valid_i |-> sva_out_q[rsp_tag_i]);
  a_every_request_somewhere: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_items == 32'($countones(sva_out_q)));
  a_no_duplicate_tag_in_miss_table: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_dup_tags == 0);
  a_live_le_slots: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_live <= MissSlots);

  // Miss limit: no function ever holds more than MaxMissesPerFunc miss-table entries (the count
  // and the S1 decision: bat_clat_lookup; the entries: bat_clat_miss_table).
  logic sva_fn_over;
  always_comb begin
    sva_fn_over = 1'b0;
    for (int unsigned e = 0; e < MissSlots; e++) begin
      logic [31:0] n;
      n = '0;
      for (int unsigned e2 = 0; e2 < MissSlots; e2++) begin
        if (me_i[e2].state != MsFree && me_i[e2].func == me_i[e].func) n = n + 1;
      end
      if (me_i[e].state != MsFree && n > MaxMissesPerFunc) sva_fn_over = 1'b1;
    end
  end
  a_miss_limit_per_function: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !sva_fn_over);

  // Isolation: a request of function F reads only F's BAT (at F's BAT_BASE, an entry below its
  // BAT_ENTRIES) and the CLAT that F's own BAT entry points to (a_clat_read_from_own_bat in
  // bat_clat_walk); its address never comes from another function's tables.
  function automatic logic [FuncIdxWidth-1:0] fidx_of(logic [FuncWidth-1:0] f);
    return (32'(f) < NumFunctions) ? FuncIdxWidth'(f) : '0;
  endfunction
  logic                     sva_bat_ld;
  logic [FuncWidth-1:0]     sva_ld_func;
  logic [FuncIdxWidth-1:0]  sva_ld_fidx;  // (a variable, not a call in each index: SIDEEFFECT)
  logic [ServiceWidth-1:0]  sva_ld_svc;
  logic [HostAddrWidth-1:0] sva_ld_addr;
  assign sva_bat_ld  = ar_i.from_s1 || (ar_i.from_arb && me_i[mt_i.arb_idx].state == MsBatReq);
  assign sva_ld_func = ar_i.from_s1 ? h_i.func : me_i[mt_i.arb_idx].func;
  assign sva_ld_fidx = fidx_of(sva_ld_func);
  assign sva_ld_svc  = ar_i.from_s1 ? h_i.service : me_i[mt_i.arb_idx].service;
  assign sva_ld_addr = ar_i.from_s1 ? s1_i.bat_addr : me_i[mt_i.arb_idx].addr;
  a_bat_read_own_table: assert property (@(posedge clk_i) disable iff (!rst_ni)
    sva_bat_ld |->
      32'(sva_ld_func) < NumFunctions && cfg_enable_i[sva_ld_fidx] &&
      32'(sva_ld_svc) < BatEntries && 32'(sva_ld_svc) < 32'(cfg_svc_limit_i[sva_ld_fidx]) &&
      sva_ld_addr == {cfg_bat_base_i[sva_ld_fidx][HostAddrWidth-1:BatEntryBytesLog2],
                      BatEntryBytesLog2'(0)} + (HostAddrWidth'(sva_ld_svc) << BatEntryBytesLog2));

  // `done` is low while a read issued before the invalidation took effect is outstanding (the
  // marks: a_done_marks_reads in bat_clat_miss_table).
  for (genvar e = 0; e < MissSlots; e++) begin : g_sva_done
    a_done_low_while_marked: assert property (@(posedge clk_i) disable iff (!rst_ni)
      mt_i.pre[e] |-> !inval_done_i);
  end

endmodule
