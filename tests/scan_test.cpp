// SPDX-License-Identifier: MIT
// Tests of the relation scan (core/include/claimcheck/scan.hpp): the
// conformance tables (sentences that state consistent arithmetic, rounded
// at the edge; sentences whose arithmetic fails; sentences that state no
// relation and must yield nothing), the pattern table's own examples, the
// seed article, the writers and the skeleton.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "claimcheck/loader.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/sarif.hpp"
#include "claimcheck/report/scan_report.hpp"
#include "claimcheck/scan.hpp"
#include "support.hpp"

using namespace claimcheck;

namespace {

using claimcheck::test::read_file;

enum class expected { pass, fail, none };

struct conformance_row {
  const char* sentence;
  expected outcome;
  const char* kind;  // the relation_kind found; "" for none
};

const char* name_of(expected e) {
  switch (e) {
    case expected::pass:
      return "pass";
    case expected::fail:
      return "fail";
    case expected::none:
      return "none";
  }
  return "none";
}

// Checks one row: exactly one finding of the kind and outcome, or none.
void check_row(const conformance_row& row) {
  CAPTURE(row.sentence);
  relation_scan_result r = scan_relations(row.sentence, "row.txt");
  CHECK(r.issues.empty());
  if (row.outcome == expected::none) {
    CHECK(r.findings.empty());
    for (const auto& f : r.findings) {
      CAPTURE(f.pattern);
      CAPTURE(to_string(f.outcome));
    }
    return;
  }
  CHECK(r.findings.size() == 1);
  if (r.findings.size() != 1) return;
  const relation_finding& f = r.findings[0];
  CAPTURE(f.pattern);
  CAPTURE(f.implied ? to_string(*f.implied) : std::string("none"));
  CAPTURE(to_string(f.stated.bounds));
  CHECK(std::string(to_string(f.kind)) == row.kind);
  CHECK(std::string(to_string(f.outcome)) == name_of(row.outcome));
}

// English. Consistent rows sit at the edge of their rounding; failing rows
// are wrong beyond it.
const conformance_row english_rows[] = {
    // ---- consistent
    {"Revenue rose from $120 million to $150 million, an increase of 25%.", expected::pass,
     "change"},
    {"Revenue rose 8% to $54 million from $50 million.", expected::pass, "change"},
    {"Prices fell 20% from $125 to $100.", expected::pass, "change"},
    {"Staff fell from 412 to 309, down 25%.", expected::pass, "change"},
    {"Sales grew 50% from 212 units to 318 units.", expected::pass, "change"},
    {"Costs went from $84 to $63, a decrease of 25%.", expected::pass, "change"},
    {"Profit fell 10% to $45.3 million from $50.3 million.", expected::pass, "change"},
    {"Users rose from 1.2 million to 1.5 million, an increase of 25%.", expected::pass, "change"},
    {"The fleet grew from 44 ships to 55 ships, a rise of 25%.", expected::pass, "change"},
    {"Output jumped 33% from 303 tonnes to 404 tonnes.", expected::pass, "change"},
    {"Rents climbed 6% to $1,070 from $1,010.", expected::pass, "change"},
    {"Exports increased 12.5% from $81.6 million to $91.8 million.", expected::pass, "change"},
    {"Downloads rose from 2,400 to 2,460, an increase of 2.5%.", expected::pass, "change"},
    {"The price dropped 15% from $2.40 to $2.04.", expected::pass, "change"},
    {"The share rose from 10% to 13.5%, up 3.5 percentage points.", expected::pass,
     "change_points"},
    {"Turnout fell from 62% to 55%, down 7 percentage points.", expected::pass, "change_points"},
    {"Sales doubled from $2.0 million to $4.1 million.", expected::pass, "change_factor"},
    {"Users tripled from 1.1 million to 3.5 million.", expected::pass, "change_factor"},
    {"Of the 250 models, 83 were open source, or 33%.", expected::pass, "share"},
    {"83 of the 250 models (33%) were open source.", expected::pass, "share"},
    {"Of its 1,240 employees, 310 work remotely, or 25%.", expected::pass, "share"},
    {"Of the 48 firms, 12 were profitable, or 25%.", expected::pass, "share"},
    {"They sold 12, 15 and 18 million units, a total of 45 million.", expected::pass, "total"},
    {"The three plants made 121, 133 and 146 cars, a total of 400.", expected::pass, "total"},
    {"Revenue came from $11 million, $22 million and $33 million, a total of $66 million.",
     expected::pass, "total"},
    {"The cluster has 448 servers of 8 GPUs each, 3,584 GPUs in all.", expected::pass, "product"},
    {"It used 1,024 GPUs for 30 days, about 737,000 GPU-hours.", expected::pass, "product"},
    {"At $2 per GPU-hour, 10,000 GPU-hours cost $20,000.", expected::pass, "product"},
    {"The farm has 24 racks with 16 servers each, a total of 384 servers.", expected::pass,
     "product"},
    {"Spending rose 2.5% from $1.60 billion to $1.64 billion.", expected::pass, "change"},
    {"The count went from 504 to 544, a rise of 8%.", expected::pass, "change"},
    {"Revenue was $5.2 billion, up 8% from $4.8 billion a year earlier.", expected::pass, "change"},
    {"Profit was $45.3 million, down 10% from $50.3 million.", expected::pass, "change"},
    // ---- inconsistent
    {"Revenue rose from $120 million to $150 million, an increase of 50%.", expected::fail,
     "change"},
    {"Revenue rose 25% to $54 million from $50 million.", expected::fail, "change"},
    {"Prices fell 20% from $125 to $75.", expected::fail, "change"},
    {"Staff fell from 412 to 309, down 33%.", expected::fail, "change"},
    {"Sales grew 50% from 212 units to 254 units.", expected::fail, "change"},
    {"Costs went from $84 to $63, a decrease of 33%.", expected::fail, "change"},
    {"Profit fell 20% to $45.3 million from $50.3 million.", expected::fail, "change"},
    {"Users rose from 1.2 million to 1.5 million, an increase of 45%.", expected::fail, "change"},
    {"The fleet grew from 44 ships to 55 ships, a rise of 32%.", expected::fail, "change"},
    {"Output jumped 25% from 303 tonnes to 404 tonnes.", expected::fail, "change"},
    {"Rents climbed 9% to $1,070 from $1,010.", expected::fail, "change"},
    {"Exports increased 15% from $81.6 million to $91.8 million.", expected::fail, "change"},
    {"Downloads rose from 2,400 to 2,460, an increase of 25%.", expected::fail, "change"},
    {"The price dropped 15% from $2.40 to $1.80.", expected::fail, "change"},
    {"The share rose from 12% to 13.5%, up 1.5%.", expected::fail, "change"},
    {"Turnout fell from 62% to 55%, down 9 percentage points.", expected::fail, "change_points"},
    {"Sales doubled from $2.0 million to $5.0 million.", expected::fail, "change_factor"},
    {"Users tripled from 1.1 million to 2.2 million.", expected::fail, "change_factor"},
    {"Of the 250 models, 83 were open source, or 40%.", expected::fail, "share"},
    {"83 of the 250 models (43%) were open source.", expected::fail, "share"},
    {"Of its 1,240 employees, 310 work remotely, or 35%.", expected::fail, "share"},
    {"Of the 48 firms, 12 were profitable, or 52%.", expected::fail, "share"},
    {"They sold 12, 15 and 18 million units, a total of 55 million.", expected::fail, "total"},
    {"The three plants made 121, 133 and 146 cars, a total of 450.", expected::fail, "total"},
    {"Revenue came from $11 million, $22 million and $33 million, a total of $77 million.",
     expected::fail, "total"},
    {"The cluster has 448 servers of 8 GPUs each, 3,854 GPUs in all.", expected::fail, "product"},
    {"It used 1,024 GPUs for 30 days, about 73,700 GPU-hours.", expected::fail, "product"},
    {"At $2 per GPU-hour, 10,000 GPU-hours cost $200,000.", expected::fail, "product"},
    {"The farm has 24 racks with 16 servers each, a total of 420 servers.", expected::fail,
     "product"},
    {"Spending rose 25% from $1.60 billion to $1.64 billion.", expected::fail, "change"},
    {"The count went from 504 to 544, a rise of 18%.", expected::fail, "change"},
    {"Revenue was $5.2 billion, up 18% from $4.8 billion a year earlier.", expected::fail,
     "change"},
    {"Profit was $45.3 million, down 20% from $50.3 million.", expected::fail, "change"},
    // ---- no relation
    {"The company has 448 servers and 3,584 GPUs.", expected::none, ""},
    {"Revenue was $150 million in 2023 and $120 million in 2022.", expected::none, ""},
    {"From 2020 to 2023, revenue rose 25%.", expected::none, ""},
    {"Revenue rose 25% to $150 million.", expected::none, ""},
    {"Revenue rose 25% to $150 million from $120 million and $100 million.", expected::none, ""},
    {"The event ran from July 6 to July 8 and drew 400 exhibitors.", expected::none, ""},
    {"Of the 250 models on show, several were open source.", expected::none, ""},
    {"Prices ranged from $10 to $20, depending on size.", expected::none, ""},
    {"He sold 12 cars and 15 trucks last year.", expected::none, ""},
    {"GPT-3 has 175B parameters and was trained on 300B tokens.", expected::none, ""},
    {"The league has 20 teams of 5 players each, 30 coaches in all.", expected::none, ""},
    {"They paid 500 workers for 3 days, about 12,000 worker-hours.", expected::none, ""},
    {"At $2 per GPU-hour, 10,000 GPUs cost $20,000.", expected::none, ""},
};

// Chinese.
const conformance_row chinese_rows[] = {
    // ---- consistent
    {"营收从120亿元增长到150亿元，增幅为25%。", expected::pass, "change"},
    {"参展企业达453家，比去年的412家增长了10%。", expected::pass, "change"},
    {"成本从84亿元降至63亿元，降幅为25%。", expected::pass, "change"},
    {"用户从1.2亿增长到1.5亿，增长25%。", expected::pass, "change"},
    {"销量从212万辆增加到318万辆，增幅达50%。", expected::pass, "change"},
    {"利润由50.3亿元下降至45.3亿元，降幅约10%。", expected::pass, "change"},
    {"出货量由303万台增至404万台，增长33%。", expected::pass, "change"},
    {"员工人数从412人减少到309人，减少了25%。", expected::pass, "change"},
    {"今年营收达到91.8亿元，比去年的81.6亿元增长了12.5%。", expected::pass, "change"},
    {"今年成本为63亿元，比上年的84亿元下降了25%。", expected::pass, "change"},
    {"价格从2.40元降至2.04元，跌幅为15%。", expected::pass, "change"},
    {"下载量从2400次增长到2460次，增幅为2.5%。", expected::pass, "change"},
    {"占比从10%上升到13.5%，提高了3.5个百分点。", expected::pass, "change_points"},
    {"投票率从62%下降到55%，下降了7个百分点。", expected::pass, "change_points"},
    {"营收从12亿元翻了一番，达到24亿元。", expected::pass, "change_factor"},
    {"用户从520万增长到1050万，翻了一番。", expected::pass, "change_factor"},
    {"产量从5.1吨翻了两番，达到20.4吨。", expected::pass, "change_factor"},
    {"共发布250款大模型，其中开源模型83款，占比33%。", expected::pass, "share"},
    {"开源模型83款，占全部250款的33%。", expected::pass, "share"},
    {"公司共有1240名员工，其中远程办公310人，占比25%。", expected::pass, "share"},
    {"48家企业中，其中盈利12家，占比为25%。", expected::pass, "share"},
    {"三个季度分别为12亿元、15亿元和18亿元，合计45亿元。", expected::pass, "total"},
    {"三家工厂产量分别为121辆、133辆和146辆，共计400辆。", expected::pass, "total"},
    {"两个项目投资分别为11亿元和22亿元，总计33亿元。", expected::pass, "total"},
    {"全年合计45亿元，三个季度分别为12亿元、15亿元和18亿元。", expected::pass, "total"},
    {"共有448台服务器，每台8张GPU，合计3584张GPU。", expected::pass, "product"},
    {"机房有24个机柜，每个机柜16台服务器，共384台服务器。", expected::pass, "product"},
    {"按每GPU时2美元计算，10000 GPU时的成本为2万美元。", expected::pass, "product"},
    {"支出从16.0亿美元增长到16.4亿美元，增长2.5%。", expected::pass, "change"},
    {"数量从504个增至544个，增长8%。", expected::pass, "change"},
    {"营收由81亿元增长至101亿元，同比增长25%。", expected::pass, "change"},
    {"营收从一百二十亿元增长到一百五十亿元，增幅为百分之二十五。", expected::pass, "change"},
    {"营收为91.8亿元，较去年的81.6亿元增长12.5%。", expected::pass, "change"},
    // ---- inconsistent
    {"营收从120亿元增长到150亿元，增幅为50%。", expected::fail, "change"},
    {"参展企业达453家，比去年的412家增长了20%。", expected::fail, "change"},
    {"成本从84亿元降至63亿元，降幅为33%。", expected::fail, "change"},
    {"用户从1.2亿增长到1.5亿，增长45%。", expected::fail, "change"},
    {"销量从212万辆增加到254万辆，增幅达50%。", expected::fail, "change"},
    {"利润由50.3亿元下降至45.3亿元，降幅约20%。", expected::fail, "change"},
    {"出货量由303万台增至404万台，增长25%。", expected::fail, "change"},
    {"员工人数从412人减少到309人，减少了33%。", expected::fail, "change"},
    {"今年营收达到91.8亿元，比去年的81.6亿元增长了15%。", expected::fail, "change"},
    {"今年成本为63亿元，比上年的84亿元下降了33%。", expected::fail, "change"},
    {"价格从2.40元降至1.80元，跌幅为15%。", expected::fail, "change"},
    {"下载量从2400次增长到2460次，增幅为25%。", expected::fail, "change"},
    {"占比从12%上升到13.5%，提高了1.5%。", expected::fail, "change"},
    {"投票率从62%下降到55%，下降了9个百分点。", expected::fail, "change_points"},
    {"营收从12亿元翻了一番，达到31亿元。", expected::fail, "change_factor"},
    {"用户从520万增长到1350万，翻了一番。", expected::fail, "change_factor"},
    {"产量从5.1吨翻了两番，达到10.2吨。", expected::fail, "change_factor"},
    {"共发布250款大模型，其中开源模型83款，占比40%。", expected::fail, "share"},
    {"开源模型83款，占全部250款的43%。", expected::fail, "share"},
    {"公司共有1240名员工，其中远程办公310人，占比35%。", expected::fail, "share"},
    {"48家企业中，其中盈利12家，占比为52%。", expected::fail, "share"},
    {"三个季度分别为12亿元、15亿元和18亿元，合计55亿元。", expected::fail, "total"},
    {"三家工厂产量分别为121辆、133辆和146辆，共计450辆。", expected::fail, "total"},
    {"两个项目投资分别为11亿元和22亿元，总计38亿元。", expected::fail, "total"},
    {"全年合计55亿元，三个季度分别为12亿元、15亿元和18亿元。", expected::fail, "total"},
    {"共有448台服务器，每台8张GPU，合计3854张GPU。", expected::fail, "product"},
    {"机房有24个机柜，每个机柜16台服务器，共420台服务器。", expected::fail, "product"},
    {"按每GPU时2美元计算，10000 GPU时的成本为20万美元。", expected::fail, "product"},
    {"支出从16.0亿美元增长到16.4亿美元，增长25%。", expected::fail, "change"},
    {"数量从504个增至544个，增长18%。", expected::fail, "change"},
    {"营收由81亿元增长至101亿元，同比增长35%。", expected::fail, "change"},
    {"营收为91.8亿元，较去年的81.6亿元增长15%。", expected::fail, "change"},
    // ---- no relation
    {"营收达150亿元，同比增长25%。", expected::none, ""},
    {"比去年的412家增长了10%。", expected::none, ""},
    {"参展企业超400家，优秀初创企业超50家，首发首展新品达30余款。", expected::none, ""},
    {"在2020年训练GPT-3模型需要450万美元，在2022年依然需要45万美元。", expected::none, ""},
    {"美国初创公司CoreWeave使用3584张H100芯片，仅用时11分钟就完成训练，整体开销约2万美元。",
     expected::none, ""},
    {"7月6日至8日，第六届世界人工智能大会在上海举行。", expected::none, ""},
    {"华为、阿里、百度等多家厂商的30余款大模型亮相。", expected::none, ""},
    {"今年营收达到150亿元，比去年的120亿元和前年的100亿元增长了25%。", expected::none, ""},
    {"价格在10元到20元之间。", expected::none, ""},
    {"营收从120亿元增长到150亿元，净利润增长25%。", expected::none, ""},
    {"今年营收达到91.8亿元，净利润比去年的81.6亿元增长了15%。", expected::none, ""},
    {"公司共有1240名员工，其中远程办公310人，营收占比35%。", expected::none, ""},
};

// Rows that need the numeral reader of issue 12: English number words,
// 点 as a decimal point, 成 for tenths and a hedge between numeral and scale.
// ("two million" has the precision of its last non-zero digit, as "2
// million" has, so doubling to five million is within rounding: the failing
// row doubles to seven.)
const conformance_row number_word_rows[] = {
    {"Sales doubled from two million to four million units.", expected::pass, "change_factor"},
    {"Sales doubled from two million to seven million units.", expected::fail, "change_factor"},
    {"Of the twelve firms, three were profitable, or 25%.", expected::pass, "share"},
    {"Of the twelve firms, three were profitable, or 40%.", expected::fail, "share"},
    {"Revenue rose from $1.2 billion to $1.5 billion, an increase of twenty-five percent.",
     expected::pass, "change"},
    {"占比从10%上升到13.5%，提高了三点五个百分点。", expected::pass, "change_points"},
    {"占比从12%上升到13.5%，提高了三点五个百分点。", expected::fail, "change_points"},
    {"共发布250款大模型，其中开源模型75款，占比三成。", expected::pass, "share"},
    {"共发布250款大模型，其中开源模型75款，占比四成。", expected::fail, "share"},
    {"价格从2.4元降至1.8元，降幅两成五。", expected::pass, "change"},
    {"营收从120多亿元增长到150亿元，增幅为20%。", expected::pass, "change"},
    // 一成五 (15%): was read as a lone 五, 一 taken for the article.
    {"价格从2.4元降至2.04元，降幅一成五。", expected::pass, "change"},
    {"价格从2.4元降至1.8元，降幅一成五。", expected::fail, "change"},
};

}  // namespace

