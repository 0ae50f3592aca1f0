// SPDX-License-Identifier: MIT
// Tests of the schema.org ClaimReview writer (report/claimreview.hpp): the
// one mapping of verdicts to ratings, and every field a ClaimReview needs
// (schema.org and the search engines' fact-check guidelines).
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>

#include <rapidjson/document.h>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/check_stream.hpp"
#include "claimcheck/report/claimreview.hpp"

namespace fs = std::filesystem;
using namespace claimcheck;

namespace {

struct checked {
  load_result loaded;
  std::vector<std::unique_ptr<evaluator>> evaluators;
  std::vector<check_run> runs;
};

std::unique_ptr<checked> check_dossier(const fs::path& folder) {
  auto c = std::make_unique<checked>();
  c->loaded = load_paths({folder}, {});
  for (const auto& d : c->loaded.dossiers) {
    c->evaluators.push_back(std::make_unique<evaluator>(d));
    c->runs.push_back(run_checks(d, *c->evaluators.back()));
  }
  return c;
}

std::unique_ptr<checked> check_newsroom() {
  return check_dossier(fs::path(CLAIMCHECK_TEST_DATA) / "ecosystem" / "newsroom");
}

std::unique_ptr<checked> check_ratings() {
  return check_dossier(fs::path(CLAIMCHECK_TEST_DATA) / "claimreview" / "ratings");
}

rapidjson::Document parsed(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsArray());
  return doc;
}

struct run_output {
  int status = -1;
  std::string out, err;
};

// Runs the claimcheck command with `arguments`, capturing stdout and stderr.
// The folder is this process's own: CTest runs each test case as a process
// of its own, in parallel, and a shared folder let one case read another's
// output.
run_output run_claimcheck(const std::string& arguments) {
  const fs::path dir =
      fs::temp_directory_path() / ("claimcheck_claimreview_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string command = std::string(CLAIMCHECK_BINARY) + " " + arguments + " > " +
                              (dir / "out").string() + " 2> " + (dir / "err").string();
  run_output r;
  int status = std::system(command.c_str());
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  fs::remove_all(dir);
  return r;
}

std::string text(const rapidjson::Value& object, const char* name) {
  REQUIRE(object.IsObject());
  INFO("field " << name);
  REQUIRE(object.HasMember(name));
  REQUIRE(object[name].IsString());
  return object[name].GetString();
}

}  // namespace

TEST_CASE("Each verdict and the evidence behind it give one rating of the documented scale") {
  auto c = check_ratings();
  REQUIRE(c->loaded.ok());
  const check_run& run = c->runs.at(0);
  struct row {
    const char* claim;
    int value;  // 0: no rating (unverified)
    const char* name;
    const char* why;  // a phrase of the reason, for the weaker ratings
  };
  const row rows[] = {
      {"rail.cost", 5, "True", ""},
      {"rail.length", 4, "Plausible", "only bound it"},
      {"rail.trains", 4, "Plausible", "only redo the article's own arithmetic"},
      {"rail.stations", 4, "Plausible", "have no primary source"},
      {"rail.tunnel", 3, "Imprecise", ""},
      {"rail.speed_min", 5, "True", ""},
      {"rail.speed_max", 1, "False", ""},
      {"rail.opening", 0, "", ""},
  };
  for (const auto& r : rows) {
    CAPTURE(r.claim);
    const claim_result* claim = nullptr;
    for (const auto& cr : run.claims) {
      if (cr.id == r.claim) claim = &cr;
    }
    REQUIRE(claim != nullptr);
    auto rating = report::rate_claim(run, *claim);
    if (r.value == 0) {
      CHECK_FALSE(rating);
      continue;
    }
    REQUIRE(rating);
    CHECK(rating->value == r.value);
    CHECK(std::string(rating->name) == r.name);
    CHECK(rating->value >= report::worst_rating);
    CHECK(rating->value <= report::best_rating);
    CHECK(rating->reason.find(r.why) != std::string::npos);
  }
}

