// SPDX-License-Identifier: MIT
// Tests of the mention scanner (core/include/claimcheck/scanner.hpp):
// numeral tables, words that are not numbers, real sentences with exact
// spans, invalid UTF-8, cut numerals and streaming in chunks.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "claimcheck/interval.hpp"
#include "claimcheck/scanner.hpp"
#include "numeral_cases.hpp"
#include "support.hpp"

using namespace claimcheck;

namespace {

using claimcheck::test::read_file;

std::string article() {
  return read_file(std::string(CLAIMCHECK_TEST_DATA) + "/scanner/waic_article.txt");
}

bool same_bound(double a, double b) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return nearly_equal(a, b, 1e-9);
}

struct numeral_case {
  const char* text;
  const char* surface;
  double value;
  double precision;
  const char* qual;
  const char* unit;
  const char* kind;
};

}  // namespace

TEST_CASE("Numerals in every written form give their value, precision, hedge, unit and kind") {
  // Each row holds exactly one mention. Simplified and traditional forms,
  // with and without reading annotations.
  const numeral_case cases[] = {
      // Arabic digits, separators, decimals, scientific, full-width
      {"共3584張", "3584張", 3584, 1, "stated", "張", "count"},
      {"共3,584张", "3,584张", 3584, 1, "stated", "张", "count"},
      {"用时11分钟", "11分钟", 11, 1, "stated", "分钟", "duration"},
      {"用時11分鐘", "11分鐘", 11, 1, "stated", "分鐘", "duration"},
      {"约10.94分钟", "约10.94分钟", 10.94, 0.01, "about", "分钟", "duration"},
      {"共4.5e6次", "4.5e6次", 4.5e6, 1e5, "stated", "次", "count"},
      {"共１２３４５张", "１２３４５张", 12345, 1, "stated", "张", "count"},
      {"为100%的", "100%", 100, 100, "stated", "%", "percent"},
      {"增长12.5％", "12.5％", 12.5, 0.1, "stated", "％", "percent"},
      // Mixed digits and scales
      {"约2万美元", "约2万美元", 2e4, 1e4, "about", "美元", "money"},
      {"約2萬美元", "約2萬美元", 2e4, 1e4, "about", "美元", "money"},
      {"約2萬(wàn)美元", "約2萬(wàn)美元", 2e4, 1e4, "about", "美元", "money"},
      {"需要450萬美元", "450萬美元", 4.5e6, 1e5, "stated", "美元", "money"},
      {"需要450萬(wàn)美元", "450萬(wàn)美元", 4.5e6, 1e5, "stated", "美元", "money"},
      {"需要450万美元", "450万美元", 4.5e6, 1e5, "stated", "美元", "money"},
      {"有2000亿参数", "2000亿参数", 2e11, 1e11, "stated", "参数", "count"},
      {"有70億參數", "70億參數", 7e9, 1e9, "stated", "參數", "count"},
      {"有1.5万亿", "1.5万亿", 1.5e12, 1e11, "stated", "", "plain"},
      {"共1亿2000万", "1亿2000万", 1.2e8, 1e7, "stated", "", "plain"},
      // Chinese numerals
      {"两千亿参数", "两千亿参数", 2e11, 1e11, "stated", "参数", "count"},
      {"兩千億參數", "兩千億參數", 2e11, 1e11, "stated", "參數", "count"},
      {"兩千億(yì)參數", "兩千億(yì)參數", 2e11, 1e11, "stated", "參數", "count"},
      {"一千零五十人", "一千零五十人", 1050, 10, "stated", "人", "count"},
      {"两万五", "两万五", 25000, 1000, "stated", "", "plain"},
      {"壹佰贰拾叁元", "壹佰贰拾叁元", 123, 1, "stated", "元", "money"},
      {"三个战略方向", "三个", 3, 1, "stated", "个", "count"},
      {"三個戰略方向", "三個", 3, 1, "stated", "個", "count"},
      {"三個(gè)戰略方向", "三個", 3, 1, "stated", "個", "count"},
      {"二〇二三年", "二〇二三年", 2023, 1, "exact", "", "year"},
      // Approximate forms: a magnitude only
      {"几十亿参数", "几十亿参数", 1e9, 1e9, "several", "参数", "count"},
      {"幾十億參數", "幾十億參數", 1e9, 1e9, "several", "參數", "count"},
      {"幾(jǐ)十億(yì)參數(shù)", "幾(jǐ)十億(yì)參數", 1e9, 1e9, "several", "參數", "count"},
      {"数十个", "数十个", 10, 10, "several", "个", "count"},
      {"數十個", "數十個", 10, 10, "several", "個", "count"},
      {"數(shù)十個(gè)", "數(shù)十個", 10, 10, "several", "個", "count"},
      {"数十颗脉冲星", "数十颗", 10, 10, "several", "颗", "count"},
      {"數十顆脈沖星", "數十顆", 10, 10, "several", "顆", "count"},
      {"数百万", "数百万", 1e6, 1e6, "several", "", "plain"},
      {"几个", "几个", 1, 1, "several", "个", "count"},
      // Hedges before
      {"超400家", "超400家", 400, 100, "over", "家", "count"},
      {"超过400家", "超过400家", 400, 100, "over", "家", "count"},
      {"超過400家", "超過400家", 400, 100, "over", "家", "count"},
      {"超過(guò)400家", "超過(guò)400家", 400, 100, "over", "家", "count"},
      {"逾50家", "逾50家", 50, 10, "over", "家", "count"},
      {"大约3小时", "大约3小时", 3, 1, "about", "小时", "duration"},
      {"大約3小時", "大約3小時", 3, 1, "about", "小時", "duration"},
      {"近20年", "近20年", 20, 10, "almost", "年", "duration"},
      {"达30款", "达30款", 30, 10, "stated", "款", "count"},
      {"達30款", "達30款", 30, 10, "stated", "款", "count"},
      {"仅3家", "仅3家", 3, 1, "stated", "家", "count"},
      {"僅3家", "僅3家", 3, 1, "stated", "家", "count"},
      {"不到5秒", "不到5秒", 5, 1, "under", "秒", "duration"},
      // Hedges inside and after
      {"30余款", "30余款", 30, 10, "plus", "款", "count"},
      {"30餘款", "30餘款", 30, 10, "plus", "款", "count"},
      {"達30余款", "達30余款", 30, 10, "plus", "款", "count"},
      {"20多个", "20多个", 20, 10, "plus", "个", "count"},
      {"20多個", "20多個", 20, 10, "plus", "個", "count"},
      {"十几个", "十几个", 12, 1, "range", "个", "count"},  // 几: 2 to 9 of the units
      {"3年多", "3年多", 3, 1, "plus", "年", "duration"},
      {"5万元左右", "5万元左右", 5e4, 1e4, "about", "元", "money"},
      {"50%以上", "50%以上", 50, 10, "over", "%", "percent"},
      {"十万以内", "十万以内", 1e5, 1e5, "under", "", "plain"},
      {"十萬以內", "十萬以內", 1e5, 1e5, "under", "", "plain"},
      {"15秒内完成", "15秒内", 15, 1, "under", "秒", "duration"},
      {"15秒內完成", "15秒內", 15, 1, "under", "秒", "duration"},
      {"15秒內(nèi)完成", "15秒內", 15, 1, "under", "秒", "duration"},
      {"千亿级参数", "千亿级参数", 1e11, 1e11, "level", "参数", "count"},
      {"千億級參數", "千億級參數", 1e11, 1e11, "level", "參數", "count"},
      {"千億級(jí)參數", "千億級(jí)參數", 1e11, 1e11, "level", "參數", "count"},
      {"提升至70亿量级", "70亿量级", 7e9, 1e9, "level", "", "plain"},
      {"提升至70億量級", "70億量級", 7e9, 1e9, "level", "", "plain"},
      // Ordinals, list markers, percent words, fractions
      {"第六届世界人工智能大会", "第六届", 6, 1, "exact", "届", "ordinal"},
      {"第六屆世界人工智能大會", "第六屆", 6, 1, "exact", "屆", "ordinal"},
      {"第六屆(jiè)世界", "第六屆", 6, 1, "exact", "屆", "ordinal"},
      {"第二代骁龙", "第二代", 2, 1, "exact", "代", "ordinal"},
      {"。二是通过", "二", 2, 1, "exact", "", "ordinal"},
      {"百分之五十", "百分之五十", 50, 10, "stated", "%", "percent"},
      {"三分之一", "三分之一", 1.0 / 3, 1.0 / 300, "exact", "", "plain"},
      {"上万家企业", "上万家", 1e4, 1e4, "over", "家", "count"},
      {"近百家", "近百家", 100, 100, "almost", "家", "count"},
      {"数百家", "数百家", 100, 100, "several", "家", "count"},
      // Years and dates
      {"在2020年训练", "2020年", 2020, 1, "exact", "", "year"},
      {"2023世界人工智能大会", "2023", 2023, 1, "exact", "", "year"},
      {"7月7日举行", "7月7日", 7, 1, "exact", "", "date"},
      {"2023年7月6日", "2023年7月6日", 6, 1, "exact", "", "date"},
      {"2023-07-06", "2023-07-06", 6, 1, "exact", "", "date"},
      // English
      {"about 20,000 dollars", "about 20,000 dollars", 2e4, 1e4, "about", "dollars", "money"},
      {"about $20,000", "about $20,000", 2e4, 1e4, "about", "$", "money"},
      {"US$4.6M", "US$4.6M", 4.6e6, 1e5, "stated", "US$", "money"},
      {"more than 50 companies", "more than 50 companies", 50, 10, "over", "companies", "count"},
      {"over 1 billion parameters", "over 1 billion parameters", 1e9, 1e9, "over", "parameters",
       "count"},
      {"under 15 seconds", "under 15 seconds", 15, 1, "under", "seconds", "duration"},
      {"within 15 seconds", "within 15 seconds", 15, 1, "under", "seconds", "duration"},
      {"nearly 11 minutes", "nearly 11 minutes", 11, 1, "almost", "minutes", "duration"},
      {"175B parameters", "175B parameters", 1.75e11, 1e9, "stated", "parameters", "count"},
      {"dozens of pulsars", "dozens", 12, 12, "several", "", "plain"},  // a dozen is 12
      {"30+ models", "30+ models", 30, 10, "plus", "models", "count"},
      {"takes 15s", "15s", 15, 1, "stated", "s", "duration"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto found = scan_text(c.text);
    REQUIRE(found.size() == 1);
    const mention& m = found[0];
    CHECK(m.surface == c.surface);
    CHECK(nearly_equal(m.number.value, c.value, 1e-9));
    CHECK(nearly_equal(m.number.precision, c.precision, 1e-9));
    CHECK(std::string(to_string(m.qual)) == c.qual);
    CHECK(m.unit_word == c.unit);
    CHECK(std::string(to_string(m.kind)) == c.kind);
  }
}

TEST_CASE("A numeral inside a sentence reads as the same value string does (one reader)") {
  // Every row of the value-string table (numerals_test), written inside a
  // sentence with a classifier after it so that bare scales (十, 零) count:
  // the scanner and the value parser must agree exactly.
  for (const auto& c : numeral_value_cases()) {
    CAPTURE(c.text);
    auto as_value = parse_value_string(c.text);
    REQUIRE(as_value.ok());
    const std::string sentence = std::string("报道称共有") + c.text + "个，其中";
    auto found = scan_text(sentence);
    REQUIRE(found.size() == 1);
    const mention& m = found[0];
    CHECK(m.number_text == c.text);
    CHECK(m.number.value == as_value->value);
    CHECK(m.number.precision == as_value->precision);
    CHECK(m.number.magnitude_only == as_value->magnitude_only);
  }
}

TEST_CASE("Zero keeps the precision it was written with, as a value does") {
  for (const char* zero : {"0.0", "0.00", "0"}) {
    CAPTURE(zero);
    auto found = scan_text(std::string("增长") + zero + "%。");
    REQUIRE(found.size() == 1);
    auto value = parse_value_string(zero);
    REQUIRE(value.ok());
    CHECK(found[0].number.precision == value->precision);
    CHECK(same_bound(found[0].value.bounds.lo, -value->precision / 2));
    CHECK(same_bound(found[0].value.bounds.hi, value->precision / 2));
  }
}

TEST_CASE("Qualifiers turn mentions into the spec's intervals") {
  struct row {
    const char* text;
    double lo, hi;
  };
  const double inf = std::numeric_limits<double>::infinity();
  const row rows[] = {
      {"約2萬美元", 15000, 25000},  // about: hull of ±10% and the stated [1.5万, 2.5万]
      {"超400家", 400, inf},        // over
      {"30余款", 30, 40},           // plus
      {"千億級參數", 1e11, 1e12},   // level
      {"幾十億參數", 2e9, 1e10},    // several
      {"15秒內", 0, 15},            // under
      {"11分鐘", 10.5, 11.5},       // stated
      {"3至5年", 3, 5},             // range
      {"30至40亿元", 3e9, 4e9},     // range: the scale of the second end applies to both
      {"第六屆", 6, 6},             // ordinal: exact
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    auto found = scan_text(r.text);
    REQUIRE(found.size() == 1);
    CHECK(same_bound(found[0].value.bounds.lo, r.lo));
    CHECK(same_bound(found[0].value.bounds.hi, r.hi));
  }
}

TEST_CASE("Ranges and dates keep both ends") {
  auto dates = scan_text("7月6日至8日,以");
  REQUIRE(dates.size() == 1);
  CHECK(dates[0].surface == "7月6日至8日");
  CHECK(dates[0].kind == mention_kind::date);
  CHECK(dates[0].qual == qualifier::range);
  CHECK(dates[0].date_text == "--07-06");
  CHECK(dates[0].range_end_date_text == "--07-08");

  auto days = scan_text("6日至8日");
  REQUIRE(days.size() == 1);
  CHECK(days[0].date_text == "---06");
  CHECK(days[0].range_end_date_text == "---08");

  auto full = scan_text("2023年7月6日至8日");
  REQUIRE(full.size() == 1);
  CHECK(full[0].date_text == "2023-07-06");
  CHECK(full[0].range_end_date_text == "2023-07-08");

  auto plain = scan_text("10-20");
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].qual == qualifier::range);
  CHECK(plain[0].number_text == "10");
  CHECK(plain[0].range_end_text == "20");
  REQUIRE(plain[0].range_end);
  CHECK(plain[0].range_end->value == 20);

  auto years = scan_text("2020-2022年");
  REQUIRE(years.size() == 1);
  CHECK(years[0].kind == mention_kind::year);
  CHECK(years[0].date_text == "2020");
  CHECK(years[0].range_end_date_text == "2022");

  auto percents = scan_text("10%-20%");
  REQUIRE(percents.size() == 1);
  CHECK(percents[0].kind == mention_kind::percent);
  CHECK(percents[0].surface == "10%-20%");
}

