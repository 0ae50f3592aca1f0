// SPDX-License-Identifier: MIT
#include "claimcheck/expr.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <system_error>

#include "claimcheck/text.hpp"

namespace claimcheck {

expr_node::~expr_node() {
  if (children.empty()) return;
  // Each node taken off the list gives up its children to the list first,
  // so that its own destruction never descends.
  std::vector<expr_node> pending = std::move(children);
  while (!pending.empty()) {
    expr_node last = std::move(pending.back());
    pending.pop_back();
    for (expr_node& child : last.children) pending.push_back(std::move(child));
    last.children.clear();
  }
}
namespace {

// ---------------------------------------------------------------- text

// The expression as code points, with the byte offset of each, so that
// offsets are in code points while unit texts keep their original bytes.
struct decoded_text {
  std::u32string chars;
  std::vector<std::size_t> byte_at;  // chars.size() + 1 entries
};

// Expressions are small and the loader has validated UTF-8 already; a bad
// byte is refused (text.hpp's policy) instead of misread.
result<decoded_text> decode(std::string_view text) {
  // At most one code point per byte: both arrays are sized once and cut to
  // what was decoded (two push_backs per byte were 40% of the lexer's time).
  decoded_text out;
  out.chars.resize(text.size());
  out.byte_at.resize(text.size() + 1);
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) {
    out.byte_at[n] = i;
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // most expressions are ASCII
      out.chars[n] = static_cast<char32_t>(text[i++]);
      continue;
    }
    const code_point_at c = decode_at(text, i);
    if (!c.valid) return text_error{"expr.syntax", n, "invalid UTF-8 in the expression"};
    out.chars[n] = c.value;
    i += c.length;
  }
  out.chars.resize(n);
  out.byte_at[n] = text.size();
  out.byte_at.resize(n + 1);
  return out;
}

std::string at(std::size_t offset) {
  return "at offset " + std::to_string(offset);
}

// ---------------------------------------------------------------- tokens

enum class token_kind {
  number,
  unit,  // "[...]": a unit in brackets
  identifier,
  plus,
  minus,
  times,
  divide,
  power,
  open,
  close,
  comma,
  less,
  less_equal,
  greater,
  greater_equal,
  consistent,
  end
};

struct token {
  token_kind kind = token_kind::end;
  std::size_t offset = 0;
  std::size_t length = 0;
  double number = 0;
  // Identifier name; unit text (trimmed); number as written: a view into
  // the expression's bytes, which outlive the tokens (a string per id token
  // was a heap allocation; the nodes copy what they keep).
  std::string_view text;
  std::size_t inner_offset = 0;  // unit: offset of the trimmed text
};

const char* describe(token_kind kind) {
  switch (kind) {
    case token_kind::number:
      return "a number";
    case token_kind::unit:
      return "a unit in brackets";
    case token_kind::identifier:
      return "an id";
    case token_kind::plus:
      return "'+'";
    case token_kind::minus:
      return "'-'";
    case token_kind::times:
      return "'*'";
    case token_kind::divide:
      return "'/'";
    case token_kind::power:
      return "'^'";
    case token_kind::open:
      return "'('";
    case token_kind::close:
      return "')'";
    case token_kind::comma:
      return "','";
    case token_kind::less:
      return "'<'";
    case token_kind::less_equal:
      return "'<='";
    case token_kind::greater:
      return "'>'";
    case token_kind::greater_equal:
      return "'>='";
    case token_kind::consistent:
      return "'~'";
    case token_kind::end:
      return "the end of the expression";
  }
  return "a token";
}

bool is_comparison(token_kind kind) {
  return kind == token_kind::less || kind == token_kind::less_equal ||
         kind == token_kind::greater || kind == token_kind::greater_equal ||
         kind == token_kind::consistent;
}

