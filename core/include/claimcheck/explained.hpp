// SPDX-License-Identifier: MIT
// Dossiers checked and explained: everything a page that shows a dossier
// whole needs (the HTML report), computed once in core, so that writers
// only write. The explaining counterpart of check_dossier and run_checks_of
// (checks.hpp): the same evaluation, with the series' problems, its
// evaluators kept alive for the explanations and the figures' intervals.
//
// Example: explained_dossiers e = check_and_explain(loaded.dossiers, limits);
//          e.ok() is false exactly when `claimcheck check` would exit 2;
//          e.dossiers[0].explanations[k] explains e.dossiers[0].run.checks[k].
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/limits.hpp"
#include "claimcheck/model.hpp"
#include "claimcheck/trends.hpp"

namespace claimcheck {

struct explained_dossier {
  const dossier* source = nullptr;
  check_run run;
  std::vector<explanation> explanations;       // one per check, in the run's order
  std::map<std::string, shown_value> figures;  // the claims' and facts' intervals, by id
};

// The dossiers (which must outlive it) with their runs, explanations and
// trends.
struct explained_dossiers {
  std::vector<std::unique_ptr<evaluator>> evaluators;
  std::vector<explained_dossier> dossiers;
  trend_result trends;
  diagnostics problems;  // errors that make the input invalid (as `check` reports them)

  bool ok() const { return !has_errors(problems); }
};

explained_dossiers check_and_explain(const std::vector<dossier>& dossiers,
                                     const input_limits& limits = {});

}  // namespace claimcheck
