// SPDX-License-Identifier: MIT
// Scan: sentences -> skeletons of figures -> pattern rows -> relations ->
// checks. See scan.hpp for the rules and docs/scan.md for the tables.
#include "claimcheck/scan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <istream>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

#include "claimcheck/numerals.hpp"
#include "claimcheck/quantity.hpp"
#include "enum_names.hpp"

namespace claimcheck {

const char* to_string(relation_kind kind) {
  static constexpr auto names = enum_names<relation_kind::product>(
      "change", "change_points", "change_factor", "share", "total", "product");
  return names.name(kind);
}

namespace {

// ---- the pattern tables -------------------------------------------------
//
// A row's pattern is a regular expression over the sentence's skeleton: the
// sentence with each figure replaced by "#k#" (English lower-cased). Slots:
//   {A} base  {B} result  {P} stated change  {M} part  {N} whole
//   {X} {Y} {Z} factors or items  {T} stated total or product
//   {L} a list of items ("#0#, #1# and #2#", "#0#、#1#和#2#")
// Fillers: {W} up to two English words (the noun after a number),
// {G} up to 40 bytes of text that contain no figure.
// Factor words set `factor` (doubled: 2); falls set `sign` to -1.
// Between a figure and the words that state its relation only punctuation
// may stand ("营收从120亿元增长到150亿元，净利润增长25%" is two subjects).
// The expressions run on bytes: a Chinese character is never put inside a
// bracket ([，,] would match single bytes); exclusions are lookaheads,
// "(?:(?!，)[^#])", and a quantifier after a character is wrapped by
// compile_row ("了?" -> "(?:了)?").

enum class slot_role { base, result, stated, part, whole, item, list };

struct row_spec {
  const char* id;
  const char* language;
  relation_kind kind;
  const char* pattern;
  const char* example;
  int sign = 1;       // change: +1 a rise, -1 a fall
  double factor = 0;  // change_factor: the factor the words state
  double per = 1;     // product: a constant factor (unused by the tables: per-unit is read)
};

// English: rises and falls share their verbs.
#define EN_RISE "(?:rose|increased|grew|climbed|jumped|gained|soared|was up|went up|is up|were up)"
#define EN_FALL                                                                                   \
  "(?:fell|declined|dropped|decreased|slipped|slid|sank|plunged|was down|went down|is down|were " \
  "down)"
#define EN_RISE_NOUN "(?:an? )?(?:increase|rise|gain|jump|growth|climb)"
#define EN_FALL_NOUN "(?:an? )?(?:decrease|decline|drop|fall|reduction|cut|slide)"
#define EN_TOTAL                                \
  "(?:a total of|for a total of|totall?ing|in " \
  "total|altogether|together|combined|or|making|giving)"
#define ZH_RISE "(?:增长|增加|上升|提高|提升|上涨|增)"
#define ZH_FALL "(?:下降|减少|降低|下滑|下跌|回落|降|跌)"
#define ZH_TO "(?:到|至|为|达到|达)"
#define ZH_SUM "(?:合计|共计|总计|总共|一共|累计)"

const std::vector<row_spec>& row_specs() {
  static const std::vector<row_spec> rows = {
      // ---- English: changes
      {"en.change.from_to_noun", "en", relation_kind::change,
       "from {A} to {B},? " EN_RISE_NOUN " of {P}",
       "Revenue rose from $120 million to $150 million, an increase of 25%.", 1},
      {"en.change.from_to_noun_fall", "en", relation_kind::change,
       "from {A} to {B},? " EN_FALL_NOUN " of {P}",
       "Costs went from $80 to $60, a decrease of 25%.", -1},
      {"en.change.from_to_up", "en", relation_kind::change, "from {A} to {B},? (?:up|or up) {P}",
       "The share rose from 10% to 13.5%, up 3.5 percentage points.", 1},
      {"en.change.from_to_down", "en", relation_kind::change,
       "from {A} to {B},? (?:down|or down) {P}", "Staff fell from 400 to 300, down 25%.", -1},
      {"en.change.verb_p_from_to", "en", relation_kind::change,
       EN_RISE " (?:by )?{P} from {A} to {B}", "Sales grew 50% from 200 units to 300 units.", 1},
      {"en.change.verb_p_from_to_fall", "en", relation_kind::change,
       EN_FALL " (?:by )?{P} from {A} to {B}", "Prices fell 20% from $125 to $100.", -1},
      {"en.change.verb_p_to_from", "en", relation_kind::change,
       EN_RISE " (?:by )?{P} to {B} from {A}", "Revenue rose 8% to $54 million from $50 million.",
       1},
      {"en.change.verb_p_to_from_fall", "en", relation_kind::change,
       EN_FALL " (?:by )?{P} to {B} from {A}", "Profit fell 10% to $45 million from $50 million.",
       -1},
      {"en.change.b_up_p_from_a", "en", relation_kind::change,
       "{B},? (?:up|an increase of|a rise of|a gain of) {P} from {A}",
       "Revenue was $5.2 billion, up 8% from $4.8 billion a year earlier.", 1},
      {"en.change.b_down_p_from_a", "en", relation_kind::change,
       "{B},? (?:down|a decrease of|a decline of|a drop of|a fall of) {P} from {A}",
       "Profit was $45 million, down 10% from $50 million.", -1},
      {"en.change_factor.doubled", "en", relation_kind::change_factor, "doubled from {A} to {B}",
       "Sales doubled from $2.0 million to $4.0 million.", 1, 2},
      {"en.change_factor.tripled", "en", relation_kind::change_factor, "tripled from {A} to {B}",
       "Users tripled from 10 million to 30 million.", 1, 3},
      {"en.change_factor.quadrupled", "en", relation_kind::change_factor,
       "quadrupled from {A} to {B}", "Output quadrupled from 5 tonnes to 20 tonnes.", 1, 4},
      // ---- English: shares
      {"en.share.of_n_m_or_p", "en", relation_kind::share,
       "of (?:the |all |its |their )?{N},? {M}{G}(?:, or|, representing|, accounting for|, "
       "that is|, about|\\() ?{P}",
       "Of the 250 models, 83 were open source, or 33%."},
      {"en.share.m_of_n_or_p", "en", relation_kind::share,
       "{M} (?:of|out of) (?:the |all |its |their )?{N}{G}(?:, or|, representing|, accounting "
       "for|, that is|\\() ?{P}",
       "83 of the 250 models (33%) were open source."},
      // ---- English: totals
      {"en.total.list_total", "en", relation_kind::total, "{L}{G}, " EN_TOTAL " (?:of )?{T}",
       "They sold 12, 15 and 18 million units, a total of 45 million."},
      {"en.total.total_of_list", "en", relation_kind::total,
       "(?:a total of|total of|totall?ing|in total) {T}{G}: {L}",
       "Sales reached a total of 45 million units: 12, 15 and 18 million."},
      // ---- English: products and rates
      {"en.product.each", "en", relation_kind::product,
       "{X}{W} (?:of|with|carrying|holding) {Y}{W} each,? (?:for |or |making |giving |with )?"
       "(?:a total of |in total |in all |total )?{T}",
       "The cluster has 448 servers of 8 GPUs each, 3,584 GPUs in all."},
      {"en.product.gpu_days_hours", "en", relation_kind::product,
       "{X}{W} for {Y},? (?:or |about |for |some |a total of )?{T}",
       "It used 1,000 GPUs for 30 days, about 720,000 GPU-hours."},
      {"en.product.price_quantity", "en", relation_kind::product,
       "at {X} (?:per|an?|each) [a-z-]+,? {Y}{W} (?:cost|costs|would cost|will cost|came to|"
       "come to|comes to) {T}",
       "At $2 per GPU-hour, 10,000 GPU-hours cost $20,000."},
      // ---- Chinese: changes
      {"zh.change.from_to_rate", "zh", relation_kind::change,
       "(?:从|由)(?:(?!，)[^#]){0,15}?{A}" ZH_RISE "?" ZH_TO
       "{B}(?:，|,)?(?:同比|较上年|较去年)?(?:增幅|涨幅|增长率|增速|"
       "同比增长|增长|增加|上升|提高|提升|上涨)了?(?:为|达|达到|是|约)?{P}",
       "营收从120亿元增长到150亿元，增幅为25%。"},
      {"zh.change.from_to_rate_fall", "zh", relation_kind::change,
       "(?:从|由)(?:(?!，)[^#]){0,15}?{A}" ZH_FALL ZH_TO
       "{B}(?:，|,)?(?:同比|较上年|较去年)?(?:降幅|跌幅|同比下降|下降|"
       "减少|降低|下滑|下跌)了?(?:为|达|达到|是|约)?{P}",
       "成本从80亿元降至60亿元，降幅为25%。", -1},
      {"zh.change.b_than_a_rise", "zh", relation_kind::change,
       "{B}(?:，|,)?(?:比|较)[^#]{0,15}?{A}" ZH_RISE "了?{P}",
       "参展企业达453家，比去年的412家增长了10%。"},
      {"zh.change.b_than_a_fall", "zh", relation_kind::change,
       "{B}(?:，|,)?(?:比|较)[^#]{0,15}?{A}" ZH_FALL "了?{P}",
       "成本降至60亿元，比去年的80亿元下降了25%。", -1},
      {"zh.change_factor.doubled", "zh", relation_kind::change_factor,
       "(?:从|由)(?:(?!，)[^#]){0,15}?{A}[^#]{0,6}?翻了?一番[^#]{0,6}?{B}",
       "营收从12亿元翻了一番，达到24亿元。", 1, 2},
      {"zh.change_factor.doubled_after", "zh", relation_kind::change_factor,
       "(?:从|由)(?:(?!，)[^#]){0,15}?{A}" ZH_RISE "?" ZH_TO
       "{B}(?:，|,)?(?:实现|营收|规模)?翻了?一番",
       "用户从500万增长到1000万，翻了一番。", 1, 2},
      {"zh.change_factor.quadrupled", "zh", relation_kind::change_factor,
       "(?:从|由)(?:(?!，)[^#]){0,15}?{A}[^#]{0,6}?翻了?两番[^#]{0,6}?{B}",
       "产量从5吨翻了两番，达到20吨。", 1, 4},
      // ---- Chinese: shares
      {"zh.share.of_n_qizhong", "zh", relation_kind::share,
       "{N}[^#]{0,24}?其中[^#]{0,24}?{M}(?:，|,)?(?:占比|占比为|占比达|比例为|比例达|比重为|"
       "占)[^#]{0,9}?{P}",
       "共发布250款大模型，其中开源模型83款，占比33%。"},
      {"zh.share.m_zhan_n", "zh", relation_kind::share,
       "{M}[^#]{0,6}?占[^#]{0,12}?{N}[^#]{0,6}?的{P}", "开源模型83款，占全部250款的33%。"},
      // ---- Chinese: totals
      {"zh.total.fenbie_heji", "zh", relation_kind::total,
       "分别(?:为|是|达|达到)?{L}[^#]{0,12}?" ZH_SUM "(?:为|达|达到|约)?{T}",
       "三个季度分别为12亿元、15亿元和18亿元，合计45亿元。"},
      {"zh.total.heji_fenbie", "zh", relation_kind::total,
       ZH_SUM "(?:为|达|达到|约)?{T}[^#]{0,24}?(?:#\\d+#[^#]{0,12}?)?分别(?:为|是|达|达到)?{L}",
       "全年合计45亿元，三个季度分别为12亿元、15亿元和18亿元。"},
      // ---- Chinese: products
      {"zh.product.each", "zh", relation_kind::product,
       "{X}[^#]{0,15}?(?:，|,)每(?:台|个|块|张|家|座|套|节点|组|箱)[^#]{0,9}?{Y}[^#]{0,15}?(?:，|,)"
       "(?:" ZH_SUM "|共|总共)[^#]{0,6}?{T}",
       "共有448台服务器，每台8张GPU，合计3584张GPU。"},
      {"zh.product.price_quantity", "zh", relation_kind::product,
       "按每[^#]{1,15}?{X}[^#]{0,6}?(?:，|,)[^#]{0,9}?{Y}[^#]{0,15}?(?:成本|费用|花费|总价|共需)"
       "(?:为|是|约|达|共)?{T}",
       "按每GPU时2美元计算，10000 GPU时的成本为2万美元。"},
  };
  return rows;
}

#undef EN_RISE
#undef EN_FALL
#undef EN_RISE_NOUN
#undef EN_FALL_NOUN
#undef EN_TOTAL
#undef ZH_RISE
#undef ZH_FALL
#undef ZH_TO
#undef ZH_SUM

// A row made ready: its regular expression and the role of each group.
struct compiled_row {
  const row_spec* spec = nullptr;
  bool chinese = false;  // runs on sentences with Han characters, else on the others
  std::regex re;
  std::vector<slot_role> groups;
  // Only sentences containing a word of each group run the expression: the
  // cheap test that keeps scan near extract's speed. Indices into the
  // table's trigger words, which a sentence looks up once each however many
  // rows share them.
  std::vector<std::vector<std::size_t>> triggers;
};

const char* slot_group = "#(\\d+)#";
const char* english_noun =
    "(?:-[a-z-]+)?(?: (?!(?:to|from|and|or|of|for|in|each|cost|costs|came|come|comes|with|up|"
    "down|a|an|the|were|was|is|are|work|had|have|per|at|total|totall?ing|all|by|rose|fell|"
    "increased|decreased|grew|dropped|declined)\\b)[a-z][a-z-]*)?";
const char* list_group_en =
    "((?:#\\d+#(?: [a-z][a-z-]*){0,2}, )*#\\d+#(?: [a-z][a-z-]*){0,2},? and #\\d+#)";
const char* list_group_zh =
    "((?:#\\d+#(?:(?!、|，)[^#]){0,9}?、)*#\\d+#(?:(?!、|，)[^#]){0,9}?(?:和|及|与|、)#\\d+#)";

// Words every sentence of the row contains: each group is a choice, and
// every group must be met. Checked before the expression runs, they keep
// scan near extract's speed on text full of figures.
using trigger_groups = std::vector<std::vector<std::string>>;
trigger_groups triggers_of(const row_spec& spec) {
  const std::string id = spec.id;
  auto starts = [&id](const char* prefix) { return id.rfind(prefix, 0) == 0; };
  if (starts("en.change_factor.")) return {{"doubled", "tripled", "quadrupled"}, {"from"}};
  if (starts("en.change.from_to_noun")) return {{"from"}, {" to "}, {" of "}};
  if (starts("en.change.from_to_up")) return {{"from"}, {" to "}, {"up"}};
  if (starts("en.change.from_to_down")) return {{"from"}, {" to "}, {"down"}};
  if (starts("en.change.b_up")) return {{"from"}, {"up", "increase", "rise", "gain"}};
  if (starts("en.change.b_down"))
    return {{"from"}, {"down", "decrease", "decline", "drop", "fall"}};
  if (starts("en.change.")) return {{"from"}, {" to "}};
  if (starts("en.share.")) {
    return {{"of"}, {", or", "representing", "accounting", "that is", "(", ", about"}};
  }
  if (starts("en.total.")) {
    return {{"and"}, {"total", "altogether", "together", "combined", ", or", "making", "giving"}};
  }
  if (starts("en.product.each")) return {{"each"}};
  if (starts("en.product.gpu_days_hours")) return {{" for "}, {"hour"}};
  if (starts("en.product.price_quantity")) return {{"at "}, {"cost", "came", "come"}};
  if (starts("zh.change_factor.")) return {{"翻"}, {"从", "由"}};
  if (starts("zh.change.from_to")) return {{"从", "由"}, {"到", "至", "为", "达"}};
  if (starts("zh.change.b_than")) return {{"比", "较"}};
  if (starts("zh.share.of_n_qizhong")) return {{"其中"}, {"占", "比例", "比重"}};
  if (starts("zh.share.m_zhan_n")) return {{"占"}, {"的"}};
  if (starts("zh.total.")) return {{"分别"}, {"合计", "共计", "总计", "总共", "一共", "累计"}};
  if (starts("zh.product.")) return {{"每"}};
  return {};
}

// Whether each trigger word occurs in a sentence, looked up on first need.
// Trigger words may sit inside a figure's unit word ("737,000 GPU-hours" is
// one mention, so "hour" is not in the skeleton): a word counts when it is
// in the skeleton or in the sentence as written (both lower-cased). The
// skeleton is stretches of the sentence between "#k#" markers, and no
// trigger word holds '#' or a digit, so it needs a search of its own only
// when it holds text the sentence lacks (`skeleton_adds_text`: the " to "
// between a range's ends, a '#' of the text made a space).
class trigger_lookup {
 public:
  trigger_lookup(const std::vector<std::string>& words, const std::string& skeleton,
                 bool skeleton_adds_text, const std::string& sentence,
                 std::vector<signed char>& memo)
      : words_(words),
        skeleton_(skeleton),
        skeleton_adds_text_(skeleton_adds_text),
        sentence_(sentence),
        memo_(memo) {
    memo_.assign(words_.size(), -1);
  }
  bool triggered(const compiled_row& row) {
    for (const auto& group : row.triggers) {
      bool met = false;
      for (std::size_t word : group) {
        if (has(word)) {
          met = true;
          break;
        }
      }
      if (!met) return false;
    }
    return true;
  }

