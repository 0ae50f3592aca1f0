// SPDX-License-Identifier: MIT
// Tests of trend_report.hpp: the text, Markdown, CSV and JSON writers of
// `claimcheck trend`, on a series built in C++ (no loader).
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "claimcheck/numerals.hpp"
#include "claimcheck/report/trend_report.hpp"

using namespace claimcheck;

namespace {

// Three costs (two scopes) and one derived point.
trend_result sample() {
  dossier d;
  d.folder = "/claims/waic-test";
  d.root = "/claims";
  source_record src;
  src.id = "lambda";
  src.title = "Demystifying GPT-3";
  src.publisher = "Lambda Labs";
  src.url = "https://lambdalabs.com/blog/demystifying-gpt-3/";
  d.sources.push_back(src);
  const unit usd = d.units.parse("USD").value();
  auto add = [&](const std::string& id, double v, interval bounds, const std::string& as_of,
                 const std::string& scope) {
    figure_record f;
    f.kind = figure_kind::fact;
    f.id = id;
    f.value_text = std::to_string(v);
    f.value = quantity{v, bounds, usd};
    // Only `over` reaches +inf; a stated figure's infinite bound is an overflow.
    if (std::isinf(bounds.hi)) f.qual = qualifier::over;
    f.as_of = parse_partial_date(as_of).value();
    f.scope = scope;
    f.sources = {"lambda"};
    d.figures.push_back(f);
  };
  add("cost_2020", 4.6e6, {4.6e6, HUGE_VAL}, "2020-06", "full-training");
  add("cost_2023", 1.4e6, {1.26e6, 1.54e6}, "2023-02", "full-training");
  add("half", 0.5, {0.5, 0.5}, "2023", "");
  d.figures.back().value.in = unit::dimensionless();
  derived_record r;
  r.id = "cost_2022";
  r.expr = "cost_2023 * half";
  r.target_unit = usd;
  r.as_of = parse_partial_date("2022-09").value();
  r.scope = "gpt3-quality";
  d.derived.push_back(r);
  series_record s;
  s.id = "gpt3.cost";
  s.subject = "cost to train GPT-3 | once";
  s.points = {"cost_2020", "cost_2022", "cost_2023"};
  s.target_unit = usd;
  s.origin.where = source_location{"claims.json", 40, 5, "/series/0"};
  d.series.push_back(s);
  std::vector<dossier> all = {d};
  return compute_trends(all);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("Step and fit descriptions read as rates") {
  step_rate s;
  s.change = 0.1;
  s.annual_factor = std::sqrt(0.1);
  s.annual_bounds = {0.2, 0.5};
  CHECK(report::describe_change(s) == "×0.1 (-90%)");
  CHECK(report::describe_annual(s) == "×0.316/yr [0.2, 0.5]");
  s.change = 4;
  CHECK(report::describe_change(s) == "×4 (+300%)");
  s.annual_factor.reset();
  CHECK(report::describe_annual(s) == "n/a (same date)");
  log_fit f;
  f.points = 3;
  f.slope = std::log(2.0);
  f.slope_bounds = {std::log(1.5), HUGE_VAL};
  f.r_squared = 0.97;
  CHECK(report::describe_fit(f) ==
        "×2/yr [1.5, inf], doubling every 1 yr [0, 1.71], R² 0.97 (3 points)");
}

TEST_CASE("The text table lines up and ends with the fit, warnings and footnotes") {
  auto r = sample();
  REQUIRE(r.series.size() == 1);
  const std::string text = report::trend_report_text(r);
  auto lines = lines_of(text);
  REQUIRE(lines.size() >= 8);
  CHECK(lines[0] == "waic-test  series gpt3.cost: cost to train GPT-3 | once (USD)");
  // Columns line up: every row's value starts where the header's does.
  const std::size_t value_column = lines[1].find("value");
  CHECK(lines[2].find("4.6M USD") == value_column);
  CHECK(lines[3].find("700k USD") == value_column);
  CHECK(lines[4].find("1.4M USD") == value_column);
  CHECK_THAT(text, Catch::Matchers::Contains("[4.6M, inf] USD"));
  CHECK_THAT(text, Catch::Matchers::Contains("cost_2022 [2]"));
  CHECK_THAT(text, Catch::Matchers::Contains("gpt3-quality"));
  CHECK_THAT(text, Catch::Matchers::Contains("  fit: ×"));
  CHECK_THAT(text, Catch::Matchers::Contains(
                       "claims.json:40:5: warning: [trend.mixed_scope] series 'gpt3.cost' mixes "
                       "scopes 'full-training', 'gpt3-quality'"));
  CHECK_THAT(
      text,
      Catch::Matchers::Contains(
          "[1] Demystifying GPT-3 — Lambda Labs, https://lambdalabs.com/blog/demystifying-gpt-3/"));
  CHECK_THAT(text,
             Catch::Matchers::Contains("[2] cost_2022 = cost_2023 * half (from cost_2023, half)"));
}

TEST_CASE("The Markdown report has one table per series and escapes cells") {
  auto r = sample();
  const std::string md = report::trend_report_markdown(r);
  CHECK_THAT(md, Catch::Matchers::StartsWith("# Trends\n"));
  CHECK_THAT(md, Catch::Matchers::Contains("## gpt3.cost: cost to train GPT-3 \\| once (USD)"));
  CHECK_THAT(md, Catch::Matchers::Contains("| date | value | interval | source | step | annualised "
                                           "| scope |\n|---|---|---|---|---|---|---|\n"));
  CHECK_THAT(md,
             Catch::Matchers::Contains(
                 "| 2020-06 | 4.6M USD | [4.6M, inf] USD | cost_2020 [1] |  |  | full-training |"));
  CHECK_THAT(md, Catch::Matchers::Contains("**Fit:** ×"));
  CHECK_THAT(md, Catch::Matchers::Contains("- **warning** `trend.mixed_scope`"));
  CHECK_THAT(md, Catch::Matchers::Contains("(`claims.json:40:5`)"));
  CHECK(report::trend_report_markdown(trend_result{}) == "# Trends\n\nNo series.\n");
}

TEST_CASE("The CSV report has a row per point and per fit with exact numbers") {
  auto r = sample();
  const std::string csv = report::trend_report_csv(r);
  auto lines = lines_of(csv);
  REQUIRE(lines.size() == 5);  // header, three points, the fit
  const std::string header =
      "dossier,series,record,id,kind,as_of,value,low,high,unit,scope,sources,change,change_low,"
      "change_high,years,years_low,years_high,annual,annual_low,annual_high,r_squared,"
      "doubling_years";
  CHECK(lines[0] == header);
  const auto columns = [](const std::string& line) {
    std::size_t n = 1;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) ++n;
    }
    return n;
  };
  for (const auto& line : lines) CHECK(columns(line) == 23);
  CHECK_THAT(lines[1],
             Catch::Matchers::StartsWith(
                 "waic-test,gpt3.cost,point,cost_2020,fact,2020-06,4600000,4600000,inf,USD,"
                 "full-training,lambda,,"));
  CHECK_THAT(lines[2],
             Catch::Matchers::StartsWith(
                 "waic-test,gpt3.cost,point,cost_2022,derived,2022-09,700000,630000,770000,"));
  CHECK_THAT(lines[4], Catch::Matchers::StartsWith("waic-test,gpt3.cost,fit,"));
  // A value that is not an integer reads back exactly.
  const auto& step = r.series[0].steps[0].rate;
  CHECK_THAT(lines[2], Catch::Matchers::Contains(std::to_string(step.change).substr(0, 6)));
}