TEST_CASE("Idioms, names and words with numeral characters are not numbers") {
  // None of these states a figure; by default none is reported.
  const char* texts[] = {
      "去賦能于千行百業。",
      "去赋能于千行百业。",
      "安全和發展是“一體兩翼”的關系",
      "一体两翼",
      "大模型的產生并非一蹴而就",
      "提供一站式模型服務",
      "一方面模型本身",
      "在另一方面它的部署",
      "需要大量的數據",
      "需要大量的數(shù)據(jù)",
      "数字人",
      "百度文心一言",
      "阿里云通義千問",
      "九章云極",
      "使用H100芯片",
      "GPT-3模型",
      "GPT-2.0的時代",
      "一個完全面向行業的大模型",
      "一种工具",
      "這一次",
      "零售",
      "队伍",
      "大陸",
      "十分重要",
      "第三方社區",
      "某一個場景",
      "不一定",
      "3D打印",
      "v1.5版",
      "參數",
      "之一",
      "几乎",
  };
  for (const char* t : texts) {
    CAPTURE(t);
    CHECK(scan_text(t).empty());
  }
}

TEST_CASE("Idioms are reported as kind idiom when asked for") {
  scan_options options;
  options.include_idioms = true;
  auto found = scan_text("賦能于千行百業,是“一體兩翼”,一個模型", options);
  REQUIRE(found.size() == 3);
  CHECK(found[0].surface == "千行百業");
  CHECK(found[0].kind == mention_kind::idiom);
  CHECK(found[0].idiom_reason == "fixed expression");
  CHECK(found[1].surface == "一體兩翼");
  CHECK(found[1].kind == mention_kind::idiom);
  CHECK(found[2].surface == "一");
  CHECK(found[2].kind == mention_kind::idiom);
  CHECK(found[2].idiom_reason == "the article 一 (a, one)");
}

