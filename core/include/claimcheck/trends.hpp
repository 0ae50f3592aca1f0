// SPDX-License-Identifier: MIT
// Trends: series of dated figures, the change between neighbours, and a
// log-linear fit of the whole series.
//
// Example (a series record of claims/waic-2023):
//   { "id": "gpt3_training_cost", "subject": "cost to train GPT-3",
//     "points": ["gpt3.cost_2020", "gpt3.cost_2022", "coreweave.cost"], "unit": "USD" }
// gives, for each step, the change (x0.1, -90 %), the years between the
// points (2020 and 2022 are whole years: nominal 2.0 yr between midpoints,
// anything in [1.002, 2.998] yr) and the annualised factor change^(1/years)
// with an interval over both; and for the series the least-squares fit of
// ln(value) on time: growth factor per year, halving time, R².
//
// The pure math (compute_step, fit_log_linear) works on observations in
// base units and days; compute_series_trend reads a dossier through the
// evaluator. Codes (docs/trends.md): errors trend.unknown_point,
// trend.no_value, trend.no_date, trend.dimension, trend.non_positive,
// trend.unknown_series, trend.cycle; warnings trend.mixed_scope,
// trend.out_of_order, trend.few_points, trend.short_step, trend.same_date.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "claimcheck/dates.hpp"
#include "claimcheck/diagnostic.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/interval.hpp"
#include "claimcheck/model.hpp"
#include "claimcheck/units.hpp"

namespace claimcheck {

// ---------------------------------------------------------------- pure math

// One point of a series for the math: how much (nominal and interval, in
// base units) and when (days since 1970-01-01: the period's midpoint and
// the interval of days it covers).
struct observation {
  double nominal = 0;
  interval bounds;
  double day = 0;
  interval days;
};

// The change from one point to the next.
struct step_rate {
  double change = 0;       // later / earlier, nominal values
  interval change_bounds;  // over both value intervals
  double years = 0;        // between the periods' midpoints
  interval years_bounds;   // between any day of one period and any day of the other
  // change^(1/years); nullopt when the midpoints do not advance.
  std::optional<double> annual_factor;
  // Over the change interval and the years interval (exact: the factor is
  // monotone in both); [0, inf] when the periods may touch or overlap.
  interval annual_bounds{0, 0};

  // Scaled before the 100 is taken away, so that the change's own binary
  // error stays at the scale of the percent: 1200 / 1000 is +20%, where
  // (change - 1) * 100 would give 19.999999999999996.
  double percent() const { return change * 100 - 100; }
};

// `years`/`years_bounds` come from dates.hpp (years_between_midpoints,
// years_between). Precondition: from.nominal > 0.
step_rate compute_step(const observation& from, const observation& to, double years,
                       interval years_bounds);

// Least-squares fit of ln(value) on time in years (of 365.2425 days).
struct log_fit {
  std::size_t points = 0;
  double slope = 0;                 // ln(value) per year
  double reference_day = 0;         // the mean day of the points
  double ln_at_reference = 0;       // the fitted ln(value) on that day
  std::optional<double> r_squared;  // nullopt with fewer than 3 points or constant values
  // The slope over the points' own intervals (docs/trends.md, "Interval of
  // the rate"): exact over the value intervals, the extremes over the
  // corners of the date periods.
  interval slope_bounds;
  bool dates_exhaustive = true;  // false when date corners were sampled (more than 12 periods)

  double growth_factor() const;    // exp(slope): the factor per year
  interval growth_bounds() const;  // exp(slope_bounds), outward
  // ln 2 / |slope|: the doubling (slope > 0) or halving (slope < 0) time in
  // years; +inf for a flat fit.
  double doubling_years() const;
  bool halving() const { return slope < 0; }
  // The doubling (or halving) times over slope_bounds, when the sign of the
  // slope is certain; nullopt when the interval holds zero.
  std::optional<interval> doubling_bounds() const;
  // The fitted value on a day (days since 1970-01-01).
  double fitted(double day) const;
};

// Errors: trend.few_points (fewer than 2 observations), trend.non_positive
// (a nominal value <= 0, which has no logarithm; offset = its index),
// trend.same_date (all observations on the same day).
result<log_fit> fit_log_linear(const std::vector<observation>& points);

// ---------------------------------------------------------------- series

// A source of a point, resolved for footnotes.
struct point_source {
  std::string id, title, publisher, url;
  std::optional<partial_date> published;
};

struct trend_point {
  std::string id, subject, scope;
  std::string kind;        // "claim", "fact" or "derived"
  std::string value_text;  // as written (figures), or the expression (derived)
  std::string qualifier;   // figures: the qualifier's name; derived: ""
  partial_date as_of;
  value amount;                       // base units
  shown_value shown;                  // in the series' display unit
  std::vector<point_source> sources;  // figures: their sources
  std::vector<std::string> inputs;    // derived: the ids it is computed from
  std::size_t listed_at = 0;          // its index in the series' `points`
};

struct trend_step {
  std::size_t from = 0, to = 0;  // indices into series_trend::points
  step_rate rate;
};

struct series_trend {
  std::string id, subject, dossier;
  unit display;                     // the series' `unit`, or the first point's display unit
  std::vector<trend_point> points;  // in date order
  std::vector<trend_step> steps;    // between neighbours in date order
  std::optional<log_fit> fit;
  diagnostics problems;  // this series' errors and warnings

  bool ok() const { return !has_errors(problems); }
  // The distinct non-empty scopes, in date order of first appearance.
  std::vector<std::string> scopes() const;
};

// Evaluates the points through `ev` (on demand) and computes steps and fit.
series_trend compute_series_trend(evaluator& ev, const series_record& series);

// growth(series_id): the fitted growth factor per year, dimensionless, with
// slope_bounds as its interval. Errors: trend.unknown_series (with a
// suggestion), trend.cycle (a point depends on this growth), or the first
// error of the series.
result<value> series_growth_of(evaluator& ev, const std::string& series_id);

namespace detail {
// growth(series_id) as every evaluator computes it (evaluate.cpp): `in_progress`
// is the evaluator's set of series being fitted (trend.cycle when one comes
// back).
result<value> series_growth_within(evaluator& ev, const std::string& series_id,
                                   std::set<std::string>& in_progress);
}  // namespace detail

// The errors of every series of the dossier that is not imported
// (trend.no_date, trend.dimension, trend.non_positive, ...), which `check`
// (run_checks_of) and `validate` report with a run's own problems: a series
// that `trend` cannot compute makes its dossier invalid, whether or not a
// check uses it.
diagnostics series_problems(evaluator& ev);

// The result of `claimcheck trend`.
struct trend_result {
  std::vector<series_trend> series;
  diagnostics problems;  // every series' problems, plus unknown --series ids

  bool ok() const { return !has_errors(problems); }
};

// Every series of every dossier (or only those whose id is in `only`; an id
// of `only` found in no dossier is an error trend.unknown_series).
trend_result compute_trends(const std::vector<dossier>& dossiers,
                            const std::vector<std::string>& only = {},
                            const input_limits& limits = {});

}  // namespace claimcheck
