// SPDX-License-Identifier: MIT
// The located JSON tree (core/src/json_located.hpp, private to core): its
// shape, strings and positions, read back through the node's interface.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../core/src/json_located.hpp"

using namespace claimcheck;
using namespace claimcheck::detail;

namespace {

// The tree written back compactly, each value with its line:col:
// {"a"@1:2:[1@1:8]@1:7}@1:1.
std::string render(const json_node& node) {
  std::string out;
  switch (node.type) {
    case json_type::null:
      out = "null";
      break;
    case json_type::boolean:
      out = node.boolean ? "true" : "false";
      break;
    case json_type::number:
      out = std::string(node.text);
      break;
    case json_type::string:
      out = "\"" + std::string(node.text) + "\"";
      break;
    case json_type::array: {
      out = "[";
      for (const json_node& item : node.items()) {
        if (out.size() > 1) out += ',';
        out += render(item);
      }
      out += "]";
      break;
    }
    case json_type::object: {
      out = "{";
      for (const json_member& member : node.members()) {
        if (out.size() > 1) out += ',';
        out += "\"" + std::string(member.key) + "\"@" + std::to_string(member.at.line) + ":" +
               std::to_string(member.at.column) + ":" + render(member.value);
      }
      out += "}";
      break;
    }
  }
  return out + "@" + std::to_string(node.at.line) + ":" + std::to_string(node.at.column);
}

json_parse_result parse(const std::string& text, const input_limits& limits = {}) {
  return parse_claim_json(text, "t.json", limits);
}

bool inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace

TEST_CASE("the located tree holds every container's children in order, with their places") {
  struct row {
    const char* json;
    const char* tree;
  };
  const row rows[] = {
      {"{}", "{}@1:1"},
      {"[]", "[]@1:1"},
      {"[[],{}]", "[[]@1:2,{}@1:5]@1:1"},
      {"[1,[2,[3]],4]", "[1@1:2,[2@1:5,[3@1:8]@1:7]@1:4,4@1:12]@1:1"},
      {R"({"a":[1,{"b":null}],"c":{}})",
       R"({"a"@1:2:[1@1:7,{"b"@1:10:null@1:14}@1:9]@1:6,"c"@1:21:{}@1:25}@1:1)"},
      {"{\"a\":\n  [true,\n   false]}", "{\"a\"@1:2:[true@2:4,false@3:4]@2:3}@1:1"},
      // Line breaks inside and between runs of eight or more plain bytes:
      // CR LF is one break, a lone CR or LF one each.
      {"[\r\n        1,\r        2,        \n3]", "[1@2:9,2@3:9,3@4:1]@1:1"},
      {R"(["ééééééééé",        "x"])", R"(["ééééééééé"@1:2,"x"@1:22]@1:1)"},
      // Columns count code points: 中 is three bytes, one column.
      {R"(["中", "x"])", R"(["中"@1:2,"x"@1:7]@1:1)"},
      // Escapes are decoded; the next value's column counts the escape's bytes.
      {R"(["caf\u00e9", "\"q\"", 1.50])", R"(["café"@1:2,""q""@1:15,1.50@1:24]@1:1)"},
      {R"({"k\u0065y": "v"})", R"({"key"@1:2:"v"@1:14}@1:1)"},
      // Siblings after a closed container land after its children in the arena.
      {R"([[1,2],[3],[],[4,[5,6],7]])",
       "[[1@1:3,2@1:5]@1:2,[3@1:9]@1:8,[]@1:12,[4@1:16,[5@1:19,6@1:21]@1:18,7@1:24]@1:15]@1:1"},
  };
  for (const auto& r : rows) {
    INFO(r.json);
    json_parse_result parsed = parse(r.json);
    REQUIRE(parsed.problems.empty());
    REQUIRE(parsed.root);
    CHECK(render(*parsed.root) == r.tree);
  }
}