TEST_CASE("A failing warning check far off is Misleading, a contradicted claim False") {
  auto c = check_newsroom();
  REQUIRE(c->loaded.ok());
  const check_run& run = c->runs.at(0);
  std::map<std::string, std::string> names;
  for (const auto& claim : run.claims) {
    auto rating = report::rate_claim(run, claim);
    names[claim.id] = rating ? rating->name : "-";
  }
  CHECK(names["tram.cost"] == "False");
  CHECK(names["tram.cost_per_ride"] == "Misleading");  // 2.40 against "less than 2": 1.2x
  CHECK(names["tram.riders_2022"] == "True");
  CHECK(names["tram.riders"] == "-");
}

TEST_CASE("Claims with a verdict get a ClaimReview with every required and recommended field") {
  auto c = check_newsroom();
  REQUIRE(c->loaded.ok());
  report::claimreview_options options;
  options.review_url = "https://factcheck.example.org/tram";
  options.review_date = "2023-05-20";
  options.reviewer = "Example Fact Desk";
  report::claimreview_set set = report::claimreviews(c->runs, options);
  CHECK(set.reviews == 3);
  CHECK(set.left_out == 3);  // tram.riders, tram.riders_2021, tram.works: unverified
  rapidjson::Document doc = parsed(set.json);
  REQUIRE(doc.Size() == 3);

  const std::map<std::string, std::string> expected_rating = {
      {"tram.cost", "False"}, {"tram.cost_per_ride", "Misleading"}, {"tram.riders_2022", "True"}};
  for (const auto& review : doc.GetArray()) {
    CHECK(text(review, "@context") == "https://schema.org");
    CHECK(text(review, "@type") == "ClaimReview");
    const std::string url = text(review, "url");
    REQUIRE(url.rfind("https://factcheck.example.org/tram#claim-", 0) == 0);
    const std::string id = url.substr(url.find("#claim-") + 7);
    CAPTURE(id);
    CHECK(text(review, "datePublished") == "2023-05-20");
    CHECK(text(review, "name").rfind("Fact check: ", 0) == 0);
    CHECK(text(review["author"], "@type") == "Organization");
    CHECK(text(review["author"], "name") == "Example Fact Desk");
    CHECK(text(review["author"], "url") == "https://factcheck.example.org/");

    const auto& item = review["itemReviewed"];
    CHECK(text(item, "@type") == "Claim");
    CHECK(text(item, "datePublished") == "2023-05-02");
    CHECK(text(item["author"], "@type") == "Person");
    if (id == "tram.cost_per_ride") {
      CHECK(text(item["author"], "name") == "Ana Ruiz");
      CHECK(text(review, "claimReviewed") == "Cost to the city of one ride: under 2 USD/ride");
    } else {
      CHECK(text(item["author"], "name") == "Jo Writer");  // the document's author
    }
    if (id == "tram.cost")
      CHECK(text(review, "claimReviewed") == "Construction cost of the tram line: 120M USD");
    for (const char* where : {"appearance", "firstAppearance"}) {
      CAPTURE(where);
      CHECK(text(item[where], "@type") == "CreativeWork");
      CHECK(text(item[where], "url") == "https://news.example.org/2023/05/tram-line");
      CHECK(text(item[where], "headline") == "Tram line pays off, says City Hall");
    }

    const auto& rating = review["reviewRating"];
    CHECK(text(rating, "@type") == "Rating");
    REQUIRE(rating["ratingValue"].IsInt());
    CHECK(rating["bestRating"].GetInt() == 5);
    CHECK(rating["worstRating"].GetInt() == 1);
    REQUIRE(expected_rating.count(id) == 1);
    CHECK(text(rating, "alternateName") == expected_rating.at(id));
    CHECK(text(rating, "name") == expected_rating.at(id));
    CHECK_FALSE(text(rating, "ratingExplanation").empty());
  }
}

