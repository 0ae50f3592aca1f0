// SPDX-License-Identifier: MIT
// One SAX pass per claim file: RapidJSON's iterative Reader (no recursion,
// so nesting depth cannot overflow the stack) feeds the tree builder, which
// records every value with its location.
//
//   Reader --> tree_builder (tree + positions)
//
// The shape of the claim format (fields, types, enums, patterns) is checked
// by the loader's hand-written rules (loader.cpp), which report every
// problem of a file with its place. RapidJSON's schema validator once ran
// here on every event as a backstop: it cost about twice the whole parse
// (issue 16), and tests/schema_parity_test.cpp now shows the loader refuses
// exactly the files the published schema refuses.
#include "rapidjson_config.hpp"  // first: configures RapidJSON

#include "json_located.hpp"
#include "json_syntax.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <system_error>
#include <unordered_set>

#include "claimcheck/text.hpp"
#include "claimcheck/text_position.hpp"
#include "enum_names.hpp"

namespace claimcheck::detail {
namespace {

// The file in memory, read through RapidJSON's stream concept. Tell() is the
// byte offset that every recorded position starts from.
class counting_stream {
 public:
  using Ch = char;
  counting_stream(const char* begin, const char* end) : begin_(begin), cur_(begin), end_(end) {}
  Ch Peek() const { return cur_ < end_ ? *cur_ : '\0'; }
  Ch Take() { return cur_ < end_ ? *cur_++ : '\0'; }
  std::size_t Tell() const { return static_cast<std::size_t>(cur_ - begin_); }
  // Write side of the concept; the Reader never writes to an input stream.
  Ch* PutBegin() { throw json_assert_failure("counting_stream is read-only"); }
  void Put(Ch) { throw json_assert_failure("counting_stream is read-only"); }
  void Flush() {}
  std::size_t PutEnd(Ch*) { throw json_assert_failure("counting_stream is read-only"); }

 private:
  const char* begin_;
  const char* cur_;
  const char* end_;
};

// Turns byte offsets into line and column. Offsets arrive in increasing order
// (values are reported in document order), so one forward walk serves all
// of them: linear in the file, even for a 64 MB file on one line.
class position_cursor {
 public:
  position_cursor(std::string_view text, std::size_t start) : text_(text), start_(start) {
    reset();
  }

  json_position at(std::size_t target) {
    if (target < offset_) reset();
    while (offset_ < target && offset_ < text_.size()) {
      // Most bytes between two values are ASCII other than a line break:
      // one column each, counted as a run (the walk was 8% of `check`).
      std::size_t run = offset_;
      const std::size_t run_end = std::min(target, text_.size());
      while (run + 8 <= run_end && plain_ascii_word(text_.data() + run)) run += 8;
      while (run < run_end && is_plain_ascii(text_[run])) ++run;
      if (run > offset_) {
        position_.advance_columns(static_cast<int>(run - offset_));
        offset_ = run;
        continue;
      }
      position_.advance_byte(static_cast<unsigned char>(text_[offset_]));
      ++offset_;
    }
    return json_position{position_.line(), position_.column()};
  }

 private:
  // Whether eight bytes are all is_plain_ascii: no high bit, no LF, no CR
  // (a byte equal to LF makes its lane of `v ^ LFs` zero, found by the
  // classic has-zero-byte test).
  static bool plain_ascii_word(const char* bytes) {
    std::uint64_t v = 0;
    std::memcpy(&v, bytes, sizeof v);
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    auto has_zero = [](std::uint64_t x) { return ((x - ones) & ~x & highs) != 0; };
    return (v & highs) == 0 && !has_zero(v ^ (ones * '\n')) && !has_zero(v ^ (ones * '\r'));
  }

  static bool is_plain_ascii(char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x80 && b != '\n' && b != '\r';
  }

  void reset() {
    offset_ = start_;
    position_ = text_position{};
  }

