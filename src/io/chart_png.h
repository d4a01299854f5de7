// Bar charts drawn as PNG images on the server, for documents that cannot run the web's ECharts
// (the annual summary's .docx). Cairo draws and Pango lays out the text, so Chinese labels come
// out in a CJK font (WenQuanYi Micro Hei or Noto Sans CJK, whichever fontconfig finds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace xiezuo::io {

// One series of bars: a value per category (nullopt: no bar, the label says it is missing), the
// text shown above each bar, and a colour as 0xRRGGBB.
struct ChartSeries {
  std::string name;
  uint32_t color = 0x409eff;
  std::vector<std::optional<double>> values;
  std::vector<std::string> labels;  // as many as values; "" for none
};

// Vertical bars grouped by category, a legend when there is more than one series, the unit
// above the value axis, and an optional dashed reference line (100 % of a target).
struct BarChart {
  std::string unit;                     // "单位：万元"
  std::vector<std::string> categories;  // wrapped under their group when long
  std::vector<ChartSeries> series;
  std::optional<double> reference;
  std::string reference_label;  // "目标"
  int width = 1600;             // pixels
  int height = 900;
};

// The PNG's bytes. Values may be negative (bars go down from the zero line). Errors:
// kInvalidArgument naming what is wrong (no categories, a series whose values or labels do not
// match them, a size outside 200–4000 pixels); kInternal when cairo fails.
// Thread-safe: calls share nothing.
Result<std::string> RenderBarChartPng(const BarChart& chart);

}  // namespace xiezuo::io
