// Shared constants and types of the dirty-write tracking block (dirty_track).
package dirty_track_pkg;

  // Function number width on AWUSER / AxUSER (PCIe function: 0 = PF, others VFs).
  localparam int unsigned FuncWidth = 8;
  // Function slots in the register map (FUNC[8] in dirty_track_regs.rdl): NumFunctions <= this.
  localparam int unsigned MaxRegFunctions = 8;

  // Bitmap RAM word: one bit per page; 32 bits maps onto DP16KD's 36-bit pseudo-dual-port mode.
  localparam int unsigned WordBits = 32;
  localparam int unsigned WordSelW = 5;  // log2(WordBits): page index bits inside a word

  // Page sizes: 4 KiB << code, code 0..9 (4 KiB .. 2 MiB). Codes above MaxPageCode act as it.
  localparam int unsigned MinPageShift = 12;
  localparam int unsigned NumPageSizes = 10;
  localparam int unsigned PageCodeW = 4;
  localparam logic [PageCodeW-1:0] MaxPageCode = PageCodeW'(NumPageSizes - 1);

  // AXI4 burst types (FIXED = 2'b00 and WRAP = 2'b10 mark only the page of AWADDR).
  localparam logic [1:0] BurstIncr = 2'b01;
  localparam logic [1:0] BurstReserved = 2'b11;  // treated as INCR (covers the most bytes)

  // AXI4-Lite register slave: 20-bit byte address; bit 19 set selects the bitmap window
  // (read-and-clear, word (f * WordsPerFunc + w) at 0x80000 + 4 * that), otherwise the
  // generated register block, which decodes RegAddrW bits. Both numbers come from the generated
  // space (dirty_track_space in dirty_track_regs.rdl: SpaceSize, BitmapBase); dirty_track.sv
  // checks at elaboration that the window is the space's upper half, as this decode assumes.
  localparam int unsigned AxilAddrWidth = $clog2(dirty_track_reg_addr_pkg::SpaceSize);
  localparam int unsigned BitmapWindowBit = $clog2(dirty_track_reg_addr_pkg::BitmapBase);
  localparam int unsigned RegAddrW = 9;  // dirty_track_regs_pkg::DIRTY_TRACK_REGS_MIN_ADDR_WIDTH
  // Register addresses (the count registers, the FUNC slots) come from dirty_track_reg_addr_pkg,
  // generated from dirty_track_regs.rdl; dirty_track's SVA checks its decode of the count
  // registers against the register block's.

  // Operations in the bitmap read-modify-write pipeline.
  typedef enum logic [1:0] {
    OpMark   = 2'd0,  // OR a page mask into a word (a logged DMA write)
    OpReport = 2'd1,  // return a word and clear it (report-and-clear read)
    OpInit   = 2'd2,  // clear a word after reset
    OpDmaRpt = 2'd3   // return an even/odd pair of words and clear them (report by DMA)
  } op_kind_e;

  // Report by DMA: the AXI4 write master's data beat (two bitmap words), burst length limit
  // (beats; bursts also end at every 4 KiB boundary) and the report data FIFO's depth.
  localparam int unsigned RepDataW = 64;
  localparam int unsigned RepMaxBeats = 16;
  localparam int unsigned RepFifoDepth = 16;

endpackage