  std::string_view text_;
  std::size_t start_;
  std::size_t offset_ = 0;
  // Lines and columns as extract counts them (a lone CR breaks a line).
  text_position position_;
};

bool is_number_byte(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// A JSON number token (already checked against the JSON grammar by the
// reader), read the way RapidJSON 1.1.0 would report it: an integer that fits
// 32 or 64 bits as one, anything else as the nearest double. RapidJSON's own
// conversion is not used: in 1.1.0 a long fraction overflows its table of
// powers of ten (GetCachedPower10, Tencent/rapidjson#1251) and crashes.
// std::from_chars is exact (correctly rounded) for any length.
struct json_number {
  enum class kind { int32, uint32, int64, uint64, real, too_large } form = kind::real;
  std::int64_t signed_value = 0;
  std::uint64_t unsigned_value = 0;
  double real = 0;
};

// Whether a token that std::from_chars found out of range is too large (else
// it is too close to zero): the decimal exponent of its first significant
// digit decides, since it is above 308 or below -323.
bool beyond_largest(std::string_view token) {
  std::size_t e = token.find_first_of("eE");
  std::string_view mantissa = token.substr(0, e);
  long long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = token.substr(e + 1);
    bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
      digits.remove_prefix(1);
    for (char c : digits) exponent = std::min(exponent * 10 + (c - '0'), 1'000'000'000LL);
    if (negative) exponent = -exponent;
  }
  long long lead = 0;  // decimal exponent of the first non-zero digit
  long long position = static_cast<long long>(mantissa.find('.'));
  if (mantissa.find('.') == std::string_view::npos)
    position = static_cast<long long>(mantissa.size());
  for (std::size_t i = 0; i < mantissa.size(); ++i) {
    if (mantissa[i] < '1' || mantissa[i] > '9') continue;
    long long index = static_cast<long long>(i);
    lead = index < position ? position - index - 1 : position - index;
    break;
  }
  if (!mantissa.empty() && mantissa.front() == '-')
    ++lead;  // the sign took a place before the point
  return lead + exponent > 0;
}

json_number read_json_number(std::string_view token) {
  json_number out;
  const char* first = token.data();
  const char* last = first + token.size();
  if (token.find_first_of(".eE") == std::string_view::npos) {
    if (!token.empty() && token.front() == '-') {
      std::int64_t value = 0;
      auto [end, ec] = std::from_chars(first, last, value);
      if (ec == std::errc() && end == last) {
        out.signed_value = value;
        out.form = value >= std::numeric_limits<std::int32_t>::min() ? json_number::kind::int32
                                                                     : json_number::kind::int64;
        return out;
      }
    } else {
      std::uint64_t value = 0;
      auto [end, ec] = std::from_chars(first, last, value);
      if (ec == std::errc() && end == last) {
        out.unsigned_value = value;
        out.form = value <= std::numeric_limits<std::uint32_t>::max() ? json_number::kind::uint32
                                                                      : json_number::kind::uint64;
        return out;
      }
    }
  }
  auto [end, ec] = std::from_chars(first, last, out.real);
  if (ec == std::errc::result_out_of_range) {
    if (beyond_largest(token)) {
      out.form = json_number::kind::too_large;
    } else {
      // Closer to zero than the smallest double: zero, as RapidJSON reads
      // 1e-400; the loader refuses it where a value is read from the text.
      out.real = token.front() == '-' ? -0.0 : 0.0;
    }
  } else if (ec != std::errc() || end != last) {
    throw json_assert_failure("a JSON number token the reader accepted does not convert");
  }
  return out;
}

std::string too_large_message(std::string_view token) {
  return "the number " + clip_echo(token) +
         " is too large for a double (about 1.8e308 at most); check the exponent";
}

}  // namespace

// Builds the tree. Every event knows where its value starts: containers are
// reported before their bracket is consumed (iterative mode), literals and
// numbers end at the stream position, strings end after their closing quote
// and start at the nearest quote before it that is not escaped.
//
// The children of open containers wait on two pending stacks (items and
// members); when a container closes, its children are complete and move to
// the end of the document's arena in one run, so that every container's
// children lie together and a node needs no vector of its own.
//
// With a record handler, each item of a top-level list it names is linked
// and handed over once whole, then taken off the pending stack and the
// arena truncated back to the list's mark: the arena holds the top level
// and one record at a time.
class json_tree_builder {
 public:
  json_tree_builder(const counting_stream& stream, json_document& document, std::string_view bytes,
                    const std::string& file, const input_limits& limits, diagnostics& problems,
                    json_record_handler* records)
      : stream_(stream),
        document_(document),
        bytes_(bytes),
        cursor_(bytes, 0),
        file_(file),
        limits_(limits),
        problems_(problems),
        records_(records) {}