// Scale suffixes people write after numbers in prose; in an expression they
// must become exponents, so the error says which one.
std::optional<double> scale_suffix(std::u32string_view word) {
  if (word == U"K" || word == U"k") return 1e3;
  if (word == U"M") return 1e6;
  if (word == U"B" || word == U"bn") return 1e9;
  if (word == U"T") return 1e12;
  if (word == U"十") return 10;
  if (word == U"百") return 100;
  if (word == U"千") return 1e3;
  if (word == U"万" || word == U"萬") return 1e4;
  if (word == U"亿" || word == U"億") return 1e8;
  return std::nullopt;
}

class lexer {
 public:
  lexer(const decoded_text& text, std::string_view bytes)
      : s_(text.chars), text_(text), bytes_(bytes) {}

  result<std::vector<token>> run() {
    std::vector<token> tokens;
    tokens.reserve(s_.size() / 2 + 2);  // "a * b": about a token per two characters
    while (true) {
      while (pos_ < s_.size() && is_ascii_space(s_[pos_])) ++pos_;
      if (pos_ >= s_.size()) break;
      auto next = one();
      if (!next) return next.error();
      tokens.push_back(std::move(next).value());
    }
    token end;
    end.kind = token_kind::end;
    end.offset = s_.size();
    tokens.push_back(end);
    return tokens;
  }

 private:
  const std::u32string& s_;
  const decoded_text& text_;
  std::string_view bytes_;
  std::size_t pos_ = 0;

  std::string_view view(std::size_t from, std::size_t to) const {
    return bytes_.substr(text_.byte_at[from], text_.byte_at[to] - text_.byte_at[from]);
  }
  std::string slice(std::size_t from, std::size_t to) const { return std::string(view(from, to)); }

  token simple(token_kind kind, std::size_t length) {
    token t;
    t.kind = kind;
    t.offset = pos_;
    t.length = length;
    pos_ += length;
    return t;
  }

