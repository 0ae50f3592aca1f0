// schema.org ClaimReview as JSON-LD: how fact-check pages tell search
// engines and aggregators what was checked and the verdict. One object per
// claim of each dossier (every claim has a verdict), in a JSON array.
//
// Example (one element, abridged):
//   {"@context": "https://schema.org", "@type": "ClaimReview",
//    "url": "https://example.org/checks/waic#claim-coreweave.duration",
//    "datePublished": "2026-11-30",
//    "author": {"@type": "Organization", "name": "claimcheck"},
//    "claimReviewed": "僅用時11分鐘就完成GPT-3模型的訓練",
//    "itemReviewed": {"@type": "Claim",
//      "author": {"@type": "Organization", "name": "觀察者網"},
//      "datePublished": "2023-07-08",
//      "appearance": {"@type": "CreativeWork", "url": "https://...", "headline": "..."}},
//    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
//      "worstRating": 1, "alternateName": "False",
//      "ratingExplanation": "Contradicted. coreweave.full_training_possible fails
//                            (short by 128x): 3584 H100s ..."}}
//
// The one mapping of verdicts to ratings (docs/cli.md repeats it):
//
//   verdict       ratingValue  alternateName
//   contradicted  1            False
//   questionable  2            Misleading
//   unverified    3            Unproven
//   supported     5            True
//
// bestRating 5, worstRating 1. The claim's author is its `speaker` (a
// Person) when the claim names one, else the document's publisher (an
// Organization), else the document's author (a Person).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/checks.hpp"

namespace claimcheck::report {

struct verdict_rating {
  int value = 3;
  const char* alternate_name = "Unproven";
};
constexpr int best_rating = 5;
constexpr int worst_rating = 1;
verdict_rating rating_of(claim_verdict v);

struct claimreview_options {
  // The page that publishes the reviews; each review's url is it plus
  // "#claim-ID". Empty: the url is the fragment alone, which resolves
  // against the page the JSON-LD is embedded in (claimcheck report).
  std::string review_url;
  std::string review_date;  // ISO date of the reviews; empty: each dossier's (dossier_date)
  std::string review_author = "claimcheck";  // the reviewing organisation
  // The document's address when its record has no `url` (else the url of
  // a source of kind `document`, if any).
  std::string document_url;
};

// The array of ClaimReview objects, one per claim of every run.
std::string claimreview_json(const std::vector<check_run>& runs,
                             const claimreview_options& options = {});

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
