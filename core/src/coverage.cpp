// SPDX-License-Identifier: MIT
#include "claimcheck/coverage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "claimcheck/dates.hpp"
#include "claimcheck/numerals.hpp"
#include "claimcheck/text.hpp"
#include "loader_quotes.hpp"

namespace claimcheck {

namespace {

// A span of the document text that a record's quote occupies.
struct quote_span {
  std::size_t begin = 0, end = 0;
  bool ignore = false;
  std::size_t index = 0;  // into the dossier's figures or ignores
  std::string record;     // claim id or ignore quote
  std::string reason;
  const quote_position* found = nullptr;
};

std::string position_text(const quote_position& p) {
  return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

std::string describe(const quote_span& s) {
  return s.ignore ? "the ignore entry \"" + s.record + "\"" : "the quote of claim " + s.record;
}

// Folded text helpers: stepping by code point in UTF-8.
std::size_t previous_start(const std::string& s, std::size_t i) {
  if (i == 0) return 0;
  --i;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0u) == 0x80u) --i;
  return i;
}

std::size_t next_start(const std::string& s, std::size_t i) {
  if (i >= s.size()) return s.size();
  ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0u) == 0x80u) ++i;
  return i;
}

bool starts_with_any(const std::string& s, std::size_t i, const std::vector<std::string>& words) {
  for (const auto& w : words) {
    if (s.compare(i, w.size(), w) == 0) return true;
  }
  return false;
}

const std::vector<std::string>& clause_breaks() {
  static const std::vector<std::string> words = {
      "，", "。", "；", "：", "！", "？", "、", ",", ";", ":",  "!",  "?", "\n",
      "“",  "”",  "「", "」", "『", "』", "\"", "‘", "’", "《", "》", "…"};
  return words;
}

const std::vector<std::string>& sentence_breaks() {
  static const std::vector<std::string> words = {"。", "！", "？", "!", "?", "\n", "…"};
  return words;
}

// Whether a Chinese quote may start or end at byte i: anywhere that is not
// between two Han characters, and between two Han characters only beside a
// function word (的 了 在 是 和 与 及 等 将 已 为 从 到 对 并 也 都 而 被 把
// ...), which joins phrases rather than belonging to a word. "来自全国各地的
// 十多万人参观" breaks after 的, never inside 来自 or 参观.
bool chinese_phrase_boundary(const std::string& folded, std::size_t i) {
  if (i == 0 || i >= folded.size()) return true;
  const char32_t before = decode_at(folded, previous_start(folded, i)).value;
  const char32_t after = decode_at(folded, i).value;
  if (!is_han(before) || !is_han(after)) return true;
  static constexpr std::u32string_view function_words =
      U"的了在是和与與及或等将將已为為从從到对對并並也都而但就被把让讓向于於由以又还還着著过過";
  return function_words.find(before) != std::u32string_view::npos ||
         function_words.find(after) != std::u32string_view::npos;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// The words for an id: lower-case ASCII letters, digits and '_'.
std::string id_part(const std::string& s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// A number for an id: 2e11 rather than 200000000000.
std::string id_number(double v) {
  std::string plain = format_number(v);
  if (std::fabs(v) < 1e5 || plain.find('.') != std::string::npos) return plain;
  int exponent = 0;
  double mantissa = v;
  while (std::fabs(mantissa) >= 10 && std::fmod(mantissa, 10) == 0) {
    mantissa /= 10;
    ++exponent;
  }
  return exponent >= 3 ? format_number(mantissa) + "e" + std::to_string(exponent) : plain;
}

bool is_json_number_token(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
      return false;
    }
  }
  return s.front() != '0' || s.size() == 1 || s[1] == '.';
}

// The value as the claim should write it: the numeral as written when the
// value parser reads it the same, else the number.
std::pair<std::string, bool> value_for(const std::string& written, const written_number& n) {
  auto parsed = parse_value_string(written);
  if (parsed && nearly_equal(parsed->value, n.value, 1e-9) &&
      parsed->magnitude_only == n.magnitude_only) {
    if (is_json_number_token(written)) return {written, true};
    return {written, false};
  }
  return {format_number(n.value), true};
}

