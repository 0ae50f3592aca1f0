// SPDX-License-Identifier: MIT
// GitHub Actions workflow commands: one line per diagnostic, which the
// runner turns into an annotation on the file's line in the pull request.
//
// Example:
//   ::error file=claims/waic-2023/claims.json,line=12,col=18,title=unit.unknown::unknown unit
//   'GPUs'; did you mean 'GPU'?
//
// Levels: error -> ::error, warning -> ::warning, note -> ::notice.
// Escaping follows the runner's rules (actions/toolkit, command.ts): in the
// message '%' -> %25, '\r' -> %0D, '\n' -> %0A; in a property value also
// ':' -> %3A and ',' -> %2C. A diagnostic without a line names only the file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "claimcheck/diagnostic.hpp"

namespace claimcheck::report {

struct github_options {
  // Paths are made relative to this folder (the workspace); empty: the
  // current folder.
  std::filesystem::path base;
};

std::string github_annotations(const diagnostics& list, const github_options& options = {});
// The line of one diagnostic, for a writer that streams them.
std::string github_annotation(const diagnostic& d, const github_options& options = {});

std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace claimcheck::report
