// SPDX-License-Identifier: MIT
#include "claimcheck/report/check_stream.hpp"

#include <optional>

#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/rule_catalog.hpp"

namespace claimcheck::report {

namespace {

// SARIF or GitHub annotations a dossier at a time: each run's findings,
// filtered with the records of its dossier (select_findings; a finding lies
// in its dossier or its imports), are written as they come to a
// spilled_text; the problems of loading, which the log lists first, are
// known only at the end and written then, before what was spilled. A SARIF
// result whose code is outside the rule catalogue (none is, today) takes
// the number of its generated rule in order of first use, after those of
// the problems of loading: from the first such result on, the rest are held
// and written at the end, so that the numbers are those sarif_log gives.
class ci_stream_writer {
 public:
  explicit ci_stream_writer(const ci_report& ci) : ci_(ci), spilled_(ci.spill_block) {
    // The catalogue's rules: the numbers of results written as they come.
    // The parts read the records of the dossier at hand (records_).
    sarif_options options;
    options.records = &records_;
    if (ci.format == ci_format::sarif) parts_.emplace(options);
  }

  void add(const dossier& d, const check_run& run) {
    diagnostics found;
    append_check_diagnostics(run, found);
    record_places places;
    add_record_places(found.begin(), found.end(), places);
    records_.clear();
    index_records_at(d, places, records_);
    sarif_options options;
    options.records = &records_;
    for (auto& finding : select_findings(found, ci_.filter, options)) {
      if (!parts_) {
        spilled_.append(github_annotations({finding}));
      } else if (held_.empty() && is_catalogued(finding.code)) {
        if (spilled_.size() > 0) spilled_.append(",");
        spilled_.append(parts_->result(finding));
      } else {
        held_.push_back(std::move(finding));
        held_records_.insert(records_.begin(), records_.end());
      }
    }
  }

  // The log, in order, to `destination`: the problems of loading (with the
  // records they lie in), what was spilled, what was held.
  std::optional<diagnostic> finish(const diagnostics& load_problems, const record_ids& load_records,
                                   report_output& destination) {
    if (spilled_.problem()) return spilled_.problem();
    record_ids records = load_records;
    records.insert(held_records_.begin(), held_records_.end());
    sarif_options options;
    options.records = &records;
    const diagnostics first = select_findings(load_problems, ci_.filter, options);
    auto write = [&destination](std::string_view piece) { destination.write(piece); };
    if (!parts_) {
      write(github_annotations(first));
      return spilled_.replay(write);
    }
    // The rules beyond the catalogue, in order of first use.
    std::vector<std::string> codes;
    for (const diagnostics* list : {&first, static_cast<const diagnostics*>(&held_)})
      for (const auto& d : *list) codes.push_back(d.code);
    const sarif_log_parts parts(options, codes);
    write(parts.head());
    bool any = false;
    auto write_result = [&](const diagnostic& d) {
      write(any ? "," : "");
      write(parts.result(d));
      any = true;
    };
    for (const auto& d : first) write_result(d);
    if (any && spilled_.size() > 0) write(",");
    any = any || spilled_.size() > 0;
    if (auto problem = spilled_.replay(write)) return problem;
    for (const auto& d : held_) write_result(d);
    write(sarif_log_parts::tail());
    return std::nullopt;
  }