 private:
  bool has(std::size_t word) {
    if (memo_[word] < 0) {
      const std::string& w = words_[word];
      memo_[word] = sentence_.find(w) != std::string::npos ||
                    (skeleton_adds_text_ && skeleton_.find(w) != std::string::npos);
    }
    return memo_[word] != 0;
  }
  const std::vector<std::string>& words_;
  const std::string& skeleton_;
  bool skeleton_adds_text_;
  const std::string& sentence_;
  std::vector<signed char>& memo_;
};

compiled_row compile_row(const row_spec& spec, std::vector<std::string>& trigger_words) {
  compiled_row row;
  row.spec = &spec;
  const bool english = std::string(spec.language) == "en";
  row.chinese = std::string(spec.language) == "zh";
  std::string pattern;
  const std::string source = spec.pattern;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '{' && i + 2 < source.size() && source[i + 2] == '}') {
      char role = source[i + 1];
      i += 2;
      switch (role) {
        case 'W':
          pattern += "(?:-[a-z-]+)?(?: [a-z][a-z-]*){0,2}";
          continue;
        case 'G':
          pattern += "[^#]{0,40}?";
          continue;
        case 'L':
          pattern += english ? list_group_en : list_group_zh;
          row.groups.push_back(slot_role::list);
          continue;
        case 'A':
          row.groups.push_back(slot_role::base);
          break;
        case 'B':
          row.groups.push_back(slot_role::result);
          break;
        case 'P':
        case 'T':
          row.groups.push_back(slot_role::stated);
          break;
        case 'M':
          row.groups.push_back(slot_role::part);
          break;
        case 'N':
          row.groups.push_back(slot_role::whole);
          break;
        default:  // X Y Z
          row.groups.push_back(slot_role::item);
          break;
      }
      pattern += slot_group;
      // English counts are often followed by a noun the scanner did not
      // take as a unit word ("212 units", "44 ships"): one may follow any
      // figure, unless it is a word the patterns themselves read.
      if (english) pattern += english_noun;
      continue;
    }
    // A quantifier after a multi-byte character must apply to all of it,
    // not to its last byte: "了?" becomes "(?:了)?".
    const char c = source[i];
    if ((c == '?' || c == '*' || c == '+' || c == '{') && !pattern.empty() &&
        static_cast<unsigned char>(pattern.back()) >= 0x80) {
      std::size_t lead = pattern.size() - 1;
      while (lead > 0 && (static_cast<unsigned char>(pattern[lead]) & 0xC0) == 0x80) --lead;
      pattern.insert(lead, "(?:");
      pattern += ')';
    }
    pattern += c;
  }
  row.re = std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
  for (const auto& group : triggers_of(spec)) {
    std::vector<std::size_t> indices;
    for (const auto& word : group) {
      auto at = std::find(trigger_words.begin(), trigger_words.end(), word);
      indices.push_back(static_cast<std::size_t>(at - trigger_words.begin()));
      if (at == trigger_words.end()) trigger_words.push_back(word);
    }
    row.triggers.push_back(std::move(indices));
  }
  return row;
}