// "--07-06" -> "2023-07-06". A date that does not exist in that year
// (2月29日 in 2023) or a year outside 1..9999 keeps the text's yearless
// form, which the skeleton's note asks to complete: never a date that
// `validate` refuses.
std::string with_year(const std::string& iso, std::optional<int> year) {
  if (iso.rfind("---", 0) == 0 || iso.rfind("--", 0) != 0 || !year) return iso;
  if (*year < 1 || *year > 9999) return iso;
  char digits[8];
  std::snprintf(digits, sizeof digits, "%04d", *year);
  std::string dated = digits + iso.substr(1);
  return parse_partial_date(dated) ? dated : iso;
}

}  // namespace

namespace {

diagnostic no_text_problem(const dossier& d) {
  diagnostic problem;
  problem.code = "coverage.no_text";
  problem.where.file = d.folder.string();
  problem.message =
      "the dossier has no document text to scan; add \"document\": {\"text\": "
      "\"article.txt\"} to one of its claim files";
  return problem;
}

// Sorts the mentions of `text` into covered and uncovered, given where each
// of the dossier's claims (`claim_found`, by figure index) and ignore entries
// (`ignore_found`) has its quote in that text.
coverage_result cover_text(const dossier& d, const std::string& text,
                           const std::vector<std::optional<quote_position>>& claim_found,
                           const std::vector<std::optional<quote_position>>& ignore_found,
                           const scan_options& options, coverage_result out) {
  std::vector<quote_span> spans;
  for (std::size_t i = 0; i < d.figures.size(); ++i) {
    const figure_record& f = d.figures[i];
    const auto& found = claim_found[i];
    if (f.kind != figure_kind::claim || f.origin.imported || !found) continue;
    spans.push_back(quote_span{found->byte_offset, found->byte_offset + found->byte_length, false,
                               i, f.id, "", &*found});
  }
  for (std::size_t i = 0; i < d.ignores.size(); ++i) {
    const ignore_record& g = d.ignores[i];
    const auto& found = ignore_found[i];
    if (g.origin.imported || !found) continue;
    spans.push_back(quote_span{found->byte_offset, found->byte_offset + found->byte_length, true, i,
                               g.quote, g.reason, &*found});
  }
  std::sort(spans.begin(), spans.end(),
            [](const quote_span& a, const quote_span& b) { return a.begin < b.begin; });

  // Folded quotes, to tell "these words are in a quote found elsewhere".
  std::vector<std::string> folded_quotes;
  for (const auto& s : spans) {
    const std::string& q = s.ignore ? d.ignores[s.index].quote : d.figures[s.index].quote;
    folded_quotes.push_back(fold_for_quotes(q));
  }

  scan_options scan = options;
  scan.include_idioms = true;
  std::vector<mention> mentions = scan_text(text, scan, &out.issues);

  std::vector<bool> ignore_used(d.ignores.size(), false);
  for (auto& m : mentions) {
    const std::size_t nb = m.number_span.byte_offset;
    const std::size_t ne = m.number_span.byte_end();
    const quote_span* cover = nullptr;
    const quote_span* cut = nullptr;
    for (const auto& s : spans) {
      if (s.begin > nb) break;  // sorted by begin: no later span starts before the numeral
      if (s.end >= ne) {
        // Claims take precedence over ignore entries in the report.
        if (!cover || (cover->ignore && !s.ignore)) cover = &s;
      } else if (s.end > nb) {
        cut = &s;
      }
    }
    if (!cover) {
      for (const auto& s : spans) {
        if (s.begin >= nb && s.begin < ne) cut = &s;  // starts inside the numeral
      }
    }
    if (cover && cover->ignore) ignore_used[cover->index] = true;
    if (m.kind == mention_kind::idiom) {
      out.idioms.push_back(std::move(m));
      continue;
    }
    if (cover) {
      out.covered.push_back(covered_mention{m, cover->ignore, cover->record, cover->reason});
      continue;
    }
    uncovered_mention u{m, ""};
    if (cut) {
      u.hint = describe(*cut) + " (" + position_text(*cut->found) +
               ") cuts the numeral; make it include all of \"" + m.number_text + "\"";
    } else {
      std::string words = fold_for_quotes(m.surface);
      for (std::size_t k = 0; k < spans.size(); ++k) {
        if (!words.empty() && folded_quotes[k].find(words) != std::string::npos) {
          u.hint = describe(spans[k]) + " has these words but was found first at " +
                   position_text(*spans[k].found) +
                   " (a quote covers the first place it occurs); lengthen it or add a quote "
                   "for this place";
          break;
        }
      }
    }
    out.uncovered.push_back(std::move(u));
  }
  for (std::size_t i = 0; i < d.ignores.size(); ++i) {
    const ignore_record& g = d.ignores[i];
    if (ignore_used[i] || g.origin.imported || !ignore_found[i]) continue;
    out.unused_ignores.push_back(unused_ignore{g.quote, g.reason, g.origin.field("quote")});
  }
  return out;
}

}  // namespace