  bool aborted() const { return aborted_; }

  // Room in the arena for every value the document can hold: a member per
  // ':' and an item per ',' or '[' outside strings. Pages of the slack that
  // are never written are never touched either, while a vector grown by
  // doubling would copy the arena and keep up to twice it. Characters inside
  // strings are not counted: a file of long strings full of ':' would
  // otherwise reserve some 88 bytes per byte of input, which a machine with
  // strict overcommit refuses. (Exceeding the reservation is safe: children
  // are held by index until finish().)
  void reserve() {
    std::size_t colons = 0;
    std::size_t items = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : bytes_) {
      if (in_string) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else {
        colons += c == ':';
        items += c == ',' || c == '[';
      }
    }
    document_.members_.reserve(colons);
    document_.items_.reserve(items);
  }

  // Once the whole document is read: the arena no longer moves, so each
  // container's first-child index becomes a pointer.
  void finish() {
    link(document_.root_);
    for (json_node& node : document_.items_) link(node);
    for (json_member& member : document_.members_) link(member.value);
  }

  bool Null() { return scalar(json_type::null, stream_.Tell() - 4); }
  bool Bool(bool b) {
    json_node* node = place(json_type::boolean, stream_.Tell() - (b ? 4 : 5));
    if (!node) return false;
    node->boolean = b;
    return value_done();
  }
  // Every number arrives as its token (kParseNumbersAsStringsFlag) and is
  // converted here, exactly (see read_json_number).
  bool RawNumber(const char* str, rapidjson::SizeType length, bool) {
    std::string_view token(str, length);
    json_number converted = read_json_number(token);
    switch (converted.form) {
      case json_number::kind::int32:
      case json_number::kind::int64:
        return number(length, static_cast<double>(converted.signed_value));
      case json_number::kind::uint32:
      case json_number::kind::uint64:
        return number(length, static_cast<double>(converted.unsigned_value));
      case json_number::kind::real:
        return number(length, converted.real);
      case json_number::kind::too_large:
        break;
    }
    fail("number.range", stream_.Tell() - token.size(), too_large_message(token));
    return false;
  }
  // Never called with kParseNumbersAsStringsFlag; the handler concept needs them.
  bool Int(int) { return unexpected_number(); }
  bool Uint(unsigned) { return unexpected_number(); }
  bool Int64(std::int64_t) { return unexpected_number(); }
  bool Uint64(std::uint64_t) { return unexpected_number(); }
  bool Double(double) { return unexpected_number(); }

  bool String(const char* str, rapidjson::SizeType length, bool) {
    std::size_t open = opening_quote();
    if (!check_string_length(length, open)) return false;
    json_node* node = place(json_type::string, open);
    if (!node) return false;
    std::string_view raw = between_quotes(open);
    node->text = kept(raw, str, length);
    if (node->text.data() != raw.data()) node->raw = raw;
    return value_done();
  }

  bool Key(const char* str, rapidjson::SizeType length, bool) {
    std::size_t open = opening_quote();
    if (!check_string_length(length, open)) return false;
    json_member member;
    member.key = kept(between_quotes(open), str, length);
    member.at = cursor_.at(open);
    if (is_duplicate(frames_.back(), member.key)) {
      problems_.push_back(diagnostic{
          severity::error, "json.duplicate_key", make_location(member.at, file_, ""),
          "the key '" + std::string(member.key) +
              "' appears twice in this object; JSON readers disagree on which one counts, "
              "so keep one"});
    }
    // A top-level list's key begins the list again, whatever its value: a
    // duplicate key's later value counts, as in the tree, also when it is
    // not an array (then the list has no records at all).
    if (records_ && frames_.size() == 1 && frames_.front().type == json_type::object) {
      const int list = records_->list_of(member.key);
      if (list >= 0) records_->list_begins(list);
    }
    pending_members_.push_back(member);
    return true;
  }

