// SPDX-License-Identifier: MIT
// The trend chart: one self-contained SVG document (no external fonts,
// scripts, styles or images) with one panel per series, stacked, because
// series differ in unit.
//
// Example: trend_chart_svg(compute_trends(dossiers)) draws, for the series
//   gpt3_training_cost (4.5M USD in 2020, 450k in 2022, 20k in 2023-06)
// a log-scale value axis ticked 10k, 100k, 1M, 10M with "USD (log scale)",
// a time axis ticked 2020, 2021, 2022, 2023, each point as a marker whose
// shape and colour say its scope (legend top right), a vertical error bar
// for its value interval (an arrow to the edge when the interval is open:
// "over 400" is [400, inf]), a horizontal bar for its date period (a whole
// year or month), its id and value as a label with footnote marks, the
// dashed fitted line with its rate in the legend, and the sources as
// numbered footnotes under the panel.
//
// Each drawn element carries a class, so that tests and style sheets can
// find it: panel, title, plot-area, axis value-axis, axis time-axis, tick,
// grid, point, marker, error-bar, date-bar, open-arrow, label, fit-line,
// legend, legend-entry, footnotes, footnote, warning.
#pragma once

#include <string>

#include "claimcheck/trends.hpp"

namespace claimcheck::report {

struct chart_options {
  int width = 960;        // px
  int plot_height = 420;  // px, of each panel's plot area
};

std::string trend_chart_svg(const trend_result& r, const chart_options& options = {});

// A tick label of the log axis: 1, 10, 100, 1k, 10k, 1M, ... (money: k, M,
// B, T as in format.hpp; other units: SI k M G T P E and m µ n below one).
std::string si_tick_label(double v, bool money);

}  // namespace claimcheck::report
