// SPDX-License-Identifier: MIT
// Units: dimensions, a run-time registry, the strict unit grammar, conversion.
//
// Example: parse_unit("USD/(GPU*h)") gives scale 1/3600 and dimension
// USD^1 GPU^-1 time^-1; "USD/GPU*h" is an error (unit.ambiguous_division)
// that suggests "USD/(GPU*h)".
//
// Grammar (../shared/spec/claim-format.md, "units"):
//   unit    := product [ '/' product ]        -- at most one top-level '/'
//   product := factor { ('*' | '·') factor }
//   factor  := ( atom | '(' unit ')' | '1' ) [ '^' ['-'] digits ]
//   atom    := [prefix] name | '%'
// No juxtaposition ("GPU h"), no plural stripping ("GPUs"), and an atom that
// splits into prefix + unit in two ways is an error, not a guess. White space
// around operators is allowed; '1' is the only number a unit may hold.
//
// Prefixes: k M G T P E (1e3 ... 1e18) apply to every count unit (built in
// or declared) and to every time unit, s, min, h, d, week, month and yr
// ("ks", "kh", "Myr"): the spec says "count and time units" and none of these
// spellings can be misread. m, u, µ (U+00B5), μ (U+03BC) and n apply to `s`
// only ("ms", "us", "µs", "ns"). One prefix at most ("kTFLOP" is unknown).
// Currencies, '%' and '1' take none ("MUSD" is unit.prefix_not_allowed: write
// "4.5M" in the value instead).
//
// Scales are computed exactly (a rational times a power of ten) and rounded
// to a double once, so "h" is 3600, "TFLOP" 1e12 and "yr" 31556952 s exactly.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimcheck/diagnostic.hpp"

namespace claimcheck {

// The names of base dimensions, numbered: one table for the whole process,
// shared by every registry and thread. A dimension holds these numbers, not
// the names, so that copying one allocates nothing; the built-in bases and
// every base a dossier declares are numbered as they are first seen
// (numbers are never reused or removed: a run holds as many as the distinct
// names it meets). Numbering a new name takes a lock; reading the name of a
// number takes none (the names live in blocks that never move).
using base_index = std::uint32_t;
base_index intern_base_name(std::string_view name);
std::string_view base_name(base_index index);

// Integer exponents over named base dimensions: "time", each currency code
// ("USD", "CNY"), each count noun ("FLOP", "GPU", "parameter", or a unit a
// dossier declares). Dimensionless has no terms.
//
// A value carries its dimension through every step of an evaluation, so the
// terms are held inline: the format lets a unit name any number of distinct
// bases ("USD*EUR*GPU*..."), but units people write have one to three
// ("USD/(GPU*h)", "FLOP/(parameter*token)"); up to `inline_terms` live in
// the object, more (legal, never seen) in one heap block.
class dimension {
 public:
  struct term {
    base_index base;
    int exponent;
    bool operator==(const term& o) const { return base == o.base && exponent == o.exponent; }
  };
  static constexpr std::uint32_t inline_terms = 6;

  dimension() = default;
  dimension(const dimension& other);
  dimension(dimension&& other) noexcept;
  dimension& operator=(const dimension& other);
  dimension& operator=(dimension&& other) noexcept;
  ~dimension() {
    if (spilled()) delete[] heap_;
  }

  static dimension base(std::string_view name);
  static dimension base(base_index index);

  bool dimensionless() const { return size_ == 0; }
  int exponent(std::string_view base_name) const;

  // The terms in name order (never a zero exponent).
  const term* begin() const { return spilled() ? heap_ : inline_; }
  const term* end() const { return begin() + size_; }
  std::size_t size() const { return size_; }

  // (base name, exponent) pairs in name order, for readers that print.
  class named_terms {
   public:
    class iterator {
     public:
      explicit iterator(const term* at) : at_(at) {}
      std::pair<std::string_view, int> operator*() const {
        return {base_name(at_->base), at_->exponent};
      }
      iterator& operator++() {
        ++at_;
        return *this;
      }
      bool operator!=(const iterator& o) const { return at_ != o.at_; }

     private:
      const term* at_;
    };
    explicit named_terms(const dimension& d) : d_(d) {}
    iterator begin() const { return iterator(d_.begin()); }
    iterator end() const { return iterator(d_.end()); }
    std::size_t size() const { return d_.size(); }

   private:
    const dimension& d_;
  };
  named_terms exponents() const { return named_terms(*this); }

  // Units take exponents up to this, whether written ("s^100" is
  // unit.limit) or computed ("(f^64)^64" is eval.limit).
  static constexpr int exponent_limit = 99;
  // The first term whose exponent is beyond exponent_limit, if any.
  const term* beyond_limit() const;

