// SPDX-License-Identifier: MIT
// docs/schema/claimcheck.schema.json is the one source of the claim-file
// schema (the program's copy is generated from it at build time). This test
// holds the loader's own tables to it: every field the schema allows is a
// field the loader knows, and the enums the loader reads (qualifiers, source
// kinds, outcomes, severities) are the schema's.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "claimcheck/loader.hpp"
#include "claimcheck/model.hpp"
#include "claimcheck/quantity.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace claimcheck;
using claimcheck::test::temp_folder;
using claimcheck::test::write;

namespace {

struct schema_file {
  rapidjson::Document doc;
  schema_file() {
    const std::string text = test::read_file(fs::path(CLAIMCHECK_SOURCE_DIR) / "docs" / "schema" /
                                             "claimcheck.schema.json");
    doc.Parse(text.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    // The program's copy is this file, byte for byte.
    CHECK(text == std::string(embedded_schema()));
  }
  const rapidjson::Value& definition(const char* name) const { return doc["definitions"][name]; }
  // The properties of a record's definition (a fact's are a figure's).
  const rapidjson::Value& properties(const char* name) const {
    const rapidjson::Value& d = definition(name);
    if (d.HasMember("allOf")) return definition("figure")["properties"];
    return d["properties"];
  }
  std::set<std::string> enum_of(const char* name, const char* property) const {
    std::set<std::string> out;
    for (const auto& v : properties(name)[property]["enum"].GetArray()) out.insert(v.GetString());
    return out;
  }
};

// A value that the schema accepts for a property, made from the property's
// own schema (its $ref, enum, type and bounds).
std::string sample_value(const std::string& name, const rapidjson::Value& p) {
  if (name == "text") return "\"article.txt\"";  // the document's text file
  if (p.HasMember("enum")) {
    const rapidjson::Value& first = p["enum"][0];
    return first.IsString() ? "\"" + std::string(first.GetString()) + "\"" : "1";
  }
  if (p.HasMember("anyOf")) return "1";
  if (p.HasMember("$ref")) {
    const std::string ref = p["$ref"].GetString();
    if (ref == "#/definitions/id") return "\"x.a\"";
    if (ref == "#/definitions/ids") return "[\"x.a\"]";
    if (ref == "#/definitions/date") return "\"2023\"";
    if (ref == "#/definitions/words") return "[\"w\"]";
    if (ref == "#/definitions/review") return "{}";
    return "\"t\"";
  }
  const std::string type = p.HasMember("type") ? p["type"].GetString() : "string";
  if (type == "number") return "0.5";
  if (type == "array") return "[\"x.a\"]";
  if (type == "object") return "{}";
  if (p.HasMember("pattern")) return "\"https://example.org/\"";  // the review's url
  return "\"t\"";
}

// A record with every property its definition allows.
std::string full_record(const schema_file& schema, const char* definition) {
  std::string out = "{";
  for (const auto& m : schema.properties(definition).GetObject()) {
    if (out.size() > 1) out += ", ";
    const std::string name = m.name.GetString();
    out += "\"" + name + "\": " + sample_value(name, m.value);
  }
  return out + "}";
}

std::vector<std::string> codes(const diagnostics& list) {
  std::vector<std::string> out;
  for (const auto& d : list) out.push_back(d.code + " " + d.message);
  return out;
}

bool has_code(const diagnostics& list, const std::string& code) {
  for (const auto& d : list) {
    if (d.code == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the loader knows every field the schema allows, in every kind of record") {
  schema_file schema;
  const std::pair<const char*, const char*> lists[] = {
      {"units", "unit"},      {"sources", "source"}, {"claims", "figure"}, {"facts", "fact"},
      {"derived", "derived"}, {"checks", "check"},   {"series", "series"}, {"ignore", "ignore"},
  };
  std::string json =
      "{\"$schema\": \"claimcheck.schema.json\", \"claimcheck\": 1, \"imports\": [], "
      "\"document\": " +
      full_record(schema, "document");
  for (const auto& [list, definition] : lists) {
    json += ", \"" + std::string(list) + "\": [" + full_record(schema, definition) + "]";
  }
  json += "}";
  // Every top-level property of the schema is one written above.
  for (const auto& m : schema.doc["properties"].GetObject()) {
    INFO(m.name.GetString());
    CHECK(json.find("\"" + std::string(m.name.GetString()) + "\":") != std::string::npos);
  }
  temp_folder root;
  write(root.path / "d" / "article.txt", "t\n");
  write(root.path / "d" / "claims.json", json);
  const load_result loaded = load_paths({root.path / "d"}, {});
  INFO(json);
  for (const auto& line : codes(loaded.problems)) UNSCOPED_INFO(line);
  CHECK_FALSE(has_code(loaded.problems, "field.unknown"));
  for (const auto& d : loaded.problems) CHECK(d.code.rfind("schema.", 0) != 0);

  // The same record with a field the schema does not have is refused, so
  // the check above can fail.
  write(root.path / "d" / "claims.json",
        "{\"claimcheck\": 1, \"units\": [{\"name\": \"widget\", \"colour\": \"red\"}]}");
  CHECK(has_code(load_paths({root.path / "d"}, {}).problems, "field.unknown"));
}

TEST_CASE("the enums the loader reads are the schema's") {
  schema_file schema;
  const std::vector<std::string>& names = qualifier_names();
  CHECK(std::set<std::string>(names.begin(), names.end()) == schema.enum_of("figure", "qualifier"));
  CHECK(std::set<std::string>{to_string(source_kind::primary), to_string(source_kind::secondary),
                              to_string(source_kind::document)} ==
        schema.enum_of("source", "kind"));
  const std::set<std::string> expect = schema.enum_of("check", "expect");
  CHECK(expect == std::set<std::string>{to_string(check_outcome::pass),
                                        to_string(check_outcome::fail),
                                        to_string(check_outcome::inconclusive)});
  for (const auto& e : expect) CHECK(parse_check_outcome(e).has_value());
  // Severities: each one the schema names loads, another is refused.
  temp_folder root;
  write(root.path / "d" / "article.txt", "t\n");
  for (const auto& severity : schema.enum_of("check", "severity")) {
    INFO(severity);
    write(root.path / "d" / "claims.json",
          "{\"claimcheck\": 1, \"facts\": [{\"id\": \"x.a\", \"value\": 1, \"unit\": \"1\", "
          "\"sources\": [\"s\"]}], \"sources\": [{\"id\": \"s\"}], \"checks\": [{\"id\": \"x.c\", "
          "\"assert\": \"x.a > 0\", \"severity\": \"" +
              severity + "\"}]}");
    const load_result loaded = load_paths({root.path / "d"}, {});
    for (const auto& line : codes(loaded.problems)) UNSCOPED_INFO(line);
    CHECK_FALSE(has_errors(loaded.problems));
  }
  CHECK(schema.enum_of("check", "severity") == std::set<std::string>{"error", "warning"});
}
