// Bar charts as PNG: cairo draws into an image surface, Pango lays out the labels.
#include "io/chart_png.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <cairo.h>
#include <pango/pangocairo.h>

namespace xiezuo::io {
namespace {

constexpr const char* kFonts = "WenQuanYi Micro Hei, Noto Sans CJK SC, Noto Sans CJK, sans-serif";
constexpr double kText = 0x30 / 255.0;  // dark grey text
constexpr double kMuted = 0x90 / 255.0;

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct LayoutFree {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

void SetColor(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                       (rgb & 0xff) / 255.0);
}

enum class Align { kLeft, kCenter, kRight };

// A layout of `text` in the chart's font at `size` pixels.
std::unique_ptr<PangoLayout, LayoutFree> MakeLayout(cairo_t* cr, const std::string& text,
                                                    double size) {
  std::unique_ptr<PangoLayout, LayoutFree> layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontFree> font(pango_font_description_from_string(kFonts));
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

double TextWidth(cairo_t* cr, const std::string& text, double size) {
  int w = 0;
  int h = 0;
  pango_layout_get_pixel_size(MakeLayout(cr, text, size).get(), &w, &h);
  return w;
}

// Draws `text` with its top at `y`, anchored at `x` by `align`, wrapped at `max_width` pixels
// (0: no wrapping) to at most two lines; returns its height.
double DrawText(cairo_t* cr, const std::string& text, double x, double y, double size, Align align,
                double max_width, double grey) {
  std::unique_ptr<PangoLayout, LayoutFree> layout = MakeLayout(cr, text, size);
  if (max_width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(max_width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_height(layout.get(), -2);  // at most two lines, then an ellipsis
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(layout.get(), align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                             : align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                      : PANGO_ALIGN_LEFT);
  }
  int w = 0;
  int h = 0;
  pango_layout_get_pixel_size(layout.get(), &w, &h);
  double left = x;
  const double box = max_width > 0 ? max_width : w;
  if (align == Align::kCenter) left = x - box / 2;
  if (align == Align::kRight) left = x - box;
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_move_to(cr, left, y);
  pango_cairo_show_layout(cr, layout.get());
  return h;
}

// A step of 1, 2 or 5 × 10^k that cuts `range` into about five parts.
double NiceStep(double range) {
  const double rough = range / 5;
  const double power = std::pow(10, std::floor(std::log10(rough)));
  const double f = rough / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

// A tick value as text: thousands separated, at most two decimals, no trailing zeros.
std::string TickText(double v) {
  const bool negative = v < 0;
  const auto hundredths = static_cast<int64_t>(std::llround(std::fabs(v) * 100));
  const std::string digits = std::to_string(hundredths / 100);
  // Built by appends: g++ 12 -O3 warns (-Wrestrict) on string inserts and "-" + std::string.
  std::string out;
  if (negative && hundredths != 0) out += '-';
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  if (const int64_t rest = hundredths % 100; rest != 0) {
    out += '.';
    out += static_cast<char>('0' + rest / 10);
    if (rest % 10 != 0) out += static_cast<char>('0' + rest % 10);
  }
  return out;
}

Status CheckChart(const BarChart& chart) {
  if (chart.categories.empty()) return InvalidArgument("a chart needs at least one category");
  if (chart.series.empty()) return InvalidArgument("a chart needs at least one series");
  for (const ChartSeries& s : chart.series) {
    if (s.values.size() != chart.categories.size() || s.labels.size() != s.values.size()) {
      return InvalidArgument("series \"" + s.name + "\" has " + std::to_string(s.values.size()) +
                             " values and " + std::to_string(s.labels.size()) + " labels for " +
                             std::to_string(chart.categories.size()) + " categories");
    }
  }
  if (chart.width < 200 || chart.width > 4000 || chart.height < 200 || chart.height > 4000) {
    return InvalidArgument("a chart is 200 to 4000 pixels wide and high, not " +
                           std::to_string(chart.width) + "×" + std::to_string(chart.height));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderBarChartPng(const BarChart& chart) {
  RETURN_IF_ERROR(CheckChart(chart));
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, chart.width, chart.height));
  std::unique_ptr<cairo_t, ContextFree> context(cairo_create(surface.get()));
  cairo_t* cr = context.get();
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    return Internal(std::string("cairo: ") + cairo_status_to_string(cairo_status(cr)));
  }
  const double w = chart.width;
  const double h = chart.height;
  const double font = h / 25;  // 36 px on a 900 px chart: about 10 pt at 15 cm wide
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);

  // The value axis: from the lowest to the highest of zero, the values and the reference.
  double low = 0;
  double high = 0;
  for (const ChartSeries& s : chart.series) {
    for (const std::optional<double>& v : s.values) {
      if (v && std::isfinite(*v)) {
        low = std::min(low, *v);
        high = std::max(high, *v);
      }
    }
  }
  if (chart.reference) {
    low = std::min(low, *chart.reference);
    high = std::max(high, *chart.reference);
  }
  if (high - low <= 0) high = low + 1;
  const double step = NiceStep(high - low);
  low = std::floor(low / step) * step;
  high = std::ceil(high / step * 1.08) * step;  // room above the highest bar for its label

  const double left = font * 5;
  const double right = w - font * 1.5;
  const double top = font * 3.2;
  const double bottom = h - font * 3.6;
  auto y_of = [&](double v) { return bottom - (v - low) / (high - low) * (bottom - top); };

  // Unit, legend, grid and ticks.
  DrawText(cr, chart.unit, left - font * 4.5, font * 0.6, font * 0.9, Align::kLeft, 0, kMuted);
  double legend_x = right;
  if (chart.series.size() > 1) {
    for (size_t k = chart.series.size(); k-- > 0;) {  // right to left
      const ChartSeries& s = chart.series[k];
      legend_x -= TextWidth(cr, s.name, font * 0.9);
      DrawText(cr, s.name, legend_x, font * 0.6, font * 0.9, Align::kLeft, 0, kText);
      legend_x -= font * 1.3;
      SetColor(cr, s.color);
      cairo_rectangle(cr, legend_x, font * 0.75, font * 0.9, font * 0.9);
      cairo_fill(cr);
      legend_x -= font * 1.2;
    }
  }
  cairo_set_line_width(cr, 1);
  for (double v = low; v <= high + step / 2; v += step) {
    const double y = std::round(y_of(v)) + 0.5;
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_move_to(cr, left, y);
    cairo_line_to(cr, right, y);
    cairo_stroke(cr);
    DrawText(cr, TickText(v), left - font * 0.4, y - font * 0.7, font * 0.8, Align::kRight,
             font * 4.4, kMuted);
  }

  // Bars, grouped by category, each with its label; a missing value gets only its label.
  const size_t groups = chart.categories.size();
  const size_t per_group = chart.series.size();
  const double group_w = (right - left) / static_cast<double>(groups);
  const double bar_w = std::min(group_w * 0.7 / static_cast<double>(per_group), font * 4);
  const double zero = y_of(0);
  for (size_t g = 0; g < groups; ++g) {
    const double centre = left + group_w * (static_cast<double>(g) + 0.5);
    const double first = centre - bar_w * static_cast<double>(per_group) / 2;
    for (size_t k = 0; k < per_group; ++k) {
      const ChartSeries& s = chart.series[k];
      const double x = first + bar_w * static_cast<double>(k);
      const std::optional<double>& v = s.values[g];
      double label_y = zero - font * 1.3;
      if (v && std::isfinite(*v)) {
        const double y = y_of(*v);
        SetColor(cr, s.color);
        cairo_rectangle(cr, x + bar_w * 0.08, std::min(y, zero), bar_w * 0.84, std::fabs(zero - y));
        cairo_fill(cr);
        label_y = *v >= 0 ? y - font * 1.2 : y + font * 0.2;
      }
      DrawText(cr, s.labels[g], x + bar_w / 2, label_y, font * 0.75, Align::kCenter,
               std::max(bar_w, font * 3), kText);
    }
    DrawText(cr, chart.categories[g], centre, bottom + font * 0.5, font * 0.85, Align::kCenter,
             group_w * 0.95, kText);
  }
  // The zero line, then the reference line over the bars.
  cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
  cairo_move_to(cr, left, std::round(zero) + 0.5);
  cairo_line_to(cr, right, std::round(zero) + 0.5);
  cairo_stroke(cr);
  if (chart.reference) {
    const double y = std::round(y_of(*chart.reference)) + 0.5;
    const double dash[] = {font * 0.5, font * 0.3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 2);
    SetColor(cr, 0xf56c6c);
    cairo_move_to(cr, left, y);
    cairo_line_to(cr, right, y);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    DrawText(cr, chart.reference_label, right, y - font * 1.1, font * 0.8, Align::kRight, 0,
             kMuted);
  }

  cairo_surface_flush(surface.get());
  std::string png;
  const cairo_status_t written = cairo_surface_write_to_png_stream(
      surface.get(),
      [](void* out, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  if (written != CAIRO_STATUS_SUCCESS) {
    return Internal(std::string("cairo could not write the PNG: ") +
                    cairo_status_to_string(written));
  }
  return png;
}

}  // namespace xiezuo::io

// LeakSanitizer (the sanitizer build of `make test`) reads its suppressions from here in every
// program that draws charts: fontconfig keeps its configuration and font caches for the life of
// the process once Pango has asked it for a font; they are not leaked per call.
extern "C" const char* __lsan_default_suppressions() {  // NOLINT: the sanitizer's hook name
  return "leak:libfontconfig.so\n";
}
