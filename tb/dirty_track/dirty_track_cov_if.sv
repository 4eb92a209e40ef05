// Functional-coverage interface of dirty_track (simulation only: listed in the manifest's `sources`,
// not in `synth_sources`). Bound into every dirty_track instance by the `bind` below, it turns the
// RMW pipeline's internal state into named, decoded booleans that tb/dirty_track/env/coverage.py
// samples every clock as `<dut>.u_cov_if.<signal>`.
//
// Why a bound module: the RTL's internal names (u_rmw.w_fwd1_q, ...) and its operation enum
// (dirty_track_pkg::op_kind_e) appear here, in one place the simulator elaborates. Renaming one of
// them in the RTL breaks the simulation build with an error naming the signal, instead of silently
// leaving a coverage bin empty; the Python side needs no copy of the enum values, and it looks
// every signal of this interface up once at start-up (a missing one is an error there too).
//
// The signals (all sampled at a rising edge, meaningful while rst_ni is high), docs/dirty_track.md
// "Bitmap read-modify-write pipeline":
//   report_forwarded    a report-and-clear is in stage W and its old word is forwarded from the RAM
//                       write of the clock before or the one before that (a mark of the same word
//                       just ahead of it: the report must return that mark)
//   mark_behind_report  a report-and-clear is in stage W and a mark of the same word is in stage D
//                       right behind it (the mark must survive the clear)
//   dma_report_forwarded, mark_behind_dma_report  the same for a report by DMA (a pair of words)
module dirty_track_cov_if (
  input  logic rst_ni,
  // decoded in the bind below, from the RMW pipeline's stage registers
  input  logic w_report_i,     // stage W holds a report-and-clear
  input  logic w_dma_report_i, // stage W holds a report by DMA (a pair of words)
  input  logic w_forwarded_i,  // stage W's old word comes from one of the two previous RAM writes
  input  logic d_mark_i,       // stage D holds a mark
  input  logic d_same_word_i   // stages D and W address the same bitmap word
);
  // The coverage signals: internal, read by name from Python (a bound instance has no one to drive
  // outputs to), so nothing in the design reads them.
  /* verilator lint_off UNUSEDSIGNAL */
  logic report_forwarded, mark_behind_report, dma_report_forwarded, mark_behind_dma_report;
  /* verilator lint_on UNUSEDSIGNAL */
  assign dma_report_forwarded   = rst_ni && w_dma_report_i && w_forwarded_i;
  assign mark_behind_dma_report = rst_ni && w_dma_report_i && d_mark_i && d_same_word_i;
  assign report_forwarded   = rst_ni && w_report_i && w_forwarded_i;
  assign mark_behind_report = rst_ni && w_report_i && d_mark_i && d_same_word_i;
endmodule

bind dirty_track dirty_track_cov_if u_cov_if (
  .rst_ni,
  .w_report_i   (u_rmw.w_valid_q && u_rmw.w_kind_q == dirty_track_pkg::OpReport),
  .w_dma_report_i(u_rmw.w_valid_q && u_rmw.w_kind_q == dirty_track_pkg::OpDmaRpt),
  .w_forwarded_i(|(u_rmw.w_en_q & (u_rmw.w_fwd1_q | u_rmw.w_fwd2_q))),
  .d_mark_i     (u_rmw.d_valid_q && u_rmw.d_kind_q == dirty_track_pkg::OpMark),
  .d_same_word_i(|(u_rmw.w_en_q & u_rmw.d_en_q &
                   {u_rmw.d_baddr_q[1] == u_rmw.w_baddr_q[1], u_rmw.d_baddr_q[0] == u_rmw.w_baddr_q[0]}))
);
