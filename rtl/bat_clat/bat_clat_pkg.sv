// Types, status codes and constants shared by the BAT/CLAT translation unit (docs/bat_clat.md).
package bat_clat_pkg;

  // Response status codes (contract: rsp_status_o, 4 bits).
  localparam int unsigned StatusWidth = 4;
  typedef enum logic [StatusWidth-1:0] {
    StOk           = 4'd0,
    StFuncInvalid  = 4'd1,  // function >= NumFunctions or not enabled (no memory read)
    StServiceRange = 4'd2,  // service >= the function's BAT_ENTRIES (no memory read)
    StBatInvalid   = 4'd3,  // BAT entry valid bit clear or log2 block size outside 12..32
    StBlockRange   = 4'd4,  // block index >= the CLAT's entry count
    StClatInvalid  = 4'd5,  // CLAT entry valid bit clear
    StBusError     = 4'd6,  // an AXI read for the request returned SLVERR/DECERR
    StMissLimit    = 4'd7   // a miss while its function already holds MaxMissesPerFunc misses
  } status_e;
  localparam int unsigned NumErrKinds = 7;  // status codes 1..7, one counter each

  // Fixed field widths of the request/response streams and of host memory.
  localparam int unsigned FuncWidth = 8;
  localparam int unsigned ServiceWidth = 8;
  localparam int unsigned HostAddrWidth = 64;
  localparam int unsigned AxiDataWidth = 64;
  localparam int unsigned MaxFunctions = 64;  // the register map has room for 64 blocks
  localparam int unsigned FuncIdxFullWidth = 6;  // $clog2(MaxFunctions)

  // Table formats (little-endian 64-bit words).
  localparam int unsigned BatEntryBytesLog2 = 4;   // a BAT entry is 16 bytes
  localparam int unsigned ClatEntryBytesLog2 = 3;  // a CLAT entry is 8 bytes
  localparam int unsigned PageBits = 12;           // CLAT block addresses are 4 KiB aligned
  localparam int unsigned Log2BlockMin = 12;
  localparam int unsigned Log2BlockMax = 32;
  localparam int unsigned BatW1ValidBit = 63;
  localparam int unsigned BatW1Log2Lsb = 32;
  localparam int unsigned Log2Width = 6;           // log2_block_size field, word 1 bits 37:32
  localparam int unsigned ClatEntriesWidth = 32;   // clat_entries field, word 1 bits 31:0
  localparam int unsigned ClatValidBit = 0;
  localparam int unsigned InBlockWidth = Log2BlockMax;  // offset within a block (< 4 GiB)

  // A BAT entry as the translation engine keeps it (BAT cache line data, post-processing stage):
  // word 1 (CLAT base, 8-byte aligned) and the decoded word-0 fields.
  typedef struct packed {
    logic [HostAddrWidth-1:ClatEntryBytesLog2] clat_base;
    logic [ClatEntriesWidth-1:0]               clat_entries;
    logic [Log2Width-1:0]                      log2;
    logic                                      usable;  // valid bit set and log2 in 12..32
  } bat_data_t;

  function automatic bat_data_t decode_bat(logic [HostAddrWidth-1:ClatEntryBytesLog2] clat_base,
                                           logic [AxiDataWidth-1:0] w1);
    bat_data_t d;
    d.clat_base    = clat_base;
    d.clat_entries = w1[ClatEntriesWidth-1:0];
    d.log2         = w1[BatW1Log2Lsb+:Log2Width];
    d.usable       = w1[BatW1ValidBit] && (32'(d.log2) >= Log2BlockMin) &&
                     (32'(d.log2) <= Log2BlockMax);
    return d;
  endfunction

  // A CLAT return's response: BUS_ERROR if the read failed (err), else the word's valid bit
  // decides; the block address is zero unless the status is OK (the output adds the offset).
  function automatic status_e clat_status(logic err, logic [AxiDataWidth-1:0] w);
    return err ? StBusError : (w[ClatValidBit] ? StOk : StClatInvalid);
  endfunction
  function automatic logic [HostAddrWidth-1:0] clat_addr(logic err, logic [AxiDataWidth-1:0] w);
    return (!err && w[ClatValidBit]) ? {w[HostAddrWidth-1:PageBits], PageBits'(0)} : '0;
  endfunction

  // Bundles between the translation engine's units whose widths take no parameter (the others
  // are declared in bat_clat_xlate, where the parameters are, and handed to the units as types).
  // The BAT and CLAT caches' request-cycle compares, registered, for S1 (bat_clat_caches ->
  // bat_clat_lookup).
  typedef struct packed {
    logic      bat_hit;       // BAT line valid, tag matches
    logic      bat_go;        // BAT line usable and offset in range
    logic      block_ok;      // offset below the BAT line's limit
    bat_data_t bdata;         // the BAT line's data
    logic      clat_hit;
    logic      centry_valid;  // the CLAT line's entry valid bit
  } s1_look_t;

  // A CLAT return's response towards the miss response register (bat_clat_rchan -> bat_clat_rsp).
  typedef struct packed {
    logic                     was_stale;  // its entry was already stale (registered bit)
    status_e                  status;
    logic [HostAddrWidth-1:0] addr;       // block address (the offset is added on the output)
  } clat_ret_t;

  // Invalidation request: scope codes as in INVAL_CTRL / FUNC[f].INVAL.
  typedef enum logic [1:0] {
    ScopeAll     = 2'd0,
    ScopeFunc    = 2'd1,
    ScopeService = 2'd2,
    ScopeAllAlt  = 2'd3  // reserved encoding, treated as "all" (the safe choice)
  } inval_scope_e;

  typedef struct packed {
    logic                    valid;
    inval_scope_e            scope;
    logic [FuncWidth-1:0]    func;
    logic [ServiceWidth-1:0] service;
  } inval_t;

  // The invalidation command as the translation engine registers it (bat_clat_xlate: one clock
  // after inval_t, predecoded so that its compares start from flops; timing).
  typedef struct packed {
    logic                    valid;      // any scope
    logic                    all;        // valid, scope "all"
    logic                    fs;         // valid, scope "function" or "function+service"
    logic                    func_only;  // scope "function"
    logic                    f_fit;      // func < 2**FuncIdxWidth (can match a cache tag)
    logic                    s_fit;      // service < 2**SvcIdxWidth
    logic [FuncWidth-1:0]    func;
    logic [ServiceWidth-1:0] service;
  } inv_t;

  // Whether the registered invalidation `iv` covers cached/in-flight data of (func, service):
  // scope "all" covers everything, "function" every service of iv.func, "function+service" one
  // (function, service) pair. (iv.valid is implied by iv.all / iv.fs; the cache-tag form,
  // inv_covers_tag(), is in bat_clat_caches.)
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic inv_covers(inv_t iv, logic [FuncWidth-1:0] func,
                                      logic [ServiceWidth-1:0] service);
    return iv.all || (iv.fs && func == iv.func && (iv.func_only || service == iv.service));
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // Miss-table entry states, one-hot (timing: every "entry is in state X" test is one flop, see
  // in_st()).
  typedef enum logic [7:0] {
    MsFree     = 8'b0000_0001,
    MsBatReq   = 8'b0000_0010,  // BAT read to issue
    MsBatWait  = 8'b0000_0100,  // BAT read issued (AR queued or outstanding)
    MsBatData  = 8'b0000_1000,  // BAT data at hand (from the BAT cache), waiting for the bp stage
    MsBatProc  = 8'b0001_0000,  // BAT data in the post-processing stage this cycle
    MsClatReq  = 8'b0010_0000,  // CLAT read to issue
    MsClatWait = 8'b0100_0000,  // CLAT read issued
    MsDone     = 8'b1000_0000   // response computed, waiting for the miss response register
  } miss_state_e;

  // State test on the one-hot encoding: `states` is one state or an OR of several.
  function automatic logic in_st(miss_state_e st, logic [7:0] states);
    return |(st & states);
  endfunction

  // Truth table of a count threshold over per-entry bits (timing: a LUT function of flops instead
  // of a popcount adder chain and a compare): count_below_tbl(bits, k)[v] = fewer than k of v's
  // bits set, for the first `bits` values of v (bits <= 256).
  function automatic logic [255:0] count_below_tbl(int unsigned bits, int unsigned k);
    logic [255:0] t;
    t = '0;
    for (int unsigned v = 0; v < bits; v++) t[v] = ($countones(v) < k);
    return t;
  endfunction

  // AXI4 constants.
  localparam logic [1:0] AxiBurstIncr = 2'b01;
  localparam logic [2:0] AxiSize8B = 3'd3;
  localparam logic [7:0] AxiLenBat = 8'd1;   // BAT entry: one 2-beat burst
  localparam logic [7:0] AxiLenClat = 8'd0;  // CLAT entry: one beat
  localparam logic [1:0] AxiRespSlvErr = 2'b10;

  // Register map (offsets within the 12-bit register space), from the SystemRDL map
  // (gen/bat_clat_reg_addr_pkg.sv): the FUNC[f] blocks and the registers inside one.
  localparam int unsigned RegAddrWidth = 12;
  localparam logic [RegAddrWidth-1:0] FuncBlockBase = RegAddrWidth'(bat_clat_reg_addr_pkg::FuncBase);
  localparam int unsigned FuncBlockShift = $clog2(bat_clat_reg_addr_pkg::FuncStride);  // 0x20 bytes per function
  localparam int unsigned FuncOffWidth = FuncBlockShift;
  localparam logic [FuncOffWidth-1:0] FOffBatBaseLo = FuncOffWidth'(bat_clat_reg_addr_pkg::OffFuncBatBaseLo);
  localparam logic [FuncOffWidth-1:0] FOffBatBaseHi = FuncOffWidth'(bat_clat_reg_addr_pkg::OffFuncBatBaseHi);
  localparam logic [FuncOffWidth-1:0] FOffBatEntries = FuncOffWidth'(bat_clat_reg_addr_pkg::OffFuncBatEntries);
  localparam logic [FuncOffWidth-1:0] FOffCtrl = FuncOffWidth'(bat_clat_reg_addr_pkg::OffFuncCtrl);
  localparam logic [FuncOffWidth-1:0] FOffInval = FuncOffWidth'(bat_clat_reg_addr_pkg::OffFuncInval);
  localparam logic [FuncOffWidth-1:0] FOffInvalStatus = FuncOffWidth'(bat_clat_reg_addr_pkg::OffFuncInvalStatus);
  // INVAL_CTRL / INVAL field positions.
  localparam int unsigned InvalGoBit = 0;
  localparam int unsigned InvalScopeLsb = 1;
  // (INVAL_CTRL.func is bits 15:8; only the generated block decodes it.)
  localparam int unsigned InvalServiceLsb = 16;

  // Counter events reported by the translation engine (one per response written).
  typedef struct packed {
    logic    valid;
    status_e status;
    logic    hit;   // answered without any memory read
    logic    miss;  // needed at least one memory read
  } rsp_event_t;

endpackage
