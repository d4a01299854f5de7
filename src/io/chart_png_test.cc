// Bar charts as PNG: the image read back has the size asked for, bars in each series' colour in
// proportion to their values (none for a missing value), a CJK font for the labels, and bad
// charts are refused with what is wrong named.
#include "io/chart_png.h"

#include <cairo.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace xiezuo::io {
namespace {

using ::testing::HasSubstr;

struct Image {
  int width = 0;
  int height = 0;
  std::map<uint32_t, int> pixels;  // 0xRRGGBB → how many
};

// Reads a PNG back with cairo and counts its pixels by colour.
Image ReadPng(const std::string& png) {
  struct Reader {
    const std::string* bytes;
    size_t at = 0;
  } reader{&png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* data, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
        std::copy_n(r->bytes->data() + r->at, length, data);
        r->at += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  Image out;
  EXPECT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  out.width = cairo_image_surface_get_width(s);
  out.height = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  for (int y = 0; y < out.height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    for (int x = 0; x < out.width; ++x) ++out.pixels[row[x] & 0xffffff];
  }
  cairo_surface_destroy(s);
  return out;
}

BarChart Sample() {
  BarChart c;
  c.unit = "单位：万元";
  c.categories = {"拨付协作资金", "消费帮扶", "实际到位投资"};
  c.series = {{"2021年", 0x409eff, {9806, 4000, std::nullopt}, {"9806", "4000", "—"}},
              {"2020年", 0x67c23a, {4903, 2000, 1000}, {"4903", "2000", "1000"}}};
  c.width = 800;
  c.height = 450;
  return c;
}

TEST(ChartPng, BarsAreDrawnInProportionInTheirSeriesColours) {
  auto png = RenderBarChartPng(Sample());
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  ASSERT_GT(png->size(), 8U);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  Image image = ReadPng(*png);
  EXPECT_EQ(image.width, 800);
  EXPECT_EQ(image.height, 450);
  const int blue = image.pixels[0x409eff];
  const int green = image.pixels[0x67c23a];
  // Blue: 9806 + 4000 with one missing; green: half of each and 1000 — about 13806 : 7903.
  ASSERT_GT(green, 0);
  const double ratio = static_cast<double>(blue) / green;
  EXPECT_GT(ratio, 1.5);
  EXPECT_LT(ratio, 2.0);
  // Text was drawn (dark grey anti-aliased glyphs), not only bars on white.
  int dark = 0;
  for (const auto& [rgb, n] : image.pixels) {
    if (((rgb >> 16) & 0xff) < 0x80 && ((rgb >> 8) & 0xff) < 0x80 && (rgb & 0xff) < 0x80) dark += n;
  }
  EXPECT_GT(dark, 200);
}

TEST(ChartPng, AReferenceLineAndNegativeValuesFit) {
  BarChart c;
  c.unit = "单位：%";
  c.categories = {"转移就业", "拨付协作资金"};
  c.series = {{"完成率", 0x409eff, {98.1, -12.5}, {"98.1%", "-12.5%"}}};
  c.reference = 100;
  c.reference_label = "目标";
  c.width = 600;
  c.height = 400;
  auto png = RenderBarChartPng(c);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  Image image = ReadPng(*png);
  EXPECT_GT(image.pixels[0xf56c6c], 100);  // the dashed target line
  EXPECT_GT(image.pixels[0x409eff], 1000);
}

TEST(ChartPng, BadChartsAreRefusedWithWhatIsWrong) {
  BarChart c = Sample();
  c.series[1].labels.pop_back();
  auto r = RenderBarChartPng(c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("2020年"));
  c = Sample();
  c.categories.clear();
  EXPECT_THAT(RenderBarChartPng(c).status().message(), HasSubstr("category"));
  c = Sample();
  c.width = 10;
  EXPECT_THAT(RenderBarChartPng(c).status().message(), HasSubstr("10×450"));
}

// The labels need a font with Chinese glyphs; setup.sh installs WenQuanYi Micro Hei.
TEST(ChartPng, FontconfigFindsAChineseFont) {
  PangoFontMap* map = pango_cairo_font_map_get_default();
  PangoContext* context = pango_font_map_create_context(map);
  PangoFontDescription* desc = pango_font_description_from_string("WenQuanYi Micro Hei 12");
  PangoFont* font = pango_font_map_load_font(map, context, desc);
  ASSERT_NE(font, nullptr);
  PangoFontDescription* found = pango_font_describe(font);
  const std::string family = pango_font_description_get_family(found);
  EXPECT_THAT(family, HasSubstr("WenQuanYi"));
  PangoCoverage* coverage = pango_font_get_coverage(font, pango_language_from_string("zh-cn"));
  EXPECT_EQ(pango_coverage_get(coverage, 0x534F), PANGO_COVERAGE_EXACT);  // 协
  g_object_unref(coverage);
  pango_font_description_free(found);
  g_object_unref(font);
  pango_font_description_free(desc);
  g_object_unref(context);
}

}  // namespace
}  // namespace xiezuo::io
