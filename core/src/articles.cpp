// SPDX-License-Identifier: MIT
// One SAX pass per line: RapidJSON's iterative Reader (no recursion, so no
// nesting can overflow the stack) feeds a handler that keeps "id", "text"
// and "language" and re-encodes every other member through a Writer, event
// by event (a DOM's Accept would recurse).
#include "rapidjson_config.hpp"  // first: configures RapidJSON

#include "claimcheck/articles.hpp"
#include "claimcheck/text.hpp"
#include "json_syntax.hpp"

#include <algorithm>
#include <istream>
#include <optional>

namespace claimcheck {
namespace {

// The line in memory, read through RapidJSON's stream concept; Tell() is the
// byte offset of the next byte.
class line_stream {
 public:
  using Ch = char;
  explicit line_stream(std::string_view line)
      : begin_(line.data()), cur_(begin_), end_(begin_ + line.size()) {}
  Ch Peek() const { return cur_ < end_ ? *cur_ : '\0'; }
  Ch Take() { return cur_ < end_ ? *cur_++ : '\0'; }
  std::size_t Tell() const { return static_cast<std::size_t>(cur_ - begin_); }
  // Write side of the concept; the Reader never writes to an input stream.
  Ch* PutBegin() { throw detail::json_assert_failure("line_stream is read-only"); }
  void Put(Ch) { throw detail::json_assert_failure("line_stream is read-only"); }
  void Flush() {}
  std::size_t PutEnd(Ch*) { throw detail::json_assert_failure("line_stream is read-only"); }

 private:
  const char* begin_;
  const char* cur_;
  const char* end_;
};

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// 1-based column in code points of byte `offset` of `line`.
int column_at(std::string_view line, std::size_t offset) {
  return 1 + static_cast<int>(code_point_count(line.substr(0, std::min(offset, line.size()))));
}

bool is_integer_text(std::string_view text) {
  std::size_t k = text.size() > 1 && text[0] == '-' ? 1 : 0;
  if (k == text.size()) return false;
  for (; k < text.size(); ++k) {
    if (text[k] < '0' || text[k] > '9') return false;
  }
  return true;
}

// A string as a JSON string literal, escaped by RapidJSON's writer.
std::string json_quoted(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

struct line_problem {
  std::string code;
  std::size_t offset = 0;
  std::string message;
};

// Which top-level member the events belong to.
enum class member { none, id, text, language, extra };

class article_handler {
 public:
  article_handler(const line_stream& stream, std::string_view line, const input_limits& limits)
      : stream_(stream), line_(line), limits_(limits), extra_(extra_buffer_) {}

  std::optional<line_problem>& problem() { return problem_; }
  bool has_id() const { return has_id_; }
  bool has_text() const { return has_text_; }
  std::string id, id_json, text, language;
  std::string extra_json() {
    if (!extra_open_) return "";
    extra_.EndObject();
    return std::string(extra_buffer_.GetString(), extra_buffer_.GetSize());
  }

  bool Null() {
    return scalar("null", [this] { return extra_.Null(); });
  }
  bool Bool(bool b) {
    return scalar("a boolean", [this, b] { return extra_.Bool(b); });
  }
  // Numbers arrive as their text (kParseNumbersAsStringsFlag), so that they
  // are passed through exactly as written.
  bool Int(int) { return unexpected_number(); }
  bool Uint(unsigned) { return unexpected_number(); }
  bool Int64(std::int64_t) { return unexpected_number(); }
  bool Uint64(std::uint64_t) { return unexpected_number(); }
  bool Double(double) { return unexpected_number(); }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool) {
    std::string_view number(str, length);
    if (depth_ == 1 && current_ == member::id) {
      if (!is_integer_text(number)) {
        return fail("article.id", value_start_,
                    "the id " + std::string(number) + " is not an integer; write it as a string");
      }
      id.assign(number);
      id_json.assign(number);
      return true;
    }
    // RawValue, not RawNumber: RapidJSON 1.1.0's Writer::RawNumber writes a string.
    return scalar("a number", [this, str, length] {
      return extra_.RawValue(str, length, rapidjson::kNumberType);
    });
  }
  bool String(const char* str, rapidjson::SizeType length, bool) {
    if (depth_ == 0) return not_object();
    if (depth_ == 1 && current_ != member::extra) {
      std::string_view value(str, length);
      switch (current_) {
        case member::id:
          if (value.empty()) return fail("article.id", value_start_, "the id is empty");
          id.assign(value);
          id_json = json_quoted(value);
          return true;
        case member::text:
          text.assign(value);
          return true;
        case member::language:
          language.assign(value);
          return true;
        default:
          break;
      }
    }
    return extra_.String(str, length);
  }
  bool StartObject() {
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    return open([this] { return extra_.StartObject(); }, "an object");
  }
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    if (depth_ > 1) return extra_.Key(str, length);
    std::string_view key(str, length);
    value_start_ = after_colon(stream_.Tell());
    current_ = key == "id"         ? member::id
               : key == "text"     ? member::text
               : key == "language" ? member::language
                                   : member::extra;
    bool* seen = current_ == member::id         ? &has_id_
                 : current_ == member::text     ? &has_text_
                 : current_ == member::language ? &has_language_
                                                : nullptr;
    if (seen) {
      if (*seen) {
        return fail("article.duplicate_key", value_start_,
                    "the member \"" + std::string(key) + "\" appears twice");
      }
      *seen = true;
      return true;
    }
    if (!extra_open_) {
      extra_.StartObject();
      extra_open_ = true;
    }
    return extra_.Key(str, length);
  }
  bool EndObject(rapidjson::SizeType) {
    --depth_;
    return depth_ == 0 || extra_.EndObject();
  }
  bool StartArray() {
    if (depth_ == 0) return not_object();
    return open([this] { return extra_.StartArray(); }, "an array");
  }
  bool EndArray(rapidjson::SizeType) {
    --depth_;
    return extra_.EndArray();
  }