  bool StartObject() { return open(json_type::object); }
  bool StartArray() { return open(json_type::array); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  // Where a node waits while the document is read: the root, or a slot of
  // one of the pending stacks (by index: the stacks grow and move).
  struct node_place {
    enum class in { root, items, members } stack = in::root;
    std::size_t index = 0;
  };

  // The arena's state when a streamed list opened: each of its records'
  // room is given back to it once the record is handed over.
  struct arena_mark {
    std::size_t items = 0, members = 0, decoded_blocks = 0;
    char* decoded_next = nullptr;
    std::size_t decoded_room = 0;
  };

  struct frame {
    node_place node;
    json_type type;
    std::size_t first_child;  // on the pending stack of its kind
    std::size_t placed = 0;   // arrays: items so far (a streamed list keeps none)
    int list = -1;            // a list whose items go to the record handler
    arena_mark mark;          // then, the arena before its first item
    // Objects only, to find duplicate keys, once an object has more keys
    // than a linear search over its members handles cheaply. A record has a
    // dozen keys; a hash set for every object cost more than the search.
    std::unordered_set<std::string_view> keys;
  };

  static constexpr std::size_t linear_key_search = 32;

  json_node& node_at(const node_place& place) {
    switch (place.stack) {
      case node_place::in::items:
        return pending_items_[place.index];
      case node_place::in::members:
        return pending_members_[place.index].value;
      case node_place::in::root:
        break;
    }
    return document_.root_;
  }

  void link(json_node& node) {
    if (node.type == json_type::array) {
      node.children_.items = document_.items_.data() + node.children_.first;
    } else if (node.type == json_type::object) {
      node.children_.members = document_.members_.data() + node.children_.first;
    }
  }

  // Whether `key` is already a member of the frame's object (and, past the
  // linear search, remembers it).
  bool is_duplicate(frame& top, std::string_view key) {
    const std::size_t count = pending_members_.size() - top.first_child;
    if (count < linear_key_search) {
      for (std::size_t i = top.first_child; i < pending_members_.size(); ++i) {
        if (pending_members_[i].key == key) return true;
      }
      return false;
    }
    if (top.keys.empty()) {
      for (std::size_t i = top.first_child; i < pending_members_.size(); ++i)
        top.keys.insert(pending_members_[i].key);
    }
    return !top.keys.insert(key).second;
  }

  bool number(std::size_t length, double value) {
    std::size_t begin = stream_.Tell() - length;
    json_node* node = place(json_type::number, begin);
    if (!node) return false;
    node->number = value;
    // The token as written, in the file (RapidJSON's copy is temporary).
    node->text = bytes_.substr(begin, length);
    return value_done();
  }

  static bool unexpected_number() {
    throw json_assert_failure("a number event although numbers are read as tokens");
  }

  bool scalar(json_type type, std::size_t begin) {
    return place(type, begin) != nullptr && value_done();
  }

  // After a value is whole: an item of a streamed list is handed over,
  // linked, then its room in the arena (and its decoded strings) freed.
  bool value_done() {
    if (frames_.size() != 2 || frames_.back().list < 0) return true;
    frame& list = frames_.back();
    json_node& item = pending_items_.back();
    for (std::size_t i = list.mark.items; i < document_.items_.size(); ++i)
      link(document_.items_[i]);
    for (std::size_t i = list.mark.members; i < document_.members_.size(); ++i)
      link(document_.members_[i].value);
    link(item);
    records_->record(list.list, list.placed - 1, item);
    pending_items_.pop_back();
    document_.items_.erase(document_.items_.begin() + static_cast<std::ptrdiff_t>(list.mark.items),
                           document_.items_.end());
    document_.members_.erase(
        document_.members_.begin() + static_cast<std::ptrdiff_t>(list.mark.members),
        document_.members_.end());
    document_.decoded_.resize(list.mark.decoded_blocks);
    decoded_next_ = list.mark.decoded_next;
    decoded_room_ = list.mark.decoded_room;
    return true;
  }

  // Whether the array being opened is a top-level list the record handler
  // takes (its key told it the list begins: Key); then the arena is marked.
  void begin_list(frame& opened) {
    if (!records_ || opened.type != json_type::array || frames_.size() != 2 ||
        frames_.front().type != json_type::object)
      return;
    opened.list = records_->list_of(pending_members_.back().key);
    if (opened.list < 0) return;
    opened.mark = arena_mark{document_.items_.size(), document_.members_.size(),
                             document_.decoded_.size(), decoded_next_, decoded_room_};
  }

  std::size_t opening_quote() const {
    std::size_t close = stream_.Tell() - 1;
    std::size_t i = close;
    while (i > 0) {
      --i;
      if (bytes_[i] != '"') continue;
      std::size_t backslashes = 0;
      for (std::size_t k = i; k > 0 && bytes_[k - 1] == '\\'; --k) ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return 0;
  }

  std::string_view between_quotes(std::size_t open) const {
    std::size_t close = stream_.Tell() - 1;
    return bytes_.substr(open + 1, close - open - 1);
  }

  // A string's decoded value that outlives the event: its bytes in the file
  // when it has no escapes (most strings), else a copy among the document's
  // decoded strings.
  std::string_view kept(std::string_view raw, const char* decoded, std::size_t length) {
    if (raw.size() == length && raw.compare(0, length, decoded, length) == 0) return raw;
    if (length > decoded_room_) {
      const std::size_t block = std::max<std::size_t>(length, 4096);
      document_.decoded_.push_back(std::make_unique<char[]>(block));
      decoded_next_ = document_.decoded_.back().get();
      decoded_room_ = block;
    }
    std::copy(decoded, decoded + length, decoded_next_);
    std::string_view out(decoded_next_, length);
    decoded_next_ += length;
    decoded_room_ -= length;
    return out;
  }

  bool check_string_length(std::size_t length, std::size_t open) {
    if (length <= limits_.max_string_bytes) return true;
    fail("json.string_length", open,
         "this string has " + std::to_string(length) + " bytes, more than the limit of " +
             std::to_string(limits_.max_string_bytes) +
             "; keep long texts in the document file, not in the claim file");
    return false;
  }

  bool open(json_type type) {
    std::size_t begin = stream_.Tell();
    if (frames_.size() + 1 > limits_.max_json_depth) {
      fail("json.depth", begin,
           "arrays and objects are nested more than " + std::to_string(limits_.max_json_depth) +
               " deep here; a claim file needs about 4 levels");
      return false;
    }
    node_place where;
    if (!place(type, begin, where)) return false;
    const std::size_t first =
        type == json_type::array ? pending_items_.size() : pending_members_.size();
    frame& opened = frames_.emplace_back();
    opened.node = where;
    opened.type = type;
    opened.first_child = first;
    begin_list(opened);
    return true;
  }

  // The closed container's children move from their pending stack to the
  // end of the arena, in one run.
  bool close() {
    frame& done = frames_.back();
    std::size_t first = 0;
    std::size_t count = 0;
    if (done.type == json_type::array) {
      first = document_.items_.size();
      count = pending_items_.size() - done.first_child;
      document_.items_.insert(document_.items_.end(), pending_items_.begin() + done.first_child,
                              pending_items_.end());
      pending_items_.resize(done.first_child);
    } else {
      first = document_.members_.size();
      count = pending_members_.size() - done.first_child;
      document_.members_.insert(document_.members_.end(),
                                pending_members_.begin() + done.first_child,
                                pending_members_.end());
      pending_members_.resize(done.first_child);
    }
    json_node& node = node_at(done.node);
    node.children_.first = first;
    node.child_count_ = static_cast<std::uint32_t>(count);
    frames_.pop_back();
    return value_done();
  }

  json_node* place(json_type type, std::size_t begin) {
    node_place where;
    return place(type, begin, where);
  }

  // Puts a new value where the grammar says it goes: the root, the next item
  // of the open array, or the value of the open object's last key.
  json_node* place(json_type type, std::size_t begin, node_place& where) {
    json_node* node = nullptr;
    if (frames_.empty()) {
      where = node_place{node_place::in::root, 0};
      node = &document_.root_;
    } else if (frames_.back().type == json_type::array) {
      if (frames_.size() == 2 && frames_.back().placed >= limits_.max_records) {
        fail("limit.records", begin,
             "more than " + std::to_string(limits_.max_records) +
                 " records in one list; split the dossier");
        return nullptr;
      }
      where = node_place{node_place::in::items, pending_items_.size()};
      ++frames_.back().placed;
      node = &pending_items_.emplace_back();
    } else {
      where = node_place{node_place::in::members, pending_members_.size() - 1};
      node = &pending_members_.back().value;
    }
    node->type = type;
    node->at = cursor_.at(begin);
    return node;
  }

  void fail(const char* code, std::size_t offset, std::string message) {
    problems_.push_back(diagnostic{
        severity::error, code, make_location(cursor_.at(offset), file_, ""), std::move(message)});
    aborted_ = true;
  }

  const counting_stream& stream_;
  json_document& document_;
  std::string_view bytes_;
  position_cursor cursor_;
  const std::string& file_;
  const input_limits& limits_;
  diagnostics& problems_;
  std::vector<frame> frames_;
  std::vector<json_node> pending_items_;
  std::vector<json_member> pending_members_;
  char* decoded_next_ = nullptr;
  std::size_t decoded_room_ = 0;
  bool aborted_ = false;
  json_record_handler* records_;
};

namespace {

std::string number_token_at(std::string_view bytes, std::size_t offset) {
  std::size_t end = offset;
  while (end < bytes.size() && is_number_byte(bytes[end])) ++end;
  return std::string(bytes.substr(offset, end - offset));
}

}  // namespace

std::string json_syntax_message(rapidjson::ParseErrorCode code, json_text text) {
  switch (code) {
    case rapidjson::kParseErrorValueInvalid:
      return "expected a value here (a string, number, object, array, true, false or null); "
             "JSON has no trailing commas, comments or bare words";
    case rapidjson::kParseErrorObjectMissName:
      return "expected a key in double quotes; JSON has no trailing comma before '}'";
    case rapidjson::kParseErrorObjectMissColon:
      return "expected ':' after the key";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      return "expected ',' or '}' after this member";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      return "expected ',' or ']' after this element";
    case rapidjson::kParseErrorStringMissQuotationMark:
      return "this string is never closed; add '\"'";
    case rapidjson::kParseErrorStringEscapeInvalid:
      return "invalid character in a string: a raw line break or tab must be written \\n or "
             "\\t, a backslash \\\\, or the string lacks its closing '\"'";
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return text == json_text::claim_file
                 ? "text after the end of the JSON value; a claim file is one object"
                 : "text after the end of the object; JSON Lines has one article per line";
    default:
      return rapidjson::GetParseError_En(code);
  }
}

const char* json_type_name(json_type type) {
  static constexpr auto names = enum_names<json_type::object>("null", "a boolean", "a number",
                                                              "a string", "an array", "an object");
  return names.name(type);
}

json_span<json_node> json_node::items() const {
  if (type != json_type::array) return {};
  return {children_.items, child_count_};
}

json_span<json_member> json_node::members() const {
  if (type != json_type::object) return {};
  return {children_.members, child_count_};
}

const json_member* json_node::find_member(std::string_view key) const {
  for (const auto& member : members()) {
    if (member.key == key) return &member;
  }
  return nullptr;
}

const json_node* json_node::find(std::string_view key) const {
  const json_member* member = find_member(key);
  return member ? &member->value : nullptr;
}

std::string json_pointer_append(const std::string& pointer, std::string_view token) {
  std::string out = pointer;
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string json_pointer(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& token : tokens) out = json_pointer_append(out, token);
  return out;
}

source_location make_location(const json_position& at, const std::string& file,
                              const std::string& pointer) {
  return source_location{file, at.line, at.column, pointer};
}

source_location location_in_string(const json_node& string_node, std::size_t code_point_offset,
                                   const std::string& file, const std::string& pointer) {
  source_location where = make_location(string_node.at, file, pointer);
  where.column += 1;  // the first character, after the opening quote
  if (string_node.raw.empty()) {
    where.column += static_cast<int>(code_point_offset);
    return where;
  }
  // Walk the source bytes: an escape is several columns for one code point
  // (two \u escapes for a surrogate pair), a UTF-8 sequence is one column.
  const std::string_view raw = string_node.raw;
  std::size_t i = 0;
  for (std::size_t seen = 0; seen < code_point_offset && i < raw.size(); ++seen) {
    std::size_t width = 1;
    int columns = 1;
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      width = raw[i + 1] == 'u' ? 6 : 2;
      if (raw[i + 1] == 'u' && i + 12 <= raw.size() && raw[i + 6] == '\\' && raw[i + 7] == 'u') {
        unsigned long high = std::strtoul(std::string(raw.substr(i + 2, 4)).c_str(), nullptr, 16);
        if (high >= 0xD800 && high <= 0xDBFF) width = 12;
      }
      columns = static_cast<int>(width);
    } else {
      auto lead = static_cast<unsigned char>(raw[i]);
      width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    }
    i += width;
    where.column += columns;
  }
  return where;
}

// The name of the encoding of a file that is UTF-16 or UTF-32 rather than
// UTF-8, told by its byte-order mark or by the NUL bytes around the ASCII of
// its first character ("{" is 7B 00 in UTF-16 LE); empty for anything else.
std::string wide_encoding(std::string_view b) {
  auto starts = [&](std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; };
  if (starts(std::string_view("\xFF\xFE\0\0", 4))) return "UTF-32 LE (it starts with FF FE 00 00)";
  if (starts(std::string_view("\0\0\xFE\xFF", 4))) return "UTF-32 BE (it starts with 00 00 FE FF)";
  if (starts("\xFF\xFE")) return "UTF-16 LE (it starts with the byte-order mark FF FE)";
  if (starts("\xFE\xFF")) return "UTF-16 BE (it starts with the byte-order mark FE FF)";
  if (b.size() < 4) return "";
  const bool z0 = b[0] == '\0', z1 = b[1] == '\0', z2 = b[2] == '\0', z3 = b[3] == '\0';
  if (!z0 && z1 && z2 && z3) return "UTF-32 LE (every character is followed by three NUL bytes)";
  if (z0 && z1 && z2 && !z3) return "UTF-32 BE (every character is preceded by three NUL bytes)";
  if (!z0 && z1 && !z2 && z3) return "UTF-16 LE (every other byte is NUL)";
  if (z0 && !z1 && z2 && !z3) return "UTF-16 BE (every other byte is NUL)";
  return "";
}

json_parse_result parse_claim_json(std::string file_bytes, const std::string& file,
                                   const input_limits& limits, json_record_handler* records) {
  json_parse_result out;
  auto document = std::make_unique<json_document>(std::move(file_bytes));
  const std::string_view bytes = document->bytes();
  const std::string wide = wide_encoding(bytes);
  if (!wide.empty()) {
    out.problems.push_back(diagnostic{severity::error, "json.encoding",
                                      source_location{file, 1, 1, ""},
                                      "the file is " + wide +
                                          ", not UTF-8; save it as UTF-8 (without a byte-order "
                                          "mark)"});
    return out;
  }
  // A UTF-8 byte-order mark is not JSON, but editors on some systems write
  // one; skip it so that column 1 is the first visible character.
  std::size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  counting_stream stream(bytes.data() + start, bytes.data() + bytes.size());
  std::string_view content = bytes.substr(start);
  json_tree_builder builder(stream, *document, content, file, limits, out.problems, records);
  // Streaming, the arena holds the top level and one record at a time: it
  // grows to the largest record and is reused, so no reservation is needed.
  if (!records) builder.reserve();
  rapidjson::Reader reader;
  // Numbers as their tokens: the builder converts them (see read_json_number).
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  // RapidJSON's check of each string byte cost 6% of `check` (issue 16). Its
  // table is Unicode's well-formed UTF-8, as is text.hpp's decoder: a file
  // that is UTF-8 throughout cannot fail it, so only other files pay for it
  // (and get its json.encoding error at the first bad byte).
  rapidjson::ParseResult parsed =
      is_utf8(content)
          ? reader.Parse<flags>(stream, builder)
          : reader.Parse<flags | rapidjson::kParseValidateEncodingFlag>(stream, builder);
  if (parsed.IsError() && !builder.aborted()) {
    position_cursor cursor(content, 0);
    json_position at = cursor.at(parsed.Offset());
    source_location where = make_location(at, file, "");
    switch (parsed.Code()) {
      case rapidjson::kParseErrorNumberTooBig:
        out.problems.push_back(
            diagnostic{severity::error, "number.range", where,
                       too_large_message(number_token_at(content, parsed.Offset()))});
        break;
      case rapidjson::kParseErrorStringInvalidEncoding:
        out.problems.push_back(diagnostic{severity::error, "json.encoding", where,
                                          "invalid UTF-8 at byte " +
                                              std::to_string(parsed.Offset() + start) +
                                              "; save the file as UTF-8"});
        break;
      case rapidjson::kParseErrorDocumentEmpty:
        out.problems.push_back(diagnostic{severity::error, "json.syntax", where,
                                          "the file is empty; a claim file is a JSON object "
                                          "such as {\"claimcheck\": 1}"});
        break;
      default:
        // RapidJSON takes a NUL byte for the end of the text: say what is there.
        if (parsed.Offset() < content.size() && content[parsed.Offset()] == '\0') {
          out.problems.push_back(
              diagnostic{severity::error, "json.syntax", where,
                         "a NUL byte (00) at byte " + std::to_string(parsed.Offset() + start) +
                             "; a claim file is text: remove it (in a string, write \\u0000)"});
          break;
        }
        out.problems.push_back(
            diagnostic{severity::error, "json.syntax", where,
                       json_syntax_message(parsed.Code(), json_text::claim_file)});
        break;
    }
  }
  // The reader stops at a NUL byte as at the end of the text: whatever
  // follows one after the value would be ignored without a word.
  if (!parsed.IsError() && stream.Tell() < content.size()) {
    position_cursor cursor(content, 0);
    out.problems.push_back(diagnostic{
        severity::error, "json.syntax", make_location(cursor.at(stream.Tell()), file, ""),
        "a NUL byte (00) at byte " + std::to_string(stream.Tell() + start) +
            " after the end of the JSON value, and " +
            std::to_string(content.size() - stream.Tell() - 1) +
            " more bytes; a claim file is one JSON object and nothing else"});
    parsed = rapidjson::ParseResult(rapidjson::kParseErrorDocumentRootNotSingular, stream.Tell());
  }
  // A root is handed on only when the whole document was read: a partial tree
  // would turn one syntax error into a cascade of "missing field" errors.
  if (!parsed.IsError()) {
    builder.finish();
    out.root = &document->root();
    out.document = std::move(document);
  }
  return out;
}

namespace {

// Answers may_be_claim_file. It stops (returns false) at the key
// "claimcheck" of the top-level object, or at a limit parse_claim_json
// would refuse (then the file cannot be told apart from a claim file and
// its full parse reports why); else it reads to the end, because a syntax
// error anywhere means the same.
struct claim_key_probe : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, claim_key_probe> {
  explicit claim_key_probe(const input_limits& l) : limits(l) {}

