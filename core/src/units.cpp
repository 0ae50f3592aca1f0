// SPDX-License-Identifier: MIT
#include "claimcheck/units.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <utility>

#include "claimcheck/text.hpp"

namespace claimcheck {

namespace {

bool is_superscript(char32_t c) {
  return c == U'\u00B2' || c == U'\u00B3' || c == U'\u00B9' || c == U'\u2070' ||
         (c >= U'\u2074' && c <= U'\u207B');
}

// Characters that end an atom: operators, brackets, space, '%'.
bool is_operator_char(char32_t c) {
  return c == U'*' || c == U'\u00B7' || c == U'/' || c == U'^' || c == U'(' || c == U')' ||
         c == U'%' || c == U'-' || c == U'+' || c == U'.' || c == U',' || c == U'\u00D7' ||
         c == U'\u22C5' || c == U'\u2219' || c == U'\u2212';
}

// A name may start with a letter (ASCII or not) and go on with letters,
// digits and '_': "GPU", "H100", "µs", "company".
bool is_name_start(char32_t c) {
  return is_ascii_letter(c) || (c >= 0x80 && !is_white_space(c) && !is_operator_char(c) &&
                                !is_superscript(c) && c != U'\uFFFD');
}
bool is_name_char(char32_t c) {
  return is_name_start(c) || is_ascii_digit(c) || c == U'_';
}

// ---------------------------------------------------------------- exact scales

// A scale kept as num/den * 10^power while it fits, so that "h" is 3600 and
// "TFLOP" 1e12 exactly; converted to double once, at the end of a parse.
class exact_scale {
 public:
  exact_scale() = default;
  static exact_scale of(std::uint64_t num, std::uint64_t den, int power) {
    exact_scale s;
    s.num_ = num;
    s.den_ = den;
    s.power_ = power;
    s.approx_ = static_cast<long double>(num) / static_cast<long double>(den) *
                std::pow(10.0L, static_cast<long double>(power));
    s.reduce();
    return s;
  }
  static exact_scale from_double(double v) {
    exact_scale s;
    s.exact_ = false;
    s.approx_ = v;
    return s;
  }

  exact_scale operator*(const exact_scale& o) const {
    exact_scale r;
    r.approx_ = approx_ * o.approx_;
    r.exact_ = exact_ && o.exact_;
    if (r.exact_) {
      // Cross-reduce first so that the products stay small.
      const std::uint64_t g1 = std::gcd(num_, o.den_);
      const std::uint64_t g2 = std::gcd(o.num_, den_);
      r.exact_ = !__builtin_mul_overflow(num_ / g1, o.num_ / g2, &r.num_) &&
                 !__builtin_mul_overflow(den_ / g2, o.den_ / g1, &r.den_);
      r.power_ = power_ + o.power_;
      if (r.exact_) r.reduce();
    }
    return r;
  }
  exact_scale inverse() const {
    exact_scale r = *this;
    std::swap(r.num_, r.den_);
    r.power_ = -power_;
    r.approx_ = 1 / approx_;
    return r;
  }
  exact_scale pow(int n) const {
    exact_scale result = of(1, 1, 0);
    const exact_scale base = n < 0 ? inverse() : *this;
    for (int i = 0; i < std::abs(n); ++i) result = result * base;
    return result;
  }

  double to_double() const {
    if (!exact_) return static_cast<double>(approx_);
    std::uint64_t num = num_;
    std::uint64_t den = den_;
    int power = power_;
    constexpr std::uint64_t exact_limit = std::uint64_t{1} << 53;
    // Fold powers of ten into num or den while both stay exact as doubles;
    // then one division rounds once, correctly.
    while (power > 0 && num <= exact_limit / 10) {
      num *= 10;
      --power;
    }
    while (power < 0 && den <= exact_limit / 10) {
      den *= 10;
      ++power;
    }
    if (power == 0 && num <= exact_limit && den <= exact_limit) {
      return static_cast<double>(num) / static_cast<double>(den);
    }
    if (den == 1) {
      // strtod rounds a decimal string correctly.
      const std::string decimal = std::to_string(num) + "e" + std::to_string(power);
      return std::strtod(decimal.c_str(), nullptr);
    }
    return static_cast<double>(approx_);
  }

 private:
  void reduce() {
    const std::uint64_t g = std::gcd(num_, den_);
    if (g > 1) {
      num_ /= g;
      den_ /= g;
    }
    while (num_ != 0 && num_ % 10 == 0) {
      num_ /= 10;
      ++power_;
    }
    while (den_ % 10 == 0) {
      den_ /= 10;
      --power_;
    }
  }

