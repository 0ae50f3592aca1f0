// SPDX-License-Identifier: MIT
// Uses claimcheck::core from an installed tree: parses a unit, and checks
// that the installed schema (argv[1]) is the one compiled into the library.
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "claimcheck/loader.hpp"
#include "claimcheck/units.hpp"

int main(int argc, char** argv) {
  auto registry = claimcheck::unit_registry::with_builtins();
  auto unit = registry.parse("USD/(GPU*h)");
  if (!unit) {
    std::cerr << "unit did not parse: " << unit.error().message << '\n';
    return 1;
  }
  std::cout << "consumer: parsed " << unit->text << '\n';
  std::cout << "consumer: schema_path " << claimcheck::schema_path().generic_string() << '\n';
  if (argc > 1) {
    std::ifstream in(argv[1], std::ios::binary);
    std::string installed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (installed.empty() || installed != claimcheck::embedded_schema()) {
      std::cerr << "the installed schema " << argv[1] << " differs from the embedded one\n";
      return 1;
    }
    std::cout << "consumer: installed schema matches the embedded one\n";
  }
  return 0;
}
