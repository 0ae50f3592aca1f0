// SPDX-License-Identifier: MIT
// CLAIMCHECK_TEST_UNDER_ASAN: 1 when the test is built with AddressSanitizer
// (GCC defines __SANITIZE_ADDRESS__, clang answers __has_feature), else 0.
// A few tests bound memory or stack in ways ASan's shadow memory and larger
// frames cannot meet; they say why where they use this.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define CLAIMCHECK_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLAIMCHECK_TEST_UNDER_ASAN 1
#endif
#endif
#ifndef CLAIMCHECK_TEST_UNDER_ASAN
#define CLAIMCHECK_TEST_UNDER_ASAN 0
#endif
