// SPDX-License-Identifier: MIT
// The HTML report: one self-contained page that a newsroom can publish
// beside an article. No network: the style sheet is inline, there are no
// scripts, fonts or images from elsewhere; the trend charts are inline SVG
// (report/svg_chart.hpp); the only links are the sources' own addresses.
//
// Example: claimcheck report claims/waic-2023 --html waic.html gives, per
// dossier:
//   - the document: publisher, title, author, date, language, address;
//   - a verdict strip: "3 contradicted · 1 questionable · 20 supported ...";
//   - every claim (anchor #claim-ID) with its quote, speaker, value as
//     written and as an interval, and its verdict;
//   - every check (anchor #check-ID) with its outcome, expectation, margin
//     and explanation chain (checks.hpp explain(): inputs with values and
//     sources, derived figures, the steps of both sides);
//   - the trend charts and a table of each series' fit;
//   - the built-in rules' findings; the sources as links.
// The page embeds the ClaimReview JSON-LD of its claims
// (<script type="application/ld+json">, data that browsers never run), each
// review's url being the page plus #claim-ID.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/explained.hpp"
#include "claimcheck/report/claimreview.hpp"
#include "claimcheck/report/format.hpp"

namespace claimcheck::report {

struct html_options {
  // Shown in the masthead and footer; empty: the latest dossier_date().
  std::string generated_date;
  claimreview_options review;     // for the embedded JSON-LD
  bool embed_claimreview = true;  // add <script type="application/ld+json">
};

// The page of dossiers checked and explained by core (explained.hpp).
std::string html_report(const explained_dossiers& r, const html_options& options = {});

// html_escape is in format.hpp (the SVG charts use it too).

}  // namespace claimcheck::report