TEST_CASE("Number words, 点 decimals, 成 tenths and inner hedges give relations") {
  for (const auto& row : number_word_rows) check_row(row);
}

TEST_CASE(
    "English conformance: consistent arithmetic passes, wrong arithmetic fails, prose "
    "yields nothing") {
  std::size_t pass = 0, fail = 0;
  for (const auto& row : english_rows) {
    check_row(row);
    pass += row.outcome == expected::pass;
    fail += row.outcome == expected::fail;
  }
  CHECK(pass >= 30);
  CHECK(fail >= 30);
}

TEST_CASE(
    "Chinese conformance: consistent arithmetic passes, wrong arithmetic fails, prose "
    "yields nothing") {
  std::size_t pass = 0, fail = 0;
  for (const auto& row : chinese_rows) {
    check_row(row);
    pass += row.outcome == expected::pass;
    fail += row.outcome == expected::fail;
  }
  CHECK(pass >= 30);
  CHECK(fail >= 30);
}

TEST_CASE("Every row of the pattern tables finds a relation in its own example") {
  for (const auto& info : relation_patterns()) {
    CAPTURE(info.id);
    CAPTURE(info.example);
    relation_scan_result r = scan_relations(info.example, "example.txt");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].pattern == info.id);
    CHECK(r.findings[0].language == info.language);
  }
}

