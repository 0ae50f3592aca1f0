// SPDX-License-Identifier: MIT
// Tests of coverage (core/include/claimcheck/coverage.hpp), claim skeletons,
// their writers (report/mentions.hpp) and the `coverage` and `extract
// --skeleton` commands.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "claimcheck/coverage.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/mentions.hpp"

using namespace claimcheck;
namespace fs = std::filesystem;

namespace {

const std::string demo = std::string(CLAIMCHECK_TEST_DATA) + "/scanner/coverage_demo";

dossier load_one(const fs::path& path) {
  load_result loaded = load_paths({path}, {});
  for (const auto& p : loaded.problems) INFO(format_diagnostic(p));
  REQUIRE(loaded.ok());
  REQUIRE(loaded.dossiers.size() == 1);
  return loaded.dossiers.front();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh folder under the system's temporary directory.
fs::path scratch_folder() {
  std::random_device seed;
  fs::path p = fs::temp_directory_path() / ("claimcheck-coverage-" + std::to_string(seed()));
  fs::create_directories(p);
  return p;
}

struct run_result {
  int exit_code = -1;
  std::string out, err;
};

run_result run_tool(const std::string& arguments, const fs::path& folder) {
  fs::path out = folder / "stdout.txt";
  fs::path err = folder / "stderr.txt";
  std::string command =
      std::string(CLAIMCHECK_BINARY) + " " + arguments + " >" + out.string() + " 2>" + err.string();
  int status = std::system(command.c_str());
  run_result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace

TEST_CASE("Coverage sorts each number into covered and uncovered with a hint") {
  coverage_result r = compute_coverage(load_one(demo));
  REQUIRE(r.problems.empty());
  CHECK(r.total() == 6);
  CHECK(r.covered.size() == 4);
  REQUIRE(r.uncovered.size() == 2);
  CHECK_FALSE(r.complete());

  // A quote that cuts the numeral does not cover it.
  CHECK(r.uncovered[0].found.surface == "超50家");
  CHECK(r.uncovered[0].found.span.line == 1);
  CHECK(r.uncovered[0].found.span.column == 17);
  CHECK(r.uncovered[0].hint.find("claim demo.startups") != std::string::npos);
  CHECK(r.uncovered[0].hint.find("cuts the numeral") != std::string::npos);
  // A quote covers the first place it occurs only.
  CHECK(r.uncovered[1].found.surface == "超400家");
  CHECK(r.uncovered[1].found.span.line == 4);
  CHECK(r.uncovered[1].hint.find("found first at line 1, column 1") != std::string::npos);

  // The annotated money figure and the list marker are covered.
  bool money = false, marker = false;
  for (const auto& c : r.covered) {
    if (c.found.surface == "約2萬(wàn)美元") money = !c.by_ignore && c.record == "demo.cost";
    if (c.found.surface == "第一") marker = c.by_ignore && c.reason == "list marker";
  }
  CHECK(money);
  CHECK(marker);

  // Idioms are seen, never demanded; an ignore entry over one is used.
  REQUIRE(r.idioms.size() == 1);
  CHECK(r.idioms[0].surface == "千行百業");
  REQUIRE(r.unused_ignores.size() == 1);
  CHECK(r.unused_ignores[0].quote == "整體開銷");
  CHECK(r.unused_ignores[0].where.line == 18);
}

TEST_CASE("A dossier without a document text cannot be covered") {
  dossier d;
  d.folder = "claims/empty";
  coverage_result r = compute_coverage(d);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].code == "coverage.no_text");
  CHECK_FALSE(r.complete());
}

TEST_CASE("The WAIC dossier covers every number of its article") {
  coverage_result r =
      compute_coverage(load_one(fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023"));
  for (const auto& u : r.uncovered) {
    INFO(r.text_file << ":" << u.found.span.line << ":" << u.found.span.column << " "
                     << u.found.surface << " " << u.hint);
    CHECK(false);
  }
  CHECK(r.complete());
  CHECK(r.total() >= 50);
  CHECK(r.issues.empty());
}

TEST_CASE("Coverage text and JSON name every uncovered number with its place") {
  coverage_result r = compute_coverage(load_one(demo));
  std::string text = report::coverage_text({r});
  CHECK(
      text.find("text.txt:1:17: uncovered: 超50家  (count, 50, over) in \"優秀初創企業超50家\"") !=
      std::string::npos);
  CHECK(text.find("text.txt:4:7: uncovered: 超400家") != std::string::npos);
  CHECK(text.find("claims.json:18:16: note: the ignore entry \"整體開銷\" covers no number") !=
        std::string::npos);
  CHECK(text.find("coverage_demo: 4 of 6 numbers covered (66.6%), 2 uncovered (3 by claims, 1 by "
                  "ignore entries; 1 idioms not counted)") != std::string::npos);

  // Several unused ignore entries make one note with an entry per line.
  coverage_result several = r;
  REQUIRE(several.unused_ignores.size() == 1);
  several.unused_ignores.push_back(several.unused_ignores.front());
  several.unused_ignores.back().quote = "多位專家";
  several.unused_ignores.back().where.line = 22;
  std::string grouped = report::coverage_text({several});
  CHECK(grouped.find("coverage_demo: note: 2 ignore entries cover no number (nothing there reads "
                     "as one; see docs/extraction.md):\n    ") != std::string::npos);
  CHECK(grouped.find("claims.json:18:16  \"整體開銷\"\n") != std::string::npos);
  CHECK(grouped.find("claims.json:22:16  \"多位專家\"\n") != std::string::npos);

  std::string json = report::coverage_json({r});
  CHECK(json.rfind("{\"report\":\"coverage\",\"format_version\":1,\"dossiers\":[", 0) == 0);
  CHECK(json.find("\"uncovered\":2") != std::string::npos);
  CHECK(json.find("\"surface\":\"超50家\"") != std::string::npos);
  CHECK(json.find("\"interval\":[50,null]") != std::string::npos);
  CHECK(json.find("\"covered_by\":\"ignore\",\"record\":\"第一是標記化\"") != std::string::npos);
  CHECK(json.find("\"summary\":{\"dossiers\":1,\"mentions\":6,\"covered\":4,\"uncovered\":2}") !=
        std::string::npos);
}

TEST_CASE("Skeletons carry a unique quote, the value as written, a unit and the qualifier") {
  dossier d = load_one(demo);
  coverage_result r = compute_coverage(d);
  std::vector<mention> uncovered;
  for (const auto& u : r.uncovered) uncovered.push_back(u.found);
  auto skeletons = make_skeletons(uncovered, d.document->text, {2023});
  REQUIRE(skeletons.size() == 2);
  CHECK(skeletons[0].id == "count_50");
  CHECK(skeletons[0].quote == "優秀初創企業超50家");
  CHECK(skeletons[0].value == std::vector<std::string>{"50"});
  CHECK(skeletons[0].value_is_number);
  CHECK(skeletons[0].qualifier == "over");
  CHECK(skeletons[0].unit == "1");
  CHECK(skeletons[0].note.find("家") != std::string::npos);
  // The same words occur first on line 1: the quote takes the clause that
  // makes the loader find it on line 4.
  CHECK(skeletons[1].id == "count_400");
  CHECK(skeletons[1].quote == "另有參展企業超400家");

  // Dates: the year comes from the options; a range gives two claims.
  std::string text = "會議於7月6日至8日舉行,約2萬(wàn)美元,兩千億參數。";
  auto mentions = scan_text(text);
  auto dated = make_skeletons(mentions, text, {2023});
  REQUIRE(dated.size() == 4);
  CHECK(dated[0].id == "date_2023_07_06_start");
  CHECK(dated[0].value == std::vector<std::string>{"2023-07-06"});
  CHECK(dated[0].unit == "date");
  CHECK(dated[1].value == std::vector<std::string>{"2023-07-08"});
  CHECK(dated[2].value == std::vector<std::string>{"2萬"});
  CHECK_FALSE(dated[2].value_is_number);
  CHECK(dated[2].unit == "USD");
  CHECK(dated[2].qualifier == "about");
  CHECK(dated[2].quote == "約2萬美元");
  CHECK(dated[3].id == "count_2e11");
  CHECK(dated[3].unit == "parameter");

  std::string json = report::skeletons_json(dated);
  CHECK(json.rfind(
            "{\n  \"claimcheck\": 1,\n  \"claims\": [\n    { \"id\": \"date_2023_07_06_start\"",
            0) == 0);
  CHECK(json.find("\"value\": \"2萬\", \"unit\": \"USD\", \"qualifier\": \"about\"") !=
        std::string::npos);
}

TEST_CASE("Skeleton quotes start and end on word boundaries") {
  // Issue 12: quotes were cut mid-word ("howed about 30 new p", "st of
  // roughly $3,100.").
  std::string text =
      "In a long report published this spring, the annual survey of the regional industry "
      "showed about 30 new projects across the northern provinces and cities of the region "
      "while the average monthly cost of roughly $3,100 stayed flat for most of the firms.\n";
  auto mentions = scan_text(text);
  auto skeletons = make_skeletons(mentions, text, {2023});
  REQUIRE(skeletons.size() == 2);
  for (const auto& s : skeletons) {
    CAPTURE(s.quote);
    std::size_t at = text.find(s.quote);
    REQUIRE(at != std::string::npos);
    auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    if (at > 0) CHECK_FALSE((letter(text[at - 1]) && letter(text[at])));
    std::size_t end = at + s.quote.size();
    CHECK_FALSE((letter(text[end - 1]) && letter(text[end])));
  }
  CHECK(skeletons[0].quote.find("about 30 new projects") != std::string::npos);
  CHECK(skeletons[1].quote.find("roughly $3,100") != std::string::npos);
}

TEST_CASE("Chinese skeleton quotes start and end on a phrase boundary") {
  // Issue 12: a window of a long clause cut words ("自全国各地的十多万人参观并
  // 体验了" cut 来自). Between two Han characters a quote now ends only beside
  // a function word (的, 了, 并 ...).
  const std::string text =
      "据主办方在今天上午举行的新闻发布会上介绍今年的展会现场共吸引了来自全国各地的十多万人参观并"
      "体验了最新的人工智能产品和相关服务内容以及多个行业的应用场景展示活动。\n";
  auto mentions = scan_text(text);
  auto skeletons = make_skeletons(mentions, text, {2023});
  REQUIRE(skeletons.size() == 1);
  CHECK(skeletons[0].quote == "来自全国各地的十多万人参观并体验了");
}

TEST_CASE("An English number word is a mention with a skeleton of its hedge and unit") {
  // "almost two days" is a figure: coverage asks for it, a skeleton drafts it.
  auto mentions = scan_text("Training took almost two days on 8 GPUs.");
  REQUIRE(mentions.size() == 2);
  CHECK(mentions[0].surface == "almost two days");
  CHECK(mentions[0].qual == qualifier::almost);
  auto skeletons = make_skeletons(mentions, "Training took almost two days on 8 GPUs.", {2023});
  REQUIRE(skeletons.size() == 2);
  CHECK(skeletons[0].qualifier == "almost");
  CHECK(skeletons[0].unit == "d");
  CHECK(skeletons[0].value == std::vector<std::string>{"2"});
  CHECK(skeletons[0].subject.find("say what it is of") != std::string::npos);
}

TEST_CASE("The coverage command exits 1 with uncovered numbers and 0 when all are covered") {
  fs::path scratch = scratch_folder();
  auto r = run_tool("coverage " + demo, scratch);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("text.txt:1:17: uncovered: 超50家") != std::string::npos);

  auto waic = run_tool(
      "coverage " + (fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023").string(), scratch);
  CHECK(waic.exit_code == 0);
  CHECK(waic.out.find("waic-2023: all ") != std::string::npos);

  auto json = run_tool("coverage " + demo + " --format json", scratch);
  CHECK(json.exit_code == 1);
  CHECK(json.out.rfind("{\"report\":\"coverage\"", 0) == 0);

  auto missing = run_tool("coverage " + (scratch / "nothing-here").string(), scratch);
  CHECK(missing.exit_code == 2);
  auto bad_format = run_tool("coverage " + demo + " --format xml", scratch);
  CHECK(bad_format.exit_code == 2);
  fs::remove_all(scratch);
}

TEST_CASE("Skeletons written with --output complete the coverage and never overwrite by accident") {
  fs::path scratch = scratch_folder();
  fs::path copy = scratch / "demo";
  fs::create_directories(copy);
  for (const auto& entry : fs::directory_iterator(demo)) {
    fs::copy_file(entry.path(), copy / entry.path().filename());
  }
  fs::path skeleton = copy / "skeleton.json";
  auto made =
      run_tool("extract " + copy.string() + " --skeleton --output " + skeleton.string(), scratch);
  REQUIRE(made.exit_code == 0);
  std::string written = read_file(skeleton);
  CHECK(written.find("\"quote\": \"另有參展企業超400家\"") != std::string::npos);

  // The skeletons are a valid claim file: with them the dossier is covered.
  auto covered = run_tool("coverage " + copy.string(), scratch);
  CHECK(covered.exit_code == 0);

  // A second run refuses to replace the file; --force replaces it.
  std::ofstream(skeleton, std::ios::binary | std::ios::trunc) << "{\"claimcheck\": 1}";
  auto refused = run_tool(
      "extract " + (copy / "text.txt").string() + " --skeleton --output " + skeleton.string(),
      scratch);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("file.exists") != std::string::npos);
  CHECK(read_file(skeleton) == "{\"claimcheck\": 1}");
  auto forced = run_tool("extract " + (copy / "text.txt").string() + " --skeleton --year 2023 " +
                             "--force --output " + skeleton.string(),
                         scratch);
  CHECK(forced.exit_code == 0);
  CHECK(read_file(skeleton).find("\"id\": \"count_400\"") != std::string::npos);
  fs::remove_all(scratch);
}

TEST_CASE("coverage DOSSIER - checks a text from standard input against the dossier's claims") {
  fs::path scratch = scratch_folder();
  const std::string waic = (fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023").string();
  const std::string article = waic + "/article.txt";
  // The dossier's own article, piped in: the same coverage as from the file.
  auto from_file = run_tool("coverage " + waic + " --format json", scratch);
  auto from_stdin = run_tool("coverage " + waic + " - --format json < " + article, scratch);
  CHECK(from_stdin.exit_code == 0);
  CHECK(from_stdin.err.empty());
  auto counts = [](const std::string& json) {
    return json.substr(json.find("\"mentions\":"),
                       json.find("\"uncovered_mentions\"") - json.find("\"mentions\":"));
  };
  REQUIRE(from_file.out.find("\"mentions\":") != std::string::npos);
  CHECK(counts(from_stdin.out) == counts(from_file.out));
  CHECK(from_stdin.out.find("\"text\":\"<stdin>\"") != std::string::npos);
  CHECK(from_stdin.out.find("quotes_not_in_text") == std::string::npos);
  auto text = run_tool("coverage " + waic + " - < " + article, scratch);
  CHECK(text.exit_code == 0);
  CHECK(text.out == run_tool("coverage " + waic, scratch).out);

  // A draft with one number more, and without the sentence of two claims.
  const fs::path draft = scratch / "draft.txt";
  std::ofstream(draft, std::ios::binary) << "參展企業超400家,優秀初創企業超50家。\n"
                                            "另有合作夥伴超30家。\n";
  auto changed = run_tool("coverage " + demo + " - < " + draft.string(), scratch);
  CHECK(changed.exit_code == 1);
  CHECK(changed.out.find("<stdin>:2:7: uncovered: 超30家") != std::string::npos);
  CHECK(changed.out.find("<stdin>: note: 2 claims' quotes are not in this text, so they cover "
                         "nothing here: demo.cost demo.duration\n") != std::string::npos);
  // The dossier's own document is not read: its "超50家" hint comes from the draft.
  CHECK(changed.out.find("<stdin>:1:17: uncovered: 超50家") != std::string::npos);

  // '-' needs a dossier; the text obeys max_file_bytes like any text.
  auto alone = run_tool("coverage - < " + draft.string(), scratch);
  CHECK(alone.exit_code == 2);
  CHECK(alone.err.find("name the dossier too") != std::string::npos);
  auto large =
      run_tool("coverage " + demo + " - --limit max_file_bytes=16 < " + draft.string(), scratch);
  CHECK(large.exit_code == 2);
  CHECK(large.err.find("<stdin>: error: [file.read] the file is larger than 16 bytes") !=
        std::string::npos);
  CHECK(large.out.empty());
  auto two = run_tool("coverage " + demo + " " + waic + " - < " + draft.string(), scratch);
  CHECK(two.exit_code == 2);
  CHECK(two.err.find("name one dossier") != std::string::npos);
  fs::remove_all(scratch);
}
