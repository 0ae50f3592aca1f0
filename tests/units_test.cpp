// SPDX-License-Identifier: MIT
// Tests of units.hpp: the strict unit grammar, exact scales, conversions,
// dimensions, declared count units and "did you mean" suggestions.
#include "claimcheck/units.hpp"

#include "claimcheck/numerals.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// Counts the heap blocks this program asks for, for the test that dimension
// arithmetic allocates nothing (the evidence: every copy of a unit
// allocated for its dimension).
namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
  throw std::bad_alloc();
}
// The nothrow forms too (Catch allocates with them): under AddressSanitizer
// its own nothrow new paired with the delete below is an
// alloc-dealloc-mismatch that aborts the program.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
// GCC cannot see that this delete pairs with the new above, which takes
// its blocks from malloc.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* block) noexcept {
  std::free(block);
}
void operator delete(void* block, std::size_t) noexcept {
  std::free(block);
}
void operator delete(void* block, const std::nothrow_t&) noexcept {
  std::free(block);
}
#pragma GCC diagnostic pop

using claimcheck::conversion_factor;
using claimcheck::dimension;
using claimcheck::unit;
using claimcheck::unit_registry;

namespace {

const unit_registry& builtins() {
  static const unit_registry registry = unit_registry::with_builtins();
  return registry;
}

unit parsed(const std::string& text, const unit_registry& registry = builtins()) {
  const auto result = registry.parse(text);
  INFO("unit: " << text);
  if (!result)
    FAIL_CHECK(result.error().code << " at " << result.error().offset << ": "
                                   << result.error().message);
  REQUIRE(result.ok());
  return *result;
}

double factor(const std::string& from, const std::string& to) {
  const auto f = conversion_factor(parsed(from), parsed(to));
  INFO(from << " -> " << to);
  REQUIRE(f.ok());
  return *f;
}

struct bad_unit {
  std::string text;
  std::string code;
  std::size_t offset;
  std::string message_part;
};

void check_bad(const bad_unit& row, const unit_registry& registry = builtins()) {
  INFO("unit: '" << row.text << "'");
  const auto result = registry.parse(row.text);
  REQUIRE_FALSE(result.ok());
  INFO("message: " << result.error().message);
  CHECK(result.error().code == row.code);
  CHECK(result.error().offset == row.offset);
  CHECK_THAT(result.error().message, Catch::Matchers::Contains(row.message_part));
}

}  // namespace

TEST_CASE("every unit form of the spec parses to the right scale and dimension") {
  struct row {
    std::string text;
    double scale;
    std::string dimension;
  };
  const std::vector<row> rows = {
      {"GPU", 1, "GPU"},
      {"GPU*h", 3600, "GPU*time"},
      {"GPU\u00B7h", 3600, "GPU*time"},
      {"USD/(GPU*h)", 1.0 / 3600, "USD/(GPU*time)"},
      {"TFLOP/s", 1e12, "FLOP/time"},
      {"FLOP/(s*GPU)", 1, "FLOP/(GPU*time)"},
      {"parameter*token", 1, "parameter*token"},
      {"s^-1", 1, "1/time"},
      {"1", 1, "1"},
      {"%", 0.01, "1"},
      {"1/s", 1, "1/time"},
      {"FLOP/(parameter*token)", 1, "FLOP/(parameter*token)"},
      {"USD/CNY", 1, "USD/CNY"},
      {"h^2", 3600.0 * 3600.0, "time^2"},
      {"(USD/GPU)/h", 1.0 / 3600, "USD/(GPU*time)"},
      {" GPU * h ", 3600, "GPU*time"},
      {"GPU^1", 1, "GPU"},
      {"s^0", 1, "1"},
  };
  for (const row& r : rows) {
    const unit u = parsed(r.text);
    INFO("unit: " << r.text);
    CHECK(u.scale == Approx(r.scale).epsilon(1e-15));
    CHECK(u.dim.to_string() == r.dimension);
  }
}

TEST_CASE("built-in time units, prefixes, counts and aliases have their scales") {
  struct row {
    std::string text;
    double scale;
    std::string dimension;
  };
  const std::vector<row> rows = {
      {"s", 1, "time"},
      {"min", 60, "time"},
      {"h", 3600, "time"},
      {"d", 86400, "time"},
      {"week", 604800, "time"},
      {"month", 2629746, "time"},
      {"yr", 31556952, "time"},
      {"ms", 1e-3, "time"},
      {"us", 1e-6, "time"},
      {"\u00B5s", 1e-6, "time"},
      {"\u03BCs", 1e-6, "time"},
      {"ns", 1e-9, "time"},
      {"ks", 1e3, "time"},
      {"Ms", 1e6, "time"},
      {"Es", 1e18, "time"},
      {"kyr", 31556952e3, "time"},
      {"Gyr", 31556952e9, "time"},
      {"kh", 3.6e6, "time"},
      {"TFLOP", 1e12, "FLOP"},
      {"PFLOP", 1e15, "FLOP"},
      {"EFLOP", 1e18, "FLOP"},
      {"kGPU", 1e3, "GPU"},
      {"Gtoken", 1e9, "token"},
      {"Mparam", 1e6, "parameter"},
      {"chip", 1, "GPU"},
      {"param", 1, "parameter"},
      {"B", 1, "byte"},
      {"TB", 1e12, "byte"},
      {"kbyte", 1e3, "byte"},
      {"step", 1, "step"},
      {"image", 1, "image"},
      {"USD", 1, "USD"},
      {"CNY", 1, "CNY"},
      {"EUR", 1, "EUR"},
  };
  for (const row& r : rows) {
    const unit u = parsed(r.text);
    INFO("unit: " << r.text);
    CHECK(u.scale == Approx(r.scale).epsilon(1e-15));
    CHECK(u.dim.to_string() == r.dimension);
  }
}

