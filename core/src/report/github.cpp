// SPDX-License-Identifier: MIT
// The GitHub workflow-command writer.
#include "claimcheck/report/github.hpp"

#include "../enum_names.hpp"
#include "claimcheck/report/annotations.hpp"

namespace claimcheck::report {

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string github_annotation(const diagnostic& d, const github_options& options) {
  static constexpr auto commands =
      enum_names<severity::note>("::error ", "::warning ", "::notice ");
  std::string out = commands.name(d.level);
  std::string properties;
  if (!d.where.file.empty()) {
    properties += "file=" + github_escape_property(repository_path(d.where.file, options.base));
    if (d.where.line > 0) {
      properties += ",line=" + std::to_string(d.where.line);
      if (d.where.column > 0) properties += ",col=" + std::to_string(d.where.column);
    }
    properties += ',';
  }
  properties += "title=" + github_escape_property(d.code);
  return out + properties + "::" + github_escape_data(d.message) + '\n';
}

std::string github_annotations(const diagnostics& list, const github_options& options) {
  std::string out;
  for (const auto& d : list) out += github_annotation(d, options);
  return out;
}

}  // namespace claimcheck::report
