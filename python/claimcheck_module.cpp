// SPDX-License-Identifier: MIT
// The Python module `claimcheck`: the library's entry points for Python
// programs and for scripts/archive-scan's Dask workers.
//
// Example:
//   >>> import claimcheck
//   >>> claimcheck.extract("整體開銷約2萬美元")[0]["interval"]
//   [15000, 25000]
//   >>> claimcheck.parse_value("两千亿")["precision"]
//   100000000000.0
//
// Each function runs the C++ with the GIL released, and gets back the JSON
// text that the command's writer prints (one place for each field), which
// becomes dicts and lists through Python's json module with the GIL held:
// extract() gives the records of `extract --format jsonl`, load() the
// document of `validate --format json`, check() that of `check --format json`.
#include <pybind11/eval.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/numerals.hpp"
#include "claimcheck/report/archive.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/diagnostics.hpp"
#include "claimcheck/report/mentions.hpp"
#include "claimcheck/report/scan_report.hpp"
#include "claimcheck/scan.hpp"
#include "claimcheck/scanner.hpp"
#include "claimcheck/trends.hpp"

namespace py = pybind11;
using namespace claimcheck;

namespace {

py::object from_json(const std::string& text) {
  return py::module_::import("json").attr("loads")(py::str(text));
}

// Raised for bad input (what the command answers with exit 2); a ValueError,
// so that callers who do not know it still catch it. `.diagnostics` holds
// the problems as dicts, as validate --format json writes them.
py::object invalid_input_type() {
  return py::module_::import("claimcheck").attr("InvalidInput");
}

[[noreturn]] void raise_invalid(const std::string& message, py::object diagnostics) {
  py::object error = invalid_input_type()(message);
  error.attr("diagnostics") = std::move(diagnostics);
  PyErr_SetObject(invalid_input_type().ptr(), error.ptr());
  throw py::error_already_set();
}

py::list extract(const std::string& text, const std::optional<std::string>& language,
                 bool include_idioms) {
  std::string json;
  {
    py::gil_scoped_release release;
    scan_options options;
    options.include_idioms = include_idioms;
    json = report::mentions_json(scan_text(text, options));
  }
  auto records = from_json(json).cast<py::list>();
  // The language is carried, not used: the scanner reads both in one pass.
  if (language) {
    for (auto record : records) record[py::str("language")] = py::str(*language);
  }
  return records;
}

// The findings of `claimcheck scan --format json` for one text: its "files"
// entry's "findings" (with "file" as given, "" by default).
py::object scan(const std::string& text, bool all, const std::string& file) {
  std::string json;
  {
    py::gil_scoped_release release;
    std::vector<relation_scan_result> results{scan_relations(text, file)};
    report::scan_report_options options;
    options.all = all;
    json = report::scan_report_json(results, options);
  }
  return from_json(json)["files"][py::int_(0)]["findings"];
}

py::object parse_value(const std::string& text) {
  std::string json;
  std::optional<text_error> error;
  {
    py::gil_scoped_release release;
    auto parsed = parse_value_string(text);
    if (parsed) {
      json = report::written_number_json(text, *parsed);
    } else {
      error = parsed.error();
    }
  }
  if (error) {
    py::dict d;
    d["severity"] = "error";
    d["code"] = error->code;
    d["offset"] = error->offset;
    d["message"] = error->message;
    py::list list;
    list.append(d);
    raise_invalid("[" + error->code + "] " + error->message, list);
  }
  return from_json(json);
}

load_result load_path(const std::string& path, const std::optional<std::string>& root) {
  load_options options;
  if (root) options.root = *root;
  return load_paths({std::filesystem::path(path)}, options);
}

py::object load(const std::string& path, const std::optional<std::string>& root) {
  // Problems are the answer here, not an exception: the document says
  // "valid": false and lists them, as validate does.
  std::string json;
  {
    py::gil_scoped_release release;
    load_result loaded = load_path(path, root);
    json = diagnostics_json(loaded.problems, count_loaded(loaded));
  }
  return from_json(json);
}

py::object check(const std::string& path, const std::optional<std::string>& root) {
  std::string json, problems_json, message;
  bool invalid = false;
  {
    py::gil_scoped_release release;
    load_result loaded = load_path(path, root);
    if (!loaded.ok()) {
      invalid = true;
      problems_json = diagnostics_json(loaded.problems, count_loaded(loaded));
      message = diagnostics_text(loaded.problems);
    } else {
      load_options defaults;
      auto runs = run_checks_of(loaded.dossiers, defaults.limits, defaults.threads);
      if (status_of(runs, false) == check_status::invalid) {
        invalid = true;
        diagnostics all;
        for (const auto& run : runs)
          all.insert(all.end(), run.problems.begin(), run.problems.end());
        problems_json = diagnostics_json(all, count_loaded(loaded));
        message = diagnostics_text(all);
      } else {
        json = report::check_report_json(runs);
      }
    }
  }
  if (invalid) raise_invalid(message, from_json(problems_json)["diagnostics"]);
  return from_json(json);
}

// What one run over a JSON Lines part of an archive gives back: its counts,
// the problems as the command prints them, and the records when no output
// file was named.
struct archive_run {
  archive_result result;
  std::vector<std::string> problems;
  std::string records;
};

// Runs `write_records(in, out, options, on_problem)` over `data` with the GIL
// released, writing to `output` (or into the run's records); raises OSError
// when the records could not be written. Shared by extract_jsonl and
// scan_jsonl, which differ only in what they write.
template <typename WriteRecords>
archive_run run_archive(const std::string& data, const std::optional<std::string>& output,
                        bool strict, WriteRecords write_records) {
  archive_run run;
  bool write_failed = false;
  {
    py::gil_scoped_release release;
    std::istringstream in(data);
    std::ofstream file_out;
    std::ostringstream text_out;
    if (output) file_out.open(*output, std::ios::binary | std::ios::trunc);
    std::ostream& out = output ? static_cast<std::ostream&>(file_out) : text_out;
    archive_options options;
    options.strict = strict;
    if (out) {
      run.result = write_records(in, out, options, [&](const diagnostic& d) {
        run.problems.push_back(format_diagnostic(d));
      });
    }
    if (output) {
      file_out.close();
      write_failed = !file_out;
    } else {
      run.records = text_out.str();
    }
  }
  if (write_failed || run.result.output_closed) {
    PyErr_SetString(PyExc_OSError, ("cannot write " + output.value_or("the records")).c_str());
    throw py::error_already_set();
  }
  return run;
}

// The counts both functions return: what was read, the problems, and the
// records when they were not written to a file.
py::dict input_counts(const std::string& file, const archive_run& run,
                      const std::optional<std::string>& output) {
  py::dict d;
  d["file"] = file;
  d["lines"] = run.result.input.lines;
  d["articles"] = run.result.input.articles;
  d["bad_lines"] = run.result.input.bad_lines;
  d["blank_lines"] = run.result.input.blank_lines;
  d["bytes"] = run.result.input.bytes;
  d["text_errors"] = run.result.text_errors;
  d["problems"] = run.problems;
  if (!output) d["records"] = py::bytes(run.records);
  return d;
}

// One JSON Lines part of an archive (a whole shard, or the lines of one Dask
// partition) -> records in `output` (or returned), and what was seen.
py::dict extract_jsonl(const std::string& data, const std::string& file,
                       const std::optional<std::string>& output, bool strict,
                       std::size_t first_line) {
  archive_run run =
      run_archive(data, output, strict,
                  [&](std::istream& in, std::ostream& out, const archive_options& options,
                      const problem_sink& on_problem) {
                    report::mention_writer writer(out, report::mention_format::jsonl);
                    archive_result result;
                    if (writer.begin_file(file)) {
                      result = extract_articles(in, file, options, writer, on_problem, first_line);
                      writer.end_file();
                    }
                    writer.finish();
                    return result;
                  });
  py::dict d = input_counts(file, run, output);
  d["mentions"] = run.result.mentions;
  py::dict by_kind;
  for (const auto& [kind, n] : run.result.mentions_by_kind) by_kind[to_string(kind)] = n;
  d["mentions_by_kind"] = by_kind;
  d["stopped_by_strict"] = run.result.stopped_by_strict;
  return d;
}

// The same for scan: findings in `output` (or returned under "records"),
// and "findings": {"total", "pass", "fail", "inconclusive"} and
// "findings_by_kind": {"change": {"pass": 3, "fail": 1}, ...}.
py::dict scan_jsonl(const std::string& data, const std::string& file,
                    const std::optional<std::string>& output, bool all, bool strict,
                    std::size_t first_line) {
  archive_run run = run_archive(
      data, output, strict,
      [&](std::istream& in, std::ostream& out, const archive_options& options,
          const problem_sink& on_problem) {
        report::scan_report_options report_options;
        report_options.all = all;
        return scan_articles(in, file, options, report_options, out, on_problem, first_line);
      });
  py::dict d = input_counts(file, run, output);
  py::dict findings;
  findings["total"] = run.result.findings.total;
  findings["pass"] = run.result.findings.pass;
  findings["fail"] = run.result.findings.fail;
  findings["inconclusive"] = run.result.findings.inconclusive;
  d["findings"] = findings;
  d["findings_by_kind"] = run.result.findings_by_kind;
  return d;
}

}  // namespace

