// SPDX-License-Identifier: MIT
// The ClaimReview writer.
#include "claimcheck/report/claimreview.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include <date/date.h>

#include "claimcheck/expr.hpp"
#include "claimcheck/report/format.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {

std::string dossier_date(const dossier& d) {
  std::optional<partial_date> latest;
  auto consider = [&latest](const std::optional<partial_date>& day) {
    if (day && (!latest || latest->last_day() < day->last_day())) latest = day;
  };
  if (d.document) consider(d.document->published);
  for (const auto& s : d.sources) {
    consider(s.published);
    consider(s.accessed);
  }
  return latest ? latest->to_string() : "";
}

std::optional<std::string> date_of_epoch(std::string_view seconds) {
  long long count = 0;
  const char* const end = seconds.data() + seconds.size();
  auto [stop, problem] = std::from_chars(seconds.data(), end, count);
  if (seconds.empty() || problem != std::errc() || stop != end || count < 0) return std::nullopt;
  // Beyond the year 9999 a date is no longer YYYY-MM-DD.
  constexpr long long last_second = 253402300799;  // 9999-12-31T23:59:59Z
  if (count > last_second) return std::nullopt;
  const date::sys_days day =
      date::floor<date::days>(date::sys_seconds{std::chrono::seconds{count}});
  return date::format("%F", day);
}

namespace {

const check_result* find_check(const check_run& run, const std::string& id) {
  for (const auto& c : run.checks) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::string document_url(const dossier* d, const claimreview_options& options) {
  if (d != nullptr && d->document && !d->document->url.empty()) return d->document->url;
  if (!options.document_url.empty()) return options.document_url;
  if (d != nullptr) {
    for (const auto& s : d->sources) {
      if (s.kind == source_kind::document && !s.url.empty()) return s.url;
    }
  }
  return "";
}

const review_record* review_of(const dossier* d) {
  return d != nullptr && d->document && d->document->review ? &*d->document->review : nullptr;
}

std::string review_url(const dossier* d, const claimreview_options& options) {
  if (!options.review_url.empty()) return options.review_url;
  const review_record* r = review_of(d);
  return r != nullptr ? r->url : "";
}

std::string reviewer(const dossier* d, const claimreview_options& options) {
  if (!options.reviewer.empty()) return options.reviewer;
  const review_record* r = review_of(d);
  return r != nullptr ? r->by : "";
}

// "https://example.org/" of "https://example.org/checks/x#y".
std::string site_of(const std::string& url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  std::size_t end = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, end) + "/";
}

void write_party(json_writer& w, const char* type, const std::string& name,
                 const std::string& url = "") {
  w.begin_object().field("@type", type).field("name", name);
  if (!url.empty()) w.field("url", url);
  w.end_object();
}

// Every figure a check reaches: the ids of its assertion and, through
// derived figures, of their expressions.
std::vector<const figure_record*> figures_reached(const dossier& d, const check_record& check) {
  std::vector<const figure_record*> out;
  auto parsed = parse_assertion(check.assert_text);
  if (!parsed) return out;
  std::vector<std::string> pending = referenced_ids(parsed->left);
  for (auto& id : referenced_ids(parsed->right)) pending.push_back(std::move(id));
  std::set<std::string> seen;
  while (!pending.empty()) {
    std::string id = std::move(pending.back());
    pending.pop_back();
    if (!seen.insert(id).second) continue;
    if (const figure_record* f = d.find_figure(id)) {
      out.push_back(f);
    } else if (const derived_record* derived = d.find_derived(id)) {
      if (auto tree = parse_expression(derived->expr)) {
        for (auto& next : referenced_ids(*tree)) pending.push_back(std::move(next));
      }
    }
  }
  return out;
}

bool has_primary_source(const dossier& d, const figure_record& fact) {
  return std::any_of(fact.sources.begin(), fact.sources.end(), [&](const std::string& id) {
    const source_record* s = d.find_source(id);
    return s != nullptr && s->kind == source_kind::primary;
  });
}

// Why a supported claim is "Plausible" rather than "True", or "" when it is True.
std::string weaker_support(const check_run& run, const claim_result& claim) {
  if (run.source == nullptr) return "no dossier to trace its checks to their sources";
  const dossier& d = *run.source;
  std::vector<std::string> bounds, secondary, arithmetic;
  for (const auto& id : claim.check_ids) {
    const check_result* r = find_check(run, id);
    if (r == nullptr || r->record == nullptr || r->outcome != check_outcome::pass) continue;
    bool primary = false, any_fact = false;
    for (const figure_record* f : figures_reached(d, *r->record)) {
      if (f->kind != figure_kind::fact) continue;
      any_fact = true;
      primary = primary || has_primary_source(d, *f);
    }
    if (primary && r->op == comparison_op::consistent) return "";
    (primary ? bounds : any_fact ? secondary : arithmetic).push_back(id);
  }
  auto list = [](const std::vector<std::string>& ids) {
    std::string text;
    for (const auto& id : ids) text += (text.empty() ? "" : ", ") + id;
    return text;
  };
  if (!bounds.empty())
    return "Rated Plausible, not True: its checks against primary sources (" + list(bounds) +
           ") only bound it (<, <=, >, >=); none compares the figure itself (~).";
  if (!secondary.empty())
    return "Rated Plausible, not True: the facts its checks (" + list(secondary) +
           ") compare it with have no primary source.";
  return "Rated Plausible, not True: its checks (" + list(arithmetic) +
         ") only redo the article's own arithmetic; no sourced fact confirms it.";
}

}  // namespace