coverage_result compute_coverage(const dossier& d, const scan_options& options) {
  coverage_result out;
  out.dossier = d.name();
  if (!d.document || d.document->text_file.empty()) {
    out.problems.push_back(no_text_problem(d));
    return out;
  }
  out.text_file =
      d.document->text_path.empty() ? d.document->text_file : d.document->text_path.string();
  // The loader found the quotes in the document text already.
  std::vector<std::optional<quote_position>> claim_found, ignore_found;
  for (const figure_record& f : d.figures) claim_found.push_back(f.quote_found);
  for (const ignore_record& g : d.ignores) ignore_found.push_back(g.quote_found);
  return cover_text(d, d.document->text, claim_found, ignore_found, options, std::move(out));
}

coverage_result compute_coverage(const dossier& d, const std::string& text,
                                 const std::string& text_name, const scan_options& options) {
  coverage_result out;
  out.dossier = d.name();
  out.text_file = text_name;
  // Each quote is looked up in this text as the loader looks it up in the
  // document (detail::quote_index); one that is not here covers nothing.
  detail::quote_index index(text);
  auto locate = [&](const std::string& quote) {
    return quote.empty() ? std::nullopt : index.find(quote).found;
  };
  std::vector<std::optional<quote_position>> claim_found, ignore_found;
  for (const figure_record& f : d.figures) {
    claim_found.push_back(f.kind == figure_kind::claim ? locate(f.quote) : std::nullopt);
    if (f.kind == figure_kind::claim && !f.origin.imported && !f.quote.empty() &&
        !claim_found.back())
      out.quotes_not_in_text.push_back(f.id);
  }
  for (const ignore_record& g : d.ignores) ignore_found.push_back(locate(g.quote));
  return cover_text(d, text, claim_found, ignore_found, options, std::move(out));
}

namespace {

// The shortest clause-bound fragment around a mention that the loader will
// find at its place (a quote stands for its first occurrence). A folded
// space that stands for a run holding a line break ends a sentence: quotes
// do not run from a headline into the next line.
class quote_finder {
 public:
  explicit quote_finder(std::string_view text)
      : text_(text), folded_(fold_for_quotes(text, &origin_)) {}

  // The quote for `m`, and whether the loader finds it at m's place.
  std::pair<std::string, bool> quote_for(const mention& m) const {
    auto l0 = static_cast<std::size_t>(
        std::lower_bound(origin_.begin(), origin_.end(), m.span.byte_offset) - origin_.begin());
    auto r0 = static_cast<std::size_t>(
        std::lower_bound(origin_.begin(), origin_.end(), m.span.byte_end()) - origin_.begin());
    if (l0 >= folded_.size() || r0 <= l0) return {m.context, false};
    // The whole clause when it is short, else a window around the mention
    // that grows until the loader would find it here.
    auto clause = grow(l0, r0, 24, clause_stops_);
    bool short_clause = grow(l0, r0, 25, clause_stops_) == clause;
    std::vector<std::pair<std::size_t, std::size_t>> tries;
    if (short_clause) tries.push_back(clause);
    tries.push_back(grow(l0, r0, 6, clause_stops_));
    tries.push_back(grow(l0, r0, 12, clause_stops_));
    tries.push_back(grow(l0, r0, 40, clause_stops_));
    tries.push_back(grow(l0, r0, 40, sentence_stops_));
    tries.push_back(grow(l0, r0, 80, sentence_stops_));
    std::pair<std::string, bool> last;
    for (const auto& t : tries) {
      last = here(t.first, t.second);
      if (last.second) return last;
    }
    return last;
  }

