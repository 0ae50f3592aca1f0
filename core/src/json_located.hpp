// SPDX-License-Identifier: MIT
// Private to core: a JSON tree in which every value and key knows its byte
// offset, line and column, parsed in one SAX pass. The claim format's shape
// is checked afterwards by the loader's own rules, not by a schema validator.
//
// Example: parsing `{"claims": [{"id": "X"}]}` gives a root object whose
// member "claims" holds an array whose first item is an object at 1:13; its
// "id" value is the string "X" at 1:20 (the opening quote).
//
// RapidJSON stays inside json_located.cpp: this header shows none of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/limits.hpp"

namespace claimcheck::detail {

enum class json_type { null, boolean, number, string, array, object };

const char* json_type_name(json_type type);  // "a string", "an array", ...

struct json_member;

struct json_position {
  std::size_t offset = 0;  // byte offset in the file
  int line = 0;            // 1-based
  int column = 0;          // 1-based, in code points
};

struct json_node {
  json_type type = json_type::null;
  json_position at;  // first byte of the value (the opening quote of a string)
  bool boolean = false;
  double number = 0;
  // A string's decoded value, or a number's text exactly as written ("1.50").
  std::string text;
  // A string's source bytes between its quotes, escapes undecoded; used to
  // place an offset inside the string on the right column.
  std::string raw;
  std::vector<json_node> items;      // array
  std::vector<json_member> members;  // object, in file order

  const json_node* find(std::string_view key) const;
  const json_member* find_member(std::string_view key) const;
};

struct json_member {
  std::string key;
  json_position at;  // the key's opening quote
  json_node value;
};

struct json_parse_result {
  std::optional<json_node> root;  // set when the whole document parsed
  diagnostics problems;           // json.syntax, json.encoding, json.depth, ...
};

// Parses `bytes` (the whole file) into a located tree. Diagnostics name
// `file` and carry line and column.
json_parse_result parse_claim_json(std::string_view bytes, const std::string& file,
                                   const input_limits& limits);

// Whether a file's top-level object has the key "claimcheck", or the file
// does not parse (or crosses a limit) so that cannot be told: the one
// question asked of every JSON file in a folder, answered by a bare SAX pass
// that stops at the key. The located tree is built later, one folder at a
// time.
bool may_be_claim_file(std::string_view bytes, const input_limits& limits);

// The JSON Schema text compiled into the program (docs/schema/claimcheck.schema.json).
std::string_view embedded_schema_text();

// "/claims/0/unit" from tokens, with ~0 and ~1 escapes.
std::string json_pointer(const std::vector<std::string>& tokens);
std::string json_pointer_append(const std::string& pointer, std::string_view token);

// The location of a value inside a string node: `code_point_offset` counts
// code points of the decoded string; escapes are accounted for.
source_location location_in_string(const json_node& string_node, std::size_t code_point_offset,
                                   const std::string& file, const std::string& pointer);

source_location make_location(const json_position& at, const std::string& file,
                              const std::string& pointer);

}  // namespace claimcheck::detail
