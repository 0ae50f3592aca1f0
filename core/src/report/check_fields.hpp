// SPDX-License-Identifier: MIT
// A check's outcome fields as the JSON writers write them (private to
// core/src/report): one place for `check --format json` and `explain
// --format json`, so that the two documents cannot drift apart.
#pragma once

#include "claimcheck/checks.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {

// "op", "outcome" (null when the check was not evaluated), "expect",
// "matches_expect".
inline void write_outcome_fields(json_writer& w, const check_result& r) {
  w.field("op", to_string(r.op));
  if (r.outcome) {
    w.field("outcome", to_string(*r.outcome));
  } else {
    w.key("outcome").null();
  }
  w.field("expect", to_string(r.expect));
  w.field("matches_expect", r.matches_expect);
}

}  // namespace claimcheck::report
