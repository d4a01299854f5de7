#include "io/csv.h"

#include <gtest/gtest.h>

namespace xiezuo::io {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> fields;
  while (true) {
    Result<bool> more = reader.Next(fields);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    out.push_back(fields);
  }
  return out;
}

TEST(CsvReaderTest, ReadsQuotedFieldsAndLineEndings) {
  auto rows = ReadAll(
      "\xEF\xBB\xBF"
      "code,name\r\n611022,\"丹凤县\"\n1,\"a \"\"b\"\", c\nd\"\n,\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"code", "name"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"611022", "丹凤县"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"1", "a \"b\", c\nd"}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"", ""}));
}

TEST(CsvReaderTest, LastLineWithoutNewline) {
  auto rows = ReadAll("a,b\nc,d");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "d");
}

TEST(CsvReaderTest, NamesTheLineOfAnUnclosedQuote) {
  CsvReader reader("a\nb\n\"open,x\n");
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(f));
  ASSERT_TRUE(*reader.Next(f));
  Result<bool> r = reader.Next(f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "line 3: a quoted field is not closed");
}

TEST(CsvReaderTest, RejectsTextAfterClosingQuote) {
  CsvReader reader("\"a\"b,c\n");
  std::vector<std::string> f;
  EXPECT_EQ(reader.Next(f).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace xiezuo::io