TEST_CASE("The seed article states no arithmetic: scan finds nothing to flag in it") {
  // claims/waic-2023/article.txt gives its figures side by side (3584 GPUs,
  // 11 minutes, about 2万 USD; 450万 and 45万 USD in 2020 and 2022) but states
  // no change, share, total or product between them: a correct article must
  // cost the tool no false flag.
  const std::string path = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/waic-2023/article.txt";
  const std::string text = read_file(path);
  REQUIRE(text.size() > 10000);
  relation_scan_result r = scan_relations(text, path);
  CHECK(r.issues.empty());
  CHECK(r.findings.empty());
}

TEST_CASE("A finding carries the sentence's place, the figures as read and the implied value") {
  const std::string text =
      "A first line.\n"
      "Then revenue rose from $120 million to $150 million, an increase of 50%. Next.\n";
  relation_scan_result r = scan_relations(text, "news.txt");
  REQUIRE(r.findings.size() == 1);
  const relation_finding& f = r.findings[0];
  CHECK(f.sentence.line == 2);
  CHECK(f.sentence.column == 1);
  CHECK(f.sentence_text ==
        "Then revenue rose from $120 million to $150 million, an increase of 50%.");
  CHECK(f.kind == relation_kind::change);
  CHECK(f.pattern == "en.change.from_to_noun");
  CHECK(f.words == "change from $120 million to $150 million");
  REQUIRE(f.figures.size() == 3);
  CHECK(f.figures[0].role == "base");
  CHECK(f.figures[0].surface == "$120 million");
  CHECK(nearly_equal(f.figures[0].bounds.lo, 1.15e8));
  CHECK(nearly_equal(f.figures[0].bounds.hi, 1.25e8));
  CHECK(f.figures[1].role == "result");
  CHECK(f.figures[2].role == "stated");
  CHECK(f.figures[2].span.line == 2);
  CHECK(f.figures[2].span.column == 69);
  REQUIRE(f.implied);
  // 100 * ([1.45e8, 1.55e8] - [1.15e8, 1.25e8]) / [1.15e8, 1.25e8]
  CHECK(f.implied->lo == Approx(16.0));
  CHECK(f.implied->hi == Approx(100.0 * 4e7 / 1.15e8));
  CHECK(f.implied_nominal == Approx(25.0));
  CHECK(f.outcome == check_outcome::fail);
  REQUIRE(f.margin);
  CHECK(f.margin->kind == margin_kind::apart);
  CHECK(report::relation_margin_text(f) == "1.3x apart (nominal 2x)");
}