TEST_CASE("strings without escapes view the file, and those with escapes keep their source") {
  json_parse_result parsed = parse(R"({"plain": "abc", "esc\/aped": "a\tb\u4e2d", "n": -0.5e3})");
  REQUIRE(parsed.root);
  const std::string_view bytes = parsed.document->bytes();
  const json_node& root = *parsed.root;
  REQUIRE(root.members().size() == 3);
  const json_node* plain = root.find("plain");
  REQUIRE(plain);
  CHECK(plain->text == "abc");
  CHECK(plain->raw.empty());
  CHECK(inside(plain->text, bytes));
  CHECK(inside(root.members()[0].key, bytes));
  const json_member* escaped = root.find_member("esc/aped");
  REQUIRE(escaped);
  CHECK_FALSE(inside(escaped->key, bytes));
  CHECK(escaped->value.text == "a\tb\xE4\xB8\xAD");
  CHECK(escaped->value.raw == R"(a\tb\u4e2d)");
  CHECK_FALSE(inside(escaped->value.text, bytes));
  const json_node* number = root.find("n");
  REQUIRE(number);
  CHECK(number->text == "-0.5e3");
  CHECK(number->number == -500);
  CHECK(root.find("absent") == nullptr);
  // A node of another type has no children.
  CHECK(plain->items().empty());
  CHECK(plain->members().empty());
}

TEST_CASE("a parsed tree stays valid when its result moves, even for a file of a few bytes") {
  std::vector<json_parse_result> results;
  const std::vector<std::string> files = {R"({"a":"b"})", R"(["x\n"])",
                                          R"({"long key name here": [1, 2, 3]})"};
  // Many moves: the vector reallocates as it grows.
  for (int round = 0; round < 20; ++round) {
    for (const auto& file : files) results.push_back(parse(file));
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    REQUIRE(results[i].root);
    const std::string& file = files[i % files.size()];
    INFO(file);
    CHECK(render(*results[i].root) == render(*parse(file).root));
  }
  CHECK(results[0].root->find("a")->text == "b");
  CHECK(results[1].root->items()[0].text == "x\n");
}

TEST_CASE("many and long escaped strings are all kept") {
  // Past one block of decoded strings, and one string longer than a block.
  std::string json = "[";
  std::vector<std::string> expected;
  for (int i = 0; i < 2000; ++i) {
    json += "\"\\u0041" + std::to_string(i) + "\",";
    expected.push_back("A" + std::to_string(i));
  }
  json += "\"";
  for (int i = 0; i < 3000; ++i) json += "\\n";
  json += "\"]";
  expected.push_back(std::string(3000, '\n'));
  json_parse_result parsed = parse(json);
  REQUIRE(parsed.root);
  const auto items = parsed.root->items();
  REQUIRE(items.size() == expected.size());
  for (std::size_t i = 0; i < items.size(); ++i) CHECK(items[i].text == expected[i]);
}

TEST_CASE("nesting up to the depth limit is a tree, one more level is json.depth") {
  input_limits limits;
  limits.max_json_depth = 40;
  auto nested = [](std::size_t depth) {
    std::string json;
    for (std::size_t i = 0; i < depth; ++i) json += i % 2 ? "{\"k\":" : "[";
    json += "0";
    for (std::size_t i = depth; i-- > 0;) json += i % 2 ? "}" : "]";
    return json;
  };
  json_parse_result deep = parse(nested(40), limits);
  REQUIRE(deep.problems.empty());
  REQUIRE(deep.root);
  const json_node* node = deep.root;
  for (std::size_t level = 0; level < 40; ++level) {
    INFO(level);
    if (level % 2) {
      REQUIRE(node->members().size() == 1);
      node = &node->members()[0].value;
    } else {
      REQUIRE(node->items().size() == 1);
      node = &node->items()[0];
    }
  }
  CHECK(node->type == json_type::number);
  CHECK(node->text == "0");

  json_parse_result too_deep = parse(nested(41), limits);
  CHECK_FALSE(too_deep.root);
  REQUIRE(too_deep.problems.size() == 1);
  CHECK(too_deep.problems[0].code == "json.depth");
  // The 41st bracket: 20 "[" and 20 "{\"k\":" before it.
  CHECK(too_deep.problems[0].where.column == 20 + 20 * 5 + 1);
}