  bool exact_ = true;
  std::uint64_t num_ = 1;
  std::uint64_t den_ = 1;
  int power_ = 0;
  long double approx_ = 1;
};

// ---------------------------------------------------------------- prefixes

struct prefix {
  const char* symbol;
  int power;
  bool seconds_only;  // m, u, µ, μ, n: only "ms", "us"/"µs", "ns"
};

constexpr prefix prefixes[] = {
    {"k", 3, false},      {"M", 6, false},      {"G", 9, false}, {"T", 12, false},
    {"P", 15, false},     {"E", 18, false},     {"m", -3, true}, {"u", -6, true},
    {"\u00B5", -6, true}, {"\u03BC", -6, true}, {"n", -9, true},
};

// Exact scales of the built-in time units, in seconds. The year is the mean
// Gregorian year, 365.2425 d = 31556952 s, the year that years(a, b) counts.
struct builtin_unit {
  const char* name;
  std::uint64_t seconds;
};
constexpr builtin_unit time_units[] = {{"s", 1},        {"min", 60},      {"h", 3600},
                                       {"d", 86400},    {"week", 604800}, {"month", 2629746},
                                       {"yr", 31556952}};

// Energy and power (what a fact-checker of AI's electricity needs: "1287
// MWh", "10,791 kWh per household-year"). Energy is one base dimension,
// named by its base unit J; W is J/s. Exact scales: Wh = 3600 J, and
// 度 (the Chinese word for a kilowatt-hour) = 3.6e6 J. W, Wh and J take the
// SI prefixes (kW, MW, kWh, MWh, GWh, TWh, MJ); 度 takes none.
struct energy_unit {
  const char* name;
  std::uint64_t joules;
  int per_second;  // 1 for a power (W), 0 for an energy
  bool takes_prefixes;
};
constexpr energy_unit energy_units[] = {
    {"J", 1, 0, true}, {"Wh", 3600, 0, true}, {"W", 1, 1, true}, {"\u5EA6", 3600000, 0, false}};
constexpr const char* energy_dimension = "J";

// ISO 4217 codes of currencies in use; each is its own base dimension.
constexpr const char* currency_codes[] = {
    "AED", "ARS", "AUD", "BDT", "BGN", "BHD", "BRL", "CAD", "CHF", "CLP", "CNY", "COP",
    "CZK", "DKK", "DZD", "EGP", "EUR", "GBP", "GHS", "HKD", "HUF", "IDR", "ILS", "INR",
    "IQD", "IRR", "ISK", "JOD", "JPY", "KES", "KRW", "KWD", "KZT", "LKR", "MAD", "MOP",
    "MXN", "MYR", "NGN", "NOK", "NZD", "OMR", "PEN", "PHP", "PKR", "PLN", "QAR", "RON",
    "RSD", "RUB", "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "UAH", "USD", "VND", "ZAR"};

// Built-in count nouns: each names its own dimension; aliases share it.
struct builtin_count {
  const char* name;
  const char* alias;  // "" when none
};
constexpr builtin_count count_units[] = {{"FLOP", ""},    {"parameter", "param"}, {"token", ""},
                                         {"GPU", "chip"}, {"step", ""},           {"image", ""},
                                         {"byte", "B"}};

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// Unit text from the user, as a message repeats it (cut: a 100 KB unit
// string does not come back whole).
std::string quoted(std::string_view s) {
  return "'" + clip_echo(s) + "'";
}

std::string power_of_ten(int power) {
  return "1e" + std::to_string(power);
}

// ---------------------------------------------------------------- tokens

enum class token_kind { atom, number, percent, times, divide, caret, open, close, end };

struct token {
  token_kind kind;
  std::size_t offset;                            // code points from the start of the text
  std::string text;                              // UTF-8
  std::size_t space_before = std::string::npos;  // offset of white space before it, if any
};

struct unit_term {
  exact_scale scale;
  dimension dim;
};

bool is_factor_start(token_kind k) {
  return k == token_kind::atom || k == token_kind::number || k == token_kind::percent ||
         k == token_kind::open;
}

text_error error_at(const char* code, std::size_t offset, std::string message) {
  return text_error{code, offset, std::move(message)};
}

// A message that suggests a rewritten unit holds this mark where the
// suggestion goes. parse() follows the rewrite (and the rewrites of its own
// errors) until a unit parses, and shows that unit; a suggestion that leads
// to no valid unit is never shown ("USD/GPU-hour" -> 'USD/(GPU*h)', not
// 'USD/GPU*hour', which is ambiguous, nor 'USD/(GPU*hour)', unknown).
constexpr char suggestion_mark = '\x1F';

// How an unparsable unit could be written instead: the whole text again,
// "" when there is no guess; and the message to give when the guess leads
// nowhere (for a message that holds suggestion_mark).
struct unit_rewrite {
  std::string text;
  std::string message_without;
};

// Words people write for built-in units, which the grammar refuses (one
// symbol for each unit): they give a hint, never a reading. A trailing
// plural 's' is dropped before the look-up ("days" -> 'd').
constexpr std::pair<const char*, const char*> spelled_out_units[] = {
    {"second", "s"}, {"sec", "s"},   {"minute", "min"}, {"hour", "h"},  {"hr", "h"},
    {"day", "d"},    {"year", "yr"}, {"watt", "W"},     {"joule", "J"},
};

}  // namespace

// ---------------------------------------------------------------- dimension

namespace {

// The table behind intern_base_name/base_name. Names are kept in blocks of
// doubling size that are never moved or freed, so a reader maps a number to
// its name with two loads and no lock; only numbering a new name locks.
// Block k holds 2^(k + first_block_bits) names; 28 blocks reach 2^32.
class base_name_table {
 public:
  base_index intern(std::string_view name) {
    std::lock_guard<std::mutex> hold(lock_);
    if (const auto found = index_of_.find(name); found != index_of_.end()) return found->second;
    const base_index index = count_;
    const auto [block, offset] = place(index);
    std::string* names = blocks_[block].load(std::memory_order_relaxed);
    if (names == nullptr) {
      names = new std::string[block_size(block)];
      blocks_[block].store(names, std::memory_order_release);
    }
    names[offset] = std::string(name);
    index_of_.emplace(names[offset], index);
    ++count_;
    return index;
  }

  // `index` came from intern(), which wrote its name before handing it out.
  std::string_view name(base_index index) const {
    const auto [block, offset] = place(index);
    return blocks_[block].load(std::memory_order_acquire)[offset];
  }

 private:
  static constexpr unsigned first_block_bits = 6;
  static constexpr unsigned block_count = 32 - first_block_bits + 1;
  static std::size_t block_size(unsigned block) {
    return std::size_t{1} << (block + first_block_bits);
  }
  static std::pair<unsigned, std::size_t> place(base_index index) {
    const std::uint64_t shifted = std::uint64_t{index} + (std::uint64_t{1} << first_block_bits);
    const unsigned top = 63 - static_cast<unsigned>(__builtin_clzll(shifted));
    const unsigned block = top - first_block_bits;
    return {block, static_cast<std::size_t>(shifted - (std::uint64_t{1} << top))};
  }

