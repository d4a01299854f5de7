// The real clock and timestamp formatting.
#include "core/clock.h"

#include <chrono>
#include <ctime>

namespace xiezuo {
namespace {

class RealClock : public Clock {
 public:
  int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

Clock& Clock::Real() {
  static RealClock clock;
  return clock;
}

std::string FormatTimestamp(int64_t seconds) {
  auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace xiezuo
