// Shared types of the switch-board port configurator (docs/port_cfg.md is the contract).
package port_cfg_pkg;

  // Register map limits (rtl/port_cfg/port_cfg_regs.rdl): LANE[64], VSSB_LIMIT[16], VSSB_STATUS[16].
  localparam int unsigned MaxLanes = 64;
  localparam int unsigned MaxVssbs = 16;

  localparam int unsigned LanesPerQuad = 4;
  localparam int unsigned VssbW = 4;       // port_vssb_o: ids 0..15
  localparam int unsigned VssbFieldW = 5;  // LANE.vssb: one bit wider, so an out-of-range id is expressible
  localparam int unsigned CntW = 8;        // port counts, bandwidth (in lanes) and their limits
  localparam int unsigned LaneNumW = 8;    // STATUS.err_lane

  // Breakout mode of a quad (LANE.mode); a port's bandwidth is its width in lanes.
  typedef enum logic [1:0] {
    ModeNarrow = 2'd0,  // four 1-lane ports, on lanes 0, 1, 2, 3
    ModeDual   = 2'd1,  // two 2-lane ports, on lanes 0 and 2
    ModeWide   = 2'd2,  // one 4-lane port, on lane 0
    ModeRsvd   = 2'd3   // reserved: rejected
  } mode_e;

  // Commit result (STATUS.code). At the first offending lane, the lowest code that applies wins.
  typedef enum logic [3:0] {
    ErrOk           = 4'd0,
    ErrModeInvalid  = 4'd1,  // lane's mode field is reserved
    ErrModeMismatch = 4'd2,  // lane's mode differs from its quad's (lane 0's) mode
    ErrNotPortStart = 4'd3,  // lane enabled but not the first lane of a port in the quad's mode
    ErrVssbRange    = 4'd4,  // port's VSSB id >= NumVssbs
    ErrVssbSplit    = 4'd5,  // a lane of a multi-lane port carries another VSSB id than its first lane
    ErrPortLimit    = 4'd6,  // this enabled port takes its VSSB past VSSB_LIMIT.max_ports
    ErrBwLimit      = 4'd7   // this enabled port takes its VSSB past VSSB_LIMIT.max_bw
  } err_e;

  // One lane of the (shadow or candidate) configuration, as in the LANE register.
  typedef struct packed {
    logic                  en;
    mode_e                 mode;
    logic [VssbFieldW-1:0] vssb;
  } lane_cfg_t;

  // Width in lanes (= bandwidth units) of every port of a quad in `mode`; 0 for reserved.
  function automatic logic [2:0] port_width(mode_e mode);
    unique case (mode)
      ModeNarrow: port_width = 3'd1;
      ModeDual:   port_width = 3'd2;
      ModeWide:   port_width = 3'd4;
      default:    port_width = 3'd0;
    endcase
  endfunction

  // Is lane `off` of a quad in `mode` the first lane of a port?
  function automatic logic is_port_start(mode_e mode, logic [1:0] off);
    unique case (mode)
      ModeNarrow: is_port_start = 1'b1;
      ModeDual:   is_port_start = ~off[0];
      ModeWide:   is_port_start = (off == 2'd0);
      default:    is_port_start = 1'b0;
    endcase
  endfunction

  // Offset within the quad of the first lane of the port that lane `off` belongs to.
  function automatic logic [1:0] port_start_off(mode_e mode, logic [1:0] off);
    unique case (mode)
      ModeDual: port_start_off = {off[1], 1'b0};
      ModeWide: port_start_off = 2'd0;
      default:  port_start_off = off;
    endcase
  endfunction

endpackage