  std::mutex lock_;
  std::unordered_map<std::string_view, base_index> index_of_;  // views into the blocks
  base_index count_ = 0;
  std::atomic<std::string*> blocks_[block_count] = {};
};

base_name_table& base_names() {
  // Never destroyed: threads of a run may still read names while statics
  // are torn down at exit.
  static base_name_table* const table = new base_name_table;
  return *table;
}

}  // namespace

base_index intern_base_name(std::string_view name) {
  return base_names().intern(name);
}

std::string_view base_name(base_index index) {
  return base_names().name(index);
}

namespace {

// Terms are kept in the order of their names, as the reports print them:
// equal dimensions have equal terms, and to_string() walks them in order.
bool name_before(base_index a, base_index b) {
  return a != b && base_name(a) < base_name(b);
}

}  // namespace

dimension::dimension(const dimension& other) {
  *this = other;
}

dimension::dimension(dimension&& other) noexcept {
  take(other);
}

dimension& dimension::operator=(const dimension& other) {
  if (this == &other) return *this;
  reset(other.size_);
  std::copy(other.begin(), other.end(), data());
  size_ = other.size_;
  return *this;
}

dimension& dimension::operator=(dimension&& other) noexcept {
  if (this == &other) return *this;
  if (spilled()) delete[] heap_;
  capacity_ = inline_terms;
  take(other);
  return *this;
}

// Moves `other`'s terms (or its heap block) here, this holding none.
void dimension::take(dimension& other) {
  size_ = other.size_;
  capacity_ = other.capacity_;
  if (other.spilled()) {
    heap_ = other.heap_;
    other.capacity_ = inline_terms;
  } else {
    std::copy(other.inline_, other.inline_ + other.size_, inline_);
  }
  other.size_ = 0;
}

void dimension::reset(std::uint32_t n) {
  size_ = 0;
  if (n <= capacity_) return;
  if (spilled()) delete[] heap_;
  heap_ = new term[n];
  capacity_ = n;
}

bool dimension::operator==(const dimension& other) const {
  return size_ == other.size_ && std::equal(begin(), end(), other.begin());
}

dimension dimension::base(std::string_view name) {
  return base(intern_base_name(name));
}

dimension dimension::base(base_index index) {
  dimension d;
  d.push(term{index, 1});
  return d;
}

int dimension::exponent(std::string_view base_name_wanted) const {
  for (const term& t : *this) {
    if (base_name(t.base) == base_name_wanted) return t.exponent;
  }
  return 0;
}

namespace {
// An exponent held within +-2^30: the product of two such fits a long long,
// and anything this large is beyond dimension::exponent_limit anyway.
int saturated(long long exponent) {
  constexpr long long ceiling = 1LL << 30;
  return static_cast<int>(std::clamp(exponent, -ceiling, ceiling));
}
}  // namespace

// Both sides are in name order: one merge, into room on the stack when
// the two sides together have few terms (cancelled and shared bases make
// the result smaller than its inputs, so it may fit inline when they do
// not), then into the result.
dimension dimension::operator*(const dimension& other) const {
  const std::uint32_t most = size_ + other.size_;
  term room[2 * inline_terms];
  std::unique_ptr<term[]> large;
  term* const merged = most <= 2 * inline_terms ? room : (large.reset(new term[most]), large.get());
  term* out = merged;
  const term* a = begin();
  const term* b = other.begin();
  while (a != end() || b != other.end()) {
    if (b == other.end() || (a != end() && name_before(a->base, b->base))) {
      *out++ = *a++;
    } else if (a == end() || a->base != b->base) {
      *out++ = *b++;
    } else {
      const int sum = saturated(static_cast<long long>(a->exponent) + b->exponent);
      if (sum != 0) *out++ = term{a->base, sum};
      ++a;
      ++b;
    }
  }
  dimension result;
  const auto count = static_cast<std::uint32_t>(out - merged);
  result.reset(count);
  std::copy(merged, out, result.data());
  result.size_ = count;
  return result;
}

dimension dimension::operator/(const dimension& other) const {
  return *this * other.pow(-1);
}

dimension dimension::pow(int n) const {
  dimension result;
  if (n == 0) return result;
  result = *this;
  for (term* t = result.data(); t != result.data() + result.size_; ++t) {
    t->exponent = saturated(static_cast<long long>(t->exponent) * n);
  }
  return result;
}

const dimension::term* dimension::beyond_limit() const {
  for (const term& t : *this) {
    if (t.exponent > exponent_limit || t.exponent < -exponent_limit) return &t;
  }
  return nullptr;
}

std::string dimension::to_string() const {
  if (dimensionless()) return "1";
  std::string numerator;
  std::string denominator;
  int denominator_terms = 0;
  for (const auto& [name, power] : exponents()) {
    std::string& side = power > 0 ? numerator : denominator;
    if (!side.empty()) side += '*';
    side += name;
    const int magnitude = std::abs(power);
    if (magnitude != 1) side += '^' + std::to_string(magnitude);
    if (power < 0) ++denominator_terms;
  }
  if (denominator.empty()) return numerator;
  if (numerator.empty()) numerator = "1";
  if (denominator_terms > 1) denominator = '(' + denominator + ')';
  return numerator + '/' + denominator;
}

// ---------------------------------------------------------------- unit algebra

namespace {

// Whether a unit's text needs brackets when it becomes one operand of '*'
// ("USD/GPU" times "h" is "(USD/GPU)*h", never the ambiguous "USD/GPU*h").
bool has_top_level(const std::string& text, const std::string& operators) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (text.compare(i, 2, "\u00B7") == 0) c = '*';  // '·' joins like '*'
    if (depth == 0 && operators.find(c) != std::string::npos) return true;
  }
  return false;
}

std::string bracket_if(const std::string& text, const std::string& operators) {
  return has_top_level(text, operators) ? "(" + text + ")" : text;
}

}  // namespace

unit operator*(const unit& a, const unit& b) {
  std::string text;
  if (a.text == "1") {
    text = b.text;
  } else if (b.text == "1") {
    text = a.text;
  } else {
    text = bracket_if(a.text, "/") + "*" + bracket_if(b.text, "/");
  }
  return unit{a.scale * b.scale, a.dim * b.dim, text};
}

unit operator/(const unit& a, const unit& b) {
  std::string text;
  if (b.text == "1") {
    text = a.text;
  } else {
    text = bracket_if(a.text, "/") + "/" + bracket_if(b.text, "*/");
  }
  return unit{a.scale / b.scale, a.dim / b.dim, text};
}

