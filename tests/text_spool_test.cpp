// SPDX-License-Identifier: MIT
// Tests of text_spool: the text appended comes back whole and in order,
// whether it stayed in memory or went to a temporary file.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "claimcheck/report/text_spool.hpp"

using claimcheck::report::text_spool;

TEST_CASE("A spool replays what was appended, in memory or through its temporary file") {
  struct row {
    std::size_t memory;  // bytes held before the temporary file
    std::size_t pieces;
    std::size_t piece_bytes;
  };
  const row rows[] = {
      {text_spool::default_memory, 3, 10},  // all in memory
      {0, 1, 1},                            // one byte, to the file at once
      {100, 1000, 37},                      // to the file in many spills
      {1000, 5, 200000},                    // pieces larger than memory and than a read
      {100, 0, 0},                          // nothing
  };
  for (const auto& row : rows) {
    CAPTURE(row.memory, row.pieces, row.piece_bytes);
    text_spool spool(row.memory);
    std::string appended;
    for (std::size_t k = 0; k < row.pieces; ++k) {
      std::string piece(row.piece_bytes, static_cast<char>('a' + k % 26));
      if (!piece.empty()) piece.back() = '\n';
      spool.append(piece);
      appended += piece;
    }
    std::string replayed;
    CHECK(spool.replay([&replayed](std::string_view piece) { replayed += piece; }));
    CHECK(replayed == appended);
    // Replayed, the spool is empty and takes text again.
    std::string again;
    CHECK(spool.replay([&again](std::string_view piece) { again += piece; }));
    CHECK(again.empty());
    spool.append("after");
    CHECK(spool.replay([&again](std::string_view piece) { again += piece; }));
    CHECK(again == "after");
  }
}
