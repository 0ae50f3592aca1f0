// SPDX-License-Identifier: MIT
// Tests of trends.hpp: steps and log-linear fits with known answers, then
// series read from dossiers built in C++ (no loader), their warnings and
// errors, and growth() through the evaluator.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "claimcheck/trends.hpp"

using namespace claimcheck;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// An observation with an exact value on an exact day.
observation exact_at(double day, double value) {
  return observation{value, interval{value, value}, day, interval{day, day}};
}

}  // namespace

// ---------------------------------------------------------------- fits

TEST_CASE("An exact exponential fits with R squared 1 and its own factor") {
  // 100 * 3^t sampled every 1.5 years (of 365.2425 days) from day 17000.
  std::vector<observation> points;
  for (int k = 0; k < 5; ++k) {
    double years = 1.5 * k;
    points.push_back(exact_at(17000 + years * days_per_year, 100 * std::pow(3.0, years)));
  }
  auto fit = fit_log_linear(points);
  REQUIRE(fit.ok());
  CHECK(fit->points == 5);
  CHECK(fit->slope == Approx(std::log(3.0)).epsilon(1e-12));
  CHECK(fit->growth_factor() == Approx(3.0).epsilon(1e-12));
  REQUIRE(fit->r_squared.has_value());
  CHECK(*fit->r_squared == Approx(1.0).epsilon(1e-12));
  CHECK_FALSE(fit->halving());
  CHECK(fit->doubling_years() == Approx(std::log(2.0) / std::log(3.0)).epsilon(1e-12));
  CHECK(fit->fitted(17000) == Approx(100).epsilon(1e-12));
  CHECK(fit->fitted(17000 + 6 * days_per_year) == Approx(100 * 729).epsilon(1e-12));
  // Exact values on exact days: the interval is the nominal, nudged outward.
  CHECK(fit->slope_bounds.lo <= fit->slope);
  CHECK(fit->slope_bounds.hi >= fit->slope);
  CHECK(fit->slope_bounds.width() < 1e-12);
  CHECK(fit->dates_exhaustive);
}

TEST_CASE("A falling exact exponential gives its halving time") {
  // Halves every 8 months.
  std::vector<observation> points;
  for (int k = 0; k < 4; ++k) {
    double years = k * 8.0 / 12.0;
    points.push_back(exact_at(18000 + years * days_per_year, 1e6 * std::pow(0.5, k)));
  }
  auto fit = fit_log_linear(points);
  REQUIRE(fit.ok());
  CHECK(fit->halving());
  CHECK(fit->doubling_years() == Approx(8.0 / 12.0).epsilon(1e-12));
  CHECK(fit->growth_factor() == Approx(std::pow(0.5, 1.5)).epsilon(1e-12));
  auto halving = fit->doubling_bounds();
  REQUIRE(halving.has_value());
  CHECK(halving->contains(fit->doubling_years()));
}

TEST_CASE("A noisy series fits as computed by hand") {
  // ln(values) = 0, 1.2, 1.8, 3.1 at t = 0, 1, 2, 3 years. By hand:
  // mean t 1.5, mean y 1.525, Sxx 5, Sxy 4.95, slope 0.99;
  // residuals -0.04, 0.17, -0.22, 0.09: SSres 0.087; Syy 4.9875;
  // R^2 = 1 - 0.087 / 4.9875 = 0.982556...
  const double ys[] = {0, 1.2, 1.8, 3.1};
  std::vector<observation> points;
  for (int k = 0; k < 4; ++k)
    points.push_back(exact_at(10000 + k * days_per_year, std::exp(ys[k])));
  auto fit = fit_log_linear(points);
  REQUIRE(fit.ok());
  CHECK(fit->slope == Approx(0.99).epsilon(1e-12));
  CHECK(fit->growth_factor() == Approx(std::exp(0.99)).epsilon(1e-12));
  REQUIRE(fit->r_squared.has_value());
  CHECK(*fit->r_squared == Approx(1 - 0.087 / 4.9875).epsilon(1e-10));
  CHECK(fit->doubling_years() == Approx(std::log(2.0) / 0.99).epsilon(1e-12));
  // The fitted line passes through the centroid (t = 1.5, y = 1.525).
  CHECK(fit->fitted(10000 + 1.5 * days_per_year) == Approx(std::exp(1.525)).epsilon(1e-12));
}

