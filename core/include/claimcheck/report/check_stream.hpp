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
// The tool gives a report_output (report_output.hpp): the pieces go to the
// temporary file of --output, or are held for stdout (in memory, then in
// $TMPDIR) until the run may be published, and the writers finish only
// then. Text's body waits in a temporary file for its headlines
// (check_report_writer). ClaimReview (check_claimreview_streamed) has no
// report text: each dossier's reviews go to the output as they are written.
// SARIF and GitHub annotations (check_ci_streamed) hold their run's findings
// the same way. Peak memory is thus that of the dossiers in flight.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/claimreview.hpp"
#include "claimcheck/report/report_output.hpp"
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
  // A report that could not be held or written (a file.write error: no
  // room in $TMPDIR): it must not be published.
  std::optional<diagnostic> output_problem;
};

check_outcome check_streamed(const std::vector<std::filesystem::path>& paths,
                             const load_options& options, check_output output,
                             const text_options& text, bool strict);

// The same for text, markdown and json, with the report passed to `sink` in
// pieces as check_report_writer writes them (Markdown and JSON a dossier at
// a time, text at the end, and only when the status is not invalid)
// instead of kept in the outcome's report. The pieces may be published when
// the outcome is loaded, its status not invalid and output_problem unset;
// joined, they are then the report check_streamed gives.
check_outcome check_streamed(const std::vector<std::filesystem::path>& paths,
                             const load_options& options, check_output output,
                             const text_options& text, bool strict,
                             const std::function<void(std::string_view)>& sink);

// The same, with the pieces written to `destination`, which is released
// (report_output::release: stdout gets what was held) just before the
// writer finishes, when the outcome is loaded and its status not invalid.
// It may then be committed unless output_problem is set.
check_outcome check_streamed(const std::vector<std::filesystem::path>& paths,
                             const load_options& options, check_output output,
                             const text_options& text, bool strict, report_output& destination);

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

// The same, with the reviews written to `destination`, which is released
// when they may be published. It may then be committed unless
// output_problem is set.
check_outcome check_claimreview_streamed(const std::vector<std::filesystem::path>& paths,
                                         const load_options& options,
                                         const claimreview_options& review, bool strict,
                                         report_output& destination);

// `check --format sarif|github` a dossier at a time: each run's findings,
// filtered (select_findings), are written as they come (held in a
// spilled_text, since the problems of loading come first in the log);
// the destination is released and the log written when the outcome is
// loaded, whatever its status. It may then be committed unless
// output_problem is set, and holds what sarif_log or github_annotations
// give for the problems of loading and check_diagnostics of every run,
// filtered. The outcome's ci_findings stay empty.
enum class ci_format { sarif, github };
struct ci_report {
  ci_format format = ci_format::sarif;
  finding_filter filter;
  // How much of the findings' text is held in memory before the rest goes
  // to a temporary file (spilled_text's block).
  std::size_t spill_block = spilled_text::default_block;
};
check_outcome check_ci_streamed(const std::vector<std::filesystem::path>& paths,
                                const load_options& options, const ci_report& ci, bool strict,
                                report_output& destination);

}  // namespace claimcheck::report