 private:
  bool line_break_at(std::size_t p) const {
    if (p >= folded_.size() || folded_[p] != ' ') return false;
    std::size_t from = origin_[p];
    std::size_t to = p + 1 < origin_.size() ? origin_[p + 1] : text_.size();
    return text_.substr(from, to - from).find('\n') != std::string_view::npos;
  }

  bool word_byte(std::size_t i) const {
    const char c = folded_[i];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  // [l, r) grown by up to `chars` characters each way, not past a stop.
  std::pair<std::size_t, std::size_t> grow(std::size_t l, std::size_t r, std::size_t chars,
                                           const std::vector<std::string>& stops) const {
    for (std::size_t k = 0; k < chars && l > 0; ++k) {
      std::size_t p = previous_start(folded_, l);
      if (starts_with_any(folded_, p, stops) || line_break_at(p)) break;
      l = p;
    }
    for (std::size_t k = 0; k < chars && r < folded_.size(); ++k) {
      if (starts_with_any(folded_, r, stops) || line_break_at(r)) break;
      r = next_start(folded_, r);
    }
    // A quote never cuts a word ("howed about 30 new p"): a window that
    // ends inside a run of Latin letters or digits takes the whole word.
    while (l > 0 && word_byte(l - 1) && word_byte(l)) --l;
    while (r > 0 && r < folded_.size() && word_byte(r - 1) && word_byte(r)) ++r;
    // Nor a Chinese phrase ("自全国各地的十多万人参"): between two Han
    // characters the window grows to a phrase boundary (see
    // chinese_phrase_boundary), never past the clause.
    while (l > 0 && !chinese_phrase_boundary(folded_, l) &&
           !starts_with_any(folded_, previous_start(folded_, l), stops)) {
      l = previous_start(folded_, l);
    }
    while (r < folded_.size() && !chinese_phrase_boundary(folded_, r) &&
           !starts_with_any(folded_, r, stops)) {
      r = next_start(folded_, r);
    }
    return std::make_pair(l, r);
  }

  // The trimmed window, and whether its first occurrence is this one.
  std::pair<std::string, bool> here(std::size_t l, std::size_t r) const {
    std::string q = trimmed(std::string_view(folded_).substr(l, r - l));
    std::size_t at = folded_.find(q);
    // The trimmed quote starts at l or after the spaces trimmed at l.
    std::size_t expected = l;
    while (expected < r && folded_[expected] == ' ') ++expected;
    return std::make_pair(q, at == expected);
  }

  std::string_view text_;
  std::vector<std::size_t> origin_;
  std::string folded_;
  std::vector<std::string> clause_stops_ = clause_breaks();
  std::vector<std::string> sentence_stops_ = sentence_breaks();
};

// Ids made from what a mention is, unique within one skeleton.
class skeleton_ids {
 public:
  std::string unique(std::string id) {
    if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z')) id = "figure_" + id;
    std::string candidate = id;
    for (int n = 2; ids_.count(candidate); ++n) candidate = id + "_" + std::to_string(n);
    ids_.insert(candidate);
    return candidate;
  }

