// SPDX-License-Identifier: MIT
// Tests of the HTML report (report/html.hpp, `claimcheck report`): what the
// page holds, that it is self-contained and escaped, that it is written
// atomically, and, through scripts/check-html, that headless Chromium
// renders it without a console error and not blank.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include <date/date.h>

#include "claimcheck/loader.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/html.hpp"

namespace fs = std::filesystem;
using namespace claimcheck;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int run(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string newsroom_page() {
  load_result loaded = load_paths({fs::path(CLAIMCHECK_TEST_DATA) / "ecosystem" / "newsroom"}, {});
  REQUIRE(loaded.ok());
  explained_dossiers r = check_and_explain(loaded.dossiers);
  REQUIRE(r.ok());
  report::html_options options;
  options.generated_date = "2023-05-20";
  return report::html_report(r, options);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("html_escape replaces the five special characters") {
  CHECK(report::html_escape("a & b") == "a &amp; b");
  CHECK(report::html_escape("<script>") == "&lt;script&gt;");
  CHECK(report::html_escape("\"'") == "&quot;&#39;");
  // Control characters are not allowed in XML 1.0 (the SVG charts): spaces.
  CHECK(report::html_escape("a\x01"
                            "b\tc\nd") == "a b\tc\nd");
  CHECK(report::html_escape("觀察者網") == "觀察者網");
}

TEST_CASE("The page shows the document every claim with its verdict every check and the sources") {
  std::string page = newsroom_page();
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(page, "<title>Fact-check: Tram line pays off, says City Hall</title>"));
  CHECK(contains(page, "By Jo Writer"));
  CHECK(contains(page, "Published 2023-05-02"));
  CHECK(contains(page, "href=\"https://news.example.org/2023/05/tram-line\""));
  for (const char* quote :
       {"cost 120 million dollars", "carries 45,000 riders a day",
        "Each ride costs the city less than 2 dollars", "after 3 years of work"}) {
    CAPTURE(quote);
    CHECK(contains(page, quote));
  }
  CHECK(contains(page, "id=\"claim-tram.cost\""));
  CHECK(contains(page, "<span class=\"badge contradicted\">Contradicted</span>"));
  CHECK(contains(page, "<span class=\"badge questionable\">Questionable</span>"));
  CHECK(contains(page, "<span class=\"badge supported\">Supported</span>"));
  CHECK(contains(page, "<span class=\"badge unverified\">Unverified</span>"));
  for (const char* check :
       {"tram.cost_vs_audit", "tram.riders_2022_vs_report", "tram.cost_per_ride_vs_report"}) {
    CAPTURE(check);
    CHECK(contains(page, std::string("id=\"check-") + check + "\""));
  }
  // The explanation chain: the figures a check rests on, with their intervals.
  CHECK(contains(page, "Figures it rests on"));
  CHECK(contains(page, "[180M, 200M] USD"));
  CHECK(contains(page, "1.4x apart"));
  // The trend chart, inline.
  CHECK(contains(page, "<svg"));
  CHECK(contains(page, "tram.ridership"));
  // Sources as links, escaped.
  CHECK(contains(page, "href=\"https://audit.example.org/tram?year=2023&amp;part=1\""));
  CHECK(contains(page, "Audit of the tram project &amp; its &lt;costs&gt;"));
  CHECK_FALSE(contains(page, "<costs>"));
  CHECK(contains(page, "2023-05-20"));
}

TEST_CASE("The page is dated by its dossiers, never by the day it is written") {
  load_result loaded = load_paths({fs::path(CLAIMCHECK_TEST_DATA) / "ecosystem" / "newsroom"}, {});
  REQUIRE(loaded.ok());
  explained_dossiers r = check_and_explain(loaded.dossiers);
  const std::string page = report::html_report(r, {});
  // The latest day a source was accessed (2023-05-10), in the masthead and footer.
  CHECK(contains(page, "<span>2023-05-10</span></div>"));
  CHECK(contains(page, " as of 2023-05-10 from the dossier's claim files."));
  CHECK(report::html_report(r, {}) == page);
  const std::string today =
      date::format("%F", date::floor<date::days>(std::chrono::system_clock::now()));
  CHECK_FALSE(contains(page, today));
}

TEST_CASE("The page states margins in the words of the text report and % figures in %") {
  load_result loaded = load_paths({fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023"}, {});
  REQUIRE(loaded.ok());
  explained_dossiers r = check_and_explain(loaded.dossiers);
  REQUIRE(r.ok());
  const std::string page = report::html_report(r, {});
  int margins = 0;
  for (const auto& c : r.dossiers[0].run.checks) {
    const std::string margin = report::check_margin_text(c);
    if (margin.empty()) continue;
    INFO(c.id << ": " << margin);
    CHECK(contains(page, ": " + report::html_escape(margin) + "</p>"));
    ++margins;
  }
  CHECK(margins > 20);
  // "33x apart (nominal ratio 0.024)" before, where the text report said
  // "33x apart (nominal 41x)".
  CHECK_FALSE(contains(page, "(nominal ratio 0.0"));
  // A step written in % reads in %, not as 0.01 or 1.
  CHECK(contains(page, "<code style=\"padding-left:0px\">1 [%]</code><span class=\"value\">1%"));
  CHECK(
      contains(page, "<code style=\"padding-left:0px\">100 [%]</code><span class=\"value\">100%"));
}

TEST_CASE("The page needs nothing from outside itself") {
  std::string page = newsroom_page();
  CHECK_FALSE(std::regex_search(page, std::regex("<script[^>]*src=", std::regex::icase)));
  CHECK_FALSE(std::regex_search(page, std::regex("<link", std::regex::icase)));
  CHECK_FALSE(contains(page, "@import"));
  CHECK_FALSE(contains(page, "@font-face"));
  CHECK_FALSE(std::regex_search(page, std::regex("url\\(['\"]?(https?:|//)")));
  CHECK_FALSE(std::regex_search(page, std::regex("src=['\"]?(https?:|//)")));
  // The only script is the ClaimReview data, which browsers never run, and
  // it cannot end early.
  std::size_t scripts = 0;
  for (std::size_t at = page.find("<script"); at != std::string::npos;
       at = page.find("<script", at + 1))
    ++scripts;
  CHECK(scripts == 1);
  CHECK(contains(page, "<script type=\"application/ld+json\">"));
  auto start = page.find("<script type=\"application/ld+json\">");
  auto end = page.find("</script>", start);
  std::string json = page.substr(start, end - start);
  CHECK(contains(json, "\"@type\":\"ClaimReview\""));
  CHECK(contains(json, "\"url\":\"#claim-tram.cost\""));
  CHECK_FALSE(contains(json.substr(10), "</"));
}

TEST_CASE("claimcheck report writes atomically and refuses to overwrite without force") {
  const fs::path folder =
      fs::temp_directory_path() / ("html_report_test_" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const fs::path page = folder / "page.html";
  const std::string base = std::string(CLAIMCHECK_BINARY) + " report " + CLAIMCHECK_TEST_DATA +
                           "/ecosystem/newsroom --html " + page.string();
  CHECK(run(base + " > /dev/null 2>&1") == 0);
  REQUIRE(fs::exists(page));
  CHECK(contains(read_file(page), "Tram line pays off"));
  { std::ofstream(page) << "mine"; }
  CHECK(run(base + " > /dev/null 2>&1") == 2);
  CHECK(read_file(page) == "mine");
  CHECK(run(base + " --force > /dev/null 2>&1") == 0);
  CHECK(contains(read_file(page), "Tram line pays off"));
  CHECK(run(std::string(CLAIMCHECK_BINARY) + " report " + CLAIMCHECK_TEST_DATA +
            "/ecosystem/newsroom > /dev/null 2>&1") == 2);
  CHECK(run(std::string(CLAIMCHECK_BINARY) + " report " + CLAIMCHECK_TEST_DATA +
            "/ecosystem/invalid --html " + (folder / "x.html").string() + " > /dev/null 2>&1") ==
        2);
  CHECK_FALSE(fs::exists(folder / "x.html"));
  std::size_t left = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++left;
  CHECK(left == 1);  // no temporary file left behind
  fs::remove_all(folder);
}

// Rendering in headless Chromium is a CTest test of its own (tests/CMakeLists.txt:
// scripts/check-html, skipped with exit 77 where Chromium is absent).
