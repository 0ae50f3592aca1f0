// SPDX-License-Identifier: MIT
// The table of codes. Help texts say what the code means and what to write
// instead; the first sentence of each is what an annotation shows.
#include "claimcheck/report/rule_catalog.hpp"

#include <algorithm>

namespace claimcheck::report {
namespace {

constexpr severity E = severity::error;
constexpr severity W = severity::warning;
constexpr severity N = severity::note;

std::vector<rule_info> make_catalog() {
  std::vector<rule_info> rules = {
      // ---- paths and files
      {"path.not_found", E, "a PATH on the command line does not exist",
       "Give an existing claim file, dossier folder or folder of dossiers."},
      {"path.no_claims", E, "a folder with no claim files at or below it",
       "A claim file is a *.json file whose top-level object has \"claimcheck\": 1. Point at a "
       "folder that holds one."},
      {"path.read", E, "a folder could not be listed", "Check the folder's permissions."},
      {"path.outside_root", E,
       "a dossier lies outside the --root given, or a claim file is a symbolic link that leads "
       "outside the claims root",
       "Give a --root that contains every PATH (and every file a claim-file link points to), or "
       "copy the linked file into the dossier."},
      {"limit.syntax", E, "a --limit setting is not NAME=VALUE",
       "Write --limit NAME=VALUE, as in --limit max_json_depth=128 (docs/limits.md)."},
      {"limit.unknown", E, "a --limit names no limit",
       "Use one of the names of docs/limits.md: max_file_bytes, max_json_depth, max_string_bytes, "
       "max_records, max_expression_chars, max_expression_depth, max_exponent, "
       "max_evaluation_steps."},
      {"limit.value", E, "a --limit value is not a positive whole number or is too large",
       "Write a positive whole number (K, M or G for sizes in bytes), at most the ceiling that "
       "docs/limits.md gives for the limit."},
      {"file.read", E, "a file could not be read", "Check that the file exists and is readable."},
      {"file.exists", E, "the output file exists",
       "claimcheck never overwrites a file silently: add --force, or choose another file name."},
      {"file.write", E, "the output file could not be written",
       "Check that the folder exists and is writable and that the disk is not full."},
      {"limit.file_size", E, "a claim file or document text is larger than the limit",
       "Split the dossier into several claim files, or shorten the text."},
      {"limit.records", E, "too many records in one list or dossier",
       "Split the dossier; the limit protects against runaway input."},
      {"limit.import_depth", E, "a chain of imports longer than the limit",
       "Import the dossiers you use directly, or raise --limit max_import_depth."},
      {"limit.dossier_size", E, "a dossier's claim files together are larger than the limit",
       "Split the dossier, or raise --limit max_dossier_bytes."},
      // ---- JSON
      {"json.syntax", E, "not JSON",
       "Fix the JSON at the position given: a missing or trailing comma, an unquoted word, an "
       "unclosed bracket, or an empty file."},
      {"json.encoding", E, "a claim file is not valid UTF-8",
       "Save the file as UTF-8; the message gives the byte offset of the first bad byte."},
      {"json.depth", E, "arrays and objects nested deeper than the limit",
       "Claim files are shallow; flatten the structure."},
      {"json.string_length", E, "a string longer than the limit",
       "Shorten the string; quotes are a clause, not a page."},
      {"json.duplicate_key", E, "the same key twice in one object",
       "Keep one of the two; JSON readers disagree on which one wins."},
      {"number.range", E, "a number too large for a double",
       "Write a number below about 1.8e308, in JSON or in a value string."},
      {"format.version", E, "\"claimcheck\" is not 1",
       "Write \"claimcheck\": 1; it is the only version of the claim format."},
      // ---- fields and records
      {"field.unknown", E, "a field the format does not have",
       "Fix the spelling (the message suggests the nearest field) or move the text into "
       "\"note\"."},
      {"field.missing", E, "a required field is absent",
       "Add the field; docs/claim-format.md lists what each record needs."},
      {"field.type", E, "a field or record of the wrong JSON type",
       "Write the type the format asks for (a string, a number, a list of strings, an object)."},
      {"field.empty", E, "an empty string or list where one is needed",
       "Fill in quote, unit, expr, points, ... or leave the field out when it is optional."},
      {"schema", E, "the JSON Schema's first error",
       "The file breaks a rule of docs/schema/claimcheck.schema.json that no other code "
       "covers; the code's last part is the schema keyword that failed."},
      {"id.syntax", E, "an id breaks the id grammar",
       "Ids match [a-z][a-z0-9_]*(\\.[a-z0-9_]+)*, e.g. coreweave.gpus; the message suggests "
       "one."},
      {"id.duplicate", E, "an id used twice in a dossier and its imports",
       "Rename one of the two records; the message names the first place."},
      {"id.unknown", E, "about or points names no claim, fact or derived figure",
       "Fix the id (the message suggests the nearest) or add the record."},
      {"source.unknown", E, "a figure's sources names no source",
       "Fix the id (the message suggests the nearest) or add the source under \"sources\"."},
      {"source.kind", E, "kind is not primary, secondary or document",
       "Write \"primary\", \"secondary\" or \"document\"."},
      {"fact.no_source", E, "a fact without sources",
       "A fact is a reference figure from elsewhere: name at least one source."},
      {"qualifier.unknown", E, "an unknown qualifier",
       "Use stated, exact, about, over, at_least, under, at_most, plus, level, several or "
       "range."},
      {"number.syntax", E, "a value string that is not a number",
       "Write digits with an optional scale: 20000, \"2万\", \"4.5M\", \"3,584\", \"两千亿\"."},
      {"number.scale", E, "a value string with an unknown or misplaced scale",
       "Scales are K/k, M, B/bn, T, 十, 百, 千, 万/萬, 亿/億, after the digits."},
      {"value.pair", E, "a [lo, hi] value with other than two entries",
       "Write exactly two numbers, with \"qualifier\": \"range\"."},
      {"value.qualifier", E, "the value and the qualifier do not fit",
       "range needs a pair and a pair needs range; several needs a magnitude; plus, level and "
       "several need a positive value."},
      {"value.range", E, "a range with lo > hi", "Write the smaller bound first."},
      {"value.tolerance", E, "tolerance outside [0, 1]",
       "Write a fraction: 0.1 means within 10 %."},
      {"value.precision", E, "precision not a positive number",
       "Write the place of the last significant digit, e.g. 1000 for \"2000\" meant to the "
       "thousand."},
      {"value.date", E, "a figure with unit \"date\" whose value is not a date string",
       "Write an ISO date: \"2023\", \"2023-07\" or \"2023-07-06\"."},
      // ---- units
      {"unit.syntax", E, "a unit expression that does not parse",
       "Units are products of atoms joined by * with one top-level / and integer powers: "
       "GPU*h, USD/(GPU*h), s^-1."},
      {"unit.unknown", E, "unknown unit",
       "The unit is neither built in nor declared under \"units\". Fix the spelling (units are "
       "singular: GPU, not GPUs) or declare it: { \"name\": \"company\", \"aliases\": "
       "[\"companies\"] }."},
      {"unit.ambiguous_prefix", E, "an atom that splits into prefix + unit in two ways",
       "Write the unit so that it reads one way only, or declare a unit with another name."},
      {"unit.ambiguous_division", E, "a division whose grouping is ambiguous",
       "Write USD/(GPU*h), not USD/GPU*h: readers and tools disagree on what the latter means."},
      {"unit.prefix_not_allowed", E, "an SI prefix on a unit that takes none",
       "Prefixes apply to counts and time, never to currencies: write \"4.5M\" in the value, "
       "not MUSD."},
      {"unit.duplicate", E, "a declared unit whose name or alias is taken",
       "Choose a name that is not built in, declared already, or a prefix + unit."},
      {"unit.bad_name", E, "a declared unit name that is not a plain word",
       "Unit names are letters (and _), e.g. company, edition."},
      {"unit.limit", E, "a unit expression too long, too deeply nested or with too large a power",
       "Write the unit plainly: a few atoms, one level of parentheses, small powers."},
      {"unit.dimension", E, "a conversion between units of different dimensions",
       "Convert only within one dimension; money needs an exchange-rate fact (USD/CNY)."},
      // ---- dates
      {"date.syntax", E, "a date of the wrong shape",
       "Write \"2023\", \"2023-07\" or \"2023-07-06\"."},
      {"date.invalid", E, "a day that does not exist",
       "Fix the day or the month (2023-02-30 is not a day)."},
      // ---- checks
      {"check.severity", E, "a check's severity outside its values",
       "Write \"error\" or \"warning\"."},
      {"check.expect", E, "a check's expect outside its values",
       "Write \"pass\", \"fail\" or \"inconclusive\"."},
      {"check.within", E, "within on a check that is not ~, or a within that is no tolerance",
       "Use within only with ~, as \"5%\" or \"0.5 [min]\"; write other margins into the assert."},
      {std::string(unexpected_outcome_code), E, "a check's outcome differs from its expect",
       "A new finding: the data or the check changed. Correct the figure or the check, or, once "
       "the outcome is established, set \"expect\" to it. claimcheck explain CHECK_ID DOSSIER "
       "shows how both sides were computed."},
      // ---- document and quotes
      {"document.duplicate", E, "a second document in one dossier",
       "Keep one \"document\" per dossier; the message names the first."},
      {"document.text_not_found", E, "the document's text file does not exist",
       "Fix the \"text\" path; it is relative to the claim file."},
      {"document.encoding", E, "the document text is not valid UTF-8",
       "Save the text as UTF-8; the message gives the byte offset and the line."},
      {"document.outside_root", E, "the document text lies outside the root",
       "Keep the text inside the dossier."},
      {"quote.not_found", E, "a quote is not in the document text",
       "Copy the quote from the text as it is written (white space and reading annotations such "
       "as 網(wǎng) are folded, nothing else)."},
      {"review.url", E, "the document's review url is not an absolute http or https address",
       "Write the address of the page that publishes the review in full, such as "
       "\"https://example.org/checks/article\"."},
      // ---- publishing (check --format claimreview) and CI baselines
      {"claimreview.url", E, "a url option is not an absolute http or https address",
       "Write --review-url, --reviewer-url and --document-url in full, such as "
       "https://example.org/checks/article."},
      {"claimreview.no_url", E, "a dossier says nowhere where its review is published",
       "Add \"review\": {\"url\": \"https://...\"} to the document record, or give "
       "--review-url URL."},
      {"claimreview.no_reviewer", E, "a dossier names no reviewer",
       "Add \"review\": {\"by\": \"Your Fact Desk\"} to the document record, or give "
       "--reviewer NAME."},
      {"baseline.syntax", E, "a --baseline file is neither a SARIF log nor fingerprints",
       "Give the SARIF log of an earlier run (check --format sarif), or one fingerprint (16 hex "
       "digits) a line."},
      // ---- imports
      {"import.outside_root", E, "an import leads outside the root",
       "Imports are relative folders inside the claims root; give --root if it is higher up."},
      {"import.not_found", E, "an import that names no folder", "Fix the folder name."},
      {"import.not_dossier", E, "an import of a folder without claim files",
       "Import a dossier: a folder with claim files directly in it."},
      {"import.cycle", E, "a cycle of imports",
       "Break the cycle printed in the message: move shared figures into a dossier both import."},
      // ---- expressions and evaluation
      {"expr.syntax", E, "an expression that does not parse",
       "Expressions use ids, numbers, numbers with a unit in brackets (6 "
       "[FLOP/(parameter*token)]), "
       "+ - * / ^, parentheses and the documented functions."},
      {"expr.unknown_function", E, "an unknown function",
       "Use min, max, abs, sqrt, log10, ln, exp, years(a, b) or growth(series_id)."},
      {"expr.arity", E, "a function called with the wrong number of arguments",
       "Give the function the arguments docs/claim-format.md lists for it."},
      {"expr.exponent", E, "an exponent that is neither a number nor an expression",
       "Write ^ with a number, e.g. x^2, or with a parenthesised expression, e.g. x^(1 / n)."},
      {"expr.limit", E, "an expression too long or too deeply nested",
       "Split it into derived figures."},
      {"expr.dimension", E, "quantities of different dimensions added or compared",
       "Convert one side first (both units are named), or fix the unit of a record."},
      {"expr.percent", E, "a plain number added to or compared with a quantity in %",
       "Write the number with its unit, as in 100 [%]."},
      {"eval.unknown_id", E, "an expression names no figure",
       "Fix the id (the message suggests the nearest) or add the record."},
      {"eval.cycle", E, "a cycle of derived figures", "Break the chain printed in the message."},
      {"eval.zero_division", E, "a division by an interval that contains zero",
       "Narrow the divisor's interval (its qualifier or precision), or reformulate."},
      {"eval.domain", E, "sqrt or log of an interval that is not positive",
       "Make sure the argument's interval is positive."},
      {"eval.overflow", E, "a bound became infinite from finite inputs",
       "Check the units and magnitudes of the inputs."},
      {"eval.limit", E, "evaluation beyond a limit: nesting, steps, or a unit exponent over 99",
       "Shorten the chain of derived figures, or write the units' powers smaller."},
      {"eval.date", E, "a date outside years()",
       "years(a, b) takes two figures with unit \"date\"."},
      {"eval.unavailable", E, "a figure that could not be computed",
       "Fix the error of the figure it depends on, reported beside it."},
      {"explain.unknown_id", E, "explain names no id of the dossier",
       "Give a derived figure, check or figure id (the message suggests the nearest)."},
      {"derive.unknown_id", E, "derive names no derived figure",
       "Give a derived figure id (the message suggests the nearest)."},
      // ---- built-in rules
      {"rule.claim_after_publication", W, "a claim dated after the document's publication",
       "Correct as_of, or record the figure as a fact from a later source."},
      {"rule.secondary_only", W, "a fact whose sources are all secondary",
       "Add the primary source that produced the figure."},
      {"rule.unused_figure", N, "a fact or derived figure no check uses",
       "Use it in a check or a series, or remove it."},
      {"rule.unverified_claim", N, "a claim no check names in about",
       "Add a check about it, or accept that it stays unverified."},
      {"rule.placeholder", W, "a subject still holding a skeleton's placeholder",
       "Write what the figure is of, in place of \"say what it is of\"."},
      // ---- trends
      {"trend.unknown_point", E, "a series point names no figure",
       "Fix the id (the message suggests the nearest)."},
      {"trend.no_value", E, "a series point without a value",
       "Points are claims, facts or derived figures with values."},
      {"trend.no_date", E, "a series point without as_of", "Give the point an as_of date."},
      {"trend.dimension", E, "series points of different dimensions",
       "A series holds one quantity; split it or fix the unit."},
      {"trend.non_positive", E, "a series point that is not positive",
       "The log-linear fit needs positive values."},
      {"trend.unknown_series", E, "a series id that names no series",
       "Fix the id (the message suggests the nearest)."},
      {"trend.cycle", E, "a series point depends on the series' own growth",
       "Break the cycle between growth() and the series."},
      {"trend.mixed_scope", W, "a series mixes scopes",
       "The points measure different things (see scope); split the series or explain it."},
      {"trend.out_of_order", W, "series points listed out of date order",
       "List the points in date order (the trend sorts them anyway)."},
      {"trend.few_points", W, "a series with fewer points than a fit needs",
       "Add points; a fit of two points has no R²."},
      {"trend.short_step", W, "two points closer in time than their dates are precise",
       "The annualised rate of such a step is not meaningful; give more precise dates."},
      {"trend.same_date", W, "two points on the same date",
       "Drop one or give them distinct dates."},
      // ---- text and coverage
      {"utf8.invalid", E, "the text is not valid UTF-8", "Save the text as UTF-8."},
      {"utf8.too_many_errors", E, "too many invalid UTF-8 sequences",
       "The text is probably in another encoding; convert it to UTF-8."},
      {"scan.mention_too_long", W, "a numeral longer than the scanner's limit",
       "The numeral was cut; check the text."},
      // ---- claimcheck scan (docs/scan.md)
      {std::string(scan_fail_code), E, "the arithmetic a sentence states does not hold",
       "The figures of the relation (a change, share, total or product) imply a value whose "
       "interval does not overlap the stated one, even with every figure's rounding. Correct the "
       "figure, or hedge it if it is an estimate."},
      {std::string(scan_inconclusive_code), N, "a relation whose implied value cannot be computed",
       "A base or whole whose interval contains zero; state it more precisely."},
      {std::string(scan_pass_code), N, "the arithmetic a sentence states holds within rounding",
       "Nothing to do (listed with --all)."},
      {"coverage.no_text", E, "coverage of a dossier without a document text",
       "Give the document a \"text\" file."},
      {std::string(uncovered_mention_code), W, "a number of the text that no claim covers",
       "Add a claim whose quote contains it (claimcheck extract DOSSIER --skeleton drafts "
       "one), or an \"ignore\" entry with a reason."},
      {std::string(unused_ignore_code), N, "an ignore entry that covers no number",
       "Remove the entry, or fix its quote."},
  };
  std::sort(rules.begin(), rules.end(),
            [](const rule_info& a, const rule_info& b) { return a.id < b.id; });
  return rules;
}

}  // namespace

const std::vector<rule_info>& rule_catalog() {
  static const std::vector<rule_info> catalog = make_catalog();
  return catalog;
}

namespace {
const rule_info* find_rule(std::string_view code) {
  const auto& rules = rule_catalog();
  auto it = std::lower_bound(rules.begin(), rules.end(), code,
                             [](const rule_info& r, std::string_view c) { return r.id < c; });
  return it != rules.end() && it->id == code ? &*it : nullptr;
}
}  // namespace

bool is_catalogued(std::string_view code) {
  return find_rule(code) != nullptr;
}

rule_info describe_rule(std::string_view code) {
  if (const rule_info* rule = find_rule(code)) return *rule;
  // A family: schema.required, schema.enum, ... share the "schema" row.
  if (auto dot = code.find('.'); dot != std::string_view::npos) {
    if (const rule_info* family = find_rule(code.substr(0, dot))) {
      rule_info r = *family;
      r.id = std::string(code);
      r.short_description += " (" + std::string(code.substr(dot + 1)) + ")";
      return r;
    }
  }
  return {std::string(code), severity::error, std::string(code),
          "See docs/claim-format.md for the code " + std::string(code) + "."};
}

}  // namespace claimcheck::report
