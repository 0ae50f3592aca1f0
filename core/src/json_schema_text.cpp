// SPDX-License-Identifier: MIT
// clang-format off
// The claim-file JSON Schema, compiled into the program so that an installed
// `claimcheck` validates anywhere, with no file to find at run time.
//
// It is a byte-for-byte copy of docs/schema/claimcheck.schema.json (the file
// editors and other validators use); tests/loader_test.cpp fails when the two
// differ. After editing the schema, regenerate this file from the repository
// root (one shell line):
//   (sed -n '1,/^namespace/p' core/src/json_schema_text.cpp; printf 'std::string_view embedded_schema_text() {\n  return R"cc_schema('; cat docs/schema/claimcheck.schema.json; printf ')cc_schema";\n}\n\n}  // namespace claimcheck::detail\n') > /tmp/s.cpp && mv /tmp/s.cpp core/src/json_schema_text.cpp
#include "json_located.hpp"

namespace claimcheck::detail {
std::string_view embedded_schema_text() {
  return R"cc_schema({
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "claimcheck claim file, format 1",
  "description": "A claim file of a claimcheck dossier. See docs/claim-format.md. Draft-04, so that RapidJSON 1.1.0, ajv (draft-04 mode) and editors read it alike; dates and ids use pattern, not format.",
  "type": "object",
  "required": ["claimcheck"],
  "additionalProperties": false,
  "properties": {
    "$schema": { "type": "string" },
    "claimcheck": { "enum": [1] },
    "imports": { "type": "array", "items": { "type": "string", "minLength": 1 } },
    "document": { "$ref": "#/definitions/document" },
    "units": { "type": "array", "items": { "$ref": "#/definitions/unit" } },
    "sources": { "type": "array", "items": { "$ref": "#/definitions/source" } },
    "claims": { "type": "array", "items": { "$ref": "#/definitions/figure" } },
    "facts": { "type": "array", "items": { "$ref": "#/definitions/fact" } },
    "derived": { "type": "array", "items": { "$ref": "#/definitions/derived" } },
    "checks": { "type": "array", "items": { "$ref": "#/definitions/check" } },
    "series": { "type": "array", "items": { "$ref": "#/definitions/series" } },
    "ignore": { "type": "array", "items": { "$ref": "#/definitions/ignore" } }
  },
  "definitions": {
    "id": {
      "type": "string",
      "pattern": "^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$"
    },
    "ids": { "type": "array", "items": { "$ref": "#/definitions/id" } },
    "date": {
      "type": "string",
      "pattern": "^[0-9][0-9][0-9][0-9](-[0-9][0-9](-[0-9][0-9])?)?$"
    },
    "text": { "type": "string" },
    "words": { "type": "array", "items": { "type": "string", "minLength": 1 } },
    "document": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "title": { "$ref": "#/definitions/text" },
        "publisher": { "$ref": "#/definitions/text" },
        "author": { "$ref": "#/definitions/text" },
        "published": { "$ref": "#/definitions/date" },
        "url": { "$ref": "#/definitions/text" },
        "language": { "$ref": "#/definitions/text" },
        "text": { "type": "string", "minLength": 1 },
        "review": { "$ref": "#/definitions/review" },
        "note": { "$ref": "#/definitions/text" }
      }
    },
    "review": {
      "description": "(extension) Who reviews the document and the page that publishes the review; used by --format claimreview.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "by": { "$ref": "#/definitions/text" },
        "url": { "type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+" },
        "published": { "$ref": "#/definitions/date" }
      }
    },
    "unit": {
      "type": "object",
      "required": ["name"],
      "additionalProperties": false,
      "properties": {
        "name": { "type": "string", "minLength": 1 },
        "aliases": { "$ref": "#/definitions/words" },
        "note": { "$ref": "#/definitions/text" }
      }
    },
    "source": {
      "type": "object",
      "required": ["id"],
      "additionalProperties": false,
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "title": { "$ref": "#/definitions/text" },
        "publisher": { "$ref": "#/definitions/text" },
        "url": { "$ref": "#/definitions/text" },
        "published": { "$ref": "#/definitions/date" },
        "accessed": { "$ref": "#/definitions/date" },
        "kind": { "enum": ["primary", "secondary", "document"] },
        "note": { "$ref": "#/definitions/text" }
      }
    },
    "number_or_text": {
      "anyOf": [{ "type": "number" }, { "type": "string", "minLength": 1 }]
    },
    "figure": {
      "type": "object",
      "required": ["id", "value", "unit"],
      "additionalProperties": false,
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "subject": { "$ref": "#/definitions/text" },
        "quote": { "type": "string", "minLength": 1 },
        "speaker": { "$ref": "#/definitions/text" },
        "value": {
          "anyOf": [
            { "$ref": "#/definitions/number_or_text" },
            {
              "type": "array",
              "minItems": 2,
              "maxItems": 2,
              "items": { "$ref": "#/definitions/number_or_text" }
            }
          ]
        },
        "unit": { "type": "string", "minLength": 1 },
        "qualifier": {
          "enum": ["stated", "exact", "about", "almost", "over", "at_least", "under", "at_most", "plus",
                   "level", "several", "range"]
        },
        "tolerance": { "type": "number", "minimum": 0, "maximum": 1 },
        "precision": { "type": "number", "minimum": 0, "exclusiveMinimum": true },
        "as_of": { "$ref": "#/definitions/date" },
        "sources": { "$ref": "#/definitions/ids" },
        "scope": { "$ref": "#/definitions/text" },
        "tags": { "$ref": "#/definitions/words" },
        "note": { "$ref": "#/definitions/text" }
      }
    },
    "fact": {
      "description": "A fact is a figure with at least one source.",
      "allOf": [
        { "$ref": "#/definitions/figure" },
        {
          "required": ["sources"],
          "properties": { "sources": { "type": "array", "minItems": 1 } }
        }
      ]
    },
    "derived": {
      "type": "object",
      "required": ["id", "expr"],
      "additionalProperties": false,
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "subject": { "$ref": "#/definitions/text" },
        "expr": { "type": "string", "minLength": 1 },
        "unit": { "type": "string", "minLength": 1 },
        "as_of": { "$ref": "#/definitions/date" },
        "scope": { "$ref": "#/definitions/text" },
        "note": { "$ref": "#/definitions/text" }
      }
    },
    "check": {
      "type": "object",
      "required": ["id", "assert"],
      "additionalProperties": false,
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "assert": { "type": "string", "minLength": 1 },
        "about": { "$ref": "#/definitions/ids" },
        "severity": { "enum": ["error", "warning"] },
        "message": { "$ref": "#/definitions/text" },
        "expect": { "enum": ["pass", "fail", "inconclusive"] },
        "within": {
          "description": "a ~ check's tolerance, widening its right side: relative (\"5%\") or absolute (\"0.5 [min]\")",
          "type": "string",
          "minLength": 1
        },
        "note": { "$ref": "#/definitions/text" }
      }
    },
    "series": {
      "type": "object",
      "required": ["id", "points"],
      "additionalProperties": false,
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "subject": { "$ref": "#/definitions/text" },
        "points": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/id" } },
        "unit": { "type": "string", "minLength": 1 },
        "note": { "$ref": "#/definitions/text" }
      }
    },
    "ignore": {
      "type": "object",
      "required": ["quote", "reason"],
      "additionalProperties": false,
      "properties": {
        "quote": { "type": "string", "minLength": 1 },
        "reason": { "type": "string", "minLength": 1 },
        "note": { "$ref": "#/definitions/text" }
      }
    }
  }
}
)cc_schema";
}

}  // namespace claimcheck::detail
