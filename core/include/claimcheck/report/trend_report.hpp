// SPDX-License-Identifier: MIT
// Writers of `claimcheck trend` results: text, Markdown, CSV and JSON, all
// from one trend_result (trends.hpp). The SVG chart is in svg_chart.hpp.
//
// Example (Markdown, the article's own series of claims/waic-2023):
//   ## gpt3_training_cost: cost to train GPT-3, as the article states it (USD)
//
//   | date | value | interval | source | step | annualised | scope |
//   |---|---|---|---|---|---|---|
//   | 2020 | 4.5M USD | [4.45M, 4.55M] USD | gpt3.cost_2020 [1] |  |  | full-training |
//   | 2022 | 450k USD | [445k, 455k] USD | gpt3.cost_2022 [1] | ×0.1 (-90%) | ×0.316/yr [0.0983, 0.467] | full-training |
//   | 2023-06 | 20k USD | [15k, 25k] USD | coreweave.cost [1] | ×0.0444 (-95.6%) | ×0.0383/yr [2.75e-4, 0.145] | mlperf-benchmark |
//
//   **Fit:** ×0.178/yr [0.0935, 0.292], halving every 0.401 yr [0.292, 0.563], R² 0.919 (3 points)
//
//   - **warning** `trend.mixed_scope` series 'gpt3_training_cost' mixes scopes ...
//
//   [1] 30余款大模型同臺競技 ... — 觀察者網, 2023-07-08
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "claimcheck/report/format.hpp"
#include "claimcheck/trends.hpp"

namespace claimcheck::report {

std::string trend_report_text(const trend_result& r);
std::string trend_report_markdown(const trend_result& r);
// One row per point and one per fit ("record" column: point | fit), numbers
// in the series' unit written so that they read back exactly; an unbounded
// bound is "inf".
std::string trend_report_csv(const trend_result& r);
// {"report": "trend", "series": [...], "problems": [...]}; numbers in the
// series' unit (named beside them), an unbounded bound is null.
std::string trend_report_json(const trend_result& r);

std::string trend_report(const trend_result& r, output_format format);

// Short forms shared with the chart: "x0.1 (-90%)", "x0.316/yr",
// "x0.0707 per year, halving every 0.26 yr, R² 0.97".
std::string describe_change(const step_rate& s);
std::string describe_annual(const step_rate& s);
std::string describe_fit(const log_fit& f);

// The footnotes of a series: its points' sources (title, publisher, date,
// URL) and, for derived points, what they are computed from; numbered from
// 1 in date order of first use.
struct series_footnotes {
  std::vector<std::string> notes;               // notes[k] is footnote k + 1
  std::vector<std::vector<std::size_t>> marks;  // per point: its footnote numbers
};
series_footnotes footnotes_of(const series_trend& t);

}  // namespace claimcheck::report