unit pow(const unit& a, int n) {
  if (n == 1) return a;
  std::string text;
  if (n == 0 || a.text == "1") {
    text = "1";
  } else {
    text = bracket_if(a.text, "*/^") + "^" + std::to_string(n);
  }
  return unit{std::pow(a.scale, n), a.dim.pow(n), text};
}

// ---------------------------------------------------------------- registry

struct unit_registry::parse_cache {
  std::mutex lock;
  std::unordered_map<std::string, unit> parsed;
  // A hostile dossier may write a million distinct unit texts; past this
  // many the rest are parsed every time instead of held.
  static constexpr std::size_t capacity = 4096;
};

// The parse caches of registries that declared units, by their declarations
// (unit_registry::declarations_): a run over a corpus whose dossiers declare
// the same units parses each unit text once, not once per dossier. Held for
// the run; past `most` distinct declaration lists (a corpus of dossiers that
// all declare different units), a registry gets a cache of its own.
std::shared_ptr<unit_registry::parse_cache> unit_registry::cache_for_declarations(
    const std::string& declarations) {
  constexpr std::size_t most = 64;
  static std::mutex lock;
  static auto* const caches = new std::unordered_map<std::string, std::shared_ptr<parse_cache>>;
  std::lock_guard<std::mutex> hold(lock);
  if (const auto found = caches->find(declarations); found != caches->end()) return found->second;
  auto fresh = std::make_shared<parse_cache>();
  if (caches->size() < most) caches->emplace(declarations, fresh);
  return fresh;
}

unit_registry unit_registry::with_builtins() {
  // Built once and copied: every dossier starts from it, and a run over
  // thousands of small dossiers spent its time building this table (and a
  // parse cache per dossier). The copies share the prototype's parse cache
  // until one declares a unit (declare_count_unit gives it a fresh one).
  static const unit_registry builtins = [] {
    unit_registry registry;
    registry.cache_ = std::make_shared<parse_cache>();
    registry.from_builtins_ = true;
    for (const builtin_unit& t : time_units) {
      registry.by_name_[t.name] = unit_definition{
          t.name, {}, static_cast<double>(t.seconds), dimension::base("time"), true};
    }
    for (const energy_unit& e : energy_units) {
      const dimension dim =
          dimension::base(energy_dimension) / dimension::base("time").pow(e.per_second);
      registry.by_name_[e.name] =
          unit_definition{e.name, {}, static_cast<double>(e.joules), dim, e.takes_prefixes};
    }
    for (const builtin_count& c : count_units) {
      unit_definition definition{c.name, {}, 1, dimension::base(c.name), true};
      if (*c.alias != '\0') definition.aliases.emplace_back(c.alias);
      registry.by_name_[c.name] = definition;
      if (*c.alias != '\0') registry.by_name_[c.alias] = definition;
    }
    for (const char* code : currency_codes) {
      registry.by_name_[code] = unit_definition{code, {}, 1, dimension::base(code), false};
      registry.currencies_.emplace_back(code);
    }
    registry.by_name_["%"] = unit_definition{"%", {}, 0.01, dimension{}, false};
    return registry;
  }();
  return builtins;
}

bool unit_registry::is_currency(std::string_view base_name) const {
  return std::find(currencies_.begin(), currencies_.end(), base_name) != currencies_.end();
}

std::vector<std::string> unit_registry::names() const {
  std::vector<std::string> all;
  all.reserve(by_name_.size());
  for (const auto& entry : by_name_) all.push_back(entry.first);
  return all;
}

namespace {

// The readings of an atom: as a whole name, and as prefix + name.
struct atom_reading {
  const unit_definition* definition;
  const prefix* used_prefix;  // nullptr when the atom is the name itself
  std::string name;           // the name after the prefix
};

std::vector<atom_reading> readings_of(const std::map<std::string, unit_definition>& by_name,
                                      const std::string& atom) {
  std::vector<atom_reading> readings;
  if (const auto whole = by_name.find(atom); whole != by_name.end()) {
    readings.push_back({&whole->second, nullptr, atom});
  }
  for (const prefix& p : prefixes) {
    if (!starts_with(atom, p.symbol) || atom.size() == std::string_view(p.symbol).size()) continue;
    const std::string rest = atom.substr(std::string_view(p.symbol).size());
    const auto found = by_name.find(rest);
    if (found == by_name.end() || !found->second.takes_prefixes) continue;
    if (p.seconds_only && found->second.name != "s") continue;
    readings.push_back({&found->second, &p, rest});
  }
  return readings;
}

std::string describe_reading(const atom_reading& r) {
  if (r.used_prefix == nullptr) return quoted(r.name);
  return quoted(r.used_prefix->symbol) + " (" + power_of_ten(r.used_prefix->power) + ") + " +
         quoted(r.name);
}

// Recursive descent over the token list; see the grammar in units.hpp.
constexpr std::size_t no_token = static_cast<std::size_t>(-1);

// Parentheses a unit may nest, and the largest exponent of a dimension in
// any part of it (the same bound as one written exponent).
constexpr std::size_t max_unit_nesting = 32;
constexpr int max_unit_exponent = dimension::exponent_limit;

class unit_parser {
 public:
  unit_parser(const unit_registry& registry, const std::map<std::string, unit_definition>& by_name,
              std::vector<token> tokens)
      : registry_(registry), by_name_(by_name), tokens_(std::move(tokens)) {}

  result<unit_term> parse_all() {
    auto value = parse_unit();
    if (!value) return value;
    const token& t = peek();
    if (t.kind != token_kind::end) {
      if (t.kind == token_kind::close) {
        return error_at("unit.syntax", t.offset, "unmatched ')'; remove it or add a '(' before");
      }
      return unexpected(t);
    }
    return value;
  }

 private:
  const token& peek() const { return tokens_[position_]; }
  const token& take() { return tokens_[position_++]; }