TEST_CASE("Mentions in the article's sentences have exact spans") {
  const std::string text = article();
  REQUIRE(!text.empty());
  auto found = scan_text(text);
  struct expected {
    const char* surface;  // as in the text, with inner annotations
    int line, column;
    const char* number_text;
    const char* kind;
  };
  const expected rows[] = {
      {"7月6日至8日", 2, 1, "7月6日至8日", "date"},
      {"第六屆", 2, 36, "六", "ordinal"},
      {"超400家", 2, 147, "400", "count"},
      {"超50家", 2, 176, "50", "count"},
      {"達(dá)30余款", 2, 191, "30", "count"},
      {"兩千億參數", 9, 25, "兩千億", "count"},
      {"20多個", 9, 95, "20", "count"},
      {"數(shù)十個", 9, 164, "數十", "count"},
      {"千億級(jí)參數", 11, 82, "千億", "count"},
      {"70億量級", 16, 157, "70億", "plain"},
      {"100%", 18, 221, "100", "percent"},
      {"數(shù)十顆", 21, 152, "數十", "count"},
      {"超10億參數", 22, 120, "10億", "count"},
      {"15秒內", 22, 164, "15", "duration"},
      {"20步", 22, 173, "20", "count"},
      {"幾十億參數", 30, 24, "幾十億", "count"},
      {"3584張", 34, 40, "3584", "count"},
      {"11分鐘", 34, 60, "11", "duration"},
      {"約2萬(wàn)美元", 34, 87, "2萬", "money"},
      {"2020年", 34, 100, "2020年", "year"},
      {"450萬(wàn)美元", 34, 121, "450萬", "money"},
      {"45萬(wàn)美元", 34, 143, "45萬", "money"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.surface);
    // The byte offset is where the surface occurs in the file on that line.
    std::size_t line_start = 0;
    for (int l = 1; l < row.line; ++l) line_start = text.find('\n', line_start) + 1;
    std::size_t offset = text.find(row.surface, line_start);
    REQUIRE(offset != std::string::npos);
    auto it = std::find_if(found.begin(), found.end(),
                           [&](const mention& m) { return m.span.byte_offset == offset; });
    REQUIRE(it != found.end());
    CHECK(it->surface == row.surface);
    CHECK(it->span.byte_length == std::string(row.surface).size());
    CHECK(text.substr(it->span.byte_offset, it->span.byte_length) == row.surface);
    CHECK(it->span.line == row.line);
    CHECK(it->span.column == row.column);
    CHECK(it->number_text == row.number_text);
    CHECK(std::string(to_string(it->kind)) == row.kind);
    // The number span lies inside the mention span.
    CHECK(it->number_span.byte_offset >= it->span.byte_offset);
    CHECK(it->number_span.byte_end() <= it->span.byte_end());
  }
  // A trailing reading annotation is not part of the span: "數(shù)十個(gè)" ends at 個.
  auto dozens = std::find_if(found.begin(), found.end(),
                             [](const mention& m) { return m.surface == "數(shù)十個"; });
  REQUIRE(dozens != found.end());
  CHECK(dozens->span.byte_length == 15);
  CHECK(dozens->context == "BLOOM等數十個業界主流開源開放的大模型");
}