TEST_CASE("A base whose interval holds zero makes the relation inconclusive") {
  // "0" stands for [-0.5, 0.5]: no rate of change can be computed from it.
  relation_scan_result r =
      scan_relations("Sales rose from 0 units to 40 units, an increase of 50%.", "a.txt");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].outcome == check_outcome::inconclusive);
  CHECK_FALSE(r.findings[0].implied);
  CHECK_FALSE(r.findings[0].margin);
  std::vector<relation_scan_result> results{r};
  CHECK(report::scan_report_text(results).find(
            "a.txt:1:1: INCONCLUSIVE change from 0 to 40, stated 50%") == 0);
  CHECK(report::scan_diagnostics(results)[0].code == "scan.inconclusive");
}

TEST_CASE("A change of percentages stated in per cent fails with a note when points fit") {
  relation_scan_result r = scan_relations("The share rose from 12% to 13.5%, up 1.5%.", "a.txt");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].outcome == check_outcome::fail);
  CHECK(r.findings[0].note.find("percentage points") != std::string::npos);
  relation_scan_result points =
      scan_relations("The share rose from 12% to 13.5%, up 1.5 percentage points.", "a.txt");
  REQUIRE(points.findings.size() == 1);
  CHECK(points.findings[0].kind == relation_kind::change_points);
  CHECK(points.findings[0].outcome == check_outcome::pass);
}

