// SPDX-License-Identifier: MIT
// The whole-corpus path of check's CI formats, the reference the streamed
// ones are held to: the problems of loading, then check_diagnostics of
// every run, with the records their fingerprints read.
#pragma once

#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/sarif.hpp"

namespace claimcheck::test {

struct whole_corpus_findings {
  report::record_ids records;
  report::sarif_options sarif;  // reads `records`
  diagnostics all;

  whole_corpus_findings(const load_result& loaded, const std::vector<check_run>& runs)
      : records(report::index_records(loaded.dossiers)), all(loaded.problems) {
    sarif.records = &records;
    const diagnostics found = report::check_diagnostics(runs);
    all.insert(all.end(), found.begin(), found.end());
  }
  whole_corpus_findings(const whole_corpus_findings&) = delete;
  whole_corpus_findings& operator=(const whole_corpus_findings&) = delete;
};

}  // namespace claimcheck::test
