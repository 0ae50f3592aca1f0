// SPDX-License-Identifier: MIT
#include "claimcheck/trends.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <sstream>

namespace claimcheck {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// Outward nudges kept local so that the math has no hidden dependency.
double down(double v) {
  return std::isfinite(v) ? std::nextafter(v, -inf) : v;
}
double up(double v) {
  return std::isfinite(v) ? std::nextafter(v, inf) : v;
}
interval outward(double lo, double hi) {
  return interval{down(lo), up(hi)};
}

// Quotients of non-negative bounds, taking the limit that keeps an enclosure
// where the plain quotient would be NaN (0/0, inf/inf).
double quotient_low(double numerator_lo, double denominator_hi) {
  if (numerator_lo <= 0) return 0;
  if (std::isinf(denominator_hi)) return 0;
  return numerator_lo / denominator_hi;
}
double quotient_high(double numerator_hi, double denominator_lo) {
  if (std::isinf(numerator_hi) || denominator_lo <= 0) return inf;
  return numerator_hi / denominator_lo;
}

double log_or_limit(double v) {
  if (v <= 0) return -inf;
  return std::log(v);
}

// The slope of least squares of y on t with weights w_i = (t_i - mean)/Sxx,
// maximised (sign = +1) or minimised (sign = -1) over y_i in [lo_i, hi_i].
// The slope is linear in the y_i, so choosing each end by the sign of its
// weight is exact.
double extreme_slope(const std::vector<double>& t, const std::vector<double>& ln_lo,
                     const std::vector<double>& ln_hi, int sign) {
  const std::size_t n = t.size();
  double mean = 0;
  for (double v : t) mean += v;
  mean /= static_cast<double>(n);
  double sxx = 0;
  for (double v : t) sxx += (v - mean) * (v - mean);
  if (!(sxx > 0)) return sign > 0 ? inf : -inf;
  double sum = 0, magnitude = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double w = (t[i] - mean) / sxx;
    if (w == 0) continue;
    // For the maximum take the high end where w > 0, the low end where w < 0.
    bool take_high = (w > 0) == (sign > 0);
    double y = take_high ? ln_hi[i] : ln_lo[i];
    if (std::isinf(y)) return y * w > 0 ? inf : -inf;
    sum += w * y;
    magnitude += std::abs(w * y);
  }
  // A bound on the rounding of the logarithms, the weights and the sum
  // (a few ulps per term), applied outward so the interval stays an
  // enclosure of the exact extreme.
  const double rounding =
      (8.0 + 4.0 * static_cast<double>(n)) * std::numeric_limits<double>::epsilon() * magnitude;
  return sign > 0 ? sum + rounding : sum - rounding;
}

}  // namespace

// ---------------------------------------------------------------- steps

step_rate compute_step(const observation& from, const observation& to, double years,
                       interval years_bounds) {
  step_rate s;
  s.change = to.nominal / from.nominal;
  s.change_bounds = outward(quotient_low(to.bounds.lo, from.bounds.hi),
                            quotient_high(to.bounds.hi, from.bounds.lo));
  s.change_bounds.lo = std::max(0.0, s.change_bounds.lo);
  s.years = years;
  s.years_bounds = years_bounds;
  if (years > 0) s.annual_factor = std::pow(s.change, 1 / years);
  if (years_bounds.lo > 0) {
    // c^(1/y) is increasing in c and monotone in y for y > 0: the extremes
    // are at the corners.
    double lo = inf, hi = 0;
    for (double c : {s.change_bounds.lo, s.change_bounds.hi}) {
      for (double y : {years_bounds.lo, years_bounds.hi}) {
        double f = std::pow(c, 1 / y);
        lo = std::min(lo, f);
        hi = std::max(hi, f);
      }
    }
    // pow is not correctly rounded everywhere: two ulps each way.
    s.annual_bounds = outward(down(lo), up(hi));
    s.annual_bounds.lo = std::max(0.0, s.annual_bounds.lo);
  } else {
    // The periods may coincide: any rate is possible.
    s.annual_bounds = interval{0, inf};
  }
  return s;
}

// ---------------------------------------------------------------- fit

double log_fit::growth_factor() const {
  return std::exp(slope);
}

interval log_fit::growth_bounds() const {
  interval g = outward(std::exp(slope_bounds.lo), std::exp(slope_bounds.hi));
  g.lo = std::max(0.0, g.lo);
  return g;
}

double log_fit::doubling_years() const {
  if (slope == 0) return inf;
  return std::log(2.0) / std::abs(slope);
}

