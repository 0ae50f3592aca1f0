// SPDX-License-Identifier: MIT
// `claimcheck derive`: the table of derived figures with their computed
// values, and its writers (text, Markdown, JSON, CSV).
//
// Example (text):
//   id                   nominal  interval    unit   subject
//   coreweave.gpu_hours  657      [627, 687]  GPU*h  GPU-hours of the run
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/model.hpp"
#include "claimcheck/report/check_report.hpp"

namespace claimcheck::report {

struct derived_row {
  std::string dossier_name;
  std::string id, subject, expression;
  std::optional<shown_value> shown;  // nullopt when it could not be computed
};

// The dossier's own derived figures in file order, or only `only_id` (own
// or imported) when it is not empty. Evaluation problems go to `problems`.
std::vector<derived_row> derive_rows(const dossier& d, evaluator& ev, const std::string& only_id,
                                     diagnostics& problems);

// Error derive.unknown_id (with "did you mean") when no dossier has a derived
// figure `id`.
std::optional<text_error> find_derived_id(const std::vector<dossier>& dossiers,
                                          const std::string& id);

std::string derive_report_text(const std::vector<derived_row>& rows);
std::string derive_report_markdown(const std::vector<derived_row>& rows);
std::string derive_report_json(const std::vector<derived_row>& rows);
// Columns: dossier,id,subject,nominal,lo,hi,unit; numbers in full precision.
std::string derive_report_csv(const std::vector<derived_row>& rows);

}  // namespace claimcheck::report
