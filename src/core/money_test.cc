#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace xiezuo {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

int64_t Fen(std::string_view text) {
  Result<int64_t> r = ParseYuanToFen(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : -1;
}

void ExpectRejected(std::string_view text, std::string_view reason) {
  Result<int64_t> r = ParseYuanToFen(text);
  ASSERT_FALSE(r.ok()) << text << " parsed as " << *r;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(reason), std::string::npos)
      << text << ": " << r.status().message();
}

TEST(MoneyTest, ParsesYuan) {
  EXPECT_EQ(Fen("1234"), 123400);
  EXPECT_EQ(Fen("1234.5"), 123450);
  EXPECT_EQ(Fen("1234.56"), 123456);
  EXPECT_EQ(Fen("1,234.56"), 123456);
  EXPECT_EQ(Fen("12,345,678"), 1234567800);
  EXPECT_EQ(Fen("-12.30"), -1230);
  EXPECT_EQ(Fen("+7"), 700);
  EXPECT_EQ(Fen("0"), 0);
  EXPECT_EQ(Fen("-0"), 0);
  EXPECT_EQ(Fen("0.05"), 5);
  EXPECT_EQ(Fen(".5"), 50);
  EXPECT_EQ(Fen("12."), 1200);
  EXPECT_EQ(Fen("  98060000 "), 9806000000);
  EXPECT_EQ(Fen("\t1234.56\r\n"), 123456);
  EXPECT_EQ(Fen("12元"), 1200);
  EXPECT_EQ(Fen(" 1,234.50 元 "), 123450);
  EXPECT_EQ(Fen("\xE3\x80\x80"
                "5\xC2\xA0"),
            500);                 // ideographic and no-break spaces
  EXPECT_EQ(Fen("1.2300"), 123);  // zeros past two places change nothing
  EXPECT_EQ(Fen("007.10"), 710);
}

TEST(MoneyTest, RejectsBadYuan) {
  ExpectRejected("1.234", "at most 2 decimal places");
  ExpectRejected("0.001", "at most 2 decimal places");
  ExpectRejected("", "empty");
  ExpectRejected("   ", "empty");
  ExpectRejected("元", "empty");
  ExpectRejected("abc", "not an amount");
  ExpectRejected("12a", "not an amount");
  ExpectRejected("1.2.3", "not an amount");
  ExpectRejected("-", "not an amount");
  ExpectRejected(".", "not an amount");
  ExpectRejected("--1", "not an amount");
  ExpectRejected("1 234", "not an amount");
  ExpectRejected("1.5E-3", "not an amount");
  ExpectRejected("1e5", "not an amount");
  ExpectRejected("¥12", "not an amount");
  ExpectRejected("1,23", "thousands separator");
  ExpectRejected("1234,567", "thousands separator");
  ExpectRejected(",123", "thousands separator");
  ExpectRejected("1,,234", "thousands separator");
  ExpectRejected("1,2345", "thousands separator");
  ExpectRejected("92233720368547758.08", "too large");
  ExpectRejected("100000000000000000000000", "too large");
  ExpectRejected("-92233720368547758.09", "too large");
}

TEST(MoneyTest, ParsesTheInt64Limits) {
  EXPECT_EQ(Fen("92233720368547758.07"), kMax);
  EXPECT_EQ(Fen("-92233720368547758.08"), kMin);
  EXPECT_EQ(Fen("92,233,720,368,547,758.07"), kMax);
}

TEST(MoneyTest, ParsesWanYuan) {
  Result<int64_t> r = ParseWanYuanToFen("9806");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, int64_t{98'060'000} * 100);
  EXPECT_EQ(*ParseWanYuanToFen("0.000001"), 1);
  EXPECT_EQ(*ParseWanYuanToFen("1.5万元"), 1'500'000);
  EXPECT_EQ(*ParseWanYuanToFen("2万"), 2'000'000);
  EXPECT_EQ(*ParseWanYuanToFen("-1,234.123456"), -1'234'123'456);
  Result<int64_t> too_fine = ParseWanYuanToFen("1.0000001");
  ASSERT_FALSE(too_fine.ok());
  EXPECT_NE(too_fine.status().message().find("at most 6 decimal places"), std::string::npos);
  EXPECT_FALSE(ParseWanYuanToFen("9223372036855").ok());  // just over INT64_MAX fen
  EXPECT_EQ(*ParseWanYuanToFen("9223372036854.775807"), kMax);
}