TEST_CASE("scales that are whole numbers or powers of ten are exact") {
  CHECK(parsed("h").scale == 3600.0);
  CHECK(parsed("GPU*h").scale == 3600.0);
  CHECK(parsed("TFLOP").scale == 1e12);
  CHECK(parsed("TFLOP/s").scale == 1e12);
  CHECK(parsed("EFLOP").scale == 1e18);
  CHECK(parsed("ms").scale == 1e-3);
  CHECK(parsed("ns").scale == 1e-9);
  CHECK(parsed("yr").scale == 31556952.0);
  CHECK(parsed("month").scale * 12 == parsed("yr").scale);
  CHECK(parsed("USD/(GPU*h)").scale == 1.0 / 3600.0);
  CHECK(parsed("h^3").scale == 46656000000.0);
  CHECK(parsed("kGPU*h").scale == 3.6e6);
  CHECK(parsed("%").scale == 0.01);
  CHECK(parsed("GPU*h/GPU").scale == 3600.0);
}

TEST_CASE("every ISO currency of the common list is its own dimension") {
  const std::vector<std::string> codes = {"USD", "CNY", "EUR", "JPY", "GBP", "HKD", "TWD", "KRW",
                                          "INR", "CHF", "CAD", "AUD", "SGD", "RUB", "BRL", "SEK",
                                          "NOK", "DKK", "PLN", "MXN", "ZAR", "TRY", "SAR", "AED",
                                          "THB", "IDR", "MYR", "PHP", "VND", "ILS", "NZD", "CZK",
                                          "HUF", "CLP", "COP", "ARS", "EGP", "PKR", "NGN", "KWD"};
  for (const std::string& code : codes) {
    INFO(code);
    const unit u = parsed(code);
    CHECK(u.dim == dimension::base(code));
    CHECK(builtins().is_currency(code));
  }
  CHECK_FALSE(builtins().is_currency("GPU"));
  CHECK_FALSE(builtins().is_currency("time"));
}

TEST_CASE("conversions between units of one dimension give the factor") {
  struct row {
    std::string from;
    std::string to;
    double factor;
  };
  const std::vector<row> rows = {
      {"h", "s", 3600},
      {"min", "h", 1.0 / 60},
      {"d", "h", 24},
      {"week", "d", 7},
      {"yr", "d", 365.2425},
      {"yr", "month", 12},
      {"GPU*h", "GPU*s", 3600},
      {"kGPU*h", "GPU*h", 1000},
      {"TFLOP/s", "FLOP/s", 1e12},
      {"TFLOP/s", "PFLOP/d", 86.4},
      {"FLOP/(s*GPU)", "TFLOP/(s*GPU)", 1e-12},
      {"USD/(GPU*h)", "USD/(GPU*s)", 1.0 / 3600},
      {"USD/(GPU*s)", "USD/(GPU*h)", 3600},
      {"s^-1", "h^-1", 3600},
      {"%", "1", 0.01},
      {"1", "%", 100},
      {"GPU*h/GPU", "h", 1},
      {"chip", "GPU", 1},
      {"param", "parameter", 1},
      {"TB", "byte", 1e12},
      {"ms", "s", 1e-3},
      {"\u00B5s", "us", 1},
      {"parameter*token", "Mparameter*Gtoken", 1e-15},
  };
  for (const row& r : rows) {
    INFO(r.from << " -> " << r.to);
    CHECK(factor(r.from, r.to) == Approx(r.factor).epsilon(1e-14));
  }
  CHECK(factor("h", "s") == 3600.0);
  CHECK(factor("TFLOP", "FLOP") == 1e12);
}

TEST_CASE("conversions between dimensions fail naming both units and dimensions") {
  struct row {
    std::string from;
    std::string to;
    std::string message;
  };
  const std::vector<row> rows = {
      {"USD", "GPU*h", "cannot convert 'USD' to 'GPU*h': dimensions USD and GPU*time differ"},
      {"USD", "CNY", "dimensions USD and CNY differ"},
      {"TFLOP/s", "FLOP", "dimensions FLOP/time and FLOP differ"},
      {"USD/(GPU*h)", "USD/h", "dimensions USD/(GPU*time) and USD/time differ"},
      {"%", "s", "dimensions 1 and time differ"},
      {"s^-1", "s", "dimensions 1/time and time differ"},
      {"GPU", "chip*h", "GPU and GPU*time"},
  };
  for (const row& r : rows) {
    INFO(r.from << " -> " << r.to);
    const auto f = conversion_factor(parsed(r.from), parsed(r.to));
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().code == "unit.dimension");
    CHECK_THAT(f.error().message, Catch::Matchers::Contains(r.message));
  }
}

