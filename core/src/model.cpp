// SPDX-License-Identifier: MIT
#include "claimcheck/model.hpp"

#include <algorithm>

#include "model_names.hpp"

namespace claimcheck {
namespace {

template <class Record>
const Record* find_by_id(const std::vector<Record>& records, const std::string& id) {
  auto it =
      std::find_if(records.begin(), records.end(), [&id](const Record& r) { return r.id == id; });
  return it == records.end() ? nullptr : &*it;
}

// The table answers when it was built for the vector as it is now; with
// duplicate ids (an invalid dossier) it holds the first, as the scan does.
template <class Record>
const Record* find_indexed(const std::vector<Record>& records, const dossier::id_table& table,
                           const std::string& id) {
  if (!table.built || table.size != records.size()) return find_by_id(records, id);
  auto it = table.position.find(id);
  if (it == table.position.end()) return nullptr;
  return &records[it->second];
}

template <class Record>
void index_records(const std::vector<Record>& records, dossier::id_table& table) {
  table.position.clear();
  table.position.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) table.position.emplace(records[i].id, i);
  table.size = records.size();
  table.built = true;
}

}  // namespace

void field_locations::set(std::string_view name, int line, int column) {
  for (auto& entry : entries_) {
    if (entry.name == name) {
      entry.line = line;
      entry.column = column;
      return;
    }
  }
  entries_.push_back(field_position{std::string(name), line, column});
}

const field_position* field_locations::find(std::string_view name) const {
  for (const auto& entry : entries_) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

source_location record_origin::field(std::string_view name) const {
  const field_position* found = fields.find(name);
  if (!found) return where;
  source_location at{where.file, found->line, found->column, where.pointer};
  at.pointer.reserve(at.pointer.size() + 1 + name.size());
  at.pointer += '/';
  // The name's '/' separates an array index ("sources/2"); a name itself
  // has no '~' or '/' to escape (field names are the format's own words).
  at.pointer += name;
  return at;
}

bool is_web_url(std::string_view text) {
  auto starts_with = [&](std::string_view scheme) {
    if (text.size() < scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != scheme[i]) return false;
    }
    return true;
  };
  std::size_t host_start = starts_with("https://") ? 8 : starts_with("http://") ? 7 : 0;
  if (host_start == 0) return false;
  // Spaces, controls and the characters that end a URL in text or HTML are
  // never part of one; other non-ASCII (an IRI's path) is.
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  }
  std::size_t host_end = text.find_first_of("/?#", host_start);
  std::string_view authority = text.substr(
      host_start, host_end == std::string_view::npos ? text.npos : host_end - host_start);
  std::string_view host = authority.substr(0, authority.find(':'));
  if (host.empty() || host.front() == '.' || host.front() == '-') return false;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
    if (!ok) return false;
  }
  std::size_t colon = authority.find(':');
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) return false;
    for (char c : port) {
      if (c < '0' || c > '9') return false;
    }
  }
  return true;
}

const char* to_string(source_kind k) {
  return detail::source_kind_names.name(k);
}

const char* to_string(figure_kind k) {
  return k == figure_kind::claim ? "claim" : "fact";
}

const char* to_string(check_outcome o) {
  return detail::check_outcome_names.name(o);
}

std::optional<check_outcome> parse_check_outcome(std::string_view text) {
  return detail::check_outcome_names.value(text);
}

void dossier::index_ids() {
  index_records(sources, ids_indexed.sources);
  index_records(figures, ids_indexed.figures);
  index_records(derived, ids_indexed.derived);
  index_records(checks, ids_indexed.checks);
  index_records(series, ids_indexed.series);
}

const source_record* dossier::find_source(const std::string& id) const {
  return find_indexed(sources, ids_indexed.sources, id);
}
const figure_record* dossier::find_figure(const std::string& id) const {
  return find_indexed(figures, ids_indexed.figures, id);
}
const derived_record* dossier::find_derived(const std::string& id) const {
  return find_indexed(derived, ids_indexed.derived, id);
}
const check_record* dossier::find_check(const std::string& id) const {
  return find_indexed(checks, ids_indexed.checks, id);
}
const series_record* dossier::find_series(const std::string& id) const {
  return find_indexed(series, ids_indexed.series, id);
}

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