TEST_CASE("The article yields every figure and nothing from its idioms") {
  auto found = scan_text(article());
  CHECK(found.size() == 54);
  for (const auto& m : found) {
    CAPTURE(m.surface);
    CHECK(m.kind != mention_kind::idiom);
    CHECK(m.surface.find("千行") == std::string::npos);
    CHECK(m.surface.find("H100") == std::string::npos);
  }
}

TEST_CASE("Invalid UTF-8 is reported with its byte offset and scanning goes on") {
  struct row {
    std::string text;
    std::vector<std::size_t> issue_offsets;
    std::size_t mention_offset;
    int mention_column;
  };
  const row rows[] = {
      {std::string("ab\xFF") + "12個", {2}, 3, 4},
      {std::string("\xE4\xB8") + "5家", {0}, 2, 2},             // a cut 3-byte sequence
      {std::string("\xC0\xAF") + "5家", {0, 1}, 2, 3},          // an overlong '/'
      {std::string("x\xED\xA0\x80") + "5家", {1, 2, 3}, 4, 5},  // a UTF-16 surrogate
      {std::string("約2萬\xF4\x90\x80\x80") + "美元",
       {7, 8, 9, 10},
       0,
       1},  // above U+10FFFF: four lone bytes
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    std::vector<scan_issue> issues;
    auto found = scan_text(r.text, {}, &issues);
    REQUIRE(issues.size() == r.issue_offsets.size());
    for (std::size_t k = 0; k < issues.size(); ++k) {
      CHECK(issues[k].code == "utf8.invalid");
      CHECK(issues[k].byte_offset == r.issue_offsets[k]);
      CHECK(issues[k].message.find("byte offset " + std::to_string(r.issue_offsets[k])) !=
            std::string::npos);
    }
    REQUIRE(found.size() == 1);
    CHECK(found[0].span.byte_offset == r.mention_offset);
    CHECK(found[0].span.column == r.mention_column);
  }
  std::vector<scan_issue> issues;
  scan_text("第\xFF\xFE行", {}, &issues);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].line == 1);
  CHECK(issues[0].column == 2);
  CHECK(issues[1].column == 3);
  CHECK(format_diagnostic(to_diagnostic(issues[0], "a.txt"))
            .rfind("a.txt:1:2: error: [utf8.invalid] invalid UTF-8 byte 0xFF at byte offset 3",
                   0) == 0);
}

