// Loading: files -> model, with every problem as a located diagnostic.
//
// Example:
//   auto loaded = load_paths({"claims"}, {});
//   for (auto& d : loaded.problems) std::cerr << format_diagnostic(d) << '\n';
//
// A PATH is a dossier (a folder with claim files directly in it), a single
// claim file, or a folder of dossiers (searched recursively). Each claim file
// is parsed once, when its folder is built (a first pass only asks whether a
// JSON file is a claim file), with RapidJSON's iterative SAX reader (no recursion, so a
// million-deep array is a diagnostic, not a crash), validated against the
// project's JSON Schema while parsing, and every value's line and column is
// recorded. Then the semantic rules: id grammar and uniqueness, known
// sources, units that parse, valid dates, quotes found in the document text,
// imports inside the root and acyclic.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/limits.hpp"
#include "claimcheck/model.hpp"

namespace claimcheck {

struct load_options {
  // The claims root that imports and document texts must stay inside; empty
  // means each command-line PATH is its own root.
  std::filesystem::path root;
  input_limits limits;
  // Threads that parse a folder's claim files at once (1: no threads).
  unsigned threads = default_threads();

  // The machine's hardware threads, at most 8 (a folder has a few files).
  static unsigned default_threads();
};

struct load_result {
  std::vector<dossier> dossiers;
  diagnostics problems;  // errors and warnings, in file order

  bool ok() const { return !has_errors(problems); }
};

load_result load_paths(const std::vector<std::filesystem::path>& paths,
                       const load_options& options);

// The path of the JSON Schema the loader validates against (in the source
// tree, docs/schema/claimcheck.schema.json). The loader itself uses the copy
// compiled into the program, embedded_schema(), so that an installed tool
// needs no file; a test keeps the two identical.
std::filesystem::path schema_path();
std::string_view embedded_schema();

// What a load read, for summaries ("2 dossiers, 5 files, 143 records").
// Records count the dossiers' own records, not imported ones.
struct load_counts {
  std::size_t dossiers = 0;
  std::size_t files = 0;
  std::size_t records = 0;
};
load_counts count_loaded(const load_result& loaded);

}  // namespace claimcheck
