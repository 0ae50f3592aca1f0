// SPDX-License-Identifier: MIT
// Tests of the one line/column counter (core/include/claimcheck/text_position.hpp)
// and of its two users: extract's mention spans and JSON diagnostics.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "claimcheck/loader.hpp"
#include "claimcheck/numerals.hpp"
#include "claimcheck/scanner.hpp"
#include "claimcheck/text_position.hpp"

using namespace claimcheck;

namespace {

struct position_case {
  const char* text;  // UTF-8; the position after its last character
  int line;
  int column;
};

// clang-format off
const position_case position_cases[] = {
    {"", 1, 1},
    {"abc", 1, 4},
    {"a\nb", 2, 2},
    {"a\r\nb", 2, 2},        // CR LF is one line break
    {"a\rb", 2, 2},          // a lone CR is a line break (issue 14)
    {"a\r\rb", 3, 2},
    {"a\n\rb", 3, 2},        // LF then CR: two breaks
    {"\xEF\xBB\xBF" "G", 1, 2},  // a leading byte order mark is no column
    {"a\xEF\xBB\xBF", 1, 3},     // inside the text it is a character
    {"萬人", 1, 3},
    {"\x80x", 1, 3},         // a stray byte counts as one column
    {"\xE4\xB8x", 1, 3},     // so does a cut sequence
    // A bad position is text.hpp's maximal subpart, as extract reads it:
    // E0 80 80 is three (E0 cannot take 80), not one lead and two
    // continuation bytes.
    {"\xE0\x80\x80x", 1, 5},
    {"\xED\xA0\x80x", 1, 5},  // a surrogate: three
    {"\xF0\x9F\x98\x80x", 1, 3},
};
// clang-format on

}  // namespace

TEST_CASE("Lines end at LF, CR LF and a lone CR, and a leading BOM is no column") {
  for (const auto& c : position_cases) {
    CAPTURE(c.text);
    text_position by_bytes;
    for (const char* p = c.text; *p; ++p) by_bytes.advance_byte(static_cast<unsigned char>(*p));
    CHECK(by_bytes.line() == c.line);
    CHECK(by_bytes.column() == c.column);
    if (auto decoded = decode_utf8(c.text)) {
      text_position by_code_points;
      for (char32_t cp : *decoded) by_code_points.advance(cp);
      CHECK(by_code_points.line() == c.line);
      CHECK(by_code_points.column() == c.column);
    }
  }
}

TEST_CASE("Extract and the byte counter agree on columns after bad bytes") {
  for (const std::string bad : {"\xE0\x80\x80", "\xE4\xB8", "\xC0\xAF", "\xF4\x90\x80\x80"}) {
    const std::string text = "x" + bad + " 7 GPUs";
    CAPTURE(text);
    auto found = scan_text(text);
    REQUIRE(found.size() == 1);
    text_position by_bytes;
    for (std::size_t k = 0; k < found[0].span.byte_offset; ++k) {
      by_bytes.advance_byte(static_cast<unsigned char>(text[k]));
    }
    CHECK(found[0].span.column == by_bytes.column());
  }
}

TEST_CASE("A run of ASCII columns moves the counter as its bytes one by one do") {
  // The state a run starts in (after a CR, inside a BOM or a cut sequence)
  // and the byte after it decide whether the run was counted right.
  const char* befores[] = {"", "\r", "\xEF", "\xEF\xBB", "\xE4\xB8", "a"};
  const char* afters[] = {"", "\n", "\xBF", "\x80", "x"};
  const std::string run = "ab\t\x01 {";
  for (const char* before : befores) {
    for (const char* after : afters) {
      CAPTURE(before, after);
      text_position by_bytes;
      text_position by_run;
      for (const char* p = before; *p; ++p) {
        by_bytes.advance_byte(static_cast<unsigned char>(*p));
        by_run.advance_byte(static_cast<unsigned char>(*p));
      }
      for (char c : run) by_bytes.advance_byte(static_cast<unsigned char>(c));
      by_run.advance_columns(static_cast<int>(run.size()));
      for (const char* p = after; *p; ++p) {
        by_bytes.advance_byte(static_cast<unsigned char>(*p));
        by_run.advance_byte(static_cast<unsigned char>(*p));
      }
      CHECK(by_run.line() == by_bytes.line());
      CHECK(by_run.column() == by_bytes.column());
    }
  }
}

TEST_CASE("Extract places mentions after a BOM, a lone CR and a NUL as an editor does") {
  // Issue 14, item 18: the BOM counted as a column (13, not 12); a lone CR
  // left "line two" on line 1; a NUL between number and unit dropped the unit.
  auto bom = scan_text("\xEF\xBB\xBFGPT-3 used 3584 GPUs.\n");
  REQUIRE(bom.size() == 1);
  CHECK(bom[0].span.line == 1);
  CHECK(bom[0].span.column == 12);

  // "two" is a number word: line 2, column 6, as "7 GPUs" is at column 10.
  auto cr = scan_text("line one 5 GPUs\rline two 7 GPUs\n");
  REQUIRE(cr.size() == 3);
  CHECK(cr[0].span.line == 1);
  CHECK(cr[1].surface == "two");
  CHECK(cr[1].span.line == 2);
  CHECK(cr[1].span.column == 6);
  CHECK(cr[2].span.line == 2);
  CHECK(cr[2].span.column == 10);

  auto crlf = scan_text("line one 5 GPUs\r\nline two 7 GPUs\n");
  REQUIRE(crlf.size() == 3);
  CHECK(crlf[2].span.line == 2);
  CHECK(crlf[2].span.column == 10);

  // A NUL is read through, as if absent, and kept in the surface and span.
  const std::string nul_text("3584 \0GPUs\n", 11);
  auto nul = scan_text(nul_text);
  REQUIRE(nul.size() == 1);
  CHECK(nul[0].unit_word == "GPUs");
  CHECK(nul[0].number.value == 3584);
  CHECK(nul[0].surface == std::string("3584 \0GPUs", 10));
  CHECK(nul[0].span.byte_length == 10);

  auto glued = scan_text(std::string("3584\0 GPUs and 12 \0\0hours\n", 26));
  REQUIRE(glued.size() == 2);
  CHECK(glued[0].unit_word == "GPUs");
  CHECK(glued[1].unit_word == "hours");
  CHECK(glued[1].span.column == 16);
}

TEST_CASE("JSON diagnostics count a lone CR as a line break, as extract does") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "claimcheck_text_position_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "claims.json";
  {
    std::ofstream out(file, std::ios::binary);
    out << "{\r  \"claimcheck\": 2,\r  \"claims\": [\r    oops\r  ]\r}\r";
  }
  load_options options;
  options.threads = 1;
  auto loaded = load_paths({file}, options);
  REQUIRE_FALSE(loaded.ok());
  REQUIRE_FALSE(loaded.problems.empty());
  const auto& d = loaded.problems.front();
  CAPTURE(d.message);
  CHECK(d.code == "json.syntax");
  CHECK(d.where.line == 4);
  CHECK(d.where.column == 5);
  fs::remove_all(dir);
}