  // The text again, normalised from the tokens, with '*' put before token
  // `star_before` and, when `bracket_from` is set, the denominator that
  // starts there bracketed with its own '/' turned into '*':
  // "USD/GPU*h" -> "USD/(GPU*h)", "GPU h" -> "GPU*h".
  std::string rendered(std::size_t star_before, std::size_t bracket_from = no_token) const {
    const std::size_t end_token = tokens_.size() - 1;
    std::size_t close_at = end_token;
    if (bracket_from != no_token) {
      int depth = 0;
      for (std::size_t i = bracket_from; i < end_token; ++i) {
        if (tokens_[i].kind == token_kind::open) ++depth;
        if (tokens_[i].kind == token_kind::close && depth-- == 0) {
          close_at = i;
          break;
        }
      }
    }
    std::string out;
    int depth = 0;
    for (std::size_t i = 0; i <= end_token; ++i) {
      if (i == bracket_from) out += '(';
      if (bracket_from != no_token && i == close_at) out += ')';
      if (i == end_token) break;
      if (i == star_before) out += '*';
      const token& t = tokens_[i];
      const bool inside = bracket_from != no_token && i >= bracket_from && i < close_at;
      if (inside && t.kind == token_kind::divide && depth == 0) {
        out += '*';
      } else {
        out += t.text;
      }
      if (inside && t.kind == token_kind::open) ++depth;
      if (inside && t.kind == token_kind::close) --depth;
    }
    return out;
  }

  // Keeps every intermediate result of a unit in range: each exponent of a
  // dimension within +-99 (so that nested powers such as "((s^99)^99)^99"
  // cannot overflow an int) and the scale a finite, non-zero double (so that
  // "(Es^99)^99" or "(%^99)^99" is an error, not a unit of infinite or zero
  // size that would turn values into inf or NaN).
  static result<unit_term> bounded(unit_term term, std::size_t offset) {
    for (const auto& [name, power] : term.dim.exponents()) {
      if (power > max_unit_exponent || power < -max_unit_exponent) {
        return error_at("unit.limit", offset,
                        "this makes the exponent of " + std::string(name) + " " +
                            std::to_string(power) + "; units take exponents up to " +
                            std::to_string(max_unit_exponent));
      }
    }
    const double scale = term.scale.to_double();
    if (!std::isfinite(scale) || scale == 0) {
      return error_at(
          "unit.limit", offset,
          "this puts the unit's scale out of the range of a double; write a smaller unit");
    }
    return term;
  }

  text_error unexpected(const token& t) const {
    if (is_factor_start(t.kind)) {
      const std::size_t at = t.space_before != std::string::npos ? t.space_before : t.offset;
      const std::string joined = "units are joined with '*', not written side by side";
      return suggest("unit.syntax", at, joined + "; write " + suggestion_mark,
                     rendered(position_, denominator_start_), joined);
    }
    if (t.kind == token_kind::end) {
      return error_at("unit.syntax", t.offset, "the unit ends too early; a unit is missing here");
    }
    return error_at("unit.syntax", t.offset,
                    "unexpected " + quoted(t.text) + "; a unit name, '1', '%' or '(' goes here");
  }

  result<unit_term> parse_unit() {
    auto numerator = parse_product();
    if (!numerator) return numerator;
    if (peek().kind != token_kind::divide) return numerator;
    take();
    const std::size_t denominator_start = position_;
    auto denominator = parse_factor();
    if (!denominator) return denominator;
    const token& after = peek();
    if (after.kind == token_kind::times || after.kind == token_kind::divide) {
      const std::string ambiguous =
          "after '/', " + quoted(after.text) +
          " is ambiguous (readers and tools disagree on what it divides); ";
      return suggest("unit.ambiguous_division", after.offset,
                     ambiguous + "write " + suggestion_mark, rendered(no_token, denominator_start),
                     ambiguous + "put what the '/' divides by in parentheses");
    }
    if (is_factor_start(after.kind)) {
      // "USD/GPU h": joining with '*' alone would give the ambiguous "USD/GPU*h".
      denominator_start_ = denominator_start;
      return unexpected(after);
    }
    return bounded(unit_term{numerator->scale * denominator->scale.inverse(),
                             numerator->dim / denominator->dim},
                   tokens_[denominator_start - 1].offset);
  }

  result<unit_term> parse_product() {
    auto value = parse_factor();
    if (!value) return value;
    unit_term product = *value;
    while (peek().kind == token_kind::times) {
      const token& star = take();
      auto next = parse_factor();
      if (!next) return next;
      auto bounded_product =
          bounded(unit_term{product.scale * next->scale, product.dim * next->dim}, star.offset);
      if (!bounded_product) return bounded_product;
      product = *bounded_product;
    }
    return product;
  }

  result<unit_term> parse_factor() {
    auto base = parse_primary();
    if (!base) return base;
    if (peek().kind != token_kind::caret) return base;
    take();
    const token& exponent = peek();
    const std::string digits = exponent.text;  // "2", "-1": the tokenizer keeps the sign
    if (exponent.kind == token_kind::end) {
      return error_at("unit.syntax", exponent.offset,
                      "'^' needs an integer exponent after it, as in 's^-1'");
    }
    if (exponent.kind != token_kind::number || digits.find_first_of(".,") != std::string::npos) {
      return error_at("unit.syntax", exponent.offset,
                      "the exponent after '^' must be an integer, as in 's^2' or 's^-1'");
    }
    take();
    const bool negative = digits[0] == '-';
    const std::string magnitude = negative ? digits.substr(1) : digits;
    if (magnitude.size() > 2) {
      return error_at("unit.syntax", exponent.offset,
                      "exponent " + digits + " is too large; units take exponents up to 99");
    }
    const int n = std::stoi(magnitude) * (negative ? -1 : 1);
    return bounded(unit_term{base->scale.pow(n), base->dim.pow(n)}, exponent.offset);
  }

