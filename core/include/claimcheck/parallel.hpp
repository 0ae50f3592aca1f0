// SPDX-License-Identifier: MIT
// Running independent pieces of work on a few threads.
//
// Example:
//   std::vector<result> out(items.size());
//   parallel_for(items.size(), 4, [&](std::size_t i) { out[i] = work(items[i]); });
//
// Each index runs exactly once, on some thread; the caller owns the output
// slots, so results come back in index order whatever the threads did.
#pragma once

#include <cstddef>
#include <functional>
#include <thread>

namespace claimcheck {

// Calls work(i) for every i in [0, count) on up to `threads` threads (the
// calling thread alone when threads <= 1 or count <= 1) and returns when all
// are done. The first exception a call throws is rethrown here, after every
// thread has stopped; the calls not yet started then do not run.
void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t)>& work);

// The machine's hardware threads, between 1 and `at_most`.
unsigned hardware_threads(unsigned at_most);

}  // namespace claimcheck
