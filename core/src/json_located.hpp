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
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/limits.hpp"

namespace claimcheck::detail {

enum class json_type : std::uint8_t { null, boolean, number, string, array, object };

const char* json_type_name(json_type type);  // "a string", "an array", ...

struct json_member;
struct json_node;
class json_tree_builder;

struct json_position {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points
};

// A container's children: a run of its document's arena.
template <typename T>
class json_span {
 public:
  json_span() = default;
  json_span(const T* first, std::size_t size) : first_(first), size_(size) {}
  const T* begin() const { return first_; }
  const T* end() const { return first_ + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return first_[i]; }

 private:
  const T* first_ = nullptr;
  std::size_t size_ = 0;
};

// One value of a parsed document. It owns nothing: its strings view the
// file's bytes (or the document's decoded strings, for those with escapes)
// and its children are a run of the document's arena, so a node lives as
// long as its json_document and no longer.
struct json_node {
  json_type type = json_type::null;
  bool boolean = false;
  json_position at;  // first byte of the value (the opening quote of a string)

 private:
  friend class json_tree_builder;
  // Here, beside the small fields, so that a node is 64 bytes. 32 bits: a
  // container of 4G values would need 256 GB of nodes.
  std::uint32_t child_count_ = 0;

 public:
  double number = 0;
  // A string's decoded value, or a number's text exactly as written ("1.50").
  std::string_view text;
  // A string's source bytes between its quotes when it has escapes (empty
  // when they are `text` itself); used to place an offset inside the string
  // on the right column.
  std::string_view raw;

  json_span<json_node> items() const;      // an array's, else none
  json_span<json_member> members() const;  // an object's, in file order, else none

  const json_node* find(std::string_view key) const;
  const json_member* find_member(std::string_view key) const;

 private:
  // While the document is built, the index of the first child in the arena;
  // once it is whole, a pointer to it (the arena no longer moves).
  union children {
    std::size_t first;
    const json_node* items;
    const json_member* members;
  } children_{0};
};

struct json_member {
  std::string_view key;
  json_position at;  // the key's opening quote
  json_node value;
};

// A parsed file: its bytes and the tree that views them, in one place that
// does not move (held by pointer), freed together.
class json_document {
 public:
  explicit json_document(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string_view bytes() const { return bytes_; }
  const json_node& root() const { return root_; }
  // The bytes of node and member room the arena reserved: what a file of
  // long strings full of ':' and ',' must not inflate (tests read it).
  std::size_t arena_capacity_bytes() const {
    return items_.capacity() * sizeof(json_node) + members_.capacity() * sizeof(json_member);
  }

 private:
  friend class json_tree_builder;
  std::string bytes_;
  // Every node of the document but the root, each container's children
  // next to each other (moved here when the container closes).
  std::vector<json_node> items_;
  std::vector<json_member> members_;
  // The strings with escapes, decoded, in blocks that never move.
  std::vector<std::unique_ptr<char[]>> decoded_;
  json_node root_;
};

struct json_parse_result {
  std::unique_ptr<const json_document> document;  // when the whole document parsed
  const json_node* root = nullptr;                // its root, then
  diagnostics problems;                           // json.syntax, json.encoding, json.depth, ...
};

// Takes the records of a claim file's top-level lists as they are read, so
// that the file's tree never exists whole (issue 16): each item of a list
// it names is handed over, as a located subtree, as soon as it is read, and
// its room is reused for the next one.
class json_record_handler {
 public:
  virtual ~json_record_handler() = default;
  // The list a top-level key names (an index of the handler's own), or -1
  // when the key's items stay in the tree.
  virtual int list_of(std::string_view key) const = 0;
  // A top-level key of `list` is read: the list begins, and its items (if
  // its value is an array) follow. A later member of the same key begins
  // the list again, whatever its value (the tree keeps the last of
  // duplicate keys, as a map would).
  virtual void list_begins(int list) = 0;
  // The `index`th item of the list, whole; it and its tree live only
  // during the call (strings view the file's bytes or a buffer reused next).
  virtual void record(int list, std::size_t index, const json_node& item) = 0;
};

// Parses `bytes` (the whole file, kept by the result) into a located tree.
// Diagnostics name `file` and carry line and column. With `records`, the
// items of the top-level lists it names go to it instead of the tree (there
// those lists are empty arrays); when the document does not parse, what it
// was handed is to be dropped, as the result has no root then.
json_parse_result parse_claim_json(std::string bytes, const std::string& file,
                                   const input_limits& limits,
                                   json_record_handler* records = nullptr);

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