TEST_CASE(
    "Scan reports: text lists failures first, jsonl one object per finding, sarif and "
    "github through diagnostics") {
  std::vector<relation_scan_result> results = {
      scan_relations("Revenue rose 8% to $54 million from $50 million.\n"
                     "Prices fell 20% from $125 to $75.\n",
                     "news.txt")};
  REQUIRE(results[0].findings.size() == 2);
  std::string text = report::scan_report_text(results);
  CHECK(text.find("news.txt:2:1: FAIL change from $125 to $75, stated -20%") == 0);
  CHECK(text.find("PASS") == std::string::npos);  // passes only with --all
  CHECK(text.find("2 relations: 1 pass, 1 fail, 0 inconclusive\n") != std::string::npos);
  report::scan_report_options all;
  all.all = true;
  std::string every = report::scan_report_text(results, all);
  CHECK(every.find("FAIL") < every.find("news.txt:1:1: PASS"));

  std::string jsonl = report::scan_report_jsonl(results, all);
  CHECK(std::count(jsonl.begin(), jsonl.end(), '\n') == 2);
  CHECK(jsonl.find("\"outcome\":\"pass\"") != std::string::npos);
  CHECK(jsonl.find("\"margin\":\"1.6x apart (nominal 2x)\"") != std::string::npos);

  std::string json = report::scan_report_json(results);
  CHECK(json.find("\"report\":\"scan\"") == 1);
  CHECK(json.find("\"summary\":{\"relations\":2,\"pass\":1,\"fail\":1,\"inconclusive\":0}") !=
        std::string::npos);

  diagnostics d = report::scan_diagnostics(results);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "scan.inconsistent");
  CHECK(d[0].level == severity::error);
  CHECK(d[0].where.line == 2);
  CHECK(report::scan_diagnostics(results, all).size() == 2);
}

