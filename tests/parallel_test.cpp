// SPDX-License-Identifier: MIT
// parallel_for: every index once, results in their slots, failures rethrown.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "claimcheck/parallel.hpp"

using namespace claimcheck;

TEST_CASE("parallel_for runs every index exactly once, whatever the threads") {
  struct row {
    std::size_t count;
    unsigned threads;
  };
  const row rows[] = {{0, 4}, {1, 4}, {5, 1}, {5, 0}, {7, 2}, {1000, 3}, {3, 8}};
  for (const auto& r : rows) {
    INFO("count " << r.count << ", threads " << r.threads);
    std::vector<std::atomic<int>> calls(r.count);
    std::vector<std::size_t> out(r.count, 0);
    parallel_for(r.count, r.threads, [&](std::size_t i) {
      ++calls[i];
      out[i] = i * i;
    });
    for (std::size_t i = 0; i < r.count; ++i) {
      CHECK(calls[i] == 1);
      CHECK(out[i] == i * i);
    }
  }
}

TEST_CASE("parallel_for with one thread runs on the calling thread") {
  const auto caller = std::this_thread::get_id();
  bool elsewhere = false;
  parallel_for(10, 1,
               [&](std::size_t) { elsewhere = elsewhere || std::this_thread::get_id() != caller; });
  CHECK_FALSE(elsewhere);
}

TEST_CASE("parallel_for rethrows a failure after every thread has stopped") {
  for (unsigned threads : {1u, 2u, 4u}) {
    INFO("threads " << threads);
    std::atomic<int> running{0};
    CHECK_THROWS_WITH(parallel_for(100, threads,
                                   [&](std::size_t i) {
                                     ++running;
                                     if (i == 17) {
                                       --running;
                                       throw std::runtime_error("index 17");
                                     }
                                     --running;
                                   }),
                      "index 17");
    CHECK(running == 0);  // no call still in flight when the exception arrives
  }
}

TEST_CASE("hardware_threads stays between 1 and its cap") {
  CHECK(hardware_threads(1) == 1);
  CHECK(hardware_threads(0) == 1);
  CHECK(hardware_threads(64) >= 1);
  CHECK(hardware_threads(64) <= 64);
}