  char32_t peek(std::size_t ahead = 1) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : U'\0';
  }

  result<token> one() {
    const char32_t c = s_[pos_];
    switch (c) {
      case '+':
        return simple(token_kind::plus, 1);
      case '-':
      case U'−':
        return simple(token_kind::minus, 1);
      case '*':
      case U'×':
      case U'·':
        return simple(token_kind::times, 1);
      case '/':
        return simple(token_kind::divide, 1);
      case '^':
        return simple(token_kind::power, 1);
      case '(':
        return simple(token_kind::open, 1);
      case ')':
        return simple(token_kind::close, 1);
      case ',':
        return simple(token_kind::comma, 1);
      case '~':
        return simple(token_kind::consistent, 1);
      case U'≤':
        return simple(token_kind::less_equal, 1);
      case U'≥':
        return simple(token_kind::greater_equal, 1);
      case '<':
        return peek() == '=' ? simple(token_kind::less_equal, 2) : simple(token_kind::less, 1);
      case '>':
        return peek() == '=' ? simple(token_kind::greater_equal, 2)
                             : simple(token_kind::greater, 1);
      case '=':
        return text_error{"expr.syntax", pos_,
                          "'=' is not a comparison here; write '~' for \"consistent with\" "
                          "(the intervals overlap), or '<=' / '>='"};
      case '!':
        return text_error{"expr.syntax", pos_,
                          "'!=' is not supported; a check asserts '<', '<=', '>', '>=' or '~'"};
      case '[':
        return unit_in_brackets();
      case ']':
        return text_error{"expr.syntax", pos_, "unexpected ']' with no matching '['"};
      default:
        break;
    }
    if (is_ascii_digit(c)) return number();
    if (c == '.' && is_ascii_digit(peek())) {
      std::size_t end = pos_ + 1;
      while (end < s_.size() && is_ascii_digit(s_[end])) ++end;
      const std::string written = slice(pos_, end);
      return text_error{"expr.syntax", pos_,
                        "a number starts with a digit: write 0" + written + ", not " + written};
    }
    if (is_ascii_word(c)) return word();
    return text_error{"expr.syntax", pos_,
                      "unexpected character '" + slice(pos_, pos_ + 1) +
                          "'; expressions use ids, numbers, + - * / ^, parentheses and functions"};
  }

  result<token> number() {
    const std::size_t start = pos_;
    std::size_t i = pos_;
    if (s_[i] == '0' && i + 1 < s_.size() && is_ascii_digit(s_[i + 1])) {
      return text_error{"expr.syntax", start,
                        "a number does not start with 0 (as in JSON); remove the leading zero"};
    }
    while (i < s_.size() && is_ascii_digit(s_[i])) ++i;
    if (i < s_.size() && s_[i] == '.') {
      ++i;
      if (i >= s_.size() || !is_ascii_digit(s_[i])) {
        return text_error{"expr.syntax", i, "expected a digit after the decimal point"};
      }
      while (i < s_.size() && is_ascii_digit(s_[i])) ++i;
    }
    if (i < s_.size() && (s_[i] == 'e' || s_[i] == 'E')) {
      std::size_t j = i + 1;
      if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
      if (j >= s_.size() || !is_ascii_digit(s_[j])) {
        return text_error{"expr.syntax", i,
                          "expected the digits of an exponent after 'e', as in 1.2e21"};
      }
      while (j < s_.size() && is_ascii_digit(s_[j])) ++j;
      i = j;
    }
    const std::string_view written = view(start, i);
    // Letters glued to a number: a scale or a unit written as in prose.
    std::size_t k = i;
    while (k < s_.size() && (is_ascii_word(s_[k]) || scale_suffix(std::u32string(1, s_[k])))) ++k;
    if (k > i) {
      const std::u32string word = s_.substr(i, k - i);
      if (auto scale = scale_suffix(word)) {
        double value = 0;
        std::from_chars(written.data(), written.data() + written.size(), value);
        return text_error{"expr.syntax", i,
                          "scale '" + slice(i, k) + "' is not part of expressions; write " +
                              format_number(value * *scale, number_layout::shortest)};
      }
      return text_error{"expr.syntax", i,
                        "a unit after a number goes in brackets: " + std::string(written) + " [" +
                            slice(i, k) + "]"};
    }
    token t;
    t.kind = token_kind::number;
    t.offset = start;
    t.length = i - start;
    t.text = written;
    auto parsed = std::from_chars(written.data(), written.data() + written.size(), t.number);
    if (parsed.ec != std::errc() || !std::isfinite(t.number)) {
      return text_error{"expr.syntax", start,
                        "number " + std::string(written) + " is out of the range of a double"};
    }
    pos_ = i;
    return t;
  }

  result<token> unit_in_brackets() {
    const std::size_t open = pos_;
    std::size_t i = pos_ + 1;
    int parens = 0;
    while (i < s_.size() && s_[i] != ']') {
      if (s_[i] == '[') {
        return text_error{"expr.syntax", i,
                          "'[' inside a unit; expected ']' to close '[' " + at(open)};
      }
      if (s_[i] == '(') ++parens;
      if (s_[i] == ')' && --parens < 0) {
        return text_error{"expr.syntax", i, "unexpected ')' in the unit that starts " + at(open)};
      }
      ++i;
    }
    if (i >= s_.size()) {
      return text_error{"expr.syntax", s_.size(), "expected ']' to close '[' " + at(open)};
    }
    if (parens > 0) {
      return text_error{"expr.syntax", i, "expected ')' in the unit before ']'"};
    }
    std::size_t first = open + 1;
    std::size_t last = i;
    while (first < last && is_ascii_space(s_[first])) ++first;
    while (last > first && is_ascii_space(s_[last - 1])) --last;
    if (first == last) {
      return text_error{"expr.syntax", open,
                        "empty unit in brackets; write one, as in 650 [GPU*h], or remove the "
                        "brackets"};
    }
    token t;
    t.kind = token_kind::unit;
    t.offset = open;
    t.length = i + 1 - open;
    t.text = view(first, last);
    t.inner_offset = first;
    pos_ = i + 1;
    return t;
  }

  // A word: an id ([a-z][a-z0-9_]*('.'[a-z0-9_]+)*), or something that looks
  // like one and gets a precise complaint.
  result<token> word() {
    const std::size_t start = pos_;
    std::size_t i = pos_;
    while (true) {
      while (i < s_.size() && is_ascii_word(s_[i])) ++i;
      if (i < s_.size() && s_[i] == '.') {
        if (i + 1 < s_.size() && is_ascii_word(s_[i + 1])) {
          ++i;
          continue;
        }
        return text_error{"expr.syntax", i,
                          "an id part after '.' is missing in '" + slice(start, i + 1) + "'"};
      }
      break;
    }
    const std::string_view name = view(start, i);
    if (!is_ascii_lower(s_[start])) {
      const std::string written(name);
      if (is_ascii_upper(s_[start])) {
        return text_error{"expr.syntax", start,
                          "'" + written +
                              "' is not an id (ids are lower case, as in coreweave.gpus); a unit "
                              "goes in brackets after a number, as in 3584 [" +
                              written + "]"};
      }
      return text_error{"expr.syntax", start,
                        "'" + written + "' is not an id; an id starts with a lower-case letter"};
    }
    for (std::size_t k = start; k < i; ++k) {
      if (is_ascii_upper(s_[k])) {
        std::string lowered(name);
        for (char& ch : lowered)
          ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return text_error{
            "expr.syntax", k,
            "ids are lower case: write '" + lowered + "', not '" + std::string(name) + "'"};
      }
    }
    token t;
    t.kind = token_kind::identifier;
    t.offset = start;
    t.length = i - start;
    t.text = name;
    pos_ = i;
    return t;
  }
};