struct compiled_table {
  std::vector<compiled_row> rows;
  std::vector<std::string> trigger_words;  // every row's, each once
};

const compiled_table& compiled_rows() {
  static const compiled_table table = [] {
    compiled_table out;
    for (const auto& spec : row_specs()) out.rows.push_back(compile_row(spec, out.trigger_words));
    return out;
  }();
  return table;
}

// ---- sentences ----------------------------------------------------------

struct sentence_range {
  std::size_t begin = 0, end = 0;  // bytes
  int line = 1, column = 1;
};

bool is_utf8_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Sentences end at 。！？!? and at a line break; '.' ends one when white
// space or the end follows ("$2.0 million" does not end there).
std::vector<sentence_range> split_sentences(std::string_view text) {
  // The lead bytes of everything that may end a sentence or a line. Inside a
  // sentence every other byte only moves the column, counted in a tight loop.
  static const std::array<bool, 256> may_end = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'\n', '!', '?', '.'}) t[c] = true;
    t[0xE3] = t[0xEF] = true;  // 。 and ！？
    return t;
  }();
  std::vector<sentence_range> out;
  int line = 1, column = 1;
  bool open = false;
  sentence_range current;
  auto close = [&](std::size_t end) {
    if (open) {
      current.end = end;
      out.push_back(current);
    }
    open = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (open) {
      while (i < text.size() && !may_end[static_cast<unsigned char>(text[i])]) {
        column += is_utf8_continuation(static_cast<unsigned char>(text[i])) ? 0 : 1;
        ++i;
      }
      if (i == text.size()) break;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      close(i);
      ++line;
      column = 1;
      continue;
    }
    if (!open && c != ' ' && c != '\t' && c != '\r') {
      open = true;
      current = {i, i, line, column};
    }
    if (!is_utf8_continuation(c)) {
      ++column;
    }
    if (c == '!' || c == '?' ||
        (c == '.' && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n' ||
                      text[i + 1] == '\r' || text[i + 1] == '"'))) {
      close(i + 1);
      continue;
    }
    // 。 E3 80 82, ！ EF BC 81, ？ EF BC 9F: compared byte by byte, since
    // every Chinese character's lead byte comes here (a substring compare
    // per character was a tenth of scan's instructions).
    if (i + 2 < text.size() && (c == 0xE3 || c == 0xEF)) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      const auto c2 = static_cast<unsigned char>(text[i + 2]);
      if ((c == 0xE3 && c1 == 0x80 && c2 == 0x82) ||
          (c == 0xEF && c1 == 0xBC && (c2 == 0x81 || c2 == 0x9F))) {
        i += 2;
        close(i + 1);
      }
    }
  }
  close(text.size());
  return out;
}

