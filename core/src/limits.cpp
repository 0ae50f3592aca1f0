// SPDX-License-Identifier: MIT
// `NAME=VALUE` settings of input_limits, as `--limit` takes them. One table
// of names, so that the tools, the docs and the errors agree.
#include "claimcheck/limits.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "claimcheck/text.hpp"

namespace claimcheck {
namespace {

struct limit_field {
  const char* name;
  bool bytes;  // takes a K, M or G suffix
  // The largest value that is still safe to set; see the comments below.
  std::uint64_t ceiling;
  void (*set)(input_limits&, std::uint64_t);
};

constexpr std::uint64_t size_max = std::numeric_limits<std::size_t>::max();

const limit_field fields[] = {
    {"max_file_bytes", true, size_max,
     [](input_limits& l, std::uint64_t v) { l.max_file_bytes = v; }},
    // The parser is iterative, but the parsed tree is freed recursively: a
    // few frames per level, about 150 bytes in a debug build. At 1,000 levels
    // that is well under 1 MB of the usual 8 MB stack, with room for the
    // larger frames of sanitizer builds (tests/hostile_test.cpp).
    {"max_json_depth", false, 1'000,
     [](input_limits& l, std::uint64_t v) { l.max_json_depth = v; }},
    {"max_string_bytes", true, size_max,
     [](input_limits& l, std::uint64_t v) { l.max_string_bytes = v; }},
    {"max_records", false, size_max, [](input_limits& l, std::uint64_t v) { l.max_records = v; }},
    {"max_expression_chars", false, size_max,
     [](input_limits& l, std::uint64_t v) { l.max_expression_chars = v; }},
    // The expression parser recurses through five functions per level, 4 to
    // 6 KB of stack per level in a debug build: 512 levels already need 2 to
    // 3 MB. 128 levels (twice the default) stay under 1 MB, with room for
    // sanitizer builds (tests/hostile_test.cpp).
    {"max_expression_depth", false, 128,
     [](input_limits& l, std::uint64_t v) { l.max_expression_depth = v; }},
    {"max_exponent", false, static_cast<std::uint64_t>(std::numeric_limits<int>::max()),
     [](input_limits& l, std::uint64_t v) { l.max_exponent = static_cast<int>(v); }},
    {"max_evaluation_steps", false, size_max,
     [](input_limits& l, std::uint64_t v) { l.max_evaluation_steps = v; }},
    // The loader builds an imported dossier before the one that imports it,
    // on a stack of its own on the heap, so the call stack does not grow with
    // the chain; but each dossier holds the list of all it imports, so a
    // chain costs its length squared: 10,000 links, 50 M entries, 400 MB.
    {"max_import_depth", false, 10'000,
     [](input_limits& l, std::uint64_t v) { l.max_import_depth = v; }},
    {"max_dossier_bytes", true, size_max,
     [](input_limits& l, std::uint64_t v) { l.max_dossier_bytes = v; }},
};

std::string in_quotes(std::string_view s) {
  return "'" + std::string(s) + "'";
}

std::vector<std::string_view> words(std::string_view name) {
  std::vector<std::string_view> out;
  while (!name.empty()) {
    const auto end = std::min(name.find('_'), name.size());
    if (end > 0 && name.substr(0, end) != "max") out.push_back(name.substr(0, end));
    name.remove_prefix(std::min(end + 1, name.size()));
  }
  return out;
}

// Names too far apart for a spelling mistake can still be the same idea
// written in other words ("max_file_size" for max_file_bytes): the one name
// that shares the most words with it, if exactly one does.
std::string sharing_most_words(std::string_view name) {
  const auto wanted = words(name);
  std::string best;
  std::size_t best_count = 0;
  bool tie = false;
  for (const auto& f : fields) {
    std::size_t count = 0;
    for (const auto& w : words(f.name)) {
      count += static_cast<std::size_t>(std::count(wanted.begin(), wanted.end(), w));
    }
    if (count > best_count) {
      best = f.name;
      best_count = count;
      tie = false;
    } else if (count == best_count && count > 0) {
      tie = true;
    }
  }
  return tie ? std::string() : best;
}

}  // namespace

std::vector<std::string> limit_names() {
  std::vector<std::string> names;
  for (const auto& f : fields) names.emplace_back(f.name);
  return names;
}

std::optional<text_error> parse_limit_setting(std::string_view setting, input_limits& limits) {
  const auto equals = setting.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return text_error{"limit.syntax", equals == 0 ? 0 : setting.size(),
                      "write NAME=VALUE, as in max_json_depth=128, not " + in_quotes(setting)};
  }
  const std::string_view name = setting.substr(0, equals);
  const limit_field* field = nullptr;
  for (const auto& f : fields) {
    if (name == f.name) field = &f;
  }
  if (field == nullptr) {
    std::string message = "no limit is called " + in_quotes(name);
    std::string near = nearest_name(name, limit_names());
    if (near.empty()) near = sharing_most_words(name);
    if (!near.empty()) message += "; did you mean " + in_quotes(near) + "?";
    std::string all;
    for (const auto& n : limit_names()) all += (all.empty() ? "" : ", ") + n;
    return text_error{"limit.unknown", 0, message + " (limits: " + all + ")"};
  }

  const std::size_t value_at = equals + 1;
  std::string_view text = setting.substr(value_at);
  const std::string wanted =
      field->bytes ? "a positive whole number of bytes, optionally with K, M or G (256M)"
                   : "a positive whole number";
  auto bad_value = [&](const std::string& why) {
    return text_error{"limit.value", value_at,
                      std::string(field->name) + " is " + wanted + "; " + why};
  };
  std::uint64_t scale = 1;
  if (field->bytes && !text.empty()) {
    switch (text.back()) {
      case 'K':
        scale = std::uint64_t{1} << 10;
        break;
      case 'M':
        scale = std::uint64_t{1} << 20;
        break;
      case 'G':
        scale = std::uint64_t{1} << 30;
        break;
      default:
        break;
    }
    if (scale != 1) text.remove_suffix(1);
  }
  if (text.empty()) return bad_value("the value is missing");
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return bad_value(in_quotes(setting.substr(value_at)) + " is not one");
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (field->ceiling - digit) / 10) {
      return bad_value(in_quotes(setting.substr(value_at)) + " is above the most it can be, " +
                       std::to_string(field->ceiling));
    }
    value = value * 10 + digit;
  }
  if (value == 0) return bad_value("0 would refuse every input");
  if (value > field->ceiling / scale) {
    return bad_value(in_quotes(setting.substr(value_at)) + " is above the most it can be, " +
                     std::to_string(field->ceiling));
  }
  field->set(limits, value * scale);
  return std::nullopt;
}

}  // namespace claimcheck
