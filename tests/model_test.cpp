// SPDX-License-Identifier: MIT
// The dossier's id look-ups: indexed after loading, and still right when the
// index is missing or stale (records added after index_ids()).
#include <catch2/catch.hpp>

#include "claimcheck/model.hpp"

using namespace claimcheck;

namespace {

figure_record figure(const std::string& id) {
  figure_record f;
  f.id = id;
  return f;
}

}  // namespace

TEST_CASE("Look-ups find records by id with and without the index") {
  dossier d;
  d.figures = {figure("a.one"), figure("a.two")};
  d.derived.push_back(derived_record{});
  d.derived.back().id = "a.sum";

  for (bool indexed : {false, true}) {
    INFO("indexed: " << indexed);
    if (indexed) d.index_ids();
    REQUIRE(d.find_figure("a.two") != nullptr);
    CHECK(d.find_figure("a.two")->id == "a.two");
    CHECK(d.find_figure("a.sum") == nullptr);
    REQUIRE(d.find_derived("a.sum") != nullptr);
    CHECK(d.find_source("a.one") == nullptr);
    CHECK(d.find_check("nothing") == nullptr);
  }
}

TEST_CASE("A record added after indexing is still found") {
  dossier d;
  d.figures = {figure("a.one")};
  d.index_ids();
  d.figures.push_back(figure("a.late"));
  REQUIRE(d.find_figure("a.late") != nullptr);
  CHECK(d.find_figure("a.late")->id == "a.late");
  CHECK(d.find_figure("a.one")->id == "a.one");
}

TEST_CASE("With duplicate ids the first record answers, indexed or not") {
  dossier d;
  d.figures = {figure("dup"), figure("dup")};
  const figure_record* scanned = d.find_figure("dup");
  d.index_ids();
  CHECK(d.find_figure("dup") == scanned);
  CHECK(scanned == &d.figures[0]);
}
