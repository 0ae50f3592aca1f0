// SPDX-License-Identifier: MIT
// schema.org ClaimReview as JSON-LD: how fact-check pages tell search
// engines and aggregators what was checked and the verdict. One object per
// reviewed quote of each dossier, in a JSON array, with every property
// Google's fact-check markup guide lists as required (claimReviewed,
// reviewRating with alternateName, url) or recommended (author with name and
// url, datePublished, itemReviewed: a Claim with author, datePublished,
// appearance and firstAppearance; Rating name, ratingValue, bestRating,
// worstRating).
//
// Example (one element, abridged):
//   {"@context": "https://schema.org", "@type": "ClaimReview",
//    "url": "https://example.org/checks/waic#claim-coreweave.duration",
//    "name": "Fact check: Time CoreWeave took to 'complete the training of GPT-3': 11 min",
//    "datePublished": "2026-11-30",
//    "author": {"@type": "Organization", "name": "Example Fact Desk",
//               "url": "https://example.org/"},
//    "claimReviewed": "Time CoreWeave took to 'complete the training of GPT-3': 11 min",
//    "itemReviewed": {"@type": "Claim",
//      "author": {"@type": "Person", "name": "陳思佳"}, "datePublished": "2023-07-08",
//      "appearance": {"@type": "CreativeWork", "url": "https://...", "headline": "..."},
//      "firstAppearance": {...the same...}},
//    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
//      "worstRating": 1, "alternateName": "False", "name": "False",
//      "ratingExplanation": "Contradicted. coreweave.full_training_possible fails ..."}}
//
// The one mapping of verdicts to ratings (docs/cli.md, "ClaimReview ratings",
// repeats it):
//
//   value  name        when
//   1      False       contradicted: an error-severity check about it fails
//   2      Misleading  questionable: a warning-severity check fails by 1.1x or
//                      more (or by a gap no factor closes)
//   3      Imprecise   questionable, every failing warning check within 1.1x
//   4      Plausible   supported, but by no `~` check against a fact with a
//                      primary source: only bounds (<, <=, >, >=), only facts
//                      of secondary sources, or only the article's own
//                      arithmetic; the explanation says which
//   5      True        supported, with a passing `~` check against a fact
//                      that has a primary source
//   unverified claims get no review (ClaimReview is a published verdict).
//
// Claims that share one quote get one review of it: the lowest rating of the
// claims that have a verdict, every claim's evidence in its explanation.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/diagnostic.hpp"

namespace claimcheck::report {

constexpr int best_rating = 5;
constexpr int worst_rating = 1;
// Below this factor a failing warning check rates "Imprecise", not "Misleading".
constexpr double imprecise_ratio = 1.1;

struct claim_rating {
  int value = 3;
  const char* name = "Imprecise";
  std::string reason;  // why a supported claim is not "True"; "" otherwise
};

// The rating of one claim (table above); nullopt for an unverified claim.
std::optional<claim_rating> rate_claim(const check_run& run, const claim_result& claim);

struct claimreview_options {
  // The page that publishes the reviews (absolute http or https); each
  // review's url is it plus "#claim-ID". Overrides the dossier's review.url.
  std::string review_url;
  // ISO date; else the dossier's review.published; else its dossier_date
  // (never the day the file is written: the same claims give the same file).
  std::string review_date;
  std::string reviewer;  // the reviewing organisation; overrides review.by
  // The reviewer's own address; empty: the site of the review url
  // ("https://example.org/" for "https://example.org/checks/x").
  std::string reviewer_url;
  // The document's address when its record has no `url` (else the url of
  // a source of kind `document`, if any).
  std::string document_url;
};

// What must be fixed before the reviews can be published, one error each:
// claimreview.url (an option's url is not absolute http or https),
// claimreview.no_url (a dossier without a review url) and
// claimreview.no_reviewer (nobody named as the reviewer). Each message says
// what to add. The HTML report embeds reviews without these (its own page is
// the url); `check --format claimreview` refuses to write them.
diagnostics claimreview_problems(const std::vector<check_run>& runs,
                                 const claimreview_options& options);
// The same a piece at a time, for a writer that drops each dossier (check
// --format claimreview): the options' (claimreview.url), then each run's
// (claimreview.no_url, claimreview.no_reviewer) appended to `out`.
diagnostics claimreview_option_problems(const claimreview_options& options);
void add_claimreview_problems(const check_run& run, const claimreview_options& options,
                              diagnostics& out);

struct claimreview_set {
  std::string json;          // the array of ClaimReview objects
  std::size_t reviews = 0;   // objects written
  std::size_t left_out = 0;  // claims without a verdict (unverified), not reviewed
  std::size_t shared = 0;    // claims reviewed together with another claim of one quote
};

claimreview_set claimreviews(const std::vector<check_run>& runs,
                             const claimreview_options& options = {});

// ClaimReview objects written a dossier at a time: made (the array opens),
// given each run in order while its dossier lives (the reviews read its
// sources and document), finished (the array closes). Each add passes the
// text of that run's reviews to `sink` at once and keeps only the counts, so
// that `check --format claimreview` can drop each dossier once its reviews
// are written. The pieces joined are claimreviews(runs, options).json, which
// is this writer given every run.
//
// Example:
//   claimreview_writer writer(options, [&](std::string_view piece) { out.write(piece); });
//   for (const auto& run : runs) writer.add(run);
//   claimreview_set counts = writer.finish();  // counts.json is empty
class claimreview_writer {
 public:
  claimreview_writer(const claimreview_options& options,
                     std::function<void(std::string_view)> sink);
  ~claimreview_writer();
  claimreview_writer(const claimreview_writer&) = delete;
  claimreview_writer& operator=(const claimreview_writer&) = delete;

  void add(const check_run& run);
  // The counts (json stays empty: the text went to the sink); once.
  claimreview_set finish();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

// claimreviews(runs, options).json
std::string claimreview_json(const std::vector<check_run>& runs,
                             const claimreview_options& options = {});

// The claim as a reader understands it: its subject and its value as the
// article states it, "First day of WAIC 2023 in Shanghai: 2023-07-06",
// "Exhibiting companies at WAIC 2023: over 400 company".
std::string claim_sentence(const figure_record& claim);

// The evidence behind a claim's verdict in one paragraph: the verdict, then
// each check about it with its outcome, margin and message.
std::string verdict_explanation(const check_run& run, const claim_result& claim);

// The date of a dossier's reviews: the latest day one of its sources was
// published or accessed, or its document published ("2026-11-30", or
// "2023-06" when that day is only a month); "" when it dates nothing.
// Reports show this (or a date they are given), never the day they were
// written, so that the same claim files give the same page, byte for byte.
std::string dossier_date(const dossier& d);

// SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC, as reproducible-builds.org
// defines it) as "YYYY-MM-DD"; nullopt unless it is a count of seconds
// before the year 10000.
std::optional<std::string> date_of_epoch(std::string_view seconds);

}  // namespace claimcheck::report
