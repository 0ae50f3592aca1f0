// SPDX-License-Identifier: MIT
#include "claimcheck/scanner.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>

#include "scanner_lexicon.hpp"

// GCC 12 at -O2 reports -Wmaybe-uninitialized on the payload of
// std::optional locals whose engaged flag it cannot follow (GCC bug 80635);
// every read here is behind a has_value() test, and clang, ASan and UBSan
// see no uninitialised use.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace claimcheck {

namespace {

using text_char = mention_scanner::text_char;

// Characters kept before the reading position (for hedges, 第 and context)
// and read ahead of it before a decision is taken. A mention never needs
// more than two numerals of max_mention_chars (a range) plus hedge, unit
// and context words, so the lookahead is that plus a margin (recognise()).
constexpr std::size_t history_chars = 48;
constexpr std::size_t annotation_max_letters = 12;

// ---------------------------------------------------------------------------
// Character classes

// is_han and is_ascii_letter are text.hpp's.

int arabic_digit(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}

bool is_digit(char32_t c) {
  return arabic_digit(c) >= 0;
}

bool is_ascii_alnum(char32_t c) {
  return is_ascii_letter(c) || (c >= U'0' && c <= U'9');
}

// Letters of a reading annotation: Latin letters with or without tone marks.
bool is_annotation_letter(char32_t c) {
  return is_ascii_letter(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x300 && c <= 0x36F);
}

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0xA0;
}

// Where a clause ends: a quote suggestion does not reach past these.
bool is_clause_break(char32_t c) {
  switch (c) {
    case U'，':
    case U'。':
    case U'；':
    case U'：':
    case U'！':
    case U'？':
    case U'、':
    case U',':
    case U';':
    case U':':
    case U'!':
    case U'?':
    case U'\n':
    case U'\r':
    case U'“':
    case U'”':
    case U'「':
    case U'」':
    case U'『':
    case U'』':
    case U'"':
    case U'‘':
    case U'’':
    case U'《':
    case U'》':
    case U'…':
    case 0xFFFD:
      return true;
    default:
      return false;
  }
}

// Chinese digits. 參/参 are left out on purpose: in running text they are
// almost always 参数/參數 ("parameter"), not the capital 3 (叁 is kept).
std::optional<int> cn_digit(char32_t c) {
  if (c == U'參' || c == U'叄') return std::nullopt;
  return chinese_digit(c);
}

// Capital forms are ordinary words too (队伍, 大陸, 收拾): they count as
// numerals only next to another numeral character.
bool is_capital(char32_t c) {
  switch (c) {
    case U'壹':
    case U'贰':
    case U'貳':
    case U'叁':
    case U'肆':
    case U'伍':
    case U'陆':
    case U'陸':
    case U'柒':
    case U'捌':
    case U'玖':
    case U'拾':
    case U'佰':
    case U'仟':
      return true;
    default:
      return false;
  }
}

// The scale characters are exactly numerals' (十 百 千 万/萬 亿/億 and
// the capital 拾 佰 仟).
std::optional<double> cn_scale(char32_t c) {
  return chinese_scale(c);
}

bool is_vague_digit(char32_t c) {
  return c == U'几' || c == U'幾' || c == U'数' || c == U'數';
}

bool is_sign_char(char32_t c) {
  return c == U'-' || c == U'+' || c == U'−' || c == U'－' || c == U'＋';
}

bool is_numeral_char(char32_t c) {
  return is_digit(c) || cn_digit(c).has_value() || cn_scale(c).has_value() || is_vague_digit(c);
}

// Builds a string a character at a time in a stack buffer, appended to the
// string in pieces: one std::string append per character was a noticeable
// share of extraction (surfaces, numerals and contexts of every mention).
class utf8_builder {
 public:
  explicit utf8_builder(std::string& out) : out_(out) {}
  utf8_builder(const utf8_builder&) = delete;
  utf8_builder& operator=(const utf8_builder&) = delete;
  ~utf8_builder() { flush(); }