TEST_CASE("docs/scan.md names every row of the pattern tables with its example") {
  const std::string doc = read_file(std::string(CLAIMCHECK_SOURCE_DIR) + "/docs/scan.md");
  REQUIRE(!doc.empty());
  for (const auto& info : relation_patterns()) {
    CAPTURE(info.id);
    CHECK(doc.find("`" + info.id + "`") != std::string::npos);
    CHECK(doc.find(info.example) != std::string::npos);
  }
}

TEST_CASE(
    "A text read in blocks of lines gives the findings of the whole text, at the same "
    "places") {
  // Over 1 MiB: several blocks of 256 KiB, so findings after the first block need their
  // lines and offsets carried over.
  // Mostly prose with figures but no trigger word, so the test stays quick.
  std::string filler;
  for (int k = 0; k < 100; ++k) filler += "Plain prose, 3 numbers: 4, 5; 6.\n";
  const std::string lines = filler +
                            "Prices fell 20% from $125 to $75.\n"
                            "营收从120亿元增长到150亿元，增幅为25%。\n";
  std::string text;
  while (text.size() < (std::size_t{5} << 18)) text += lines;
  text += "Of the 250 models, 83 were open source, or 40%.\n";
  relation_scan_result whole = scan_relations(text, "big.txt");
  std::istringstream in(text);
  relation_scan_result streamed = scan_relations(in, "big.txt");
  REQUIRE(whole.findings.size() == streamed.findings.size());
  REQUIRE(whole.findings.size() == 2 * (text.size() / lines.size()) + 1);
  const relation_finding& last = streamed.findings.back();
  CHECK(last.kind == relation_kind::share);
  CHECK(last.sentence.line == static_cast<int>(std::count(text.begin(), text.end(), '\n')));
  CHECK(text.compare(last.sentence.byte_offset, last.sentence_text.size(), last.sentence_text) ==
        0);
  CHECK(text.compare(last.stated.span.byte_offset, 3, "40%") == 0);
  for (std::size_t k = 0; k < whole.findings.size(); k += 97) {
    CHECK(whole.findings[k].sentence.line == streamed.findings[k].sentence.line);
    CHECK(whole.findings[k].sentence.byte_offset == streamed.findings[k].sentence.byte_offset);
  }
}

namespace {

// Over 512 KiB (three blocks of 256 KiB) of prose whose relations pass,
// fail and are inconclusive in turn; mostly figures with no trigger word, so
// that scanning it stays quick.
std::string blocks_of_every_outcome() {
  std::string filler;
  for (int k = 0; k < 60; ++k) filler += "Plain prose, 3 numbers: 4, 5; 6.\n";
  const std::string lines = filler +
                            "Revenue rose 8% to $54 million from $50 million.\n"
                            "Prices fell 20% from $125 to $75.\n"
                            "Sales rose from 0 units to 40 units, an increase of 50%.\n";
  std::string text;
  while (text.size() < (std::size_t{9} << 16)) text += lines;
  return text;
}

// The files a report is made of: one of several blocks, one of each outcome
// in a line, one with no relation.
struct report_file {
  std::string name;
  std::string text;
};
const std::vector<report_file>& report_files() {
  static const std::vector<report_file> files = {
      {"blocks.txt", blocks_of_every_outcome()},
      {"short.txt",
       "Sales rose from 0 units to 40 units, an increase of 50%. Prices fell 20% from $125 to "
       "$75.\n营收从120亿元增长到150亿元，增幅为25%。\n"},
      {"none.txt", "No relation here, only 3 figures: 4 and 5.\n"},
  };
  return files;
}

std::string label_of_code(const std::string& code) {
  if (code == "scan.inconsistent") return "FAIL";
  if (code == "scan.inconclusive") return "INCONCLUSIVE";
  return "PASS";
}

}  // namespace

