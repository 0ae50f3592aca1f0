// SPDX-License-Identifier: MIT
// Private to core: the claim format's names of the model's enums, in one list
// each (enum_names.hpp), read by model.cpp's to_string and parse functions
// and by the loader, which also offers them as suggestions.
#pragma once

#include "claimcheck/model.hpp"
#include "enum_names.hpp"

namespace claimcheck::detail {

inline constexpr auto source_kind_names =
    enum_names<source_kind::document>("primary", "secondary", "document");

inline constexpr auto check_severity_names =
    enum_names<check_severity::warning>("error", "warning");

inline constexpr auto check_outcome_names =
    enum_names<check_outcome::inconclusive>("pass", "fail", "inconclusive");

}  // namespace claimcheck::detail
