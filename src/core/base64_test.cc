#include "core/base64.h"

#include <gtest/gtest.h>

namespace xiezuo {
namespace {

TEST(Base64Test, KnownVectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(*Base64Decode("Zm9vYg=="), "foob");
}

TEST(Base64Test, RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t len = 0; len < all.size(); len += 37) {
    std::string part = all.substr(0, len);
    auto back = Base64Decode(Base64Encode(part));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, part);
  }
}

TEST(Base64Test, RejectsBadText) {
  EXPECT_EQ(Base64Decode("abc").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Base64Decode("ab$=").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Base64Decode("a=bc").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace xiezuo
