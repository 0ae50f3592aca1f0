#include "claimcheck/model.hpp"

#include <algorithm>

namespace claimcheck {
namespace {

template <class Record>
const Record* find_by_id(const std::vector<Record>& records, const std::string& id) {
  auto it = std::find_if(records.begin(), records.end(),
                         [&id](const Record& r) { return r.id == id; });
  return it == records.end() ? nullptr : &*it;
}

}  // namespace

const source_location& record_origin::field(const std::string& name) const {
  auto it = fields.find(name);
  return it == fields.end() ? where : it->second;
}

const char* to_string(source_kind k) {
  switch (k) {
    case source_kind::primary: return "primary";
    case source_kind::secondary: return "secondary";
    case source_kind::document: return "document";
  }
  return "secondary";
}

const char* to_string(figure_kind k) { return k == figure_kind::claim ? "claim" : "fact"; }

const char* to_string(check_outcome o) {
  switch (o) {
    case check_outcome::pass: return "pass";
    case check_outcome::fail: return "fail";
    case check_outcome::inconclusive: return "inconclusive";
  }
  return "inconclusive";
}

std::optional<check_outcome> parse_check_outcome(std::string_view text) {
  if (text == "pass") return check_outcome::pass;
  if (text == "fail") return check_outcome::fail;
  if (text == "inconclusive") return check_outcome::inconclusive;
  return std::nullopt;
}

const source_record* dossier::find_source(const std::string& id) const { return find_by_id(sources, id); }
const figure_record* dossier::find_figure(const std::string& id) const { return find_by_id(figures, id); }
const derived_record* dossier::find_derived(const std::string& id) const { return find_by_id(derived, id); }
const check_record* dossier::find_check(const std::string& id) const { return find_by_id(checks, id); }
const series_record* dossier::find_series(const std::string& id) const { return find_by_id(series, id); }

std::vector<std::string> dossier::all_ids() const {
  std::vector<std::string> ids;
  for (const auto& r : sources) ids.push_back(r.id);
  for (const auto& r : figures) ids.push_back(r.id);
  for (const auto& r : derived) ids.push_back(r.id);
  for (const auto& r : checks) ids.push_back(r.id);
  for (const auto& r : series) ids.push_back(r.id);
  return ids;
}

std::string dossier::name() const {
  std::error_code ec;
  auto relative = std::filesystem::relative(folder, root, ec);
  if (ec || relative.empty() || relative == ".") return folder.filename().string();
  return relative.generic_string();
}

}  // namespace claimcheck
