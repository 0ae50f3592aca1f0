// SPDX-License-Identifier: MIT
// Writing files so that nothing a user wrote is ever lost.
//
// Example: write_file_atomically("chart.svg", svg_text, {/*force=*/false})
// writes "chart.svg.tmp-XXXXXX" in the same folder, flushes it to disk and
// renames it over "chart.svg"; if "chart.svg" exists and force is false it
// refuses (file.exists) and touches nothing.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "claimcheck/diagnostic.hpp"

namespace claimcheck {

struct write_options {
  bool force = false;  // replace an existing file
};

// Returns a diagnostic (code file.exists or file.write) on failure; the
// target is then untouched and no temporary file is left behind.
std::optional<diagnostic> write_file_atomically(const std::filesystem::path& target,
                                                std::string_view content,
                                                const write_options& options);

}  // namespace claimcheck