TEST_CASE("Claims that share a quote get one review of it, rated by the worst of them") {
  auto c = check_ratings();
  REQUIRE(c->loaded.ok());
  report::claimreview_set set = report::claimreviews(c->runs, {});
  CHECK(set.shared == 2);
  CHECK(set.left_out == 3);  // rail.old_trains, rail.new_trains, rail.opening: unverified
  rapidjson::Document doc = parsed(set.json);
  CHECK(doc.Size() == 6);  // 7 claims with a verdict, two of them in one review
  int of_shared_quote = 0;
  for (const auto& review : doc.GetArray()) {
    const std::string sentence = text(review, "claimReviewed");
    if (sentence.find("speed") == std::string::npos) continue;
    ++of_shared_quote;
    CHECK(sentence == "Lowest speed: 5 mile/h; highest speed: 9 mile/h");
    CHECK(text(review["reviewRating"], "alternateName") == "False");
    const std::string why = text(review["reviewRating"], "ratingExplanation");
    CHECK(why.find("rail.speed_min: Supported.") != std::string::npos);
    CHECK(why.find("rail.speed_max: Contradicted.") != std::string::npos);
  }
  CHECK(of_shared_quote == 1);
}

TEST_CASE("The review's reviewer, url and date come from the document's review record") {
  auto c = check_ratings();
  REQUIRE(c->loaded.ok());
  CHECK(report::claimreview_problems(c->runs, {}).empty());
  rapidjson::Document doc = parsed(report::claimreview_json(c->runs, {}));
  CHECK(text(doc[0], "url") == "https://checks.example.org/rail#claim-rail.cost");
  CHECK(text(doc[0], "datePublished") == "2024-03-05");
  CHECK(text(doc[0]["author"], "name") == "Example Fact Desk");
  CHECK(text(doc[0]["author"], "url") == "https://checks.example.org/");
  // Options win over the record.
  report::claimreview_options options;
  options.review_url = "https://other.example.org/x";
  options.reviewer = "Other Desk";
  options.reviewer_url = "https://other.example.org/about";
  doc = parsed(report::claimreview_json(c->runs, options));
  CHECK(text(doc[0], "url") == "https://other.example.org/x#claim-rail.cost");
  CHECK(text(doc[0]["author"], "name") == "Other Desk");
  CHECK(text(doc[0]["author"], "url") == "https://other.example.org/about");
}

TEST_CASE(
    "Without a review url or reviewer, or with a url that is not absolute, nothing is published") {
  auto c = check_newsroom();
  std::vector<std::string> codes;
  for (const auto& d : report::claimreview_problems(c->runs, {})) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"claimreview.no_url", "claimreview.no_reviewer"});

  report::claimreview_options options;
  options.review_url = "not a url";
  options.reviewer = "Desk";
  options.reviewer_url = "ftp://example.org/";
  options.document_url = "/relative/path";
  codes.clear();
  for (const auto& d : report::claimreview_problems(c->runs, options)) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"claimreview.url", "claimreview.url", "claimreview.url"});
}

TEST_CASE("Web addresses: absolute http or https with a host") {
  const std::pair<const char*, bool> rows[] = {
      {"https://example.org", true},
      {"https://example.org/checks/waic-2023#x", true},
      {"HTTP://example.org:8080/a?b=c", true},
      {"http://例子.中国/路径", true},
      {"", false},
      {"#claim-waic.dates_start", false},
      {"not a url", false},
      {"example.org/checks", false},
      {"ftp://example.org/", false},
      {"https://", false},
      {"https:///path", false},
      {"https://exa mple.org/", false},
      {"https://example.org/a b", false},
      {"https://example.org:/", false},
      {"https://example.org:port/", false},
      {"javascript:alert(1)", false},
  };
  for (const auto& [url, ok] : rows) {
    CAPTURE(url);
    CHECK(is_web_url(url) == ok);
  }
}

