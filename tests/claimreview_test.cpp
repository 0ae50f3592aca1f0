// Tests of the schema.org ClaimReview writer (report/claimreview.hpp): the
// one mapping of verdicts to ratings, and every field a ClaimReview needs
// (schema.org and the search engines' fact-check guidelines).
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
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

TEST_CASE("Without a review url or date the review points at its own anchor and today") {
  auto c = check_newsroom();
  std::string json = report::claimreview_json(c->runs, {});
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(text(doc[0], "url") == "#claim-tram.cost");
  CHECK(std::regex_match(text(doc[0], "datePublished"), std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));
  CHECK(text(doc[0], "datePublished") == report::today_iso_date());
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