TEST(MoneyTest, FormatsInEachUnit) {
  const int64_t fen = int64_t{98'060'000} * 100;
  EXPECT_EQ(FormatFen(fen, MoneyUnit::kYuan), "98,060,000.00");
  EXPECT_EQ(FormatFen(fen, MoneyUnit::kWanYuan), "9,806.00");
  EXPECT_EQ(FormatFen(fen, MoneyUnit::kYiYuan), "0.98");
  EXPECT_EQ(FormatFen(fen, MoneyUnit::kYiYuan, 4), "0.9806");
  EXPECT_EQ(FormatFen(fen, MoneyUnit::kYuan, 0), "98,060,000");
  EXPECT_EQ(FormatFen(0, MoneyUnit::kYuan), "0.00");
  EXPECT_EQ(FormatFen(5, MoneyUnit::kYuan), "0.05");
  EXPECT_EQ(FormatFen(123456, MoneyUnit::kYuan), "1,234.56");
  EXPECT_EQ(FormatFen(12345600, MoneyUnit::kYuan), "123,456.00");
  EXPECT_EQ(FormatFen(100000, MoneyUnit::kYuan), "1,000.00");
  EXPECT_EQ(FormatFen(99999, MoneyUnit::kYuan), "999.99");
  EXPECT_EQ(FormatFen(-123456789, MoneyUnit::kYuan), "-1,234,567.89");
  EXPECT_EQ(FormatFen(123456, MoneyUnit::kYuan, 4), "1,234.5600");
}

TEST(MoneyTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(FormatFen(125, MoneyUnit::kYuan, 1), "1.3");
  EXPECT_EQ(FormatFen(124, MoneyUnit::kYuan, 1), "1.2");
  EXPECT_EQ(FormatFen(-125, MoneyUnit::kYuan, 1), "-1.3");
  EXPECT_EQ(FormatFen(-124, MoneyUnit::kYuan, 1), "-1.2");
  EXPECT_EQ(FormatFen(150, MoneyUnit::kYuan, 0), "2");
  EXPECT_EQ(FormatFen(-150, MoneyUnit::kYuan, 0), "-2");
  EXPECT_EQ(FormatFen(5'000, MoneyUnit::kWanYuan), "0.01");  // 50 元 = 0.005 万元
  EXPECT_EQ(FormatFen(4'999, MoneyUnit::kWanYuan), "0.00");
  EXPECT_EQ(FormatFen(-4'999, MoneyUnit::kWanYuan), "0.00");  // no "-0.00"
  EXPECT_EQ(FormatFen(-5'000, MoneyUnit::kWanYuan), "-0.01");
  EXPECT_EQ(FormatFen(99'950'000, MoneyUnit::kWanYuan, 1), "100.0");  // 99.95 万元
  EXPECT_EQ(FormatFen(int64_t{99'995} * 100'000'000, MoneyUnit::kYiYuan, 1), "1,000.0");
}

TEST(MoneyTest, FormatsTheInt64Limits) {
  EXPECT_EQ(FormatFen(kMax, MoneyUnit::kYuan), "92,233,720,368,547,758.07");
  EXPECT_EQ(FormatFen(kMin, MoneyUnit::kYuan), "-92,233,720,368,547,758.08");
  EXPECT_EQ(FormatFen(kMax, MoneyUnit::kYiYuan, 12), "922,337,203.685477580700");
  EXPECT_EQ(FormatFen(kMin, MoneyUnit::kWanYuan, 0), "-9,223,372,036,855");
}

TEST(MoneyTest, YuanTextIsMinimal) {
  EXPECT_EQ(FenToYuanText(123456), "1234.56");
  EXPECT_EQ(FenToYuanText(-5), "-0.05");
  EXPECT_EQ(FenToYuanText(1200), "12");
  EXPECT_EQ(FenToYuanText(1250), "12.50");
  EXPECT_EQ(FenToYuanText(0), "0");
  EXPECT_EQ(FenToYuanText(-100), "-1");
  EXPECT_EQ(FenToYuanText(kMax), "92233720368547758.07");
  EXPECT_EQ(FenToYuanText(kMin), "-92233720368547758.08");
}

TEST(MoneyTest, YuanTextRoundTrips) {
  std::vector<int64_t> values = {0,
                                 1,
                                 -1,
                                 9,
                                 10,
                                 99,
                                 100,
                                 101,
                                 999,
                                 1000,
                                 123456,
                                 -123456,
                                 kMax,
                                 kMin,
                                 kMax - 1,
                                 kMin + 1,
                                 kMax / 100 * 100,
                                 kMin / 100};
  for (int64_t v = 1; v < kMax / 7; v = v * 7 + 3) {
    values.push_back(v);
    values.push_back(-v);
  }
  for (int64_t v = -2000; v <= 2000; ++v) values.push_back(v);
  for (int64_t v : values) {
    std::string text = FenToYuanText(v);
    Result<int64_t> back = ParseYuanToFen(text);
    ASSERT_TRUE(back.ok()) << v << " -> " << text << ": " << back.status().ToString();
    EXPECT_EQ(*back, v) << text;
    // The formatted form, with separators, reads back too.
    Result<int64_t> formatted = ParseYuanToFen(FormatFen(v, MoneyUnit::kYuan));
    ASSERT_TRUE(formatted.ok()) << FormatFen(v, MoneyUnit::kYuan);
    EXPECT_EQ(*formatted, v);
    Result<int64_t> wan = ParseWanYuanToFen(FormatFen(v, MoneyUnit::kWanYuan, 6));
    ASSERT_TRUE(wan.ok()) << FormatFen(v, MoneyUnit::kWanYuan, 6);
    EXPECT_EQ(*wan, v);
  }
}

}  // namespace
}  // namespace xiezuo