// ---- figures ------------------------------------------------------------

bool is_figure(const mention& m) {
  switch (m.kind) {
    case mention_kind::date:
    case mention_kind::year:
    case mention_kind::ordinal:
    case mention_kind::idiom:
      return false;
    default:
      return !m.truncated;
  }
}

bool is_points_word(const std::string& unit_word) {
  return unit_word.find("point") != std::string::npos ||
         unit_word.find("\xE7\x99\xBE\xE5\x88\x86\xE7\x82\xB9") != std::string::npos /* 百分点 */ ||
         unit_word.find("\xE7\x99\xBE\xE5\x88\x86\xE9\xBB\x9E") != std::string::npos /* 百分點 */;
}

// One slot of the skeleton: a mention, or one end of a range mention.
struct slot {
  std::size_t mention_index = 0;
  bool range_end = false;
  relation_figure figure;
  std::string numeral;  // the numeral as written ("18 million", "12")
  bool has_unit = false;
};

relation_figure figure_of(const mention& m, bool range_end) {
  relation_figure f;
  f.surface = m.surface;
  f.unit_word = m.unit_word;
  f.span = m.span;
  f.source = m;
  f.number = range_end ? *m.range_end : m.number;
  if (!m.range_end) {
    f.nominal = m.value.nominal;
    f.bounds = m.value.bounds;
    return f;
  }
  // Each end of "from 10% to 13.5%" is a stated figure of its own (a range
  // claim would take the ends as exact, which is the wrong reading here).
  const written_number& n = range_end ? *m.range_end : m.number;
  const std::string& numeral = range_end ? m.range_end_text : m.number_text;
  // Each end shows as a figure of its own: "10%", "$120 million", "3 天".
  if (m.unit_word.empty()) {
    f.surface = numeral;
  } else if (m.kind == mention_kind::money && !m.unit_word.empty() &&
             static_cast<unsigned char>(m.unit_word[0]) < 0x80 &&
             m.surface.find(m.unit_word) == 0) {
    f.surface = m.unit_word + numeral;
  } else if (m.unit_word == "%" || static_cast<unsigned char>(m.unit_word[0]) >= 0x80) {
    f.surface = numeral + m.unit_word;
  } else {
    f.surface = numeral + " " + m.unit_word;
  }
  auto q = qualify(qualifier::stated, n);
  if (q) {
    f.nominal = q->nominal;
    f.bounds = q->bounds;
  } else {
    f.nominal = n.value;
    f.bounds = interval::point(n.value);
  }
  return f;
}

// The multiplier of a scale word at the end of a numeral written with digits
// ("18 million" -> 1e6, "18亿" -> 1e8), 1 when it has none, nullopt when it
// is not written with digits ("三百").
std::optional<double> scale_of(const std::string& numeral, double value) {
  std::size_t digits = 0;
  while (digits < numeral.size() &&
         (std::isdigit(static_cast<unsigned char>(numeral[digits])) != 0 ||
          numeral[digits] == '.' || numeral[digits] == ',')) {
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (digits == numeral.size()) return 1.0;
  auto lead = parse_value_string(numeral.substr(0, digits));
  if (!lead || !(lead->value > 0)) return std::nullopt;
  double scale = value / lead->value;
  double power = std::round(std::log10(scale));
  if (power < 1 || !nearly_equal(scale, std::pow(10.0, power), 1e-9)) return std::nullopt;
  return std::pow(10.0, power);
}

// "12, 15 and 18 million": bare numerals before the last item take its
// scale and unit word, as readers take them.
void distribute_scale(std::vector<slot*>& items) {
  if (items.size() < 2) return;
  slot& last = *items.back();
  auto scale = scale_of(last.numeral, last.figure.nominal);
  if (!scale || *scale <= 1) return;
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    slot& s = *items[k];
    auto own = scale_of(s.numeral, s.figure.nominal);
    if (!own || *own != 1 || s.has_unit) return;  // not bare: leave every item as read
  }
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    relation_figure& f = items[k]->figure;
    f.nominal *= *scale;
    f.number.value *= *scale;
    f.number.precision *= *scale;
    f.bounds = f.bounds * interval::point(*scale);
    f.unit_word = last.figure.unit_word;
  }
}

std::string unit_key(const relation_figure& f) {
  if (f.unit_word.empty()) return "";
  std::string spec = spec_unit_for(f.unit_word);
  return spec.empty() ? f.unit_word : spec;
}

bool is_percent(const relation_figure& f) {
  return f.source.kind == mention_kind::percent && !is_points_word(f.unit_word);
}
bool is_points(const relation_figure& f) {
  return is_points_word(f.unit_word);
}

bool same_unit(const relation_figure& a, const relation_figure& b) {
  std::string ka = unit_key(a), kb = unit_key(b);
  if (ka.empty() || kb.empty()) {
    // A bare number beside money is not the same quantity ("from 120 to $150").
    bool money_a = a.source.kind == mention_kind::money,
         money_b = b.source.kind == mention_kind::money;
    return ka.empty() && kb.empty() ? true : !(money_a || money_b);
  }
  return ka == kb;
}

// ---- building one relation from a match ----------------------------------

struct candidate {
  relation_finding finding;
  std::size_t stated_slot = 0;
  std::set<std::size_t> other_slots;
};

relation_figure with_role(relation_figure f, const char* role) {
  f.role = role;
  return f;
}

std::string percent_points_note(const relation_figure& a, const relation_figure& b,
                                const relation_figure& p, int sign) {
  interval points = b.bounds - a.bounds;
  interval stated = sign < 0 ? -p.bounds : p.bounds;
  if (!overlaps(points, stated)) return "";
  return format_number(p.nominal) +
         " fits the change in percentage points (B - A), not in per cent; write "
         "\"percentage points\"";
}

