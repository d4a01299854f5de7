#include "model/region.h"

#include <gtest/gtest.h>

namespace xiezuo::model {
namespace {

TEST(RegionTest, LevelsFollowCodeLength) {
  EXPECT_EQ(LevelOfCode("61"), RegionLevel::kProvince);
  EXPECT_EQ(LevelOfCode("6110"), RegionLevel::kCity);
  EXPECT_EQ(LevelOfCode("611022"), RegionLevel::kCounty);
  EXPECT_EQ(LevelOfCode("611022100"), RegionLevel::kTown);
  EXPECT_EQ(LevelOfCode("611022100001"), RegionLevel::kVillage);
  EXPECT_FALSE(LevelOfCode("61102").has_value());
  EXPECT_FALSE(LevelOfCode("61a0").has_value());
  EXPECT_FALSE(LevelOfCode("").has_value());
}

TEST(RegionTest, ParentsAndSubtrees) {
  EXPECT_EQ(ParentCode("611022100"), "611022");
  EXPECT_EQ(ParentCode("611022"), "6110");
  EXPECT_EQ(ParentCode("61"), "");
  EXPECT_TRUE(RegionWithin("611022100001", "611022"));
  EXPECT_FALSE(RegionWithin("320114", "611022"));
  EXPECT_EQ(SubtreeUpperBound("611022"), "611023");
  EXPECT_EQ(SubtreeUpperBound("6119"), "611:");
  EXPECT_LT(std::string("611999999999"), SubtreeUpperBound("6119"));
}

TEST(RegionTest, LevelNamesRoundTrip) {
  for (int i = 1; i <= 5; ++i) {
    auto level = static_cast<RegionLevel>(i);
    EXPECT_EQ(ParseRegionLevel(RegionLevelName(level)), level);
  }
  EXPECT_FALSE(ParseRegionLevel("planet").has_value());
}

}  // namespace
}  // namespace xiezuo::model
