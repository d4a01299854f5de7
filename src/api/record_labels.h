// The words users see for cooperation records — kind, field and option labels, the reasons
// for rejected values, the Excel instructions — from the i18n files src/api/i18n/records.*.json,
// which are compiled into the binary. Chinese first; English on request.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/http/http.h"
#include "model/record.h"

namespace xiezuo::api {

// One language's labels. Immutable after construction; thread-safe.
class RecordLabels {
 public:
  // "en" (or anything starting with "en") gives English; everything else Chinese.
  static const RecordLabels& For(std::string_view lang);

  const std::string& lang() const { return lang_; }
  std::string Group(std::string_view group) const;
  std::string Kind(std::string_view kind) const;
  std::string Field(const model::RecordKind& kind, std::string_view field) const;
  // The label of an option value; the value itself when it has none.
  std::string Option(std::string_view set, std::string_view value) const;
  // The sentence for a rejected value, e.g. "不能早于“签约日期”" (field keys in `arg` are
  // turned into their labels).
  std::string Issue(const model::RecordKind& kind, const model::FieldIssue& issue) const;
  // A text of the Excel templates (instructions, sheet names).
  std::string Excel(std::string_view key) const;

  // The option value whose label (in any language) is `label`.
  static std::optional<std::string> OptionByLabel(std::string_view set, std::string_view label);

 private:
  RecordLabels(std::string lang, std::string_view json_text);
  std::string lang_;
  nlohmann::json data_;
};

// The language a request asks for: ?lang=, else Accept-Language, else Chinese.
std::string RequestLang(const HttpRequest& req);

}  // namespace xiezuo::api