TEST_CASE("a long unknown unit is echoed cut at a hundred characters") {
  // Issue 14 item 18: messages repeat at most a hundred characters of input.
  const std::string word(100'000, 'x');
  const auto parsed = claimcheck::unit_registry::with_builtins().parse(word);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == "unit.unknown");
  CHECK(parsed.error().message.size() < 400);
  CHECK_THAT(parsed.error().message,
             Catch::Contains("'" + std::string(100, 'x') + "… (100000 bytes)'"));
}

TEST_CASE("bad units fail with a code, the offset of the fault and what to write") {
  const std::vector<bad_unit> rows = {
      // no juxtaposition
      {"GPU h", "unit.syntax", 3, "write 'GPU*h'"},
      {"GPU  h", "unit.syntax", 3, "write 'GPU*h'"},
      {"USD/GPU h", "unit.syntax", 7, "write 'USD/(GPU*h)'"},
      {"GPU(h)", "unit.syntax", 3, "write 'GPU*(h)'"},
      // no plural stripping
      {"GPUs", "unit.unknown", 0, "did you mean 'GPU'?"},
      {"tokens", "unit.unknown", 0, "did you mean 'token'?"},
      {"GPU*hours", "unit.unknown", 4, "unknown unit 'hours'"},
      {"paramter", "unit.unknown", 0, "did you mean 'parameter'?"},
      {"usd", "unit.unknown", 0, "did you mean 'USD'?"},
      {"flop", "unit.unknown", 0, "did you mean 'FLOP'?"},
      {"TFLOPS", "unit.unknown", 0, "write 'TFLOP/s'"},
      {"xyzzy", "unit.unknown", 0, "declare it under \"units\""},
      // ambiguous division
      {"USD/GPU*h", "unit.ambiguous_division", 7, "write 'USD/(GPU*h)'"},
      {"USD/GPU/h", "unit.ambiguous_division", 7, "write 'USD/(GPU*h)'"},
      {"USD/GPU\u00B7h", "unit.ambiguous_division", 7, "write 'USD/(GPU\u00B7h)'"},
      {"FLOP/s*GPU", "unit.ambiguous_division", 6, "write 'FLOP/(s*GPU)'"},
      {"(USD/GPU*h)", "unit.ambiguous_division", 8, "write '(USD/(GPU*h))'"},
      {"USD/(GPU/h)*d", "unit.ambiguous_division", 11, "write 'USD/((GPU/h)*d)'"},
      // prefixes
      {"MUSD", "unit.prefix_not_allowed", 0, "\"4.5M\""},
      {"kCNY", "unit.prefix_not_allowed", 0, "currencies take no prefix"},
      {"GPU*MUSD", "unit.prefix_not_allowed", 4, "write the scale in the value"},
      {"mGPU", "unit.prefix_not_allowed", 0, "applies only to 's'"},
      {"nh", "unit.prefix_not_allowed", 0, "applies only to 's'"},
      {"kk", "unit.unknown", 0, "unknown unit 'kk'"},
      {"kTFLOP", "unit.unknown", 0, "unknown unit 'kTFLOP'"},
      // syntax, each at its offset (code points)
      {"", "unit.syntax", 0, "write 1"},
      {"   ", "unit.syntax", 0, "write 1"},
      {"GPU*", "unit.syntax", 4, "ends too early"},
      {"*GPU", "unit.syntax", 0, "unexpected '*'"},
      {"/s", "unit.syntax", 0, "unexpected '/'"},
      {"GPU/", "unit.syntax", 4, "ends too early"},
      {"(GPU*h", "unit.syntax", 0, "never closed"},
      {"GPU*h)", "unit.syntax", 5, "unmatched ')'"},
      {"()", "unit.syntax", 1, "unexpected ')'"},
      {"s^", "unit.syntax", 2, "integer exponent"},
      {"s^x", "unit.syntax", 2, "must be an integer"},
      {"s^1.5", "unit.syntax", 3, "must be an integer"},
      {"s^-", "unit.syntax", 3, "digits after it"},
      {"s^2^2", "unit.syntax", 3, "unexpected '^'"},
      {"s^100", "unit.syntax", 2, "too large"},
      {"2*GPU", "unit.syntax", 0, "write 2 in the value"},
      {"4.5*GPU", "unit.syntax", 0, "write 4.5 in the value"},
      {"GPU-h", "unit.syntax", 3, "write 'GPU*h'"},
      {"GPU/s-1", "unit.syntax", 5, "write exponents with '^': 'GPU/s^-1'"},
      {"Gpus", "unit.unknown", 0, "did you mean 'GPU'?"},
      {"FLOP.s", "unit.syntax", 4, "write 'FLOP*s'"},
      {"GPU\u00D7h", "unit.syntax", 3, "write 'GPU*h'"},
      {"s\u207B\u00B9", "unit.syntax", 1, "write exponents with '^'"},
      {"\u00B5s*GPU h", "unit.syntax", 6, "write '\u00B5s*GPU*h'"},
      {"\u4E07USD", "unit.unknown", 0, "unknown unit"},
      {"GPU&h", "unit.syntax", 3, "unexpected '&'"},
  };
  for (const bad_unit& row : rows) check_bad(row);
}

