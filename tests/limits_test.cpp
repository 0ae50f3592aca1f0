// SPDX-License-Identifier: MIT
// The `NAME=VALUE` settings of input_limits that `--limit` takes
// (claimcheck/limits.hpp): every name, the byte suffixes, and each way a
// setting can be wrong, with its code and offset.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "claimcheck/limits.hpp"

using namespace claimcheck;

namespace {

using field_reader = std::function<std::uint64_t(const input_limits&)>;

std::uint64_t file_bytes(const input_limits& l) {
  return l.max_file_bytes;
}
std::uint64_t json_depth(const input_limits& l) {
  return l.max_json_depth;
}
std::uint64_t string_bytes(const input_limits& l) {
  return l.max_string_bytes;
}
std::uint64_t records(const input_limits& l) {
  return l.max_records;
}
std::uint64_t expression_chars(const input_limits& l) {
  return l.max_expression_chars;
}
std::uint64_t expression_depth(const input_limits& l) {
  return l.max_expression_depth;
}
std::uint64_t exponent(const input_limits& l) {
  return static_cast<std::uint64_t>(l.max_exponent);
}
std::uint64_t evaluation_steps(const input_limits& l) {
  return l.max_evaluation_steps;
}

const std::string size_max = std::to_string(std::numeric_limits<std::size_t>::max());

}  // namespace

TEST_CASE("a limit setting NAME=VALUE sets the field it names and no other") {
  struct good_case {
    std::string setting;
    field_reader field;
    std::uint64_t value;
  };
  const std::vector<good_case> cases = {
      {"max_file_bytes=100", file_bytes, 100},
      {"max_file_bytes=256M", file_bytes, 256u << 20},
      {"max_file_bytes=3K", file_bytes, 3 * 1024},
      {"max_file_bytes=2G", file_bytes, std::uint64_t{2} << 30},
      {"max_file_bytes=" + size_max, file_bytes, std::numeric_limits<std::size_t>::max()},
      {"max_json_depth=128", json_depth, 128},
      {"max_json_depth=1000", json_depth, 1'000},
      {"max_string_bytes=1K", string_bytes, 1024},
      {"max_records=5", records, 5},
      {"max_expression_chars=8", expression_chars, 8},
      {"max_expression_chars=" + size_max, expression_chars,
       std::numeric_limits<std::size_t>::max()},
      {"max_expression_depth=1", expression_depth, 1},
      {"max_expression_depth=128", expression_depth, 128},
      {"max_exponent=3", exponent, 3},
      {"max_exponent=2147483647", exponent, 2147483647},
      {"max_evaluation_steps=100000000", evaluation_steps, 100'000'000},
      {"max_evaluation_steps=007", evaluation_steps, 7},  // leading zeros are still the number
  };
  const std::vector<field_reader> all = {file_bytes, json_depth,       string_bytes,
                                         records,    expression_chars, expression_depth,
                                         exponent,   evaluation_steps};
  for (const auto& c : cases) {
    INFO(c.setting);
    input_limits limits;
    auto error = parse_limit_setting(c.setting, limits);
    if (error) FAIL_CHECK(error->code << ": " << error->message);
    CHECK(c.field(limits) == c.value);
    // Every other field keeps its default.
    const input_limits defaults;
    std::size_t changed = 0;
    for (const auto& f : all) changed += f(limits) != f(defaults) ? 1 : 0;
    CHECK(changed == 1);
  }
}

TEST_CASE("a wrong limit setting is an error with its code and offset, and changes nothing") {
  struct bad_case {
    std::string setting;
    const char* code;
    std::size_t offset;
    const char* in_message;  // a part of the message that says what to write
  };
  const std::vector<bad_case> cases = {
      {"max_json_depth", "limit.syntax", 14, "NAME=VALUE"},
      {"", "limit.syntax", 0, "NAME=VALUE"},
      {"=5", "limit.syntax", 0, "NAME=VALUE"},
      {"max_jsn_depth=5", "limit.unknown", 0, "did you mean 'max_json_depth'?"},
      {"max_evaluation_step=5", "limit.unknown", 0, "did you mean 'max_evaluation_steps'?"},
      {"max_depth=5", "limit.unknown", 0, "'max_depth' (limits: "},  // two depths: no guess
      {"max_file_size=1M", "limit.unknown", 0, "did you mean 'max_file_bytes'?"},
      {"MAX_JSON_DEPTH=5", "limit.unknown", 0, "max_evaluation_steps"},  // lists every name
      {"color=red", "limit.unknown", 0, "limits: max_file_bytes, "},
      {"max_json_depth=", "limit.value", 15, "missing"},
      {"max_json_depth=0", "limit.value", 15, "0 would refuse"},
      {"max_json_depth=-1", "limit.value", 15, "positive whole number"},
      {"max_json_depth=1.5", "limit.value", 15, "'1.5' is not one"},
      {"max_json_depth=12 ", "limit.value", 15, "is not one"},
      {"max_json_depth= 12", "limit.value", 15, "is not one"},
      {"max_json_depth=1e3", "limit.value", 15, "is not one"},
      {"max_json_depth=0x10", "limit.value", 15, "is not one"},
      {"max_json_depth=128K", "limit.value", 15, "is not one"},  // suffixes are for bytes only
      {"max_json_depth=1001", "limit.value", 15, "the most it can be, 1000"},
      {"max_expression_depth=129", "limit.value", 21, "the most it can be, 128"},
      {"max_exponent=2147483648", "limit.value", 13, "the most it can be, 2147483647"},
      {"max_records=99999999999999999999999", "limit.value", 12, "the most it can be"},
      {"max_records=" + size_max + "0", "limit.value", 12, "the most it can be"},
      {"max_file_bytes=M", "limit.value", 15, "missing"},
      {"max_file_bytes=1m", "limit.value", 15, "is not one"},
      {"max_file_bytes=1T", "limit.value", 15, "K, M or G"},
      {"max_file_bytes=1MB", "limit.value", 15, "is not one"},
      {"max_file_bytes=" + size_max + "K", "limit.value", 15, "the most it can be"},
      {"max_file_bytes=17179869184G", "limit.value", 15, "the most it can be"},
      {"max_string_bytes=0K", "limit.value", 17, "0 would refuse"},
  };
  for (const auto& c : cases) {
    INFO(c.setting);
    input_limits limits;
    auto error = parse_limit_setting(c.setting, limits);
    REQUIRE(error.has_value());
    CHECK(error->code == c.code);
    CHECK(error->offset == c.offset);
    INFO(error->message);
    CHECK(error->message.find(c.in_message) != std::string::npos);
    const input_limits defaults;
    CHECK(limits.max_file_bytes == defaults.max_file_bytes);
    CHECK(limits.max_json_depth == defaults.max_json_depth);
    CHECK(limits.max_string_bytes == defaults.max_string_bytes);
    CHECK(limits.max_records == defaults.max_records);
    CHECK(limits.max_expression_chars == defaults.max_expression_chars);
    CHECK(limits.max_expression_depth == defaults.max_expression_depth);
    CHECK(limits.max_exponent == defaults.max_exponent);
    CHECK(limits.max_evaluation_steps == defaults.max_evaluation_steps);
  }
}

TEST_CASE("the names of the limits are the fields of input_limits, in order") {
  CHECK(limit_names() == std::vector<std::string>{
                             "max_file_bytes", "max_json_depth", "max_string_bytes", "max_records",
                             "max_expression_chars", "max_expression_depth", "max_exponent",
                             "max_evaluation_steps", "max_import_depth", "max_dossier_bytes"});
}