TEST_CASE("The slope interval of two points is exact over their value intervals") {
  // [90, 110] at t = 0 and [180, 220] one year later: the steepest line
  // joins 90 to 220, the flattest 110 to 180.
  std::vector<observation> points = {
      {100, {90, 110}, 5000, {5000, 5000}},
      {200, {180, 220}, 5000 + days_per_year, {5000 + days_per_year, 5000 + days_per_year}},
  };
  auto fit = fit_log_linear(points);
  REQUIRE(fit.ok());
  CHECK(fit->slope == Approx(std::log(2.0)).epsilon(1e-12));
  CHECK_FALSE(fit->r_squared.has_value());  // two points always fit
  CHECK(fit->slope_bounds.lo == Approx(std::log(180.0 / 110)).epsilon(1e-12));
  CHECK(fit->slope_bounds.hi == Approx(std::log(220.0 / 90)).epsilon(1e-12));
  CHECK(fit->slope_bounds.lo <= std::log(180.0 / 110));
  CHECK(fit->slope_bounds.hi >= std::log(220.0 / 90));
  auto growth = fit->growth_bounds();
  CHECK(growth.lo == Approx(180.0 / 110).epsilon(1e-12));
  CHECK(growth.hi == Approx(220.0 / 90).epsilon(1e-12));
}

TEST_CASE("Date periods widen the slope interval through their corners") {
  // Exact values 100 and 200; the first is "some day of a 365-day year"
  // centred on day 0, the second an exact day two years later. The slope is
  // ln 2 / years, and the years lie between 2 - 0.5 and 2 + 0.5 (of the
  // 365-day period, in mean years).
  const double half = 182.0;
  const double later = 2 * days_per_year;
  std::vector<observation> points = {
      {100, {100, 100}, 0, {-half, half}},
      {200, {200, 200}, later, {later, later}},
  };
  auto fit = fit_log_linear(points);
  REQUIRE(fit.ok());
  CHECK(fit->slope == Approx(std::log(2.0) / 2).epsilon(1e-12));
  CHECK(fit->slope_bounds.lo ==
        Approx(std::log(2.0) / ((later + half) / days_per_year)).epsilon(1e-12));
  CHECK(fit->slope_bounds.hi ==
        Approx(std::log(2.0) / ((later - half) / days_per_year)).epsilon(1e-12));
}

TEST_CASE("An open interval makes the rate interval open on its side") {
  // The last point is "over 400": its upper bound is +inf.
  std::vector<observation> points = {
      exact_at(0, 100),
      exact_at(days_per_year, 200),
      {400, {400, inf}, 2 * days_per_year, {2 * days_per_year, 2 * days_per_year}},
  };
  auto fit = fit_log_linear(points);
  REQUIRE(fit.ok());
  CHECK(fit->slope_bounds.lo == Approx(std::log(2.0)).epsilon(1e-12));
  CHECK(std::isinf(fit->slope_bounds.hi));
  CHECK(std::isinf(fit->growth_bounds().hi));
  // An "under" point (lower bound 0) opens the other side.
  points[0].bounds = interval{0, 100};
  auto fit2 = fit_log_linear(points);
  REQUIRE(fit2.ok());
  CHECK(std::isinf(fit2->slope_bounds.hi));
  CHECK(fit2->growth_bounds().lo <= 2.0);
}

TEST_CASE("Many wide date periods are sampled deterministically") {
  std::vector<observation> points;
  for (int k = 0; k < 20; ++k) {
    double day = k * days_per_year;
    double value = 50 * std::pow(1.7, k) * (k % 2 ? 1.1 : 0.9);
    points.push_back({value, {value * 0.95, value * 1.05}, day, {day - 15, day + 15}});
  }
  auto first = fit_log_linear(points);
  auto second = fit_log_linear(points);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK_FALSE(first->dates_exhaustive);
  CHECK(first->slope_bounds.contains(first->slope));
  CHECK(first->slope_bounds.lo == second->slope_bounds.lo);  // same bits: deterministic
  CHECK(first->slope_bounds.hi == second->slope_bounds.hi);
  CHECK(first->growth_factor() == Approx(1.7).epsilon(0.01));
  CHECK(first->slope_bounds.lo < first->slope);
  CHECK(first->slope_bounds.hi > first->slope);
}