TEST_CASE("dimension to_string reads as a unit of base dimensions") {
  const dimension usd = dimension::base("USD");
  const dimension gpu = dimension::base("GPU");
  const dimension time = dimension::base("time");
  CHECK(dimension{}.to_string() == "1");
  CHECK(usd.to_string() == "USD");
  CHECK((usd / (gpu * time)).to_string() == "USD/(GPU*time)");
  CHECK((usd / time).to_string() == "USD/time");
  CHECK(time.pow(-1).to_string() == "1/time");
  CHECK(time.pow(2).to_string() == "time^2");
  CHECK((gpu / time.pow(2)).to_string() == "GPU/time^2");
  CHECK((usd / usd).dimensionless());
  CHECK((usd * gpu).exponent("GPU") == 1);
  CHECK((usd / gpu).exponent("GPU") == -1);
  CHECK((usd / gpu).exponent("time") == 0);
  CHECK((usd * gpu).pow(0).dimensionless());
}

// A dimension names its bases by numbers of a process-wide table; the
// arithmetic and the order of printing are those of the names.
TEST_CASE("dimension arithmetic over interned bases, printed in name order") {
  const dimension usd = dimension::base("USD");
  const dimension gpu = dimension::base("GPU");
  const dimension time = dimension::base("time");
  const dimension flop = dimension::base("FLOP");
  // Declared after the built-ins, so numbered after them, but sorting
  // between them by name: "HBM" between GPU and USD, "lab" between
  // "image" and "parameter", "Zeta" before every lower-case name.
  const dimension hbm = dimension::base("HBM");
  const dimension lab = dimension::base("lab");
  const dimension zeta = dimension::base("Zeta");
  const dimension image = dimension::base("image");
  const dimension parameter = dimension::base("parameter");
  struct row {
    dimension dim;
    std::string text;
  };
  const std::vector<row> rows = {
      {dimension{}, "1"},
      {usd * gpu, "GPU*USD"},
      {gpu * usd, "GPU*USD"},
      {usd / (gpu * time), "USD/(GPU*time)"},
      {(usd / gpu) / time, "USD/(GPU*time)"},
      {usd * hbm * gpu, "GPU*HBM*USD"},
      {usd / hbm / gpu, "USD/(GPU*HBM)"},
      {hbm / (usd * gpu), "HBM/(GPU*USD)"},
      {parameter * lab * image * zeta, "Zeta*image*lab*parameter"},
      {lab * lab / time.pow(2), "lab^2/time^2"},
      {flop.pow(3) * flop.pow(-1), "FLOP^2"},
      {time.pow(-2), "1/time^2"},
      {(gpu * time).pow(-1) * gpu, "1/time"},
      {(usd * hbm / time).pow(2) / hbm.pow(2), "USD^2/time^2"},
      {usd / usd, "1"},
      {(usd * hbm * lab / time) / (lab * time.pow(-1) * hbm * usd), "1"},
      {(usd * gpu).pow(0), "1"},
  };
  for (const row& r : rows) {
    INFO(r.text);
    CHECK(r.dim.to_string() == r.text);
    CHECK(r.dim.dimensionless() == (r.text == "1"));
  }
  // Equal as the same exponents over the same bases, however built.
  CHECK(usd * hbm * gpu == gpu * (hbm * usd));
  CHECK(usd / (gpu * time) == usd * gpu.pow(-1) * time.pow(-1));
  CHECK((usd * hbm) / hbm == usd);
  CHECK(usd * gpu != usd / gpu);
  CHECK(usd != hbm);
  CHECK(usd.pow(2) != usd);
  CHECK(usd / usd == dimension{});
  CHECK(dimension::base("HBM") == hbm);
  CHECK((usd * hbm / lab).exponent("HBM") == 1);
  CHECK((usd * hbm / lab).exponent("lab") == -1);
  CHECK((usd * hbm / lab).exponent("GPU") == 0);
  // exponents() reads the names back in order.
  std::vector<std::pair<std::string, int>> named;
  const dimension mixed = usd / (lab * hbm.pow(2));
  for (const auto& [name, exponent] : mixed.exponents()) named.emplace_back(name, exponent);
  CHECK(named == std::vector<std::pair<std::string, int>>{{"HBM", -2}, {"USD", 1}, {"lab", -1}});
}

TEST_CASE("a base name is numbered once, and its number reads back its name") {
  const claimcheck::base_index first = claimcheck::intern_base_name("units_test_widget");
  CHECK(claimcheck::intern_base_name("units_test_widget") == first);
  CHECK(claimcheck::base_name(first) == "units_test_widget");
  CHECK(claimcheck::intern_base_name("units_test_gadget") != first);
  CHECK(claimcheck::base_name(claimcheck::intern_base_name("USD")) == "USD");
}

