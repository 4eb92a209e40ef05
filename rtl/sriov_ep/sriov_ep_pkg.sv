// Constants and completion status codes of the SR-IOV endpoint subsystem (docs/sriov_ep.md).
package sriov_ep_pkg;

  // Fixed field widths of the descriptor, completion and host-memory ports.
  localparam int unsigned FuncWidth     = 8;
  localparam int unsigned ServiceWidth  = 8;
  localparam int unsigned StatusWidth   = 4;
  localparam int unsigned HostAddrWidth = 64;
  localparam int unsigned DataWidth     = 64;
  localparam int unsigned StrbWidth     = DataWidth / 8;
  localparam int unsigned MaxRegFuncs   = 8;    // STOP/STOPPED bits and FUNC[] register slots

  // A piece lies inside one 4 KiB page of the offset space (the smallest BAT block).
  localparam int unsigned PageBits  = 12;
  localparam int unsigned PageBytes = 1 << PageBits;
  localparam int unsigned PieceLenW = PageBits + 1;  // a piece's length, 1..4096 bytes (0: none)
  // Beats of one piece: (offset mod 8 + len + 7) / 8 <= 513.
  localparam int unsigned BeatCntW  = 10;

  // Completion status codes (cpl_status_o). 1..6 are bat_clat's translation statuses unchanged;
  // 7 (bat_clat's MISS_LIMIT) is re-asked by the engine and never completes a descriptor.
  typedef enum logic [StatusWidth-1:0] {
    CplOk           = 4'd0,
    CplFuncInvalid  = 4'd1,
    CplServiceRange = 4'd2,
    CplBatInvalid   = 4'd3,
    CplBlockRange   = 4'd4,
    CplClatInvalid  = 4'd5,
    CplBusError     = 4'd6,
    CplMissLimit    = 4'd7,
    CplWriteError   = 4'd8,
    CplLenInvalid   = 4'd9,
    CplStopped      = 4'd10
  } cpl_status_e;

  // AXI IDs on the shared host-memory write port (docs/sriov_ep.md "Host-memory write
  // arbitration").
  localparam int unsigned DmaAwId = 0;
  localparam int unsigned RepAwId = 1;

  localparam logic [1:0] AxiBurstIncr = 2'b01;
  localparam logic [2:0] AxiSize8     = 3'd3;

endpackage : sriov_ep_pkg
