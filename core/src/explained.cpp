// SPDX-License-Identifier: MIT
#include "claimcheck/explained.hpp"

#include <utility>

namespace claimcheck {

explained_dossiers check_and_explain(const std::vector<dossier>& dossiers,
                                     const input_limits& limits) {
  explained_dossiers r;
  for (const auto& d : dossiers) {
    r.evaluators.push_back(std::make_unique<evaluator>(d, limits));
    evaluator& ev = *r.evaluators.back();
    // The series fitted first and their problems kept, as check_dossier
    // does for `check`, so that the page and the command agree on what is
    // invalid.
    const diagnostics series = series_problems(ev);
    explained_dossier ed;
    ed.source = &d;
    ed.run = run_checks(d, ev);
    ed.run.problems.insert(ed.run.problems.end(), series.begin(), series.end());
    for (const auto& p : ed.run.problems) {
      if (p.level == severity::error) r.problems.push_back(p);
    }
    for (const auto& c : ed.run.checks) {
      auto e = explain(d, ev, c.id);
      if (e) {
        ed.explanations.push_back(std::move(e).value());
      } else {
        explanation missing;
        missing.kind = explained_kind::check;
        missing.id = c.id;
        ed.explanations.push_back(std::move(missing));
      }
    }
    for (const auto& f : d.figures) {
      const evaluated* e = ev.find(f.id);
      if (e != nullptr && e->result && !f.is_date)
        ed.figures[f.id] = show_in(*e->result, e->display);
    }
    r.dossiers.push_back(std::move(ed));
  }
  r.trends = compute_trends(dossiers, {}, limits);
  return r;
}

}  // namespace claimcheck
