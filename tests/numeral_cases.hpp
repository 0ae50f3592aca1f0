// SPDX-License-Identifier: MIT
// The numeral tables shared by numerals_test (value strings) and
// scanner_test (the same numerals inside a sentence): one reader, so both
// paths must give the same value and precision on every row.
#pragma once

#include <vector>

struct numeral_value_case {
  const char* text;
  double value;
  double precision;
  bool magnitude_only = false;
};

// clang-format off
inline const std::vector<numeral_value_case>& numeral_value_cases() {
  static const std::vector<numeral_value_case> cases = {
      // digits and separators
      {"20000", 20000, 1e4},
      {"3,584", 3584, 1},
      {"1,211,105,280", 1211105280, 10},
      {"1.2e21", 1.2e21, 1e20},
      {"-3", -3, 1},
      {"0", 0, 1},
      {"0.5", 0.5, 0.1},
      {"1.50", 1.5, 0.01},
      // full-width digits and punctuation
      {"３５８４", 3584, 1},
      {"３，５８４", 3584, 1},
      {"４．５Ｍ", 4.5e6, 1e5},
      // Latin scales
      {"175B", 175e9, 1e9},
      {"4.5M", 4.5e6, 1e5},
      {"4.5bn", 4.5e9, 1e8},
      {"1.1M", 1.1e6, 1e5},
      {"10K", 1e4, 1e4},
      {"10k", 1e4, 1e4},
      {"2T", 2e12, 1e12},
      {"-4.5M", -4.5e6, 1e5},
      // digits with Chinese scales, simplified and traditional
      {"2万", 2e4, 1e4},
      {"2萬", 2e4, 1e4},
      {"450萬", 450e4, 1e5},
      {"2000亿", 2e11, 1e11},
      {"2000億", 2e11, 1e11},
      {"1.5万", 1.5e4, 1e3},
      {"1.50万", 1.5e4, 1e2},
      {"3千", 3000, 1000},
      {"3千万", 3e7, 1e7},
      {"2亿5000万", 2.5e8, 1e7},
      {"2亿500万", 2.05e8, 1e6},
      {"1万2000", 12000, 1000},
      {"1万5", 15000, 1000},
      // Chinese numerals
      {"零", 0, 1},
      {"十", 10, 10},
      {"十二", 12, 1},
      {"三十五", 35, 1},
      {"一百零五", 105, 1},
      {"一百五", 150, 10},
      {"一百二十", 120, 10},
      {"一千零五十", 1050, 10},
      {"一千零十", 1010, 10},
      {"两千零二十三", 2023, 1},
      {"两千三百万", 2.3e7, 1e6},
      {"两千亿", 2e11, 1e11},
      {"兩千億", 2e11, 1e11},
      {"千亿", 1e11, 1e11},
      {"百万", 1e6, 1e6},
      {"十万", 1e5, 1e5},
      {"一万亿", 1e12, 1e12},
      {"五万三千亿", 5.3e12, 1e11},
      {"两万五", 25000, 1000},
      {"三亿零五百万", 3.05e8, 1e6},
      {"〇", 0, 1},
      // capital (financial) numerals
      {"壹佰零伍", 105, 1},
      {"贰拾", 20, 10},
      {"貳仟參佰", 2300, 100},
      {"叁万", 3e4, 1e4},
      {"陸拾柒", 67, 1},
      {"陆佰", 600, 100},
      {"肆仟伍佰萬", 4.5e7, 1e6},
      {"捌拾玖", 89, 1},
      // magnitudes only
      {"几十亿", 1e9, 1e9, true},
      {"幾十億", 1e9, 1e9, true},
      {"数十", 10, 10, true},
      {"數十", 10, 10, true},
      {"几百", 100, 100, true},
      {"几百万", 1e6, 1e6, true},
      {"几千万", 1e7, 1e7, true},
      {"数万", 1e4, 1e4, true},
      // decimals in words, doubled scales, 兆 (issue 12)
      {"零点五", 0.5, 0.1},
      {"零点零一", 0.01, 0.01},
      {"二点五", 2.5, 0.1},
      {"十五点七", 15.7, 0.1},
      {"三十五点六", 35.6, 0.1},
      {"三点五亿", 3.5e8, 1e7},
      {"一百零一", 101, 1},
      {"一千零五", 1005, 1},
      {"一万零一", 10001, 1},
      {"五亿零六", 500000006, 1},
      {"七十八万五佰零六", 780506, 1},
      {"2万5", 25000, 1000},
      {"三千五", 3500, 100},
      {"亿亿", 1e16, 1e16},
      {"10万万", 1e9, 1e9},
      {"1兆", 1e12, 1e12},
      {"２０万", 2e5, 1e5},
      {"1.2b", 1.2e9, 1e8},
      {"10bln", 1e10, 1e10},
      {"2mil", 2e6, 1e6},
      {"1MM", 1e6, 1e6},
      {"3tn", 3e12, 1e12},
      {"0.0", 0, 0.1},
      // half of a scale and dozens (issue 12): 半百 reads as 五十
      {"半百", 50, 10},
      {"半千", 500, 100},
      {"半万", 5000, 1000},
      {"半百万", 5e5, 1e5},
      {"一打", 12, 1},
      {"两打", 24, 1},
      {"三打", 36, 1},
  };
  return cases;
}
// clang-format on
