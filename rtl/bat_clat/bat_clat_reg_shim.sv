// Access control in front of the generated register block. The register port carries the
// accessing function on AWUSER/ARUSER. Global registers (< 0x100) are the PF's only; function f's
// block may be accessed by f and by the PF; blocks of functions >= NumFunctions by nobody. A
// refused access gets SLVERR, never reaches the register block (so it changes nothing and a read
// returns 0) and increments the violation counter.
//
// One access at a time: the shim takes a read or a complete write (AW and W together), forwards it
// or refuses it, and returns the response before taking the next. Register traffic is slow
// control-path traffic, and serializing keeps the violation count and the checks trivially exact.
module bat_clat_reg_shim
  import bat_clat_pkg::*;
#(
  parameter int unsigned NumFunctions = 8
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  // Slave side (from the system).
  input  logic [RegAddrWidth-1:0] s_awaddr_i,
  input  logic [2:0]              s_awprot_i,
  input  logic                    s_awvalid_i,
  output logic                    s_awready_o,
  input  logic [FuncWidth-1:0]    s_awuser_i,
  input  logic [31:0]             s_wdata_i,
  input  logic [3:0]              s_wstrb_i,
  input  logic                    s_wvalid_i,
  output logic                    s_wready_o,
  output logic [1:0]              s_bresp_o,
  output logic                    s_bvalid_o,
  input  logic                    s_bready_i,
  input  logic [RegAddrWidth-1:0] s_araddr_i,
  input  logic [2:0]              s_arprot_i,
  input  logic                    s_arvalid_i,
  output logic                    s_arready_o,
  input  logic [FuncWidth-1:0]    s_aruser_i,
  output logic [31:0]             s_rdata_o,
  output logic [1:0]              s_rresp_o,
  output logic                    s_rvalid_o,
  input  logic                    s_rready_i,
  // Master side (to the generated register block).
  output logic [RegAddrWidth-1:0] m_awaddr_o,
  output logic [2:0]              m_awprot_o,
  output logic                    m_awvalid_o,
  input  logic                    m_awready_i,
  output logic [31:0]             m_wdata_o,
  output logic [3:0]              m_wstrb_o,
  output logic                    m_wvalid_o,
  input  logic                    m_wready_i,
  input  logic [1:0]              m_bresp_i,
  input  logic                    m_bvalid_i,
  output logic                    m_bready_o,
  output logic [RegAddrWidth-1:0] m_araddr_o,
  output logic [2:0]              m_arprot_o,
  output logic                    m_arvalid_o,
  input  logic                    m_arready_i,
  input  logic [31:0]             m_rdata_i,
  input  logic [1:0]              m_rresp_i,
  input  logic                    m_rvalid_i,
  output logic                    m_rready_o,
  // Refused accesses (saturating).
  output logic [31:0]             violations_o
);

  typedef enum logic [2:0] {
    ShIdle,
    ShWrFwd,   // AW/W presented to the register block
    ShWrResp,  // waiting for / passing through its B
    ShWrErr,   // refused write: own SLVERR B
    ShRdFwd,
    ShRdResp,
    ShRdErr
  } shim_state_e;

  shim_state_e state_q, state_d;
  logic [RegAddrWidth-1:0] addr_q;
  logic [2:0]  prot_q;
  logic [31:0] wdata_q;
  logic [3:0]  wstrb_q;
  logic        aw_done_q, w_done_q;
  logic        prefer_rd_q;  // alternate reads and writes when both wait
  logic [31:0] violations_q;

  function automatic logic access_ok(logic [RegAddrWidth-1:0] addr, logic [FuncWidth-1:0] user);
    logic [RegAddrWidth-1:0] target;
    target = (addr - FuncBlockBase) >> FuncBlockShift;
    if (addr < FuncBlockBase) return user == '0;  // global registers: PF only
    return (32'(target) < NumFunctions) && (user == '0 || 32'(user) == 32'(target));
  endfunction

  logic take_rd, take_wr, ok_rd, ok_wr;
  assign take_rd = (state_q == ShIdle) && s_arvalid_i &&
                   (prefer_rd_q || !(s_awvalid_i && s_wvalid_i));
  assign take_wr = (state_q == ShIdle) && s_awvalid_i && s_wvalid_i && !take_rd;
  assign ok_rd = access_ok(s_araddr_i, s_aruser_i);
  assign ok_wr = access_ok(s_awaddr_i, s_awuser_i);

  assign s_arready_o = take_rd;
  assign s_awready_o = take_wr;
  assign s_wready_o  = take_wr;

  // Forwarded transaction.
  assign m_awaddr_o  = addr_q;
  assign m_awprot_o  = prot_q;
  assign m_awvalid_o = (state_q == ShWrFwd) && !aw_done_q;
  assign m_wdata_o   = wdata_q;
  assign m_wstrb_o   = wstrb_q;
  assign m_wvalid_o  = (state_q == ShWrFwd) && !w_done_q;
  assign m_araddr_o  = addr_q;
  assign m_arprot_o  = prot_q;
  assign m_arvalid_o = (state_q == ShRdFwd);

  // Responses: pass the block's through, or our own SLVERR.
  assign s_bvalid_o = (state_q == ShWrResp && m_bvalid_i) || (state_q == ShWrErr);
  assign s_bresp_o  = (state_q == ShWrErr) ? AxiRespSlvErr : m_bresp_i;
  assign m_bready_o = (state_q == ShWrResp) && s_bready_i;
  assign s_rvalid_o = (state_q == ShRdResp && m_rvalid_i) || (state_q == ShRdErr);
  assign s_rresp_o  = (state_q == ShRdErr) ? AxiRespSlvErr : m_rresp_i;
  assign s_rdata_o  = (state_q == ShRdResp) ? m_rdata_i : '0;
  assign m_rready_o = (state_q == ShRdResp) && s_rready_i;

  logic aw_done_d, w_done_d;
  always_comb begin
    state_d   = state_q;
    aw_done_d = aw_done_q;
    w_done_d  = w_done_q;
    unique case (state_q)
      ShIdle: begin
        aw_done_d = 1'b0;
        w_done_d  = 1'b0;
        if (take_rd) state_d = ok_rd ? ShRdFwd : ShRdErr;
        else if (take_wr) state_d = ok_wr ? ShWrFwd : ShWrErr;
      end
      ShWrFwd: begin
        aw_done_d = aw_done_q || m_awready_i;
        w_done_d  = w_done_q || m_wready_i;
        if (aw_done_d && w_done_d) state_d = ShWrResp;
      end
      ShWrResp: if (m_bvalid_i && s_bready_i) state_d = ShIdle;
      ShWrErr:  if (s_bready_i) state_d = ShIdle;
      ShRdFwd:  if (m_arready_i) state_d = ShRdResp;
      ShRdResp: if (m_rvalid_i && s_rready_i) state_d = ShIdle;
      ShRdErr:  if (s_rready_i) state_d = ShIdle;
      default:  state_d = ShIdle;
    endcase
  end

  logic violation;
  assign violation = (take_rd && !ok_rd) || (take_wr && !ok_wr);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q      <= ShIdle;
      addr_q       <= '0;
      prot_q       <= '0;
      wdata_q      <= '0;
      wstrb_q      <= '0;
      aw_done_q    <= 1'b0;
      w_done_q     <= 1'b0;
      prefer_rd_q  <= 1'b0;
      violations_q <= '0;
    end else begin
      state_q   <= state_d;
      aw_done_q <= aw_done_d;
      w_done_q  <= w_done_d;
      if (take_rd) begin
        addr_q      <= s_araddr_i;
        prot_q      <= s_arprot_i;
        prefer_rd_q <= 1'b0;
      end else if (take_wr) begin
        addr_q      <= s_awaddr_i;
        prot_q      <= s_awprot_i;
        wdata_q     <= s_wdata_i;
        wstrb_q     <= s_wstrb_i;
        prefer_rd_q <= 1'b1;
      end
      if (violation && violations_q != '1) violations_q <= violations_q + 32'd1;
    end
  end

  assign violations_o = violations_q;

`ifndef SYNTHESIS
  // A refused access never reaches the register block.
  a_refused_not_forwarded: assert property (@(posedge clk_i) disable iff (!rst_ni)
    (state_q inside {ShWrErr, ShRdErr}) |-> !(m_awvalid_o || m_wvalid_o || m_arvalid_o));
  a_bresp_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s_bvalid_o && !s_bready_i |=> s_bvalid_o && $stable(s_bresp_o));
  a_rresp_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    s_rvalid_o && !s_rready_i |=> s_rvalid_o && $stable(s_rresp_o) && $stable(s_rdata_o));
`endif

endmodule
