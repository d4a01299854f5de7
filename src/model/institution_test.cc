#include "model/institution.h"

#include <gtest/gtest.h>

namespace xiezuo::model {
namespace {

TEST(InstitutionTest, EnterpriseNeedsAValidCreditCode) {
  Institution inst{
      .name = "丹凤县某企业", .kind = InstitutionKind::kEnterprise, .region_code = "611022"};
  Status s = ValidateInstitution(inst);
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(s.details().size(), 1u);
  EXPECT_EQ(s.details()[0].field, "credit_code");
  inst.credit_code = "91350100M000100Y44";
  s = ValidateInstitution(inst);
  ASSERT_EQ(s.details().size(), 1u);
  EXPECT_NE(s.details()[0].reason.find("check character"), std::string::npos);
  inst.credit_code = "91350100M000100Y43";
  EXPECT_TRUE(ValidateInstitution(inst).ok());
}

TEST(InstitutionTest, NamesEachBadField) {
  Institution inst{.name = "", .kind = InstitutionKind::kSchool, .region_code = "61102"};
  inst.address = std::string(201, 'a');
  Status s = ValidateInstitution(inst);
  ASSERT_EQ(s.details().size(), 3u);
  EXPECT_EQ(s.details()[0].field, "name");
  EXPECT_EQ(s.details()[1].field, "region_code");
  EXPECT_EQ(s.details()[2].field, "address");
}

TEST(InstitutionTest, LengthsCountCharactersNotBytes) {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "院";
  Institution inst{.name = name, .kind = InstitutionKind::kHospital, .region_code = "611022"};
  EXPECT_TRUE(ValidateInstitution(inst).ok());
  inst.name += "院";
  EXPECT_FALSE(ValidateInstitution(inst).ok());
}

TEST(InstitutionTest, KindNamesRoundTrip) {
  EXPECT_EQ(ParseInstitutionKind("health_centre"), InstitutionKind::kHealthCentre);
  EXPECT_STREQ(InstitutionKindName(InstitutionKind::kIndustrialPark), "industrial_park");
  EXPECT_FALSE(ParseInstitutionKind("bank").has_value());
}

}  // namespace
}  // namespace xiezuo::model