std::optional<interval> log_fit::doubling_bounds() const {
  const double ln2 = std::log(2.0);
  std::optional<interval> times;
  if (slope_bounds.lo > 0) times = outward(ln2 / slope_bounds.hi, ln2 / slope_bounds.lo);
  if (slope_bounds.hi < 0) times = outward(ln2 / -slope_bounds.lo, ln2 / -slope_bounds.hi);
  // An unbounded slope makes the shortest time zero, never below.
  if (times) times->lo = std::max(0.0, times->lo);
  return times;
}

double log_fit::fitted(double day) const {
  return std::exp(ln_at_reference + slope * (day - reference_day) / days_per_year);
}

result<log_fit> fit_log_linear(const std::vector<observation>& points) {
  const std::size_t n = points.size();
  if (n < 2) {
    return text_error{"trend.few_points", 0,
                      "a fit needs at least two points; this series has " + std::to_string(n)};
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!(points[i].nominal > 0)) {
      return text_error{"trend.non_positive", i,
                        "point " + std::to_string(i + 1) +
                            " is not positive; a log-linear fit needs values above zero"};
    }
  }
  // Times in years from the first point, so that the sums stay small.
  const double origin = points.front().day;
  std::vector<double> t(n), y(n);
  double t_mean = 0, y_mean = 0;
  for (std::size_t i = 0; i < n; ++i) {
    t[i] = (points[i].day - origin) / days_per_year;
    y[i] = std::log(points[i].nominal);
    t_mean += t[i];
    y_mean += y[i];
  }
  t_mean /= static_cast<double>(n);
  y_mean /= static_cast<double>(n);
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (t[i] - t_mean) * (t[i] - t_mean);
    sxy += (t[i] - t_mean) * (y[i] - y_mean);
    syy += (y[i] - y_mean) * (y[i] - y_mean);
  }
  if (!(sxx > 0)) {
    return text_error{"trend.same_date", 0,
                      "all points fall on the same date, so there is no rate to fit; "
                      "add a point from another date"};
  }
  log_fit fit;
  fit.points = n;
  fit.slope = sxy / sxx;
  fit.reference_day = origin + t_mean * days_per_year;
  fit.ln_at_reference = y_mean;
  if (n >= 3 && syy > 0) {
    double ss_res = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double e = y[i] - (y_mean + fit.slope * (t[i] - t_mean));
      ss_res += e * e;
    }
    fit.r_squared = std::clamp(1 - ss_res / syy, 0.0, 1.0);
  }

  // The interval of the slope: exact over the value intervals for a given
  // choice of times (extreme_slope); over the times, every corner of the
  // date periods when at most 12 are wider than a day, else the two
  // stretching corners and a fixed pseudo-random sample.
  std::vector<double> ln_lo(n), ln_hi(n), t_first(n), t_last(n);
  std::vector<std::size_t> wide;
  for (std::size_t i = 0; i < n; ++i) {
    ln_lo[i] = log_or_limit(points[i].bounds.lo);
    ln_hi[i] = std::isinf(points[i].bounds.hi) ? inf : log_or_limit(points[i].bounds.hi);
    t_first[i] = (points[i].days.lo - origin) / days_per_year;
    t_last[i] = (points[i].days.hi - origin) / days_per_year;
    if (points[i].days.hi > points[i].days.lo) wide.push_back(i);
  }
  double lo = inf, hi = -inf;
  std::vector<double> times(n);
  auto try_times = [&]() {
    lo = std::min(lo, extreme_slope(times, ln_lo, ln_hi, -1));
    hi = std::max(hi, extreme_slope(times, ln_lo, ln_hi, +1));
  };
  auto set_corner = [&](auto pick_last) {
    for (std::size_t i = 0; i < n; ++i) times[i] = t[i];
    for (std::size_t k = 0; k < wide.size(); ++k) {
      std::size_t i = wide[k];
      times[i] = pick_last(k, i) ? t_last[i] : t_first[i];
    }
  };
  constexpr std::size_t exhaustive_limit = 12;
  if (wide.size() <= exhaustive_limit) {
    const std::uint32_t corners = 1u << wide.size();
    for (std::uint32_t mask = 0; mask < corners; ++mask) {
      set_corner([mask](std::size_t k, std::size_t) { return ((mask >> k) & 1u) != 0; });
      try_times();
    }
  } else {
    fit.dates_exhaustive = false;
    // Stretch (early points earlier, late ones later) and squeeze.
    set_corner([&](std::size_t, std::size_t i) { return t[i] > t_mean; });
    try_times();
    set_corner([&](std::size_t, std::size_t i) { return t[i] <= t_mean; });
    try_times();
    // mt19937's raw output is fixed by the standard: the same corners on
    // every platform.
    std::mt19937 generator(20230708u);
    constexpr int samples = 4096;
    for (int s = 0; s < samples; ++s) {
      set_corner([&](std::size_t, std::size_t) { return (generator() & 1u) != 0; });
      try_times();
    }
  }
  // The nominal slope always lies inside (the nominal choice is one of the
  // boxes' points up to the date corners).
  lo = std::min(lo, fit.slope);
  hi = std::max(hi, fit.slope);
  fit.slope_bounds = outward(lo, hi);
  return fit;
}

