// Body parsing and field checks.
#include "api/json_input.h"

#include <vector>

#include "model/institution.h"

namespace xiezuo::api {

Result<nlohmann::json> ParseBody(const std::string& body, std::span<const FieldSpec> fields) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return InvalidArgument("the request body is not valid JSON", {{"", "not valid JSON"}});
  }
  if (!doc.is_object()) {
    return InvalidArgument("the request body must be a JSON object", {{"", "not an object"}});
  }
  std::vector<FieldError> errors;
  for (const auto& [key, value] : doc.items()) {
    bool known = false;
    for (const FieldSpec& f : fields) known = known || key == f.name;
    if (!known) errors.push_back({key, "unknown field"});
  }
  for (const FieldSpec& f : fields) {
    auto it = doc.find(f.name);
    if (it == doc.end() || it->is_null()) {
      if (f.required) errors.push_back({f.name, "is required"});
      continue;
    }
    switch (f.type) {
      case FieldType::kString:
        if (!it->is_string()) {
          errors.push_back({f.name, "must be a string"});
        } else if (model::Utf8Length(it->get_ref<const std::string&>()) > f.max_chars) {
          errors.push_back(
              {f.name, "is longer than " + std::to_string(f.max_chars) + " characters"});
        } else if (f.required && it->get_ref<const std::string&>().empty()) {
          errors.push_back({f.name, "is required"});
        }
        break;
      case FieldType::kInt:
        if (!it->is_number_integer()) errors.push_back({f.name, "must be an integer"});
        break;
      case FieldType::kBool:
        if (!it->is_boolean()) errors.push_back({f.name, "must be true or false"});
        break;
    }
  }
  if (!errors.empty()) return InvalidArgument("the request has invalid fields", errors);
  return doc;
}

std::string GetString(const nlohmann::json& body, const char* name, std::string fallback) {
  auto it = body.find(name);
  return it == body.end() || !it->is_string() ? std::move(fallback) : it->get<std::string>();
}

int64_t GetInt(const nlohmann::json& body, const char* name, int64_t fallback) {
  auto it = body.find(name);
  return it == body.end() || !it->is_number_integer() ? fallback : it->get<int64_t>();
}

bool GetBool(const nlohmann::json& body, const char* name, bool fallback) {
  auto it = body.find(name);
  return it == body.end() || !it->is_boolean() ? fallback : it->get<bool>();
}

}  // namespace xiezuo::api