PYBIND11_MODULE(claimcheck, m) {
  m.doc() =
      "claimcheck: the numbers of a text (extract), a value as written (parse_value), claim "
      "files (load, check), and JSON Lines archives (extract_jsonl). Results are the dicts and "
      "lists of the command's JSON output.";
  py::exec(R"(
class InvalidInput(ValueError):
    """Bad input: what the claimcheck command answers with exit status 2.
    .diagnostics lists the problems as dicts (severity, code, file, line, column, message)."""
    diagnostics = []
)",
           m.attr("__dict__"));
  m.attr("__version__") = CLAIMCHECK_VERSION;
  m.def("extract", &extract, py::arg("text"), py::arg("language") = py::none(),
        py::arg("include_idioms") = false,
        "The numbers of a text: a list of dicts, the records of `claimcheck extract --format "
        "jsonl` without \"file\", \"report\" and \"format_version\". `language` (\"zh\", \"en\") "
        "is copied to each record; the "
        "scanner reads both languages either way.");
  m.def(
      "parse_value", &parse_value, py::arg("text"),
      "A number as written (\"2万\", \"3,584\", \"几十亿\"): {\"text\", \"value\", \"precision\", "
      "\"magnitude_only\"}. Raises InvalidInput when it is not one.");
  m.def("scan", &scan, py::arg("text"), py::arg("all") = false, py::arg("file") = "",
        "The arithmetic a text states, checked: the findings of `claimcheck scan --format json` "
        "(failing and inconclusive ones; all=True adds the passing ones, like --all).");
  m.def("load", &load, py::arg("path"), py::arg("root") = py::none(),
        "Loads claim files (a dossier, a file or a folder of dossiers): the document of "
        "`claimcheck validate --format json` ({\"valid\", \"diagnostics\", \"summary\"}).");
  m.def("check", &check, py::arg("path"), py::arg("root") = py::none(),
        "Runs the checks of dossiers: the document of `claimcheck check --format json`. "
        "Raises InvalidInput when the claim files do not load.");
  m.def("scan_jsonl", &scan_jsonl, py::arg("data"), py::arg("file"), py::arg("output") = py::none(),
        py::arg("all") = true, py::arg("strict") = false, py::arg("first_line") = 1,
        "Articles as JSON Lines -> the findings of `claimcheck scan --input-format jsonl --format "
        "jsonl` (all=True: --all), written to `output` or returned as bytes under \"records\", "
        "and the counts: lines, articles, bad_lines, blank_lines, bytes, findings (total, pass, "
        "fail, inconclusive), findings_by_kind ({kind: {outcome: n}}), problems.");
  m.def("extract_jsonl", &extract_jsonl, py::arg("data"), py::arg("file"),
        py::arg("output") = py::none(), py::arg("strict") = false, py::arg("first_line") = 1,
        "Articles as JSON Lines (str or bytes) -> the records of `claimcheck extract "
        "--input-format jsonl --format jsonl`, written to `output` (or returned as bytes under "
        "\"records\"), and the counts: lines, articles, bad_lines, blank_lines, bytes, mentions, "
        "text_errors, and the problems as the command prints them.");
}