// ---------------------------------------------------------------- series

std::vector<std::string> series_trend::scopes() const {
  std::vector<std::string> seen;
  for (const auto& p : points) {
    if (!p.scope.empty() && std::find(seen.begin(), seen.end(), p.scope) == seen.end()) {
      seen.push_back(p.scope);
    }
  }
  return seen;
}

namespace {

std::string in_quotes(const std::string& s) {
  return "'" + s + "'";
}

// The location of the k-th entry of the series' `points` (the array's
// location, with the entry's JSON pointer).
source_location point_location(const series_record& s, std::size_t k) {
  source_location where = s.origin.field("points");
  if (s.origin.fields.count("points") == 0 && !where.pointer.empty()) where.pointer += "/points";
  if (!where.pointer.empty()) where.pointer += "/" + std::to_string(k);
  return where;
}

diagnostic make(severity level, std::string code, source_location where, std::string message) {
  diagnostic d;
  d.level = level;
  d.code = std::move(code);
  d.where = std::move(where);
  d.message = std::move(message);
  return d;
}

std::string describe_unit(const unit& u) {
  std::string dim = u.dim.to_string();
  return in_quotes(u.text) + (dim == u.text ? "" : " (" + dim + ")");
}

std::string format_days(double days) {
  std::ostringstream out;
  out.precision(3);
  out << days;
  return out.str();
}

// Reads one listed point through the evaluator; adds errors to `out`.
std::optional<trend_point> read_point(evaluator& ev, const series_record& s, std::size_t k,
                                      diagnostics& out) {
  const std::string& id = s.points[k];
  const dossier& d = ev.source();
  const source_location where = point_location(s, k);
  const evaluated* e = ev.find(id);
  if (e == nullptr) {
    std::string message = "series " + in_quotes(s.id) + " lists " + in_quotes(id) +
                          ", which is no claim, fact or derived figure";
    std::vector<std::string> candidates;
    for (const auto& f : d.figures) candidates.push_back(f.id);
    for (const auto& r : d.derived) candidates.push_back(r.id);
    std::string near = nearest_name(id, candidates);
    message += near.empty() ? "; list the id of a dated figure"
                            : "; did you mean " + in_quotes(near) + "?";
    out.push_back(make(severity::error, "trend.unknown_point", where, message));
    return std::nullopt;
  }
  trend_point p;
  p.id = id;
  p.listed_at = k;
  std::optional<partial_date> as_of;
  if (e->figure != nullptr) {
    const figure_record& f = *e->figure;
    p.kind = to_string(f.kind);
    p.subject = f.subject;
    p.scope = f.scope;
    p.value_text = f.value_text;
    p.qualifier = to_string(f.qual);
    as_of = f.as_of;
    if (f.is_date) {
      out.push_back(make(severity::error, "trend.dimension", where,
                         "point " + in_quotes(id) + " of series " + in_quotes(s.id) +
                             " is a date, not a quantity; list figures with a value and an as_of"));
      return std::nullopt;
    }
    for (const auto& source_id : f.sources) {
      point_source ps;
      ps.id = source_id;
      if (const source_record* src = d.find_source(source_id)) {
        ps.title = src->title;
        ps.publisher = src->publisher;
        ps.url = src->url;
        ps.published = src->published;
      }
      p.sources.push_back(std::move(ps));
    }
  } else if (e->derived != nullptr) {
    const derived_record& r = *e->derived;
    p.kind = "derived";
    p.subject = r.subject;
    p.scope = r.scope;
    p.value_text = r.expr;
    as_of = r.as_of;
    p.inputs = e->inputs;
  }
  if (!as_of) {
    out.push_back(make(severity::error, "trend.no_date", where,
                       "point " + in_quotes(id) + " of series " + in_quotes(s.id) +
                           " has no as_of; give it \"as_of\": \"2023\", \"2023-06\" or "
                           "\"2023-06-27\" (the date the figure describes)"));
    return std::nullopt;
  }
  p.as_of = *as_of;
  if (!e->result) {
    out.push_back(make(severity::error, "trend.no_value", where,
                       "point " + in_quotes(id) + " of series " + in_quotes(s.id) +
                           " could not be computed; fix the errors reported for it"));
    return std::nullopt;
  }
  if (e->result->date) {
    out.push_back(make(severity::error, "trend.dimension", where,
                       "point " + in_quotes(id) + " of series " + in_quotes(s.id) +
                           " is a date, not a quantity; list figures with a value and an as_of"));
    return std::nullopt;
  }
  p.amount = *e->result;
  p.shown.in = e->display;
  return p;
}

}  // namespace