// ---------------------------------------------------------------- parser

struct function_arity {
  const char* name;
  std::size_t min_args;
  std::size_t max_args;  // 0: no upper bound
};

constexpr function_arity functions[] = {
    {"min", 2, 0}, {"max", 2, 0}, {"abs", 1, 1},   {"sqrt", 1, 1},   {"log10", 1, 1},
    {"ln", 1, 1},  {"exp", 1, 1}, {"years", 2, 2}, {"growth", 1, 1}, {"trimmed_mean", 2, 0},
};

const function_arity* find_function(std::string_view name) {
  for (const auto& f : functions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::size_t end_of(const expr_node& node) {
  return node.offset + node.length;
}

class parser {
 public:
  parser(std::vector<token> tokens, const input_limits& limits)
      : tokens_(std::move(tokens)), limits_(limits) {}

  result<expr_node> expression() {
    auto node = sum();
    if (!node) return node;
    if (is_comparison(peek().kind)) {
      return text_error{"expr.syntax", peek().offset,
                        std::string("a comparison (") + describe(peek().kind) +
                            ") belongs in a check's assert, not in a derived expr"};
    }
    if (auto problem = expect_end()) return *problem;
    return node;
  }

  result<assertion> comparison() {
    auto left = sum();
    if (!left) return left.error();
    const token& op = peek();  // tokens_ never changes while parsing
    if (!is_comparison(op.kind)) {
      if (op.kind == token_kind::end) {
        return text_error{"expr.syntax", op.offset,
                          "an assert needs a comparison: '<', '<=', '>', '>=' or '~' "
                          "(consistent with)"};
      }
      if (auto problem = expect_end()) return *problem;
    }
    ++next_;
    auto right = sum();
    if (!right) return right.error();
    if (is_comparison(peek().kind)) {
      return text_error{"expr.syntax", peek().offset,
                        "only one comparison per assert; split 'a < b < c' into two checks"};
    }
    if (auto problem = expect_end()) return *problem;
    assertion out;
    out.left = std::move(left).value();
    out.right = std::move(right).value();
    out.op_offset = op.offset;
    switch (op.kind) {
      case token_kind::less:
        out.op = comparison_op::less;
        break;
      case token_kind::less_equal:
        out.op = comparison_op::less_equal;
        break;
      case token_kind::greater:
        out.op = comparison_op::greater;
        break;
      case token_kind::greater_equal:
        out.op = comparison_op::greater_equal;
        break;
      default:
        out.op = comparison_op::consistent;
        break;
    }
    return out;
  }

 private:
  std::vector<token> tokens_;
  const input_limits& limits_;
  std::size_t next_ = 0;
  std::size_t depth_ = 0;

  const token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(next_ + ahead, tokens_.size() - 1)];
  }
  const token& take() {
    const token& t = tokens_[next_];
    if (next_ + 1 < tokens_.size()) ++next_;
    return t;
  }

  // Something is left after a complete expression: say what was probably meant.
  std::optional<text_error> expect_end() const {
    const token& t = peek();
    if (t.kind == token_kind::end) return std::nullopt;
    if (t.kind == token_kind::close) {
      return text_error{"expr.syntax", t.offset, "unexpected ')' with no matching '('"};
    }
    if (t.kind == token_kind::comma) {
      return text_error{"expr.syntax", t.offset, "unexpected ',' outside a function call"};
    }
    if (t.kind == token_kind::unit) {
      return text_error{"expr.syntax", t.offset,
                        "a unit in brackets follows a number only, as in 6 [FLOP]"};
    }
    const token& before = tokens_[next_ - 1];
    if (before.kind == token_kind::number && t.kind == token_kind::identifier) {
      return text_error{"expr.syntax", t.offset,
                        "expected an operator between " + std::string(before.text) + " and '" +
                            std::string(t.text) + "'; a unit goes in brackets: " +
                            std::string(before.text) + " [" + std::string(t.text) + "]"};
    }
    if (t.kind == token_kind::power) {
      return text_error{"expr.syntax", t.offset,
                        "'^' cannot be chained; use parentheses, as in (a^2)^3"};
    }
    return text_error{"expr.syntax", t.offset,
                      std::string("expected an operator before ") + describe(t.kind)};
  }

  std::optional<text_error> enter(std::size_t offset) {
    if (++depth_ > limits_.max_expression_depth) {
      return text_error{"expr.limit", offset,
                        "expression nested deeper than " +
                            std::to_string(limits_.max_expression_depth) + " levels"};
    }
    return std::nullopt;
  }

  static expr_node binary(char op, expr_node left, expr_node right) {
    expr_node node;
    node.kind = expr_kind::binary;
    node.op = op;
    node.offset = left.offset;
    node.length = end_of(right) - left.offset;
    node.children.push_back(std::move(left));
    node.children.push_back(std::move(right));
    return node;
  }

  result<expr_node> sum() {
    auto left = term();
    if (!left) return left;
    expr_node node = std::move(left).value();
    while (peek().kind == token_kind::plus || peek().kind == token_kind::minus) {
      const char op = take().kind == token_kind::plus ? '+' : '-';
      auto right = term();
      if (!right) return right;
      node = binary(op, std::move(node), std::move(right).value());
    }
    return node;
  }

  result<expr_node> term() {
    auto left = unary();
    if (!left) return left;
    expr_node node = std::move(left).value();
    while (peek().kind == token_kind::times || peek().kind == token_kind::divide) {
      const char op = take().kind == token_kind::times ? '*' : '/';
      auto right = unary();
      if (!right) return right;
      node = binary(op, std::move(node), std::move(right).value());
    }
    return node;
  }

  result<expr_node> unary() {
    if (peek().kind == token_kind::plus) {
      return text_error{"expr.syntax", peek().offset, "a unary '+' is not needed; remove it"};
    }
    if (peek().kind != token_kind::minus) return power();
    const token& minus = take();
    if (auto problem = enter(minus.offset)) return *problem;
    auto operand = unary();
    --depth_;
    if (!operand) return operand;
    expr_node node;
    node.kind = expr_kind::negate;
    node.offset = minus.offset;
    node.length = end_of(operand.value()) - minus.offset;
    node.children.push_back(std::move(operand).value());
    return node;
  }

  result<expr_node> power() {
    auto base = primary();
    if (!base || peek().kind != token_kind::power) return base;
    const token& caret = take();
    std::size_t start = peek().offset;
    bool negative = false;
    if (peek().kind == token_kind::minus) {
      negative = true;
      take();
    }
    const token& exponent = peek();
    if (!negative &&
        (exponent.kind == token_kind::identifier || exponent.kind == token_kind::open)) {
      // A computed exponent (revision 2): "x ^ (1 / n)", "x ^ n". Whether
      // base and exponent are dimensionless is known only on evaluation.
      auto computed = primary();
      if (!computed) return computed;
      // "x^(2)" is "x^2": a number exponent, with its limit.
      if (computed->kind == expr_kind::number && computed->unit_text.empty() &&
          std::fabs(computed->number) > static_cast<double>(limits_.max_exponent)) {
        return text_error{"expr.limit", exponent.offset,
                          "exponent " + format_number(computed->number, number_layout::shortest) +
                              " is beyond the limit of " + std::to_string(limits_.max_exponent)};
      }
      return binary('^', std::move(base).value(), std::move(computed).value());
    }
    if (exponent.kind != token_kind::number) {
      return text_error{"expr.exponent", exponent.offset,
                        "'^' " + at(caret.offset) +
                            " needs an exponent: a number, as in x^2 or x^-1, or a "
                            "parenthesised expression, as in x^(1 / n); not " +
                            std::string(describe(exponent.kind))};
    }
    take();
    if (peek().kind == token_kind::unit) {
      return text_error{"expr.exponent", peek().offset,
                        "an exponent is a plain number, without a unit"};
    }
    const double value = negative ? -exponent.number : exponent.number;
    if (std::fabs(value) > static_cast<double>(limits_.max_exponent)) {
      return text_error{"expr.limit", start,
                        "exponent " + std::string(exponent.text) + " is beyond the limit of " +
                            std::to_string(limits_.max_exponent)};
    }
    expr_node exponent_node;
    exponent_node.kind = expr_kind::number;
    exponent_node.number = value;
    exponent_node.offset = start;
    exponent_node.length = exponent.offset + exponent.length - start;
    return binary('^', std::move(base).value(), std::move(exponent_node));
  }

  result<expr_node> primary() {
    const token& t = take();
    switch (t.kind) {
      case token_kind::number: {
        expr_node node;
        node.kind = expr_kind::number;
        node.number = t.number;
        node.offset = t.offset;
        node.length = t.length;
        if (peek().kind == token_kind::unit) {
          const token& u = take();
          node.unit_text = u.text;
          node.unit_offset = u.inner_offset;
          node.length = u.offset + u.length - t.offset;
        }
        return node;
      }
      case token_kind::identifier:
        if (peek().kind == token_kind::open) return call(t);
        if (peek().kind == token_kind::unit) {
          return text_error{"expr.syntax", peek().offset,
                            "a unit in brackets follows a number only; '" + std::string(t.text) +
                                "' already has its unit"};
        }
        {
          expr_node node;
          node.kind = expr_kind::identifier;
          node.name = t.text;
          node.offset = t.offset;
          node.length = t.length;
          return node;
        }
      case token_kind::open: {
        if (auto problem = enter(t.offset)) return *problem;
        auto inner = sum();
        --depth_;
        if (!inner) return inner;
        if (peek().kind != token_kind::close) {
          if (is_comparison(peek().kind) || peek().kind == token_kind::end ||
              peek().kind == token_kind::comma) {
            return text_error{"expr.syntax", peek().offset,
                              "expected ')' to close '(' " + at(t.offset)};
          }
          if (auto problem = expect_end()) {
            problem->message += " (or ')' to close '(' " + at(t.offset) + ")";
            return *problem;
          }
        }
        const token& close = take();
        expr_node node = std::move(inner).value();
        node.offset = t.offset;
        node.length = close.offset + 1 - t.offset;
        return node;
      }
      case token_kind::end:
        return text_error{"expr.syntax", t.offset,
                          next_ <= 1 && tokens_.size() == 1
                              ? std::string("empty expression; write ids, numbers and operators")
                              : std::string("expected a number, an id or '(' at the end")};
      case token_kind::unit:
        return text_error{"expr.syntax", t.offset,
                          "a unit in brackets follows a number, as in 6 [FLOP]"};
      default:
        return text_error{"expr.syntax", t.offset,
                          std::string("expected a number, an id or '(', not ") + describe(t.kind)};
    }
  }

  result<expr_node> call(const token& name) {
    const function_arity* f = find_function(name.text);
    if (!f) {
      std::string best;
      std::size_t best_distance = 3;
      for (const auto& candidate : functions) {
        const std::size_t d = edit_distance(name.text, candidate.name);
        if (d < best_distance) {
          best = candidate.name;
          best_distance = d;
        }
      }
      std::string message = "unknown function '" + std::string(name.text) + "'";
      if (!best.empty()) {
        message += "; did you mean '" + best + "'?";
      } else {
        message +=
            "; functions are min, max, abs, sqrt, log10, ln, exp, years, growth, trimmed_mean";
      }
      return text_error{"expr.unknown_function", name.offset, message};
    }
    const token& open = take();
    if (auto problem = enter(open.offset)) return *problem;
    expr_node node;
    node.kind = expr_kind::call;
    node.name = name.text;
    node.offset = name.offset;
    if (peek().kind != token_kind::close) {
      while (true) {
        auto argument = sum();
        if (!argument) return argument;
        node.children.push_back(std::move(argument).value());
        if (peek().kind == token_kind::comma) {
          take();
          continue;
        }
        if (peek().kind == token_kind::close) break;
        return text_error{"expr.syntax", peek().offset,
                          "expected ',' or ')' to close '(' " + at(open.offset) + " of " +
                              std::string(name.text) + "(...)"};
      }
    }
    --depth_;
    const token& close = take();
    node.length = close.offset + 1 - name.offset;
    const std::size_t n = node.children.size();
    if (n < f->min_args || (f->max_args != 0 && n > f->max_args)) {
      std::string wanted = f->max_args == 0 ? "at least " + std::to_string(f->min_args)
                                            : std::to_string(f->min_args);
      wanted += f->min_args == 1 && f->max_args == 1 ? " argument" : " arguments";
      return text_error{
          "expr.arity", name.offset,
          std::string(name.text) + "() takes " + wanted + ", not " + std::to_string(n)};
    }
    if (node.name == "growth" && node.children[0].kind != expr_kind::identifier) {
      return text_error{"expr.syntax", node.children[0].offset,
                        "growth() takes the id of a series, as in growth(gpt3_training_cost)"};
    }
    return node;
  }
};