TEST_CASE("duplicate keys are found in small and in large objects, in the open object only") {
  struct row {
    std::string json;
    std::vector<std::string> columns;  // of each json.duplicate_key
  };
  std::string large = "{";
  for (int i = 0; i < 40; ++i) large += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  const std::string large_duplicate = large + "\"k3\":0}";
  const row rows[] = {
      {R"({"a":1,"b":2})", {}},
      {R"({"a":1,"a":2})", {"8"}},
      {R"({"a":{"a":1},"b":[{"a":1},{"a":2}]})", {}},
      {R"({"a":{"x":1,"x":2},"a":3})", {"13", "20"}},
      {large + "\"k40\":0}", {}},
      {large_duplicate, {std::to_string(large.size() + 1)}},
  };
  for (const auto& r : rows) {
    INFO(r.json);
    json_parse_result parsed = parse(r.json);
    std::vector<std::string> columns;
    for (const auto& d : parsed.problems) {
      CHECK(d.code == "json.duplicate_key");
      columns.push_back(std::to_string(d.where.column));
    }
    CHECK(columns == r.columns);
    CHECK(parsed.root);  // a duplicate key is reported, the tree still built
  }
}

TEST_CASE("the arena's room follows the values, not the ':' and ',' inside strings") {
  // One string of 640 KB of ':' and ',' (and escaped quotes, which do not end
  // it) once reserved room for a hundred thousand members.
  std::string filler;
  for (int i = 0; i < (1 << 17); ++i) filler += ":,[\\\"";
  json_parse_result full =
      parse("{\"claimcheck\": 2, \"note\": \"" + filler + "\", \"n\": [1, 2]}");
  REQUIRE(full.root);
  CHECK(full.root->members().size() == 3);
  CHECK(full.document->arena_capacity_bytes() < 1024);
  // A backslash before the closing quote escapes itself, not the quote.
  json_parse_result escaped = parse(R"({"a": "x\\", "b": [1, 2, 3]})");
  REQUIRE(escaped.root);
  CHECK(escaped.document->arena_capacity_bytes() >=
        2 * sizeof(json_member) + 3 * sizeof(json_node));
}

TEST_CASE("a document that does not parse gives no tree") {
  struct row {
    const char* json;
    const char* code;
  };
  const row rows[] = {{"[1,", "json.syntax"},
                      {"{\"a\":[1,]}", "json.syntax"},
                      {"", "json.syntax"},
                      {"[1e400]", "number.range"}};
  for (const auto& r : rows) {
    INFO(r.json);
    json_parse_result parsed = parse(r.json);
    CHECK_FALSE(parsed.root);
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].code == r.code);
  }
}

namespace {

// Records what the streaming parse hands over: each record rendered while
// it lives, as "list/index:tree", and each list's beginning as "list+".
struct record_log : json_record_handler {
  std::vector<std::string> names{"claims", "units"};
  std::vector<std::string> events;
  int list_of(std::string_view key) const override {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == key) return static_cast<int>(i);
    }
    return -1;
  }
  void list_begins(int list) override { events.push_back(names[list] + "+"); }
  void record(int list, std::size_t index, const json_node& item) override {
    events.push_back(names[list] + "/" + std::to_string(index) + ":" + render(item));
  }
};

json_parse_result parse_streaming(const std::string& text, record_log& log,
                                  const input_limits& limits = {}) {
  return parse_claim_json(text, "t.json", limits, &log);
}

}  // namespace