  result<unit_term> parse_primary() {
    const token& t = peek();
    switch (t.kind) {
      case token_kind::number: {
        take();
        if (t.text != "1") {
          return error_at(
              "unit.syntax", t.offset,
              "a unit holds no number but 1; write " + t.text + " in the value instead");
        }
        return unit_term{exact_scale::of(1, 1, 0), dimension{}};
      }
      case token_kind::percent: {
        take();
        return unit_term{exact_scale::of(1, 1, -2), dimension{}};
      }
      case token_kind::open: {
        take();
        // Each '(' recurses; hostile input ("((((...", a megabyte of them)
        // must end in a diagnostic, not exhaust the stack.
        if (++depth_ > max_unit_nesting) {
          return error_at("unit.limit", t.offset,
                          "parentheses nest deeper than " + std::to_string(max_unit_nesting) +
                              " levels in this unit; write it flatter");
        }
        auto inner = parse_unit();
        --depth_;
        if (!inner) return inner;
        if (peek().kind != token_kind::close) {
          if (peek().kind == token_kind::end) {
            return error_at("unit.syntax", t.offset, "'(' is never closed; add ')'");
          }
          return unexpected(peek());
        }
        take();
        return inner;
      }
      case token_kind::atom: {
        take();
        return resolve_atom(t);
      }
      default:
        return unexpected(t);
    }
  }

  result<unit_term> resolve_atom(const token& t) const {
    const std::vector<atom_reading> readings = readings_of(by_name_, t.text);
    if (readings.size() > 1) {
      std::string message =
          "unit " + quoted(t.text) + " is ambiguous: it reads as " + describe_reading(readings[0]);
      for (std::size_t i = 1; i < readings.size(); ++i) {
        message += " or as " + describe_reading(readings[i]);
      }
      message += "; rename the dossier unit that causes this";
      return error_at("unit.ambiguous_prefix", t.offset, message);
    }
    if (readings.size() == 1) {
      const atom_reading& r = readings[0];
      const unit_definition& d = *r.definition;
      // Built-in scales are whole numbers (3600 s, 3600 J): exact.
      exact_scale scale = exact_scale::from_double(d.scale);
      if (d.scale >= 1 && d.scale <= 9007199254740992.0 && d.scale == std::floor(d.scale)) {
        scale = exact_scale::of(static_cast<std::uint64_t>(d.scale), 1, 0);
      }
      if (r.used_prefix != nullptr) scale = scale * exact_scale::of(1, 1, r.used_prefix->power);
      return unit_term{scale, d.dim};
    }
    return unknown_atom(t);
  }

  text_error unknown_atom(const token& t) const {
    const std::string& atom = t.text;
    // A prefix on something that takes none.
    for (const prefix& p : prefixes) {
      const std::string_view symbol = p.symbol;
      if (!starts_with(atom, symbol) || atom.size() == symbol.size()) continue;
      const std::string rest = atom.substr(symbol.size());
      const auto found = by_name_.find(rest);
      if (found == by_name_.end()) continue;
      if (registry_.is_currency(found->second.name)) {
        return replace_atom("unit.prefix_not_allowed", t,
                            "currencies take no prefix: write the scale in the value (\"4.5" +
                                value_scale_of(p) + "\" with unit " + quoted(rest) +
                                ") instead of " + quoted(atom),
                            rest);
      }
      if (p.seconds_only) {
        return replace_atom("unit.prefix_not_allowed", t,
                            "prefix " + quoted(symbol) +
                                " applies only to 's' (ms, us, ns); write " + quoted(rest) +
                                " and scale the value instead of " + quoted(atom),
                            rest);
      }
      return replace_atom("unit.prefix_not_allowed", t,
                          quoted(rest) + " takes no prefix; write " + quoted(rest) +
                              " and scale the value instead of " + quoted(atom),
                          rest);
    }
    std::string message = "unknown unit " + quoted(atom);
    const std::size_t length = atom.size();
    if (length >= 5 && atom.compare(length - 5, 5, "FLOPS") == 0) {
      const std::string rate = atom.substr(0, length - 1) + "/s";
      const bool alone = tokens_.size() == 2;
      return replace_atom("unit.unknown", t,
                          message + "; for operations per second write " + quoted(rate),
                          alone ? rate : "(" + rate + ")");
    }
    const std::string near = nearest_unit(atom);
    if (!near.empty()) {
      message += "; did you mean " + quoted(near) + "?";
      if (near + "s" == atom || near + "es" == atom) message += " (units are never plural)";
      return replace_atom("unit.unknown", t, message, near);
    }
    message += "; use a built-in unit or declare it under \"units\" in the dossier";
    return error_at("unit.unknown", t.offset, message);
  }

  // The scale letter a value takes for a prefix ("4.5B" for G): values
  // know K, M, B, T and exponents, not the SI letters.
  static std::string value_scale_of(const prefix& p) {
    switch (p.power) {
      case 3:
        return "K";
      case 6:
        return "M";
      case 9:
        return "B";
      case 12:
        return "T";
      default:
        return p.power > 0 ? "e" + std::to_string(p.power) : "";
    }
  }

  // The unit an unknown atom most likely means, ranked by kind, then by
  // spelling (nearest_name): a spelled-out word ("hour" -> h, "days" -> d);
  // a spelling that differs only in case, prefixed forms included ("KWh"
  // -> kWh); the nearest unit that is not a currency; the nearest
  // currency. So an energy unit is never taken for a currency (kWh is not
  // KWD) and "USDs" still finds USD.
  std::string nearest_unit(const std::string& atom) const {
    const std::string folded = ascii_lower(atom);
    for (const auto& [word, symbol] : spelled_out_units) {
      if (folded == word || folded == std::string(word) + "s") return symbol;
    }
    std::vector<std::string> units, currencies;
    const dimension time_dimension = dimension::base("time");
    for (const auto& [name, definition] : by_name_) {
      (registry_.is_currency(definition.name) ? currencies : units).push_back(name);
      if (!definition.takes_prefixes) continue;
      // Prefixed forms people write: ms, us, ns (not ks or Mh), and every
      // prefix on the other units (kWh, TFLOP).
      const bool time = definition.dim == time_dimension;
      for (const prefix& p : prefixes) {
        if (time ? (name != "s" || !p.seconds_only) : p.seconds_only) continue;
        if (std::string_view(p.symbol) == "\u00B5" || std::string_view(p.symbol) == "\u03BC") {
          continue;  // "us" is enough
        }
        units.push_back(p.symbol + name);
      }
    }
    std::vector<std::string> all = units;
    all.insert(all.end(), currencies.begin(), currencies.end());
    const std::string same_but_case = nearest_name(atom, all);
    if (!same_but_case.empty() && ascii_lower(same_but_case) == folded) return same_but_case;
    const std::string near = nearest_name(atom, units);
    return near.empty() ? nearest_name(atom, currencies) : near;
  }