result<std::vector<token>> tokenize(std::string_view text, const input_limits& limits) {
  // A code point is at most 4 bytes. The first test keeps a limit set near
  // SIZE_MAX (--limit) from overflowing the product; the decoded check below
  // still applies then.
  if (limits.max_expression_chars <= SIZE_MAX / 4 &&
      text.size() > 4 * limits.max_expression_chars) {
    return text_error{
        "expr.limit", limits.max_expression_chars,
        "expression is longer than " + std::to_string(limits.max_expression_chars) + " characters"};
  }
  auto decoded = decode(text);
  if (!decoded) return decoded.error();
  if (decoded->chars.size() > limits.max_expression_chars) {
    return text_error{
        "expr.limit", limits.max_expression_chars,
        "expression is longer than " + std::to_string(limits.max_expression_chars) + " characters"};
  }
  return lexer(decoded.value(), text).run();
}

// ---------------------------------------------------------------- printing

int precedence(const expr_node& node) {
  switch (node.kind) {
    case expr_kind::binary:
      if (node.op == '+' || node.op == '-') return 1;
      if (node.op == '*' || node.op == '/') return 2;
      return 4;  // '^'
    case expr_kind::negate:
      return 3;
    default:
      return 5;
  }
}

void print(const expr_node& node, std::string& out);

