// bench_gen_placements: writes the benchmark's placement rows to files, for the sqlite3
// `.import` peer in bench/run.sh and for people who want to try an import by hand.
//
//   bench_gen_placements ROWS OUT.csv [OUT.xlsx]
#include <charconv>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include "placement_data.h"

namespace {

bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "bench_gen_placements: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("%s: %zu bytes\n", path.c_str(), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s ROWS OUT.csv [OUT.xlsx]\n", argv[0]);
    return 2;
  }
  std::string_view text = argv[1];
  int64_t rows = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), rows);
  if (ec != std::errc() || end != text.data() + text.size() || rows < 0 || rows > 1'000'000) {
    std::fprintf(stderr, "bench_gen_placements: ROWS must be 0..1000000, not %s\n", argv[1]);
    return 2;
  }
  if (!WriteFile(argv[2], xiezuo::bench::PlacementCsv(rows))) return 1;
  if (argc == 4) {
    auto xlsx = xiezuo::bench::PlacementXlsx(rows);
    if (!xlsx.ok()) {
      std::fprintf(stderr, "bench_gen_placements: %s\n", xlsx.status().message().c_str());
      return 1;
    }
    if (!WriteFile(argv[3], *xlsx)) return 1;
  }
  std::printf("%lld placements (seed %#llx)\n", static_cast<long long>(rows),
              static_cast<unsigned long long>(xiezuo::bench::kPlacementSeed));
  return 0;
}
