// SPDX-License-Identifier: MIT
// Private to core: RapidJSON's parse errors said the way a person editing
// the JSON needs them, for the two readers of JSON text (claim files in
// json_located.cpp, JSON Lines articles in articles.cpp), so that one
// mistake reads the same in both.
//
// Example: json_syntax_message(kParseErrorObjectMissName, json_text::claim_file)
//   is "expected a key in double quotes; JSON has no trailing comma before '}'".
#pragma once

#include <string>

#include "rapidjson_config.hpp"

namespace claimcheck::detail {

// What the text must hold: the words for text after its end differ.
enum class json_text {
  claim_file,   // one object
  article_line  // one article per line (JSON Lines)
};

std::string json_syntax_message(rapidjson::ParseErrorCode code, json_text text);

}  // namespace claimcheck::detail
