// Storage of the per-function registers (FUNC[f] in bat_clat_regs.rdl, declared `external` there
// so that the generated block has no flops for them). Sized by NumFunctions: the map has room for
// 64 functions, but only NumFunctions blocks exist; the access-control shim refuses the others.
//
// A write is registered first (wr_q) and applied one cycle later; in that cycle the invalidation it
// raises (reconfiguration writes BAT_BASE_*, BAT_ENTRIES, CTRL, and INVAL.go) is driven from the
// registered write, so the configuration changes in exactly the cycle the invalidation takes effect:
// every request that saw the old configuration is marked stale together with the change (see
// bat_clat_xlate), and the invalidation logic starts from flops (timing).
module bat_clat_func_regs
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions = 8,
  parameter int unsigned BatEntries   = 16
) (
  input  logic                              clk_i,
  input  logic                              rst_ni,
  // From the register shim (one request at a time; func_i is registered there).
  input  logic                              req_i,
  input  logic [FuncIdxFullWidth-1:0]       func_i,
  input  logic [FuncOffWidth-1:0]           addr_i,
  input  logic                              req_is_wr_i,
  input  logic [31:0]                       wr_data_i,
  input  logic [31:0]                       wr_biten_i,
  output logic                              rd_ack_o,
  output logic [31:0]                       rd_data_o,
  output logic                              wr_ack_o,
  // Configuration for the translation engine.
  output logic [NumFunctions-1:0][HostAddrWidth-1:0] bat_base_o,
  // min(BAT_ENTRIES, BatEntries) per function: the register checks' service limit, made when
  // BAT_ENTRIES is written (timing: no compare between these flops and the request cycle)
  output logic [NumFunctions-1:0][$clog2(BatEntries + 1)-1:0]  svc_limit_o,
  output logic [NumFunctions-1:0]                    enable_o,
  output inval_t                                     inval_o,
  input  logic                                       inval_done_i
);

  localparam int unsigned FuncIdxWidth = (NumFunctions > 1) ? $clog2(NumFunctions) : 1;

  logic [NumFunctions-1:0][HostAddrWidth-1:0] bat_base_q;
  localparam int unsigned SvcLimWidth = $clog2(BatEntries + 1);  // 0..BatEntries
  logic [NumFunctions-1:0][7:0]               bat_entries_q;
  logic [NumFunctions-1:0][SvcLimWidth-1:0]   svc_limit_q;
  logic [NumFunctions-1:0]                    enable_q;
  logic [NumFunctions-1:0][1:0]               inval_scope_q;
  logic [NumFunctions-1:0][7:0]               inval_service_q;

  // The request is registered on entry (timing: the shim's flops do not drive the 8-way register
  // selection and the byte merge directly); every access takes one more clock, which the shim
  // waits for like any other.
  logic                        req_q, is_wr_q;
  logic [FuncIdxFullWidth-1:0] func_q;
  logic [FuncOffWidth-1:0]     addr_q;
  logic [31:0]                 wdata_q, biten_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      req_q   <= 1'b0;
      is_wr_q <= 1'b0;
      func_q  <= '0;
      addr_q  <= '0;
      wdata_q <= '0;
      biten_q <= '0;
    end else begin
      req_q   <= req_i;
      is_wr_q <= req_is_wr_i;
      func_q  <= func_i;
      addr_q  <= addr_i;
      wdata_q <= wr_data_i;
      biten_q <= wr_biten_i;
    end
  end

  // The addressed function. A request for a block >= NumFunctions never gets here (the shim
  // refuses it); it would still be acknowledged, reading 0 and writing nothing.
  logic                    any_req, in_range;
  logic [FuncIdxWidth-1:0] fidx;
  assign in_range = 32'(func_q) < NumFunctions;
  assign fidx     = in_range ? FuncIdxWidth'(func_q) : '0;
  assign any_req  = req_q;

  logic wr, rd;
  assign wr = any_req && in_range && is_wr_q;
  assign rd = any_req && !is_wr_q;

  function automatic logic [31:0] merge(logic [31:0] old, logic [31:0] data, logic [31:0] biten);
    return (old & ~biten) | (data & biten);
  endfunction

  // Current value of the addressed writable register (merge base for byte enables). INVAL_STATUS
  // is added only on the readback path, so that `done` never feeds the invalidation it reports.
  logic [31:0] cur_word, rd_word;
  always_comb begin
    cur_word = '0;
    unique case (addr_q)
      FOffBatBaseLo:   cur_word = bat_base_q[fidx][31:0];
      FOffBatBaseHi:   cur_word = bat_base_q[fidx][63:32];
      FOffBatEntries:  cur_word = {24'd0, bat_entries_q[fidx]};
      FOffCtrl:        cur_word = {31'd0, enable_q[fidx]};
      FOffInval:       cur_word = {8'd0, inval_service_q[fidx], 13'd0, inval_scope_q[fidx], 1'b0};
      default:         cur_word = '0;
    endcase
  end

  assign rd_word = (addr_q == FOffInvalStatus) ? {31'd0, inval_done_i} : cur_word;

  logic [31:0] new_word;
  assign new_word = merge(cur_word, wdata_q, biten_q);

  // Registered write (one access at a time, so the next one cannot arrive before it is applied).
  logic                    wr_q, wr_go_q;
  logic [FuncIdxWidth-1:0] wr_fidx_q;
  logic [FuncOffWidth-1:0] wr_addr_q;
  logic [31:0]             wr_word_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wr_q      <= 1'b0;
      wr_go_q   <= 1'b0;
      wr_fidx_q <= '0;
      wr_addr_q <= '0;
      wr_word_q <= '0;
    end else begin
      wr_q      <= wr;
      wr_go_q   <= wdata_q[InvalGoBit] && biten_q[InvalGoBit];
      wr_fidx_q <= fidx;
      wr_addr_q <= addr_q;
      wr_word_q <= new_word;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      bat_base_q      <= '0;
      bat_entries_q   <= '0;
      svc_limit_q     <= '0;
      enable_q        <= '0;
      inval_scope_q   <= '0;
      inval_service_q <= '0;
    end else if (wr_q) begin
      unique case (wr_addr_q)
        FOffBatBaseLo:  bat_base_q[wr_fidx_q][31:0] <= wr_word_q;
        FOffBatBaseHi:  bat_base_q[wr_fidx_q][63:32] <= wr_word_q;
        FOffBatEntries: begin
          bat_entries_q[wr_fidx_q] <= wr_word_q[7:0];
          svc_limit_q[wr_fidx_q]   <= (32'(wr_word_q[7:0]) < BatEntries) ?
                                      SvcLimWidth'(wr_word_q[7:0]) : SvcLimWidth'(BatEntries);
        end
        FOffCtrl:       enable_q[wr_fidx_q] <= wr_word_q[0];
        FOffInval: begin
          inval_scope_q[wr_fidx_q]   <= wr_word_q[InvalScopeLsb+:2];
          inval_service_q[wr_fidx_q] <= wr_word_q[InvalServiceLsb+:8];
        end
        default: ;
      endcase
    end
  end

  // Invalidation raised by the registered write, in the cycle the configuration changes.
  always_comb begin
    inval_o = '0;
    inval_o.func = FuncWidth'(wr_fidx_q);
    inval_o.service = wr_word_q[InvalServiceLsb+:8];
    inval_o.scope = ScopeFunc;
    if (wr_q) begin
      unique case (wr_addr_q)
        FOffBatBaseLo, FOffBatBaseHi, FOffBatEntries, FOffCtrl: inval_o.valid = 1'b1;
        FOffInval: begin
          inval_o.valid = wr_go_q;
          // A VF only invalidates its own tables: anything but "function+service" is "function".
          if (wr_word_q[InvalScopeLsb+:2] == ScopeService) inval_o.scope = ScopeService;
        end
        default: ;
      endcase
    end
  end

  // Acknowledge one cycle after the request (registered read data).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_ack_o  <= 1'b0;
      wr_ack_o  <= 1'b0;
      rd_data_o <= '0;
    end else begin
      rd_ack_o  <= rd;
      wr_ack_o  <= any_req && is_wr_q;
      rd_data_o <= (rd && in_range) ? rd_word : '0;
    end
  end

  assign bat_base_o    = bat_base_q;
  assign svc_limit_o = svc_limit_q;
  assign enable_o      = enable_q;

endmodule