  void put(char32_t c) {
    if (used_ + 4 > sizeof buffer_) flush();
    if (c < 0x80) {
      buffer_[used_++] = static_cast<char>(c);
    } else if (c < 0x800) {
      buffer_[used_++] = static_cast<char>(0xC0 | (c >> 6));
      buffer_[used_++] = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      buffer_[used_++] = static_cast<char>(0xE0 | (c >> 12));
      buffer_[used_++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buffer_[used_++] = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      buffer_[used_++] = static_cast<char>(0xF0 | (c >> 18));
      buffer_[used_++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      buffer_[used_++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buffer_[used_++] = static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  void put(std::string_view bytes) {
    flush();
    out_.append(bytes);
  }
  void flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }

 private:
  std::string& out_;
  char buffer_[256];
  std::size_t used_ = 0;
};

char32_t ascii_lower(char32_t c) {
  return (c >= U'A' && c <= U'Z') ? c + 32 : c;
}

// The word tables (units, hedges, idioms) are in scanner_lexicon.hpp.

constexpr bool every_idiom_has_two_characters() {
  for (const auto& e : idioms) {
    if (e.text.size() < 2) return false;
  }
  return true;
}
static_assert(every_idiom_has_two_characters(), "idiom_index keys idioms on two characters");

// Index of the idiom table by its first two characters (every idiom has at
// least two), each list longest first, built once: 28 idioms start with 一
// alone, and every 一 of a text was matched against all of them.
std::uint64_t idiom_key(char32_t first, char32_t second) {
  return (std::uint64_t{first} << 32) | second;
}

const std::unordered_map<std::uint64_t, std::vector<std::u32string_view>>& idiom_index() {
  static const auto index = [] {
    std::unordered_map<std::uint64_t, std::vector<std::u32string_view>> map;
    for (const auto& e : idioms) map[idiom_key(e.text[0], e.text[1])].push_back(e.text);
    for (auto& entry : map) {
      std::stable_sort(entry.second.begin(), entry.second.end(),
                       [](auto a, auto b) { return a.size() > b.size(); });
    }
    return map;
  }();
  return index;
}

// A set of BMP code points as a bitset (8 KB): the scanner asks "can this
// character matter?" for every code point of the input, so the answer is
// one load and a mask, not a hash lookup or a walk over a word table.
class bmp_set {
 public:
  void insert(char32_t c) {
    if (c < 0x10000) bits_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
  bool contains(char32_t c) const { return c < 0x10000 && ((bits_[c >> 6] >> (c & 63)) & 1) != 0; }

 private:
  std::uint64_t bits_[0x10000 / 64] = {};
};

// First characters of the idioms.
const bmp_set& idiom_starts() {
  static const bmp_set set = [] {
    bmp_set s;
    for (const auto& e : idioms) s.insert(e.text.front());
    return s;
  }();
  return set;
}

// Chinese unit words by first character, each list in table order (the
// order decides between matches of equal length).
const std::unordered_map<char32_t, std::vector<const unit_entry*>>& chinese_unit_index() {
  static const auto index = [] {
    std::unordered_map<char32_t, std::vector<const unit_entry*>> map;
    for (const auto& e : chinese_units) map[e.word.front()].push_back(&e);
    return map;
  }();
  return index;
}

const bmp_set& chinese_unit_starts() {
  static const bmp_set set = [] {
    bmp_set s;
    for (const auto& e : chinese_units) s.insert(e.word.front());
    return s;
  }();
  return set;
}

// Last characters of the Chinese hedges written before a number.
const bmp_set& chinese_pre_hedge_ends() {
  static const bmp_set set = [] {
    bmp_set s;
    for (const auto& e : chinese_pre_hedges) s.insert(e.word.back());
    return s;
  }();
  return set;
}

// Qualifiers by strength: when several hedges meet ("達30余款": 達 stated,
// 余 plus), the strongest names the qualifier.
int strength(qualifier q) {
  switch (q) {
    case qualifier::stated:
      return 0;
    case qualifier::exact:
      return 1;
    case qualifier::about:
    case qualifier::almost:
      return 2;
    case qualifier::over:
    case qualifier::at_least:
    case qualifier::under:
    case qualifier::at_most:
      return 3;
    case qualifier::plus:
      return 4;
    case qualifier::level:
      return 5;
    case qualifier::range:
      return 6;
    case qualifier::several:
      return 7;
  }
  return 0;
}

// ---------------------------------------------------------------------------
// A numeral read from the window.

struct numeral {
  std::size_t start = 0;
  std::size_t end = 0;  // one past the last character
  written_number value;
  bool has_arabic = false;
  bool has_chinese = false;
  bool has_scale = false;
  bool plain_integer = false;  // only Arabic digits, no separator, point or exponent
  int integer_digits = 0;      // digits of a plain integer
  bool lone_yi = false;        // the single character 一 (or 壹)
  bool single_scale = false;   // a lone 十/百/千/万/亿 or 零
  bool truncated = false;
  double trailing_scale = 1;  // scales written after the last digit ("40亿" -> 1e8)
  bool positional = false;    // Chinese digits read one by one ("二〇二三")
  bool words = false;         // English number words ("twenty-one")
  bool fraction = false;      // "two thirds", "a half": exact
  bool ordinal = false;       // "third", "twenty-first", "21st"
  bool lone_one = false;      // the single word "one"
  int out_of_range = 0;       // Arabic digits beyond a double: 1 too large ("1e400"), -1 too small
};

struct unit_match {
  std::size_t end = 0;
  std::u32string word;
  mention_kind kind = mention_kind::plain;
};

// What a recognised mention looks like before it is turned into a `mention`.
struct candidate {
  std::size_t start = 0, end = 0;          // the whole mention
  std::size_t num_start = 0, num_end = 0;  // the numeral(s)
  numeral first;
  std::optional<numeral> second;
  qualifier qual = qualifier::stated;
  std::vector<std::size_t> hedge_starts, hedge_ends;
  unit_match unit;
  mention_kind kind = mention_kind::plain;
  bool has_unit = false;
  std::string date_text, range_end_date_text;
  std::string idiom_reason;
  bool list_marker = false;
};

// The recogniser reads a window of decoded characters with absolute
// indices; a read past the end gives 0, which matches nothing.
class reader {
 public:
  // Only the first `visible` characters of the window can be read: the
  // recogniser sees exactly the lookahead it is promised, however much the
  // decoder has buffered beyond it, so results do not depend on chunking.
  reader(const mention_scanner::char_ring& window, std::size_t visible, std::size_t floor,
         std::size_t max_chars)
      : w_(window), visible_(visible), floor_(floor), max_chars_(max_chars) {}

  char32_t at(std::size_t i) const { return i < visible_ ? w_[i].cp : 0; }
  char32_t before(std::size_t i) const { return i > 0 && i - 1 < visible_ ? w_[i - 1].cp : 0; }

  bool match(std::size_t i, std::u32string_view word) const {
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (at(i + k) != word[k]) return false;
    }
    return true;
  }
  bool match_ci(std::size_t i, std::u32string_view word) const {
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (ascii_lower(at(i + k)) != ascii_lower(word[k])) return false;
    }
    return true;
  }
  // The word ends at `end` (exclusive) and starts at or after the floor.
  bool ends_with(std::size_t end, std::u32string_view word, bool ci) const {
    if (end < word.size() || end - word.size() < floor_) return false;
    std::size_t s = end - word.size();
    return ci ? match_ci(s, word) : match(s, word);
  }

  std::optional<numeral> read_numeral(std::size_t i) const;
  std::optional<numeral> read_words(std::size_t i) const;
  std::optional<unit_match> read_unit(std::size_t i, bool after_arabic) const;
  bool numeral_char_here(std::size_t k) const;
  bool half_before_unit(std::size_t i) const;
  bool dozen_here(std::size_t k) const;
  std::size_t skip_identifier(std::size_t i) const;

  std::size_t floor() const { return floor_; }

 private:
  const mention_scanner::char_ring& w_;
  std::size_t visible_;
  std::size_t floor_;
  std::size_t max_chars_;
};

// Whether c may stand in a Chinese numeral at window index k: capital forms
// only next to another numeral character, and never the 千 of 千克 or the
// 兆 of 兆瓦 (unit prefixes), nor the 百 of 百分之.
bool reader::numeral_char_here(std::size_t k) const {
  const char32_t c = at(k);
  // 參/叄 is the capital 3 only before a scale ("貳仟參佰"); otherwise it is
  // 參數 (parameter), even right after a numeral ("兩千億參數").
  if ((c == U'參' || c == U'叄') && cn_scale(at(k + 1))) return true;
  if (cn_digit(c)) {
    return !is_capital(c) || is_numeral_char(before(k)) || is_numeral_char(at(k + 1));
  }
  if (auto s = cn_scale(c)) {
    const char32_t b = before(k);
    if (is_capital(c) && !is_numeral_char(b) && b != U'參' && b != U'叄' &&
        !is_numeral_char(at(k + 1))) {
      return false;
    }
    const char32_t next = at(k + 1);
    if (*s == 1000.0 && (next == U'克' || next == U'米' || next == U'瓦' || next == U'卡' ||
                         next == U'字' || next == U'焦')) {
      return false;
    }
    if (*s == 100.0 && next == U'分') return false;
    if (*s == 1e12 &&
        (next == U'瓦' || next == U'赫' || next == U'字' || next == U'帕' || next == U'焦' ||
         next == U'欧' || next == U'歐' || next == U'位' || next == U'比')) {
      return false;
    }
    return true;
  }
  return false;
}

// 半 alone (one half) is read only before a word of time (半年, 半天,
// 半小时, 半个月): elsewhere it begins words (半导体, 半岛, 一半, 多半) far
// more often than it states a figure.
bool reader::half_before_unit(std::size_t i) const {
  static constexpr std::u32string_view word_starts = U"一大多过過减減折";
  const char32_t b = before(i);
  if (b != 0 && word_starts.find(b) != std::u32string_view::npos) return false;
  auto u = read_unit(i + 1, false);
  return u && u->kind == mention_kind::duration;
}

// 打 after Chinese digits is a dozen (一打, 两打), unless it begins a verb
// (一打开, 两打印机 are "once opened", "two printers").
bool reader::dozen_here(std::size_t k) const {
  static constexpr std::u32string_view verb_seconds =
      U"开開造印破击擊工算通车車包败敗扮探听聽量压壓动動球卡架折赢贏响響磨出入进進下上好成断斷交"
      U"电電字假发發扫掃招拼捞撈拐扰擾斗鬥猎獵针針分";
  const char32_t previous = before(k);
  if (!(cn_digit(previous) && *cn_digit(previous) > 0)) return false;
  return verb_seconds.find(at(k + 1)) == std::u32string_view::npos;
}

// numerals' read_numeral, remembered for runs of up to three characters:
// the same short numerals (一, 两, 三, 十, 2023) come back all through a
// text, and reading one through the shared reader's tokens costs a hundred
// times a lookup. The reading is a function of the run alone, so the answer
// is the same; the memory stays bounded (cleared when full).
const std::optional<numeral_reading>& read_short_numeral(const std::u32string& run) {
  static thread_local std::optional<numeral_reading> longer;
  if (run.size() > 3) {
    longer = claimcheck::read_numeral(run);
    return longer;
  }
  // Code points fit in 21 bits and a run holds no NUL, so the key is exact.
  std::uint64_t key = 0;
  for (char32_t c : run) key = (key << 21) | c;
  static thread_local std::unordered_map<std::uint64_t, std::optional<numeral_reading>> known;
  auto found = known.find(key);
  if (found != known.end()) return found->second;
  if (known.size() >= 4096) known.clear();
  return known.emplace(key, claimcheck::read_numeral(run)).first->second;
}

// A numeral at i: Arabic, Chinese or mixed ("450萬", "1亿2000万",
// "幾十億"). Collects the characters of the run as running text writes
// them and hands them to the one numeral reader (numerals.hpp); this part
// only decides what belongs to the run. Does not read hedges or units.
std::optional<numeral> reader::read_numeral(std::size_t i) const {
  const std::size_t limit = i + max_chars_;
  // Reused between calls: one numeral is read at almost every candidate, and
  // two allocations each were a visible share of extract's time.
  static thread_local std::u32string run;
  static thread_local std::vector<std::size_t> where;  // the window index of each run character
  run.clear();
  where.clear();
  auto take = [&](std::size_t k) {
    run.push_back(at(k));
    where.push_back(k);
  };
  auto last_is_digit = [&] { return !run.empty() && is_digit(run.back()); };
  auto fullwidth_digit = [](char32_t c) { return c >= U'０' && c <= U'９'; };
  std::size_t k = i;
  // ".08": a leading decimal point reads as "0.08".
  if (at(i) == U'.' && is_digit(at(i + 1))) {
    run.push_back(U'0');
    where.push_back(i);
  }
  // Digits in groups of three after a space ("1 234 567", also with the
  // no-break and thin spaces): the space is a thousands separator.
  auto group_space = [&](std::size_t j) {
    const char32_t c = at(j);
    if (!(c == U' ' || c == 0xA0 || c == 0x202F || c == 0x2009) || !last_is_digit()) return false;
    if (!(is_digit(at(j + 1)) && is_digit(at(j + 2)) && is_digit(at(j + 3)) &&
          !is_digit(at(j + 4)))) {
      return false;
    }
    std::size_t digits = 0;
    for (std::size_t r = run.size(); r-- > 0 && is_digit(run[r]);) ++digits;
    const bool grouped_before = run.size() > digits && run[run.size() - digits - 1] == U',';
    return grouped_before ? digits == 3 : (digits >= 1 && digits <= 3 && run.size() == digits);
  };
  if (at(i) == U'半') {
    // 半百, 半千, 半万: half of a scale (numerals reads it as 五十 ...).
    if (!(cn_scale(at(i + 1)) && numeral_char_here(i + 1)) && !half_before_unit(i)) {
      return std::nullopt;
    }
    take(k++);
  }
  while (k < limit) {
    const char32_t c = at(k);
    if (is_digit(c)) {
      take(k++);
      continue;
    }
    if (c == U'打' && dozen_here(k)) {
      take(k++);
      break;
    }
    if ((c == U'.' || c == U'．') && last_is_digit() && is_digit(at(k + 1))) {
      take(k++);
      continue;
    }
    // Thousands separators: ',' between digits; the full-width '，' only
    // between full-width digits (after ASCII digits it ends a clause).
    if (group_space(k)) {
      run.push_back(U',');
      where.push_back(k++);
      continue;
    }
    if ((c == U',' && last_is_digit() && is_digit(at(k + 1))) ||
        (c == U'，' && !run.empty() && fullwidth_digit(run.back()) && fullwidth_digit(at(k + 1)))) {
      take(k++);
      continue;
    }
    if ((c == U'e' || c == U'E') && last_is_digit() &&
        (is_digit(at(k + 1)) ||
         ((at(k + 1) == U'+' || at(k + 1) == U'-') && is_digit(at(k + 2))))) {
      take(k++);
      if (!is_digit(at(k))) take(k++);
      continue;
    }
    // A word after digits, glued or after one space: the reader takes it
    // when it is a scale ("175B", "3 million") and leaves it otherwise.
    auto letter = [](char32_t x) {
      return is_ascii_letter(x) || (x >= U'Ａ' && x <= U'Ｚ') || (x >= U'ａ' && x <= U'ｚ');
    };
    if (last_is_digit() && (letter(c) || (c == U' ' && letter(at(k + 1))))) {
      std::size_t e = k;
      if (c == U' ') take(e++);
      while (e < k + 12 && letter(at(e))) take(e++);
      if (is_digit(at(e)) || at(e) == U'_') take(e);
      break;
    }
    if (is_vague_digit(c)) {
      if (!run.empty()) break;
      take(k++);
      continue;
    }
    if ((c == U'点' || c == U'點') && !run.empty() && cn_digit(at(k + 1))) {
      take(k++);
      continue;
    }
    // "二十 億", "7 万5 千": a space inside a numeral, before a scale.
    if ((c == U' ' || c == 0x3000) && !run.empty() && cn_scale(at(k + 1)) &&
        numeral_char_here(k + 1)) {
      ++k;
      continue;
    }
    if (numeral_char_here(k)) {
      take(k++);
      continue;
    }
    break;
  }
  if (run.empty()) return std::nullopt;
  const std::optional<numeral_reading>& reading = read_short_numeral(run);
  if (!reading) return std::nullopt;
  numeral n;
  n.start = i;
  n.end = where[reading->length - 1] + 1;
  // Ran into the limit while the numeral goes on: it is cut here.
  n.truncated = reading->length == run.size() && k >= limit &&
                (is_numeral_char(at(k)) || at(k) == U',' || at(k) == U'.');
  n.value = reading->number;
  n.has_arabic = reading->has_arabic;
  n.has_chinese = reading->has_chinese;
  n.has_scale = reading->has_scale;
  n.plain_integer = reading->plain_integer;
  n.integer_digits = reading->integer_digits;
  n.positional = reading->positional;
  n.trailing_scale = reading->trailing_scale;
  n.out_of_range = reading->out_of_range;
  n.lone_yi = (n.end == n.start + 1) && (at(n.start) == U'一' || at(n.start) == U'壹');
  n.single_scale = (n.end == n.start + 1) && (cn_scale(at(n.start)).has_value() ||
                                              at(n.start) == U'零' || at(n.start) == U'〇');
  return n;
}

// English number words at i ("twenty-one", "a dozen", "two thirds").
std::optional<numeral> reader::read_words(std::size_t i) const {
  // Most words are not number words: ask with the first word alone, on the
  // stack, before copying a run.
  char32_t head[18];
  std::size_t letters = 0;
  while (letters < 17 && is_ascii_letter(at(i + letters))) {
    head[letters] = at(i + letters);
    ++letters;
  }
  head[letters] = at(i + letters);
  if (!may_start_number_words(std::u32string_view(head, letters + 1))) return std::nullopt;
  std::u32string run;
  for (std::size_t k = i; k < i + 80; ++k) {
    const char32_t c = at(k);
    if (!(is_ascii_letter(c) || c == U' ' || c == U'-')) break;
    run.push_back(c);
  }
  auto reading = read_number_words(run);
  if (!reading) return std::nullopt;
  numeral n;
  n.start = i;
  n.end = i + reading->length;
  n.value = reading->number;
  n.has_scale = reading->has_scale;
  n.words = true;
  n.fraction = reading->fraction;
  n.ordinal = reading->ordinal;
  n.lone_one = reading->lone_one;
  return n;
}

// The unit or classifier word at i.
std::optional<unit_match> reader::read_unit(std::size_t i, bool after_arabic) const {
  const char32_t c0 = at(i);
  if (chinese_unit_starts().contains(c0)) {
    // Only words that start with c0 can match; the longest wins, the first
    // in table order among equals.
    const unit_entry* best = nullptr;
    for (const unit_entry* e : chinese_unit_index().at(c0)) {
      if (match(i, e->word) && (!best || e->word.size() > best->word.size())) best = e;
    }
    if (best) return unit_match{i + best->word.size(), std::u32string(best->word), best->kind};
  }
  // English: glued short forms after Arabic digits, or a word after one space.
  if (after_arabic && is_ascii_letter(at(i))) {
    std::size_t e = i;
    while (is_ascii_letter(at(e))) ++e;
    std::u32string word;
    for (std::size_t k = i; k < e; ++k) word += at(k);
    for (const auto& g : glued_units) {
      if (word == g.word) return unit_match{e, word, g.kind};
    }
  }
  std::size_t j = i;
  if (at(j) == U' ') ++j;
  if (is_ascii_letter(at(j))) {
    for (const auto& e : english_units) {
      if (match_ci(j, e.word) && !is_ascii_letter(at(j + e.word.size()))) {
        std::u32string word;
        for (std::size_t k = j; k < j + e.word.size(); ++k) word += at(k);
        return unit_match{j + e.word.size(), word, e.kind};
      }
    }
  }
  return std::nullopt;
}

// An identifier such as H100, GPT-3.0, v1.5 or 3D: letters, digits and
// inner '-', '.', '_' joined together. Returns its end.
std::size_t reader::skip_identifier(std::size_t i) const {
  std::size_t k = i;
  auto word_char = [](char32_t c) { return is_ascii_alnum(c) || is_digit(c); };
  auto joiner = [](char32_t c) { return c == U'-' || c == U'.' || c == U'_'; };
  // A joiner counts only with a word character after it ("GPT-3", not "GPT-").
  while (word_char(at(k)) || (joiner(at(k)) && word_char(at(k + 1)))) ++k;
  return k > i ? k : i + 1;
}

std::string two_digits(int v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

// Words that begin with 成 (成为, 成本, 完成 ...): after a numeral they are
// not tenths ("三成为" is rare; "两年建成" never reaches here).
bool forms_a_word_with_cheng(char32_t next) {
  static constexpr std::u32string_view starts =
      U"为為立功长長本果就员員熟都交型效绩績千套品人年分色像形语語了";
  return starts.find(next) != std::u32string_view::npos;
}

bool is_integer(const written_number& n) {
  return std::floor(n.value) == n.value && !n.magnitude_only;
}

}  // namespace

// ---------------------------------------------------------------------------

const char* to_string(mention_kind kind) {
  switch (kind) {
    case mention_kind::count:
      return "count";
    case mention_kind::money:
      return "money";
    case mention_kind::duration:
      return "duration";
    case mention_kind::date:
      return "date";
    case mention_kind::year:
      return "year";
    case mention_kind::ordinal:
      return "ordinal";
    case mention_kind::percent:
      return "percent";
    case mention_kind::plain:
      return "plain";
    case mention_kind::idiom:
      return "idiom";
  }
  return "plain";
}

std::optional<mention_kind> parse_mention_kind(std::string_view name) {
  for (auto k : {mention_kind::count, mention_kind::money, mention_kind::duration,
                 mention_kind::date, mention_kind::year, mention_kind::ordinal,
                 mention_kind::percent, mention_kind::plain, mention_kind::idiom}) {
    if (name == to_string(k)) return k;
  }
  return std::nullopt;
}

std::string spec_unit_for(std::string_view unit_word) {
  if (unit_word == "$" || unit_word == "US$") return "USD";
  if (unit_word == "¥" || unit_word == "￥") return "CNY";
  if (unit_word == "€") return "EUR";
  if (unit_word == "成") return "%";  // 三成 is written as 30 (%)
  if (unit_word == "£") return "GBP";
  // The writers ask once per mention: look the word up in a map built once
  // from the tables, with the precedence of the tables (Chinese, then glued
  // forms, exactly; then English words, ignoring ASCII case).
  struct unit_maps {
    std::unordered_map<std::string, const char*> exact, english;
  };
  static const unit_maps maps = [] {
    unit_maps m;
    auto utf8 = [](std::u32string_view w, bool lower) {
      std::string out;
      for (char32_t c : w) append_utf8(out, lower ? ascii_lower(c) : c);
      return out;
    };
    for (const auto& e : chinese_units) m.exact.emplace(utf8(e.word, false), e.spec_unit);
    for (const auto& e : glued_units) m.exact.emplace(utf8(e.word, false), e.spec_unit);
    for (const auto& e : english_units) m.english.emplace(utf8(e.word, true), e.spec_unit);
    return m;
  }();
  if (unit_word.empty()) return "";
  std::string key(unit_word);
  if (auto it = maps.exact.find(key); it != maps.exact.end()) return it->second;
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (auto it = maps.english.find(key); it != maps.english.end()) return it->second;
  return "";
}

diagnostic to_diagnostic(const scan_issue& issue, const std::string& file) {
  diagnostic d;
  d.level = issue.level;
  d.code = issue.code;
  d.where.file = file;
  d.where.line = issue.line;
  d.where.column = issue.column;
  d.message = issue.message;
  return d;
}

mention_scanner::mention_scanner(scan_options options, mention_sink on_mention, issue_sink on_issue)
    : options_(options), on_mention_(std::move(on_mention)), on_issue_(std::move(on_issue)) {
  if (options_.max_mention_chars < 8) options_.max_mention_chars = 8;
  recognise_batch_ = lookahead_chars() + 1024;
}

void mention_scanner::report(const std::string& code, std::size_t offset, int line, int column,
                             std::string message, severity level) {
  if (!on_issue_) return;
  if (issues_reported_ > options_.max_issues) return;
  if (issues_reported_ == options_.max_issues) {
    ++issues_reported_;
    on_issue_(scan_issue{severity::error, "utf8.too_many_errors", offset, line, column,
                         "more than " + std::to_string(options_.max_issues) +
                             " problems; the rest are not reported (is this a text file?)"});
    return;
  }
  ++issues_reported_;
  on_issue_(scan_issue{level, code, offset, line, column, std::move(message)});
}

bool mention_scanner::feed(std::string_view bytes) {
  if (stopped_ || finished_) return !stopped_;
  decode(bytes, false);
  return !stopped_;
}

bool mention_scanner::finish() {
  if (finished_) return !stopped_;
  if (!stopped_) decode(std::string_view{}, true);
  if (!stopped_) fold_annotations(true);
  if (!stopped_) recognise(false);
  if (!stopped_) recognise(true);
  finished_ = true;
  return !stopped_;
}

namespace {

std::string hex_byte(unsigned char b) {
  const char* digits = "0123456789ABCDEF";
  std::string s = "0x";
  s += digits[b >> 4];
  s += digits[b & 15];
  return s;
}

}  // namespace

void mention_scanner::decode(std::string_view bytes, bool at_end) {
  decoder_.feed(bytes);
  code_point_at c;
  while (!stopped_) {
    if (!decoder_.holding()) {
      // Most characters, read by the decoder's inline part in a loop whose
      // place in the chunk stays in a register (through decoder_.next the
      // place is reloaded from memory after every character pushed: a
      // tenth of the scan on Chinese text).
      const std::string_view rest = decoder_.rest();
      const auto* const start = reinterpret_cast<const unsigned char*>(rest.data());
      const unsigned char* at = start;
      const unsigned char* const end = start + rest.size();
      code_point_at d;  // never leaves this loop, so it lives in registers
      while (!stopped_) {
        if (raw_.empty()) at = push_run(at, end);
        if (stopped_ || !utf8_decoder::read_common(at, end, d)) break;
        if (d.value == U'(') {
          // A reading annotation whole in this chunk folds at once.
          if (const std::size_t n = fold_annotation_in_chunk(
                  {reinterpret_cast<const char*>(at), static_cast<std::size_t>(end - at)})) {
            at += n;
            continue;
          }
        }
        const auto length = static_cast<std::uint32_t>(d.length);
        if (!push_plain(d.value, length)) push_decoded(d.value, offset_, length);
      }
      decoder_.skip(static_cast<std::size_t>(at - start));
      if (stopped_) break;
    }
    if (!decoder_.next(c) && !(at_end && decoder_.finish(c))) break;
    if (!c.valid) {
      // A maximal invalid subpart (text.hpp): one issue, one replacement
      // character; mentions before the problem come first.
      recognise(false);
      if (stopped_) break;
      const unsigned char lead = decoder_.first_byte();
      report("utf8.invalid", offset_, position_.line(), position_.column(),
             utf8_can_lead(lead)
                 ? "invalid UTF-8 sequence starting with byte " + hex_byte(lead) +
                       " at byte offset " + std::to_string(offset_) + " (" +
                       std::to_string(c.length) + " byte" + (c.length == 1 ? "" : "s") +
                       "); it is skipped (save the file as UTF-8)"
                 : "invalid UTF-8 byte " + hex_byte(lead) + " at byte offset " +
                       std::to_string(offset_) + "; it is skipped (save the file as UTF-8)");
      push_decoded(0xFFFD, offset_, static_cast<std::uint32_t>(c.length));
      continue;
    }
    const auto length = static_cast<std::uint32_t>(c.length);
    if (!push_plain(c.value, length)) push_decoded(c.value, offset_, length);
  }
}

// What push_run makes of a byte that starts a character: 1 a plain ASCII
// character (all but those that end a line, open a reading annotation or are
// NUL: each moves the place or the window in its own way, through
// push_decoded), 3 the lead of a three-byte sequence whose continuation bytes
// need no range check (E1..EC, EE, EF: all of CJK, as text.hpp's read_common
// reads them), 0 anything else (the general way). One load instead of a
// chain of comparisons per character.
namespace {
constexpr std::array<std::uint8_t, 256> run_lead = [] {
  std::array<std::uint8_t, 256> lead{};
  for (int b = 1; b < 0x80; ++b) lead[b] = 1;
  lead['\n'] = lead['\r'] = lead['('] = 0;
  for (int b = 0xE1; b <= 0xEF; ++b) lead[b] = b == 0xED ? 0 : 3;
  return lead;
}();
}  // namespace

// A run of plain characters (run_lead 1, or a three-byte sequence of run_lead 3
// other than U+FEFF) written straight into the window up to the next recognise
// batch, with the offset, line and column kept in registers and the columns
// counted at once: the per-character work of push_plain, without reloading
// the scanner's state after every character. Returns where it stopped.
const unsigned char* mention_scanner::push_run(const unsigned char* at,
                                               const unsigned char* const end) {
  const std::size_t pending = window_.size() - pos_;
  if (pending >= recognise_batch_) return at;
  const std::size_t room = recognise_batch_ - pending;
  text_char* const slots = window_.reserve_back(room);
  const std::size_t mask = window_.mask();
  const std::size_t first = window_.back_index();
  std::size_t offset = offset_;
  const int line = position_.line();
  const int column = position_.column();
  std::size_t count = 0;
  while (count < room && at < end) {
    const unsigned char b0 = at[0];
    const std::uint8_t lead = run_lead[b0];
    char32_t cp;
    std::uint32_t length;
    if (lead == 1) {
      cp = b0;
      length = 1;
    } else if (lead == 3 && end - at >= 3 && (at[1] & 0xC0) == 0x80 && (at[2] & 0xC0) == 0x80) {
      cp = (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(at[1] & 0x3F) << 6) |
           static_cast<char32_t>(at[2] & 0x3F);
      if (cp == 0xFEFF) break;  // not a column at the start of the text
      length = 3;
    } else {
      break;
    }
    text_char& c = slots[(first + count) & mask];
    c.cp = cp;
    c.length = length;
    c.offset = offset;
    c.annotation_length = 0;
    c.line = line;
    c.column = column + static_cast<int>(count);
    offset += length;
    at += length;
    ++count;
  }
  if (count == 0) return at;
  window_.commit_back(count);
  offset_ = offset;
  position_.advance_columns(static_cast<int>(count));
  if (window_.size() - pos_ >= recognise_batch_) recognise(false);
  return at;
}

// push_decoded's common case, written straight into the window's next slot:
// nothing waits for an annotation to be decided and no annotation or NUL
// can begin here. Returns false, having done nothing, otherwise. (Most of
// extract's time is this per-character path: building a text_char on the
// stack and copying it into the ring cost a store-forwarding stall each.)
inline bool mention_scanner::push_plain(char32_t cp, std::uint32_t length) {
  if (cp == U'(' || cp == 0 || !raw_.empty()) return false;
  text_char& c = window_.push_slot();
  c.cp = cp;
  c.length = length;
  c.offset = offset_;
  c.annotation_length = 0;
  c.line = position_.line();
  c.column = position_.column();
  offset_ += length;
  position_.advance(cp);
  if (window_.size() - pos_ >= recognise_batch_) recognise(false);
  return true;
}

// A reading annotation "(pīnyīn)" right after a Han character, whose "(" was
// just read and whose letters and ")" are `after`'s first bytes, folded
// into that character as fold_annotations would fold it one character at a
// time (the "(" is the byte before `after` in the same chunk): the same note, the same lengths,
// lines and columns. Returns the bytes of `after` taken, 0 when it is not (or not wholly) there,
// and the general path decides.
std::size_t mention_scanner::fold_annotation_in_chunk(std::string_view after) {
  if (!raw_.empty() || window_.empty() || !is_han(window_.back().cp) ||
      window_.back().annotation_length != 0) {
    return 0;
  }
  std::size_t e = 0;
  std::size_t letters = 0;
  while (true) {
    if (e >= after.size()) return 0;
    // Pinyin is mostly ASCII, read here; a tone mark is two bytes.
    const auto b = static_cast<unsigned char>(after[e]);
    if (b == ')') {
      if (letters == 0) return 0;
      e += 1;
      break;
    }
    if (b < 0x80) {
      if (!is_ascii_letter(b) || ++letters > annotation_max_letters) return 0;
      e += 1;
      continue;
    }
    const code_point_at c = decode_at(after, e);
    if (!c.valid) return 0;  // a bad byte, or a sequence the chunk cuts
    if (!is_annotation_letter(c.value) || ++letters > annotation_max_letters) return 0;
    e += c.length;
  }
  text_char& han = window_.back();
  // "(" is the chunk's byte before `after`.
  window_.note(window_.size() - 1).assign(std::string_view(after.data() - 1, e + 1));
  han.annotation_length = static_cast<std::uint32_t>(e + 1);
  // "(", the letters and ")": one column each, none a line break.
  position_.advance_columns(static_cast<int>(letters + 2));
  offset_ += e + 1;
  return e;
}

void mention_scanner::push_decoded(char32_t cp, std::size_t offset, std::uint32_t length) {
  text_char c;
  c.cp = cp;
  c.offset = offset;
  c.length = length;
  c.line = position_.line();
  c.column = position_.column();
  offset_ = offset + length;
  position_.advance(cp);
  if (cp == 0 && raw_.empty()) {
    fold_stray_nul(c);
    return;
  }
  // Straight into the window unless an annotation may begin here: "(" right
  // after a Han character that has none yet, or characters already waiting
  // behind such a "(" (they keep their order).
  if (raw_.empty() && !(cp == U'(' && !window_.empty() && is_han(window_.back().cp) &&
                        window_.back().annotation_length == 0)) {
    window_.push_back(c);
  } else {
    raw_.push_back(c);
    fold_annotations(false);
  }
  // Recognise in batches; the bound keeps memory constant whatever the
  // chunk size.
  if (window_.size() - pos_ >= recognise_batch_) recognise(false);
}

void mention_scanner::fold_annotations(bool at_end) {
  while (!raw_.empty() && !stopped_) {
    text_char& c = raw_.front();
    if (c.cp == U'(' && !window_.empty() && is_han(window_.back().cp) &&
        window_.back().annotation_length == 0) {
      // "(pīnyīn)" right after a Han character: fold it into that character.
      std::size_t k = 1;
      bool decided = false, annotation = false;
      while (k < raw_.size()) {
        char32_t x = raw_[k].cp;
        if (x == U')') {
          decided = true;
          annotation = k > 1;
          break;
        }
        if (!is_annotation_letter(x) || k > annotation_max_letters) {
          decided = true;
          break;
        }
        ++k;
      }
      if (!decided && !at_end) return;  // wait for more input
      if (annotation) {
        text_char& han = window_.back();
        std::string note;
        for (std::size_t m = 0; m <= k; ++m) {
          append_utf8(note, raw_[m].cp);
          han.annotation_length += raw_[m].length;
        }
        window_.note(window_.size() - 1).assign(note);
        raw_.pop_front(k + 1);
        continue;
      }
    }
    if (raw_.front().cp == 0) {
      fold_stray_nul(raw_.front());
    } else {
      window_.push_back(raw_.front());
    }
    raw_.pop_front();
  }
}

// A NUL byte in a text is debris (a binary fragment, a bad conversion), not
// a word boundary: reading goes through it as if it were absent, so that
// "3584 \0GPUs" is 3584 GPUs, and the mention's span and surface keep it.
// It rides on the character before it as an annotation's bytes do; at the
// very start of the window there is nothing before it and it is dropped
// from reading (spans after it are still exact).
void mention_scanner::fold_stray_nul(const text_char& nul) {
  if (window_.empty()) return;
  text_char& before = window_.back();
  mention_scanner::note_bytes& note = window_.note(window_.size() - 1);
  if (before.annotation_length == 0) note.clear();
  note.push_back('\0');
  before.annotation_length += nul.length;
}

void mention_scanner::char_ring::grow() {
  const std::size_t capacity = items_.empty() ? 64 : 2 * items_.size();
  std::vector<text_char> items(capacity);
  std::vector<note_bytes> notes(capacity);
  for (std::size_t i = 0; i < size_; ++i) {
    items[i] = (*this)[i];
    notes[i] = std::move(note(i));
  }
  items_ = std::move(items);
  notes_ = std::move(notes);
  head_ = 0;
  mask_ = capacity - 1;
}

void mention_scanner::trim_history() {
  const std::size_t history = std::max(history_chars, options_.context_chars + 24);
  if (pos_ > history && !window_.empty()) {
    const std::size_t n = std::min(pos_ - history, window_.size());
    window_.pop_front(n);
    pos_ -= n;
    floor_ = floor_ > n ? floor_ - n : 0;
  }
}

namespace {

// The recogniser proper: given the window and the reading position, finds
// the mention that starts there (or the characters to skip).
class recogniser {
 public:
  recogniser(const mention_scanner::char_ring& window, std::size_t visible, std::size_t floor,
             const scan_options& options)
      : r_(window, visible, floor, options.max_mention_chars) {}

  // Returns the index to continue at; fills `found` when a mention starts at i.
  std::size_t step(std::size_t i, std::optional<candidate>& found);

 private:
  // Where the scan goes on when a stage has decided; nullopt hands over to
  // the next stage.
  using decision = std::optional<std::size_t>;
  char32_t at(std::size_t i) const { return r_.at(i); }
  void pre_hedge(candidate& c) const;
  void currency_prefix(candidate& c) const;
  bool post_hedges(candidate& c, std::size_t& k) const;
  std::optional<candidate> date_at(std::size_t i, const numeral& n) const;
  struct fraction_reading {
    double value = 0;
    std::size_t end = 0;
    bool skip = false;  // a date or a path: no mention at all
  };
  std::optional<fraction_reading> digit_fraction(std::size_t i, std::size_t num_at,
                                                 const numeral& n, int sign) const;
  void finish_kind(candidate& c) const;

  // One step: the stages, run in order by step(), and what they learn, in
  // the order they learn it. The stages read the window through the
  // recogniser's reader and its hedge, date and fraction helpers.
  class step_run {
   public:
    step_run(const recogniser& rec, std::size_t start, std::optional<candidate>& found_here)
        : rec_(rec), r_(rec.r_), found(found_here), i(start), c0(rec.at(start)), num_at(start) {}

    decision idiom_stage();           // 千行百业, 一站式: kind idiom
    decision word_stage();            // Latin letters: several-words, number words, names
    decision prefix_stage();          // 第, signs, 百分之, a leading point
    decision magnitude_word_stage();  // 数以万计, 几个, 數周
    decision numeral_stage();         // the numeral, 兩三萬, digit runs that are not figures
    decision suffix_stage();          // glued units or names, the sign, "21st"
    decision ordinal_stage();         // ordinals and list markers
    decision fraction_stage();        // 3/4, 1 4/5, 三分之一, 百分之
    decision date_stage();            // 2023-07-06, 2023年7月6日
    decision tenths_stage();          // 成
    decision inner_hedge_stage();     // 余, 多, 几, +, 级 before the unit
    decision unit_stage();            // the unit word
    decision range_stage();           // to a second numeral
    std::size_t hedge_stage();        // hedges around it; the article 一, list markers

   private:
    char32_t at(std::size_t j) const { return r_.at(j); }
    void pre_hedge(candidate& x) const { rec_.pre_hedge(x); }
    bool post_hedges(candidate& x, std::size_t& j) const { return rec_.post_hedges(x, j); }
    std::optional<candidate> date_at(std::size_t j, const numeral& m) const {
      return rec_.date_at(j, m);
    }
    std::optional<fraction_reading> digit_fraction(std::size_t j, std::size_t at_numeral,
                                                   const numeral& m, int sign_written) const {
      return rec_.digit_fraction(j, at_numeral, m, sign_written);
    }
    void finish_kind(candidate& x) const { rec_.finish_kind(x); }

    const recogniser& rec_;
    const reader& r_;
    std::optional<candidate>& found;      // set when a mention starts at i
    const std::size_t i;                  // where the step began
    const char32_t c0;                    // the character there
    std::optional<numeral> word_numeral;  // English number words at i
    bool ordinal = false;                 // after 第, or an ordinal word or suffix
    std::size_t num_at;                   // where the numeral starts (after 第, a sign, 百分之)
    int sign = 0;                         // -1, +1 or 0 (none written)
    bool percent_words = false;           // 百分之 or 千分之 before the numeral
    double words_divisor = 1;             // 100 or 1000 for them
    std::optional<numeral> n;             // the numeral
    std::optional<numeral> adjacent_end;  // 兩三萬: the second digit
    candidate c;                          // the mention being built
    std::size_t k = 0;                    // the reading position after it
    bool arabic_only = false;             // digits without Chinese numerals
  };

  reader r_;
};

// A currency sign or code right before the number: "$20,000", "US$4.6M",
// "¥300", "USD 5".
void recogniser::currency_prefix(candidate& c) const {
  if (c.has_unit || c.kind == mention_kind::date || c.kind == mention_kind::year ||
      c.kind == mention_kind::ordinal || c.start != c.num_start) {
    return;
  }
  struct sign {
    std::u32string_view text;
    bool spaced;
  };
  static constexpr sign signs[] = {
      {U"US$", false}, {U"US$", true}, {U"$", false},  {U"¥", false},
      {U"￥", false},  {U"€", false},  {U"£", false},  {U"USD", true},
      {U"RMB", true},  {U"CNY", true}, {U"EUR", true},
  };
  for (const auto& s : signs) {
    std::size_t e = c.start;
    if (s.spaced) {
      if (e == 0 || at(e - 1) != U' ') continue;
      --e;
    }
    if (!r_.ends_with(e, s.text, false)) continue;
    std::size_t b = e - s.text.size();
    if (s.spaced && b > 0 && is_ascii_letter(at(b - 1))) continue;
    c.start = b;
    c.unit = unit_match{c.start, std::u32string(s.text), mention_kind::money};
    c.has_unit = true;
    c.kind = mention_kind::money;
    return;
  }
}

// Hedge words just before the mention (white space allowed in between).
void recogniser::pre_hedge(candidate& c) const {
  currency_prefix(c);
  std::size_t end = c.start;
  std::size_t e = end;
  while (e > r_.floor() && e > 0 && (at(e - 1) == U' ' || at(e - 1) == 0x3000)) --e;
  bool spaced = e < end;
  std::optional<hedge_entry> best;
  if (e > 0 && chinese_pre_hedge_ends().contains(at(e - 1))) {
    for (const auto& h : chinese_pre_hedges) {
      if (r_.ends_with(e, h.word, false) && (!best || h.word.size() > best->word.size())) {
        best = h;
      }
    }
  }
  if (best && best->word == U"近") {
    // 最近, 附近, 临近 are words of their own, not "nearly".
    char32_t b = e >= 2 ? at(e - 2) : 0;
    if (b == U'最' || b == U'附' || b == U'临' || b == U'臨' || b == U'靠' || b == U'亲' ||
        b == U'親' || b == U'逼' || b == U'就' || b == U'远' || b == U'遠') {
      best.reset();
    }
  }
  if (best && best->word == U"超" && e >= 2 && (at(e - 2) == U'赶' || at(e - 2) == U'趕')) {
    best.reset();
  }
  // 上万, 上千, 上百, 上亿: "upwards of" a bare scale.
  bool scales_only = c.first.end > c.first.start && !c.second;
  for (std::size_t k = c.first.start; k < c.first.end && scales_only; ++k) {
    scales_only = cn_scale(at(k)).has_value();
  }
  // 上万, 上千, 上百萬, 上亿: "upwards of" a numeral of scales alone.
  if (!best && !spaced && e > r_.floor() && at(e - 1) == U'上' && scales_only &&
      c.num_start == c.start) {
    best = hedge_entry{U"上", qualifier::over};
  }
  if (!best && spaced) {
    for (const auto& h : english_pre_hedges) {
      if (r_.ends_with(e, h.word, true)) {
        std::size_t s = e - h.word.size();
        if (s == 0 || !is_ascii_letter(at(s - 1))) {
          if (!best || h.word.size() > best->word.size()) best = h;
        }
      }
    }
  }
  if (!best && !spaced && e > r_.floor() &&
      (at(e - 1) == U'~' || at(e - 1) == U'～' || at(e - 1) == U'≈')) {
    best = hedge_entry{U"~", qualifier::about};
  }
  if (!best) return;
  std::size_t s = e - best->word.size();
  // 或超, 或达: "possibly over"; 或 stays in the hedge words, the interval is
  // the hedge's own (the claim's author decides how sure the text is).
  if (s > r_.floor() && s > 0 && at(s - 1) == U'或' && is_han(at(s))) --s;
  c.start = s;
  c.hedge_starts.insert(c.hedge_starts.begin(), s);
  c.hedge_ends.insert(c.hedge_ends.begin(), e);
  if (strength(best->qual) > strength(c.qual)) c.qual = best->qual;
}

// Hedges after the unit word: 左右, 以上, 以内, 内 (after a time), 多/余
// (after a unit: "3年多"), English "or more".
bool recogniser::post_hedges(candidate& c, std::size_t& k) const {
  for (const auto& h : chinese_post_hedges) {
    if (r_.match(k, h.word)) {
      c.hedge_starts.push_back(k);
      c.hedge_ends.push_back(k + h.word.size());
      if (strength(h.qual) > strength(c.qual)) c.qual = h.qual;
      k += h.word.size();
      return true;
    }
  }
  char32_t x = at(k);
  if ((x == U'内' || x == U'內') && c.has_unit &&
      (c.unit.kind == mention_kind::duration || c.unit.kind == mention_kind::date ||
       !is_han(at(k + 1)))) {
    c.hedge_starts.push_back(k);
    c.hedge_ends.push_back(k + 1);
    if (strength(qualifier::under) > strength(c.qual)) c.qual = qualifier::under;
    ++k;
    return true;
  }
  if ((x == U'多' || x == U'余' || x == U'餘') && c.has_unit &&
      c.unit.kind == mention_kind::duration) {
    c.hedge_starts.push_back(k);
    c.hedge_ends.push_back(k + 1);
    if (strength(qualifier::plus) > strength(c.qual)) c.qual = qualifier::plus;
    ++k;
    return true;
  }
  std::size_t j = k;
  if (at(j) == U' ') ++j;
  for (const auto& h : english_post_hedges) {
    if (r_.match_ci(j, h.word) && !is_ascii_letter(at(j + h.word.size()))) {
      c.hedge_starts.push_back(j);
      c.hedge_ends.push_back(j + h.word.size());
      if (strength(h.qual) > strength(c.qual)) c.qual = h.qual;
      k = j + h.word.size();
      return true;
    }
  }
  return false;
}

bool integer_in(const numeral& n, double lo, double hi) {
  return is_integer(n.value) && n.value.value >= lo && n.value.value <= hi &&
         (n.plain_integer || (n.has_chinese && !n.has_arabic));
}

bool is_date_word(char32_t c) {
  return c == U'日' || c == U'号' || c == U'號';
}

// Dates: [Y年][M月][D日] with at least one part, and a range to a second
// date ("7月6日至8日"). Years need four digits ("2023年"; "3年" is a
// duration).
std::optional<candidate> recogniser::date_at(std::size_t i, const numeral& first) const {
  struct parts {
    std::optional<int> y, m, d;
    std::size_t end = 0, num_end = 0;
    numeral last;
  };
  auto read_parts = [&](std::size_t k, std::optional<numeral> n0) -> std::optional<parts> {
    parts p;
    std::optional<numeral> n = n0 ? n0 : r_.read_numeral(k);
    if (!n) return std::nullopt;
    bool four_digits =
        (n->plain_integer && n->integer_digits == 4) || (n->positional && n->end - n->start == 4);
    if (at(n->end) == U'年' && four_digits) {
      p.y = static_cast<int>(n->value.value);
      p.end = n->end + 1;
      p.num_end = p.end;
      p.last = *n;
      auto m = r_.read_numeral(p.end);
      if (m && at(m->end) == U'月' && integer_in(*m, 1, 12)) {
        p.m = static_cast<int>(m->value.value);
        p.end = p.num_end = m->end + 1;
        p.last = *m;
        auto d = r_.read_numeral(p.end);
        if (d && is_date_word(at(d->end)) && integer_in(*d, 1, 31)) {
          p.d = static_cast<int>(d->value.value);
          p.end = p.num_end = d->end + 1;
          p.last = *d;
        }
      }
      return p;
    }
    if (at(n->end) == U'月' && integer_in(*n, 1, 12) && at(n->end + 1) != U'份') {
      p.m = static_cast<int>(n->value.value);
      p.end = p.num_end = n->end + 1;
      p.last = *n;
      auto d = r_.read_numeral(p.end);
      if (d && is_date_word(at(d->end)) && integer_in(*d, 1, 31)) {
        p.d = static_cast<int>(d->value.value);
        p.end = p.num_end = d->end + 1;
        p.last = *d;
      }
      return p;
    }
    if (at(n->end) == U'月' && at(n->end + 1) == U'份' && integer_in(*n, 1, 12)) {
      p.m = static_cast<int>(n->value.value);
      p.end = p.num_end = n->end + 2;
      p.last = *n;
      return p;
    }
    if (is_date_word(at(n->end)) && integer_in(*n, 1, 31)) {
      p.d = static_cast<int>(n->value.value);
      p.end = p.num_end = n->end + 1;
      p.last = *n;
      return p;
    }
    return std::nullopt;
  };
  auto p1 = read_parts(i, first);
  if (!p1) return std::nullopt;
  auto iso = [](const parts& p) {
    std::string s;
    if (p.y) {
      s = std::to_string(*p.y);
      if (p.m) s += "-" + two_digits(*p.m);
      if (p.m && p.d) s += "-" + two_digits(*p.d);
    } else if (p.m) {
      s = "--" + two_digits(*p.m);
      if (p.d) s += "-" + two_digits(*p.d);
    } else if (p.d) {
      s = "---" + two_digits(*p.d);
    }
    return s;
  };
  candidate c;
  c.start = i;
  c.num_start = i;
  c.first = p1->last;
  c.first.start = i;
  c.end = p1->end;
  c.num_end = p1->num_end;
  c.qual = qualifier::exact;
  c.kind = (p1->y && !p1->m) ? mention_kind::year : mention_kind::date;
  c.date_text = iso(*p1);
  // A second date after 至/到/-/~: it inherits the parts it leaves out.
  std::size_t k = c.end;
  char32_t sep = at(k);
  if (sep == U'至' || sep == U'到' || sep == U'-' || sep == U'–' || sep == U'—' || sep == U'~' ||
      sep == U'～' || sep == U'〜') {
    auto p2 = read_parts(k + 1, std::nullopt);
    bool compatible = p2 && ((p1->d && p2->d) || (!p1->d && p1->m && p2->m && !p2->d) ||
                             (!p1->d && !p1->m && p2->y && !p2->m));
    if (compatible) {
      if (!p2->y && p1->y && (p2->m || p2->d)) p2->y = p1->y;
      if (!p2->m && p1->m && p2->d) p2->m = p1->m;
      c.second = p2->last;
      c.end = p2->end;
      c.num_end = p2->num_end;
      c.qual = qualifier::range;
      c.range_end_date_text = iso(*p2);
    }
  }
  return c;
}

// A fraction in digits after the plain integer n at num_at: "3/4" (n over
// the next integer) or "1 4/5" (n and a fraction after one space). Only
// proper fractions with a denominator up to 100 are fractions: "7/6", "24/7"
// and "1/2023" are not. After "on", "by", "until", "till", "since" or
// "dated", and in a chain "3/4/2023", a/b is a day and month written in an
// order the text does not say (US or European), so it is skipped whole, as
// a time of day is.
std::optional<recogniser::fraction_reading> recogniser::digit_fraction(std::size_t i,
                                                                       std::size_t num_at,
                                                                       const numeral& n,
                                                                       int sign) const {
  auto plain_at = [&](std::size_t j) -> std::optional<numeral> {
    if (!is_digit(at(j))) return std::nullopt;
    auto m = r_.read_numeral(j);
    if (!m || !m->plain_integer) return std::nullopt;
    return m;
  };
  std::size_t k = n.end;
  double whole = 0;
  numeral top = n;
  if (at(k) == U' ' && is_digit(at(k + 1))) {
    auto m = plain_at(k + 1);
    if (!m || at(m->end) != U'/') return std::nullopt;
    whole = n.value.value;
    top = *m;
    k = m->end;
  }
  if (at(k) != U'/') return std::nullopt;
  auto bottom = plain_at(k + 1);
  if (!bottom) return std::nullopt;
  const std::size_t end = bottom->end;
  const bool chain = at(end) == U'/' || r_.before(num_at) == U'/';
  bool date_word = false;
  {
    std::size_t b = i;
    while (b > r_.floor() && r_.before(b) == U' ') --b;
    for (std::u32string_view w : {U"on", U"by", U"until", U"till", U"since", U"dated"}) {
      if (b < i && r_.ends_with(b, w, true) &&
          (b == w.size() || !is_ascii_letter(at(b - w.size() - 1)))) {
        date_word = true;
      }
    }
  }
  if (whole == 0 && (chain || date_word)) {
    std::size_t e = end;
    while (at(e) == U'/' && is_digit(at(e + 1))) {
      ++e;
      while (is_digit(at(e))) ++e;
    }
    return fraction_reading{0, e, true};
  }
  if (is_ascii_alnum(at(end)) || chain) return std::nullopt;
  const double a = top.value.value, d = bottom->value.value;
  if (!(a >= 1 && a < d && d <= 100)) return std::nullopt;
  const double value = (whole + a / d) * (sign < 0 ? -1 : 1);
  return fraction_reading{value, end, false};
}

void recogniser::finish_kind(candidate& c) const {
  if (c.kind == mention_kind::date || c.kind == mention_kind::year ||
      c.kind == mention_kind::ordinal || c.kind == mention_kind::idiom) {
    return;
  }
  if (c.has_unit) {
    c.kind = c.unit.kind;
    return;
  }
  // A bare four-digit integer between 1800 and 2199 reads as a year
  // ("2023世界人工智能大會", "大會2023").
  if (c.first.plain_integer && c.first.integer_digits == 4 && c.first.value.value >= 1800 &&
      c.first.value.value <= 2199 && c.hedge_starts.empty() && !c.second) {
    c.kind = mention_kind::year;
    c.qual = qualifier::exact;
    c.date_text = std::to_string(static_cast<int>(c.first.value.value));
    return;
  }
  c.kind = mention_kind::plain;
}

// Fixed expressions (千行百业, 一站式): kind idiom.
recogniser::decision recogniser::step_run::idiom_stage() {
  // 1. Fixed expressions.
  const auto& index = idiom_index();
  auto it = idiom_starts().contains(c0) ? index.find(idiom_key(c0, at(i + 1))) : index.end();
  if (it != index.end()) {
    for (auto text : it->second) {
      if (r_.match(i, text)) {
        candidate c;
        c.start = c.num_start = i;
        c.end = c.num_end = i + text.size();
        c.kind = mention_kind::idiom;
        c.idiom_reason = "fixed expression";
        found = std::move(c);
        return found->end;
      }
    }
  }

  return std::nullopt;
}

// Words of Latin letters: several-words, number words, identifiers.
recogniser::decision recogniser::step_run::word_stage() {
  // 2. Words of Latin letters: English several-words, number words, else
  // skip the word (and any identifier such as H100 or GPT-3 it begins).
  if (is_ascii_letter(c0)) {
    if (i > 0 && is_ascii_alnum(r_.before(i))) return i + 1;
    struct several_word {
      std::u32string_view word;
      double magnitude;
      bool needs_of;
    };
    static constexpr several_word words[] = {
        {U"dozens", 12, false},   {U"a couple of", 1, false}, {U"a few", 1, false},
        {U"hundreds", 100, true}, {U"thousands", 1e3, true},  {U"millions", 1e6, true},
        {U"billions", 1e9, true}, {U"several", 1, false},     {U"tens of thousands", 1e4, true},
    };
    std::optional<std::pair<std::size_t, double>> hit;
    const char32_t lower = ascii_lower(c0);
    for (const auto& w : words) {
      if (w.word[0] != lower) continue;  // most words: no match_ci at all
      std::size_t e = i + w.word.size();
      if (!r_.match_ci(i, w.word) || is_ascii_letter(at(e))) continue;
      if (w.needs_of && !r_.match_ci(e, U" of")) continue;
      if (!hit || e > hit->first) hit = std::make_pair(e, w.magnitude);
    }
    if (hit) {
      candidate c;
      c.start = c.num_start = i;
      c.end = c.num_end = hit->first;
      c.first.start = i;
      c.first.end = hit->first;
      c.first.value.value = hit->second;
      c.first.value.precision = hit->second;
      c.first.value.magnitude_only = true;
      c.qual = qualifier::several;
      if (r_.match_ci(i, U"a couple")) {
        // "a couple of days": about two, not a magnitude.
        c.first.value = written_number{2, 1, false};
        c.qual = qualifier::about;
      }
      c.hedge_starts.push_back(i);
      c.hedge_ends.push_back(hit->first);
      std::size_t k = hit->first;
      if (r_.match_ci(k, U" of")) k += 3;
      if (auto u = r_.read_unit(k, false)) {
        c.unit = *u;
        c.has_unit = true;
        c.end = u->end;
      }
      finish_kind(c);
      found = std::move(c);
      return found->end;
    }
    word_numeral = r_.read_words(i);
    if (!word_numeral) return r_.skip_identifier(i);
  }

  return std::nullopt;
}

// What comes before the numeral: 第 (ordinals), signs, 百分之/千分之, a leading point.
recogniser::decision recogniser::step_run::prefix_stage() {
  // 3. Ordinals: 第 + numeral.
  if (c0 == U'第' && is_numeral_char(at(i + 1))) {
    ordinal = true;
    num_at = i + 1;
  }
  // Signs: -5, −9.23, +3%, 负三十二, 正5. A '-' after a letter or a digit
  // joins a name or a range instead ("GPT-3", "10-20").
  if (is_sign_char(c0)) {
    const char32_t b = r_.before(i);
    const bool free = !(is_ascii_alnum(b) || is_digit(b) || is_sign_char(b) || b == U'.' ||
                        b == U'_' || b == U'/');
    if (free && is_digit(at(i + 1))) {
      sign = (c0 == U'+' || c0 == U'＋') ? 1 : -1;
      num_at = i + 1;
    } else {
      return i + 1;
    }
  } else if ((c0 == U'负' || c0 == U'負') && is_numeral_char(at(i + 1)) &&
             !is_vague_digit(at(i + 1))) {
    sign = -1;
    num_at = i + 1;
  } else if (c0 == U'正' && is_digit(at(i + 1))) {
    sign = 1;
    num_at = i + 1;
  }
  // Percent written in words: 百分之五十, 千分之三.
  if (r_.match(i, U"百分之") && is_numeral_char(at(i + 3))) {
    percent_words = true;
    num_at = i + 3;
    words_divisor = 100;
  } else if (r_.match(i, U"千分之") && is_numeral_char(at(i + 3))) {
    percent_words = true;
    num_at = i + 3;
    words_divisor = 1000;
  }

  const bool leading_point =
      c0 == U'.' && is_digit(at(i + 1)) &&
      !(is_digit(r_.before(i)) || is_ascii_alnum(r_.before(i)) || r_.before(i) == U'.');
  if (c0 == U'.' && !leading_point) return i + 1;
  if (!word_numeral && !leading_point && !is_numeral_char(at(num_at)) && at(num_at) != U'半') {
    return i + 1;
  }
  return std::nullopt;
}

// Numerals that are words of a magnitude or of a few: 数以万计, 几个, 數周.
recogniser::decision recogniser::step_run::magnitude_word_stage() {
  // 数以万计, 數以億計: "by the tens of thousands", a magnitude only.
  if (!ordinal && !percent_words && (c0 == U'数' || c0 == U'數') && at(i + 1) == U'以') {
    std::size_t j = i + 2;
    double magnitude = 1;
    while (j < i + 5 && cn_scale(at(j))) magnitude *= *cn_scale(at(j++));
    if (magnitude > 1 && (at(j) == U'计' || at(j) == U'計')) {
      candidate c;
      c.start = c.num_start = c.first.start = i;
      c.end = c.num_end = c.first.end = j + 1;
      c.first.value = written_number{magnitude, magnitude, true};
      c.qual = qualifier::several;
      c.hedge_starts.push_back(i);
      c.hedge_ends.push_back(j + 1);
      finish_kind(c);
      found = std::move(c);
      return found->end;
    }
  }
  if (!ordinal && !percent_words && is_vague_digit(at(num_at)) && !cn_scale(at(num_at + 1))) {
    // 数据, 几乎: not numerals. 几个/數個 ("a few") and 數周, 數月, 幾天
    // ("a few weeks") are read as several; 几月 and 几年级 ask "which".
    auto u = r_.read_unit(num_at + 1, false);
    static constexpr std::u32string_view few_classifiers = U"个個位家种種次项項款名件";
    const bool few_things =
        u && u->word.size() == 1 && few_classifiers.find(u->word[0]) != std::u32string_view::npos;
    const bool asks_which =
        (at(num_at) == U'几' || at(num_at) == U'幾') &&
        (at(num_at + 1) == U'月' || at(num_at + 2) == U'级' || at(num_at + 2) == U'級');
    const bool few_durations = u && u->kind == mention_kind::duration && !asks_which;
    if (!few_things && !few_durations) return i + 1;
    candidate c;
    c.start = c.num_start = i;
    c.num_end = i + 1;
    c.first.start = i;
    c.first.end = i + 1;
    c.first.value = written_number{1, 1, true};
    c.qual = qualifier::several;
    c.unit = *u;
    c.has_unit = true;
    c.end = u->end;
    finish_kind(c);
    found = std::move(c);
    return found->end;
  }

  return std::nullopt;
}

// The numeral itself, two neighbouring digits as a range, and digit runs that are not figures.
recogniser::decision recogniser::step_run::numeral_stage() {
  // Digits glued to letters are part of a name (H100, GPT-3, 3D).
  if (is_digit(at(num_at))) {
    char32_t b = r_.before(num_at);
    char32_t b2 = num_at >= 2 ? at(num_at - 2) : 0;
    if (num_at > 0 && (is_ascii_letter(b) || ((b == U'-' || b == U'_' || b == U'.') &&
                                              (is_ascii_alnum(b2) || is_digit(b2))))) {
      return r_.skip_identifier(num_at);
    }
  }

  n = word_numeral ? word_numeral : r_.read_numeral(num_at);
  if (!n) return i + 1;
  // Two neighbouring digits are a range: 兩三萬 [2万, 3万], 三四千, 五六十,
  // 一两个. The second digit carries the scales of both.
  if (!ordinal && !percent_words) {
    auto d1 = cn_digit(at(num_at));
    auto d2 = cn_digit(at(num_at + 1));
    if (d1 && d2 && *d1 >= 1 && *d2 == *d1 + 1 && !cn_digit(at(num_at + 2)) &&
        r_.numeral_char_here(num_at) && r_.numeral_char_here(num_at + 1)) {
      auto hi = r_.read_numeral(num_at + 1);
      if (hi && !hi->has_arabic && !hi->value.magnitude_only &&
          hi->value.value == *d2 * hi->trailing_scale) {
        numeral lo = *hi;
        lo.start = num_at;
        lo.end = num_at + 1;
        lo.value.value = *d1 * hi->trailing_scale;
        lo.lone_yi = lo.single_scale = false;
        n = lo;
        adjacent_end = hi;
      }
    }
  }

  c.start = i;
  c.num_start = num_at;
  c.first = *n;
  c.num_end = n->end;
  k = n->end;
  if (adjacent_end) {
    c.second = adjacent_end;
    c.qual = qualifier::range;
    c.num_end = k = adjacent_end->end;
  }
  // Not figures: a time (22:06), a file name (1749564342263991.png), a code
  // with a leading zero (007, 010-12345678), a phone number (4000-9696-28).
  if (n->has_arabic && !n->has_chinese && !ordinal && !percent_words && sign == 0) {
    auto digits_at = [&](std::size_t j) {
      std::size_t e = j;
      while (is_digit(at(e))) ++e;
      return e - j;
    };
    const char32_t after = at(k);
    if ((after == U':' || after == U'：') && n->plain_integer && n->integer_digits <= 2 &&
        digits_at(k + 1) == 2) {
      std::size_t e = k + 3;
      while ((at(e) == U':' || at(e) == U'：') && digits_at(e + 1) == 2) e += 3;
      return e;
    }
    if (after == U'.' && n->plain_integer) {
      std::size_t e = k + 1;
      while (at(e) >= U'a' && at(e) <= U'z') ++e;
      if (e - k - 1 >= 2 && e - k - 1 <= 4 && !is_ascii_letter(at(e)) && !is_han(at(k + 1))) {
        return e;
      }
    }
    // "1." "2、" "3)" opening a line: a list marker, an ordinal.
    if (n->plain_integer && n->integer_digits <= 2 &&
        (after == U'.' || after == U'．' || after == U'、' || after == U')') &&
        !is_digit(at(k + 1))) {
      std::size_t b = i;
      while (b > r_.floor() && (r_.before(b) == U' ' || r_.before(b) == U'\t')) --b;
      const char32_t p = r_.before(b);
      if (b == 0 || p == U'\n' || p == U'\r') {
        c.kind = mention_kind::ordinal;
        c.qual = qualifier::exact;
        c.list_marker = true;
        c.end = k;
        found = std::move(c);
        return k;
      }
    }
    if (at(num_at) == U'0' && n->plain_integer && n->integer_digits >= 2) {
      return r_.skip_identifier(num_at);
    }
    const std::size_t middle = digits_at(k + 1);
    const std::size_t last = middle > 0 ? digits_at(k + 2 + middle) : 0;
    const bool iso_date = n->integer_digits == 4 && middle <= 2 && last <= 2;
    if (after == U'-' && middle > 0 && at(k + 1 + middle) == U'-' && last > 0 && !iso_date) {
      return r_.skip_identifier(num_at);
    }
  }

  return std::nullopt;
}

// What is glued after the numeral: a unit or a name, the sign, number words, "21st".
recogniser::decision recogniser::step_run::suffix_stage() {
  // Letters glued after Arabic digits: a unit (15s) or a name (3D); a
  // scale (175B) is already part of the numeral.
  arabic_only = n->has_arabic && !n->has_chinese;
  if (arabic_only && is_ascii_letter(at(k))) {
    std::size_t e = k;
    while (is_ascii_letter(at(e))) ++e;
    std::u32string word;
    for (std::size_t m = k; m < e; ++m) word += at(m);
    bool unit = false;
    for (const auto& g : glued_units) {
      if (word == g.word && !is_digit(at(e))) unit = true;
    }
    // Longer words glued to the digits: "1000GPU小时"; "21st".
    if (!unit && r_.read_unit(k, false)) unit = true;
    if (!unit && n->plain_integer &&
        (word == U"st" || word == U"nd" || word == U"rd" || word == U"th")) {
      unit = true;
    }
    if (!unit) return r_.skip_identifier(num_at);
  }

  if (n->truncated) c.first.truncated = true;
  if (sign != 0) {
    // The sign is part of the numeral as written ("-3", "负三十二").
    if (sign < 0) c.first.value.value = -c.first.value.value;
    c.num_start = c.first.start = i;
  }

  if (n->words) {
    // "one of the", "no one": the lone word one is read only with a unit
    // or a hedge, like the article 一 (checked below).
    if (n->lone_one && (r_.match_ci(k, U" of") || r_.match_ci(k, U" another") ||
                        (i >= 3 && r_.match_ci(i - 3, U"no ")))) {
      return k;
    }
    if (n->ordinal) ordinal = true;
    if (n->fraction) c.qual = qualifier::exact;
  }
  // "21st", "3rd": an ordinal in digits.
  if (arabic_only && n->plain_integer) {
    for (std::u32string_view suffix : {U"st", U"nd", U"rd", U"th"}) {
      if (r_.match(k, suffix) && !is_ascii_letter(at(k + 2))) {
        ordinal = true;
        k += 2;
        c.num_end = c.first.end = k;
      }
    }
  }

  return std::nullopt;
}

// Ordinals and list markers.
recogniser::decision recogniser::step_run::ordinal_stage() {
  // Ordinals and list markers.
  if (ordinal) {
    c.kind = mention_kind::ordinal;
    c.qual = qualifier::exact;
    if (auto u = r_.read_unit(k, arabic_only)) {
      if (u->kind == mention_kind::count) {
        c.unit = *u;
        c.has_unit = true;
        k = u->end;
      }
    }
    c.end = k;
    found = std::move(c);
    return found->end;
  }

  return std::nullopt;
}

// Fractions: 3/4, 1 4/5, 三分之一, and the percent words.
recogniser::decision recogniser::step_run::fraction_stage() {
  // Fractions in digits: "3/4", "1 4/5"; a/b in a date context is skipped.
  if (arabic_only && n->plain_integer && !percent_words) {
    if (auto f = digit_fraction(i, num_at, *n, sign)) {
      if (f->skip) return f->end;
      c.first.value = written_number{f->value, std::fabs(f->value) / 100, false};
      c.first.end = c.num_end = k = f->end;
      c.qual = qualifier::exact;
      if (auto u = r_.read_unit(k, false)) {
        c.unit = *u;
        c.has_unit = true;
        k = u->end;
      }
      c.end = k;
      pre_hedge(c);
      finish_kind(c);
      found = std::move(c);
      return found->end;
    }
  }

  // Fractions: 三分之一 (1/3), and the percent forms.
  if (!percent_words && r_.match(k, U"分之") && is_numeral_char(at(k + 2))) {
    auto m = r_.read_numeral(k + 2);
    if (m && n->value.value != 0) {
      c.first.value.value = m->value.value / n->value.value;
      // Written exactly: "about a third" is near 1/3, not 1/3 ± 1/6.
      c.first.value.precision = c.first.value.value / 100;
      c.first.end = m->end;
      c.num_end = m->end;
      c.end = m->end;
      c.kind = mention_kind::plain;
      c.qual = qualifier::exact;
      pre_hedge(c);
      found = std::move(c);
      return found->end;
    }
  }
  if (percent_words) {
    c.unit = unit_match{k, words_divisor == 100 ? U"%" : U"‰", mention_kind::percent};
    c.has_unit = true;
    c.kind = mention_kind::percent;
    c.end = k;
    pre_hedge(c);
    found = std::move(c);
    return found->end;
  }

  return std::nullopt;
}

// Dates: ISO dates in digits, dates and years in words.
recogniser::decision recogniser::step_run::date_stage() {
  // ISO dates written with digits: 2023-07-06, 2023/7/6.
  if (n->plain_integer && n->integer_digits == 4 && (at(k) == U'-' || at(k) == U'/')) {
    char32_t sep = at(k);
    auto m = r_.read_numeral(k + 1);
    if (m && m->plain_integer && m->integer_digits <= 2 && at(m->end) == sep) {
      auto d = r_.read_numeral(m->end + 1);
      if (d && d->plain_integer && d->integer_digits <= 2 && integer_in(*m, 1, 12) &&
          integer_in(*d, 1, 31) && !is_digit(at(d->end))) {
        c.kind = mention_kind::date;
        c.qual = qualifier::exact;
        c.date_text = std::to_string(static_cast<int>(n->value.value)) + "-" +
                      two_digits(static_cast<int>(m->value.value)) + "-" +
                      two_digits(static_cast<int>(d->value.value));
        c.first = *d;
        c.first.start = num_at;
        c.num_end = c.end = d->end;
        found = std::move(c);
        return found->end;
      }
    }
  }

  // Dates and years in words: 2023年7月6日, 7月6日至8日.
  if (!n->truncated && (at(k) == U'年' || at(k) == U'月' || is_date_word(at(k)))) {
    if (auto d = date_at(num_at, c.first)) {
      c = *d;
      pre_hedge(c);
      found = std::move(c);
      return found->end;
    }
  }

  return std::nullopt;
}

// 成 as tenths.
recogniser::decision recogniser::step_run::tenths_stage() {
  // 成: tenths, as percent. 三成 = 30%, 两成五 = 25%.
  if (at(k) == U'成' && !c.second && is_integer(n->value) && n->value.value >= 1 &&
      n->value.value <= 10 && !n->has_scale && sign == 0 && !forms_a_word_with_cheng(at(k + 1))) {
    std::size_t e = k + 1;
    double value = n->value.value * 10;
    double precision = 10;
    auto tenth = cn_digit(at(e));
    if (tenth && *tenth > 0 && !is_numeral_char(at(e + 1))) {
      value += *tenth;
      precision = 1;
      ++e;
    }
    c.first.value = written_number{value, precision, false};
    c.first.end = c.num_end = e;
    c.unit = unit_match{e, U"成", mention_kind::percent};
    c.has_unit = true;
    k = e;
  }

  return std::nullopt;
}

// Hedges between the numeral and its unit: 余, 多, 几, +, 级.
recogniser::decision recogniser::step_run::inner_hedge_stage() {
  // Inner hedges: 余/多/几 between the number and its unit, then 级/量级.
  // "30+" is plus too, but only after Arabic digits and not as "3+4".
  // 一百零几万: the 零 before 几 belongs to the hedge's place.
  std::size_t h = k;
  if ((at(h) == U'零' || at(h) == U'〇') && (at(h + 1) == U'几' || at(h + 1) == U'幾') &&
      !c.second) {
    ++h;
  }
  char32_t x = at(h);
  bool inner_done = false;
  if ((x == U'余' || x == U'餘' || x == U'多' || x == U'几' || x == U'幾') && !c.second &&
      !c.has_unit && !n->value.magnitude_only && sign == 0) {
    // The scales after the hedge multiply the whole: 十多万 = 十万 plus.
    std::size_t j = h + 1;
    double multiplier = 1;
    while (j < h + 4 && cn_scale(at(j)) && r_.numeral_char_here(j)) {
      multiplier *= *cn_scale(at(j++));
    }
    const char32_t b = at(h - 1);
    const bool few = x == U'几' || x == U'幾';
    const bool units_place_free =
        b == U'十' || b == U'拾' || b == U'零' || b == U'〇' || (b == U'0' && n->plain_integer);
    if (few && units_place_free) {
      // 几 is 2 to 9 on the place after the numeral: 十几 = [12, 19],
      // 二十几万 = [22万, 29万], 一百零几万 = [102万, 109万].
      const double base = n->value.value;
      c.first.value = written_number{(base + 2) * multiplier, multiplier, false};
      numeral high = c.first;
      high.value = written_number{(base + 9) * multiplier, multiplier, false};
      high.start = high.end = j;
      c.second = high;
      c.first.end = c.num_end = j;
      c.qual = qualifier::range;
      c.hedge_starts.push_back(h);
      c.hedge_ends.push_back(h + 1);
      k = j;
      inner_done = true;
    } else if (!few && multiplier >= 1e4) {
      // 十多万 = [10万, 20万], 五百余万 = [500万, 600万]: the plus rule at
      // the scale.
      c.first.value.value *= multiplier;
      c.first.value.precision *= multiplier;
      c.first.end = c.num_end = j;
      c.qual = qualifier::plus;
      c.hedge_starts.push_back(h);
      c.hedge_ends.push_back(h + 1);
      k = j;
      inner_done = true;
    }
  }
  const bool plus_word = !inner_done && !c.has_unit &&
                         (x == U'余' || x == U'餘' || x == U'多' ||
                          ((x == U'几' || x == U'幾') && n->has_scale && !cn_scale(at(h + 1))));
  const bool plus_sign = !inner_done && x == U'+' && arabic_only && !is_digit(at(k + 1));
  if (plus_word || plus_sign) {
    c.hedge_starts.push_back(k);
    c.hedge_ends.push_back(k + 1);
    c.qual = qualifier::plus;
    ++k;
  }
  if (r_.match(k, U"量级") || r_.match(k, U"量級")) {
    c.hedge_starts.push_back(k);
    c.hedge_ends.push_back(k + 2);
    c.qual = qualifier::level;
    k += 2;
  } else if (at(k) == U'级' || at(k) == U'級') {
    c.hedge_starts.push_back(k);
    c.hedge_ends.push_back(k + 1);
    c.qual = qualifier::level;
    k += 1;
  }

  return std::nullopt;
}

// The unit word.
recogniser::decision recogniser::step_run::unit_stage() {
  // Unit word.
  if (auto u = c.has_unit ? std::nullopt : r_.read_unit(k, arabic_only && k == c.num_end)) {
    bool year_word = u->word == U"年";
    bool take = true;
    if (year_word && n->plain_integer && n->integer_digits == 4) take = false;  // handled as a date
    if (take) {
      c.unit = *u;
      c.has_unit = true;
      k = u->end;
    }
  }

  return std::nullopt;
}

// Ranges to a second numeral.
recogniser::decision recogniser::step_run::range_stage() {
  // Ranges: 10-20, 3至5年, 30到40亿, 10%-20%.
  {
    std::size_t j = k;
    bool spaced = false;
    if (at(j) == U' ') {
      ++j;
      spaced = true;
    }
    char32_t sep = at(j);
    std::size_t after = j + 1;
    bool is_sep = sep == U'至' || sep == U'到' || sep == U'~' || sep == U'～' || sep == U'〜' ||
                  sep == U'-' || sep == U'–' || sep == U'—';
    if (!is_sep && r_.match_ci(j, U"to") && spaced && at(j + 2) == U' ') {
      is_sep = true;
      after = j + 3;
    }
    if (is_sep && at(after) == U' ' && spaced) ++after;
    bool no_inner = c.hedge_starts.empty() && !c.second;
    if (is_sep && no_inner && (is_numeral_char(at(after))) && !(sep == U'-' && !arabic_only)) {
      auto m = r_.read_numeral(after);
      bool same_script = m && (m->has_arabic == n->has_arabic);
      if (m && same_script && !is_ascii_letter(at(m->end))) {
        numeral lo = c.first;
        numeral hi = *m;
        std::size_t e = m->end;
        // "30至40亿": the scale of the second number applies to the first.
        if (!lo.has_scale && hi.has_scale && !c.has_unit && hi.trailing_scale > 1) {
          lo.value.value *= hi.trailing_scale;
          lo.value.precision *= hi.trailing_scale;
        }
        std::optional<unit_match> u2 = r_.read_unit(e, hi.has_arabic && !hi.has_chinese);
        bool units_agree = !c.has_unit || (u2 && u2->word == c.unit.word) || !u2;
        if (units_agree && lo.value.value <= hi.value.value && !lo.value.magnitude_only &&
            !hi.value.magnitude_only) {
          if (u2) {
            if (!c.has_unit) {
              c.unit = *u2;
              c.has_unit = true;
            }
            e = u2->end;
          }
          c.first = lo;
          c.second = hi;
          c.qual = qualifier::range;
          c.num_end = m->end;
          k = e;
          auto year_like = [](const numeral& y) {
            return y.plain_integer && y.integer_digits == 4 && y.value.value >= 1800 &&
                   y.value.value <= 2199;
          };
          if (year_like(lo) && year_like(hi) && (!c.has_unit || c.unit.word == U"年")) {
            // "2020-2022年": a range of years, not a duration of 2020 years.
            c.kind = mention_kind::year;
            c.has_unit = false;
            c.date_text = std::to_string(static_cast<int>(lo.value.value));
            c.range_end_date_text = std::to_string(static_cast<int>(hi.value.value));
          }
        }
      }
    }
  }

  return std::nullopt;
}

// Hedges around the mention, then numerals that are words (the article 一, list markers).
std::size_t recogniser::step_run::hedge_stage() {
  // Hedges after the unit.
  post_hedges(c, k);
  c.end = k;
  pre_hedge(c);

  // Numerals that are words: a lone 一 is the article ("一个", "一种");
  // a lone scale character or 零 needs a unit or a hedge to be a number.
  bool hedged = !c.hedge_starts.empty();
  if (n->lone_one && !c.second && !hedged && !c.has_unit) return c.end;
  // 一成 (10%) and 一成五 (15%) are tenths, not the article.
  const bool tenths = c.has_unit && c.unit.word == U"成";
  if (n->lone_yi && !c.second && !hedged && !tenths) {
    char32_t next = at(n->end);
    char32_t prev = r_.before(i);
    bool clause_start = i == 0 || is_clause_break(prev) || is_space(prev) || i <= r_.floor();
    if ((next == U'是' || next == U'、') && clause_start) {
      c.kind = mention_kind::ordinal;
      c.qual = qualifier::exact;
      c.list_marker = true;
      c.end = n->end;
      c.has_unit = false;
      found = std::move(c);
      return found->end;
    }
    c.kind = mention_kind::idiom;
    c.idiom_reason = "the article 一 (a, one)";
    c.end = c.num_end = n->end;
    c.start = c.num_start;
    c.has_unit = false;
    c.qual = qualifier::stated;
    found = std::move(c);
    return found->end;
  }
  if (n->single_scale && !c.has_unit && !hedged && !c.second && sign == 0) return i + 1;

  // List markers: 二是, 三、 at the start of a clause.
  if (!n->has_arabic && !n->has_scale && !c.second && !hedged && !c.has_unit &&
      (at(n->end) == U'是' || at(n->end) == U'、')) {
    char32_t prev = r_.before(i);
    if (i == 0 || is_clause_break(prev) || is_space(prev) || i <= r_.floor()) {
      c.kind = mention_kind::ordinal;
      c.qual = qualifier::exact;
      c.list_marker = true;
      found = std::move(c);
      return found->end;
    }
  }

  finish_kind(c);
  found = std::move(c);
  return found->end;
}

// One step of the recogniser: the stages run in order, each either deciding
// where the scan goes on (and whether a mention starts at i) or handing the
// state to the next.
std::size_t recogniser::step(std::size_t i, std::optional<candidate>& found) {
  found.reset();
  step_run run(*this, i, found);
  using stage = decision (step_run::*)();
  static constexpr stage stages[] = {
      &step_run::idiom_stage,          &step_run::word_stage,        &step_run::prefix_stage,
      &step_run::magnitude_word_stage, &step_run::numeral_stage,     &step_run::suffix_stage,
      &step_run::ordinal_stage,        &step_run::fraction_stage,    &step_run::date_stage,
      &step_run::tenths_stage,         &step_run::inner_hedge_stage, &step_run::unit_stage,
      &step_run::range_stage,
  };
  for (stage next_stage : stages) {
    if (decision next = (run.*next_stage)()) return *next;
  }
  return run.hedge_stage();
}

}  // namespace

namespace {

// The characters a mention (or a word the recogniser must skip whole) can
// start at: letters, numeral characters, 第, 半 and the first characters of
// idioms. One bit per BMP code point: the skip loop asks it of every
// character.
const bmp_set& start_set() {
  static const bmp_set set = [] {
    bmp_set s;
    for (char32_t x = 0; x < 0x10000; ++x) {
      if (is_ascii_letter(x) || is_numeral_char(x) || is_sign_char(x) || x == U'第' || x == U'.' ||
          x == U'负' || x == U'負' || x == U'正' || x == U'半') {
        s.insert(x);
      }
    }
    for (const auto& e : idioms) s.insert(e.text.front());
    return s;
  }();
  return set;
}

// The mention a candidate stands for: its text, numbers, hedge and unit
// words, value and interval (through the spec's qualifier table), and the
// clause around it as context (read up to `visible`).
//
// `m` is the scanner's one mention, refilled for each: its strings keep
// their storage, so a warm scan allocates nothing per mention (allocating
// and freeing seven strings per mention was a tenth of extract's time).
void make_mention(const mention_scanner::char_ring& window, candidate& c, std::size_t visible,
                  const scan_options& options, mention& m) {
  // Every field back to its default, strings emptied but kept (a field
  // added to `mention` must be reset here too: scanner_test scans a range,
  // a date and a hedged mention in turn and checks nothing leaks).
  m.surface.clear();
  m.number_text.clear();
  m.range_end_text.clear();
  m.range_end.reset();
  m.hedge.clear();
  m.unit_word.clear();
  m.value = qualified_value{};
  m.context.clear();
  auto span_of = [&](std::size_t s, std::size_t e) {
    text_span t;
    const text_char& a = window[s];
    const text_char& b = window[e - 1];
    t.byte_offset = a.offset;
    t.byte_length = b.offset + b.length - a.offset;
    t.line = a.line;
    t.column = a.column;
    return t;
  };
  m.span = span_of(c.start, c.end);
  m.number_span = span_of(c.num_start, c.num_end);
  m.surface.reserve(m.span.byte_length);
  {
    utf8_builder surface(m.surface);
    for (std::size_t k = c.start; k < c.end; ++k) {
      surface.put(window[k].cp);
      if (k + 1 < c.end && window[k].annotation_length > 0) surface.put(window.note(k).view());
    }
  }
  bool dated = c.kind == mention_kind::date || c.kind == mention_kind::year;
  if (dated) {
    // A date's numeral is the whole date as written ("7月6日至8日").
    utf8_builder number(m.number_text);
    for (std::size_t k = c.num_start; k < c.num_end; ++k) number.put(window[k].cp);
    c.first.value.precision = 1;
    if (c.second) c.second->value.precision = 1;
  } else {
    utf8_builder number(m.number_text);
    for (std::size_t k = c.first.start; k < c.first.end && k < c.end; ++k) {
      // A space inside a Chinese numeral ("二十 億") is not part of it.
      if (is_space(window[k].cp) && k + 1 < c.first.end && is_han(window[k + 1].cp)) {
        continue;
      }
      number.put(window[k].cp);
    }
  }
  if (c.second && !dated) {
    for (std::size_t k = c.second->start; k < c.second->end; ++k) {
      append_utf8(m.range_end_text, window[k].cp);
    }
  }
  for (std::size_t h = 0; h < c.hedge_starts.size(); ++h) {
    if (!m.hedge.empty()) m.hedge += ' ';
    for (std::size_t k = c.hedge_starts[h]; k < c.hedge_ends[h]; ++k) {
      append_utf8(m.hedge, window[k].cp);
    }
  }
  for (char32_t u : c.unit.word) {
    if (c.has_unit) append_utf8(m.unit_word, u);
  }
  m.kind = c.kind;
  m.qual = c.qual;
  m.number = c.first.value;
  if (c.second) m.range_end = c.second->value;
  m.date_text = c.date_text;
  m.range_end_date_text = c.range_end_date_text;
  m.idiom_reason = c.idiom_reason;
  m.truncated = c.first.truncated;
  // Value and interval from the qualifier, through the spec's table.
  if (m.kind != mention_kind::idiom) {
    if (c.second) {
      auto v = qualify_range(m.number, *m.range_end);
      m.value = v ? *v : range_value(m.number, m.number);
    } else {
      auto v = qualify(m.qual, m.number);
      if (!v) {
        m.qual = m.number.magnitude_only ? qualifier::several : qualifier::stated;
        v = qualify(m.qual, m.number);
      }
      if (v) m.value = *v;
    }
  }
  // Context: the clause around the mention, folded.
  {
    std::size_t s = c.start;
    std::size_t budget = options.context_chars;
    while (s > 0 && budget > 0 && !is_clause_break(window[s - 1].cp)) {
      --s;
      --budget;
    }
    std::size_t e = c.end;
    budget = options.context_chars;
    while (e < visible && budget > 0 && !is_clause_break(window[e].cp)) {
      ++e;
      --budget;
    }
    bool space = false;
    bool any = false;
    utf8_builder context(m.context);
    for (std::size_t k = s; k < e; ++k) {
      if (is_space(window[k].cp)) {
        space = true;
        continue;
      }
      if (space && any) context.put(U' ');
      space = false;
      any = true;
      context.put(window[k].cp);
    }
  }
}

// Whether a numeral is a double that says what was written: a value or
// precision beyond a double's range comes out as infinity or 0.
bool representable(const numeral& n) {
  return n.out_of_range == 0 && std::isfinite(n.value.value) && std::isfinite(n.value.precision) &&
         n.value.precision > 0;
}

// The first numeral of a candidate that is not representable, or null.
const numeral* unrepresentable(const candidate& c) {
  if (!representable(c.first)) return &c.first;
  if (c.second && !representable(*c.second)) return &*c.second;
  return nullptr;
}

}  // namespace

void mention_scanner::recognise(bool at_end) {
  // Two numerals (a range) plus hedge, unit and context words.
  const std::size_t lookahead = lookahead_chars();
  while (!stopped_ && pos_ < window_.size() && (at_end || window_.size() - pos_ >= lookahead)) {
    if (skipping_run_) {
      char32_t c = window_[pos_].cp;
      if (is_numeral_char(c) || c == U',' || c == U'.') {
        ++pos_;
        // Drop what is behind, as the skip below does: a run of digits of
        // any length is skipped in constant memory (4 MB of digits held
        // 400 MB, issue 14).
        trim_history();
        continue;
      }
      skipping_run_ = false;
    }
    // Most characters can start nothing: skip them without a recogniser.
    // Positions up to `last` have their full lookahead decoded.
    {
      const std::size_t last = at_end ? window_.size() : window_.size() - lookahead + 1;
      std::size_t p = pos_;
      const bmp_set& starts = start_set();
      while (p < last && !starts.contains(window_[p].cp)) ++p;
      pos_ = p;
      trim_history();
      if (pos_ >= (at_end ? window_.size() : window_.size() - lookahead + 1)) break;
    }
    // The recogniser sees exactly `lookahead` characters from here (all at
    // the end of the text), as if the characters arrived one at a time.
    const std::size_t visible = at_end ? window_.size() : pos_ + lookahead;
    recogniser rec(window_, visible, floor_, options_);
    std::optional<candidate> found;
    std::size_t next = rec.step(pos_, found);
    const numeral* beyond =
        found && found->kind != mention_kind::idiom ? unrepresentable(*found) : nullptr;
    if (beyond) {
      // "1e400 FLOP", "1e-400": strtod gives infinity or zero, which would
      // be listed as a mention of [0, 0] or [inf, inf]. Say so instead and
      // list nothing: no claim can be checked against such a value.
      const text_char& a = window_[beyond->start];
      const bool large = beyond->out_of_range > 0 || !std::isfinite(beyond->value.value) ||
                         !std::isfinite(beyond->value.precision);
      report("number.range", a.offset, a.line, a.column,
             std::string("the number at byte offset ") + std::to_string(a.offset) +
                 (large ? " is too large for a double (at most about 1.8e308)"
                        : " is too small for a double (at least about 5e-324)") +
                 "; it is not listed",
             severity::warning);
      floor_ = next;
      found.reset();
    }
    if (found) {
      candidate& c = *found;
      if (c.kind != mention_kind::idiom || options_.include_idioms) {
        mention& m = current_;
        make_mention(window_, c, visible, options_, m);
        if (m.truncated) {
          report("scan.mention_too_long", m.number_span.byte_offset, m.number_span.line,
                 m.number_span.column,
                 "a numeral longer than " + std::to_string(options_.max_mention_chars) +
                     " characters at byte offset " + std::to_string(m.number_span.byte_offset) +
                     " is cut there",
                 severity::warning);
          skipping_run_ = true;
        }
        if (!on_mention_(m)) {
          stopped_ = true;
          return;
        }
      }
      floor_ = next;
    }
    pos_ = std::max(next, pos_ + 1);
    trim_history();
  }
}

std::vector<mention> scan_text(std::string_view text, const scan_options& options,
                               std::vector<scan_issue>* issues) {
  std::vector<mention> found;
  mention_scanner scanner(
      options,
      [&found](const mention& m) {
        found.push_back(m);
        return true;
      },
      [issues](const scan_issue& issue) {
        if (issues) issues->push_back(issue);
      });
  scanner.feed(text);
  scanner.finish();
  return found;
}

}  // namespace claimcheck
