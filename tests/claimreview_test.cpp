// Tests of the schema.org ClaimReview writer (report/claimreview.hpp): the
// one mapping of verdicts to ratings, and every field a ClaimReview needs
// (schema.org and the search engines' fact-check guidelines).
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>

#include <rapidjson/document.h>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/claimreview.hpp"

namespace fs = std::filesystem;
using namespace claimcheck;

namespace {

struct checked {
  load_result loaded;
  std::vector<std::unique_ptr<evaluator>> evaluators;
  std::vector<check_run> runs;
};

std::unique_ptr<checked> check_newsroom() {
  auto c = std::make_unique<checked>();
  c->loaded = load_paths({fs::path(CLAIMCHECK_TEST_DATA) / "ecosystem" / "newsroom"}, {});
  for (const auto& d : c->loaded.dossiers) {
    c->evaluators.push_back(std::make_unique<evaluator>(d));
    c->runs.push_back(run_checks(d, *c->evaluators.back()));
  }
  return c;
}

std::string text(const rapidjson::Value& object, const char* name) {
  REQUIRE(object.IsObject());
  INFO("field " << name);
  REQUIRE(object.HasMember(name));
  REQUIRE(object[name].IsString());
  return object[name].GetString();
}

}  // namespace

TEST_CASE("Verdicts map to ratings by one table") {
  struct row {
    claim_verdict verdict;
    int value;
    const char* name;
  };
  const row rows[] = {
      {claim_verdict::contradicted, 1, "False"},
      {claim_verdict::questionable, 2, "Misleading"},
      {claim_verdict::unverified, 3, "Unproven"},
      {claim_verdict::supported, 5, "True"},
  };
  for (const auto& r : rows) {
    CAPTURE(to_string(r.verdict));
    CHECK(report::rating_of(r.verdict).value == r.value);
    CHECK(std::string(report::rating_of(r.verdict).alternate_name) == r.name);
    CHECK(r.value >= report::worst_rating);
    CHECK(r.value <= report::best_rating);
  }
}

TEST_CASE("Every claim gets a ClaimReview with every required field") {
  auto c = check_newsroom();
  REQUIRE(c->loaded.ok());
  report::claimreview_options options;
  options.review_url = "https://factcheck.example.org/tram";
  options.review_date = "2023-05-20";
  options.review_author = "Example Fact Desk";
  std::string json = report::claimreview_json(c->runs, options);
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsArray());
  REQUIRE(doc.Size() == 6);

  const std::map<std::string, std::string> expected_rating = {
      {"tram.cost", "False"},           {"tram.cost_per_ride", "Misleading"},
      {"tram.riders_2022", "True"},     {"tram.riders", "Unproven"},
      {"tram.riders_2021", "Unproven"}, {"tram.works", "Unproven"}};
  for (const auto& review : doc.GetArray()) {
    CHECK(text(review, "@context") == "https://schema.org");
    CHECK(text(review, "@type") == "ClaimReview");
    const std::string url = text(review, "url");
    REQUIRE(url.rfind("https://factcheck.example.org/tram#claim-", 0) == 0);
    const std::string id = url.substr(url.find("#claim-") + 7);
    CAPTURE(id);
    CHECK(text(review, "datePublished") == "2023-05-20");
    CHECK(text(review["author"], "@type") == "Organization");
    CHECK(text(review["author"], "name") == "Example Fact Desk");
    CHECK_FALSE(text(review, "claimReviewed").empty());

    const auto& item = review["itemReviewed"];
    CHECK(text(item, "@type") == "Claim");
    CHECK(text(item, "datePublished") == "2023-05-02");
    if (id == "tram.cost_per_ride") {
      CHECK(text(item["author"], "@type") == "Person");
      CHECK(text(item["author"], "name") == "Ana Ruiz");
      CHECK(text(review, "claimReviewed") == "Each ride costs the city less than 2 dollars");
    } else {
      CHECK(text(item["author"], "@type") == "Organization");
      CHECK(text(item["author"], "name") == "Example Gazette");
    }
    CHECK(text(item["appearance"], "@type") == "CreativeWork");
    CHECK(text(item["appearance"], "url") == "https://news.example.org/2023/05/tram-line");

    const auto& rating = review["reviewRating"];
    CHECK(text(rating, "@type") == "Rating");
    REQUIRE(rating["ratingValue"].IsInt());
    CHECK(rating["bestRating"].GetInt() == 5);
    CHECK(rating["worstRating"].GetInt() == 1);
    REQUIRE(expected_rating.count(id) == 1);
    CHECK(text(rating, "alternateName") == expected_rating.at(id));
    CHECK(rating["ratingValue"].GetInt() ==
          report::rating_of(id == "tram.cost"            ? claim_verdict::contradicted
                            : id == "tram.cost_per_ride" ? claim_verdict::questionable
                            : id == "tram.riders_2022"   ? claim_verdict::supported
                                                         : claim_verdict::unverified)
              .value);
    CHECK_FALSE(text(rating, "ratingExplanation").empty());
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
                            "/ecosystem/newsroom --format claimreview";
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

TEST_CASE("check --format claimreview rejects a review date that is not a day") {
  std::string command = std::string(CLAIMCHECK_BINARY) + " check " + CLAIMCHECK_TEST_DATA +
                        "/ecosystem/newsroom --format claimreview --review-date 2023-05 > "
                        "/dev/null 2>&1";
  int status = std::system(command.c_str());
  CHECK((WIFEXITED(status) ? WEXITSTATUS(status) : -1) == 2);
  command = std::string(CLAIMCHECK_BINARY) + " check " + CLAIMCHECK_TEST_DATA +
            "/ecosystem/newsroom --format claimreview --review-date 2023-05-20 > /dev/null 2>&1";
  status = std::system(command.c_str());
  CHECK((WIFEXITED(status) ? WEXITSTATUS(status) : -1) == 0);
}
