// Dirty-write tracking (device DMA logging for live migration).
//
// Inline on the device's DMA write-address channel: AW in (s_axi_aw*) is passed to AW out
// (m_axi_aw*) unchanged and in order; the block only ever slows the channel down, by holding
// s_axi_awready (and m_axi_awvalid) low while its mark queue is full or while the bitmap is being
// cleared after reset. Every write whose AW handshake happens while its function's dirty write
// flag is set marks every page it touches in that function's bitmap (one bit per page, on-chip
// RAM). The PF reads the bitmap over AXI4-Lite; each read returns a word and clears it atomically.
// Or it has the block report a range of words by DMA (dirty_track_report, AXI4 write master
// m_axi_rep_*): two words per clock, each read and cleared by the same RMW pipeline.
//
//   s_axi_aw* --+---------------------------------------------> m_axi_aw*
//               | handshake
//               v
//   dirty_track_addr (S0..S6) -> mark queue -> dirty_track_rmw (A, D, W) <-> bitmap RAM, even and
//                                (sync_fifo)          ^ report-and-clear       odd banks (2 x ram_1r1w)
//                       dirty_track_report <---------+ report by DMA --> m_axi_rep_aw/w/b
//   s_axil_* -> u_csr (axil_reg_front + this block's rule) --> dirty_track_regs (generated,
//               passthrough CPU interface) <-> dirty_track_counters (sat_counter x10, mirrored for read-back)
// sync_fifo, ram_1r1w, sat_counter and axil_reg_front are the shared primitives of rtl/common/.
module dirty_track import dirty_track_pkg::*, dirty_track_reg_addr_pkg::*; #(
  parameter int unsigned NumFunctions = 8,      // 1..8 (function 0 is the PF)
  parameter int unsigned PagesPerFunc = 16384,  // bitmap bits per function, power of two >= 32
  parameter int unsigned AddrWidth = 64,        // DMA address width, 36..64
  parameter int unsigned IdWidth = 4,           // AWID width (passed through)
  parameter int unsigned QueueDepth = 16        // writes in flight before AWREADY drops, power of 2
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // AW in (from the DMA engine)
  input  logic [IdWidth-1:0]       s_axi_awid,
  input  logic [AddrWidth-1:0]     s_axi_awaddr,
  input  logic [7:0]               s_axi_awlen,
  input  logic [2:0]               s_axi_awsize,
  input  logic [1:0]               s_axi_awburst,
  input  logic [FuncWidth-1:0]     s_axi_awuser,   // function number
  input  logic                     s_axi_awvalid,
  output logic                     s_axi_awready,
  // AW out (to the interconnect)
  output logic [IdWidth-1:0]       m_axi_awid,
  output logic [AddrWidth-1:0]     m_axi_awaddr,
  output logic [7:0]               m_axi_awlen,
  output logic [2:0]               m_axi_awsize,
  output logic [1:0]               m_axi_awburst,
  output logic [FuncWidth-1:0]     m_axi_awuser,
  output logic                     m_axi_awvalid,
  input  logic                     m_axi_awready,
  // AXI4-Lite register slave; awuser/aruser carry the accessing function number
  input  logic [AxilAddrWidth-1:0] s_axil_awaddr,
  input  logic [2:0]               s_axil_awprot,
  input  logic                     s_axil_awvalid,
  output logic                     s_axil_awready,
  input  logic [FuncWidth-1:0]     s_axil_awuser,
  input  logic [31:0]              s_axil_wdata,
  input  logic [3:0]               s_axil_wstrb,
  input  logic                     s_axil_wvalid,
  output logic                     s_axil_wready,
  output logic [1:0]               s_axil_bresp,
  output logic                     s_axil_bvalid,
  input  logic                     s_axil_bready,
  input  logic [AxilAddrWidth-1:0] s_axil_araddr,
  input  logic [2:0]               s_axil_arprot,
  input  logic                     s_axil_arvalid,
  output logic                     s_axil_arready,
  input  logic [FuncWidth-1:0]     s_axil_aruser,
  output logic [31:0]              s_axil_rdata,
  output logic [1:0]               s_axil_rresp,
  output logic                     s_axil_rvalid,
  input  logic                     s_axil_rready,
  // report by DMA: AXI4 write master (no ID; the subsystem adds one and arbitrates it)
  output logic [AddrWidth-1:0]     m_axi_rep_awaddr,
  output logic [7:0]               m_axi_rep_awlen,
  output logic [2:0]               m_axi_rep_awsize,
  output logic [1:0]               m_axi_rep_awburst,
  output logic                     m_axi_rep_awvalid,
  input  logic                     m_axi_rep_awready,
  output logic [63:0]              m_axi_rep_wdata,
  output logic [7:0]               m_axi_rep_wstrb,
  output logic                     m_axi_rep_wlast,
  output logic                     m_axi_rep_wvalid,
  input  logic                     m_axi_rep_wready,
  input  logic [1:0]               m_axi_rep_bresp,
  input  logic                     m_axi_rep_bvalid,
  output logic                     m_axi_rep_bready,
  // every write accepted so far has been logged (same as STATUS.quiesced)
  output logic                     quiesced_o,
  // the last report by DMA has finished (same as REPORT_STATUS.done)
  output logic                     report_done_o
);

  localparam int unsigned FuncIdxW = (NumFunctions > 1) ? $clog2(NumFunctions) : 1;
  localparam int unsigned PageIdxW = $clog2(PagesPerFunc);
  localparam int unsigned WordIdxW = PageIdxW - WordSelW;
  localparam int unsigned WordsPerFunc = PagesPerFunc / WordBits;
  localparam int unsigned Depth = NumFunctions * WordsPerFunc;
  localparam int unsigned RamAddrW = $clog2(Depth);
  localparam int unsigned OccW = $clog2(QueueDepth) + 1;
  localparam int unsigned EntryW = FuncIdxW + 2 * WordIdxW + 2 * WordBits + 1;
  localparam int unsigned BankAddrW = (Depth / 2 > 1) ? $clog2(Depth / 2) : 1;

  // ---------------------------------------------------------------- pass-through
  logic accept_q;  // registered: the queue has room and the bitmap is initialised
  logic aw_hs;

  assign m_axi_awid    = s_axi_awid;
  assign m_axi_awaddr  = s_axi_awaddr;
  assign m_axi_awlen   = s_axi_awlen;
  assign m_axi_awsize  = s_axi_awsize;
  assign m_axi_awburst = s_axi_awburst;
  assign m_axi_awuser  = s_axi_awuser;
  assign m_axi_awvalid = s_axi_awvalid && accept_q;
  assign s_axi_awready = m_axi_awready && accept_q;
  assign aw_hs         = s_axi_awvalid && s_axi_awready;

  // ---------------------------------------------------------------- registers
  dirty_track_regs_pkg::dirty_track_regs__in_t  hwif_in;
  dirty_track_regs_pkg::dirty_track_regs__out_t hwif_out;

  logic                     rb_req, rb_req_is_wr, rb_stall_wr, rb_stall_rd;
  logic                     rep_busy, rep_err_args, rep_err_bus;  // report by DMA status
  logic                     rb_rd_ack, rb_rd_err, rb_wr_ack, rb_wr_err;
  logic [RegAddrW-1:0]      rb_addr;
  logic [31:0]              rb_wr_data, rb_wr_biten, rb_rd_data;
  logic                     rpt_req, rpt_ack, rpt_rsp_valid;
  logic [RamAddrW-1:0]      rpt_addr;
  logic [WordBits-1:0]      rpt_rsp_data;
  logic                     viol;

  // The AXI4-Lite front end (rtl/common/axil_reg_front.sv) decides each access at its handshake
  // (CheckStage 0) with this block's rule, and forwards it to the register block or, for the
  // bitmap window, to the report-and-clear port of the RMW pipeline.
  logic [AxilAddrWidth-1:0] chk_addr, req_addr;
  logic [FuncWidth-1:0]     chk_user;
  logic                     chk_wr, chk_refuse, chk_bad;
  logic                     req, req_wr, req_stall, req_bmp, ack, ack_err;
  logic [31:0]              req_wdata, ack_rdata;
  logic [3:0]               req_wstrb;

  axil_reg_front #(
    .AddrWidth(AxilAddrWidth), .UserWidth(FuncWidth), .CheckStage(1'b0), .AlternateRdWr(1'b0)
  ) u_csr (
    .clk_i, .rst_ni,
    .s_axil_awaddr_i(s_axil_awaddr), .s_axil_awprot_i(s_axil_awprot),
    .s_axil_awvalid_i(s_axil_awvalid), .s_axil_awready_o(s_axil_awready),
    .s_axil_awuser_i(s_axil_awuser),
    .s_axil_wdata_i(s_axil_wdata), .s_axil_wstrb_i(s_axil_wstrb),
    .s_axil_wvalid_i(s_axil_wvalid), .s_axil_wready_o(s_axil_wready),
    .s_axil_bresp_o(s_axil_bresp), .s_axil_bvalid_o(s_axil_bvalid), .s_axil_bready_i(s_axil_bready),
    .s_axil_araddr_i(s_axil_araddr), .s_axil_arprot_i(s_axil_arprot),
    .s_axil_arvalid_i(s_axil_arvalid), .s_axil_arready_o(s_axil_arready),
    .s_axil_aruser_i(s_axil_aruser),
    .s_axil_rdata_o(s_axil_rdata), .s_axil_rresp_o(s_axil_rresp),
    .s_axil_rvalid_o(s_axil_rvalid), .s_axil_rready_i(s_axil_rready),
    .chk_addr_o(chk_addr), .chk_user_o(chk_user), .chk_wr_o(chk_wr),
    .chk_refuse_i(chk_refuse), .chk_bad_i(chk_bad),
    .req_o(req), .req_wr_o(req_wr), .req_addr_o(req_addr), .req_wdata_o(req_wdata),
    .req_wstrb_o(req_wstrb), .req_stall_i(req_stall),
    .ack_i(ack), .ack_err_i(ack_err), .ack_rdata_i(ack_rdata),
    .viol_o(viol)
  );

  // Access rule (docs/dirty_track.md "Register access"): only the PF (AxUSER = 0) may access.
  // Before forwarding (misaligned addresses are the front end's): FUNC slots the configuration
  // does not have (f >= NumFunctions), the bitmap window past its last word, addresses decoded by
  // neither space, and writes to the bitmap window (read-only) are SLVERR here. The register
  // block answers its own holes and read-only registers (--err-if-bad-addr, --err-if-bad-rw).
  // The FUNC slots fill the upper half of the register space (FuncBase = 0x100 = FuncCount *
  // FuncStride, checked below): bit SlotBit (8) says "in a slot", the bits down to SlotLsb (7:5)
  // are the slot number; the offset inside a slot is the register block's.
  localparam int unsigned SlotLsb = $clog2(FuncStride);
  localparam int unsigned SlotBit = $clog2(FuncBase);
  logic chk_reg_ok, chk_bmp_ok;
  logic [BitmapWindowBit-3:0] chk_word;  // word index inside the bitmap window
  assign chk_refuse = (chk_user != '0);
  assign chk_reg_ok = (chk_addr[AxilAddrWidth-1:RegAddrW] == '0) &&
                      (!chk_addr[SlotBit] || 32'(chk_addr[SlotBit-1:SlotLsb]) < NumFunctions);
  assign chk_word   = chk_addr[BitmapWindowBit-1:2];
  assign chk_bmp_ok = chk_addr[BitmapWindowBit] && (32'(chk_word) < Depth);
  assign chk_bad    = !(chk_reg_ok || (!chk_wr && chk_bmp_ok));

  // Targets: the bitmap window (bit 19) or the register block; only a forwarded access gets here.
  assign req_bmp      = req_addr[BitmapWindowBit];
  assign rb_req       = req && !req_bmp;
  assign rb_req_is_wr = req_wr;
  assign rb_addr      = req_addr[RegAddrW-1:0];
  assign rb_wr_data   = req_wdata;
  for (genvar b = 0; b < 4; b++) begin : g_biten
    assign rb_wr_biten[8*b +: 8] = {8{req_wstrb[b]}};
  end
  assign rpt_req   = req && req_bmp;
  assign rpt_addr  = RamAddrW'(req_addr[BitmapWindowBit-1:2]);
  assign req_stall = req_bmp ? !rpt_ack : (req_wr ? rb_stall_wr : rb_stall_rd);
  assign ack       = req_bmp ? rpt_rsp_valid : (req_wr ? rb_wr_ack : rb_rd_ack);
  assign ack_err   = !req_bmp && (req_wr ? rb_wr_err : rb_rd_err);
  assign ack_rdata = req_bmp ? rpt_rsp_data : rb_rd_data;

  dirty_track_regs u_regs (
    .clk(clk_i),
    .arst_n(rst_ni),
    .s_cpuif_req(rb_req), .s_cpuif_req_is_wr(rb_req_is_wr), .s_cpuif_addr(rb_addr),
    .s_cpuif_wr_data(rb_wr_data), .s_cpuif_wr_biten(rb_wr_biten),
    .s_cpuif_req_stall_wr(rb_stall_wr), .s_cpuif_req_stall_rd(rb_stall_rd),
    .s_cpuif_rd_ack(rb_rd_ack), .s_cpuif_rd_err(rb_rd_err), .s_cpuif_rd_data(rb_rd_data),
    .s_cpuif_wr_ack(rb_wr_ack), .s_cpuif_wr_err(rb_wr_err),
    .hwif_in, .hwif_out
  );

  // per-function configuration, flattened for the address pipeline
  logic [NumFunctions-1:0]                log_en;
  logic [NumFunctions-1:0][PageCodeW-1:0] page_code;
  logic [NumFunctions-1:0][AddrWidth-1:0] base;
  logic [NumFunctions-1:0][31:0]          pages;
  logic [NumFunctions-1:0]                oor;
  logic                                   bad_func, init_done, mark_busy, addr_busy;
  // event counters (below): 0 = BAD_FUNC_CNT, 1 = ACCESS_VIOL_CNT, 2 + f = FUNC[f].OOR_CNT
  localparam int unsigned NumCnt = 2 + MaxRegFunctions;
  logic [NumCnt-1:0]       cnt_we;  // 0 in the clock a software write is loaded into the counter
  logic [NumCnt-1:0][31:0] cnt_value;

  for (genvar f = 0; f < NumFunctions; f++) begin : g_cfg
    logic [63:0] base64;
    assign base64       = {hwif_out.FUNC[f].BASE_HI.addr.value, hwif_out.FUNC[f].BASE_LO.addr.value};
    assign log_en[f]    = hwif_out.FUNC[f].CTRL.log_en.value;
    assign page_code[f] = hwif_out.FUNC[f].PAGE_SIZE.code.value;
    assign base[f]      = base64[AddrWidth-1:0];
    assign pages[f]     = hwif_out.FUNC[f].PAGES.pages.value;
  end

  always_comb begin
    hwif_in.PARAMS.num_functions.next = 8'(NumFunctions);
    hwif_in.PARAMS.log2_pages.next    = 8'(PageIdxW);
    hwif_in.PARAMS.word_bits.next     = 8'(WordBits);
    hwif_in.STATUS.quiesced.next      = quiesced_o;
    hwif_in.STATUS.init_done.next     = init_done;
    hwif_in.REPORT_STATUS.busy.next     = rep_busy;
    hwif_in.REPORT_STATUS.done.next     = report_done_o;
    hwif_in.REPORT_STATUS.err_args.next = rep_err_args;
    hwif_in.REPORT_STATUS.err_bus.next  = rep_err_bus;
    hwif_in.ERR.bad_func.hwset        = bad_func;
    hwif_in.ERR.access_viol.hwset     = viol;
    hwif_in.BAD_FUNC_CNT.count.next    = cnt_value[0];
    hwif_in.BAD_FUNC_CNT.count.we      = cnt_we[0];
    hwif_in.ACCESS_VIOL_CNT.count.next = cnt_value[1];
    hwif_in.ACCESS_VIOL_CNT.count.we   = cnt_we[1];
    for (int unsigned f = 0; f < MaxRegFunctions; f++) begin
      hwif_in.FUNC[f].ERR.oor.hwset      = (f < NumFunctions) ? oor[f] : 1'b0;
      hwif_in.FUNC[f].OOR_CNT.count.next = cnt_value[2 + f];
      hwif_in.FUNC[f].OOR_CNT.count.we   = cnt_we[2 + f];
    end
  end

  // Event counters, mirrored into the register block's count fields for read-back.
  dirty_track_counters #(.NumFunctions(NumFunctions)) u_counters (
    .clk_i, .rst_ni,
    .bad_func_i(bad_func), .access_viol_i(viol), .oor_i(oor),
    .rb_req_i(rb_req), .rb_req_is_wr_i(rb_req_is_wr), .rb_stall_wr_i(rb_stall_wr),
    .rb_addr_i(rb_addr), .rb_wr_data_i(rb_wr_data), .rb_wr_biten_i(rb_wr_biten),
    .count_o(cnt_value), .mirror_we_o(cnt_we)
  );

  // ---------------------------------------------------------------- address pipeline
  logic                push, retire, q_valid, q_pop;
  logic [FuncIdxW-1:0] push_func, q_func;
  logic [WordIdxW-1:0] push_word0, push_word1, q_word0, q_word1;
  logic [WordBits-1:0] push_mask0, push_mask1, q_mask0, q_mask1;
  logic                push_two, q_two;
  logic                q_full;
  logic [$clog2(QueueDepth):0] q_count;

  dirty_track_addr #(
    .NumFunctions(NumFunctions), .PagesPerFunc(PagesPerFunc), .AddrWidth(AddrWidth)
  ) u_addr (
    .clk_i, .rst_ni,
    .hs_i(aw_hs), .addr_i(s_axi_awaddr), .len_i(s_axi_awlen), .size_i(s_axi_awsize),
    .burst_i(s_axi_awburst), .func_i(s_axi_awuser),
    .log_en_i(log_en), .page_code_i(page_code), .base_i(base), .pages_i(pages),
    .push_o(push), .push_func_o(push_func), .push_word0_o(push_word0), .push_mask0_o(push_mask0),
    .push_two_o(push_two), .push_word1_o(push_word1), .push_mask1_o(push_mask1),
    .retire_o(retire), .oor_o(oor), .bad_func_o(bad_func), .busy_o(addr_busy)
  );

  sync_fifo #(.Width(EntryW), .Depth(QueueDepth)) u_queue (
    .clk_i, .rst_ni,
    .push_i (push),
    .wdata_i({push_func, push_word0, push_mask0, push_two, push_word1, push_mask1}),
    .pop_i  (q_pop),
    .valid_o(q_valid),
    .rdata_o({q_func, q_word0, q_mask0, q_two, q_word1, q_mask1}),
    .full_o (q_full),
    .count_o(q_count)
  );

  logic                 dma_req, dma_odd, dma_ack, dma_rsp_valid, dma_rsp_odd;
  logic [BankAddrW-1:0] dma_pair;
  logic [63:0]          dma_rsp_data;

  dirty_track_rmw #(.NumFunctions(NumFunctions), .PagesPerFunc(PagesPerFunc)) u_rmw (
    .clk_i, .rst_ni,
    .init_done_o(init_done),
    .q_valid_i(q_valid), .q_func_i(q_func), .q_word0_i(q_word0), .q_mask0_i(q_mask0),
    .q_two_i(q_two), .q_word1_i(q_word1), .q_mask1_i(q_mask1), .q_pop_o(q_pop),
    .rpt_req_i(rpt_req), .rpt_addr_i(rpt_addr), .rpt_ack_o(rpt_ack),
    .rpt_rsp_valid_o(rpt_rsp_valid), .rpt_rsp_data_o(rpt_rsp_data),
    .dma_req_i(dma_req), .dma_pair_i(dma_pair), .dma_odd_i(dma_odd), .dma_ack_o(dma_ack),
    .dma_rsp_valid_o(dma_rsp_valid), .dma_rsp_data_o(dma_rsp_data), .dma_rsp_odd_o(dma_rsp_odd),
    .mark_busy_o(mark_busy)
  );

  // ---------------------------------------------------------------- report by DMA
  dirty_track_report #(
    .NumFunctions(NumFunctions), .PagesPerFunc(PagesPerFunc), .AddrWidth(AddrWidth)
  ) u_report (
    .clk_i, .rst_ni,
    .start_i(hwif_out.REPORT_CTRL.start.value),
    .addr_i ({hwif_out.REPORT_ADDR_HI.addr.value, hwif_out.REPORT_ADDR_LO.addr.value}),
    .func_i (hwif_out.REPORT_FUNC.func.value),
    .first_i(hwif_out.REPORT_FIRST.first.value),
    .words_i(hwif_out.REPORT_WORDS.words.value),
    .busy_o(rep_busy), .done_o(report_done_o), .err_args_o(rep_err_args), .err_bus_o(rep_err_bus),
    .dma_req_o(dma_req), .dma_pair_o(dma_pair), .dma_odd_o(dma_odd), .dma_ack_i(dma_ack),
    .dma_rsp_valid_i(dma_rsp_valid), .dma_rsp_data_i(dma_rsp_data), .dma_rsp_odd_i(dma_rsp_odd),
    .m_axi_rep_awaddr, .m_axi_rep_awlen, .m_axi_rep_awsize, .m_axi_rep_awburst,
    .m_axi_rep_awvalid, .m_axi_rep_awready,
    .m_axi_rep_wdata, .m_axi_rep_wstrb, .m_axi_rep_wlast, .m_axi_rep_wvalid, .m_axi_rep_wready,
    .m_axi_rep_bresp, .m_axi_rep_bvalid, .m_axi_rep_bready
  );

  // ---------------------------------------------------------------- occupancy and quiesce
  // occ: writes accepted and not yet handed to the RMW pipeline (in S0..S6 or queued). The queue
  // holds at most occ entries, so occ <= QueueDepth means it never overflows.
  logic [OccW-1:0] occ_q, occ_d;

  assign occ_d = occ_q + OccW'(aw_hs) - OccW'(retire) - OccW'(q_pop);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      occ_q    <= '0;
      accept_q <= 1'b0;
    end else begin
      occ_q    <= occ_d;
      accept_q <= init_done && (occ_d < OccW'(QueueDepth));
    end
  end

  assign quiesced_o = init_done && (occ_q == '0) && !mark_busy && !aw_hs;

`ifndef SYNTHESIS
  // SVA that compare with the previous clock ($past, $stable, |=>) are off in the first clock
  // after a reset: a reset pulse may fall between two edges, where `disable iff` never sees it.
  logic sva_armed_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sva_armed_q <= 1'b0;
    end else begin
      sva_armed_q <= 1'b1;
    end
  end
  // The FUNC slot decode above relies on this layout of the generated map; the report by DMA reads
  // even/odd word pairs, so a function's bitmap must be an even number of words.
  initial begin
    if (PagesPerFunc < 2 * WordBits) begin
      $fatal(1, "dirty_track: PagesPerFunc must be >= 64 (two bitmap words per function)");
    end
    if (FuncBase != FuncCount * FuncStride || 2 * FuncBase != (1 << RegAddrW) ||
        FuncCount != MaxRegFunctions || (1 << SlotLsb) != FuncStride) begin
      $fatal(1, "dirty_track: FUNC slot layout of dirty_track_regs.rdl changed; update the decode");
    end
    // the bitmap window is decoded by one address bit: it must be the space's upper half
    if (BitmapBase != (1 << BitmapWindowBit) || BitmapBase + BitmapSize != SpaceSize ||
        SpaceSize != (1 << AxilAddrWidth) || 32'(Depth) * 4 > BitmapSize) begin
      $fatal(1, "dirty_track: bitmap window of dirty_track_space changed; update the decode");
    end
  end
  localparam int unsigned PayloadW = IdWidth + AddrWidth + 8 + 3 + 2 + FuncWidth;
  logic [PayloadW-1:0] s_payload, m_payload;
  assign s_payload = {s_axi_awid, s_axi_awaddr, s_axi_awlen, s_axi_awsize, s_axi_awburst, s_axi_awuser};
  assign m_payload = {m_axi_awid, m_axi_awaddr, m_axi_awlen, m_axi_awsize, m_axi_awburst, m_axi_awuser};

  // The write channel is never altered: AW out carries AW in's payload, handshakes coincide.
  a_aw_payload_equal: assert property (@(posedge clk_i) disable iff (!rst_ni)
    m_axi_awvalid |-> m_payload == s_payload);
  a_aw_handshake_together: assert property (@(posedge clk_i) disable iff (!rst_ni)
    (m_axi_awvalid && m_axi_awready) == (s_axi_awvalid && s_axi_awready));
  // AXI stability on the output, given a stable input (the input rule is checked too).
  a_aw_in_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    s_axi_awvalid && !s_axi_awready |=> s_axi_awvalid && $stable(s_payload));
  a_aw_out_stable: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    m_axi_awvalid && !m_axi_awready |=> m_axi_awvalid && $stable(m_payload));

  // Independent count of writes in flight (accepted, last mark not yet written / retired):
  // quiesced may be reported only when it is zero.
  logic [31:0] n_accepted_q, n_done_q;
  logic        w_last_mark;
  assign w_last_mark = u_rmw.w_valid_q && u_rmw.w_kind_q == OpMark && u_rmw.w_last_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      n_accepted_q <= '0;
      n_done_q     <= '0;
    end else begin
      n_accepted_q <= n_accepted_q + 32'(aw_hs);
      n_done_q     <= n_done_q + 32'(retire) + 32'(w_last_mark);
    end
  end
  a_quiesce_nothing_in_flight: assert property (@(posedge clk_i) disable iff (!rst_ni)
    quiesced_o |-> n_accepted_q == n_done_q && !addr_busy && q_count == '0);
  // The counters' write decode (AddrBadFuncCnt etc.) agrees with the register block's own decode:
  // a counter loads (its mirror's we is low) exactly one clock after the block took a write to it.
  a_cnt_load_bad_func: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    !cnt_we[0] == $past(u_regs.decoded_reg_strb.BAD_FUNC_CNT && u_regs.decoded_req_is_wr));
  a_cnt_load_access_viol: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
    !cnt_we[1] == $past(u_regs.decoded_reg_strb.ACCESS_VIOL_CNT && u_regs.decoded_req_is_wr));
  for (genvar f = 0; f < MaxRegFunctions; f++) begin : g_a_cnt_load_oor
    a_cnt_load_oor: assert property (@(posedge clk_i) disable iff (!rst_ni || !sva_armed_q)
      !cnt_we[2 + f] == $past(u_regs.decoded_reg_strb.FUNC[f].OOR_CNT && u_regs.decoded_req_is_wr));
  end
  // The queue is never pushed while full (occ bounds it): no mark is dropped at the queue.
  a_queue_no_drop: assert property (@(posedge clk_i) disable iff (!rst_ni)
    push |-> !q_full);
  a_occ_bounded: assert property (@(posedge clk_i) disable iff (!rst_ni)
    occ_q <= OccW'(QueueDepth) && 32'(q_count) <= 32'(occ_q));
`endif

endmodule