 private:
  // The offset of the first byte of a member's value, from just after its key.
  std::size_t after_colon(std::size_t offset) const {
    while (offset < line_.size() && is_json_space(line_[offset])) ++offset;
    if (offset < line_.size() && line_[offset] == ':') ++offset;
    while (offset < line_.size() && is_json_space(line_[offset])) ++offset;
    return offset;
  }

  template <class Write>
  bool scalar(const char* what, Write write) {
    if (depth_ == 0) return not_object();
    if (depth_ == 1 && current_ != member::extra) return wrong_type(what);
    return write();
  }
  template <class Write>
  bool open(Write write, const char* what) {
    if (depth_ == 1 && current_ != member::extra) return wrong_type(what);
    if (static_cast<std::size_t>(depth_) + 1 > limits_.max_json_depth) {
      return fail("json.depth", stream_.Tell(),
                  "nesting deeper than " + std::to_string(limits_.max_json_depth) +
                      " levels (max_json_depth)");
    }
    ++depth_;
    return write();
  }
  bool unexpected_number() { throw detail::json_assert_failure("numbers are parsed as strings"); }
  bool not_object() {
    return fail("article.not_object", 0,
                "a line must be one JSON object such as {\"id\": \"a1\", \"text\": \"...\"}");
  }
  bool wrong_type(const char* what) {
    switch (current_) {
      case member::id:
        return fail("article.id", value_start_,
                    std::string("the id is ") + what + "; write a string or an integer");
      case member::text:
        return fail("article.text", value_start_,
                    std::string("\"text\" is ") + what + "; write the article's text as a string");
      default:
        return fail("article.language", value_start_,
                    std::string("\"language\" is ") + what + "; write a string such as \"zh\"");
    }
  }
  bool fail(std::string code, std::size_t offset, std::string message) {
    problem_ = line_problem{std::move(code), offset, std::move(message)};
    return false;
  }

  const line_stream& stream_;
  std::string_view line_;
  const input_limits& limits_;
  rapidjson::StringBuffer extra_buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> extra_;
  bool extra_open_ = false;
  int depth_ = 0;
  member current_ = member::none;
  std::size_t value_start_ = 0;
  bool has_id_ = false, has_text_ = false, has_language_ = false;
  std::optional<line_problem> problem_;
};

diagnostic make_problem(const std::string& file, std::size_t line_number, std::string_view line,
                        std::size_t offset, std::string code, std::string message) {
  diagnostic d;
  d.code = std::move(code);
  d.where.file = file;
  d.where.line = static_cast<int>(line_number);
  d.where.column = column_at(line, offset);
  d.message = std::move(message);
  return d;
}

}  // namespace

