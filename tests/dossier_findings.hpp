// SPDX-License-Identifier: MIT
// What the tests of the shipped dossiers (waic_test, eos_test) share: the
// dossier loaded from claims/, its checks run as `check` runs them, and a
// table of findings (outcome and margin) that names the check that moved.
#pragma once

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/trends.hpp"

namespace claimcheck::test {

// A dossier of claims/, loaded once per test.
struct shipped_dossier {
  load_result loaded;
  explicit shipped_dossier(const std::string& folder)
      : loaded(load_paths({std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/" + folder}, {})) {}
  const dossier& d() const { return loaded.dossiers.at(0); }
};

// The dossier's checks as `check` runs them (with its series' problems).
inline check_run run_prepared_checks(const dossier& d) {
  return check_dossier(d, {});
}

inline const check_result& find_check(const check_run& run, const std::string& id) {
  for (const auto& c : run.checks) {
    if (c.id == id) return c;
  }
  FAIL("no check " << id);
  throw std::logic_error("unreachable");
}

struct finding {
  const char* check;
  check_outcome outcome;
  double margin_lo, margin_hi;  // bounds on the failure margin's ratio; 0 when none
};

// Each finding's outcome as expected by the dossier, and its margin within
// the row's bounds; no check of the run differs from its expect.
inline void require_findings(const check_run& run, const std::vector<finding>& table) {
  for (const auto& row : table) {
    INFO(row.check);
    const check_result& c = find_check(run, row.check);
    REQUIRE(c.outcome.has_value());
    CHECK(*c.outcome == row.outcome);
    CHECK(c.matches_expect);
    if (row.margin_hi > 0) {
      REQUIRE(c.margin.has_value());
      REQUIRE(c.margin->ratio.has_value());
      CHECK(*c.margin->ratio >= row.margin_lo);
      CHECK(*c.margin->ratio <= row.margin_hi);
    }
  }
  CHECK(run.summary.unexpected == 0);
}

}  // namespace claimcheck::test
