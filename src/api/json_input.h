// Strict JSON request bodies: every field declared with its type and limits; unknown
// fields, wrong types, missing required fields and over-long strings all become one 400
// whose details name each bad field.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace xiezuo::api {

enum class FieldType { kString, kInt, kBool };

struct FieldSpec {
  const char* name;
  FieldType type;
  bool required = false;
  size_t max_chars = 200;  // strings: Unicode characters
};

// Parses `body` as a JSON object and checks it against `fields`.
// Errors: kInvalidArgument with one detail per bad field (field "" for a body that is not a
// JSON object).
Result<nlohmann::json> ParseBody(const std::string& body, std::span<const FieldSpec> fields);

// Accessors for a checked body: the value, or `fallback` when the field is absent or null.
std::string GetString(const nlohmann::json& body, const char* name, std::string fallback = "");
int64_t GetInt(const nlohmann::json& body, const char* name, int64_t fallback = 0);
bool GetBool(const nlohmann::json& body, const char* name, bool fallback = false);

}  // namespace xiezuo::api
