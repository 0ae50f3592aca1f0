// SPDX-License-Identifier: MIT
// Display of numbers, values with units, intervals and margins: one module
// used by every report writer, so a figure reads the same everywhere.
//
// Example: format_value(3111, USD) == "3.11k USD";
//          format_value(2.34e21, FLOP) == "2.34e21 FLOP";
//          format_interval({10.5, 11.5}, min) == "[10.5, 11.5] min";
//          readable(654.3 s) is 10.9 min.
//
// Rules (exact strings are in tests/report_test.cpp):
// - three significant digits, trailing zeros dropped, but never fewer digits
//   than the integer part below 1e6: 3584 stays "3584", 653.47 is "653";
// - money (a single currency, "USD") from 1000 up: the number takes a k, M, B
//   or T suffix ("3.11k USD", "4.5M USD"), as newspapers write it; SI
//   prefixes are not allowed on currencies (claim-format, "units");
// - other magnitudes of 1e6 and more, or below 1e-3: "2.34e21" (no '+', no
//   leading zeros in the exponent);
// - an interval's bounds are rounded outwards, so that the interval shown
//   always contains the one computed ([116.69, 129.07] reads "[116, 130]"),
//   with as many more digits as it takes to move neither bound by more than
//   a tenth of the width ("[3583.5, 3584.5]", not "[3583, 3585]"); a point
//   interval (or one a few ulps wide) shows as one value;
// - infinite bounds read "inf" and "-inf"; unit "1" is not written, "%" is
//   written without a space ("40.4%");
// - a value in plain seconds (no record chose its unit) is shown in s below
//   2 min, in min below 2 h, in h below 2 d, in d below 1 yr, else in yr
//   (readable()).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/interval.hpp"
#include "claimcheck/units.hpp"

namespace claimcheck::report {

// A number with `digits` significant digits (plain or "1.85e6" form).
std::string format_number(double v, int digits = 3);

// A number in a unit: "3.11k USD", "2.34e21 FLOP", "653 GPU*h", "10.9 min".
std::string format_value(double v, const unit& u);

// The same with `digits` significant digits (at least 3 reads well).
std::string format_value(double v, const unit& u, int digits);

// The significant digits format_interval uses for the interval (3 or more),
// so that a nominal value can be shown as precisely as its bounds.
int interval_digits(interval i, const unit& u);

// Both bounds with interval_digits(i, u) significant digits, rounded
// outwards (the low bound down, the high bound up), without the unit:
// ("1.5e11", "2.5e11"), ("989.35", "989.45"), ("400", "inf").
std::pair<std::string, std::string> format_bounds(interval i, const unit& u);

// "[10.5, 11.5] min"; a point interval: "3584 GPU".
std::string format_interval(interval i, const unit& u);

// The interval of a shown value, in its unit.
std::string format_shown(const shown_value& s);

// The same value in a readable unit when it is in plain seconds (see above);
// any other value is returned unchanged.
shown_value readable(const shown_value& s);

// A shown value for a person: its interval in a readable unit, and its
// nominal value where the interval is not a point, as precisely as the
// bounds are written: "[10.5, 11.5] min, nominal 11 min".
std::string shown_with_nominal(const shown_value& s);

// A figure as its claim file states it: "11 min, stated", "2万 USD, about
// ±10%"; a date as written ("2023-07-06").
std::string figure_as_written(const figure_record& f);

// A CSV field (RFC 4180): the text, or, when it holds a comma, a quote or a
// line break, the text in quotes with its quotes doubled.
std::string csv_field(std::string_view text);

// A ratio with `digits` significant digits, more for the integer part, and
// as many more as it takes for a ratio other than 1 not to read "1"
// (1.0000000001 reads so; 17 digits tell any double from 1): margins use two
// ("134", "6.4", "1.01" for 1.011), nominal ratios three ("1.02" for
// 1.025, "0.976"), since a ratio near 1 is where a reader needs the digits.
std::string format_ratio_number(double ratio, int digits);

// The same followed by "x": "134x", "6.4x", "1.01x".
std::string format_ratio(double ratio, int digits = 2);

// "short by 134x", "6.4x above", "3.2x apart"; without a ratio, the gap in
// the display unit: "short by 5 USD"; an infinite ratio: "short by an
// unbounded factor".
std::string describe_margin(const failure_margin& m, const unit& display);

// True for a unit that is exactly one currency (USD, CNY, ...).
bool is_money(const unit& u);

// The same value in another unit of its dimension (display only).
shown_value convert_shown(const shown_value& s, const unit& to);

// Text safe inside a Markdown table cell: '|' escaped, line breaks as spaces,
// and '<', '>', '&' as character references (Markdown passes raw HTML on).
std::string markdown_cell(std::string_view text);

// Text inside a code span of a table cell (`a < b`): HTML is not read there,
// so only '|' and line breaks are escaped, and a backquote becomes a quote.
std::string markdown_code_cell(std::string_view text);

// Text safe in HTML and in XML (the SVG charts) alike: &, <, >, " and ' as
// character references, and control characters other than tab and line
// feed (not allowed in XML 1.0) as spaces.
std::string html_escape(std::string_view text);

// The order reports list claim verdicts in: contradicted, questionable,
// supported, unverified (worst first).
int verdict_rank(claim_verdict v);

// Output formats of the reports; the names are the --format values.
enum class output_format { text, markdown, json, csv };
std::optional<output_format> parse_output_format(std::string_view name);  // text md json csv
const char* to_string(output_format f);

// ANSI colours for text reports, used only when the tool asks for colour.
enum class colour { none, red, green, yellow, bold };
// The order a reader reads outcomes in (fail 0, inconclusive 1, pass 2), and
// their colours (red, yellow, green): one for every writer.
int outcome_rank(check_outcome o);
colour outcome_colour(check_outcome o);
// "PASS", "FAIL", "INCONCLUSIVE": an outcome as the text reports show it.
const char* outcome_label(check_outcome o);
std::string paint(const std::string& text, colour c, bool enabled);

}  // namespace claimcheck::report