TEST_CASE("threads number the same names alike and read names while others add") {
  // Registries are shared by the loader's and the evaluator's threads: each
  // thread numbers a shared set of names and names of its own (growing the
  // table across several of its blocks) while reading back every number.
  constexpr int threads = 4;
  constexpr int names_each = 300;
  std::vector<std::vector<claimcheck::base_index>> shared(threads);
  std::vector<int> wrong(threads, 0);
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([t, &shared, &wrong] {
      for (int i = 0; i < names_each; ++i) {
        const std::string common = "units_test_shared_" + std::to_string(i);
        const std::string own = "units_test_t" + std::to_string(t) + "_" + std::to_string(i);
        const claimcheck::base_index c = claimcheck::intern_base_name(common);
        const claimcheck::base_index o = claimcheck::intern_base_name(own);
        shared[t].push_back(c);
        if (claimcheck::base_name(c) != common || claimcheck::base_name(o) != own) ++wrong[t];
        if (dimension::base(common) * dimension::base(own) / dimension::base(own) !=
            dimension::base(common)) {
          ++wrong[t];
        }
      }
    });
  }
  for (std::thread& each : running) each.join();
  for (int t = 0; t < threads; ++t) {
    INFO("thread " << t);
    CHECK(wrong[t] == 0);
    CHECK(shared[t] == shared[0]);
  }
}

TEST_CASE("a dimension of more bases than it holds inline works the same") {
  // The format puts no bound on the bases of one unit: ten distinct ones
  // parse, print in name order, cancel back to a few, and compare equal to
  // the same dimension built in the object.
  const std::string many = "USD*EUR*GBP*JPY*CNY*GPU*FLOP*token*step*image/s";
  const unit u = parsed(many);
  REQUIRE(u.dim.size() == 11);
  REQUIRE(u.dim.size() > dimension::inline_terms);
  CHECK(u.dim.to_string() == "CNY*EUR*FLOP*GBP*GPU*JPY*USD*image*step*token/time");
  const unit currencies = parsed("USD*EUR*GBP*JPY*CNY");
  const unit rest = parsed("GPU*FLOP*token*step*image/s");
  CHECK(u.dim == currencies.dim * rest.dim);
  CHECK(u.dim / rest.dim == currencies.dim);
  CHECK((u.dim / rest.dim).to_string() == "CNY*EUR*GBP*JPY*USD");
  CHECK(u.dim / u.dim == dimension{});
  CHECK(u.dim.pow(-1).to_string() == "time/(CNY*EUR*FLOP*GBP*GPU*JPY*USD*image*step*token)");
  CHECK(u.dim.pow(2).pow(-1) * u.dim.pow(2) == dimension{});
  // Copies and moves of a dimension held outside the object.
  dimension copy = u.dim;
  CHECK(copy == u.dim);
  dimension moved = std::move(copy);
  CHECK(moved == u.dim);
  copy = moved;  // assigning into a moved-from dimension
  CHECK(copy == u.dim);
  moved = dimension::base("USD");  // from outside the object back into it
  CHECK(moved.to_string() == "USD");
  moved = copy;
  CHECK(moved == u.dim);
  CHECK(conversion_factor(u, parsed("USD*EUR*GBP*JPY*CNY*GPU*kFLOP*token*step*image/h")).ok());
  CHECK_FALSE(conversion_factor(u, currencies).ok());
  // An exponent beyond the limit is named as before, whichever term it is.
  // (step and time both reach 100: step comes first by name.)
  check_bad({"(USD*EUR*GBP*JPY*CNY*GPU*FLOP*token*step^50*s^50)^2", "unit.limit", 50,
             "exponent of step 100"});
}

TEST_CASE("copying and multiplying dimensions of up to six bases allocates nothing") {
  const unit u = parsed("USD*GPU*FLOP*token*step/s");
  const unit v = parsed("USD/(GPU*h)");
  const long before = allocations.load();
  dimension copy = u.dim;
  const dimension product = copy * v.dim;
  const dimension quotient = product / u.dim;
  const dimension squared = quotient.pow(2);
  const bool equal = quotient == v.dim;
  const long after = allocations.load();
  CHECK(after == before);
  CHECK(equal);
  CHECK(squared.to_string() == "USD^2/(GPU^2*time^2)");
}

TEST_CASE("exponents saturate instead of overflowing, and beyond_limit names the base") {
  const dimension gpu = dimension::base("GPU");
  CHECK(gpu.pow(99).beyond_limit() == nullptr);
  const dimension over = gpu.pow(50) * gpu.pow(50);
  REQUIRE(over.beyond_limit() != nullptr);
  CHECK(claimcheck::base_name(over.beyond_limit()->base) == "GPU");
  CHECK(over.beyond_limit()->exponent == 100);
  CHECK(gpu.pow(-100).beyond_limit()->exponent == -100);
  // 64^6 = 2^36 and 2^30 * 2^30 would overflow an int (UBSan in CI).
  const dimension huge = gpu.pow(64).pow(64).pow(64).pow(64).pow(64).pow(64);
  CHECK(huge.exponent("GPU") == 1 << 30);
  CHECK((huge * huge).exponent("GPU") == 1 << 30);
  CHECK((huge / huge).dimensionless());
  CHECK(huge.pow(-64).exponent("GPU") == -(1 << 30));
}