  const input_limits& limits;
  // Per open container: whether it is an array, and its items so far (the
  // record limit counts the items of the arrays inside the top object).
  std::vector<std::pair<bool, std::size_t>> items;
  bool found = false;
  bool over_limit = false;

  bool value() {
    if (items.size() == 2 && items.back().first && ++items.back().second > limits.max_records)
      return stop_at_limit();
    return true;
  }
  bool stop_at_limit() {
    over_limit = true;
    return false;
  }
  bool Default() { return value(); }
  bool String(const char*, rapidjson::SizeType length, bool) {
    return length > limits.max_string_bytes ? stop_at_limit() : value();
  }
  bool StartObject() { return open(false); }
  bool StartArray() { return open(true); }
  bool open(bool array) {
    if (!value()) return false;
    if (items.size() + 1 > limits.max_json_depth) return stop_at_limit();
    items.emplace_back(array, 0);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }
  bool close() {
    items.pop_back();
    return true;
  }
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    if (length > limits.max_string_bytes) return stop_at_limit();
    if (items.size() == 1 && std::string_view(str, length) == "claimcheck") {
      found = true;
      return false;
    }
    return true;
  }
};

}  // namespace

bool may_be_claim_file(std::string_view bytes, const input_limits& limits) {
  std::size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  counting_stream stream(bytes.data() + start, bytes.data() + bytes.size());
  claim_key_probe probe(limits);
  rapidjson::Reader reader;
  // Numbers as tokens: the probe needs no values, and RapidJSON 1.1.0's own
  // conversion crashes on long fractions (see read_json_number).
  constexpr unsigned flags = rapidjson::kParseIterativeFlag |
                             rapidjson::kParseNumbersAsStringsFlag |
                             rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult parsed = reader.Parse<flags>(stream, probe);
  // Read to the end without the key: a JSON file of something else.
  return probe.found || probe.over_limit || parsed.IsError();
}

}  // namespace claimcheck::detail
