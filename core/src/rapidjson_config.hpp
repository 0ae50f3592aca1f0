// SPDX-License-Identifier: MIT
// The one way core includes RapidJSON: include this header, never a
// rapidjson/ header directly, so that every translation unit sees the same
// configuration before the library's first line.
//
// RapidJSON's asserts call assert() by default, which aborts the process on
// misuse (GetDouble() on a string, an unbalanced writer). Here a failed
// assert throws json_assert_failure instead: a broken invariant inside the
// program, reported by the tool as an internal error, never a crash on input.
#pragma once

#include <stdexcept>

namespace claimcheck::detail {

struct json_assert_failure : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace claimcheck::detail

#ifdef RAPIDJSON_ASSERT
#error "rapidjson_config.hpp must be included before any RapidJSON header"
#endif
#define RAPIDJSON_ASSERT(x) \
  ((x) ? static_cast<void>(0) : throw ::claimcheck::detail::json_assert_failure("RapidJSON: " #x))
#define RAPIDJSON_HAS_STDSTRING 1

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
