// The ClaimReview writer.
#include "claimcheck/report/claimreview.hpp"

#include <charconv>
#include <chrono>

#include <date/date.h>

#include "claimcheck/report/format.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {

verdict_rating rating_of(claim_verdict v) {
  switch (v) {
    case claim_verdict::contradicted:
      return {1, "False"};
    case claim_verdict::questionable:
      return {2, "Misleading"};
    case claim_verdict::unverified:
      return {3, "Unproven"};
    case claim_verdict::supported:
      return {5, "True"};
  }
  return {};
}

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

void write_party(json_writer& w, const char* type, const std::string& name) {
  w.begin_object().field("@type", type).field("name", name).end_object();
}

}  // namespace

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

std::string claimreview_json(const std::vector<check_run>& runs,
                             const claimreview_options& options) {
  json_writer w;
  w.begin_array();
  for (const auto& run : runs) {
    const dossier* d = run.source;
    const document_record* doc = d != nullptr && d->document ? &*d->document : nullptr;
    const std::string appearance_url = document_url(d, options);
    // Never the day the file was written: the same claims give the same file.
    const std::string review_date = !options.review_date.empty() ? options.review_date
                                    : d != nullptr               ? dossier_date(*d)
                                                                 : "";
    for (const auto& claim : run.claims) {
      if (claim.claim == nullptr) continue;
      const figure_record& figure = *claim.claim;
      verdict_rating rating = rating_of(claim.verdict);
      w.begin_object()
          .field("@context", "https://schema.org")
          .field("@type", "ClaimReview")
          .field("url", options.review_url + "#claim-" + claim.id);
      if (!review_date.empty()) w.field("datePublished", review_date);
      w.key("author");
      write_party(w, "Organization", options.review_author);
      w.field("claimReviewed", figure.quote.empty() ? figure.subject : figure.quote);

      w.key("itemReviewed").begin_object().field("@type", "Claim");
      if (!figure.speaker.empty()) {
        w.key("author");
        write_party(w, "Person", figure.speaker);
      } else if (doc != nullptr && !doc->publisher.empty()) {
        w.key("author");
        write_party(w, "Organization", doc->publisher);
      } else if (doc != nullptr && !doc->author.empty()) {
        w.key("author");
        write_party(w, "Person", doc->author);
      }
      if (doc != nullptr && doc->published) {
        w.field("datePublished", doc->published->to_string());
      }
      w.key("appearance").begin_object().field("@type", "CreativeWork");
      if (!appearance_url.empty()) w.field("url", appearance_url);
      if (doc != nullptr) {
        if (!doc->title.empty()) w.field("headline", doc->title);
        if (doc->published) w.field("datePublished", doc->published->to_string());
        if (!doc->language.empty()) w.field("inLanguage", doc->language);
        if (!doc->publisher.empty()) {
          w.key("publisher");
          write_party(w, "Organization", doc->publisher);
        }
      }
      w.end_object();  // appearance
      w.end_object();  // itemReviewed

      w.key("reviewRating")
          .begin_object()
          .field("@type", "Rating")
          .key("ratingValue")
          .integer(rating.value)
          .key("bestRating")
          .integer(best_rating)
          .key("worstRating")
          .integer(worst_rating)
          .field("alternateName", rating.alternate_name)
          .field("ratingExplanation", verdict_explanation(run, claim))
          .end_object();
      w.end_object();
    }
  }
  w.end_array();
  return w.finish();
}

}  // namespace claimcheck::report