TEST_CASE("The rating explanation summarises the evidence of each check") {
  auto c = check_newsroom();
  REQUIRE(c->loaded.ok());
  const check_run& run = c->runs.at(0);
  std::map<std::string, std::string> by_id;
  for (const auto& claim : run.claims) by_id[claim.id] = report::verdict_explanation(run, claim);
  CHECK(by_id["tram.cost"] ==
        "Contradicted. tram.cost_vs_audit fails (1.4x apart): The auditor puts the cost at about "
        "190 million dollars, not 120 million.");
  CHECK(by_id["tram.riders_2022"] ==
        "Supported. tram.riders_2022_vs_report passes: The transit report's 41,800 a day fits "
        "'about 40,000'.");
  CHECK(by_id["tram.riders"] == "Unverified. No check of the dossier is about this claim.");
}

TEST_CASE("check --format claimreview refuses without a review url, says what to add, exits 2") {
  const std::string newsroom = std::string(CLAIMCHECK_TEST_DATA) + "/ecosystem/newsroom";
  run_output r = run_claimcheck("check " + newsroom + " --format claimreview");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("[claimreview.no_url]") != std::string::npos);
  CHECK(r.err.find("--review-url URL") != std::string::npos);
  CHECK(r.err.find("\"review\"") != std::string::npos);

  r = run_claimcheck("check " + newsroom +
                     " --format claimreview --reviewer Desk --review-url 'not a url'");
  CHECK(r.status == 2);
  CHECK(r.err.find("[claimreview.url] --review-url 'not a url'") != std::string::npos);

  r = run_claimcheck("check " + newsroom +
                     " --format claimreview --reviewer Desk --review-url https://example.org/c "
                     "--review-date 2023-05");
  CHECK(r.status == 2);

  r = run_claimcheck("check " + newsroom +
                     " --format claimreview --reviewer Desk --review-url https://example.org/c "
                     "--review-date 2023-05-20");
  CHECK(r.status == 0);
  CHECK(parsed(r.out).Size() == 3);
  CHECK(r.err.find("3 unverified claims left out") != std::string::npos);
}

TEST_CASE(
    "Without a review url or date the review points at its own anchor and its dossier's date") {
  auto c = check_newsroom();
  std::string json = report::claimreview_json(c->runs, {});
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(text(doc[0], "url") == "#claim-tram.cost");
  // The latest date of its sources (an access on 2023-05-10), never today:
  // the same claim files give the same reviews.
  CHECK(text(doc[0], "datePublished") == "2023-05-10");
  CHECK(report::claimreview_json(c->runs, {}) == json);
}

TEST_CASE("A dossier's date is the latest day a source was published or accessed") {
  struct row {
    std::optional<const char*> published, accessed, document_published;
    const char* expected;
  };
  const row rows[] = {
      {"2023-03", "2023-05-10", "2023-05-02", "2023-05-10"},
      {"2023-06-27", std::nullopt, "2023-07-08", "2023-07-08"},
      {"2023-06", std::nullopt, std::nullopt, "2023-06"},
      {"2023", "2022-12-31", std::nullopt, "2023"},  // a year ends after its last day
      {std::nullopt, std::nullopt, std::nullopt, ""},
  };
  for (const auto& r : rows) {
    dossier d;
    source_record s;
    s.id = "s";
    if (r.published) s.published = parse_partial_date(*r.published).value();
    if (r.accessed) s.accessed = parse_partial_date(*r.accessed).value();
    d.sources.push_back(s);
    if (r.document_published) {
      d.document = document_record{};
      d.document->published = parse_partial_date(*r.document_published).value();
    }
    INFO(r.expected);
    CHECK(report::dossier_date(d) == r.expected);
  }
}

TEST_CASE("SOURCE_DATE_EPOCH reads as a day in UTC") {
  const std::pair<const char*, std::optional<std::string>> rows[] = {
      {"0", "1970-01-01"},
      {"1685577599", "2023-05-31"},  // 23:59:59 UTC
      {"1685577600", "2023-06-01"},
      {"253402300799", "9999-12-31"},
      {"253402300800", std::nullopt},
      {"-1", std::nullopt},
      {"", std::nullopt},
      {"12 ", std::nullopt},
      {"1.5", std::nullopt},
      {"today", std::nullopt},
      {"99999999999999999999999", std::nullopt},
  };
  for (const auto& [seconds, day] : rows) {
    INFO('"' << seconds << '"');
    CHECK(report::date_of_epoch(seconds) == day);
  }
}

