// Institution kinds and field rules.
#include "model/institution.h"

#include <vector>

#include "model/credit_code.h"
#include "model/region.h"

namespace xiezuo::model {
namespace {

constexpr const char* kKindNames[] = {"school",         "kindergarten", "hospital",
                                      "health_centre",  "enterprise",   "social_org",
                                      "industrial_park"};

}  // namespace

const char* InstitutionKindName(InstitutionKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<InstitutionKind> ParseInstitutionKind(std::string_view name) {
  for (int i = 0; i < static_cast<int>(std::size(kKindNames)); ++i) {
    if (name == kKindNames[i]) return static_cast<InstitutionKind>(i);
  }
  return std::nullopt;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

Status ValidateInstitution(const Institution& inst) {
  std::vector<FieldError> errors;
  size_t name_len = Utf8Length(inst.name);
  if (name_len == 0) errors.push_back({"name", "is required"});
  if (name_len > kMaxInstitutionName) {
    errors.push_back(
        {"name", "is longer than " + std::to_string(kMaxInstitutionName) + " characters"});
  }
  if (!LevelOfCode(inst.region_code).has_value()) {
    errors.push_back({"region_code", "is not a region code of 2, 4, 6, 9 or 12 digits"});
  }
  if (inst.kind == InstitutionKind::kEnterprise && inst.credit_code.empty()) {
    errors.push_back({"credit_code", "is required for an enterprise"});
  }
  if (!inst.credit_code.empty()) {
    Status s = ValidateCreditCode(inst.credit_code);
    if (!s.ok()) errors.push_back({"credit_code", s.message()});
  }
  if (Utf8Length(inst.address) > kMaxAddress) {
    errors.push_back({"address", "is longer than " + std::to_string(kMaxAddress) + " characters"});
  }
  if (Utf8Length(inst.contact) > kMaxContact) {
    errors.push_back({"contact", "is longer than " + std::to_string(kMaxContact) + " characters"});
  }
  if (!errors.empty()) return InvalidArgument("the institution has invalid fields", errors);
  return Status::Ok();
}

}  // namespace xiezuo::model
