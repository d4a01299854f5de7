// Labels for cooperation records, read once from the embedded i18n files.
#include "api/record_labels.h"

namespace xiezuo {
extern const std::string_view kRecordsZhCn;
extern const std::string_view kRecordsEn;
}  // namespace xiezuo

namespace xiezuo::api {
namespace {

// The string at data[a][b]…, or "" when missing.
std::string Lookup(const nlohmann::json& data, std::initializer_list<std::string_view> path) {
  const nlohmann::json* node = &data;
  for (std::string_view key : path) {
    if (!node->is_object()) return "";
    auto it = node->find(std::string(key));
    if (it == node->end()) return "";
    node = &*it;
  }
  return node->is_string() ? node->get<std::string>() : "";
}

}  // namespace

RecordLabels::RecordLabels(std::string lang, std::string_view json_text)
    : lang_(std::move(lang)), data_(nlohmann::json::parse(json_text)) {}

const RecordLabels& RecordLabels::For(std::string_view lang) {
  static const RecordLabels kZh("zh-CN", kRecordsZhCn);
  static const RecordLabels kEn("en", kRecordsEn);
  return lang.starts_with("en") ? kEn : kZh;
}

std::string RecordLabels::Group(std::string_view group) const {
  std::string s = Lookup(data_, {"groups", group});
  return s.empty() ? std::string(group) : s;
}

std::string RecordLabels::Kind(std::string_view kind) const {
  std::string s = Lookup(data_, {"kinds", kind, "label"});
  return s.empty() ? std::string(kind) : s;
}

std::string RecordLabels::Field(const model::RecordKind& kind, std::string_view field) const {
  std::string s = Lookup(data_, {"kinds", kind.key, "fields", field});
  if (s.empty()) s = Lookup(data_, {"fields", field});
  return s.empty() ? std::string(field) : s;
}

std::string RecordLabels::Option(std::string_view set, std::string_view value) const {
  std::string s = Lookup(data_, {"options", set, value});
  return s.empty() ? std::string(value) : s;
}

std::string RecordLabels::Issue(const model::RecordKind& kind,
                                const model::FieldIssue& issue) const {
  std::string text = Lookup(data_, {"rules", issue.rule});
  if (text.empty()) return model::IssueText(issue);
  std::string arg = issue.arg;
  if (kind.Field(arg) != nullptr) arg = Field(kind, arg);
  if (issue.rule == "bad_transition") arg = Option("project_status", arg);
  if (issue.rule == "unknown_option") arg = "";
  if (issue.rule == "duplicate" && !arg.empty()) {
    // Within a file: the row that has it first (arg is its 0-based index among the rows).
    return text;
  }
  size_t pos = text.find("{arg}");
  if (pos != std::string::npos) text.replace(pos, 5, arg);
  return text;
}

std::string RecordLabels::Excel(std::string_view key) const {
  return Lookup(data_, {"excel", key});
}

std::optional<std::string> RecordLabels::OptionByLabel(std::string_view set,
                                                       std::string_view label) {
  for (const RecordLabels* labels : {&For("zh-CN"), &For("en")}) {
    const nlohmann::json& options = labels->data_.at("options");
    auto it = options.find(std::string(set));
    if (it == options.end()) continue;
    for (const auto& [value, text] : it->items()) {
      if (text.is_string() && text.get<std::string>() == label) return value;
    }
  }
  return std::nullopt;
}

std::string RequestLang(const HttpRequest& req) {
  std::string lang = req.Query("lang");
  if (lang.empty()) lang = req.Header("accept-language");
  return lang.starts_with("en") ? "en" : "zh-CN";
}

}  // namespace xiezuo::api