TEST_CASE("check --format claimreview dates the reviews by SOURCE_DATE_EPOCH when it is set") {
  const std::string check = std::string(CLAIMCHECK_BINARY) + " check " + CLAIMCHECK_TEST_DATA +
                            "/ecosystem/newsroom --format claimreview --reviewer Desk "
                            "--review-url https://example.org/c";
  auto run_to_text = [](const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    pclose(pipe);
    return out;
  };
  const std::string by_epoch = run_to_text("SOURCE_DATE_EPOCH=1685577600 " + check);
  CHECK(by_epoch.find("\"datePublished\":\"2023-06-01\"") != std::string::npos);
  const std::string by_dossier = run_to_text("env -u SOURCE_DATE_EPOCH " + check);
  CHECK(by_dossier.find("\"datePublished\":\"2023-05-10\"") != std::string::npos);
  // --review-date wins over both.
  CHECK(run_to_text("SOURCE_DATE_EPOCH=1685577600 " + check + " --review-date 2023-05-20")
            .find("\"datePublished\":\"2023-05-20\"") != std::string::npos);
  int status = std::system(("SOURCE_DATE_EPOCH=yesterday " + check + " > /dev/null 2>&1").c_str());
  CHECK((WIFEXITED(status) ? WEXITSTATUS(status) : -1) == 2);
  // Other formats are not dated, so a bad SOURCE_DATE_EPOCH does not concern them.
  status = std::system(("SOURCE_DATE_EPOCH=yesterday " + std::string(CLAIMCHECK_BINARY) +
                        " check " + CLAIMCHECK_TEST_DATA + "/ecosystem/newsroom > /dev/null 2>&1")
                           .c_str());
  CHECK((WIFEXITED(status) ? WEXITSTATUS(status) : -1) == 0);
}

// The shipped dossier has no public review page (the project has no public
// address), so it names none: publishing needs the publisher's --review-url.
TEST_CASE("The shipped dossier's reviews need the publisher's --review-url") {
  const std::string check =
      "check " + std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/waic-2023 --format claimreview";
  run_output refused = run_claimcheck(check);
  CHECK(refused.status == 2);
  CHECK(refused.err.find("claimreview.no_url") != std::string::npos);
  run_output r = run_claimcheck(check + " --review-url https://factcheck.example.org/waic-2023");
  CHECK(r.status == 0);
  rapidjson::Document doc = parsed(r.out);
  CHECK(doc.Size() > 0);
  for (const auto& review : doc.GetArray()) {
    CHECK(is_web_url(text(review, "url")));
    CHECK(text(review["reviewRating"], "alternateName") != "Unproven");
  }
}

TEST_CASE("The ratings dossier's reviews are the bytes recorded for them") {
  // A record of the output, independent of the writers: the streamed and
  // whole-corpus paths share claimreview_writer, so comparing them cannot
  // see a change both make. Regenerate deliberately, with these options.
  const std::string data = CLAIMCHECK_TEST_DATA;
  run_output r = run_claimcheck("check " + data +
                                "/claimreview/ratings --format claimreview --review-url "
                                "https://example.org/checks/ratings --reviewer 'Example Desk' "
                                "--review-date 2023-07-10");
  REQUIRE(r.status == 0);
  std::ifstream in(data + "/claimreview/ratings-reviews.jsonld", std::ios::binary);
  const std::string expected(std::istreambuf_iterator<char>(in), {});
  REQUIRE_FALSE(expected.empty());
  CHECK(r.out == expected);
}