TEST_CASE("A numeral longer than the limit is cut and the scan goes on") {
  std::string text = "共" + std::string(5000, '7') + "個,另有超400家";
  std::vector<scan_issue> issues;
  auto found = scan_text(text, {}, &issues);
  REQUIRE(found.size() == 2);
  CHECK(found[0].truncated);
  CHECK(found[0].number_span.byte_length == 64);
  CHECK(found[1].surface == "超400家");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "scan.mention_too_long");
  CHECK(issues[0].level == severity::warning);
}

TEST_CASE("A number beyond a double is a number.range warning, not a mention") {
  struct range_case {
    std::string text;
    std::size_t byte_offset;  // of the numeral
    int column;
    const char* says;
    std::size_t mentions;  // what is still listed
  };
  const std::vector<range_case> cases = {
      {"1e400 FLOP", 0, 1, "too large", 0},   {"cost 1.8e308 USD", 5, 6, "too large", 0},
      {"约1e-400秒", 3, 2, "too small", 0},   {"1e400 FLOP, then 3 GPU", 0, 1, "too large", 1},
      {"0e400 x", 0, 1, "too large", 0},       // its precision is infinite
      {"1e308到1e400", 8, 7, "too large", 0},  // the range's second number
      {"1e30 FLOP", 0, 0, nullptr, 1},         // within range: listed, no issue
  };
  for (const auto& c : cases) {
    INFO(c.text);
    std::vector<scan_issue> issues;
    auto found = scan_text(c.text, {}, &issues);
    CHECK(found.size() == c.mentions);
    for (const auto& m : found) CHECK(m.value.nominal != 0);
    if (c.says == nullptr) {
      CHECK(issues.empty());
      continue;
    }
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "number.range");
    CHECK(issues[0].level == severity::warning);
    CHECK(issues[0].byte_offset == c.byte_offset);
    CHECK(issues[0].line == 1);
    CHECK(issues[0].column == c.column);
    CHECK(issues[0].message.find(c.says) != std::string::npos);
  }
}

TEST_CASE("Scanning in small chunks gives the same mentions as one chunk") {
  // A large generated text: the article many times, with numbers, invalid
  // bytes and annotations falling across every chunk boundary.
  std::string text;
  const std::string base = article();
  for (int k = 0; k < 12; ++k) {
    text += base;
    text +=
        "共" + std::to_string(k * 7919) + "萬(wàn)美元\xFF,約" + std::to_string(k) + ".5億(yì)\n";
  }
  auto describe = [](const mention& m) {
    return std::to_string(m.span.byte_offset) + "+" + std::to_string(m.span.byte_length) + "@" +
           std::to_string(m.span.line) + ":" + std::to_string(m.span.column) + " " + m.surface +
           " " + std::to_string(m.number.value) + " " + to_string(m.qual) + " " + m.context;
  };
  std::vector<std::string> whole;
  std::vector<scan_issue> whole_issues;
  for (const auto& m : scan_text(text, {}, &whole_issues)) whole.push_back(describe(m));
  REQUIRE(whole.size() > 600);
  REQUIRE(whole_issues.size() == 12);

  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{4096}}) {
    CAPTURE(chunk);
    std::vector<std::string> pieces;
    std::size_t issues = 0;
    mention_scanner scanner(
        scan_options{},
        [&](const mention& m) {
          pieces.push_back(describe(m));
          return true;
        },
        [&](const scan_issue&) { ++issues; });
    for (std::size_t at = 0; at < text.size(); at += chunk) {
      scanner.feed(std::string_view(text).substr(at, chunk));
    }
    scanner.finish();
    CHECK(issues == whole_issues.size());
    CHECK(pieces == whole);
  }
}