std::optional<claim_rating> rate_claim(const check_run& run, const claim_result& claim) {
  switch (claim.verdict) {
    case claim_verdict::contradicted:
      return claim_rating{1, "False", ""};
    case claim_verdict::questionable: {
      bool close = true;
      for (const auto& id : claim.check_ids) {
        const check_result* r = find_check(run, id);
        if (r == nullptr || r->level != check_severity::warning ||
            r->outcome != check_outcome::fail)
          continue;
        close = close && r->margin && r->margin->ratio && *r->margin->ratio < imprecise_ratio;
      }
      return close ? claim_rating{3, "Imprecise", ""} : claim_rating{2, "Misleading", ""};
    }
    case claim_verdict::supported: {
      std::string reason = weaker_support(run, claim);
      if (reason.empty()) return claim_rating{5, "True", ""};
      return claim_rating{4, "Plausible", reason};
    }
    case claim_verdict::unverified:
      break;
  }
  return std::nullopt;
}

namespace {

// The sentence without its capital, so that claims of one quote join into one.
std::string claim_phrase(const figure_record& claim) {
  if (claim.subject.empty()) return claim.quote;
  std::string value;
  if (claim.is_date && claim.date) {
    value = claim.date->to_string();
  } else {
    std::string number = claim.value_text;
    if (claim.qual == qualifier::range && number.size() > 2 && number.front() == '[') {
      number = number.substr(1, number.size() - 2);
      std::size_t comma = number.find(", ");
      if (comma != std::string::npos) number.replace(comma, 2, " to ");
    }
    const char* hedge = "";
    switch (claim.qual) {
      case qualifier::about:
        hedge = "about ";
        break;
      case qualifier::almost:
        hedge = "almost ";
        break;
      case qualifier::over:
        hedge = "over ";
        break;
      case qualifier::at_least:
        hedge = "at least ";
        break;
      case qualifier::under:
        hedge = "under ";
        break;
      case qualifier::at_most:
        hedge = "at most ";
        break;
      case qualifier::plus:
        hedge = "more than ";
        break;
      case qualifier::level:
        hedge = "on the order of ";
        break;
      default:
        break;
    }
    value = hedge + number;
    if (claim.unit_text == "%") {
      value += "%";
    } else if (!claim.unit_text.empty() && claim.unit_text != "1") {
      value += " " + claim.unit_text;
    }
  }
  return claim.subject + ": " + value;
}

}  // namespace

std::string claim_sentence(const figure_record& claim) {
  return capitalised(claim_phrase(claim));
}