void print_operand(const expr_node& node, bool parenthesise, std::string& out) {
  if (parenthesise) out += '(';
  print(node, out);
  if (parenthesise) out += ')';
}

void print(const expr_node& node, std::string& out) {
  switch (node.kind) {
    case expr_kind::number:
      append_number(out, node.number, number_layout::shortest);
      if (!node.unit_text.empty()) out += " [" + node.unit_text + "]";
      return;
    case expr_kind::identifier:
      out += node.name;
      return;
    case expr_kind::negate:
      out += '-';
      print_operand(node.children[0], precedence(node.children[0]) <= 3, out);
      return;
    case expr_kind::call:
      out += node.name + "(";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += ", ";
        print(node.children[i], out);
      }
      out += ')';
      return;
    case expr_kind::binary: {
      const int mine = precedence(node);
      const expr_node& left = node.children[0];
      const expr_node& right = node.children[1];
      if (node.op == '^') {
        print_operand(left, precedence(left) < 5 || !left.unit_text.empty(), out);
        out += '^';
        if (is_number_exponent(node)) {
          append_number(out, right.number, number_layout::shortest);
        } else {
          print_operand(right, precedence(right) < 5 || !right.unit_text.empty(), out);
        }
        return;
      }
      print_operand(left, precedence(left) < mine, out);
      out += ' ';
      out += node.op;
      out += ' ';
      // Right operands of the same level keep their parentheses, so that
      // the text parses back into the same tree.
      print_operand(right, precedence(right) <= mine, out);
      return;
    }
  }
}