// a / b, or nullopt when b's interval holds zero: a base or whole that may
// be zero makes the relation inconclusive, never a guess.
std::optional<interval> ratio_of(interval a, interval b) {
  if (b.contains_zero()) return std::nullopt;
  return a / b;
}
double nominal_quotient(double a, double b) {
  return b == 0 ? 0 : a / b;
}

// Fills implied, outcome and margin from implied ~ stated.
void decide(relation_finding& f, std::optional<interval> implied, double implied_nominal,
            interval stated) {
  f.implied = implied;
  f.implied_nominal = implied_nominal;
  if (!implied) {
    f.outcome = check_outcome::inconclusive;
    return;
  }
  f.outcome = compare_intervals(*implied, comparison_op::consistent, stated);
  f.margin = margin_of_failure(*implied, comparison_op::consistent, stated);
  f.nominal_ratio = nominal_ratio(implied_nominal, f.stated.nominal);
}

std::string join_surfaces(const std::vector<relation_figure>& figures, const char* role,
                          const char* glue_last) {
  std::vector<std::string> parts;
  for (const auto& f : figures) {
    if (f.role == role) parts.push_back(f.surface);
  }
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += k + 1 == parts.size() ? glue_last : ", ";
    out += parts[k];
  }
  return out;
}

bool contains_any(const std::string& text, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (text.find(w) != std::string::npos) return true;
  }
  return false;
}

// Hours in one unit of a duration word, 0 when unknown.
double hours_per(const std::string& unit_word) {
  if (contains_any(unit_word, {"day", "\xE5\xA4\xA9" /* 天 */})) return 24;
  if (contains_any(unit_word, {"week"})) return 168;
  if (contains_any(unit_word, {"hour", "\xE5\xB0\x8F\xE6\x97\xB6" /* 小时 */})) return 1;
  return 0;
}

// The singular of an English noun, lower-cased ("GPUs" -> "gpu",
// "gpu-hours" -> "gpu-hour"); other words unchanged.
std::string singular(std::string word) {
  for (auto& c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
  return word;
}

// What the figure in slot k counts: its unit word with a glued suffix
// ("GPU" + "-hours"), else the English word that follows it ("212 units").
std::string noun_after(const std::string& skeleton, std::size_t k, const relation_figure& f) {
  const std::string marker = "#" + std::to_string(k) + "#";
  std::size_t at = skeleton.find(marker);
  if (at == std::string::npos) return "";
  std::size_t i = at + marker.size();
  auto word_char = [&](std::size_t j) {
    return j < skeleton.size() &&
           ((skeleton[j] >= 'a' && skeleton[j] <= 'z') || skeleton[j] == '-');
  };
  std::string noun = f.unit_word;
  if (noun.empty() && i < skeleton.size() && skeleton[i] == ' ') ++i;
  if (noun.empty() && !word_char(i)) return "";
  while (word_char(i)) noun += skeleton[i++];
  return singular(noun);
}

// The unit a price is per: "per gpu-hour" after the price in slot k.
std::string price_unit(const std::string& skeleton, std::size_t k) {
  const std::string marker = "#" + std::to_string(k) + "#";
  std::size_t at = skeleton.find(marker);
  if (at == std::string::npos) return "";
  std::size_t i = at + marker.size();
  for (const char* lead : {" per ", " an ", " a ", " each "}) {
    if (skeleton.compare(i, std::string(lead).size(), lead) == 0) {
      i += std::string(lead).size();
      break;
    }
  }
  std::string word;
  while (i < skeleton.size() &&
         ((skeleton[i] >= 'a' && skeleton[i] <= 'z') || skeleton[i] == '-')) {
    word += skeleton[i++];
  }
  return singular(word);
}

// Machines that run around the clock, so that N of them for D days are
// N * D * 24 machine-hours.
const std::set<std::string>& machine_nouns() {
  static const std::set<std::string> nouns = {"gpu",    "tpu",  "accelerator", "chip",
                                              "server", "node", "machine",     "cpu"};
  return nouns;
}

// The slots a match gives each role, in order.
struct role_slots {
  std::vector<std::size_t> base, result, stated, part, whole, items;
};

// "#3#" in a list group names slot 3; every other group is one slot index.
std::vector<std::size_t> slots_in(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#') continue;
    std::size_t j = text.find('#', i + 1);
    if (j == std::string::npos) break;
    out.push_back(static_cast<std::size_t>(std::stoul(text.substr(i + 1, j - i - 1))));
    i = j;
  }
  return out;
}

role_slots roles_of(const compiled_row& row, const std::smatch& match) {
  role_slots r;
  for (std::size_t g = 0; g < row.groups.size(); ++g) {
    const std::string text = match[g + 1].str();
    if (row.groups[g] == slot_role::list) {
      auto list = slots_in(text);
      r.items.insert(r.items.end(), list.begin(), list.end());
      continue;
    }
    std::size_t index = static_cast<std::size_t>(std::stoul(text));
    switch (row.groups[g]) {
      case slot_role::base:
        r.base.push_back(index);
        break;
      case slot_role::result:
        r.result.push_back(index);
        break;
      case slot_role::stated:
        r.stated.push_back(index);
        break;
      case slot_role::part:
        r.part.push_back(index);
        break;
      case slot_role::whole:
        r.whole.push_back(index);
        break;
      default:
        r.items.push_back(index);
        break;
    }
  }
  return r;
}

// Another figure joined by "and"/"or"/、 right after the match is a second
// candidate for the last role: the sentence is not pinned down.
bool more_figures_follow(const std::smatch& match, const std::string& skeleton) {
  static const std::regex more("^,? ?(?:and|or|和|或|、) ?#");
  std::size_t end = static_cast<std::size_t>(match.position(0) + match.length(0));
  return std::regex_search(skeleton.begin() + static_cast<std::ptrdiff_t>(end), skeleton.end(),
                           more);
}

// "doubled", "tripled", 翻一番 …: the words state the factor, about it (±10%),
// as hedged figures are.
std::optional<candidate> build_change_factor(const row_spec& spec, candidate c,
                                             const relation_figure& a, const relation_figure& b) {
  relation_finding& f = c.finding;
  relation_figure p;
  written_number n{spec.factor, spec.factor / 100};
  qualified_value q = apply_qualifier(qualifier::about, n);
  p.surface = spec.factor == 2 ? "doubled" : spec.factor == 3 ? "tripled" : "quadrupled";
  if (std::string(spec.language) == "zh") {
    p.surface = spec.factor == 2 ? "\xE7\xBF\xBB\xE4\xB8\x80\xE7\x95\xAA" /* 翻一番 */
                                 : "\xE7\xBF\xBB\xE4\xB8\xA4\xE7\x95\xAA" /* 翻两番 */;
  }
  p.role = "stated";
  p.number = n;
  p.nominal = q.nominal;
  p.bounds = q.bounds;
  p.unit_word = "x";
  f.stated = p;
  f.figures.push_back(p);
  f.words = "factor from " + a.surface + " to " + b.surface;
  f.expression = "B / A";
  f.implied_unit = "x";
  decide(f, ratio_of(b.bounds, a.bounds), nominal_quotient(b.nominal, a.nominal), p.bounds);
  return c;
}

