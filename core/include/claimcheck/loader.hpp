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
#include <memory>
#include <optional>
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

// The dossiers of load_paths one at a time, in its order, each built when
// asked for: a caller that drops each dossier before asking for the next
// holds one dossier's records (and those of the folders imported so far),
// not the corpus's. The dossiers and the problems are those of load_paths
// (tests/loader_test.cpp compares them).
//
//   dossier_stream stream(paths, options);
//   while (auto d = stream.next()) use(*d);
//   diagnostics problems = stream.finish();
//
// The folders are found (and every JSON file asked whether it is a claim
// file) when the stream is made. A folder that a later dossier imports after
// its own dossier was handed over is built again, quietly, from its files.
class dossier_stream {
 public:
  dossier_stream(const std::vector<std::filesystem::path>& paths, const load_options& options);
  ~dossier_stream();
  dossier_stream(const dossier_stream&) = delete;
  dossier_stream& operator=(const dossier_stream&) = delete;

  // The next dossier, or nullopt after the last.
  std::optional<dossier> next();
  // No error so far.
  bool ok() const;
  // The problems so far, as found (finish orders them and drops repeats).
  const diagnostics& problems() const;
  // Every problem of the load, ordered and each once as in load_result;
  // after the last dossier.
  diagnostics finish();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

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

  load_counts& operator+=(const load_counts& more) {
    dossiers += more.dossiers;
    files += more.files;
    records += more.records;
    return *this;
  }
};
load_counts count_loaded(const load_result& loaded);
load_counts count_dossier(const dossier& d);  // one dossier's share of count_loaded

}  // namespace claimcheck