TEST_CASE("A review url in the document record is checked when the dossier is loaded") {
  const fs::path dir = fs::temp_directory_path() / "claimcheck_review_url_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "d.json") << "{\"claimcheck\": 1, \"document\": {\"review\": {\"by\": "
                                   "\"Desk\", \"url\": \"www.x.org\"}}}";
  load_result loaded = load_paths({dir}, {});
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems[0].code == "review.url");
  CHECK(loaded.problems[0].where.pointer == "/document/review/url");
  CHECK(loaded.problems[0].where.line == 1);
  fs::remove_all(dir);
}

// Issue 16: `check --format claimreview` keeps no runs. The writer passes
// each run's reviews on when it is given the run, and the pieces joined are
// the whole-corpus writer's array, counts included.
TEST_CASE("The reviews are written a dossier at a time, each as its run is given") {
  auto newsroom = check_newsroom();
  auto ratings = check_ratings();
  const std::vector<const check_run*> runs = {&newsroom->runs.at(0), &ratings->runs.at(0)};
  report::claimreview_options options;
  options.review_url = "https://example.org/c";
  options.reviewer = "Desk";
  std::vector<std::string> pieces;
  report::claimreview_writer writer(options,
                                    [&](std::string_view piece) { pieces.emplace_back(piece); });
  writer.add(*runs[0]);
  REQUIRE(pieces.size() == 1);
  const std::string first = report::claimreview_json({*runs[0]}, options);
  CHECK(pieces[0] == first.substr(0, first.size() - 2));  // all but the closing "]\n"
  writer.add(*runs[1]);
  REQUIRE(pieces.size() == 2);
  CHECK(pieces[1].rfind(",{", 0) == 0);
  const report::claimreview_set counts = writer.finish();
  CHECK(pieces.back() == "]\n");
  std::string joined;
  for (const auto& piece : pieces) joined += piece;
  const report::claimreview_set whole = report::claimreviews({*runs[0], *runs[1]}, options);
  CHECK(joined == whole.json);
  CHECK(counts.json.empty());
  CHECK(counts.reviews == whole.reviews);
  CHECK(counts.left_out == whole.left_out);
  CHECK(counts.shared == whole.shared);
}

TEST_CASE("check_claimreview_streamed passes each dossier's reviews on as it is checked") {
  const std::vector<fs::path> paths = {fs::path(CLAIMCHECK_TEST_DATA) / "claimreview" / "ratings",
                                       fs::path(CLAIMCHECK_TEST_DATA) / "ecosystem" / "newsroom",
                                       fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023"};
  report::claimreview_options options;
  options.review_url = "https://example.org/c";
  options.reviewer = "Desk";
  for (unsigned threads : {1u, 3u}) {
    INFO(threads << " threads");
    load_options load;
    load.threads = threads;
    std::vector<std::string> pieces;
    const report::check_outcome out = report::check_claimreview_streamed(
        paths, load, options, false, [&](std::string_view piece) { pieces.emplace_back(piece); });
    REQUIRE(out.loaded);
    CHECK(out.review_problems.empty());
    CHECK(pieces.size() == paths.size() + 1);  // one piece per dossier, then the close
    std::string joined;
    for (const auto& piece : pieces) joined += piece;
    const load_result loaded = load_paths(paths, {});
    const std::vector<check_run> runs = run_checks_of(loaded.dossiers, {}, 1);
    CHECK(joined == report::claimreview_json(runs, options));
    // Without the options the newsroom names no review url nor reviewer
    // and waic-2023 no url: nothing is written from the first dossier that
    // lacks one on (the ratings dossier names its own url and reviewer).
    pieces.clear();
    const report::check_outcome refused = report::check_claimreview_streamed(
        paths, load, {}, false, [&](std::string_view piece) { pieces.emplace_back(piece); });
    std::vector<std::string> codes;
    for (const auto& problem : refused.review_problems) codes.push_back(problem.code);
    CHECK(codes == std::vector<std::string>{"claimreview.no_url", "claimreview.no_reviewer",
                                            "claimreview.no_url"});
    CHECK(pieces.size() == 2);  // the ratings dossier, then the close
  }
}