std::optional<candidate> build_change(const row_spec& spec, candidate c, const role_slots& r,
                                      std::vector<slot>& slots) {
  relation_finding& f = c.finding;
  if (r.base.size() != 1 || r.result.size() != 1) return std::nullopt;
  std::vector<slot*> pair{&slots[r.base[0]], &slots[r.result[0]]};
  distribute_scale(pair);
  relation_figure a = with_role(slots[r.base[0]].figure, "base");
  relation_figure b = with_role(slots[r.result[0]].figure, "result");
  if (!same_unit(a, b) || is_points(a) || is_points(b)) return std::nullopt;
  f.figures = {a, b};
  if (spec.kind == relation_kind::change_factor) return build_change_factor(spec, c, a, b);
  relation_figure p = with_role(slots[r.stated[0]].figure, "stated");
  interval stated_bounds = spec.sign < 0 ? -p.bounds : p.bounds;
  double stated_nominal = spec.sign < 0 ? -p.nominal : p.nominal;
  // In percentage points both ends are per cent; as a change in per cent
  // the stated figure is, and the ends are alike.
  const bool points = is_points(p);
  if (points ? !is_percent(a) || !is_percent(b)
             : !is_percent(p) || is_percent(a) != is_percent(b)) {
    return std::nullopt;
  }
  f.figures.push_back(p);
  f.stated = p;
  f.stated.nominal = stated_nominal;
  f.stated.bounds = stated_bounds;
  if (points) {
    f.kind = relation_kind::change_points;
    f.words = "change in percentage points from " + a.surface + " to " + b.surface;
    f.expression = "B - A";
    f.implied_unit = "percentage points";
    decide(f, b.bounds - a.bounds, b.nominal - a.nominal, stated_bounds);
    return c;
  }
  f.words = "change from " + a.surface + " to " + b.surface;
  f.expression = "100 * (B - A) / A";
  f.implied_unit = "%";
  interval hundred = interval::point(100);
  auto relative = ratio_of(b.bounds - a.bounds, a.bounds);
  decide(f, relative ? std::optional<interval>(hundred * *relative) : std::nullopt,
         100 * nominal_quotient(b.nominal - a.nominal, a.nominal), stated_bounds);
  if (is_percent(a) && f.outcome == check_outcome::fail) {
    f.note = percent_points_note(a, b, p, spec.sign);
  }
  return c;
}

std::optional<candidate> build_share(candidate c, const role_slots& r, std::vector<slot>& slots) {
  relation_finding& f = c.finding;
  if (r.part.size() != 1 || r.whole.size() != 1) return std::nullopt;
  relation_figure m = with_role(slots[r.part[0]].figure, "part");
  relation_figure n = with_role(slots[r.whole[0]].figure, "whole");
  relation_figure p = with_role(slots[r.stated[0]].figure, "stated");
  if (!is_percent(p) || is_percent(m) || is_percent(n) || is_points(m) || is_points(n)) {
    return std::nullopt;
  }
  if (n.source.kind == mention_kind::money || m.source.kind == mention_kind::money) {
    if (!same_unit(m, n)) return std::nullopt;
  }
  if (m.nominal > n.nominal) return std::nullopt;
  f.figures = {m, n, p};
  f.stated = p;
  f.words = "share of " + m.surface + " in " + n.surface;
  f.expression = "100 * M / N";
  f.implied_unit = "%";
  auto fraction = ratio_of(m.bounds, n.bounds);
  decide(f, fraction ? std::optional<interval>(interval::point(100) * *fraction) : std::nullopt,
         100 * nominal_quotient(m.nominal, n.nominal), p.bounds);
  return c;
}

std::optional<candidate> build_total(candidate c, const role_slots& r, std::vector<slot>& slots) {
  relation_finding& f = c.finding;
  if (r.items.size() < 2) return std::nullopt;
  std::vector<slot*> list;
  for (auto i : r.items) list.push_back(&slots[i]);
  distribute_scale(list);
  relation_figure t = with_role(slots[r.stated[0]].figure, "total");
  if (is_percent(t) || is_points(t)) return std::nullopt;
  interval sum = interval::point(0);
  double nominal = 0;
  for (auto i : r.items) {
    relation_figure item = with_role(slots[i].figure, "item");
    if (is_percent(item) || is_points(item) || !same_unit(item, t)) return std::nullopt;
    sum = sum + item.bounds;
    nominal += item.nominal;
    f.figures.push_back(item);
  }
  f.figures.push_back(t);
  f.stated = t;
  f.words = "total of " + join_surfaces(f.figures, "item", " and ");
  f.expression = "sum of the items";
  f.implied_unit = t.unit_word;
  decide(f, sum, nominal, t.bounds);
  return c;
}

// "448 servers of 8 GPUs each, 3,584 GPUs", "$2 per GPU-hour for 10,000
// GPU-hours", "N GPUs for D days, X GPU-hours".
std::optional<candidate> build_product(const row_spec& spec, candidate c, const role_slots& r,
                                       std::vector<slot>& slots, const std::string& skeleton) {
  relation_finding& f = c.finding;
  if (r.items.size() != 2) return std::nullopt;
  relation_figure x = with_role(slots[r.items[0]].figure, "factor");
  relation_figure y = with_role(slots[r.items[1]].figure, "factor");
  relation_figure t = with_role(slots[r.stated[0]].figure, "total");
  for (const auto* g : {&x, &y, &t}) {
    if (is_percent(*g) || is_points(*g)) return std::nullopt;
  }
  double constant = 1;
  const std::string id = spec.id;
  const std::string noun_x = noun_after(skeleton, r.items[0], x);
  const std::string noun_y = noun_after(skeleton, r.items[1], y);
  const std::string noun_t = noun_after(skeleton, r.stated[0], t);
  if (id == "en.product.gpu_days_hours") {
    // Machines for N days give machine-hours at 24 hours a day: only for
    // machines (people work shifts), only when the total names the same
    // machine's hours, and only for a duration we can convert.
    if (y.source.kind != mention_kind::duration) return std::nullopt;
    if (machine_nouns().count(noun_x) == 0 || noun_t != noun_x + "-hour") return std::nullopt;
    constant = hours_per(y.unit_word);
    if (constant == 0) return std::nullopt;
  } else if (id == "en.product.price_quantity" || id == "zh.product.price_quantity") {
    if (x.source.kind != mention_kind::money || !same_unit(x, t)) return std::nullopt;
    // "At $2 per GPU-hour, 10,000 GPU-hours": the price is per what is counted.
    if (id == "en.product.price_quantity" && price_unit(skeleton, r.items[0]) != noun_y) {
      return std::nullopt;
    }
  } else {
    // "448 servers of 8 GPUs each, 3,584 GPUs": the total counts what each
    // holds ("20 teams of 5 players each, 30 coaches" is no product).
    if (!same_unit(y, t) || x.source.kind == mention_kind::money) return std::nullopt;
    if (!noun_y.empty() && !noun_t.empty() && noun_y != noun_t) return std::nullopt;
  }
  f.figures = {x, y, t};
  f.stated = t;
  f.words = "product of " + x.surface + " and " + y.surface;
  f.expression = constant == 1 ? "X * Y" : "X * Y * " + format_number(constant);
  f.implied_unit = t.unit_word;
  decide(f, x.bounds * y.bounds * interval::point(constant), x.nominal * y.nominal * constant,
         t.bounds);
  return c;
}

