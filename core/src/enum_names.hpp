// SPDX-License-Identifier: MIT
// An enum's names in one list, read both ways (value -> name for writing,
// name -> value for parsing), so that a name cannot be spelled one way in
// to_string and another in parse_..., and a list of names (for suggestions)
// cannot drift from either.
//
// Example:
//   constexpr auto severity_names = enum_names<severity::note>("error", "warning", "note");
//   severity_names.name(severity::warning)  // "warning"
//   severity_names.value("note")            // severity::note
//
// The names stand in the enum's order, one for each value from the first to
// the one named in enum_names<...>; a value added to the enum and not to the
// list does not compile (the static_assert stands where a switch's -Wswitch
// would).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimcheck {

template <typename Enum, std::size_t N>
struct enum_name_list {
  std::array<const char*, N> names;

  // "" only for a value outside the enum (a cast gone wrong).
  constexpr const char* name(Enum value) const {
    const auto i = static_cast<std::size_t>(value);
    return i < N ? names[i] : "";
  }

  std::optional<Enum> value(std::string_view name) const {
    for (std::size_t i = 0; i < N; ++i) {
      if (name == names[i]) return static_cast<Enum>(i);
    }
    return std::nullopt;
  }

  // The names as candidates for a "did you mean" (nearest_name's list).
  std::vector<std::string> name_list() const { return {names.begin(), names.end()}; }

  // The names for a message: "primary, secondary or document".
  std::string alternatives() const {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
      if (i > 0) out += i + 1 == N ? " or " : ", ";
      out += names[i];
    }
    return out;
  }
};

template <auto last, typename... Names>
constexpr enum_name_list<decltype(last), sizeof...(Names)> enum_names(Names... names) {
  static_assert(sizeof...(Names) == static_cast<std::size_t>(last) + 1,
                "one name for each value of the enum, in the enum's order");
  return {{names...}};
}

}  // namespace claimcheck