std::string verdict_explanation(const check_run& run, const claim_result& claim) {
  std::string text = capitalised(to_string(claim.verdict)) + '.';
  if (claim.check_ids.empty()) return text + " No check of the dossier is about this claim.";
  for (const auto& id : claim.check_ids) {
    const check_result* r = find_check(run, id);
    if (r == nullptr) continue;
    text += ' ' + id + ' ';
    if (!r->outcome) {
      text += "could not be evaluated";
    } else {
      switch (*r->outcome) {
        case check_outcome::pass:
          text += "passes";
          break;
        case check_outcome::fail:
          text += "fails";
          break;
        case check_outcome::inconclusive:
          text += "is inconclusive";
          break;
      }
      if (r->margin) text += " (" + describe_margin(*r->margin, r->display) + ")";
    }
    text += r->message.empty() ? "." : ": " + r->message;
    if (text.back() != '.') text += '.';
  }
  return text;
}

diagnostics claimreview_option_problems(const claimreview_options& options) {
  diagnostics out;
  const std::pair<const char*, const std::string*> given[] = {
      {"--review-url", &options.review_url},
      {"--reviewer-url", &options.reviewer_url},
      {"--document-url", &options.document_url}};
  for (const auto& [option, url] : given) {
    if (!url->empty() && !is_web_url(*url))
      out.push_back(diagnostic{severity::error,
                               "claimreview.url",
                               {},
                               std::string(option) + " '" + *url +
                                   "' is not an absolute http or https address; write it in "
                                   "full, such as https://example.org/checks/article"});
  }
  return out;
}

void add_claimreview_problems(const check_run& run, const claimreview_options& options,
                              diagnostics& out) {
  auto problem = [&](const char* code, source_location where, std::string message) {
    out.push_back(diagnostic{severity::error, code, std::move(where), std::move(message)});
  };
  const dossier* d = run.source;
  source_location where;
  if (d != nullptr && d->document) {
    where = d->document->origin.where;
  } else if (d != nullptr && !d->files.empty()) {
    where.file = d->files.front().generic_string();
  }
  const std::string name = d != nullptr ? d->name() : run.dossier_name;
  if (review_url(d, options).empty())
    problem("claimreview.no_url", where,
            "the dossier '" + name +
                "' says nowhere where its review is published; add \"review\": {\"url\": "
                "\"https://...\"} to its document record (docs/claim-format.md) or give "
                "--review-url URL");
  if (reviewer(d, options).empty())
    problem("claimreview.no_reviewer", where,
            "the dossier '" + name +
                "' names no reviewer; add \"review\": {\"by\": \"Your Fact Desk\"} to its "
                "document record or give --reviewer NAME");
}

diagnostics claimreview_problems(const std::vector<check_run>& runs,
                                 const claimreview_options& options) {
  diagnostics out = claimreview_option_problems(options);
  for (const auto& run : runs) add_claimreview_problems(run, options, out);
  return out;
}

struct claimreview_writer::state {
  claimreview_options options;
  std::function<void(std::string_view)> sink;
  json_writer w;
  claimreview_set set;
};

claimreview_writer::claimreview_writer(const claimreview_options& options,
                                       std::function<void(std::string_view)> sink)
    : state_(std::make_unique<state>()) {
  state_->options = options;
  state_->sink = std::move(sink);
  state_->w.begin_array();
}

claimreview_writer::~claimreview_writer() = default;

