#include "core/status.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace xiezuo {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("odd", {{"n", "must be even"}});
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(StatusTest, PropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(bad.status().details().size(), 1u);
  EXPECT_EQ(bad.status().details()[0].field, "n");
  EXPECT_EQ(bad.status().ToString(), "invalid_argument: odd [n: must be even]");
}

TEST(StatusTest, CodeNamesAreStable) {
  EXPECT_STREQ(StatusCodeName(StatusCode::kAlreadyExists), "already_exists");
  EXPECT_STREQ(StatusCodeName(StatusCode::kPermissionDenied), "permission_denied");
}

TEST(ClockTest, FormatsUtc) { EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z"); }

}  // namespace
}  // namespace xiezuo