 private:
  const ci_report& ci_;
  record_ids records_;                    // of the dossier at hand
  std::optional<sarif_log_parts> parts_;  // sarif
  spilled_text spilled_;
  diagnostics held_;
  record_ids held_records_;
};

// The one loop of all: `output` names the writer; `review` is the ClaimReview
// writer's, given when it is the output; `given_sink` or `destination`, when
// given, takes the report in pieces (the ClaimReview writer's, or
// check_report_writer's); a destination is released once the run may be
// published, before the writers finish.
check_outcome streamed(const std::vector<std::filesystem::path>& paths, const load_options& options,
                       check_output output, const text_options& text, bool strict,
                       const claimreview_options* review,
                       const std::function<void(std::string_view)>* given_sink,
                       report_output* destination, const ci_report* ci = nullptr) {
  check_outcome out;
  // SARIF and GitHub annotations written as they come (else the findings
  // are kept in the outcome).
  std::optional<ci_stream_writer> ci_writer;
  if (ci != nullptr && destination != nullptr) ci_writer.emplace(*ci);
  std::optional<check_report_writer> writer;
  std::function<void(std::string_view)> sink;
  if (given_sink != nullptr) sink = *given_sink;
  if (destination != nullptr)
    sink = [destination](std::string_view piece) { destination->write(piece); };
  if (output == check_output::text) writer.emplace(check_report_format::text, text, sink);
  if (output == check_output::markdown)
    writer.emplace(check_report_format::markdown, text_options{}, sink);
  if (output == check_output::json) writer.emplace(check_report_format::json, text_options{}, sink);
  std::optional<claimreview_writer> reviews;
  if (review != nullptr) {
    reviews.emplace(*review, sink);
    out.review_problems = claimreview_option_problems(*review);
  }
  bool unexpected = false, invalid = false;
  record_places load_places;  // ci: of the problems of loading so far
  std::size_t load_problems_seen = 0;
  dossier_stream stream(paths, options);
  check_each(stream, options.limits, options.threads, [&](const dossier& d, const check_run* run) {
    out.counts += count_dossier(d);
    if (run == nullptr) return;  // loading failed: only the problems are reported
    const check_status status = status_of(*run, strict);
    invalid = invalid || status == check_status::invalid;
    unexpected = unexpected || status == check_status::unexpected;
    out.run_problems.insert(out.run_problems.end(), run->problems.begin(), run->problems.end());
    if (writer) writer->add(*run);
    if (reviews) {
      add_claimreview_problems(*run, *review, out.review_problems);
      // Reviews that will not be published are not written.
      if (stream.ok() && !invalid && out.review_problems.empty()) reviews->add(*run);
    }
    if (output != check_output::ci) return;
    // A fingerprint reads the record its finding lies in: keep the records
    // of this dossier that its run's findings name, and those that the
    // problems of loading so far name (a problem of loading lies in a folder
    // built by then, and a dossier holds its imports' records).
    if (ci_writer) {
      ci_writer->add(d, *run);
    } else {
      const std::size_t first = out.ci_findings.size();
      append_check_diagnostics(*run, out.ci_findings);
      record_places places;
      add_record_places(out.ci_findings.begin() + static_cast<std::ptrdiff_t>(first),
                        out.ci_findings.end(), places);
      index_records_at(d, places, out.records);
    }
    const diagnostics& loading = stream.problems();
    add_record_places(loading.begin() + static_cast<std::ptrdiff_t>(load_problems_seen),
                      loading.end(), load_places);
    load_problems_seen = loading.size();
    index_records_at(d, load_places, out.records);
  });
  out.load_problems = stream.finish();
  out.loaded = !has_errors(out.load_problems);
  if (!out.loaded) {
    out.run_problems.clear();
    out.ci_findings.clear();
    out.records.clear();
    out.review_problems.clear();
    out.status = check_status::invalid;
    return out;
  }
  out.status = invalid      ? check_status::invalid
               : unexpected ? check_status::unexpected
                            : check_status::as_expected;
  // What is held so far goes out now (stdout), and the rest as it is
  // written; a report that will not be published is not finished.
  const bool publishable = out.status != check_status::invalid && out.review_problems.empty();
  if (destination != nullptr && publishable) out.output_problem = destination->release();
  if (writer && (!sink || publishable)) {
    out.report = writer->finish();
    if (!out.output_problem) out.output_problem = writer->problem();
  }
  if (reviews) out.reviews = reviews->finish();
  // CI formats are written whenever loading succeeded: an invalid dossier is
  // annotated where it is wrong.
  if (ci_writer) {
    out.output_problem = destination->release();
    if (!out.output_problem)
      out.output_problem = ci_writer->finish(out.load_problems, out.records, *destination);
  }
  if (output == check_output::ci && !ci_writer) {
    out.ci_findings.insert(out.ci_findings.begin(), out.load_problems.begin(),
                           out.load_problems.end());
  }
  return out;
}

}  // namespace

check_outcome check_streamed(const std::vector<std::filesystem::path>& paths,
                             const load_options& options, check_output output,
                             const text_options& text, bool strict) {
  return streamed(paths, options, output, text, strict, nullptr, nullptr, nullptr);
}

check_outcome check_streamed(const std::vector<std::filesystem::path>& paths,
                             const load_options& options, check_output output,
                             const text_options& text, bool strict,
                             const std::function<void(std::string_view)>& sink) {
  return streamed(paths, options, output, text, strict, nullptr, &sink, nullptr);
}

check_outcome check_streamed(const std::vector<std::filesystem::path>& paths,
                             const load_options& options, check_output output,
                             const text_options& text, bool strict, report_output& destination) {
  return streamed(paths, options, output, text, strict, nullptr, nullptr, &destination);
}

check_outcome check_claimreview_streamed(const std::vector<std::filesystem::path>& paths,
                                         const load_options& options,
                                         const claimreview_options& review, bool strict,
                                         const std::function<void(std::string_view)>& sink) {
  return streamed(paths, options, check_output::claimreview, {}, strict, &review, &sink, nullptr);
}

check_outcome check_claimreview_streamed(const std::vector<std::filesystem::path>& paths,
                                         const load_options& options,
                                         const claimreview_options& review, bool strict,
                                         report_output& destination) {
  return streamed(paths, options, check_output::claimreview, {}, strict, &review, nullptr,
                  &destination);
}

check_outcome check_ci_streamed(const std::vector<std::filesystem::path>& paths,
                                const load_options& options, const ci_report& ci, bool strict,
                                report_output& destination) {
  return streamed(paths, options, check_output::ci, {}, strict, nullptr, nullptr, &destination,
                  &ci);
}

}  // namespace claimcheck::report