void claimreview_writer::add(const check_run& run) {
  state& s = *state_;
  const claimreview_options& options = s.options;
  const dossier* d = run.source;
  const document_record* doc = d != nullptr && d->document ? &*d->document : nullptr;
  const review_record* review = review_of(d);
  const std::string appearance_url = document_url(d, options);
  const std::string page = review_url(d, options);
  const std::string by = reviewer(d, options);
  const std::string by_url = !options.reviewer_url.empty() ? options.reviewer_url : site_of(page);
  std::string review_date = options.review_date;
  if (review_date.empty() && review != nullptr && review->published)
    review_date = review->published->to_string();
  // Never the day the file was written: the same claims give the same file.
  if (review_date.empty() && d != nullptr) review_date = dossier_date(*d);

  // The claims of each quote, in file order of their first claim; a claim
  // without a quote stands alone.
  std::vector<std::vector<const claim_result*>> groups;
  std::map<std::string, std::size_t> group_of_quote;
  for (const auto& claim : run.claims) {
    if (claim.claim == nullptr) continue;
    if (claim.verdict == claim_verdict::unverified) {
      ++s.set.left_out;
      continue;
    }
    const std::string& quote = claim.claim->quote;
    auto found = quote.empty() ? group_of_quote.end() : group_of_quote.find(quote);
    if (found != group_of_quote.end()) {
      groups[found->second].push_back(&claim);
      continue;
    }
    if (!quote.empty()) group_of_quote.emplace(quote, groups.size());
    groups.push_back({&claim});
  }

  for (const auto& group : groups) {
    if (group.size() > 1) s.set.shared += group.size();
    claim_rating rating{best_rating + 1, "", ""};
    std::string sentence, explanation;
    const figure_record* spoken = nullptr;
    for (const claim_result* claim : group) {
      claim_rating r = *rate_claim(run, *claim);
      if (r.value < rating.value) rating = r;
      sentence +=
          sentence.empty() ? claim_sentence(*claim->claim) : "; " + claim_phrase(*claim->claim);
      std::string evidence = verdict_explanation(run, *claim);
      if (!r.reason.empty()) evidence += ' ' + r.reason;
      if (group.size() > 1) evidence = claim->id + ": " + evidence;
      explanation += (explanation.empty() ? "" : " ") + evidence;
      if (spoken == nullptr && !claim->claim->speaker.empty()) spoken = claim->claim;
    }
    ++s.set.reviews;
    s.w.begin_object()
        .field("@context", "https://schema.org")
        .field("@type", "ClaimReview")
        .field("url", page + "#claim-" + group.front()->id)
        .field("name", "Fact check: " + sentence);
    if (!review_date.empty()) s.w.field("datePublished", review_date);
    if (!by.empty()) {
      s.w.key("author");
      write_party(s.w, "Organization", by, by_url);
    }
    s.w.field("claimReviewed", sentence);

    s.w.key("itemReviewed").begin_object().field("@type", "Claim");
    if (spoken != nullptr) {
      s.w.key("author");
      write_party(s.w, "Person", spoken->speaker);
    } else if (doc != nullptr && !doc->author.empty()) {
      s.w.key("author");
      write_party(s.w, "Person", doc->author);
    } else if (doc != nullptr && !doc->publisher.empty()) {
      s.w.key("author");
      write_party(s.w, "Organization", doc->publisher);
    }
    if (doc != nullptr && doc->published) {
      s.w.field("datePublished", doc->published->to_string());
    }
    // The article is where the claim appears and, for this review, where
    // it first appeared: the guide recommends both.
    for (const char* where : {"appearance", "firstAppearance"}) {
      s.w.key(where).begin_object().field("@type", "CreativeWork");
      if (!appearance_url.empty()) s.w.field("url", appearance_url);
      if (doc != nullptr) {
        if (!doc->title.empty()) s.w.field("headline", doc->title);
        if (doc->published) s.w.field("datePublished", doc->published->to_string());
        if (!doc->language.empty()) s.w.field("inLanguage", doc->language);
        if (!doc->author.empty()) {
          s.w.key("author");
          write_party(s.w, "Person", doc->author);
        }
        if (!doc->publisher.empty()) {
          s.w.key("publisher");
          write_party(s.w, "Organization", doc->publisher);
        }
      }
      s.w.end_object();
    }
    s.w.end_object();  // itemReviewed

    s.w.key("reviewRating")
        .begin_object()
        .field("@type", "Rating")
        .key("ratingValue")
        .integer(rating.value)
        .key("bestRating")
        .integer(best_rating)
        .key("worstRating")
        .integer(worst_rating)
        .field("alternateName", rating.name)
        .field("name", rating.name)
        .field("ratingExplanation", explanation)
        .end_object();
    s.w.end_object();
  }
  s.sink(s.w.take());
}

claimreview_set claimreview_writer::finish() {
  state& s = *state_;
  s.w.end_array();
  s.sink(s.w.finish());
  return s.set;
}

claimreview_set claimreviews(const std::vector<check_run>& runs,
                             const claimreview_options& options) {
  std::string json;
  claimreview_writer writer(options, [&json](std::string_view piece) { json.append(piece); });
  for (const auto& run : runs) writer.add(run);
  claimreview_set set = writer.finish();
  set.json = std::move(json);
  return set;
}

std::string claimreview_json(const std::vector<check_run>& runs,
                             const claimreview_options& options) {
  return claimreviews(runs, options).json;
}

}  // namespace claimcheck::report