TEST_CASE(
    "The streamed scan report is the whole-result report, byte for byte, for every format, "
    "with and without --all") {
  std::vector<relation_scan_result> results;
  for (const auto& file : report_files()) results.push_back(scan_relations(file.text, file.name));
  REQUIRE(summarise(results).fail > 0);
  REQUIRE(summarise(results).inconclusive > 0);
  REQUIRE(summarise(results).pass > 0);
  struct row {
    report::scan_format format;
    bool all;
  };
  const row rows[] = {
      {report::scan_format::text, false},   {report::scan_format::text, true},
      {report::scan_format::jsonl, false},  {report::scan_format::jsonl, true},
      {report::scan_format::json, false},   {report::scan_format::json, true},
      {report::scan_format::sarif, false},  {report::scan_format::sarif, true},
      {report::scan_format::github, false}, {report::scan_format::github, true},
  };
  for (const auto& row : rows) {
    report::scan_report_options options;
    options.all = row.all;
    CAPTURE(static_cast<int>(row.format), row.all);
    // Streamed: each file read from a stream, the findings written as they
    // come, the later outcomes spilled through temporary files (blocks of
    // 256 bytes in memory).
    std::string streamed;
    std::size_t pieces = 0;
    report::scan_report_writer writer(
        row.format, options,
        [&](std::string_view piece) {
          streamed += piece;
          ++pieces;
        },
        256);
    for (const auto& file : report_files()) {
      writer.begin_file(file.name);
      std::istringstream in(file.text);
      CHECK(scan_relations_to(in, [&writer](relation_finding&& f) { writer.add(f); }).empty());
    }
    REQUIRE_FALSE(writer.finish());
    CHECK(pieces > 1);
    CHECK(writer.summary().total == summarise(results).total);
    CHECK(writer.summary().fail == summarise(results).fail);

    // Whole: the findings held; SARIF and GitHub from the diagnostics in
    // reading order, an independent path to the order of the failures first.
    std::string whole;
    switch (row.format) {
      case report::scan_format::text:
        whole = report::scan_report_text(results, options);
        break;
      case report::scan_format::jsonl:
        whole = report::scan_report_jsonl(results, options);
        break;
      case report::scan_format::json:
        whole = report::scan_report_json(results, options);
        break;
      case report::scan_format::sarif:
        whole = report::sarif_log(report::scan_diagnostics(results, options));
        break;
      case report::scan_format::github:
        whole = report::github_annotations(report::scan_diagnostics(results, options));
        break;
    }
    CHECK(streamed == whole);
    if (row.format != report::scan_format::text) continue;
    // The text lists what the diagnostics list, in their order: failures,
    // then inconclusive relations, then passes, each in file and text order.
    std::vector<std::string> expected, listed;
    for (const auto& d : report::scan_diagnostics(results, options)) {
      expected.push_back(d.where.file + ":" + std::to_string(d.where.line) + ":" +
                         std::to_string(d.where.column) + ": " + label_of_code(d.code));
    }
    std::istringstream text(streamed);
    for (std::string line; std::getline(text, line);) {
      if (line.rfind("    ", 0) == 0 || line.find(" relations: ") != std::string::npos) continue;
      const std::size_t label = line.find(": ", line.find(":", line.find(":") + 1) + 1) + 2;
      listed.push_back(line.substr(0, line.find(' ', label)));
    }
    CHECK(listed == expected);
  }
}

TEST_CASE(
    "The streaming scan hands each finding on before the rest of the input is read, and the "
    "report writer passes it on: memory does not grow with the findings") {
  const std::string text = blocks_of_every_outcome();
  std::istringstream in(text);
  report::scan_report_options all;
  all.all = true;
  for (auto format : {report::scan_format::jsonl, report::scan_format::json}) {
    CAPTURE(static_cast<int>(format));
    in.clear();
    in.seekg(0);
    std::size_t written = 0;
    report::scan_report_writer writer(
        format, all, [&written](std::string_view piece) { written += piece.size(); }, 256);
    writer.begin_file("blocks.txt");
    std::size_t findings = 0;
    std::streamoff read_at_first = -1;
    std::size_t written_by_half = 0;  // report bytes passed on by the time half the text was read
    scan_relations_to(in, [&](relation_finding&& f) {
      if (findings++ == 0) read_at_first = in.tellg();
      if (in.tellg() >= 0 && static_cast<std::size_t>(in.tellg()) <= text.size() / 2)
        written_by_half = written;
      writer.add(f);
    });
    REQUIRE_FALSE(writer.finish());
    CHECK(findings > 500);
    // The first finding comes after the first block is read, not the text.
    CHECK(read_at_first > 0);
    CHECK(static_cast<std::size_t>(read_at_first) < text.size() / 2);
    // Passed on in runs as they come (text, SARIF and GitHub pass their
    // failures on so and spool the rest: the whole-report test above).
    CHECK(written_by_half > 0);
    CHECK(written_by_half < written);
  }
}

namespace {

struct sentence_place {
  const char* sentence;
  int line;
  int column;  // code points
  const char* pattern;
};

}  // namespace