TEST_CASE("Each mention's fields are its own: the scanner's reused mention leaks nothing") {
  // The scanner refills one mention for each it finds; a range, a date, a
  // hedged number with a unit and an idiom in turn, each then alone, must
  // give the same fields (spans and context aside).
  const std::vector<std::string> sentences = {"6日至8日举行",     "约2万美元的开销",
                                              "2023年7月6日",     "10-20家公司",
                                              "一蹴而就",         "3584",
                                              "超過450萬(wàn)張", "about 304 million parameters",
                                              "1e400 FLOP",       "7"};
  auto fields = [](const mention& m) {
    std::ostringstream out;
    out << m.surface << '|' << m.number_text << '|' << m.range_end_text << '|'
        << (m.range_end ? m.range_end->value : -1) << '|' << to_string(m.qual) << '|' << m.hedge
        << '|' << m.unit_word << '|' << to_string(m.kind) << '|' << m.value.nominal << '|'
        << m.value.bounds.lo << '|' << m.value.bounds.hi << '|' << m.date_text << '|'
        << m.range_end_date_text << '|' << m.idiom_reason << '|' << m.truncated << '|'
        << m.number.value << '|' << m.number.precision << '|' << m.number.magnitude_only;
    return out.str();
  };
  scan_options options;
  options.include_idioms = true;
  std::vector<std::string> alone;
  std::string text;
  for (const auto& sentence : sentences) {
    for (const auto& m : scan_text(sentence + "。\n", options)) alone.push_back(fields(m));
    text += sentence + "。\n";
  }
  std::vector<std::string> together;
  for (const auto& m : scan_text(text, options)) together.push_back(fields(m));
  REQUIRE(alone.size() >= sentences.size() - 1);
  CHECK(together == alone);
}

TEST_CASE("A sink that returns false stops the scan") {
  std::size_t seen = 0;
  mention_scanner scanner(
      scan_options{},
      [&](const mention&) {
        ++seen;
        return false;
      },
      nullptr);
  std::string text;
  for (int k = 0; k < 1000; ++k) text += "超400家,";
  bool go_on = scanner.feed(text);
  go_on = go_on && scanner.finish();
  CHECK_FALSE(go_on);
  CHECK(seen == 1);
}

TEST_CASE("Unit words map to the spec's units where one fits") {
  CHECK(spec_unit_for("美元") == "USD");
  CHECK(spec_unit_for("分鐘") == "min");
  CHECK(spec_unit_for("參數") == "parameter");
  CHECK(spec_unit_for("%") == "%");
  CHECK(spec_unit_for("seconds") == "s");
  CHECK(spec_unit_for("家").empty());
}

namespace {

struct tool_run {
  int exit_code = -1;
  std::string out, err;
};

// Runs `claimcheck ARGS` through the shell; `pipe` is appended after a '|'
// when given (the exit code is then claimcheck's, from PIPESTATUS).
tool_run run_tool(const std::string& args, const std::string& pipe = "") {
  static int serial = 0;
  std::string base =
      "/tmp/claimcheck-scanner-test-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
  std::string command = std::string(CLAIMCHECK_BINARY) + " " + args + " 2>" + base + ".err";
  if (!pipe.empty()) command += " | " + pipe;
  command += " >" + base + ".out; exit ${PIPESTATUS[0]}";
  std::string shell = "bash -c '" + command + "'";
  int status = std::system(shell.c_str());
  tool_run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(base + ".out");
  r.err = read_file(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}

std::string write_temp(const std::string& name, const std::string& content) {
  std::string path = "/tmp/claimcheck-scanner-test-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace

TEST_CASE("The extract command lists mentions as text, JSON Lines and JSON") {
  std::string file = write_temp("a.txt", "整體開銷約2萬(wàn)美元。\n參展企業超400家");
  auto text = run_tool("extract " + file);
  CHECK(text.exit_code == 0);
  CHECK(
      text.out ==
      file +
          ":1:5: 約2萬(wàn)美元  money  2萬 = 20000  about [15000, 25000]  unit 美元  hedge 約\n" +
          file + ":2:5: 超400家  count  400  over [400, inf]  unit 家  hedge 超\n");
  auto jsonl = run_tool("extract " + file + " --format jsonl");
  CHECK(jsonl.exit_code == 0);
  CHECK(jsonl.out.rfind("{\"report\":\"extract\",\"format_version\":1,\"file\":\"" + file +
                            "\",\"line\":1,\"column\":5,\"byte_offset\":12,\"byte_length\":19,"
                            "\"surface\":\"約2萬(wàn)美元\",\"kind\":\"money\",\"number\":\"2萬\","
                            "\"value\":20000,\"precision\":10000",
                        0) == 0);
  CHECK(std::count(jsonl.out.begin(), jsonl.out.end(), '\n') == 2);
  CHECK(jsonl.out.find("\"interval\":[400,null],\"interval_text\":\"[400, inf]\"") !=
        std::string::npos);
  auto json = run_tool("extract " + file + " --format json");
  CHECK(json.exit_code == 0);
  CHECK(json.out.rfind("{\"report\":\"extract\",\"format_version\":1,\"files\":[\n{\"file\":", 0) ==
        0);
  CHECK(json.out.find("],\"issues\":[]}\n]}\n") != std::string::npos);
  std::remove(file.c_str());
}

TEST_CASE("Extract text writes large values with an exponent and bounds without binary noise") {
  std::string file = write_temp("b.txt", "兩千億參數\n版本3.0\n");
  auto text = run_tool("extract " + file);
  CHECK(text.exit_code == 0);
  // Not "200000000000" nor "[2.9499999999999997, 3.0500000000000003]".
  CHECK(text.out ==
        file + ":1:1: 兩千億參數  count  兩千億 = 2e11  stated [1.5e11, 2.5e11]  unit 參數\n" +
            file + ":2:3: 3.0  plain  3.0 = 3  stated [2.95, 3.05]\n");
  std::remove(file.c_str());
}

TEST_CASE("The extract command reports invalid UTF-8 and unreadable files and exits 2") {
  std::string file = write_temp("bad.txt", std::string("超400家\xFF") + "超50家");
  auto r = run_tool("extract " + file);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("超50家") != std::string::npos);
  CHECK(r.err.find(file + ":1:6: error: [utf8.invalid] invalid UTF-8 byte 0xFF at byte offset 9") !=
        std::string::npos);
  auto json = run_tool("extract " + file + " --format json");
  CHECK(json.out.find("\"issues\":[{\"severity\":\"error\",\"code\":\"utf8.invalid\"") !=
        std::string::npos);
  auto missing = run_tool("extract /nonexistent/claimcheck.txt");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("[file.read]") != std::string::npos);
  auto folder = run_tool("extract /tmp");
  CHECK(folder.exit_code == 2);
  auto format = run_tool("extract " + file + " --format xml");
  CHECK(format.exit_code == 2);
  std::remove(file.c_str());
}

TEST_CASE("A closed pipe ends extract quietly") {
  std::string big;
  const std::string base = article();
  while (big.size() < (8u << 20)) big += base;
  std::string file = write_temp("big.txt", big);
  auto r = run_tool("extract " + file, "head -n 3");
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 3);
  std::remove(file.c_str());
}

