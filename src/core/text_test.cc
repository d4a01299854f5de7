#include "core/text.h"

#include <gtest/gtest.h>

namespace xiezuo {
namespace {

TEST(TextTest, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii\n"));
  EXPECT_TRUE(IsValidUtf8("丹凤县 商洛市"));
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8("\xF0\xA0\x80\x80"));  // U+20000 𠀀
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8(std::string_view("a\0b", 3)));
}

TEST(TextTest, RejectsMalformedUtf8) {
  EXPECT_FALSE(IsValidUtf8("\x80"));              // a lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // overlong three-byte form
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // overlong four-byte form
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800, a surrogate
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));      // truncated 中
  EXPECT_FALSE(IsValidUtf8("\xE4\x41\xAD"));  // a non-continuation inside
  EXPECT_EQ(FirstInvalidUtf8Offset("ab\xE4\xB8\xADz\xFF"), 6u);
  EXPECT_EQ(FirstInvalidUtf8Offset("abc"), 3u);
}

TEST(TextTest, EncodingNamesAreStable) {
  EXPECT_EQ(EncodingName(TextEncoding::kUtf8), "utf-8");
  EXPECT_EQ(EncodingName(TextEncoding::kUtf8Bom), "utf-8-bom");
  EXPECT_EQ(EncodingName(TextEncoding::kGb18030), "gbk");
}

TEST(TextTest, DecodesUtf8AndStripsTheBom) {
  Result<DecodedText> plain = DecodeToUtf8("code,name\n611022,丹凤县\n");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(plain->encoding, TextEncoding::kUtf8);
  EXPECT_EQ(plain->utf8, "code,name\n611022,丹凤县\n");

  Result<DecodedText> bom = DecodeToUtf8("\xEF\xBB\xBF名称\n");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->encoding, TextEncoding::kUtf8Bom);
  EXPECT_EQ(bom->utf8, "名称\n");

  Result<DecodedText> empty = DecodeToUtf8("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->encoding, TextEncoding::kUtf8);
  EXPECT_EQ(empty->utf8, "");
}

TEST(TextTest, DecodesHardCodedGbkBytes) {
  // "丹凤县" as Excel in a Chinese locale saves it.
  Result<DecodedText> r = DecodeToUtf8("611022,\xb5\xa4\xb7\xef\xcf\xd8\r\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->encoding, TextEncoding::kGb18030);
  EXPECT_EQ(r->utf8, "611022,丹凤县\r\n");
}

TEST(TextTest, GbkRoundTrip) {
  const std::string text =
      "序号,机构名称,统一社会信用代码,金额（元）\n1,陕西省商洛市丹凤县人民医院,"
      "12610000MB1234567X,\"1,234.56\"\n2,宁波市鄞州区,，。、\n";
  Result<std::string> gbk = Utf8ToGb18030(text);
  ASSERT_TRUE(gbk.ok()) << gbk.status().ToString();
  EXPECT_FALSE(IsValidUtf8(*gbk));
  EXPECT_NE(*gbk, text);
  Result<DecodedText> back = DecodeToUtf8(*gbk);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->encoding, TextEncoding::kGb18030);
  EXPECT_EQ(back->utf8, text);
}

TEST(TextTest, Gb18030CoversCharactersOutsideGbk) {
  // U+20000 is not in GBK; GB18030 has a four-byte form for it.
  Result<std::string> gb = Utf8ToGb18030("\xF0\xA0\x80\x80");
  ASSERT_TRUE(gb.ok());
  EXPECT_EQ(*gb, "\x95\x32\x82\x36");
  Result<std::string> zhang = Utf8ToGb18030("张三");
  ASSERT_TRUE(zhang.ok());
  EXPECT_EQ(*zhang, "\xd5\xc5\xc8\xfd");
  // Prefixed with a byte that is not UTF-8 so that GB18030 decoding is used.
  Result<DecodedText> back = DecodeToUtf8("\xd5\xc5\x95\x32\x82\x36");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->utf8, "张\xF0\xA0\x80\x80");
}

TEST(TextTest, RejectsBytesThatAreNeitherUtf8NorGbk) {
  // 0xFF is invalid in both; it follows valid GBK "丹凤".
  Result<DecodedText> r = DecodeToUtf8("ab\xb5\xa4\xb7\xef\xff\xff");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("neither UTF-8 nor GBK"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("offset 6 (0xFF)"), std::string::npos)
      << r.status().message();

  // A GBK lead byte cut off at the end of the file.
  Result<DecodedText> cut = DecodeToUtf8("abc\xb5");
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("offset 3"), std::string::npos) << cut.status().message();

  // A BOM promises UTF-8.
  Result<DecodedText> bom = DecodeToUtf8("\xEF\xBB\xBFok\xb5\xa4");
  ASSERT_FALSE(bom.ok());
  EXPECT_EQ(bom.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bom.status().message().find("byte 5"), std::string::npos) << bom.status().message();
}

TEST(TextTest, Utf8ToGb18030RejectsInvalidUtf8) {
  Result<std::string> r = Utf8ToGb18030("ok\xED\xA0\x80");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("byte 2"), std::string::npos) << r.status().message();
}

TEST(TextTest, CountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("丹凤县"), 3u);
  EXPECT_EQ(Utf8Length("a丹\xF0\xA0\x80\x80"), 3u);
}

TEST(TextTest, MasksNames) {
  EXPECT_EQ(MaskPersonal(""), "");
  EXPECT_EQ(MaskPersonal("张"), "张");
  EXPECT_EQ(MaskPersonal("张三"), "张*");
  EXPECT_EQ(MaskPersonal("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskPersonal("Bob"), "B**");
  EXPECT_EQ(MaskPersonal("\xF0\xA0\x80\x80丹"), "\xF0\xA0\x80\x80*");
}

TEST(TextTest, MasksIdAndPhoneNumbers) {
  EXPECT_EQ(MaskPersonal("13812345678"), "138****5678");
  EXPECT_EQ(MaskPersonal("61102219900101123X"), "611***********123X");
  EXPECT_EQ(MaskPersonal("6222021234567890123"), "622************0123");
  // 7 to 10 characters keep 2 and 2, so that at least three are hidden.
  EXPECT_EQ(MaskPersonal("1234567"), "12***67");
  EXPECT_EQ(MaskPersonal("88886666"), "88****66");
  // Six characters, or text with punctuation, keeps only its first character.
  EXPECT_EQ(MaskPersonal("123456"), "1*****");
  EXPECT_EQ(MaskPersonal("138-1234-5678"), "1************");
}

}  // namespace
}  // namespace xiezuo