void collect_ids(const expr_node& node, std::vector<std::string>& out) {
  if (node.kind == expr_kind::identifier) {
    if (std::find(out.begin(), out.end(), node.name) == out.end()) out.push_back(node.name);
    return;
  }
  for (const auto& child : node.children) collect_ids(child, out);
}

}  // namespace

const char* to_string(comparison_op op) {
  switch (op) {
    case comparison_op::less:
      return "<";
    case comparison_op::less_equal:
      return "<=";
    case comparison_op::greater:
      return ">";
    case comparison_op::greater_equal:
      return ">=";
    case comparison_op::consistent:
      return "~";
  }
  return "~";
}

const std::vector<std::string>& expression_functions() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : functions) out.emplace_back(f.name);
    return out;
  }();
  return names;
}

result<expr_node> parse_expression(std::string_view text, const input_limits& limits) {
  auto tokens = tokenize(text, limits);
  if (!tokens) return tokens.error();
  return parser(std::move(tokens).value(), limits).expression();
}

result<assertion> parse_assertion(std::string_view text, const input_limits& limits) {
  auto tokens = tokenize(text, limits);
  if (!tokens) return tokens.error();
  return parser(std::move(tokens).value(), limits).comparison();
}

std::vector<std::string> referenced_ids(const expr_node& node) {
  std::vector<std::string> out;
  collect_ids(node, out);
  return out;
}

bool is_number_exponent(const expr_node& power) {
  const expr_node& exponent = power.children[1];
  return exponent.kind == expr_kind::number && exponent.unit_text.empty();
}

std::string to_string(const expr_node& node) {
  std::string out;
  print(node, out);
  return out;
}

}  // namespace claimcheck
