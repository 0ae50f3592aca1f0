// SPDX-License-Identifier: MIT
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
// million-deep array is a diagnostic, not a crash), and every value's line
// and column is recorded. Then the shape of each record (the rules of the
// project's JSON Schema, written out by hand) and the semantic rules: id grammar and uniqueness,
// known sources, units that parse, valid dates, quotes found in the document text, imports inside
// the root and acyclic.
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

// Where `cmake --install` puts the JSON Schema of the claim format (the
// published contract; its source is docs/schema/claimcheck.schema.json):
// <datadir>/claimcheck/schema/claimcheck.schema.json under the prefix the
// library was configured with (CMAKE_INSTALL_PREFIX), never the source tree.
// The file exists only once installed there (a build tree, or an install with
// another --prefix, has none). embedded_schema() is the copy compiled into the
// library (generated from the source at build time by cmake/embed_schema.cmake),
// which needs no file; tests keep the source, the installed copy and
// the embedded one identical. The loader checks the same rules by hand and
// refuses exactly the files the schema refuses (tests/schema_parity_test.cpp).
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