  // Exponents saturate at +-2^30 instead of overflowing an int: an
  // expression such as "((((f^64)^64)^64)^64)^64" computes its dimension
  // before the evaluator sees that it is beyond exponent_limit.
  dimension operator*(const dimension& other) const;
  dimension operator/(const dimension& other) const;
  dimension pow(int n) const;
  bool operator==(const dimension& other) const;
  bool operator!=(const dimension& other) const { return !(*this == other); }

  // Positive exponents over negative ones, bases in name order:
  // "USD/(GPU*time)", "FLOP/time", "time^2", "1/time"; "1" when dimensionless.
  std::string to_string() const;

 private:
  bool spilled() const { return capacity_ > inline_terms; }
  term* data() { return spilled() ? heap_ : inline_; }
  // Room for n terms, the current ones dropped.
  void reset(std::uint32_t n);
  void push(term t) { data()[size_++] = t; }
  void take(dimension& other);

  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = inline_terms;
  union {
    term inline_[inline_terms];
    term* heap_;
  };
};

// A parsed unit: a value x in this unit is x * scale in base units
// (seconds for time, one item for counts, one currency unit for money).
struct unit {
  double scale = 1;
  dimension dim;
  std::string text;  // as written, for messages and display ("GPU*h")

  static unit dimensionless() { return unit{1, dimension{}, "1"}; }
};

unit operator*(const unit& a, const unit& b);
unit operator/(const unit& a, const unit& b);
unit pow(const unit& a, int n);

// A declared unit name (built in or from a dossier's `units`).
struct unit_definition {
  std::string name;
  std::vector<std::string> aliases;
  double scale = 1;  // in base units
  dimension dim;
  bool takes_prefixes = false;  // SI k M G T P E (and ms/us/µs/ns on s)
};

class unit_registry {
 public:
  // time (s, min, h, d, week, month, yr), ISO currencies, the built-in count
  // nouns (FLOP, parameter/param, token, GPU/chip, step, image, byte/B),
  // 1 and %.
  static unit_registry with_builtins();

  // Adds a dossier's count unit `{ "name": "company", "aliases": [...] }`,
  // its own dimension named after `name`, taking prefixes k M G T P E.
  // Error (unit.duplicate, unit.bad_name) when a name is taken, would make an
  // existing atom ambiguous ("kGPU", or "PU" which would split "GPU"), or is
  // not a plain word (a letter, then letters, digits or '_'). The offset of a
  // unit.bad_name error is inside the offending spelling. On error the
  // registry is unchanged.
  result<bool> declare_count_unit(const std::string& name, const std::vector<std::string>& aliases);

  // Parses a unit expression. Errors carry the code-point offset inside
  // `text`: unit.syntax, unit.unknown (with a "did you mean" when close),
  // unit.limit (parentheses nested over 32 deep, an exponent of a dimension
  // beyond 99 or a scale beyond the range of a double, e.g. "(Es^99)^99"),
  // unit.ambiguous_prefix, unit.ambiguous_division, unit.prefix_not_allowed.
  result<unit> parse(std::string_view text) const;

  bool is_currency(std::string_view base_name) const;
  std::vector<std::string> names() const;  // every name and alias, for suggestions

 private:
  std::map<std::string, unit_definition> by_name_;  // names and aliases
  std::vector<std::string> currencies_;
  // The units parsed so far, by their text. A dossier writes a few dozen
  // distinct unit texts thousands of times (every figure's unit, every unit
  // in brackets in an expression), and a parse costs thousands of
  // instructions. Copies of a registry share it until one of them declares
  // a unit; then it shares the cache of registries that made the same
  // declarations in the same order (dossiers of one corpus often declare
  // the same units), or gets a fresh one. A lock guards it, as the loader's
  // and the evaluator's threads share registries. A registry made otherwise
  // than by with_builtins() has none and parses every time.
  struct parse_cache;
  std::shared_ptr<parse_cache> cache_;
  // The count units declared on top of the built-ins, in order (names and
  // aliases), which is all that makes two such registries read differently;
  // and whether this registry started from with_builtins().
  std::string declarations_;
  bool from_builtins_ = false;

  static std::shared_ptr<parse_cache> cache_for_declarations(const std::string& declarations);
  result<unit> parse_uncached(std::string_view text) const;
};

// Factor f with value_in_from * f == value_in_to. Error unit.dimension (offset
// 0) names both units and dimensions ("cannot convert 'USD' to 'GPU*h':
// dimensions USD and GPU*time differ").
result<double> conversion_factor(const unit& from, const unit& to);

}  // namespace claimcheck