 private:
  std::set<std::string> ids_;
};

// A date or year: one skeleton, or two for a range (its first and last day).
void add_date_skeletons(claim_skeleton s, const mention& m, std::string note,
                        const skeleton_options& options, skeleton_ids& ids,
                        std::vector<claim_skeleton>& out) {
  std::optional<int> year = options.year;
  std::string start = with_year(m.date_text, year);
  std::string end = with_year(m.range_end_date_text, year);
  bool yearless = start.rfind('-', 0) == 0;
  if (yearless && year && m.date_text.rfind("--", 0) == 0 && m.date_text.rfind("---", 0) != 0) {
    note += "the text's " + m.date_text + " is no date in " + std::to_string(*year) +
            ": check the text and complete the date. ";
  } else if (yearless) {
    note += "the text gives no year: complete the date. ";
  }
  s.unit = "date";
  s.qualifier = "exact";
  s.value_is_number = false;
  const std::string kind_start = id_part(std::string(to_string(m.kind)) + "_" + start);
  if (end.empty()) {
    s.id = ids.unique(kind_start);
    s.value = {start};
    s.note = trimmed(note);
    out.push_back(std::move(s));
    return;
  }
  claim_skeleton last = s;
  s.id = ids.unique(kind_start + "_start");
  s.value = {start};
  s.note = trimmed(note + "the first day of the range " + start + " to " + end);
  last.id = ids.unique(kind_start + "_end");
  last.value = {end};
  last.note = trimmed(note + "the last day of the range " + start + " to " + end);
  out.push_back(std::move(s));
  out.push_back(std::move(last));
}

// A number: its unit (or what to declare), qualifier and value, or a range.
claim_skeleton number_skeleton(claim_skeleton s, const mention& m, std::string note,
                               skeleton_ids& ids) {
  std::string unit = spec_unit_for(m.unit_word);
  if (unit.empty()) {
    unit = "1";
    if (m.kind == mention_kind::count && !m.unit_word.empty()) {
      note += "counts what \"" + m.unit_word +
              "\" counts: declare a count unit under \"units\" (e.g. company) and use it. ";
    } else if (m.kind == mention_kind::money) {
      note += "name the currency (USD, CNY, ...). ";
    }
  }
  s.unit = unit;
  s.qualifier = to_string(m.qual);
  if (m.range_end) {
    auto lo = value_for(m.number_text, m.number);
    auto hi = value_for(m.range_end_text, *m.range_end);
    // A range whose first end borrowed the second's scale ("30至40亿")
    // is written as numbers.
    if (lo.second != hi.second || !nearly_equal(m.value.bounds.lo, m.number.value, 1e-9)) {
      lo = {format_number(m.number.value), true};
      hi = {format_number(m.range_end->value), true};
    }
    s.value = {lo.first, hi.first};
    s.value_is_number = lo.second;
    s.qualifier = "range";
  } else {
    auto v = value_for(m.number_text, m.number);
    s.value = {v.first};
    s.value_is_number = v.second;
  }
  if (m.kind == mention_kind::ordinal) note += "an ordinal: often better an ignore entry. ";
  s.id = ids.unique(id_part(std::string(to_string(m.kind)) + "_" + id_number(m.number.value)));
  s.note = trimmed(note);
  return s;
}

}  // namespace

std::vector<claim_skeleton> make_skeletons(const std::vector<mention>& mentions,
                                           std::string_view text, const skeleton_options& options) {
  std::vector<claim_skeleton> out;
  const quote_finder quotes(text);
  skeleton_ids ids;
  for (const mention& m : mentions) {
    if (m.kind == mention_kind::idiom) continue;
    auto [quote, first_place] = quotes.quote_for(m);
    std::string where =
        "line " + std::to_string(m.span.line) + ", column " + std::to_string(m.span.column);
    claim_skeleton s;
    s.quote = quote;
    s.source = m;
    s.subject = std::string(to_string(m.kind)) + " \"" + fold_for_quotes(m.surface) + "\" (" +
                where + "): " + std::string(skeleton_subject_placeholder);
    std::string note;
    if (!first_place) {
      note += "the quote also occurs earlier in the text; lengthen it so that it is found here. ";
    }
    if (m.kind == mention_kind::date || m.kind == mention_kind::year) {
      add_date_skeletons(std::move(s), m, std::move(note), options, ids, out);
    } else {
      out.push_back(number_skeleton(std::move(s), m, std::move(note), ids));
    }
  }
  return out;
}

}  // namespace claimcheck
