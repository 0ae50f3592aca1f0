// SPDX-License-Identifier: MIT
// Streaming `check`: dossiers are loaded, checked and rendered a few at a
// time (as many at once as --jobs), in the order load_paths gives them, and
// each is dropped as soon as its part of the report is written, so that peak
// memory is that of the largest dossiers in flight and of the report, not of
// the corpus. The report is the one the whole-corpus writers give, byte for
// byte: its parts are cut from what the writers write for one dossier, and
// the totals are kept, not the runs.
//
// Loading one dossier at a time needs no new loader entry point: each
// dossier folder is given to load_paths on its own, with the claims root the
// whole load would use. Streaming is declined (and `check` loads the whole,
// as before) where one-at-a-time loading could differ from loading the
// whole: a dossier folder below another one, a PATH named twice, a PATH
// that does not exist, no claim folder at all, or any load error (the
// whole load then reports every problem as before), and for ClaimReview,
// whose writer needs every run at once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/sarif.hpp"

namespace claimcheck::tool {

enum class check_output { text, markdown, json, ci };

// What `check` prints, from a streamed or a whole run.
struct check_outcome_set {
  diagnostics load_problems;  // warnings of loading, as load_paths orders them
  diagnostics run_problems;   // every run's problems, in run order
  check_status status = check_status::as_expected;
  std::string report;          // text, markdown or json
  diagnostics ci_findings;     // ci: every run's problems, findings and unexpected outcomes
  report::record_ids records;  // ci: the records those findings name
};

// One dossier folder (or claim file) to load on its own, with its root.
struct dossier_unit {
  std::filesystem::path path;
  std::filesystem::path root;  // empty: load_paths' default for a file
};

// The dossiers of `paths` one by one, in load_paths' order; nullopt where
// streaming is declined (above).
std::optional<std::vector<dossier_unit>> dossier_units(
    const std::vector<std::filesystem::path>& paths, const load_options& options);

// Checks the units a batch of options.threads at a time. False (and `out`
// unspecified) when a unit does not load cleanly into one dossier: the
// caller then loads the whole.
bool check_streaming(const std::vector<dossier_unit>& units, const load_options& options,
                     check_output output, const report::text_options& text, bool strict,
                     check_outcome_set& out);

// The same from runs of a whole load (ClaimReview, and where streaming is
// declined).
check_outcome_set whole_outcomes(const load_result& loaded, const std::vector<check_run>& runs,
                                 check_output output, const report::text_options& text,
                                 bool strict);

}  // namespace claimcheck::tool