TEST_CASE("unit arithmetic multiplies scales and keeps readable text") {
  const unit gpu = parsed("GPU");
  const unit hour = parsed("h");
  const unit usd_per_gpu = parsed("USD/GPU");
  const unit gpu_hours = gpu * hour;
  CHECK(gpu_hours.scale == 3600.0);
  CHECK(gpu_hours.text == "GPU*h");
  CHECK(gpu_hours.dim == parsed("GPU*h").dim);
  const unit cost_rate = parsed("USD") / gpu_hours;
  CHECK(cost_rate.text == "USD/(GPU*h)");
  CHECK(cost_rate.scale == Approx(1.0 / 3600).epsilon(1e-15));
  CHECK((usd_per_gpu * hour).text == "(USD/GPU)*h");
  CHECK((parsed("USD") / parsed("GPU\u00B7h")).text == "USD/(GPU\u00B7h)");
  CHECK(claimcheck::pow(hour, -1).text == "h^-1");
  CHECK(claimcheck::pow(gpu_hours, 2).text == "(GPU*h)^2");
  CHECK(claimcheck::pow(hour, 2).scale == 3600.0 * 3600.0);
  CHECK((unit::dimensionless() * gpu).text == "GPU");
  CHECK((gpu / unit::dimensionless()).text == "GPU");
  // Texts the operators build parse back to the same unit.
  for (const unit& u : {gpu_hours, cost_rate, usd_per_gpu * hour, claimcheck::pow(gpu_hours, 2)}) {
    INFO(u.text);
    const unit again = parsed(u.text);
    CHECK(again.dim == u.dim);
    CHECK(again.scale == Approx(u.scale).epsilon(1e-15));
  }
}

TEST_CASE("a dossier declares count units that take prefixes and aliases") {
  unit_registry registry = unit_registry::with_builtins();
  const auto declared = registry.declare_count_unit("company", {"companies"});
  REQUIRE(declared.ok());
  CHECK(parsed("company", registry).dim == dimension::base("company"));
  CHECK(parsed("companies", registry).dim == dimension::base("company"));
  CHECK(parsed("kcompany", registry).scale == 1e3);
  CHECK(parsed("USD/company", registry).dim.to_string() == "USD/company");
  CHECK(conversion_factor(parsed("companies", registry), parsed("company", registry)).ok());
  REQUIRE(registry.declare_count_unit("H100", {}).ok());
  CHECK(parsed("kH100*h", registry).scale == 3.6e6);
  const auto names = registry.names();
  CHECK(std::find(names.begin(), names.end(), "companies") != names.end());
  // Built-ins do not know it.
  check_bad({"company", "unit.unknown", 0, "unknown unit 'company'"});
  check_bad({"companys", "unit.unknown", 0, "did you mean 'company'?"}, registry);
}

TEST_CASE("parses are remembered per registry, and a copy that declares a unit keeps its own") {
  const unit_registry builtins = unit_registry::with_builtins();
  const unit first = parsed("USD/(GPU*h)", builtins);
  const unit again = parsed("USD/(GPU*h)", builtins);  // from the registry's cache
  CHECK(again.text == first.text);
  CHECK(again.dim == first.dim);
  CHECK(again.scale == first.scale);
  unit_registry copy = builtins;  // shares what was parsed so far
  CHECK(parsed("kGPU", copy).scale == 1e3);
  REQUIRE(copy.declare_count_unit("company", {}).ok());
  CHECK(parsed("company/GPU", copy).dim.to_string() == "company/GPU");
  CHECK(parsed("USD/(GPU*h)", copy).dim == first.dim);
  // The registry copied from knows no company, before or after the copy parsed it.
  check_bad({"company/GPU", "unit.unknown", 0, "unknown unit 'company'"}, builtins);
}

// Registries that made the same declarations share one parse cache (a
// corpus's dossiers parse each unit text once); the ones that did not must
// never read a unit through another's cache.
TEST_CASE("registries share parses only with registries that declared the same units") {
  const auto declare = [](std::vector<std::pair<std::string, std::vector<std::string>>> units) {
    unit_registry registry = unit_registry::with_builtins();
    for (const auto& [name, aliases] : units) {
      REQUIRE(registry.declare_count_unit(name, aliases).ok());
    }
    return registry;
  };
  const unit_registry first = declare({{"widget", {"widgets"}}, {"lab", {}}});
  CHECK(parsed("USD/widgets", first).dim.to_string() == "USD/widget");
  CHECK(parsed("klab*h", first).scale == 3.6e6);
  // The same declarations: the same readings (from the shared cache).
  const unit_registry same = declare({{"widget", {"widgets"}}, {"lab", {}}});
  CHECK(parsed("USD/widgets", same).dim.to_string() == "USD/widget");
  CHECK(parsed("klab*h", same).scale == 3.6e6);
  // Fewer aliases, fewer units, other orders: what they do not declare stays unknown.
  check_bad({"USD/widgets", "unit.unknown", 4, "did you mean 'widget'?"},
            declare({{"widget", {}}, {"lab", {}}}));
  check_bad({"klab*h", "unit.unknown", 0, "unknown unit 'klab'"},
            declare({{"widget", {"widgets"}}}));
  check_bad({"klab*h", "unit.unknown", 0, "unknown unit 'klab'"}, builtins());
  const unit_registry reordered = declare({{"lab", {}}, {"widget", {"widgets"}}});
  CHECK(parsed("USD/widgets", reordered).dim.to_string() == "USD/widget");
  // A name and an alias are not interchangeable: "widgets" as its own unit is another dimension.
  const unit_registry plural = declare({{"widgets", {}}, {"lab", {}}});
  CHECK(parsed("USD/widgets", plural).dim.to_string() == "USD/widgets");
}