TEST_CASE(
    "Sentences end at 。！？ and . ! ? and at line breaks, with their lines, columns and "
    "offsets exact") {
  // Chinese and English sentences side by side, so that every kind of end
  // follows multi-byte text; CR LF and a tab before sentences of a new line.
  const std::string text =
      "价格从2.4元降至1.8元，降幅25%。Revenue rose 8% to $54 million from $50 million! "
      "营收从120亿元增长到150亿元，增幅为25%？Sales grew 50% from 200 units to 300 units? "
      "成本从80亿元降至60亿元，降幅为25%！Prices fell 20% from $125 to $100.\n"
      "  Of the 250 models, 83 were open source, or 33%. Staff fell from 400 to 300, down 25%.\r\n"
      "\t用户从500万增长到1000万，翻了一番。Users tripled from 10 million to 30 million.";
  const sentence_place places[] = {
      {"价格从2.4元降至1.8元，降幅25%。", 1, 1, "zh.change.from_to_rate_fall"},
      {"Revenue rose 8% to $54 million from $50 million!", 1, 21, "en.change.verb_p_to_from"},
      {"营收从120亿元增长到150亿元，增幅为25%？", 1, 70, "zh.change.from_to_rate"},
      {"Sales grew 50% from 200 units to 300 units?", 1, 94, "en.change.verb_p_from_to"},
      {"成本从80亿元降至60亿元，降幅为25%！", 1, 138, "zh.change.from_to_rate_fall"},
      {"Prices fell 20% from $125 to $100.", 1, 159, "en.change.verb_p_from_to_fall"},
      {"Of the 250 models, 83 were open source, or 33%.", 2, 3, "en.share.of_n_m_or_p"},
      {"Staff fell from 400 to 300, down 25%.", 2, 51, "en.change.from_to_down"},
      {"用户从500万增长到1000万，翻了一番。", 3, 2, "zh.change_factor.doubled_after"},
      {"Users tripled from 10 million to 30 million.", 3, 23, "en.change_factor.tripled"},
  };
  std::istringstream in(text);
  for (const relation_scan_result& r :
       {scan_relations(text, "s.txt"), scan_relations(in, "s.txt")}) {
    REQUIRE(r.findings.size() == std::size(places));
    for (std::size_t k = 0; k < std::size(places); ++k) {
      const relation_finding& f = r.findings[k];
      CAPTURE(places[k].sentence);
      CHECK(f.sentence_text == places[k].sentence);
      CHECK(f.sentence.line == places[k].line);
      CHECK(f.sentence.column == places[k].column);
      CHECK(f.sentence.byte_offset == text.find(places[k].sentence));
      CHECK(f.sentence.byte_length == std::string(places[k].sentence).size());
      CHECK(f.pattern == places[k].pattern);
      CHECK(f.outcome == check_outcome::pass);
    }
  }
}

TEST_CASE(
    "Trigger words only the skeleton holds (a range's \" to \", a '#' made a space) admit "
    "their rows") {
  // "200-300" is one range mention, scanned as "#1# to #2#": the sentence has
  // no " to ", its skeleton has. "8%#to" reads as "#0# to" once the text's
  // '#' is a space.
  const sentence_place rows[] = {
      {"Sales grew 50% from 200-300 units.", 1, 1, "en.change.verb_p_from_to"},
      {"Sales grew 50% from 200 - 300 units.", 1, 1, "en.change.verb_p_from_to"},
      {"Revenue rose 8%#to $54 million from $50 million.", 1, 1, "en.change.verb_p_to_from"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.sentence);
    relation_scan_result r = scan_relations(row.sentence, "t.txt");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].pattern == row.pattern);
    CHECK(r.findings[0].outcome == check_outcome::pass);
  }
}

// Scan asks the scanner for no context (it writes none): the mentions must
// be the ones a scan with context reads, field for field.
TEST_CASE("A figure's mention is the scanner's reading of it, context aside") {
  std::vector<const conformance_row*> rows;
  for (const auto& row : english_rows) rows.push_back(&row);
  for (const auto& row : chinese_rows) rows.push_back(&row);
  std::size_t compared = 0;
  for (const conformance_row* row : rows) {
    CAPTURE(row->sentence);
    const std::vector<mention> read = scan_text(row->sentence);
    for (const auto& f : scan_relations(row->sentence, "row.txt").findings) {
      for (const auto& figure : f.figures) {
        if (figure.span.line == 0) continue;  // a factor stated by words
        const mention& m = figure.source;
        auto same = std::find_if(read.begin(), read.end(), [&m](const mention& r) {
          return r.span.byte_offset == m.span.byte_offset;
        });
        REQUIRE(same != read.end());
        CHECK(m.surface == same->surface);
        CHECK(m.span.byte_length == same->span.byte_length);
        CHECK(m.span.column == same->span.column);
        CHECK(m.number_text == same->number_text);
        CHECK(m.range_end_text == same->range_end_text);
        CHECK(m.kind == same->kind);
        CHECK(m.unit_word == same->unit_word);
        CHECK(m.hedge == same->hedge);
        CHECK(m.qual == same->qual);
        CHECK(m.value.bounds.lo == same->value.bounds.lo);
        CHECK(m.value.bounds.hi == same->value.bounds.hi);
        ++compared;
      }
    }
  }
  CHECK(compared >= 300);
}
