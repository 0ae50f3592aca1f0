// SPDX-License-Identifier: MIT
// Tests of svg_chart.hpp: the chart is well-formed XML (checked by a small
// checker here, and by python3's XML parser when python3 is installed), is
// self-contained, and holds its main elements: axes with readable ticks,
// points with error bars and labels, the fitted line, the legend of scopes,
// open intervals as arrows, and the sources as footnotes.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "claimcheck/report/svg_chart.hpp"
#include "claimcheck/trends.hpp"

using namespace claimcheck;

namespace {

// A dossier built in C++ (no loader): the GPT-3 cost figures of the
// article and the reference facts, each with its scope.
dossier cost_dossier() {
  dossier d;
  d.folder = "/claims/waic-test";
  d.root = "/claims";
  source_record article;
  article.id = "article";
  article.title = "WAIC 2023 report <with & markup>";
  article.publisher = "观察者网";
  d.sources.push_back(article);
  source_record lambda;
  lambda.id = "lambda";
  lambda.title = "OpenAI's GPT-3 Language Model: A Technical Overview";
  lambda.publisher = "Lambda Labs";
  lambda.url = "https://lambdalabs.com/blog/demystifying-gpt-3/";
  lambda.published = parse_partial_date("2020-06-03").value();
  d.sources.push_back(lambda);
  const unit usd = d.units.parse("USD").value();
  auto add = [&](const std::string& id, double v, interval bounds, const std::string& as_of,
                 const std::string& scope, const std::string& source, qualifier q) {
    figure_record f;
    f.kind = figure_kind::claim;
    f.id = id;
    f.subject = "cost of " + id;
    f.value = quantity{v, bounds, usd};
    f.qual = q;
    f.unit_text = "USD";
    f.as_of = parse_partial_date(as_of).value();
    f.scope = scope;
    f.sources = {source};
    d.figures.push_back(f);
  };
  const double inf = HUGE_VAL;
  add("cost_2020", 4.6e6, {4.6e6, inf}, "2020-06", "full-training", "lambda", qualifier::over);
  add("cost_2022", 4.5e5, {4.45e5, 4.55e5}, "2022-09-29", "gpt3-quality", "article",
      qualifier::stated);
  add("cost_2023", 1.4e6, {1.26e6, 1.54e6}, "2023", "full-training", "article", qualifier::about);
  add("cost_bench", 2e4, {1.5e4, 2.5e4}, "2023-06", "mlperf-benchmark", "article",
      qualifier::about);
  series_record s;
  s.id = "gpt3.cost";
  s.subject = "cost to train GPT-3 & friends";
  s.points = {"cost_2020", "cost_2022", "cost_2023", "cost_bench"};
  s.unit_text = "USD";
  s.target_unit = usd;
  d.series.push_back(s);
  return d;
}

// A minimal XML well-formedness check: balanced, properly nested tags,
// quoted attributes, known entities, one root element.
std::string xml_problem(const std::string& text) {
  std::vector<std::string> open;
  std::size_t i = 0;
  int roots = 0;
  while (i < text.size()) {
    if (text[i] == '&') {
      std::size_t end = text.find(';', i);
      if (end == std::string::npos) return "unterminated entity";
      std::string name = text.substr(i + 1, end - i - 1);
      if (name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "apos" &&
          name.rfind("#", 0) != 0) {
        return "unknown entity &" + name + ";";
      }
      i = end + 1;
      continue;
    }
    if (text[i] == '>') return "stray '>' at " + std::to_string(i);
    if (text[i] != '<') {
      ++i;
      continue;
    }
    if (text.compare(i, 5, "<?xml") == 0) {
      i = text.find("?>", i);
      if (i == std::string::npos) return "unterminated declaration";
      i += 2;
      continue;
    }
    if (text.compare(i, 4, "<!--") == 0) {
      i = text.find("-->", i);
      if (i == std::string::npos) return "unterminated comment";
      i += 3;
      continue;
    }
    std::size_t end = i + 1;
    char quote = 0;
    while (end < text.size() && (quote || text[end] != '>')) {
      if (quote) {
        if (text[end] == quote)
          quote = 0;
        else if (text[end] == '<')
          return "'<' inside an attribute at " + std::to_string(end);
      } else if (text[end] == '"' || text[end] == '\'') {
        quote = text[end];
      } else if (text[end] == '<') {
        return "'<' inside a tag at " + std::to_string(end);
      }
      ++end;
    }
    if (end >= text.size()) return "unterminated tag";
    std::string tag = text.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '/') {
      std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) {
        return "closing </" + name + "> does not match <" + (open.empty() ? "" : open.back()) + ">";
      }
      open.pop_back();
      continue;
    }
    bool self_closing = tag.back() == '/';
    std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
    if (open.empty()) ++roots;
    if (!self_closing) open.push_back(name);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  if (roots != 1) return "expected one root element, found " + std::to_string(roots);
  return "";
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// python3's XML parser, when python3 is there: prints "ok" and the number of
// elements of each class of interest, or the parse error.
std::string python_check(const std::string& svg) {
  if (std::system("python3 -c 'import xml.etree.ElementTree' > /dev/null 2>&1") != 0) return "";
  auto dir = std::filesystem::temp_directory_path();
  auto svg_path = dir / ("claimcheck_svg_test_" + std::to_string(::getpid()) + ".svg");
  auto out_path = dir / ("claimcheck_svg_test_" + std::to_string(::getpid()) + ".out");
  {
    std::ofstream file(svg_path, std::ios::binary);
    file << svg;
  }
  const std::string script =
      "import sys, xml.etree.ElementTree as ET\n"
      "root = ET.parse(sys.argv[1]).getroot()\n"
      "counts = {}\n"
      "for e in root.iter():\n"
      "    for c in e.get('class', '').split():\n"
      "        counts[c] = counts.get(c, 0) + 1\n"
      "print('ok', root.tag)\n"
      "for k in sorted(counts): print(k, counts[k])\n";
  auto script_path = dir / ("claimcheck_svg_test_" + std::to_string(::getpid()) + ".py");
  {
    std::ofstream file(script_path);
    file << script;
  }
  std::string command = "python3 '" + script_path.string() + "' '" + svg_path.string() + "' > '" +
                        out_path.string() + "' 2>&1";
  int status = std::system(command.c_str());
  std::ifstream in(out_path);
  std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(svg_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(script_path);
  return status == 0 ? output : "failed: " + output;
}

std::map<std::string, int> class_counts(const std::string& python_output) {
  std::map<std::string, int> counts;
  std::size_t start = python_output.find('\n');
  while (start != std::string::npos && start + 1 < python_output.size()) {
    std::size_t end = python_output.find('\n', start + 1);
    std::string line = python_output.substr(start + 1, end - start - 1);
    std::size_t space = line.find(' ');
    if (space != std::string::npos)
      counts[line.substr(0, space)] = std::stoi(line.substr(space + 1));
    start = end;
  }
  return counts;
}

}  // namespace

TEST_CASE("The small XML checker accepts good XML and rejects broken XML") {
  struct xml_case {
    const char* text;
    const char* problem;  // "" when well-formed
  };
  const xml_case cases[] = {
      {"<a><b x=\"1\"/>t &amp; u</a>", ""},
      {"<?xml version=\"1.0\"?>\n<a></a>", ""},
      {"<a><b></a></b>", "closing </a> does not match <b>"},
      {"<a>", "unclosed <a>"},
      {"<a/><b/>", "expected one root element, found 2"},
      {"<a>x & y</a>", "unterminated entity"},
      {"<a>&nbsp;</a>", "unknown entity &nbsp;"},
      {"<a t=\"<\"/>", "'<' inside an attribute at 6"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(xml_problem(c.text) == c.problem);
  }
}

TEST_CASE("Log axis ticks read as SI numbers") {
  struct tick_case {
    double value;
    bool money;
    const char* label;
  };
  const tick_case cases[] = {
      {1, false, "1"},      {10, false, "10"},   {100, false, "100"},   {1e3, false, "1k"},
      {5e4, false, "50k"},  {1e6, false, "1M"},  {2e9, false, "2G"},    {1e12, false, "1T"},
      {1e18, false, "1E"},  {1e-3, false, "1m"}, {2e-6, false, "2µ"},   {5e-9, false, "5n"},
      {0.2, false, "200m"}, {1e3, true, "1k"},   {4.5e6, true, "4.5M"}, {1e9, true, "1B"},
      {2e12, true, "2T"},   {0.5, true, "0.5"},  {20, true, "20"},
  };
  for (const auto& c : cases) {
    INFO(c.value << (c.money ? " money" : ""));
    CHECK(report::si_tick_label(c.value, c.money) == c.label);
  }
}

TEST_CASE("The trend chart is well-formed self-contained SVG with its main elements") {
  std::vector<dossier> dossiers = {cost_dossier()};
  trend_result r = compute_trends(dossiers);
  REQUIRE(r.series.size() == 1);
  REQUIRE(r.series[0].fit.has_value());
  const std::string svg = report::trend_chart_svg(r);

  CHECK(xml_problem(svg) == "");
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  CHECK(count_of(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"") == 1);
  // Self-contained: no scripts, links, external styles, fonts or images.
  for (const char* outside : {"<script", "href=", "@import", "@font-face", "<image", "url(http"}) {
    INFO(outside);
    CHECK(count_of(svg, outside) == 0);
  }
  // Main elements, by class.
  CHECK(count_of(svg, "class=\"axis value-axis\"") == 1);
  CHECK(count_of(svg, "class=\"axis time-axis\"") == 1);
  CHECK(count_of(svg, "class=\"point\"") == 4);
  CHECK(count_of(svg, "class=\"error-bar\"") == 4);
  CHECK(count_of(svg, "class=\"fit-line\"") == 1);
  CHECK(count_of(svg, "class=\"legend\"") == 1);
  CHECK(count_of(svg, "class=\"label\"") == 4);
  CHECK(count_of(svg, "class=\"open-arrow\"") == 1);  // "over 4.6M"
  CHECK(count_of(svg, "class=\"footnote\"") == 2);
  // Partial dates (a month, a year) have date bars; the full date has none.
  CHECK(count_of(svg, "class=\"date-bar\"") == 3);
  // Readable ticks: decades of USD, and years.
  for (const char* tick : {">100k<", ">1M<", ">10k<", ">2021<", ">2022<", ">2023<", ">2024<"}) {
    INFO(tick);
    CHECK(count_of(svg, tick) == 1);
  }
  CHECK(count_of(svg, "USD (log scale)") == 1);
  // Three scopes in the legend, each its own shape; the mixed scope warning.
  CHECK(count_of(svg, "class=\"legend-entry\"") >= 3);
  CHECK(count_of(svg, ">full-training<") == 1);
  CHECK(count_of(svg, ">gpt3-quality<") == 1);
  CHECK(count_of(svg, ">mlperf-benchmark<") == 1);
  CHECK(count_of(svg, "[trend.mixed_scope]") == 1);
  // Text is escaped.
  CHECK(count_of(svg, "GPT-3 &amp; friends") == 2);  // the heading and the panel's <title>
  CHECK(count_of(svg, "&lt;with &amp; markup&gt;") == 1);
  CHECK(count_of(svg, "Lambda Labs, 2020-06-03, https://lambdalabs.com/blog/demystifying-gpt-3/") ==
        1);

  std::string checked = python_check(svg);
  if (!checked.empty()) {
    INFO(checked);
    REQUIRE(checked.rfind("ok {http://www.w3.org/2000/svg}svg", 0) == 0);
    auto counts = class_counts(checked);
    CHECK(counts["point"] == 4);
    CHECK(counts["error-bar"] == 4);
    CHECK(counts["marker"] >= 4);
    CHECK(counts["fit-line"] == 1);
    CHECK(counts["legend"] == 1);
    CHECK(counts["value-axis"] == 1);
    CHECK(counts["time-axis"] == 1);
    CHECK(counts["tick"] >= 6);
  }
}

TEST_CASE("Charts of several series, of none and of a broken series stay well-formed") {
  dossier d = cost_dossier();
  // A second series in another unit, dated by months within one year.
  const unit gpu = d.units.parse("GPU").value();
  for (int m = 1; m <= 4; ++m) {
    figure_record f;
    f.kind = figure_kind::fact;
    f.id = "gpus_" + std::to_string(m);
    f.value = quantity{1000.0 * m, {1000.0 * m, 1000.0 * m}, gpu};
    f.as_of = parse_partial_date("2023-0" + std::to_string(m * 2)).value();
    d.figures.push_back(f);
  }
  series_record gpus;
  gpus.id = "gpus";
  gpus.points = {"gpus_1", "gpus_2", "gpus_3", "gpus_4"};
  d.series.push_back(gpus);
  series_record broken;
  broken.id = "broken";
  broken.points = {"nothing_here", "cost_2022"};
  d.series.push_back(broken);
  std::vector<dossier> dossiers = {d};
  trend_result r = compute_trends(dossiers);
  REQUIRE(r.series.size() == 3);
  const std::string svg = report::trend_chart_svg(r);
  CHECK(xml_problem(svg) == "");
  CHECK(count_of(svg, "class=\"panel\"") == 3);
  CHECK(count_of(svg, "clip-path=\"url(#clip-0)\"") == 1);
  CHECK(count_of(svg, "clip-path=\"url(#clip-1)\"") == 1);
  // Months on the time axis of a short series; SI ticks without a unit prefix.
  CHECK(count_of(svg, ">2023-04<") == 1);
  CHECK(count_of(svg, ">2k<") == 1);
  CHECK(count_of(svg, "(no scope)") == 1);
  CHECK(count_of(svg, "no points to draw") == 0);  // the broken series still has one point
  CHECK(count_of(svg, "[trend.unknown_point]") == 1);
  if (std::string checked = python_check(svg); !checked.empty()) {
    INFO(checked);
    CHECK(checked.rfind("ok ", 0) == 0);
  }

  const std::string empty = report::trend_chart_svg(trend_result{});
  CHECK(xml_problem(empty) == "");
  CHECK(count_of(empty, "no series") == 1);
}

// Issue 14: a subject with U+FFFE (a noncharacter XML 1.0 does not allow),
// U+FFFF, a control character or a byte that is not UTF-8 made the SVG
// not well-formed. Each is written as U+FFFD or a space.
TEST_CASE("A subject with characters XML does not allow still gives well-formed SVG") {
  dossier d = cost_dossier();
  d.series.front().subject = "cost \xEF\xBF\xBE of \xEF\xBF\xBF GPT-3 \x01 \xFF end";
  std::vector<dossier> dossiers = {d};
  const std::string svg = report::trend_chart_svg(compute_trends(dossiers));
  CHECK(xml_problem(svg) == "");
  CHECK(svg.find("\xEF\xBF\xBE") == std::string::npos);
  CHECK(svg.find("\xEF\xBF\xBF") == std::string::npos);
  CHECK(svg.find('\x01') == std::string::npos);
  CHECK(svg.find('\xFF') == std::string::npos);
  CHECK(svg.find("cost \xEF\xBF\xBD of") != std::string::npos);
  if (std::string checked = python_check(svg); !checked.empty()) {
    INFO(checked);
    CHECK(checked.rfind("ok ", 0) == 0);
  }
}