TEST_CASE("declared unit names that collide or make an atom ambiguous are refused") {
  struct row {
    std::string name;
    std::vector<std::string> aliases;
    std::string code;
    std::string message_part;
  };
  const std::vector<row> rows = {
      {"GPU", {}, "unit.duplicate", "'GPU' is already a built-in unit"},
      {"chip", {}, "unit.duplicate", "already a built-in unit (for 'GPU')"},
      {"USD", {}, "unit.duplicate", "already a built-in unit"},
      {"company", {"GPU"}, "unit.duplicate", "alias 'GPU' is already"},
      {"company", {"company"}, "unit.duplicate", "is already declared"},
      {"kGPU", {}, "unit.duplicate", "already reads as 'k' (1e3) + 'GPU'"},
      {"ms", {}, "unit.duplicate", "already reads as 'm' (1e-3) + 's'"},
      {"TB", {}, "unit.duplicate", "already reads as 'T' (1e12) + 'B'"},
      {"PU", {}, "unit.duplicate", "would make 'GPU' ambiguous"},
      {"BP", {}, "unit.duplicate", "would make 'GBP' ambiguous"},
      {"company", {"kcompany"}, "unit.duplicate", "'kcompany' already reads as"},
      {"", {}, "unit.bad_name", "empty unit name"},
      {"big company", {}, "unit.bad_name", "not a plain word"},
      {"2x", {}, "unit.bad_name", "not a plain word"},
      {"a/b", {}, "unit.bad_name", "not a plain word"},
      {"company", {"co%"}, "unit.bad_name", "alias 'co%'"},
  };
  for (const row& r : rows) {
    INFO("declare " << r.name);
    unit_registry registry = unit_registry::with_builtins();
    const auto declared = registry.declare_count_unit(r.name, r.aliases);
    REQUIRE_FALSE(declared.ok());
    CHECK(declared.error().code == r.code);
    CHECK_THAT(declared.error().message, Catch::Matchers::Contains(r.message_part));
  }
  // A refused declaration leaves the registry as it was.
  unit_registry registry = unit_registry::with_builtins();
  REQUIRE_FALSE(registry.declare_count_unit("firm", {"firms", "GPU"}).ok());
  CHECK_FALSE(registry.parse("firm").ok());
  // Declaring the same unit twice is refused too.
  REQUIRE(registry.declare_count_unit("firm", {}).ok());
  const auto again = registry.declare_count_unit("firm", {});
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "unit.duplicate");
}

TEST_CASE("no built-in atom reads in two ways, with or without a prefix") {
  const std::vector<std::string> prefixes = {"",  "k", "M", "G",      "T",      "P",
                                             "E", "m", "u", "\u00B5", "\u03BC", "n"};
  std::size_t accepted = 0;
  for (const std::string& name : builtins().names()) {
    for (const std::string& p : prefixes) {
      const std::string atom = p + name;
      const auto result = builtins().parse(atom);
      INFO("atom: " << atom);
      if (result.ok()) {
        ++accepted;
      } else {
        CHECK(result.error().code != "unit.ambiguous_prefix");
      }
    }
  }
  CHECK(accepted > 100);
}

TEST_CASE("energy and power: W, Wh and J with SI prefixes, 度 = kWh, exact scales") {
  struct row {
    const char* text;
    double joules;  // scale in base units (J, or J/s for a power)
    bool power;
  };
  const std::vector<row> rows = {
      {"J", 1, false},        {"kJ", 1e3, false},       {"MJ", 1e6, false},
      {"GJ", 1e9, false},     {"Wh", 3600, false},      {"kWh", 3.6e6, false},
      {"MWh", 3.6e9, false},  {"GWh", 3.6e12, false},   {"TWh", 3.6e15, false},
      {"PWh", 3.6e18, false}, {"\u5EA6", 3.6e6, false}, {"kW*h", 3.6e6, false},
      {"MW*h", 3.6e9, false}, {"W*s", 1, false},        {"W", 1, true},
      {"kW", 1e3, true},      {"MW", 1e6, true},        {"GW", 1e9, true},
      {"TW", 1e12, true},     {"J/s", 1, true},         {"kWh/h", 1e3, true},
  };
  const dimension energy = parsed("J").dim;
  const dimension power = energy / dimension::base("time");
  for (const row& r : rows) {
    INFO(r.text);
    const unit u = parsed(r.text);
    CHECK(u.scale == r.joules);  // exact: whole numbers and powers of ten
    CHECK(u.dim == (r.power ? power : energy));
  }
  // "1287 MWh / 10,791 kWh per household-year" is one expression's units.
  CHECK(factor("MWh", "kWh") == 1000.0);
  CHECK(factor("\u5EA6", "kWh") == 1.0);
  CHECK(factor("GWh", "MW*h") == 1000.0);
  CHECK(factor("kW*yr", "kWh") == 8765.82);
  CHECK_FALSE(conversion_factor(parsed("kW"), parsed("kWh")).ok());
}

