// SPDX-License-Identifier: MIT
// Where a report goes, written as it is made and published only when the run
// allows it (nothing is printed or put in place when a later dossier is
// invalid): `--output FILE` gets the pieces in its temporary file
// (atomic_file_writer), put in place by commit(); a stream (stdout) gets
// them held in a spilled_text (memory, then $TMPDIR) until release(), and
// then as they come. A report_output destroyed before commit() publishes
// nothing: no file, nothing on the stream.
//
// Example:
//   report_output out("report.md", {/*force=*/false}, std::cout);
//   out.write(part);                         // held
//   if (auto problem = out.release()) ...    // the run may be published
//   out.write(last_part);                    // stdout: written at once
//   if (auto problem = out.commit()) ...     // the file put in place
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "claimcheck/atomic_file.hpp"

namespace claimcheck::report {

class report_output {
 public:
  // `file` "" or "-": the stream.
  report_output(const std::string& file, const write_options& options, std::ostream& stream,
                std::size_t block = spilled_text::default_block);
  ~report_output();
  report_output(const report_output&) = delete;
  report_output& operator=(const report_output&) = delete;

  void write(std::string_view piece);
  // The report may be published: a stream is given what is held, and later
  // pieces go to it directly. A file.write error (nothing written) when the
  // held text could not be kept.
  std::optional<diagnostic> release();
  // Once: the file put in place (write_file_atomically's checks), or the
  // stream given what is still held. A diagnostic when that fails.
  std::optional<diagnostic> commit();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace claimcheck::report
