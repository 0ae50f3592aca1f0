// SPDX-License-Identifier: MIT
#include "claimcheck/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string_view>
#include <vector>

#include "claimcheck/report/format.hpp"
#include "claimcheck/report/trend_report.hpp"
#include "claimcheck/text.hpp"

namespace claimcheck::report {
namespace {

// Okabe-Ito colours: told apart by people with any common colour
// blindness; each scope also gets its own marker shape.
constexpr const char* palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                   "#E69F00", "#56B4E9", "#000000"};
constexpr const char* shapes[] = {"circle",  "square",        "triangle",
                                  "diamond", "triangle-down", "hexagon"};
constexpr std::size_t palette_size = sizeof palette / sizeof palette[0];
constexpr std::size_t shape_count = sizeof shapes / sizeof shapes[0];

// Layout, in px.
constexpr double margin_left = 96;
constexpr double legend_width = 250;
constexpr double title_height = 64;
constexpr double axis_height = 48;
constexpr double line_height = 16;
constexpr std::size_t footnote_chars = 140;

// Lines of at most `limit` code points, broken at spaces where possible
// (SVG text does not wrap by itself).
std::vector<std::string> wrap(const std::string& text, std::size_t limit) {
  std::vector<std::string> lines;
  std::string line, word;
  std::size_t line_length = 0, word_length = 0;
  auto flush_word = [&]() {
    if (word.empty()) return;
    if (line_length > 0 && line_length + 1 + word_length > limit) {
      lines.push_back(line);
      line.clear();
      line_length = 0;
    }
    if (line_length > 0) {
      line += ' ';
      ++line_length;
    }
    line += word;
    line_length += word_length;
    word.clear();
    word_length = 0;
  };
  for (const char c : text) {
    if (c == ' ') {
      flush_word();
      continue;
    }
    word += c;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++word_length;
    if (word_length >= limit) {  // a word longer than a line (a URL): cut it
      if (line_length > 0) lines.push_back(line);
      lines.push_back(word);
      line.clear();
      word.clear();
      line_length = word_length = 0;
    }
  }
  flush_word();
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string trim_number(double mantissa) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", mantissa);
  return buffer;
}

double day_number(const partial_date& d) {
  return static_cast<double>(d.first_day().time_since_epoch().count());
}

struct value_axis {
  double log_lo = 0, log_hi = 1;  // log10 of the domain, in the display unit
  std::vector<double> ticks;
};

struct time_axis {
  double day_lo = 0, day_hi = 1;
  std::vector<std::pair<double, std::string>> ticks;  // day, label
};

value_axis make_value_axis(double vmin, double vmax) {
  value_axis a;
  double lmin = std::log10(vmin), lmax = std::log10(vmax);
  double pad = std::max(0.1, 0.08 * (lmax - lmin));
  a.log_lo = lmin - pad;
  a.log_hi = lmax + pad;
  const int first = static_cast<int>(std::ceil(a.log_lo));
  const int last = static_cast<int>(std::floor(a.log_hi));
  const int decades = last - first + 1;
  const int step = decades > 8 ? (decades + 7) / 8 : 1;
  for (int k = first; k <= last; k += step) a.ticks.push_back(std::pow(10.0, k));
  if (decades < 3) {
    // Narrow ranges: 1-2-5 ticks, or every digit when even those are few.
    std::vector<double> finer;
    for (double digits : {1.0, 2.0, 5.0}) {
      for (int k = first - 1; k <= last; ++k) {
        double v = digits * std::pow(10.0, k);
        double l = std::log10(v);
        if (l >= a.log_lo && l <= a.log_hi) finer.push_back(v);
      }
    }
    if (finer.size() < 3) {
      finer.clear();
      for (int digit = 1; digit <= 9; ++digit) {
        for (int k = first - 1; k <= last; ++k) {
          double v = digit * std::pow(10.0, k);
          double l = std::log10(v);
          if (l >= a.log_lo && l <= a.log_hi) finer.push_back(v);
        }
      }
    }
    std::sort(finer.begin(), finer.end());
    a.ticks = finer;
  }
  return a;
}

time_axis make_time_axis(double day_lo, double day_hi) {
  time_axis a;
  double span = std::max(day_hi - day_lo, 30.0);
  double pad = std::max(15.0, 0.04 * span);
  a.day_lo = day_lo - pad;
  a.day_hi = day_hi + pad;
  const double years = (a.day_hi - a.day_lo) / days_per_year;
  auto year_of = [](double day) {
    return static_cast<int>(std::floor(1970 + day / days_per_year));
  };
  if (years >= 2) {
    int step = 1;
    for (int candidate : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
      step = candidate;
      if (years / candidate <= 10) break;
    }
    for (int y = year_of(a.day_lo) - 1; y <= year_of(a.day_hi) + 1; ++y) {
      if (y % step != 0) continue;
      partial_date d;
      d.year = y;
      double day = day_number(d);
      if (day >= a.day_lo && day <= a.day_hi) a.ticks.emplace_back(day, d.to_string());
    }
  } else {
    unsigned step = 1;
    for (unsigned candidate : {1u, 2u, 3u, 6u}) {
      step = candidate;
      if (years * 12 / candidate <= 12) break;
    }
    for (int y = year_of(a.day_lo) - 1; y <= year_of(a.day_hi) + 1; ++y) {
      for (unsigned m = 1; m <= 12; m += step) {
        partial_date d;
        d.year = y;
        d.month = m;
        double day = day_number(d);
        if (day >= a.day_lo && day <= a.day_hi) a.ticks.emplace_back(day, d.to_string());
      }
    }
  }
  return a;
}

std::string marker_svg(const std::string& shape, double x, double y, const std::string& colour,
                       double r = 6) {
  std::string attrs =
      " class=\"marker\" fill=\"" + colour + "\" stroke=\"#ffffff\" stroke-width=\"1\"";
  auto polygon = [&](const std::vector<std::pair<double, double>>& pts) {
    std::string list;
    for (const auto& p : pts) list += num(x + p.first) + "," + num(y + p.second) + " ";
    list.pop_back();
    return "<polygon points=\"" + list + "\"" + attrs + "/>";
  };
  if (shape == "square") {
    return "<rect x=\"" + num(x - r * 0.85) + "\" y=\"" + num(y - r * 0.85) + "\" width=\"" +
           num(r * 1.7) + "\" height=\"" + num(r * 1.7) + "\"" + attrs + "/>";
  }
  if (shape == "triangle") return polygon({{0, -r * 1.15}, {r, r * 0.75}, {-r, r * 0.75}});
  if (shape == "triangle-down") return polygon({{0, r * 1.15}, {r, -r * 0.75}, {-r, -r * 0.75}});
  if (shape == "diamond") return polygon({{0, -r * 1.2}, {r, 0}, {0, r * 1.2}, {-r, 0}});
  if (shape == "hexagon") {
    std::vector<std::pair<double, double>> pts;
    for (int k = 0; k < 6; ++k) {
      double angle = 3.14159265358979 / 3 * k;
      pts.emplace_back(r * std::cos(angle), r * std::sin(angle));
    }
    return polygon(pts);
  }
  return "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" + num(r) + "\"" + attrs + "/>";
}

std::string line_svg(double x1, double y1, double x2, double y2, const std::string& extra) {
  return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" +
         num(y2) + "\" " + extra + "/>";
}

std::string text_svg(double x, double y, const std::string& text, const std::string& extra) {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" " + extra + ">" + html_escape(text) +
         "</text>";
}

struct panel_output {
  std::string svg;
  double height = 0;
};

// Where a panel's plot lies, and how values and days map into it.
struct plot_frame {
  double left = 0, right = 0, top = 0, bottom = 0;
  value_axis values;
  time_axis days;
  double x_of(double day) const {
    return left + (day - days.day_lo) / (days.day_hi - days.day_lo) * (right - left);
  }
  double y_of(double v) const {
    return bottom -
           (std::log10(v) - values.log_lo) / (values.log_hi - values.log_lo) * (bottom - top);
  }
};

// A scope's marker shape and colour; the unscoped points get the next pair.
struct scope_styles {
  std::vector<std::string> scopes;
  std::pair<std::string, std::string> of(const std::string& scope) const {
    std::size_t k = scope.empty()
                        ? scopes.size()
                        : static_cast<std::size_t>(std::find(scopes.begin(), scopes.end(), scope) -
                                                   scopes.begin());
    return {shapes[k % shape_count], palette[k % palette_size]};
  }
};

void draw_axes(std::ostream& out, const plot_frame& f, bool money, const unit& display) {
  out << "<g class=\"axis value-axis\">\n";
  for (double v : f.values.ticks) {
    double y = f.y_of(v);
    out << line_svg(f.left, y, f.right, y, "class=\"grid\" stroke=\"#e0e0e0\"") << '\n';
    out << line_svg(f.left - 5, y, f.left, y, "class=\"tick\" stroke=\"#333333\"") << '\n';
    out << text_svg(f.left - 8, y + 4, si_tick_label(v, money),
                    "text-anchor=\"end\" font-size=\"11\"")
        << '\n';
  }
  out << line_svg(f.left, f.top, f.left, f.bottom, "stroke=\"#333333\"") << '\n';
  std::string unit_name = display.text.empty() || display.text == "1" ? "value" : display.text;
  double mid = (f.top + f.bottom) / 2;
  out << "<text x=\"18\" y=\"" << num(mid) << "\" transform=\"rotate(-90 18 " << num(mid)
      << ")\" text-anchor=\"middle\" font-size=\"12\">" << html_escape(unit_name + " (log scale)")
      << "</text>\n";
  out << "</g>\n";

  out << "<g class=\"axis time-axis\">\n";
  for (const auto& [day, label] : f.days.ticks) {
    double x = f.x_of(day);
    out << line_svg(x, f.top, x, f.bottom, "class=\"grid\" stroke=\"#eeeeee\"") << '\n';
    out << line_svg(x, f.bottom, x, f.bottom + 5, "class=\"tick\" stroke=\"#333333\"") << '\n';
    out << text_svg(x, f.bottom + 18, label, "text-anchor=\"middle\" font-size=\"11\"") << '\n';
  }
  out << line_svg(f.left, f.bottom, f.right, f.bottom, "stroke=\"#333333\"") << '\n';
  out << text_svg((f.left + f.right) / 2, f.bottom + 36, "as of",
                  "text-anchor=\"middle\" font-size=\"12\"")
      << '\n';
  out << "</g>\n";
}

// One end of an error bar: an arrow at the plot's edge for an open end,
// else a short cross line.
void draw_bar_end(std::ostream& out, double x, double y, double edge, bool open,
                  const std::string& colour) {
  if (open) {
    const double inward = edge < y ? 9 : -9;
    out << "<polygon class=\"open-arrow\" points=\"" << num(x) << "," << num(edge) << " "
        << num(x - 5) << "," << num(edge + inward) << " " << num(x + 5) << "," << num(edge + inward)
        << "\" fill=\"" << colour << "\"/>\n";
  } else {
    out << line_svg(x - 4, y, x + 4, y, "stroke=\"" + colour + "\" stroke-width=\"1.5\"") << '\n';
  }
}

// A point: date bar, error bar (or arrow), marker, label.
void draw_point(std::ostream& out, const plot_frame& f, const trend_point& p, std::size_t i,
                const std::vector<std::size_t>& marks, const scope_styles& styles) {
  auto [shape, colour] = styles.of(p.scope);
  const double x = f.x_of(p.as_of.midpoint_days());
  const double y = f.y_of(p.shown.nominal);
  out << "<g class=\"point\" data-id=\"" << html_escape(p.id) << "\">\n";
  interval days = p.as_of.days();
  if (days.hi > days.lo) {
    const std::string faded = "stroke=\"" + colour + "\" stroke-opacity=\"0.45\"";
    double x1 = f.x_of(days.lo), x2 = f.x_of(days.hi + 1);
    out << line_svg(x1, y, x2, y, "class=\"date-bar\" " + faded + " stroke-width=\"2\"") << '\n'
        << line_svg(x1, y - 3, x1, y + 3, faded) << '\n'
        << line_svg(x2, y - 3, x2, y + 3, faded) << '\n';
  }
  const bool open_high = std::isinf(p.shown.bounds.hi);
  const bool open_low = !(p.shown.bounds.lo > 0);
  const double y_hi = open_high ? f.top + 4 : f.y_of(p.shown.bounds.hi);
  const double y_lo = open_low ? f.bottom - 4 : f.y_of(p.shown.bounds.lo);
  out << line_svg(x, y_hi, x, y_lo,
                  "class=\"error-bar\" stroke=\"" + colour + "\" stroke-width=\"1.5\"")
      << '\n';
  draw_bar_end(out, x, y_hi, f.top, open_high, colour);
  draw_bar_end(out, x, y_lo, f.bottom, open_low, colour);
  out << marker_svg(shape, x, y, colour) << '\n';
  std::string label = p.id + ": " + format_value(p.shown.nominal, p.shown.in);
  for (std::size_t m : marks) label += " [" + std::to_string(m) + "]";
  const bool right_side = x < f.right - 200;
  const double label_y = i % 2 == 0 ? y - 10 : y + 20;
  out << text_svg(right_side ? x + 9 : x - 9, label_y, label,
                  std::string("class=\"label\" font-size=\"11\" text-anchor=\"") +
                      (right_side ? "start" : "end") + "\"")
      << '\n';
  out << "<title>"
      << html_escape(p.id + " (" + p.as_of.to_string() +
                     "): " + format_interval(p.shown.bounds, p.shown.in) +
                     (p.scope.empty() ? "" : ", scope " + p.scope))
      << "</title>\n";
  out << "</g>\n";
}

// The legend, right of the plot: scopes, the fit, and what the marks mean.
void draw_legend(std::ostream& out, const plot_frame& f, const series_trend& t,
                 const scope_styles& styles) {
  const double lx = f.right + 20;
  double ly = f.top + 6;
  out << "<g class=\"legend\">\n";
  out << text_svg(lx, ly + 4, "scope", "font-size=\"12\" font-weight=\"bold\"") << '\n';
  ly += 22;
  std::vector<std::string> entries = styles.scopes;
  bool unscoped = std::any_of(t.points.begin(), t.points.end(),
                              [](const trend_point& p) { return p.scope.empty(); });
  if (unscoped) entries.emplace_back();
  for (const auto& scope : entries) {
    auto [shape, colour] = styles.of(scope);
    out << "<g class=\"legend-entry\">" << marker_svg(shape, lx + 6, ly, colour)
        << text_svg(lx + 20, ly + 4, clip_text(scope.empty() ? "(no scope)" : scope, 30),
                    "font-size=\"11\"")
        << "</g>\n";
    ly += 20;
  }
  ly += 6;
  if (t.fit) {
    out << "<g class=\"legend-entry\">"
        << line_svg(lx, ly, lx + 14, ly,
                    "stroke=\"#555555\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"")
        << text_svg(lx + 20, ly + 4, "fit ×" + format_number(t.fit->growth_factor()) + "/yr",
                    "font-size=\"11\"")
        << "</g>\n";
    ly += 16;
    std::string detail = t.fit->slope == 0
                             ? "flat"
                             : std::string(t.fit->halving() ? "halving " : "doubling ") +
                                   format_number(t.fit->doubling_years()) + " yr";
    if (t.fit->r_squared) detail += ", R² " + format_number(*t.fit->r_squared);
    out << text_svg(lx + 20, ly + 4, detail, "font-size=\"11\" fill=\"#555555\"") << '\n';
    ly += 20;
  }
  out << "<g class=\"legend-entry\">"
      << line_svg(lx + 6, ly - 7, lx + 6, ly + 7, "stroke=\"#333333\" stroke-width=\"1.5\"")
      << text_svg(lx + 20, ly + 4, "value interval", "font-size=\"11\"") << "</g>\n";
  ly += 18;
  out << "<g class=\"legend-entry\">"
      << line_svg(lx, ly, lx + 14, ly,
                  "stroke=\"#333333\" stroke-opacity=\"0.45\" stroke-width=\"2\"")
      << text_svg(lx + 20, ly + 4, "date period (year, month)", "font-size=\"11\"") << "</g>\n";
  ly += 18;
  out << "<g class=\"legend-entry\"><polygon points=\"" << num(lx + 6) << "," << num(ly - 6) << " "
      << num(lx + 1) << "," << num(ly + 3) << " " << num(lx + 11) << "," << num(ly + 3)
      << "\" fill=\"#333333\"/>"
      << text_svg(lx + 20, ly + 4, "open interval (over, under)", "font-size=\"11\"") << "</g>\n";
  out << "</g>\n";
}

// The plot of a series with points: axes, fitted line, points, legend.
void draw_plot(std::ostream& out, plot_frame frame, const series_trend& t, std::size_t index,
               const std::vector<std::vector<std::size_t>>& marks) {
  // Domains from what is drawn: nominal values, finite bounds, fitted ends.
  double vmin = HUGE_VAL, vmax = 0, dmin = HUGE_VAL, dmax = -HUGE_VAL;
  auto include_value = [&](double v) {
    if (v > 0 && std::isfinite(v)) {
      vmin = std::min(vmin, v);
      vmax = std::max(vmax, v);
    }
  };
  for (const auto& p : t.points) {
    include_value(p.shown.nominal);
    include_value(p.shown.bounds.lo);
    include_value(p.shown.bounds.hi);
    interval days = p.as_of.days();
    dmin = std::min(dmin, days.lo);
    dmax = std::max(dmax, days.hi + 1);
  }
  const double scale = t.display.scale;
  const double fit_start = t.points.front().as_of.midpoint_days();
  const double fit_end = t.points.back().as_of.midpoint_days();
  if (t.fit) {
    include_value(t.fit->fitted(fit_start) / scale);
    include_value(t.fit->fitted(fit_end) / scale);
  }
  frame.values = make_value_axis(vmin, vmax);
  frame.days = make_time_axis(dmin, dmax);
  const plot_frame& f = frame;
  out << "<clipPath id=\"clip-" << index << "\"><rect x=\"" << num(f.left) << "\" y=\""
      << num(f.top) << "\" width=\"" << num(f.right - f.left) << "\" height=\""
      << num(f.bottom - f.top) << "\"/></clipPath>\n";
  out << "<rect class=\"plot-area\" x=\"" << num(f.left) << "\" y=\"" << num(f.top) << "\" width=\""
      << num(f.right - f.left) << "\" height=\"" << num(f.bottom - f.top)
      << "\" fill=\"#fafafa\" stroke=\"none\"/>\n";
  draw_axes(out, f, is_money(t.display), t.display);
  // The fitted line, under the points.
  if (t.fit) {
    out << "<g clip-path=\"url(#clip-" << index << ")\">"
        << line_svg(f.x_of(fit_start), f.y_of(t.fit->fitted(fit_start) / scale), f.x_of(fit_end),
                    f.y_of(t.fit->fitted(fit_end) / scale),
                    "class=\"fit-line\" stroke=\"#555555\" stroke-width=\"1.5\" "
                    "stroke-dasharray=\"6 4\"")
        << "</g>\n";
  }
  const scope_styles styles{t.scopes()};
  for (std::size_t i = 0; i < t.points.size(); ++i)
    draw_point(out, f, t.points[i], i, marks[i], styles);
  draw_legend(out, f, t, styles);
}

// Whether a series has anything to plot on a log scale.
bool plottable(const series_trend& t) {
  return std::any_of(t.points.begin(), t.points.end(), [](const trend_point& p) {
    for (double v : {p.shown.nominal, p.shown.bounds.lo, p.shown.bounds.hi}) {
      if (v > 0 && std::isfinite(v)) return true;
    }
    return false;
  });
}

panel_output draw_panel(const series_trend& t, std::size_t index, const chart_options& options,
                        double top) {
  std::ostringstream out;
  plot_frame frame;
  frame.left = margin_left;
  frame.right = options.width - legend_width;
  frame.top = top + title_height;
  frame.bottom = frame.top + options.plot_height;
  auto notes = footnotes_of(t);

  const std::string title = t.id + (t.subject.empty() ? "" : ": " + t.subject);
  out << "<g class=\"panel\" id=\"series-" << index << "\">\n";
  out << "<title>" << html_escape(title) << "</title>\n";
  out << text_svg(16, top + 24, clip_text(title, 88),
                  "class=\"title\" font-size=\"16\" font-weight=\"bold\"")
      << '\n';
  std::string subtitle = t.dossier;
  if (t.fit)
    subtitle += (subtitle.empty() ? "" : " · ") + std::string("fit ") + describe_fit(*t.fit);
  out << text_svg(16, top + 44, clip_text(subtitle, 130),
                  "class=\"subtitle\" font-size=\"12\" fill=\"#555555\"")
      << '\n';

  double body_height = options.plot_height + axis_height;
  if (t.points.empty() || !plottable(t)) {
    out << text_svg(frame.left, frame.top + 40, "no points to draw; see the errors below",
                    "class=\"warning\" fill=\"#b35900\"")
        << '\n';
    body_height = 60;
  } else {
    draw_plot(out, frame, t, index, notes.marks);
  }

  double y = frame.top + body_height;
  // Warnings and footnotes, wrapped; continuation lines are indented.
  auto wrapped = [&](const std::string& text, const std::string& attributes) {
    auto lines = wrap(text, footnote_chars);
    out << "<text " << attributes << ">";
    for (std::size_t k = 0; k < lines.size(); ++k) {
      y += line_height;
      out << "<tspan x=\"" << (k == 0 ? 16 : 30) << "\" y=\"" << num(y) << "\">"
          << html_escape(lines[k]) << "</tspan>";
    }
    out << "</text>\n";
  };
  for (const diagnostic& d : t.problems) {
    wrapped("⚠ " + std::string(to_string(d.level)) + " [" + d.code + "] " + d.message,
            std::string("class=\"warning\" font-size=\"11\" fill=\"") +
                (d.level == severity::error ? "#c00000" : "#b35900") + "\"");
  }
  out << "<g class=\"footnotes\">\n";
  for (std::size_t k = 0; k < notes.notes.size(); ++k) {
    wrapped("[" + std::to_string(k + 1) + "] " + notes.notes[k],
            "class=\"footnote\" font-size=\"11\"");
  }
  out << "</g>\n</g>\n";
  return panel_output{out.str(), y + 24 - top};
}

}  // namespace

std::string si_tick_label(double v, bool money) {
  if (!(v > 0) || !std::isfinite(v)) return format_number(v);
  const int exponent = static_cast<int>(std::floor(std::log10(v) + 1e-9));
  int group = exponent >= 0 ? exponent / 3 : -((-exponent + 2) / 3);
  if (money) {
    static const char* const suffixes[] = {"", "k", "M", "B", "T"};
    if (group < 0) return trim_number(v);
    if (group > 4) return format_number(v);
    return trim_number(v / std::pow(10.0, 3 * group)) + suffixes[group];
  }
  static const char* const prefixes[] = {"n", "µ", "m", "", "k", "M", "G", "T", "P", "E"};
  if (group < -3 || group > 6) return format_number(v);
  return trim_number(v / std::pow(10.0, 3 * group)) + prefixes[group + 3];
}

std::string trend_chart_svg(const trend_result& r, const chart_options& options) {
  std::vector<panel_output> panels;
  double height = 0;
  for (std::size_t k = 0; k < r.series.size(); ++k) {
    panels.push_back(draw_panel(r.series[k], k, options, height));
    height += panels.back().height;
  }
  if (panels.empty()) height = 80;
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << options.width
      << "\" height=\"" << num(height) << "\" viewBox=\"0 0 " << options.width << " " << num(height)
      << "\" role=\"img\" font-family=\"sans-serif\" fill=\"#222222\">\n";
  std::string title = "claimcheck trends";
  for (const auto& t : r.series) title += (title.size() > 17 ? ", " : ": ") + t.id;
  out << "<title>" << html_escape(title) << "</title>\n";
  out << "<desc>Log-scale value against date for each series, with value intervals as error "
         "bars, date periods as horizontal bars, the least-squares fit of log(value) on time as "
         "a dashed line, and sources as footnotes. Written by claimcheck trend.</desc>\n";
  out << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  if (panels.empty()) out << text_svg(16, 40, "no series", "class=\"warning\"") << '\n';
  for (const auto& p : panels) out << p.svg;
  out << "</svg>\n";
  return out.str();
}

}  // namespace claimcheck::report