TEST_CASE("unit hints lead to a valid unit, by kind and then by spelling") {
  const std::vector<bad_unit> rows = {
      // each fix followed to the end: '-' -> '*' -> brackets -> 'h'
      {"USD/GPU-hour", "unit.syntax", 7, "join units with '*': write 'USD/(GPU*h)'"},
      {"USD/GPU*hour", "unit.ambiguous_division", 7, "write 'USD/(GPU*h)'"},
      {"USD/GPU hour", "unit.syntax", 7, "write 'USD/(GPU*h)'"},
      {"GPU-days", "unit.syntax", 3, "write 'GPU*d'"},
      // spelled-out words name their symbol
      {"hour", "unit.unknown", 0, "did you mean 'h'?"},
      {"hours", "unit.unknown", 0, "did you mean 'h'?"},
      {"days", "unit.unknown", 0, "did you mean 'd'?"},
      {"seconds", "unit.unknown", 0, "did you mean 's'?"},
      {"years", "unit.unknown", 0, "did you mean 'yr'?"},
      {"minutes", "unit.unknown", 0, "did you mean 'min'?"},
      {"GPU*hours", "unit.unknown", 4, "did you mean 'h'?"},
      // energy is never taken for a currency
      {"KWh", "unit.unknown", 0, "did you mean 'kWh'?"},
      {"kwh", "unit.unknown", 0, "did you mean 'kWh'?"},
      {"MWH", "unit.unknown", 0, "did you mean 'MWh'?"},
      {"kwatt", "unit.unknown", 0, "unknown unit 'kwatt'"},
      {"USDs", "unit.unknown", 0, "did you mean 'USD'? (units are never plural)"},
      // a currency's prefix becomes a scale a value takes
      {"kUSD", "unit.prefix_not_allowed", 0, "(\"4.5K\" with unit 'USD')"},
      {"GUSD", "unit.prefix_not_allowed", 0, "(\"4.5B\" with unit 'USD')"},
      {"TUSD", "unit.prefix_not_allowed", 0, "(\"4.5T\" with unit 'USD')"},
      {"PUSD", "unit.prefix_not_allowed", 0, "(\"4.5e15\" with unit 'USD')"},
      {"EUSD", "unit.prefix_not_allowed", 0, "(\"4.5e18\" with unit 'USD')"},
      // a fix that leads nowhere valid is not shown
      {"USD/GPU-xyzzy", "unit.syntax", 7, "unexpected '-' in a unit; join units with '*'"},
  };
  for (const bad_unit& row : rows) check_bad(row);
  const auto nowhere = builtins().parse("USD/GPU-xyzzy");
  REQUIRE_FALSE(nowhere.ok());
  CHECK(nowhere.error().message.find("write") == std::string::npos);
  CHECK(builtins().parse("KWh").error().message.find("KWD") == std::string::npos);
}

namespace {

// The quoted texts a message offers to write instead: after "write ",
// "did you mean " and "...: " ("write exponents with '^': 'GPU/s^-1'").
std::vector<std::string> suggested_units(const std::string& message) {
  std::vector<std::string> out;
  for (const std::string lead : {"write '", "did you mean '", "': '"}) {
    for (std::size_t at = message.find(lead); at != std::string::npos;
         at = message.find(lead, at + 1)) {
      const std::size_t start = at + lead.size();
      const std::size_t end = message.find('\'', start);
      if (end != std::string::npos) out.push_back(message.substr(start, end - start));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every unit the parser suggests parses, for mistakes made on every built-in name") {
  std::vector<std::string> mistakes = {"USD/GPU-hour", "GPU h/s", "TFLOPS",    "USD/TFLOPS",
                                       "GPU/s-1",      "FLOP.s",  "GPU\u00D7h"};
  const std::vector<std::string> prefixes = {"k", "M", "G", "T", "P", "E", "m", "u", "n"};
  for (const std::string& name : builtins().names()) {
    std::string upper = name, lower = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string& m :
         {name + "s", name + "es", upper, lower, "USD/GPU-" + name, "USD/GPU*" + name,
          "USD/" + name + "*h", "GPU " + name, name + "-h", name + "_x", "x" + name,
          name.substr(0, name.size() > 1 ? name.size() - 1 : 1) + "q"}) {
      mistakes.push_back(m);
    }
    for (const std::string& p : prefixes) mistakes.push_back(p + name);
  }
  std::size_t suggestions = 0, values = 0;
  for (const std::string& mistake : mistakes) {
    const auto result = builtins().parse(mistake);
    if (result.ok()) continue;
    // A value the message advises ("4.5B" for GUSD) is one a value takes.
    const std::string& message = result.error().message;
    if (const std::size_t at = message.find("(\"4.5"); at != std::string::npos) {
      const std::string value = message.substr(at + 2, message.find('"', at + 2) - at - 2);
      INFO("'" << mistake << "' advises the value \"" << value << "\"");
      CHECK(claimcheck::parse_value_string(value).ok());
      ++values;
    }
    for (const std::string& suggestion : suggested_units(result.error().message)) {
      INFO("'" << mistake << "': " << result.error().message);
      const auto again = builtins().parse(suggestion);
      CHECK(again.ok());
      ++suggestions;
    }
  }
  CHECK(suggestions > 300);
  CHECK(values > 50);
}
