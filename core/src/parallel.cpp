// SPDX-License-Identifier: MIT
#include "claimcheck/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <vector>

namespace claimcheck {

void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t)>& work) {
  std::size_t workers = std::min<std::size_t>(count, threads);
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex failure_lock;
  auto run = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        work(i);
      } catch (...) {
        std::lock_guard<std::mutex> hold(failure_lock);
        if (!failure) failure = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(run);
  run();  // the calling thread is one of the workers
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

unsigned hardware_threads(unsigned at_most) {
  return std::clamp(std::thread::hardware_concurrency(), 1u, std::max(1u, at_most));
}

}  // namespace claimcheck