series_trend compute_series_trend(evaluator& ev, const series_record& s) {
  series_trend t;
  t.id = s.id;
  t.subject = s.subject;
  t.dossier = ev.source_name();

  std::vector<trend_point> points;
  for (std::size_t k = 0; k < s.points.size(); ++k) {
    if (auto p = read_point(ev, s, k, t.problems)) points.push_back(std::move(*p));
  }

  // One dimension: the series' unit's when it has one, else the first point's.
  std::optional<unit> display = s.target_unit;
  if (!display && !points.empty()) display = points.front().shown.in;
  if (display) t.display = *display;
  std::vector<trend_point> kept;
  for (auto& p : points) {
    if (p.amount.dim != t.display.dim) {
      std::string whose = s.target_unit ? "the series' unit " + describe_unit(t.display)
                                        : "the first point's unit " + describe_unit(t.display);
      t.problems.push_back(make(severity::error, "trend.dimension", point_location(s, p.listed_at),
                                "point " + in_quotes(p.id) + " of series " + in_quotes(s.id) +
                                    " is in " + describe_unit(p.shown.in) +
                                    ", which does not match " + whose +
                                    "; every point of a series must measure the same thing"));
      continue;
    }
    if (!(p.amount.nominal > 0)) {
      t.problems.push_back(make(severity::error, "trend.non_positive",
                                point_location(s, p.listed_at),
                                "point " + in_quotes(p.id) + " of series " + in_quotes(s.id) +
                                    " is not above zero, so it has no growth rate; a series "
                                    "needs positive values"));
      continue;
    }
    p.shown = show_in(p.amount, t.display);
    kept.push_back(std::move(p));
  }
  if (has_errors(t.problems)) {
    t.points = std::move(kept);
    return t;
  }

  // Date order (stable, so points of one date keep their listed order).
  for (std::size_t i = 1; i < kept.size(); ++i) {
    if (kept[i].as_of.midpoint_days() < kept[i - 1].as_of.midpoint_days()) {
      t.problems.push_back(
          make(severity::warning, "trend.out_of_order", s.origin.field("points"),
               "series " + in_quotes(s.id) + " lists " + in_quotes(kept[i].id) + " (" +
                   kept[i].as_of.to_string() + ") after " + in_quotes(kept[i - 1].id) + " (" +
                   kept[i - 1].as_of.to_string() +
                   "); steps are taken in date order, list the points in that order"));
      break;
    }
  }
  std::stable_sort(kept.begin(), kept.end(), [](const trend_point& a, const trend_point& b) {
    return a.as_of.midpoint_days() < b.as_of.midpoint_days();
  });
  t.points = std::move(kept);

  std::vector<observation> obs;
  for (const auto& p : t.points) {
    obs.push_back(
        observation{p.amount.nominal, p.amount.bounds, p.as_of.midpoint_days(), p.as_of.days()});
  }
  for (std::size_t i = 1; i < t.points.size(); ++i) {
    const auto& a = t.points[i - 1];
    const auto& b = t.points[i];
    trend_step step;
    step.from = i - 1;
    step.to = i;
    step.rate = compute_step(obs[i - 1], obs[i], years_between_midpoints(a.as_of, b.as_of),
                             years_between(a.as_of, b.as_of));
    if (step.rate.years < 1.0 / 12) {
      t.problems.push_back(
          make(severity::warning, "trend.short_step", s.origin.field("points"),
               "series " + in_quotes(s.id) + ": " + in_quotes(a.id) + " (" + a.as_of.to_string() +
                   ") and " + in_quotes(b.id) + " (" + b.as_of.to_string() + ") are " +
                   format_days(step.rate.years * days_per_year) +
                   " days apart, less than a month; their annualised rate magnifies any noise"));
    }
    t.steps.push_back(step);
  }

  auto scopes = t.scopes();
  if (scopes.size() > 1) {
    std::string list;
    for (const auto& sc : scopes) list += (list.empty() ? "" : ", ") + in_quotes(sc);
    t.problems.push_back(make(severity::warning, "trend.mixed_scope", s.origin.where,
                              "series " + in_quotes(s.id) + " mixes scopes " + list +
                                  "; a trend across different things measured is not a rate, "
                                  "split the series or give its points one scope"));
  }

  if (t.points.size() < 3) {
    t.problems.push_back(make(severity::warning, "trend.few_points", s.origin.field("points"),
                              "series " + in_quotes(s.id) + " has " +
                                  std::to_string(t.points.size()) +
                                  " point(s); a fit needs at least three to show how well the "
                                  "points follow it"));
  }
  if (t.points.size() >= 2) {
    auto fit = fit_log_linear(obs);
    if (fit) {
      t.fit = *fit;
    } else {
      t.problems.push_back(make(severity::warning, fit.error().code, s.origin.field("points"),
                                "series " + in_quotes(s.id) + ": " + fit.error().message));
    }
  }
  return t;
}