std::optional<candidate> build(const compiled_row& row, const std::smatch& match,
                               std::vector<slot>& slots, const std::string& skeleton) {
  const row_spec& spec = *row.spec;
  const role_slots r = roles_of(row, match);
  if (more_figures_follow(match, skeleton)) return std::nullopt;
  const bool factor_words = spec.kind == relation_kind::change_factor;
  if (r.stated.size() != (factor_words ? 0u : 1u)) return std::nullopt;
  candidate c;
  relation_finding& f = c.finding;
  f.kind = spec.kind;
  f.pattern = spec.id;
  f.language = spec.language;
  c.stated_slot = factor_words ? (r.result.empty() ? 0 : r.result[0] + 100000) : r.stated[0];
  for (auto v : {&r.base, &r.result, &r.part, &r.whole, &r.items}) {
    for (auto i : *v) c.other_slots.insert(i);
  }
  if (c.other_slots.count(c.stated_slot)) return std::nullopt;
  switch (spec.kind) {
    case relation_kind::change:
    case relation_kind::change_factor:
      return build_change(spec, std::move(c), r, slots);
    case relation_kind::share:
      return build_share(std::move(c), r, slots);
    case relation_kind::total:
      return build_total(std::move(c), r, slots);
    default:
      return build_product(spec, std::move(c), r, slots, skeleton);
  }
}

// ---- one sentence ---------------------------------------------------------

bool has_han(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0xE4 && c <= 0xE9) return true;
  }
  return false;
}

void lower_ascii(std::string& text) {
  for (auto& c : text) {
    // Without a branch per byte: 'A'..'Z' are the bytes c with c - 'A' < 26.
    const bool upper = static_cast<unsigned char>(c - 'A') < 26;
    c = static_cast<char>(c + (upper ? 'a' - 'A' : 0));
  }
}

// Buffers one sentence after another reuses, so that the many sentences
// with figures and no relation cost no allocation.
struct sentence_scratch {
  struct figure_ref {
    std::size_t mention_index = 0;
    bool range_end = false;  // the second number of a range mention
  };
  std::vector<figure_ref> refs;  // slot k of the skeleton
  std::string skeleton;
  std::string sentence;           // the sentence as written, lower-cased
  std::vector<signed char> memo;  // trigger words seen (trigger_lookup)
};

void append_slot_marker(std::string& skeleton, std::size_t k) {
  skeleton += '#';
  skeleton += std::to_string(k);
  skeleton += '#';
}

void scan_sentence(std::string_view text, const sentence_range& range,
                   const std::vector<mention>& mentions, std::size_t first, std::size_t last,
                   sentence_scratch& scratch, std::vector<relation_finding>& out) {
  // The skeleton: the sentence with each figure as "#k#".
  auto& refs = scratch.refs;
  std::string& skeleton = scratch.skeleton;
  refs.clear();
  skeleton.clear();
  bool skeleton_adds_text = false;
  std::size_t cursor = range.begin;
  for (std::size_t i = first; i < last; ++i) {
    const mention& m = mentions[i];
    if (!is_figure(m)) continue;
    if (m.span.byte_offset < cursor || m.span.byte_end() > range.end) continue;
    // 两 of 翻了两番 (quadrupled) is part of the words, not a figure.
    if (text.substr(m.span.byte_end(), 3) == "\xE7\x95\xAA" /* 番 */) continue;
    skeleton.append(text.substr(cursor, m.span.byte_offset - cursor));
    append_slot_marker(skeleton, refs.size());
    refs.push_back({i, false});
    if (m.range_end) {
      skeleton += " to ";
      skeleton_adds_text = true;
      append_slot_marker(skeleton, refs.size());
      refs.push_back({i, true});
    }
    cursor = m.span.byte_end();
  }
  if (refs.size() < 2) return;
  skeleton.append(text.substr(cursor, range.end - cursor));
  // '#' of the text must not read as a slot.
  for (std::size_t i = 0; i < skeleton.size(); ++i) {
    if (skeleton[i] == '#') {
      std::size_t j = i + 1;
      while (j < skeleton.size() && std::isdigit(static_cast<unsigned char>(skeleton[j]))) ++j;
      if (j < skeleton.size() && j > i + 1 && skeleton[j] == '#') {
        i = j;
        continue;
      }
      skeleton[i] = ' ';
      skeleton_adds_text = true;
    }
  }
  lower_ascii(skeleton);
  const bool han = has_han(skeleton);
  scratch.sentence.assign(text.substr(range.begin, range.end - range.begin));
  lower_ascii(scratch.sentence);
  const compiled_table& table = compiled_rows();
  trigger_lookup triggers(table.trigger_words, skeleton, skeleton_adds_text, scratch.sentence,
                          scratch.memo);
  std::vector<const compiled_row*> rows;
  for (const auto& row : table.rows) {
    if (row.chinese == han && triggers.triggered(row)) rows.push_back(&row);
  }
  if (rows.empty()) return;

  // The figures, built only for a sentence some row may match.
  std::vector<slot> slots(refs.size());
  for (std::size_t k = 0; k < refs.size(); ++k) {
    const mention& m = mentions[refs[k].mention_index];
    slot& s = slots[k];
    s.mention_index = refs[k].mention_index;
    s.range_end = refs[k].range_end;
    s.figure = figure_of(m, s.range_end);
    s.numeral = s.range_end ? m.range_end_text : m.number_text;
    s.has_unit = !m.unit_word.empty();
    if (s.range_end) {
      // The first end of "10 to 20 million" is 10 million.
      std::vector<slot*> pair{&slots[k - 1], &s};
      distribute_scale(pair);
    }
  }
  std::vector<candidate> found;
  for (const compiled_row* row : rows) {
    for (auto it = std::sregex_iterator(skeleton.begin(), skeleton.end(), row->re);
         it != std::sregex_iterator(); ++it) {
      if (auto c = build(*row, *it, slots, skeleton)) found.push_back(std::move(*c));
    }
  }
  // Two readings of one stated figure: the same figures are one relation
  // (the first row wins); different figures mean two candidate bases, and
  // neither is guessed.
  std::vector<bool> keep(found.size(), true);
  for (std::size_t i = 0; i < found.size(); ++i) {
    for (std::size_t j = i + 1; j < found.size(); ++j) {
      if (found[i].stated_slot != found[j].stated_slot) continue;
      if (found[i].other_slots == found[j].other_slots) {
        keep[j] = false;
      } else {
        keep[i] = keep[j] = false;
      }
    }
  }
  std::vector<std::pair<std::size_t, relation_finding>> ordered;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (!keep[i]) continue;
    relation_finding f = std::move(found[i].finding);
    f.sentence.byte_offset = range.begin;
    f.sentence.byte_length = range.end - range.begin;
    f.sentence.line = range.line;
    f.sentence.column = range.column;
    f.sentence_text = std::string(text.substr(range.begin, range.end - range.begin));
    std::size_t at = f.stated.span.byte_offset;
    ordered.emplace_back(at, std::move(f));
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& o : ordered) out.push_back(std::move(o.second));
}

}  // namespace