std::variant<std::monostate, article, diagnostic> parse_article_line(std::string_view line,
                                                                     const std::string& file,
                                                                     std::size_t line_number,
                                                                     const input_limits& limits) {
  std::size_t first = 0;
  while (first < line.size() && is_json_space(line[first])) ++first;
  if (first == line.size()) return std::monostate{};
  line_stream stream(line);
  article_handler handler(stream, line, limits);
  rapidjson::Reader reader;
  constexpr unsigned flags = rapidjson::kParseIterativeFlag |
                             rapidjson::kParseValidateEncodingFlag |
                             rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::ParseResult parsed = reader.Parse<flags>(stream, handler);
  if (auto& problem = handler.problem()) {
    return make_problem(file, line_number, line, problem->offset, problem->code, problem->message);
  }
  if (parsed.IsError()) {
    bool encoding = parsed.Code() == rapidjson::kParseErrorStringInvalidEncoding;
    return make_problem(
        file, line_number, line, parsed.Offset(), encoding ? "json.encoding" : "json.syntax",
        encoding ? "invalid UTF-8; the archive must be UTF-8"
                 : detail::json_syntax_message(parsed.Code(), detail::json_text::article_line));
  }
  if (!handler.has_id()) {
    return make_problem(file, line_number, line, first, "article.id",
                        "the article has no \"id\"; every record written for it carries the id");
  }
  if (!handler.has_text()) {
    return make_problem(file, line_number, line, first, "article.text",
                        "the article has no \"text\"");
  }
  article a;
  a.file = file;
  a.line = line_number;
  a.id = std::move(handler.id);
  a.id_json = std::move(handler.id_json);
  a.text = std::move(handler.text);
  a.language = std::move(handler.language);
  a.extra_json = handler.extra_json();
  return a;
}

article_counts read_articles(std::istream& in, const std::string& file, const input_limits& limits,
                             const article_sink& on_article, const bad_line_sink& on_bad_line,
                             std::size_t first_line) {
  article_counts counts;
  std::string pending;    // the line read so far
  bool too_long = false;  // the current line crossed max_file_bytes
  std::size_t line_number = first_line;
  bool going = true;

  auto finish_line = [&]() {
    ++counts.lines;
    if (too_long) {
      ++counts.bad_lines;
      diagnostic d;
      d.code = "article.too_long";
      d.where.file = file;
      d.where.line = static_cast<int>(line_number);
      d.where.column = 1;
      d.message = "the line is longer than " + std::to_string(limits.max_file_bytes) +
                  " bytes (max_file_bytes); it is skipped";
      going = on_bad_line(d);
    } else {
      std::string_view line = pending;
      // A byte-order mark is not JSON, but some editors write one.
      if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
      auto parsed = parse_article_line(line, file, line_number, limits);
      if (std::holds_alternative<std::monostate>(parsed)) {
        ++counts.blank_lines;
      } else if (auto* a = std::get_if<article>(&parsed)) {
        ++counts.articles;
        going = on_article(*a);
      } else {
        ++counts.bad_lines;
        going = on_bad_line(std::get<diagnostic>(parsed));
      }
    }
    pending.clear();
    too_long = false;
    ++line_number;
  };

  std::string buffer(1 << 16, '\0');
  bool line_open = false;  // bytes of a line not yet ended by '\n'
  while (going && in) {
    in.read(&buffer[0], static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    counts.bytes += got;
    std::string_view chunk(buffer.data(), got);
    while (going && !chunk.empty()) {
      const std::size_t end = chunk.find('\n');
      const std::string_view piece = chunk.substr(0, end);
      if (!too_long) {
        if (pending.size() + piece.size() > limits.max_file_bytes) {
          too_long = true;
          pending.clear();
          pending.shrink_to_fit();
        } else {
          pending.append(piece);
        }
      }
      line_open = true;
      if (end == std::string_view::npos) break;
      chunk.remove_prefix(end + 1);
      finish_line();
      line_open = false;
    }
  }
  if (going && line_open) finish_line();
  return counts;
}

}  // namespace claimcheck
