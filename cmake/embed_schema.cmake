# SPDX-License-Identifier: MIT
# Writes the C++ source that compiles the claim-file JSON Schema into the
# program (run by the build: cmake -DSCHEMA=... -DOUTPUT=... -P this file).
# docs/schema/claimcheck.schema.json is the one source; this copy is never
# edited by hand.
file(READ ${SCHEMA} schema_text)
string(FIND "${schema_text}" ")cc_schema" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${SCHEMA} contains ')cc_schema', the raw string's end marker")
endif()
set(source "// SPDX-License-Identifier: MIT
// Generated from docs/schema/claimcheck.schema.json by cmake/embed_schema.cmake.
// clang-format off
#include \"json_located.hpp\"

namespace claimcheck::detail {
std::string_view embedded_schema_text() {
  return R\"cc_schema(${schema_text})cc_schema\";
}

}  // namespace claimcheck::detail
")
file(WRITE ${OUTPUT} "${source}")