namespace {

// One expected mention of a conformance row: "surface|value|qualifier|unit"
// with an optional "|kind"; a range's value is "lo..hi".
struct expected_mention {
  std::string surface, value, qual, unit, kind;
};

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return parts;
    start = at + separator.size();
  }
}

bool value_matches(const std::string& expected, double actual) {
  return nearly_equal(std::strtod(expected.c_str(), nullptr), actual, 1e-9);
}

}  // namespace

TEST_CASE("The conformance table: every sentence gives exactly its mentions") {
  // tests/data/scanner/conformance.tsv, one row a sentence:
  //   lang <TAB> sentence <TAB> mentions
  // mentions are "surface|value|qualifier|unit[|kind]" joined by " ;; ",
  // or "-" when nothing in the sentence may be read as a number.
  std::ifstream in(std::string(CLAIMCHECK_TEST_DATA) + "/scanner/conformance.tsv");
  REQUIRE(in);
  std::string line;
  int line_number = 0;
  int rows = 0, zh = 0, en = 0, negatives = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    auto columns = split(line, "\t");
    INFO("conformance.tsv:" << line_number << ": " << line);
    REQUIRE(columns.size() == 3);
    ++rows;
    (columns[0] == "zh" ? zh : en) += 1;
    std::vector<expected_mention> expected;
    if (columns[2] == "-") {
      ++negatives;
    } else {
      for (const auto& text : split(columns[2], " ;; ")) {
        auto f = split(text, "|");
        REQUIRE((f.size() == 4 || f.size() == 5));
        expected.push_back({f[0], f[1], f[2], f[3], f.size() == 5 ? f[4] : ""});
      }
    }
    auto found = scan_text(columns[1]);
    std::string got;
    for (const auto& m : found) {
      got += m.surface + "|" + format_number(m.number.value) +
             (m.range_end ? ".." + format_number(m.range_end->value) : "") + "|" +
             to_string(m.qual) + "|" + m.unit_word + "|" + to_string(m.kind) + " ;; ";
    }
    INFO("found: " << got);
    CHECK(found.size() == expected.size());
    if (found.size() != expected.size()) continue;
    for (std::size_t k = 0; k < found.size(); ++k) {
      const mention& m = found[k];
      const expected_mention& e = expected[k];
      CHECK(m.surface == e.surface);
      auto dots = e.value.find("..");
      if (dots == std::string::npos) {
        CHECK(value_matches(e.value, m.number.value));
        CHECK_FALSE(m.range_end);
      } else {
        CHECK(value_matches(e.value.substr(0, dots), m.number.value));
        CHECK(m.range_end);
        if (m.range_end) CHECK(value_matches(e.value.substr(dots + 2), m.range_end->value));
      }
      CHECK(to_string(m.qual) == e.qual);
      CHECK(m.unit_word == e.unit);
      if (!e.kind.empty()) CHECK(to_string(m.kind) == e.kind);
    }
  }
  // The table is the specification of what extract reads: at least 400
  // sentences in both languages, with sentences that must yield nothing.
  CHECK(rows >= 400);
  CHECK(zh >= 150);
  CHECK(en >= 150);
  CHECK(negatives >= 60);
}

