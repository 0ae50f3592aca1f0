// SPDX-License-Identifier: MIT
// The parse floor of the benchmark: the time just to read every claim file
// under the given folders and parse its bytes with RapidJSON, and nothing
// else. `claimcheck check` does this and much more (schema, locations, units,
// intervals, quotes, checks), so check time / floor time says how much the
// rest costs.
//
// Example:
//   claimcheck_parse_floor --mode dom build/bench/corpus-10k
//   -> {"mode":"dom","files":80,"bytes":2001234,"values":..., "seconds":0.012}
//
// Modes (the same flags as the loader: kParseIterativeFlag |
// kParseFullPrecisionFlag | kParseValidateEncodingFlag):
// - dom (default): rapidjson::Document::Parse<flags> on the file's bytes, a
//   DOM as a program that keeps the data would build;
// - sax: rapidjson::Reader::Parse<flags> with a handler that only counts
//   values: the least any RapidJSON user can do.
// Files are found as the loader finds them: every *.json file under each
// folder, recursively; each is read whole into memory, like the loader does.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr unsigned parse_flags = rapidjson::kParseIterativeFlag |
                                 rapidjson::kParseFullPrecisionFlag |
                                 rapidjson::kParseValidateEncodingFlag;

// Counts values so that the compiler cannot drop the parse.
struct counting_handler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, counting_handler> {
  std::size_t values = 0;
  bool Default() {
    ++values;
    return true;
  }
};

std::size_t count_dom(const rapidjson::Value& v) {
  // Iterative walk: the corpus is shallow, but a deep file must not recurse.
  std::size_t n = 0;
  std::vector<const rapidjson::Value*> stack{&v};
  while (!stack.empty()) {
    const rapidjson::Value* top = stack.back();
    stack.pop_back();
    ++n;
    if (top->IsObject()) {
      for (auto m = top->MemberBegin(); m != top->MemberEnd(); ++m) stack.push_back(&m->value);
    } else if (top->IsArray()) {
      for (auto e = top->Begin(); e != top->End(); ++e) stack.push_back(&*e);
    }
  }
  return n;
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) return false;
  in.seekg(0, std::ios::beg);
  out.resize(static_cast<std::size_t>(size));
  in.read(&out[0], size);
  return static_cast<bool>(in) || in.gcount() == size;
}

int usage() {
  std::cerr << "usage: claimcheck_parse_floor [--mode dom|sax] [--walk] DIR|FILE...\n"
               "  --walk  also walk the DOM once (counts values) after parsing\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = "dom";
  bool walk = false;
  std::vector<fs::path> roots;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--mode" && i + 1 < argc) {
      mode = argv[++i];
    } else if (arg == "--walk") {
      walk = true;
    } else if (arg == "-h" || arg == "--help") {
      return usage();
    } else {
      roots.emplace_back(arg);
    }
  }
  if (roots.empty() || (mode != "dom" && mode != "sax")) return usage();

  const auto start = std::chrono::steady_clock::now();
  std::vector<fs::path> files;
  for (const auto& root : roots) {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      files.push_back(root);
      continue;
    }
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path());
    }
    if (ec) {
      std::cerr << root.string() << ": " << ec.message() << '\n';
      return 2;
    }
  }
  std::sort(files.begin(), files.end());

  std::size_t bytes = 0;
  std::size_t values = 0;
  std::string text;
  int failures = 0;
  for (const auto& file : files) {
    if (!read_file(file, text)) {
      std::cerr << file.string() << ": cannot read\n";
      ++failures;
      continue;
    }
    bytes += text.size();
    rapidjson::ParseResult result;
    if (mode == "dom") {
      rapidjson::Document doc;
      doc.Parse<parse_flags>(text.data(), text.size());
      result = doc;
      if (!doc.HasParseError()) values += walk ? count_dom(doc) : (doc.IsObject() ? 1u : 0u);
    } else {
      rapidjson::Reader reader;
      counting_handler handler;
      rapidjson::StringStream stream(text.c_str());
      result = reader.Parse<parse_flags>(stream, handler);
      values += handler.values;
    }
    if (result.IsError()) {
      std::cerr << file.string() << ": offset " << result.Offset() << ": "
                << rapidjson::GetParseError_En(result.Code()) << '\n';
      ++failures;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"mode\":\"%s\",\"files\":%zu,\"bytes\":%zu,\"values\":%zu,\"seconds\":%.6f}\n",
              mode.c_str(), files.size(), bytes, values, seconds);
  return failures ? 1 : 0;
}