 public:
  const unit_rewrite& rewrite() const { return rewrite_; }

 private:
  // The text with the atom token `t` replaced by `replacement`.
  std::string replaced(const token& t, const std::string& replacement) const {
    std::string out;
    for (std::size_t i = 0; i + 1 < tokens_.size(); ++i) {
      const token& each = tokens_[i];
      if (i > 0 && each.space_before != std::string::npos) out += ' ';
      out += &each == &t ? replacement : each.text;
    }
    return out;
  }

  text_error suggest(const char* code, std::size_t offset, std::string message,
                     std::string rewritten, std::string message_without) const {
    rewrite_ = unit_rewrite{std::move(rewritten), std::move(message_without)};
    return error_at(code, offset, std::move(message));
  }

  // An atom error whose message names its own (valid) replacement atom;
  // the rewrite lets a chain of fixes reach a whole valid unit.
  text_error replace_atom(const char* code, const token& t, std::string message,
                          const std::string& replacement) const {
    rewrite_ = unit_rewrite{replaced(t, replacement), ""};
    return error_at(code, t.offset, std::move(message));
  }

  const unit_registry& registry_;
  const std::map<std::string, unit_definition>& by_name_;
  mutable unit_rewrite rewrite_;
  std::vector<token> tokens_;
  std::size_t position_ = 0;
  std::size_t denominator_start_ = no_token;  // set when a juxtaposition is in a denominator
  std::size_t depth_ = 0;                     // parentheses open around the current position
};

// The tokens of one character: '*' and the middle dot both multiply.
std::optional<token_kind> single_character_token(char32_t c) {
  static constexpr std::pair<char32_t, token_kind> tokens[] = {
      {U'*', token_kind::times},  {U'\u00B7', token_kind::times}, {U'/', token_kind::divide},
      {U'^', token_kind::caret},  {U'(', token_kind::open},       {U')', token_kind::close},
      {U'%', token_kind::percent}};
  for (const auto& [character, kind] : tokens) {
    if (c == character) return kind;
  }
  return std::nullopt;
}

// Splits the text into tokens, or reports the first character that belongs
// to no token.
result<std::vector<token>> tokenize(const std::u32string& text, unit_rewrite& rewrite) {
  std::vector<token> tokens;
  std::size_t i = 0;
  std::size_t space_start = std::string::npos;
  auto push = [&](token_kind kind, std::size_t start, std::size_t end) {
    tokens.push_back(token{kind, start, encode_utf8(text.substr(start, end - start)), space_start});
    space_start = std::string::npos;
  };
  while (i < text.size()) {
    const char32_t c = text[i];
    if (is_white_space(c)) {
      if (space_start == std::string::npos) space_start = i;
      ++i;
      continue;
    }
    const bool after_caret = !tokens.empty() && tokens.back().kind == token_kind::caret;
    if (is_ascii_digit(c) || (after_caret && (c == U'-' || c == U'\u2212'))) {
      std::size_t end = i + 1;
      while (end < text.size() && is_ascii_digit(text[end])) ++end;
      if (after_caret && end < text.size() && text[end] == U'.') {
        return error_at("unit.syntax", end,
                        "the exponent after '^' must be an integer, as in 's^2' or 's^-1'");
      }
      if (!after_caret && end < text.size() && (text[end] == U'.' || text[end] == U',')) {
        while (end < text.size() &&
               (is_ascii_digit(text[end]) || text[end] == U'.' || text[end] == U',')) {
          ++end;
        }
      }
      if (c == U'\u2212') {
        tokens.push_back(token{token_kind::number, i,
                               "-" + encode_utf8(text.substr(i + 1, end - i - 1)), space_start});
        space_start = std::string::npos;
      } else {
        push(token_kind::number, i, end);
      }
      if (tokens.back().text == "-") {
        return error_at("unit.syntax", i + 1, "'^-' needs digits after it, as in 's^-1'");
      }
      i = end;
      continue;
    }
    if (is_name_start(c)) {
      std::size_t end = i + 1;
      while (end < text.size() && is_name_char(text[end])) ++end;
      push(token_kind::atom, i, end);
      i = end;
      continue;
    }
    if (auto kind = single_character_token(c)) {
      push(*kind, i, i + 1);
    } else {
      std::string message = "unexpected " + quoted(encode_utf8(text.substr(i, 1))) + " in a unit";
      std::u32string joined = text;
      joined[i] = U'*';
      if (c == U'-' && i + 1 < text.size() && is_ascii_digit(text[i + 1])) {
        std::u32string with_caret = text;
        with_caret.insert(i, 1, U'^');
        rewrite = unit_rewrite{encode_utf8(with_caret), message + "; write exponents with '^'"};
        message += "; write exponents with '^': " + std::string(1, suggestion_mark);
      } else if (is_superscript(c)) {
        message += "; write exponents with '^', as in 's^-1' or 's^2'";
      } else if (c == U'\u00D7' || c == U'\u22C5' || c == U'\u2219' || c == U'.' || c == U'-') {
        rewrite = unit_rewrite{encode_utf8(joined), message + "; join units with '*'"};
        message += "; join units with '*': write " + std::string(1, suggestion_mark);
      } else {
        message += "; units use names, '1', '%', '*', '\u00B7', '/', '^' and parentheses";
      }
      return error_at("unit.syntax", i, message);
    }
    ++i;
  }
  tokens.push_back(token{token_kind::end, text.size(), "", space_start});
  return tokens;
}

}  // namespace

