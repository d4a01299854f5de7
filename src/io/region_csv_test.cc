#include "io/region_csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace xiezuo::io {
namespace {

class RegionCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("xz_regions_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    Write("provinces.csv", "code,name\n32,\"江苏省\"\n61,\"陕西省\"\n");
    Write("cities.csv", "code,name,provinceCode\n3201,\"南京市\",32\n6110,\"商洛市\",61\n");
    Write("areas.csv", "code,name,cityCode,provinceCode\n611022,\"丹凤县\",6110,61\n");
    Write("streets.csv",
          "code,name,areaCode,provinceCode,cityCode\n"
          "611022100,\"龙驹寨街道\",611022,61,6110\n");
    Write("villages.csv",
          "code,name,streetCode,provinceCode,cityCode,areaCode\n"
          "611022100001,\"北街社区居委会\",611022100,61,6110,611022\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(RegionCsvTest, ReadsAllLevelsParentsFirst) {
  auto regions = ReadRegionCsvDir(dir_.string(), {});
  ASSERT_TRUE(regions.ok()) << regions.status().ToString();
  ASSERT_EQ(regions->size(), 7u);
  EXPECT_EQ((*regions)[0].name, "江苏省");
  EXPECT_EQ((*regions)[6].parent_code, "611022100");
  EXPECT_EQ((*regions)[6].level, model::RegionLevel::kVillage);
  auto counts = CountRegionCsvRows(dir_.string());
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*counts, (std::array<int64_t, 5>{2, 2, 1, 1, 1}));
}

TEST_F(RegionCsvTest, FiltersByProvince) {
  auto regions = ReadRegionCsvDir(dir_.string(), {"32"});
  ASSERT_TRUE(regions.ok());
  EXPECT_EQ(regions->size(), 2u);
}

TEST_F(RegionCsvTest, NamesFileAndLineOfABadRow) {
  Write("areas.csv",
        "code,name,cityCode,provinceCode\n611022,\"丹凤县\",6110,61\n61102,\"x\",6110,61\n");
  auto regions = ReadRegionCsvDir(dir_.string(), {});
  ASSERT_EQ(regions.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(regions.status().message().find("areas.csv line 3: code '61102' is not a county code"),
            std::string::npos)
      << regions.status().message();
}

TEST_F(RegionCsvTest, RejectsAParentThatIsNotThePrefix) {
  Write("streets.csv", "code,name,areaCode\n611022100,\"龙驹寨街道\",611023\n");
  auto regions = ReadRegionCsvDir(dir_.string(), {});
  EXPECT_NE(regions.status().message().find("parent '611023'"), std::string::npos);
}

TEST_F(RegionCsvTest, MissingFileIsNamed) {
  std::filesystem::remove(dir_ / "villages.csv");
  auto regions = ReadRegionCsvDir(dir_.string(), {});
  EXPECT_EQ(regions.status().code(), StatusCode::kNotFound);
  EXPECT_NE(regions.status().message().find("villages.csv"), std::string::npos);
}

}  // namespace
}  // namespace xiezuo::io