namespace {

result<value> growth_guarded(evaluator& ev, const std::string& series_id,
                             std::set<std::string>& in_progress) {
  const dossier& d = ev.source();
  const series_record* s = d.find_series(series_id);
  if (s == nullptr) {
    std::vector<std::string> names;
    for (const auto& r : d.series) names.push_back(r.id);
    std::string near = nearest_name(series_id, names);
    return text_error{"trend.unknown_series", 0,
                      "there is no series " + in_quotes(series_id) +
                          (near.empty() ? "; growth() takes the id of a series"
                                        : "; did you mean " + in_quotes(near) + "?")};
  }
  if (!in_progress.insert(series_id).second) {
    return text_error{"trend.cycle", 0,
                      "growth(" + series_id + ") depends on itself through one of its points"};
  }
  series_trend t = compute_series_trend(ev, *s);
  in_progress.erase(series_id);
  for (const auto& p : t.problems) {
    if (p.level == severity::error) return text_error{p.code, 0, p.message};
  }
  if (!t.fit) {
    return text_error{"trend.few_points", 0,
                      "series " + in_quotes(series_id) +
                          " has no fitted growth: it needs at "
                          "least two points on different dates"};
  }
  value v;
  v.bounds = t.fit->growth_bounds();
  v.nominal = t.fit->growth_factor();
  v.dim = dimension{};
  return v;
}

}  // namespace

result<value> series_growth_of(evaluator& ev, const std::string& series_id) {
  std::set<std::string> in_progress;
  return growth_guarded(ev, series_id, in_progress);
}

namespace detail {
result<value> series_growth_within(evaluator& ev, const std::string& series_id,
                                   std::set<std::string>& in_progress) {
  return growth_guarded(ev, series_id, in_progress);
}
}  // namespace detail

diagnostics series_problems(evaluator& ev) {
  diagnostics errors;
  for (const series_record& s : ev.source().series) {
    if (s.origin.imported) continue;
    for (auto& problem : compute_series_trend(ev, s).problems) {
      if (problem.level == severity::error) errors.push_back(std::move(problem));
    }
  }
  return errors;
}

trend_result compute_trends(const std::vector<dossier>& dossiers,
                            const std::vector<std::string>& only, const input_limits& limits) {
  trend_result out;
  std::set<std::string> found;
  for (const dossier& d : dossiers) {
    evaluator ev(d, limits);
    for (const series_record& s : d.series) {
      if (s.origin.imported) continue;
      if (!only.empty() && std::find(only.begin(), only.end(), s.id) == only.end()) continue;
      found.insert(s.id);
      out.series.push_back(compute_series_trend(ev, s));
    }
    // Evaluation problems of the points, once per dossier.
    for (const auto& p : ev.problems()) out.problems.push_back(p);
  }
  for (const auto& t : out.series) {
    out.problems.insert(out.problems.end(), t.problems.begin(), t.problems.end());
  }
  for (const auto& id : only) {
    if (found.count(id)) continue;
    std::vector<std::string> names;
    for (const dossier& d : dossiers) {
      for (const auto& s : d.series) names.push_back(s.id);
    }
    std::string near = nearest_name(id, names);
    out.problems.push_back(
        make(severity::error, "trend.unknown_series", source_location{},
             "no series " + in_quotes(id) + " in the dossiers given" +
                 (near.empty() ? "" : "; did you mean " + in_quotes(near) + "?")));
  }
  return out;
}

}  // namespace claimcheck