namespace {

// One attempt at a unit; `rewrite` receives the error's suggested rewrite.
result<unit> parse_once(const unit_registry& registry,
                        const std::map<std::string, unit_definition>& by_name,
                        std::string_view text, unit_rewrite& rewrite) {
  const std::u32string code_points = decode_utf8_replacing(text);
  std::size_t first = 0;
  while (first < code_points.size() && is_white_space(code_points[first])) ++first;
  std::size_t last = code_points.size();
  while (last > first && is_white_space(code_points[last - 1])) --last;
  if (first == last) {
    return error_at("unit.syntax", 0, "the unit is empty; write 1 for a plain number");
  }
  auto tokens = tokenize(code_points, rewrite);
  if (!tokens) return tokens.error();
  unit_parser parser(registry, by_name, std::move(tokens).value());
  auto term = parser.parse_all();
  if (!term) {
    rewrite = parser.rewrite();
    return term.error();
  }
  return unit{term->scale.to_double(), term->dim,
              encode_utf8(std::u32string_view(code_points).substr(first, last - first))};
}

// At most this many rewrites are followed to reach a valid unit.
constexpr int max_rewrites = 8;

}  // namespace

result<unit> unit_registry::parse(std::string_view text) const {
  if (cache_ == nullptr) return parse_uncached(text);
  const std::string key(text);
  {
    std::lock_guard<std::mutex> hold(cache_->lock);
    if (const auto found = cache_->parsed.find(key); found != cache_->parsed.end()) {
      return found->second;
    }
  }
  auto parsed = parse_uncached(text);
  if (parsed) {  // errors are rare and keep their suggestions fresh
    std::lock_guard<std::mutex> hold(cache_->lock);
    if (cache_->parsed.size() < parse_cache::capacity) cache_->parsed.emplace(key, parsed.value());
  }
  return parsed;
}

result<unit> unit_registry::parse_uncached(std::string_view text) const {
  unit_rewrite rewrite;
  auto parsed = parse_once(*this, by_name_, text, rewrite);
  if (parsed) return parsed;
  text_error error = parsed.error();
  const std::size_t mark = error.message.find(suggestion_mark);
  if (mark == std::string::npos) return error;
  const std::string without = rewrite.message_without;
  std::string valid;
  for (int step = 0; step < max_rewrites && !rewrite.text.empty(); ++step) {
    const std::string candidate = rewrite.text;
    rewrite = unit_rewrite{};
    if (parse_once(*this, by_name_, candidate, rewrite)) {
      valid = candidate;
      break;
    }
  }
  error.message = valid.empty() ? without : error.message.replace(mark, 1, quoted(valid));
  return error;
}

result<bool> unit_registry::declare_count_unit(const std::string& name,
                                               const std::vector<std::string>& aliases) {
  std::vector<std::string> spellings{name};
  spellings.insert(spellings.end(), aliases.begin(), aliases.end());
  unit_registry trial = *this;
  for (std::size_t index = 0; index < spellings.size(); ++index) {
    const std::string& spelling = spellings[index];
    const std::u32string code_points = decode_utf8_replacing(spelling);
    const char* role = index == 0 ? "unit name" : "alias";
    if (code_points.empty()) {
      return error_at("unit.bad_name", 0,
                      std::string("empty ") + role + "; give a word such as 'company'");
    }
    for (std::size_t i = 0; i < code_points.size(); ++i) {
      const bool fits = i == 0 ? is_name_start(code_points[i]) : is_name_char(code_points[i]);
      if (!fits) {
        return error_at("unit.bad_name", i,
                        std::string(role) + " " + quoted(spelling) +
                            " is not a plain word: use letters, then letters, digits or '_'");
      }
    }
    if (const auto taken = trial.by_name_.find(spelling); taken != trial.by_name_.end()) {
      const bool builtin = with_builtins().by_name_.count(spelling) > 0;
      return error_at(
          "unit.duplicate", 0,
          std::string(role) + " " + quoted(spelling) + " is already " +
              (builtin ? "a built-in unit" : "declared") +
              (taken->second.name != spelling ? " (for " + quoted(taken->second.name) + ")"
                                              : std::string()) +
              "; use it, or pick another name");
    }
    // Reading the new spelling as prefix + existing unit, or an existing
    // spelling as prefix + the new one, would make an atom ambiguous.
    const std::vector<atom_reading> as_prefixed = readings_of(trial.by_name_, spelling);
    if (!as_prefixed.empty()) {
      return error_at("unit.duplicate", 0,
                      std::string(role) + " " + quoted(spelling) + " already reads as " +
                          describe_reading(as_prefixed.front()) +
                          "; pick a name that is not a prefix plus a unit");
    }
    for (const auto& [existing, definition] : trial.by_name_) {
      for (const prefix& p : prefixes) {
        if (p.seconds_only) continue;
        if (existing == std::string(p.symbol) + spelling) {
          return error_at("unit.duplicate", 0,
                          std::string(role) + " " + quoted(spelling) + " would make " +
                              quoted(existing) + " ambiguous (" + quoted(existing) + " or " +
                              quoted(p.symbol) + " + " + quoted(spelling) + "); pick another name");
        }
      }
    }
    unit_definition definition{name, aliases, 1, dimension::base(name), true};
    trial.by_name_[spelling] = definition;
  }
  // The old cache may read units differently now ("company" was unknown).
  if (from_builtins_) {
    // Separators that no name or alias holds (they are plain words).
    trial.declarations_ += name;
    for (const std::string& alias : aliases) trial.declarations_ += '\x1F' + alias;
    trial.declarations_ += '\x1E';
    trial.cache_ = cache_for_declarations(trial.declarations_);
  } else {
    trial.cache_ = std::make_shared<parse_cache>();
  }
  *this = std::move(trial);
  return true;
}

result<double> conversion_factor(const unit& from, const unit& to) {
  if (from.dim != to.dim) {
    return error_at("unit.dimension", 0,
                    "cannot convert " + quoted(from.text) + " to " + quoted(to.text) +
                        ": dimensions " + from.dim.to_string() + " and " + to.dim.to_string() +
                        " differ");
  }
  return from.scale / to.scale;
}

}  // namespace claimcheck