TEST_CASE("Fits that cannot be made are errors with codes") {
  struct bad_case {
    const char* name;
    std::vector<observation> points;
    const char* code;
    std::size_t offset;
    const char* fragment;
  };
  std::vector<bad_case> cases = {
      {"no point", {}, "trend.few_points", 0, "has 0"},
      {"one point", {exact_at(0, 1)}, "trend.few_points", 0, "at least two points"},
      {"a zero value",
       {exact_at(0, 1), exact_at(400, 0)},
       "trend.non_positive",
       1,
       "point 2 is not positive"},
      {"a negative value",
       {exact_at(0, -1), exact_at(400, 2)},
       "trend.non_positive",
       0,
       "above zero"},
      {"one date", {exact_at(400, 1), exact_at(400, 2)}, "trend.same_date", 0, "same date"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    auto fit = fit_log_linear(c.points);
    REQUIRE_FALSE(fit.ok());
    CHECK(fit.error().code == c.code);
    CHECK(fit.error().offset == c.offset);
    CHECK_THAT(fit.error().message, Catch::Matchers::Contains(c.fragment));
  }
}

// ---------------------------------------------------------------- steps

TEST_CASE("A step gives the change and its annualised factor with intervals") {
  // 4.5M USD (stated: [4.45M, 4.55M]) in 2020, 450k ([445k, 455k]) in 2022.
  // Between the whole years: nominal 2 years, any of [1 day, 3 years].
  observation from{4.5e6, {4.45e6, 4.55e6}, 0, {0, 0}};
  observation to{4.5e5, {4.45e5, 4.55e5}, 0, {0, 0}};
  interval years{1.0 / days_per_year, 3.0};
  auto s = compute_step(from, to, 2.0, years);
  CHECK(s.change == Approx(0.1).epsilon(1e-12));
  CHECK(s.percent() == Approx(-90).epsilon(1e-12));
  CHECK(s.change_bounds.lo == Approx(4.45e5 / 4.55e6).epsilon(1e-12));
  CHECK(s.change_bounds.hi == Approx(4.55e5 / 4.45e6).epsilon(1e-12));
  CHECK(s.change_bounds.lo <= 4.45e5 / 4.55e6);
  REQUIRE(s.annual_factor.has_value());
  CHECK(*s.annual_factor == Approx(std::sqrt(0.1)).epsilon(1e-12));
  // A falling change: fastest fall is the smallest change over the fewest
  // years, slowest the largest change over the most years.
  CHECK(s.annual_bounds.lo == Approx(std::pow(4.45e5 / 4.55e6, days_per_year)).epsilon(1e-9));
  CHECK(s.annual_bounds.hi == Approx(std::pow(4.55e5 / 4.45e6, 1 / 3.0)).epsilon(1e-12));
  CHECK(s.annual_bounds.contains(*s.annual_factor));
}

TEST_CASE("A rising step annualises the other way round") {
  observation from{100, {90, 110}, 0, {0, 0}};
  observation to{400, {360, 440}, 0, {0, 0}};
  auto s = compute_step(from, to, 2.0, interval{1.5, 2.5});
  CHECK(s.change == Approx(4).epsilon(1e-12));
  CHECK(s.percent() == Approx(300).epsilon(1e-12));
  CHECK(*s.annual_factor == Approx(2).epsilon(1e-12));
  CHECK(s.annual_bounds.lo == Approx(std::pow(360.0 / 110, 1 / 2.5)).epsilon(1e-12));
  CHECK(s.annual_bounds.hi == Approx(std::pow(440.0 / 90, 1 / 1.5)).epsilon(1e-12));
}

TEST_CASE("A step between periods that may coincide has an unbounded rate") {
  observation from{100, {100, 100}, 0, {0, 0}};
  observation to{120, {120, 120}, 0, {0, 0}};
  auto s = compute_step(from, to, 0.04, interval{-0.5, 0.9});
  CHECK(s.annual_bounds.lo == 0);
  CHECK(std::isinf(s.annual_bounds.hi));
  auto same = compute_step(from, to, 0.0, interval{-0.5, 0.5});
  CHECK_FALSE(same.annual_factor.has_value());
}

TEST_CASE("A step from or to an open interval keeps the enclosure") {
  observation over{400, {400, inf}, 0, {0, 0}};
  observation under{100, {0, 100}, 0, {0, 0}};
  auto s = compute_step(under, over, 1.0, interval{1, 1});
  CHECK(s.change == Approx(4).epsilon(1e-12));
  CHECK(s.change_bounds.lo == Approx(4).epsilon(1e-12));
  CHECK(std::isinf(s.change_bounds.hi));
  auto back = compute_step(over, under, 1.0, interval{1, 1});
  CHECK(back.change_bounds.lo == 0);
  CHECK(back.change_bounds.hi == Approx(0.25).epsilon(1e-12));
  CHECK(back.annual_bounds.lo == 0);
}

// ---------------------------------------------------------------- series

namespace {

// A dossier built in C++, without the loader.
struct dossier_builder {
  dossier d;

  dossier_builder() {
    d.folder = "/claims/test";
    d.root = "/claims";
    source_record src;
    src.id = "lambda_blog";
    src.title = "OpenAI's GPT-3 Language Model: A Technical Overview";
    src.publisher = "Lambda Labs";
    src.url = "https://lambdalabs.com/blog/demystifying-gpt-3/";
    d.sources.push_back(src);
  }

  unit parse(const std::string& text) const { return d.units.parse(text).value(); }

  dossier_builder& figure(const std::string& id, double nominal, interval bounds,
                          const std::string& unit_text, const std::string& as_of,
                          const std::string& scope = "") {
    figure_record f;
    f.kind = figure_kind::fact;
    f.id = id;
    f.subject = "figure " + id;
    f.value_text = std::to_string(nominal);
    f.unit_text = unit_text;
    f.value = quantity{nominal, bounds, parse(unit_text)};
    if (!as_of.empty()) f.as_of = parse_partial_date(as_of).value();
    f.scope = scope;
    f.sources = {"lambda_blog"};
    d.figures.push_back(f);
    return *this;
  }
  dossier_builder& exact(const std::string& id, double v, const std::string& unit_text,
                         const std::string& as_of, const std::string& scope = "") {
    return figure(id, v, interval{v, v}, unit_text, as_of, scope);
  }
  dossier_builder& derived(const std::string& id, const std::string& expr,
                           const std::string& unit_text, const std::string& as_of = "",
                           const std::string& scope = "") {
    derived_record r;
    r.id = id;
    r.expr = expr;
    r.unit_text = unit_text;
    if (!unit_text.empty()) r.target_unit = parse(unit_text);
    if (!as_of.empty()) r.as_of = parse_partial_date(as_of).value();
    r.scope = scope;
    d.derived.push_back(r);
    return *this;
  }
  dossier_builder& series(const std::string& id, std::vector<std::string> points,
                          const std::string& unit_text = "") {
    series_record s;
    s.id = id;
    s.subject = "series " + id;
    s.points = std::move(points);
    s.unit_text = unit_text;
    if (!unit_text.empty()) s.target_unit = parse(unit_text);
    s.origin.where = source_location{"claims.json", 40, 5, "/series/0"};
    s.origin.fields.set("points", 42, 17);
    d.series.push_back(s);
    return *this;
  }
};

double day_of(const std::string& text) {
  return parse_partial_date(text).value().midpoint_days();
}

const diagnostic* find_code(const diagnostics& list, const std::string& code) {
  for (const auto& d : list) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("A series across a leap year fits its exact doubling") {
  // Doubling per mean year, sampled on 1 March (a leap day falls between
  // the first two: 366 days, then 365).
  const std::vector<std::string> dates = {"2019-03-01", "2020-03-01", "2021-03-01", "2023-07-06"};
  dossier_builder b;
  std::vector<std::string> ids;
  for (std::size_t k = 0; k < dates.size(); ++k) {
    double years = (day_of(dates[k]) - day_of(dates[0])) / days_per_year;
    std::string id = "p" + std::to_string(k);
    b.exact(id, 1000 * std::pow(2.0, years), "USD", dates[k]);
    ids.push_back(id);
  }
  b.series("doubling", ids, "USD");
  evaluator ev(b.d);
  auto t = compute_series_trend(ev, b.d.series[0]);
  REQUIRE(t.ok());
  CHECK(t.problems.empty());
  REQUIRE(t.steps.size() == 3);
  CHECK(t.steps[0].rate.years == Approx(366 / days_per_year).epsilon(1e-12));
  CHECK(t.steps[1].rate.years == Approx(365 / days_per_year).epsilon(1e-12));
  for (const auto& s : t.steps) CHECK(*s.rate.annual_factor == Approx(2).epsilon(1e-12));
  REQUIRE(t.fit.has_value());
  CHECK(t.fit->growth_factor() == Approx(2).epsilon(1e-12));
  CHECK(*t.fit->r_squared == Approx(1).epsilon(1e-12));
  CHECK(t.fit->doubling_years() == Approx(1).epsilon(1e-12));
  CHECK(t.display.text == "USD");
}

TEST_CASE("Partial dates count from their midpoints with the whole periods in the interval") {
  // 2020 (a leap year) runs from day 18262 to 18627; 2022 from 18993 to
  // 19357. Midpoints 18444.5 and 19175: 730.5 days apart. Shortest span
  // 2020-12-31 to 2022-01-01 = 366 days, longest 2020-01-01 to 2022-12-31 =
  // 1095 days.
  dossier_builder b;
  b.figure("cost_2020", 4.5e6, {4.45e6, 4.55e6}, "USD", "2020")
      .figure("cost_2022", 4.5e5, {4.45e5, 4.55e5}, "USD", "2022")
      .figure("cost_2023", 2e4, {1.5e4, 2.5e4}, "USD", "2023-06")
      .series("cost", {"cost_2020", "cost_2022", "cost_2023"});
  evaluator ev(b.d);
  auto t = compute_series_trend(ev, b.d.series[0]);
  REQUIRE(t.ok());
  REQUIRE(t.steps.size() == 2);
  const step_rate& s = t.steps[0].rate;
  CHECK(s.years == Approx(730.5 / days_per_year).epsilon(1e-12));
  CHECK(s.years_bounds.lo == Approx(366 / days_per_year).epsilon(1e-12));
  CHECK(s.years_bounds.hi == Approx(1095 / days_per_year).epsilon(1e-12));
  CHECK(*s.annual_factor == Approx(std::pow(0.1, days_per_year / 730.5)).epsilon(1e-12));
  CHECK(s.annual_bounds.lo == Approx(std::pow(4.45e5 / 4.55e6, days_per_year / 366)).epsilon(1e-9));
  CHECK(s.annual_bounds.hi ==
        Approx(std::pow(4.55e5 / 4.45e6, days_per_year / 1095)).epsilon(1e-9));
  // 2022 midpoint (19175) to mid-June 2023 (1 June = 19509, 30 June = 19538,
  // midpoint 19523.5): 348.5 days.
  CHECK(t.steps[1].rate.years == Approx(348.5 / days_per_year).epsilon(1e-12));
  CHECK(t.steps[1].rate.years_bounds.lo == Approx((19509 - 19357) / days_per_year).epsilon(1e-12));
  CHECK(t.steps[1].rate.years_bounds.hi == Approx((19538 - 18993) / days_per_year).epsilon(1e-12));
  // The series has no unit: the first point's unit is used.
  CHECK(t.display.text == "USD");
  REQUIRE(t.fit.has_value());
  CHECK(t.fit->halving());
  CHECK(t.fit->growth_bounds().contains(t.fit->growth_factor()));
  // Points keep what reports need.
  CHECK(t.points[0].sources.size() == 1);
  CHECK(t.points[0].sources[0].publisher == "Lambda Labs");
  CHECK(t.points[0].shown.in.text == "USD");
  CHECK(t.points[2].as_of.to_string() == "2023-06");
}

TEST_CASE("Series warnings have stable codes and name the points") {
  struct warning_case {
    const char* name;
    std::vector<std::string> points;
    const char* code;
    const char* fragment;
  };
  dossier_builder b;
  b.exact("full_2020", 4.6e6, "USD", "2020-06", "full-training")
      .exact("quality_2022", 4.5e5, "USD", "2022-09-29", "gpt3-quality")
      .exact("bench_2023", 2e4, "USD", "2023-06", "mlperf-benchmark")
      .exact("full_2023a", 1.4e6, "USD", "2023-01-10", "full-training")
      .exact("full_2023b", 1.3e6, "USD", "2023-01-25", "full-training")
      .exact("full_2024", 1.1e6, "USD", "2024-01", "full-training");
  std::vector<warning_case> cases = {
      {"mixed scopes",
       {"full_2020", "quality_2022", "bench_2023"},
       "trend.mixed_scope",
       "mixes scopes 'full-training', 'gpt3-quality', 'mlperf-benchmark'"},
      {"out of order",
       {"full_2023a", "full_2020", "full_2024"},
       "trend.out_of_order",
       "lists 'full_2020' (2020-06) after 'full_2023a' (2023-01-10)"},
      {"two points", {"full_2020", "full_2024"}, "trend.few_points", "has 2 point(s)"},
      {"a short step",
       {"full_2020", "full_2023a", "full_2023b"},
       "trend.short_step",
       "'full_2023a' (2023-01-10) and 'full_2023b' (2023-01-25) are 15 days apart"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    b.d.series.clear();
    b.series("s", c.points, "USD");
    evaluator ev(b.d);
    auto t = compute_series_trend(ev, b.d.series[0]);
    CHECK(t.ok());
    const diagnostic* w = find_code(t.problems, c.code);
    REQUIRE(w != nullptr);
    CHECK(w->level == severity::warning);
    CHECK_THAT(w->message, Catch::Matchers::Contains(c.fragment));
    CHECK(w->where.file == "claims.json");
  }
  // Out-of-order points are sorted for the steps.
  b.d.series.clear();
  b.series("s", {"full_2023a", "full_2020", "full_2024"}, "USD");
  evaluator ev(b.d);
  auto t = compute_series_trend(ev, b.d.series[0]);
  REQUIRE(t.points.size() == 3);
  CHECK(t.points[0].id == "full_2020");
  CHECK(t.points[0].listed_at == 1);
  CHECK(t.steps[0].rate.change == Approx(1.4e6 / 4.6e6).epsilon(1e-12));
  // One scope, or unscoped points beside one scope, is not mixed.
  CHECK(find_code(t.problems, "trend.mixed_scope") == nullptr);
}

TEST_CASE("Series errors have stable codes, locations and say what to write") {
  struct error_case {
    const char* name;
    std::vector<std::string> points;
    const char* code;
    const char* pointer;
    const char* fragment;
  };
  dossier_builder b;
  b.exact("cost_2020", 4.6e6, "USD", "2020")
      .exact("cost_2022", 4.5e5, "USD", "2022")
      .exact("undated", 3e5, "USD", "")
      .exact("gpus", 3584, "GPU", "2023-06")
      .exact("free", 0, "USD", "2023")
      .derived("broken", "cost_2020 / missing", "USD", "2023");
  figure_record date_figure;
  date_figure.id = "waic.start";
  date_figure.is_date = true;
  date_figure.date = parse_partial_date("2023-07-06").value();
  date_figure.as_of = date_figure.date;
  b.d.figures.push_back(date_figure);
  std::vector<error_case> cases = {
      {"an unknown id",
       {"cost_2020", "cost_202"},
       "trend.unknown_point",
       "/series/0/points/1",
       "did you mean 'cost_2020'?"},
      {"no as_of",
       {"cost_2020", "undated"},
       "trend.no_date",
       "/series/0/points/1",
       "give it \"as_of\""},
      {"another dimension",
       {"cost_2020", "gpus", "cost_2022"},
       "trend.dimension",
       "/series/0/points/1",
       "'gpus' of series 's' is in 'GPU', which does not match the series' unit 'USD'"},
      {"a date",
       {"cost_2020", "waic.start"},
       "trend.dimension",
       "/series/0/points/1",
       "is a date, not a quantity"},
      {"zero", {"cost_2020", "free"}, "trend.non_positive", "/series/0/points/1", "not above zero"},
      {"a point that cannot be computed",
       {"cost_2020", "broken"},
       "trend.no_value",
       "/series/0/points/1",
       "could not be computed"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    b.d.series.clear();
    b.series("s", c.points, "USD");
    evaluator ev(b.d);
    auto t = compute_series_trend(ev, b.d.series[0]);
    CHECK_FALSE(t.ok());
    const diagnostic* e = find_code(t.problems, c.code);
    REQUIRE(e != nullptr);
    CHECK(e->level == severity::error);
    CHECK(e->where.pointer == c.pointer);
    CHECK(e->where.line == 42);
    CHECK_THAT(e->message, Catch::Matchers::Contains(c.fragment));
    CHECK_FALSE(t.fit.has_value());
  }
  // Without a series unit, the first point sets the dimension.
  b.d.series.clear();
  b.series("s", {"gpus", "cost_2020"});
  evaluator ev(b.d);
  auto t = compute_series_trend(ev, b.d.series[0]);
  const diagnostic* e = find_code(t.problems, "trend.dimension");
  REQUIRE(e != nullptr);
  CHECK_THAT(e->message, Catch::Matchers::Contains("the first point's unit 'GPU'"));
}

TEST_CASE("Derived figures with as_of and scope are points") {
  dossier_builder b;
  b.exact("gpus", 3584, "GPU", "2023-06")
      .figure("minutes", 10.94, {10.935, 10.945}, "min", "2023-06")
      .exact("price", 4.76, "USD/(GPU*h)", "2023")
      .exact("cost_2020", 4.6e6, "USD", "2020-06", "full-training")
      .derived("bench_cost", "gpus * minutes * price", "USD", "2023-06", "mlperf-benchmark")
      .series("s", {"cost_2020", "bench_cost"}, "USD");
  evaluator ev(b.d);
  auto t = compute_series_trend(ev, b.d.series[0]);
  REQUIRE(t.ok());
  REQUIRE(t.points.size() == 2);
  const trend_point& p = t.points[1];
  CHECK(p.kind == "derived");
  CHECK(p.scope == "mlperf-benchmark");
  CHECK(p.value_text == "gpus * minutes * price");
  CHECK(p.inputs == std::vector<std::string>{"gpus", "minutes", "price"});
  CHECK(p.shown.nominal == Approx(3584 * 10.94 / 60 * 4.76).epsilon(1e-9));
  CHECK(find_code(t.problems, "trend.mixed_scope") != nullptr);
}

TEST_CASE("growth of a series is its fitted factor per year inside expressions") {
  dossier_builder b;
  // Cost falls x0.5 a year, size grows x4 a year (exact exponentials).
  for (int k = 0; k < 3; ++k) {
    std::string year = std::to_string(2020 + k) + "-07-01";
    double years = (day_of(year) - day_of("2020-07-01")) / days_per_year;
    b.exact("cost_" + std::to_string(k), 1e6 * std::pow(0.5, years), "USD", year);
    b.exact("size_" + std::to_string(k), 1e9 * std::pow(4.0, years), "parameter", year);
  }
  b.series("cost", {"cost_0", "cost_1", "cost_2"}, "USD")
      .series("size", {"size_0", "size_1", "size_2"}, "parameter")
      .derived("cost_growth", "growth(cost)", "1")
      .derived("both", "growth(size) * growth(cost)", "1");
  evaluator ev(b.d);
  const evaluated* cost = ev.find("cost_growth");
  REQUIRE(cost != nullptr);
  REQUIRE(cost->result.has_value());
  CHECK(cost->result->nominal == Approx(0.5).epsilon(1e-12));
  CHECK(cost->result->dim.dimensionless());
  CHECK(cost->result->bounds.contains(cost->result->nominal));
  const evaluated* both = ev.find("both");
  REQUIRE(both->result.has_value());
  CHECK(both->result->nominal == Approx(2).epsilon(1e-12));
  CHECK(ev.problems().empty());

  auto direct = series_growth_of(ev, "size");
  REQUIRE(direct.ok());
  CHECK(direct->nominal == Approx(4).epsilon(1e-12));
  auto unknown = series_growth_of(ev, "sizes");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "trend.unknown_series");
  CHECK_THAT(unknown.error().message, Catch::Matchers::Contains("did you mean 'size'?"));
}

TEST_CASE("growth of a series that cannot be fitted is an error of the expression") {
  dossier_builder b;
  b.exact("only", 5, "USD", "2020")
      .series("lonely", {"only"}, "USD")
      .derived("g", "growth(lonely)", "1")
      .derived("loop_point", "growth(loop) * 1 [USD]", "USD", "2023")
      .exact("start", 1, "USD", "2020")
      .series("loop", {"start", "loop_point"}, "USD")
      .derived("h", "growth(loop)", "1");
  evaluator ev(b.d);
  const evaluated* g = ev.find("g");
  REQUIRE(g != nullptr);
  CHECK_FALSE(g->result.has_value());
  CHECK(find_code(ev.problems(), "trend.few_points") != nullptr);
  // A point that depends on its own series' growth: an error, no hang.
  const evaluated* h = ev.find("h");
  REQUIRE(h != nullptr);
  CHECK_FALSE(h->result.has_value());
  CHECK(has_errors(ev.problems()));
}

TEST_CASE("compute_trends runs every series or the ones asked for") {
  dossier_builder b;
  b.exact("a1", 1, "USD", "2020").exact("a2", 2, "USD", "2021").exact("a3", 4, "USD", "2022");
  b.series("alpha", {"a1", "a2", "a3"}, "USD").series("beta", {"a3", "a1"}, "USD");
  std::vector<dossier> all = {b.d};
  auto every = compute_trends(all);
  REQUIRE(every.series.size() == 2);
  CHECK(every.series[0].dossier == "test");
  CHECK(every.ok());
  auto one = compute_trends(all, {"alpha"});
  REQUIRE(one.series.size() == 1);
  CHECK(one.series[0].id == "alpha");
  auto missing = compute_trends(all, {"alpah"});
  CHECK_FALSE(missing.ok());
  const diagnostic* e = find_code(missing.problems, "trend.unknown_series");
  REQUIRE(e != nullptr);
  CHECK_THAT(e->message, Catch::Matchers::Contains("did you mean 'alpha'?"));
}

// ---------------------------------------------------------------- the command

namespace {

struct run_output {
  int exit_code = -1;
  std::string out, err;
};

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the built claimcheck with `arguments` (already shell-quoted).
run_output run_claimcheck(const std::string& arguments) {
  auto dir = std::filesystem::temp_directory_path();
  auto out = dir / ("claimcheck_trend_out_" + std::to_string(::getpid()));
  auto err = dir / ("claimcheck_trend_err_" + std::to_string(::getpid()));
  std::string command = std::string("'") + CLAIMCHECK_BINARY + "' " + arguments + " > '" +
                        out.string() + "' 2> '" + err.string() + "'";
  int status = std::system(command.c_str());
  run_output r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_all(out);
  r.err = read_all(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

const std::string costs = std::string("'") + CLAIMCHECK_TEST_DATA + "/trends/costs'";

}  // namespace

TEST_CASE("claimcheck trend prints a Markdown table per series with its warnings") {
  auto r = run_claimcheck("trend " + costs + " --format md");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Matchers::Contains("## gpt3_cost: cost to train GPT-3 in full (USD)"));
  CHECK_THAT(r.out, Catch::Matchers::Contains("## model_size: parameters of GPT-1, 2 and 3"));
  CHECK_THAT(r.out, Catch::Matchers::Contains("| 2023-01 | 1.4M USD | [1.26M, 1.54M] USD |"));
  CHECK_THAT(r.out, Catch::Matchers::Contains("`trend.mixed_scope`"));
  CHECK_THAT(r.out, Catch::Matchers::Contains("**Fit:** ×"));
  auto one = run_claimcheck("trend " + costs + " --series model_size --format csv");
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.out, Catch::Matchers::Contains(",model_size,fit,"));
  CHECK_THAT(one.out, !Catch::Matchers::Contains("gpt3_cost"));
}

TEST_CASE("claimcheck trend writes the chart atomically and refuses to overwrite it") {
  auto svg = std::filesystem::temp_directory_path() /
             ("claimcheck_trend_chart_" + std::to_string(::getpid()) + ".svg");
  std::filesystem::remove(svg);
  const std::string svg_arg = " --svg '" + svg.string() + "'";
  auto first = run_claimcheck("trend " + costs + svg_arg);
  INFO(first.err);
  CHECK(first.exit_code == 0);
  const std::string chart = read_all(svg);
  CHECK_THAT(chart, Catch::Matchers::StartsWith("<?xml"));
  CHECK_THAT(chart, Catch::Matchers::Contains("class=\"fit-line\""));
  auto again = run_claimcheck("trend " + costs + svg_arg);
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Matchers::Contains("[file.exists]"));
  CHECK(again.out.empty());  // the table is not printed when the chart fails
  auto forced = run_claimcheck("trend " + costs + svg_arg + " --force --series gpt3_cost");
  CHECK(forced.exit_code == 0);
  CHECK(read_all(svg) != chart);
  std::filesystem::remove(svg);
}

TEST_CASE("claimcheck trend rejects unknown series and formats with exit code 2") {
  auto unknown = run_claimcheck("trend " + costs + " --series gpt3_costs");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err,
             Catch::Matchers::Contains("[trend.unknown_series] no series 'gpt3_costs' in the "
                                       "dossiers given; did you mean 'gpt3_cost'?"));
  auto format = run_claimcheck("trend " + costs + " --format xml");
  CHECK(format.exit_code == 2);
  CHECK_THAT(format.err, Catch::Matchers::Contains("unknown --format 'xml'"));
  auto none = run_claimcheck("trend");
  CHECK(none.exit_code == 2);
}