TEST_CASE("streaming: each record of a top-level list is handed over whole, in order") {
  struct row {
    const char* json;
    std::vector<std::string> events;
    const char* tree;  // what stays: the top level, the streamed lists empty
  };
  const row rows[] = {
      {R"({"claims": [{"id": "a", "tags": ["x"]}, {"id": "b\u00e9"}], "n": [1]})",
       {"claims+", R"(claims/0:{"id"@1:14:"a"@1:20,"tags"@1:25:["x"@1:34]@1:33}@1:13)",
        R"(claims/1:{"id"@1:42:"bé"@1:48}@1:41)"},
       R"({"claims"@1:2:[]@1:12,"n"@1:61:[1@1:67]@1:66}@1:1)"},
      // Items of any type; a nested list of the same name is not a record list.
      {R"({"units": [1, "s", null, [{"claims": [2]}]]})",
       {"units+", "units/0:1@1:12", R"(units/1:"s"@1:15)", "units/2:null@1:20",
        R"(units/3:[{"claims"@1:28:[2@1:39]@1:38}@1:27]@1:26)"},
       R"({"units"@1:2:[]@1:11}@1:1)"},
      // A duplicate key begins its list again, also when its value is not
      // an array (the last value is the one judged: the records before it
      // must not count).
      {R"({"claims": [{"a": 1}], "claims": "x", "claims": [], "claims": [true]})",
       {"claims+", R"(claims/0:{"a"@1:14:1@1:19}@1:13)", "claims+", "claims+", "claims+",
        "claims/0:true@1:64"},
       R"({"claims"@1:2:[]@1:12,"claims"@1:24:"x"@1:34,"claims"@1:39:[]@1:49,"claims"@1:53:[]@1:63}@1:1)"},
      // A root that is not an object has no record lists.
      {R"([{"claims": [1]}])", {}, R"([{"claims"@1:3:[1@1:14]@1:13}@1:2]@1:1)"},
  };
  for (const auto& r : rows) {
    INFO(r.json);
    record_log log;
    json_parse_result parsed = parse_streaming(r.json, log);
    REQUIRE(parsed.root);
    CHECK(parsed.problems.empty() ==
          (std::string(r.json).find("\"claims\": \"x\"") == std::string::npos));
    CHECK(log.events == r.events);
    CHECK(render(*parsed.root) == r.tree);
  }
}

TEST_CASE("streaming: a record's room is reused and the top level's strings survive it") {
  // 2,000 records with escaped strings (more than one block of decoded
  // strings each few records), then a document with escaped strings.
  std::string json = "{\"claims\": [";
  for (int i = 0; i < 2000; ++i) {
    if (i) json += ",";
    json += R"({"id": "c)" + std::to_string(i) + R"(", "s": "caf\u00e9 \"quoted\" )" +
            std::string(100, 'x') + R"(", "tags": ["a", "b", "c"]})";
  }
  json += R"(], "document": {"title": "T\u00eftle \u4e2d"}})";
  record_log log;
  json_parse_result streamed = parse_streaming(json, log);
  REQUIRE(streamed.root);
  REQUIRE(log.events.size() == 2001);
  CHECK(log.events[1999].find("\"c1998\"") != std::string::npos);
  CHECK(log.events[1999].find("café \"quoted\" xxx") != std::string::npos);
  CHECK(streamed.root->find("document")->find("title")->text == "Tïtle 中");
  // The arena holds the top level and one record, not 2,000 of them.
  json_parse_result whole = parse(json);
  REQUIRE(whole.root);
  CHECK(whole.document->arena_capacity_bytes() > 2000 * 5 * sizeof(json_node));
  CHECK(streamed.document->arena_capacity_bytes() < 16 * sizeof(json_member));
}

TEST_CASE("streaming: a malformed record stops the parse, and what was handed over is dropped") {
  struct row {
    const char* json;
    std::size_t records;  // handed over before the error
    const char* code;
  };
  const row rows[] = {
      {R"({"claims": [{"id": "a"}, {"id": "b" "x": 1}, {"id": "c"}]})", 1, "json.syntax"},
      {R"({"claims": [{"id": "a"}, {"n": 1e999}]})", 1, "number.range"},
      {R"({"claims": [{"id": "a"}, {"id": "b"}, {"id": "c"}]})", 2, "limit.records"},
      {R"({"claims": [{"id": "a"}, [[[[1]]]]]})", 1, "json.depth"},
  };
  input_limits limits;
  limits.max_records = 2;
  limits.max_json_depth = 4;
  for (const auto& r : rows) {
    INFO(r.json);
    record_log log;
    json_parse_result parsed = parse_streaming(r.json, log, limits);
    CHECK_FALSE(parsed.root);
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].code == r.code);
    CHECK(log.events.size() == 1 + r.records);  // "claims+" and the records
  }
}