namespace {

// The numbers of a CSV or JSON text: every run of number characters that
// stands between separators (',', ':', '[', line ends) and reads whole.
std::vector<std::string> numbers_in(const std::string& text) {
  std::vector<std::string> out;
  std::string token;
  auto flush = [&] {
    double v = 0;
    const char* const end = token.data() + token.size();
    auto [stop, problem] = std::from_chars(token.data(), end, v);
    if (!token.empty() && problem == std::errc() && stop == end) out.push_back(token);
    token.clear();
  };
  for (char c : text) {
    if (c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\n') {
      flush();
    } else {
      token += c;
    }
  }
  flush();
  return out;
}

}  // namespace

TEST_CASE("CSV and JSON write every number in the one shortest round-trip form") {
  auto r = sample();
  for (const std::string& text : {report::trend_report_csv(r), report::trend_report_json(r)}) {
    const auto numbers = numbers_in(text);
    CHECK(numbers.size() > 20);
    for (const auto& n : numbers) {
      double v = 0;
      std::from_chars(n.data(), n.data() + n.size(), v);
      INFO(n);
      CHECK(claimcheck::format_number(v) == n);  // numerals.hpp: shortest, "1e21" not "1e+21"
    }
  }
}

TEST_CASE("A step's percent is the change scaled before 100 is taken away") {
  step_rate s;
  s.change = 1200.0 / 1000.0;
  // (1.2 - 1) * 100 is 19.999999999999996.
  CHECK(claimcheck::format_number(s.percent()) == "20");
  CHECK(report::describe_change(s) == "×1.2 (+20%)");
  s.change = 0.1;
  CHECK(claimcheck::format_number(s.percent()) == "-90");
}

TEST_CASE("The JSON report parses and names every number's unit") {
  auto r = sample();
  const std::string json = report::trend_report_json(r);
  CHECK_THAT(json, Catch::Matchers::StartsWith(
                       "{\"report\":\"trend\",\"format_version\":1,\"series\":[{"));
  CHECK_THAT(json, Catch::Matchers::Contains("\"unit\":\"USD\""));
  CHECK_THAT(json, Catch::Matchers::Contains("\"high\":null"));  // the open interval
  CHECK_THAT(json, Catch::Matchers::Contains("\"code\":\"trend.mixed_scope\""));
  CHECK_THAT(json, Catch::Matchers::Contains("\"inputs\":[\"cost_2023\",\"half\"]"));
  CHECK_THAT(json, Catch::Matchers::Contains("\"halving_years\":"));
  if (std::system("python3 -c 'import json' > /dev/null 2>&1") == 0) {
    auto path = std::filesystem::temp_directory_path() /
                ("claimcheck_trend_json_" + std::to_string(::getpid()) + ".json");
    {
      std::ofstream file(path, std::ios::binary);
      file << json;
    }
    const std::string command =
        "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
        "s=d[\"series\"][0]; assert len(s[\"points\"])==3 and len(s[\"steps\"])==2 "
        "and s[\"fit\"][\"points\"]==3' '" +
        path.string() + "'";
    CHECK(std::system(command.c_str()) == 0);
    std::filesystem::remove(path);
  }
}