const std::vector<relation_pattern_info>& relation_patterns() {
  static const std::vector<relation_pattern_info> info = [] {
    std::vector<relation_pattern_info> out;
    for (const auto& spec : row_specs())
      out.push_back({spec.id, spec.language, spec.kind, spec.example});
    return out;
  }();
  return info;
}

namespace {

void shift(text_span& span, std::size_t bytes, int lines) {
  if (span.line == 0) return;  // a figure stated by words has no place
  span.byte_offset += bytes;
  span.line += lines;
}

// A finding of a block moved to its place in the whole text.
void shift_finding(relation_finding& f, std::size_t base, int lines) {
  shift(f.sentence, base, lines);
  for (auto* figure : {&f.stated}) {
    shift(figure->span, base, lines);
    shift(figure->source.span, base, lines);
    shift(figure->source.number_span, base, lines);
  }
  for (auto& figure : f.figures) {
    shift(figure.span, base, lines);
    shift(figure.source.span, base, lines);
    shift(figure.source.number_span, base, lines);
  }
}

// What one block after another reuses: the mentions' storage (each mention
// is assigned over the one the last block left there, strings keeping their
// capacity) and the sentences' buffers. Allocating and freeing a block's
// mentions anew made the heap grow and shrink once a block, and the kernel's
// page faults cost scan a fifth of its time.
struct block_state {
  explicit block_state(const scan_options& options) : options(options) {
    // Scan writes no mention's context: the scanner need not build one
    // (the mentions are otherwise the same, as extract's text listing has
    // them; docs/performance.md).
    this->options.context_chars = 0;
  }
  scan_options options;
  std::vector<mention> mentions;  // the first `count` are this block's
  std::size_t count = 0;
  sentence_scratch scratch;
  std::vector<relation_finding> findings;  // a sentence's, until handed on
};

// Scans a block of whole lines that starts at byte `base` of the text, on
// line `base_line`: sentences never cross a line break, so blocks give the
// findings the whole text would. The findings go to `found` as each
// sentence is scanned.
void scan_block(std::string_view block, std::size_t base, int base_line, block_state& state,
                std::vector<scan_issue>& issues_out, const relation_sink& found) {
  std::vector<scan_issue> issues;
  std::vector<mention>& mentions = state.mentions;
  state.count = 0;
  {
    mention_scanner scanner(
        state.options,
        [&state](const mention& m) {
          if (state.count < state.mentions.size()) {
            state.mentions[state.count] = m;
          } else {
            state.mentions.push_back(m);
          }
          ++state.count;
          return true;
        },
        [&issues](const scan_issue& issue) { issues.push_back(issue); });
    scanner.feed(block);
    scanner.finish();
  }
  const std::size_t count = state.count;
  const int lines = base_line - 1;
  for (auto& issue : issues) {
    issue.byte_offset += base;
    issue.line += lines;
    issues_out.push_back(std::move(issue));
  }
  std::vector<sentence_range> sentences = split_sentences(block);
  std::vector<relation_finding>& findings = state.findings;
  findings.clear();
  std::size_t next = 0;
  for (const auto& s : sentences) {
    while (next < count && mentions[next].span.byte_offset < s.begin) ++next;
    std::size_t last = next;
    while (last < count && mentions[last].span.byte_offset < s.end) ++last;
    // One mention can hold two figures: "from 1.1 million to 3.5 million" is
    // read as one range mention, scanned as its two ends.
    if (last - next >= 2 || (last - next == 1 && mentions[next].range_end)) {
      scan_sentence(block, s, mentions, next, last, state.scratch, findings);
      // Handed on sentence by sentence: a block of dense text holds
      // thousands of findings, some 5 KB each.
      for (relation_finding& f : findings) {
        if (base != 0 || lines != 0) shift_finding(f, base, lines);
        found(std::move(f));
      }
      findings.clear();
    }
    next = last;
  }
}

// Blocks of about this many bytes, cut after a line break, bound the memory
// of a scan whatever the size of the text.
constexpr std::size_t block_bytes = std::size_t{1} << 18;

}  // namespace

std::vector<scan_issue> scan_relations_to(std::string_view text, const relation_sink& found,
                                          const scan_options& options) {
  std::vector<scan_issue> issues;
  block_state state(options);
  std::size_t start = 0;
  int line = 1;
  while (start < text.size()) {
    std::size_t end = text.size();
    if (end - start > block_bytes) {
      std::size_t cut = text.find('\n', start + block_bytes);
      end = cut == std::string_view::npos ? text.size() : cut + 1;
    }
    std::string_view block = text.substr(start, end - start);
    scan_block(block, start, line, state, issues, found);
    line += static_cast<int>(std::count(block.begin(), block.end(), '\n'));
    start = end;
  }
  return issues;
}

std::vector<scan_issue> scan_relations_to(std::istream& in, const relation_sink& found,
                                          const scan_options& options) {
  std::vector<scan_issue> issues;
  block_state state(options);
  std::string buffer;
  std::size_t base = 0;
  int line = 1;
  std::string chunk(block_bytes, '\0');
  auto run = [&](std::size_t length) {
    std::string_view block(buffer.data(), length);
    scan_block(block, base, line, state, issues, found);
    line += static_cast<int>(std::count(block.begin(), block.end(), '\n'));
    base += length;
    buffer.erase(0, length);
  };
  while (in) {
    in.read(&chunk[0], static_cast<std::streamsize>(chunk.size()));
    std::streamsize got = in.gcount();
    if (got <= 0) break;
    buffer.append(chunk.data(), static_cast<std::size_t>(got));
    if (buffer.size() < block_bytes) continue;
    std::size_t cut = buffer.rfind('\n');
    // A line longer than a block is scanned in pieces of 16 blocks: a
    // sentence cut there may be missed, memory stays bounded.
    if (cut != std::string::npos) {
      run(cut + 1);
    } else if (buffer.size() >= 16 * block_bytes) {
      std::size_t at = buffer.size() - 4;  // never inside a UTF-8 sequence
      while (at > 0 && (static_cast<unsigned char>(buffer[at]) & 0xC0) == 0x80) --at;
      run(at);
    }
  }
  if (!buffer.empty()) run(buffer.size());
  return issues;
}

namespace {

// The whole-result forms: the streaming scan, its findings kept.
template <typename Source>
relation_scan_result kept(Source&& source, const std::string& file, const scan_options& options) {
  relation_scan_result result;
  result.file = file;
  result.issues = scan_relations_to(
      source, [&result](relation_finding&& f) { result.findings.push_back(std::move(f)); },
      options);
  return result;
}

}  // namespace

relation_scan_result scan_relations(std::string_view text, const std::string& file,
                                    const scan_options& options) {
  return kept(text, file, options);
}

relation_scan_result scan_relations(std::istream& in, const std::string& file,
                                    const scan_options& options) {
  return kept(in, file, options);
}

void relation_summary::add(check_outcome outcome) {
  ++total;
  switch (outcome) {
    case check_outcome::pass:
      ++pass;
      break;
    case check_outcome::fail:
      ++fail;
      break;
    case check_outcome::inconclusive:
      ++inconclusive;
      break;
  }
}

relation_summary summarise(const std::vector<relation_scan_result>& results) {
  relation_summary s;
  for (const auto& r : results) {
    for (const auto& f : r.findings) s.add(f.outcome);
  }
  return s;
}

}  // namespace claimcheck
