// Clock: the seam through which code reads the time, so tests can move it (LevelDB's Env idea).
#pragma once

#include <cstdint>
#include <string>

namespace xiezuo {

// Thread-safe: implementations must allow concurrent calls.
class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch.
  virtual int64_t NowSeconds() const = 0;
  // The process-wide real clock.
  static Clock& Real();
};

// A clock that tests set by hand.
class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t now) : now_(now) {}
  int64_t NowSeconds() const override { return now_; }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  int64_t now_;
};

// Formats seconds since the epoch as RFC 3339 UTC, e.g. "2026-11-22T07:33:42Z".
std::string FormatTimestamp(int64_t seconds);

}  // namespace xiezuo