TEST_CASE("Lines, columns and offsets are exact through runs of plain characters") {
  // The scanner writes runs of plain characters into its window at once
  // and counts their columns in bulk; what ends a run (a line break, "(",
  // NUL, a byte order mark, bytes outside the common sequences) goes the
  // general way. Each case scanned whole and a byte at a time.
  struct place_case {
    std::string text;
    std::vector<std::string> places;  // "line:column+offset numeral" of each mention
  };
  const std::vector<place_case> cases = {
      {"\xEF\xBB\xBF"
       "7\xEF\xBB\xBF"
       "8 a",
       {"1:1+3 7", "1:3+7 8"}},
      {"a\r\nb 9\rc 10\n\n  11", {"2:3+5 9", "3:3+9 10", "5:3+15 11"}},
      {"共萬(wàn)字 3萬(wàn)人,4", {"1:2+3 萬", "1:10+16 3萬", "1:19+30 4"}},
      {std::string("x 10\0 11", 8), {"1:3+2 10", "1:7+6 11"}},
      {"１２ and ３", {"1:1+0 １２", "1:8+11 ３"}},
      {"\xC3\xA9t\xC3\xA9 5 \xF0\x9F\x98\x80 6", {"1:5+6 5", "1:9+13 6"}},
  };
  auto places = [](const std::string& text, std::size_t chunk) {
    std::vector<std::string> out;
    mention_scanner scanner(
        scan_options{},
        [&](const mention& m) {
          out.push_back(std::to_string(m.span.line) + ":" + std::to_string(m.span.column) + "+" +
                        std::to_string(m.span.byte_offset) + " " + m.number_text);
          return true;
        },
        [](const scan_issue&) {});
    for (std::size_t at = 0; at < text.size(); at += chunk) {
      scanner.feed(std::string_view(text).substr(at, chunk));
    }
    scanner.finish();
    return out;
  };
  for (const auto& c : cases) {
    const std::string& text = c.text;
    CAPTURE(text);
    CHECK(places(text, text.size()) == c.places);
    CHECK(places(text, 1) == c.places);
  }
}

TEST_CASE("Idioms that share their first two characters are each read whole") {
  // Idioms are looked up by their first two characters, longest first.
  scan_options options;
  options.include_idioms = true;
  auto found = scan_text("一体化、一体两翼、一体、千千万万、千千萬萬、千万", options);
  std::vector<std::string> surfaces;
  for (const auto& m : found) {
    CHECK(m.kind == mention_kind::idiom);
    surfaces.push_back(m.surface + " " + m.idiom_reason);
  }
  CHECK(surfaces == std::vector<std::string>{"一体化 fixed expression", "一体两翼 fixed expression",
                                             "一 the article 一 (a, one)",
                                             "千千万万 fixed expression",
                                             "千千萬萬 fixed expression", "千万 fixed expression"});
}

TEST_CASE("Short numerals read again are what the shared reader reads") {
  // The scanner remembers the readings of numerals of up to three
  // characters (bounded: it forgets all when full). Every numeral of one
  // to three characters from these, more than the memory holds, must read
  // as numerals' read_numeral reads its text, the first time and again.
  const std::u32string characters = U"一二三四五六七八九十百千万两零億";
  std::vector<std::u32string> numerals;
  for (char32_t a : characters) {
    numerals.push_back({a});
    for (char32_t b : characters) {
      numerals.push_back({a, b});
      for (char32_t c : characters) numerals.push_back({a, b, c});
    }
  }
  REQUIRE(numerals.size() > 4096);
  std::string text;
  for (const auto& n : numerals) text += "有" + encode_utf8(n) + "张，";
  std::size_t checked = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto& m : scan_text(text)) {
      if (m.range_end || m.kind == mention_kind::date || m.kind == mention_kind::year) continue;
      const std::u32string number = decode_utf8_replacing(m.number_text);
      auto reading = read_numeral(number);
      CAPTURE(m.number_text);
      REQUIRE(reading);
      if (reading->length != number.size()) continue;
      CHECK(m.number.value == reading->number.value);
      CHECK(m.number.precision == reading->number.precision);
      CHECK(m.number.magnitude_only == reading->number.magnitude_only);
      ++checked;
    }
  }
  CHECK(checked > 4000);
}

TEST_CASE("A surface keeps the bytes that ride on its characters, however many") {
  // Annotations and NUL bytes ride on the character before them; short runs
  // are held in place and longer ones (here 40 NULs, and an annotation with
  // 30 NULs after it) in a string. The surface is the text's bytes exactly.
  const std::string nuls40(40, '\0');
  const std::string nuls30(30, '\0');
  const std::string text = "3584 " + nuls40 + "GPUs; 2萬(wàn)" + nuls30 + "美元\n";
  auto found = scan_text(text);
  REQUIRE(found.size() == 2);
  CHECK(found[0].surface == "3584 " + nuls40 + "GPUs");
  CHECK(found[0].unit_word == "GPUs");
  CHECK(found[0].span.byte_length == 49);
  CHECK(found[1].surface == "2萬(wàn)" + nuls30 + "美元");
  CHECK(found[1].span.byte_offset == 51);
  CHECK(found[1].unit_word == "美元");
  CHECK(found[1].number.value == 20000);
}
