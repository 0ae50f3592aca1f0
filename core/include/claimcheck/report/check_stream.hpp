// SPDX-License-Identifier: MIT
// `claimcheck check` a dossier at a time: the loader's dossier_stream gives
// the dossiers in order, check_each checks as many at once as --jobs, the
// writers (check_report_writer; the CI formats' findings and the records
// their fingerprints read) take each dossier's part, and the dossier is
// dropped, so that peak memory is that of the largest dossiers in flight
// and of the report, not of the corpus. The result is what the whole-corpus
// path gives (load_paths, run_checks_of and the writers given every run),
// byte for byte, for every format and any number of threads
// (tests/cli_check_test.cpp compares them).
//
// Example:
//   check_outcome out = check_streamed({"claims"}, {}, check_output::json, {}, false);
//   if (!out.loaded) print(out.load_problems);
//   else std::cout << out.report;
//
// ClaimReview (check_claimreview_streamed) has no report text: each
// dossier's reviews go to a sink as they are written (the tool's atomic
// temporary file, or a buffer for stdout), and the caller publishes them
// only when the outcome allows it, so that a problem found late still
// leaves nothing written.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/claimreview.hpp"
#include "claimcheck/report/sarif.hpp"

namespace claimcheck::report {

// ci: the findings for SARIF and GitHub annotations, no report text;
// claimreview: reviews passed to a sink (check_claimreview_streamed).
enum class check_output { text, markdown, json, ci, claimreview };

struct check_outcome {
  bool loaded = true;         // loading found no error (else nothing was checked)
  diagnostics load_problems;  // as load_paths orders them
  load_counts counts;         // what was loaded
  diagnostics run_problems;   // every run's problems, in run order
  check_status status = check_status::as_expected;
  std::string report;       // text, markdown or json
  diagnostics ci_findings;  // ci: the problems of loading, then check_diagnostics
  record_ids records;       // ci: the records those findings lie in
  // claimreview: what must be fixed before the reviews can be published
  // (claimreview_problems of every run), and the counts of the reviews.
  diagnostics review_problems;
  claimreview_set reviews;
};

check_outcome check_streamed(const std::vector<std::filesystem::path>& paths,
                             const load_options& options, check_output output,
                             const text_options& text, bool strict);

// The same for text, markdown and json, with the report passed to `sink` in
// pieces as check_report_writer writes them (Markdown and JSON a dossier at
// a time, text at the end) instead of kept in the outcome's report. The
// pieces may be published when the outcome is loaded and its status not
// invalid; joined, they are then the report check_streamed gives.
check_outcome check_streamed(const std::vector<std::filesystem::path>& paths,
                             const load_options& options, check_output output,
                             const text_options& text, bool strict,
                             const std::function<void(std::string_view)>& sink);

// `check --format claimreview` a dossier at a time: the reviews of each
// dossier are passed to `sink` as its run is made (claimreview_writer), in
// order, for any number of threads. They may be published only when the
// outcome is loaded, its status not invalid and review_problems empty; the
// pieces joined are then claimreviews(runs, review).json of the
// whole-corpus path. Once a problem is known no more reviews go to the sink
// (the pieces will be dropped; only the array's close follows), and the
// counts are then partial.
check_outcome check_claimreview_streamed(const std::vector<std::filesystem::path>& paths,
                                         const load_options& options,
                                         const claimreview_options& review, bool strict,
                                         const std::function<void(std::string_view)>& sink);

}  // namespace claimcheck::report
