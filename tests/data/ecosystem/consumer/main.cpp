// Uses claimcheck::core from an installed tree: parses a unit.
#include <iostream>

#include "claimcheck/units.hpp"

int main() {
  auto registry = claimcheck::unit_registry::with_builtins();
  auto unit = registry.parse("USD/(GPU*h)");
  if (!unit) {
    std::cerr << "unit did not parse: " << unit.error().message << '\n';
    return 1;
  }
  std::cout << "consumer: parsed " << unit->text << '\n';
  return 0;
}
