// BAT/CLAT address-translation unit (docs/bat_clat.md): turns (function, service, offset) into a
// host address by walking per-function Base Address Tables and Chip Logic Address Tables in host
// memory, with BAT and CLAT caches in front of an AXI4 read master.
//
//   s_axil_* -> bat_clat_reg_shim (access control on AxUSER, decode) -> bat_clat_regs (generated,
//                                                                      global registers)
//                                                                   -> bat_clat_func_regs (FUNC[f])
//   req_* -> bat_clat_xlate (pipeline, caches, miss table, AXI master) -> rsp_*
//
// This module wires them together and keeps the counters (error kinds, hits, misses, malformed
// R beats) on rtl/common/sat_counter.sv.
module bat_clat
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions     = 8,
  parameter int unsigned BatEntries       = 16,
  parameter int unsigned TagWidth         = 8,
  parameter int unsigned OffsetWidth      = 40,
  parameter int unsigned BatCacheEntries  = 16,
  parameter int unsigned ClatCacheEntries = 32,
  parameter int unsigned MaxMisses        = 4,
  // Misses one function may hold at once (docs/bat_clat.md, "Miss limit per function"); a miss
  // beyond it is answered MISS_LIMIT, so that a function whose tables sit in slow or unanswering
  // memory cannot fill the miss table and stall every other function.
  parameter int unsigned MaxMissesPerFunc = (MaxMisses > 1) ? MaxMisses - 1 : 1,
  parameter int unsigned AxiIdWidth       = 4
) (
  input  logic                      clk_i,
  input  logic                      rst_ni,
  // Request stream
  input  logic                      req_valid_i,
  output logic                      req_ready_o,
  input  logic [TagWidth-1:0]       req_tag_i,
  input  logic [FuncWidth-1:0]      req_func_i,
  input  logic [ServiceWidth-1:0]   req_service_i,
  input  logic [OffsetWidth-1:0]    req_offset_i,
  // Response stream
  output logic                      rsp_valid_o,
  input  logic                      rsp_ready_i,
  output logic [TagWidth-1:0]       rsp_tag_o,
  output logic [StatusWidth-1:0]    rsp_status_o,
  output logic [HostAddrWidth-1:0]  rsp_addr_o,
  // AXI4-Lite register slave (AxUSER = accessing function)
  input  logic [RegAddrWidth-1:0]   s_axil_awaddr,
  input  logic [2:0]                s_axil_awprot,
  input  logic                      s_axil_awvalid,
  output logic                      s_axil_awready,
  input  logic [FuncWidth-1:0]      s_axil_awuser,
  input  logic [31:0]               s_axil_wdata,
  input  logic [3:0]                s_axil_wstrb,
  input  logic                      s_axil_wvalid,
  output logic                      s_axil_wready,
  output logic [1:0]                s_axil_bresp,
  output logic                      s_axil_bvalid,
  input  logic                      s_axil_bready,
  input  logic [RegAddrWidth-1:0]   s_axil_araddr,
  input  logic [2:0]                s_axil_arprot,
  input  logic                      s_axil_arvalid,
  output logic                      s_axil_arready,
  input  logic [FuncWidth-1:0]      s_axil_aruser,
  output logic [31:0]               s_axil_rdata,
  output logic [1:0]                s_axil_rresp,
  output logic                      s_axil_rvalid,
  input  logic                      s_axil_rready,
  // AXI4 read master
  output logic [AxiIdWidth-1:0]     m_axi_arid,
  output logic [HostAddrWidth-1:0]  m_axi_araddr,
  output logic [7:0]                m_axi_arlen,
  output logic [2:0]                m_axi_arsize,
  output logic [1:0]                m_axi_arburst,
  output logic                      m_axi_arvalid,
  input  logic                      m_axi_arready,
  input  logic [AxiIdWidth-1:0]     m_axi_rid,
  input  logic [AxiDataWidth-1:0]   m_axi_rdata,
  input  logic [1:0]                m_axi_rresp,
  input  logic                      m_axi_rlast,
  input  logic                      m_axi_rvalid,
  output logic                      m_axi_rready
);

  // ------------------------------------------------------------------ parameter checks
  localparam int unsigned MissSlots = MaxMisses + 2;  // see bat_clat_xlate
  if (NumFunctions < 1 || NumFunctions > MaxFunctions) begin : g_bad_num_functions
    $error("NumFunctions must be 1..64");
  end
  if (BatEntries < 1 || BatEntries > 255) begin : g_bad_bat_entries
    $error("BatEntries must be 1..255 (BAT_ENTRIES is an 8-bit register)");
  end
  if (OffsetWidth <= Log2BlockMax || OffsetWidth > 64) begin : g_bad_offset_width
    $error("OffsetWidth must be 33..64");
  end
  // The CLAT cache is two banks, each indexed by log2(ClatCacheEntries / 2) >= 1 bits.
  if (BatCacheEntries < 2 || (BatCacheEntries & (BatCacheEntries - 1)) != 0 ||
      ClatCacheEntries < 4 || (ClatCacheEntries & (ClatCacheEntries - 1)) != 0)
  begin : g_bad_cache_size
    $error("cache sizes must be powers of two, BatCacheEntries >= 2, ClatCacheEntries >= 4");
  end
  if (MaxMisses < 1 || (1 << AxiIdWidth) < MissSlots) begin : g_bad_misses
    $error("MaxMisses must be >= 1 and MaxMisses + 2 ARIDs must fit AxiIdWidth");
  end
  if (MaxMissesPerFunc < 1 || MaxMissesPerFunc > MaxMisses) begin : g_bad_misses_per_func
    $error("MaxMissesPerFunc must be 1..MaxMisses");
  end

  // ------------------------------------------------------------------ registers
  // The shim is the AXI4-Lite slave; it forwards global-register accesses to the generated block
  // (passthrough CPU interface) and FUNC[f] accesses straight to bat_clat_func_regs.
  logic                    rb_req, rb_req_is_wr, rb_stall_wr, rb_stall_rd;
  logic                    rb_rd_ack, rb_rd_err, rb_wr_ack, rb_wr_err;
  logic [RegAddrWidth-1:0] rb_addr;
  logic [31:0]             rb_wr_data, rb_wr_biten, rb_rd_data;
  logic                    fr_req, fr_req_is_wr, fr_rd_ack, fr_wr_ack;
  logic [FuncIdxFullWidth-1:0] fr_func;
  logic [FuncOffWidth-1:0] fr_addr;
  logic [31:0]             fr_wr_data, fr_wr_biten, fr_rd_data;
  logic [31:0]             violations;

  bat_clat_reg_shim #(
    .NumFunctions(NumFunctions)
  ) u_shim (
    .clk_i,
    .rst_ni,
    .s_awaddr_i       (s_axil_awaddr),
    .s_awprot_i       (s_axil_awprot),
    .s_awvalid_i      (s_axil_awvalid),
    .s_awready_o      (s_axil_awready),
    .s_awuser_i       (s_axil_awuser),
    .s_wdata_i        (s_axil_wdata),
    .s_wstrb_i        (s_axil_wstrb),
    .s_wvalid_i       (s_axil_wvalid),
    .s_wready_o       (s_axil_wready),
    .s_bresp_o        (s_axil_bresp),
    .s_bvalid_o       (s_axil_bvalid),
    .s_bready_i       (s_axil_bready),
    .s_araddr_i       (s_axil_araddr),
    .s_arprot_i       (s_axil_arprot),
    .s_arvalid_i      (s_axil_arvalid),
    .s_arready_o      (s_axil_arready),
    .s_aruser_i       (s_axil_aruser),
    .s_rdata_o        (s_axil_rdata),
    .s_rresp_o        (s_axil_rresp),
    .s_rvalid_o       (s_axil_rvalid),
    .s_rready_i       (s_axil_rready),
    .rb_req_o         (rb_req),
    .rb_req_is_wr_o   (rb_req_is_wr),
    .rb_addr_o        (rb_addr),
    .rb_wr_data_o     (rb_wr_data),
    .rb_wr_biten_o    (rb_wr_biten),
    .rb_req_stall_wr_i(rb_stall_wr),
    .rb_req_stall_rd_i(rb_stall_rd),
    .rb_rd_ack_i      (rb_rd_ack),
    .rb_rd_err_i      (rb_rd_err),
    .rb_rd_data_i     (rb_rd_data),
    .rb_wr_ack_i      (rb_wr_ack),
    .rb_wr_err_i      (rb_wr_err),
    .fr_req_o         (fr_req),
    .fr_func_o        (fr_func),
    .fr_addr_o        (fr_addr),
    .fr_req_is_wr_o   (fr_req_is_wr),
    .fr_wr_data_o     (fr_wr_data),
    .fr_wr_biten_o    (fr_wr_biten),
    .fr_rd_ack_i      (fr_rd_ack),
    .fr_rd_data_i     (fr_rd_data),
    .fr_wr_ack_i      (fr_wr_ack),
    .violations_o     (violations)
  );

  bat_clat_regs_pkg::bat_clat_global_regs__in_t  hwif_in;
  bat_clat_regs_pkg::bat_clat_global_regs__out_t hwif_out;

  bat_clat_regs u_regs (
    .clk                 (clk_i),
    .arst_n              (rst_ni),  // asynchronous, like every flop (docs/dev-guide.md)
    .s_cpuif_req         (rb_req),
    .s_cpuif_req_is_wr   (rb_req_is_wr),
    .s_cpuif_addr        (rb_addr),
    .s_cpuif_wr_data     (rb_wr_data),
    .s_cpuif_wr_biten    (rb_wr_biten),
    .s_cpuif_req_stall_wr(rb_stall_wr),
    .s_cpuif_req_stall_rd(rb_stall_rd),
    .s_cpuif_rd_ack      (rb_rd_ack),
    .s_cpuif_rd_err      (rb_rd_err),
    .s_cpuif_rd_data     (rb_rd_data),
    .s_cpuif_wr_ack      (rb_wr_ack),
    .s_cpuif_wr_err      (rb_wr_err),
    .hwif_in             (hwif_in),
    .hwif_out            (hwif_out)
  );

  // The generated block holds the global registers only (bat_clat_global_regs in the RDL): the
  // shim never sends it an address >= 0x100, so it takes the low address bits.
  logic [NumFunctions-1:0][HostAddrWidth-1:0] cfg_bat_base;
  logic [NumFunctions-1:0][$clog2(BatEntries + 1)-1:0] cfg_svc_limit;
  logic [NumFunctions-1:0]                    cfg_enable;
  inval_t func_inval, glob_inval, inval;
  logic   inval_done;

  bat_clat_func_regs #(
    .NumFunctions(NumFunctions),
    .BatEntries  (BatEntries)
  ) u_func_regs (
    .clk_i,
    .rst_ni,
    .req_i        (fr_req),
    .func_i       (fr_func),
    .addr_i       (fr_addr),
    .req_is_wr_i  (fr_req_is_wr),
    .wr_data_i    (fr_wr_data),
    .wr_biten_i   (fr_wr_biten),
    .rd_ack_o     (fr_rd_ack),
    .rd_data_o    (fr_rd_data),
    .wr_ack_o     (fr_wr_ack),
    .bat_base_o   (cfg_bat_base),
    .svc_limit_o  (cfg_svc_limit),
    .enable_o     (cfg_enable),
    .inval_o      (func_inval),
    .inval_done_i (inval_done)
  );

  // Global invalidation: INVAL_CTRL.go is a single-cycle pulse.
  always_comb begin
    glob_inval.valid   = hwif_out.INVAL_CTRL.go.value;
    glob_inval.scope   = inval_scope_e'(hwif_out.INVAL_CTRL.scope.value);
    glob_inval.func    = hwif_out.INVAL_CTRL.func.value;
    glob_inval.service = hwif_out.INVAL_CTRL.service.value;
    // The register path carries one access at a time, so the two sources never coincide; if
    // they did, invalidating everything covers both.
    if (glob_inval.valid && func_inval.valid) begin
      inval = glob_inval;
      inval.scope = ScopeAll;
    end else begin
      inval = glob_inval.valid ? glob_inval : func_inval;
    end
  end

  // ------------------------------------------------------------------ translation engine
  rsp_event_t [1:0] rsp_event;
  logic             axi_proto_err;

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
  ) u_xlate (
    .clk_i,
    .rst_ni,
    .req_valid_i,
    .req_ready_o,
    .req_tag_i,
    .req_func_i,
    .req_service_i,
    .req_offset_i,
    .rsp_valid_o,
    .rsp_ready_i,
    .rsp_tag_o,
    .rsp_status_o,
    .rsp_addr_o,
    .m_axi_arid_o     (m_axi_arid),
    .m_axi_araddr_o   (m_axi_araddr),
    .m_axi_arlen_o    (m_axi_arlen),
    .m_axi_arsize_o   (m_axi_arsize),
    .m_axi_arburst_o  (m_axi_arburst),
    .m_axi_arvalid_o  (m_axi_arvalid),
    .m_axi_arready_i  (m_axi_arready),
    .m_axi_rid_i      (m_axi_rid),
    .m_axi_rdata_i    (m_axi_rdata),
    .m_axi_rresp_i    (m_axi_rresp),
    .m_axi_rlast_i    (m_axi_rlast),
    .m_axi_rvalid_i   (m_axi_rvalid),
    .m_axi_rready_o   (m_axi_rready),
    .cfg_bat_base_i   (cfg_bat_base),
    .cfg_svc_limit_i(cfg_svc_limit),
    .cfg_enable_i     (cfg_enable),
    .inval_i          (inval),
    .inval_done_o     (inval_done),
    .rsp_event_o      (rsp_event),
    .axi_proto_err_o  (axi_proto_err)
  );

  // ------------------------------------------------------------------ counters (saturating)
  // rtl/common/sat_counter.sv, never loaded (the count registers are read-only). Events are
  // registered first: the counters lag by one clock (invisible to software) and the adders start
  // from flops instead of from the translation pipeline's last stage. Two responses may count in
  // one clock (a hit and a miss response), so the response counters take up to 2 per clock.
  rsp_event_t [1:0] rsp_event_q;
  logic             proto_ev_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rsp_event_q <= '0;
      proto_ev_q  <= 1'b0;
    end else begin
      rsp_event_q <= rsp_event;
      proto_ev_q  <= axi_proto_err;
    end
  end

  logic [NumErrKinds-1:0][31:0] err_cnt;
  logic [31:0]                  hit_cnt, miss_cnt, proto_cnt;

  for (genvar k = 0; k < NumErrKinds; k++) begin : g_err_cnt
    logic [1:0] inc;
    assign inc = 2'(rsp_event_q[0].valid && 32'(rsp_event_q[0].status) == k + 1) +
                 2'(rsp_event_q[1].valid && 32'(rsp_event_q[1].status) == k + 1);
    sat_counter #(.Width(32), .IncWidth(2)) u_cnt (
      .clk_i, .rst_ni, .inc_i(inc), .load_i(1'b0), .load_data_i('0), .load_mask_i('0),
      .count_o(err_cnt[k])
    );
  end

  logic [1:0] hit_inc, miss_inc;
  assign hit_inc  = 2'(rsp_event_q[0].valid && rsp_event_q[0].hit) +
                    2'(rsp_event_q[1].valid && rsp_event_q[1].hit);
  assign miss_inc = 2'(rsp_event_q[0].valid && rsp_event_q[0].miss) +
                    2'(rsp_event_q[1].valid && rsp_event_q[1].miss);

  sat_counter #(.Width(32), .IncWidth(2)) u_hit_cnt (
    .clk_i, .rst_ni, .inc_i(hit_inc), .load_i(1'b0), .load_data_i('0), .load_mask_i('0),
    .count_o(hit_cnt)
  );
  sat_counter #(.Width(32), .IncWidth(2)) u_miss_cnt (
    .clk_i, .rst_ni, .inc_i(miss_inc), .load_i(1'b0), .load_data_i('0), .load_mask_i('0),
    .count_o(miss_cnt)
  );
  sat_counter #(.Width(32), .IncWidth(1)) u_proto_cnt (
    .clk_i, .rst_ni, .inc_i(proto_ev_q), .load_i(1'b0), .load_data_i('0), .load_mask_i('0),
    .count_o(proto_cnt)
  );

  // ------------------------------------------------------------------ register block inputs
  always_comb begin
    hwif_in = '{default: '0};
    hwif_in.PARAMS.num_functions.next   = 8'(NumFunctions);
    hwif_in.PARAMS.bat_entries.next     = 8'(BatEntries);
    hwif_in.PARAMS.log2_bat_cache.next  = 4'($clog2(BatCacheEntries));
    hwif_in.PARAMS.log2_clat_cache.next = 4'($clog2(ClatCacheEntries));
    hwif_in.PARAMS.max_misses.next      = 8'(MaxMisses);
    hwif_in.INVAL_STATUS.done.next      = inval_done;
    for (int unsigned k = 0; k < NumErrKinds; k++) hwif_in.ERR_CNT[k].count.next = err_cnt[k];
    hwif_in.HIT_CNT.count.next           = hit_cnt;
    hwif_in.MISS_CNT.count.next          = miss_cnt;
    hwif_in.ACCESS_VIOLATIONS.count.next = violations;
    hwif_in.AXI_PROTO_ERR.count.next     = proto_cnt;
  end

endmodule
