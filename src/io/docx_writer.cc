// The .docx writer: WordprocessingML parts as text, zipped in memory with libzip.
#include "io/docx_writer.h"

#include <zip.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <utility>

#include "core/text.h"

namespace xiezuo::io {
namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr int64_t kEmuPerCm = 360000;

// Text as XML character data: escaped, and without the characters XML 1.0 cannot hold (the
// control characters but tab and line breaks, and U+FFFE and U+FFFF).
std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\xEF' && i + 2 < text.size() && text[i + 1] == '\xBF' &&
        (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      i += 2;  // U+FFFE or U+FFFF
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
          out += c;
        }
    }
  }
  return out;
}

// One run; "\n" becomes a line break and "\t" a tab.
std::string RunXml(const DocxRun& run) {
  std::string out = "<w:r>";
  if (run.bold) out += "<w:rPr><w:b/><w:bCs/></w:rPr>";
  std::string piece;
  auto flush = [&] {
    if (!piece.empty()) out += "<w:t xml:space=\"preserve\">" + Escape(piece) + "</w:t>";
    piece.clear();
  };
  for (char c : run.text) {
    if (c == '\n') {
      flush();
      out += "<w:br/>";
    } else if (c == '\t') {
      flush();
      out += "<w:tab/>";
    } else if (c != '\r') {
      piece += c;
    }
  }
  flush();
  return out + "</w:r>";
}

const char* StyleId(DocxStyle s) {
  switch (s) {
    case DocxStyle::kTitle:
      return "Title";
    case DocxStyle::kHeading1:
      return "Heading1";
    case DocxStyle::kHeading2:
      return "Heading2";
    case DocxStyle::kBody:
      return "BodyText";
    case DocxStyle::kPlain:
      return "Normal";
    case DocxStyle::kCaption:
      return "Caption";
  }
  return "Normal";
}

std::string ParagraphXml(const DocxParagraph& p) {
  std::string out = "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(StyleId(p.style)) + "\"/>";
  if (p.center) out += "<w:jc w:val=\"center\"/>";
  if (p.right) out += "<w:jc w:val=\"right\"/>";
  out += "</w:pPr>";
  for (const DocxRun& r : p.runs) out += RunXml(r);
  return out + "</w:p>";
}

std::string CellXml(const std::string& text, bool header, bool bold, bool right, int width) {
  std::string out = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + R"(" w:type="dxa"/>)";
  if (header) out += R"(<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>)";
  out += R"(<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>)";
  if (header) {
    out += "<w:jc w:val=\"center\"/>";
  } else if (right) {
    out += "<w:jc w:val=\"right\"/>";
  }
  out += "</w:pPr>" + RunXml({text, header || bold}) + "</w:p></w:tc>";
  return out;
}

// The text width of the page in twentieths of a point (A4 less the margins below).
constexpr int kTextWidth = 11906 - 1588 - 1474;

std::string TableXml(const DocxTable& t) {
  const size_t columns = t.header.size();
  const int width = columns == 0 ? kTextWidth : kTextWidth / static_cast<int>(columns);
  std::string out =
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
      "<w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    out += std::string("<w:") + side + R"( w:val="single" w:sz="4" w:space="0" w:color="000000"/>)";
  }
  out += "</w:tblBorders><w:tblLayout w:type=\"autofit\"/></w:tblPr><w:tblGrid>";
  for (size_t c = 0; c < columns; ++c) out += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
  out += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>";
  for (const std::string& h : t.header) out += CellXml(h, true, true, false, width);
  out += "</w:tr>";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const bool total = t.total_row && r + 1 == t.rows.size();
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t c = 0; c < columns; ++c) {
      const std::string text = c < t.rows[r].size() ? t.rows[r][c] : "";
      const bool right = c < t.right_aligned.size() && t.right_aligned[c];
      out += CellXml(text, false, total, right, width);
    }
    out += "</w:tr>";
  }
  return out + "</w:tbl>";
}

// The pixel size of a PNG from its IHDR chunk, or {0, 0} when the bytes are not a PNG.
std::pair<uint32_t, uint32_t> PngSize(const std::string& png) {
  static const std::string kSignature("\x89PNG\r\n\x1a\n", 8);
  if (png.size() < 24 || png.compare(0, 8, kSignature) != 0 || png.compare(12, 4, "IHDR") != 0) {
    return {0, 0};
  }
  auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

std::string ImageXml(const DocxImage& image, int number, const std::string& rel_id) {
  const auto [px_w, px_h] = PngSize(image.png);
  const auto cx = static_cast<int64_t>(std::llround(image.width_cm * kEmuPerCm));
  const auto cy = static_cast<int64_t>(std::llround(static_cast<double>(cx) * px_h / px_w));
  const std::string id = std::to_string(number);
  const std::string extent = "cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"";
  const std::string name = "Picture " + id;
  // Single line spacing: the body's exact line height would clip the picture to one line.
  return "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/><w:spacing w:before=\"120\" w:line=\"240\" "
         "w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc "
         "w:val=\"center\"/></w:pPr><w:r>"
         "<w:drawing>"
         "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent " +
         extent + "/><wp:docPr id=\"" + id + "\" name=\"" + name + "\" descr=\"" +
         Escape(image.description) +
         "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
         "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
         "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
         "<pic:nvPicPr><pic:cNvPr id=\"" +
         id + "\" name=\"" + name +
         "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"" + rel_id +
         "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
         "<a:off x=\"0\" y=\"0\"/><a:ext " +
         extent +
         "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
         "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

constexpr const char* kPackageRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

constexpr const char* kApp =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Properties "
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>xiezuo</Application></Properties>";

// A run style: East Asian and Latin fonts, size in half-points, bold.
std::string Fonts(const char* east_asian, int half_points, bool bold = false) {
  return std::string(
             "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
             "w:eastAsia=\"") +
         east_asian + R"(" w:cs="Times New Roman"/>)" + (bold ? "<w:b/><w:bCs/>" : "") +
         "<w:sz w:val=\"" + std::to_string(half_points) + "\"/><w:szCs w:val=\"" +
         std::to_string(half_points) + "\"/></w:rPr>";
}

std::string ParagraphStyle(const char* id, const char* name, const std::string& ppr,
                           const std::string& rpr, bool heading_level = false, int level = 0) {
  std::string out = std::string(R"(<w:style w:type="paragraph" w:styleId=")") + id +
                    "\"><w:name w:val=\"" + name +
                    "\"/><w:basedOn w:val=\"Normal\"/>"
                    "<w:qFormat/><w:pPr>" +
                    ppr;
  if (heading_level) out += "<w:outlineLvl w:val=\"" + std::to_string(level) + "\"/>";
  return out + "</w:pPr>" + rpr + "</w:style>";
}

// 三号 (16 pt) 仿宋 body, 二号 (22 pt) 小标宋 title, 黑体 and 楷体 headings, 28.95 pt lines.
std::string StylesXml() {
  const std::string spacing = R"(<w:spacing w:line="579" w:lineRule="exact"/>)";
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"" +
      std::string(kW) + "\"><w:docDefaults><w:rPrDefault>" + Fonts("仿宋_GB2312", 32) +
      "</w:rPrDefault><w:pPrDefault><w:pPr>" + spacing +
      "</w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>";
  out += ParagraphStyle("Title", "Title",
                        "<w:jc w:val=\"center\"/><w:spacing w:before=\"240\" w:after=\"480\" "
                        "w:line=\"700\" w:lineRule=\"exact\"/>",
                        Fonts("方正小标宋简体", 44));
  // Two characters of 16 pt in from the left on the first line.
  const std::string indent = R"(<w:ind w:firstLineChars="200" w:firstLine="640"/>)";
  out +=
      ParagraphStyle("Heading1", "heading 1", "<w:keepNext/>" + indent, Fonts("黑体", 32), true, 0);
  out += ParagraphStyle("Heading2", "heading 2", "<w:keepNext/>" + indent, Fonts("楷体_GB2312", 32),
                        true, 1);
  out += ParagraphStyle("BodyText", "Body Text", indent, Fonts("仿宋_GB2312", 32));
  out += ParagraphStyle("Caption", "caption",
                        "<w:jc w:val=\"center\"/><w:spacing w:before=\"60\" w:after=\"240\" "
                        "w:line=\"360\" w:lineRule=\"auto\"/>",
                        Fonts("黑体", 24));
  out += ParagraphStyle("TableText", "Table Text",
                        "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"300\" "
                        "w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
                        Fonts("仿宋_GB2312", 21));
  out +=
      "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
      "<w:tblPr><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" "
      "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>";
  return out;
}

std::string CoreXml(const DocxDocument& doc) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<cp:coreProperties "
         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         Escape(doc.title) + "</dc:title><dc:creator>" + Escape(doc.author) +
         "</dc:creator></cp:coreProperties>";
}

// Every text of the document, for the UTF-8 check.
Status CheckText(const DocxDocument& doc) {
  auto check = [](std::string_view text, const std::string& where) -> Status {
    if (!IsValidUtf8(text))
      return InvalidArgument(where + " is not UTF-8 text", {{where, "not UTF-8"}});
    return Status::Ok();
  };
  RETURN_IF_ERROR(check(doc.title, "title"));
  RETURN_IF_ERROR(check(doc.author, "author"));
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    const std::string where = "blocks[" + std::to_string(b) + "]";
    if (const auto* p = std::get_if<DocxParagraph>(&doc.blocks[b])) {
      for (const DocxRun& r : p->runs) RETURN_IF_ERROR(check(r.text, where));
    } else if (const auto* t = std::get_if<DocxTable>(&doc.blocks[b])) {
      for (const std::string& h : t->header) RETURN_IF_ERROR(check(h, where));
      for (const auto& row : t->rows) {
        if (row.size() > t->header.size()) {
          return InvalidArgument(where + ": a row has more cells than the header",
                                 {{where, "row wider than the header"}});
        }
        for (const std::string& c : row) RETURN_IF_ERROR(check(c, where));
      }
    } else if (const auto* i = std::get_if<DocxImage>(&doc.blocks[b])) {
      const auto [w, h] = PngSize(i->png);
      if (w == 0 || h == 0) {
        return InvalidArgument(where + ": the image is not a PNG", {{where, "not a PNG image"}});
      }
      if (!(i->width_cm > 0 && i->width_cm <= 30)) {
        return InvalidArgument(where + ": the image width must be 0–30 cm", {{where, "width"}});
      }
      RETURN_IF_ERROR(check(i->description, where));
    }
  }
  return Status::Ok();
}

// Zips `parts` (name, bytes) in order into memory.
Result<std::string> Zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Internal("libzip: " + why);
  }
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (zip == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(buffer);
    return Internal("libzip: " + why);
  }
  zip_error_fini(&error);
  zip_source_keep(buffer);  // it outlives the archive: the bytes are read from it after close
  std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> keep(buffer, zip_source_free);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* part = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    if (part == nullptr || zip_file_add(zip, name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) {
      if (part != nullptr) zip_source_free(part);
      std::string why = zip_strerror(zip);
      zip_discard(zip);
      return Internal("libzip: cannot add " + name + ": " + why);
    }
  }
  if (zip_close(zip) != 0) {
    std::string why = zip_strerror(zip);
    zip_discard(zip);
    return Internal("libzip: " + why);
  }
  if (zip_source_open(buffer) != 0) return Internal("libzip: cannot read the archive back");
  std::string out;
  char chunk[1 << 16];
  while (true) {
    zip_int64_t n = zip_source_read(buffer, chunk, sizeof chunk);
    if (n < 0) {
      zip_source_close(buffer);
      return Internal("libzip: cannot read the archive back");
    }
    if (n == 0) break;
    out.append(chunk, static_cast<size_t>(n));
  }
  zip_source_close(buffer);
  return out;
}

}  // namespace

DocxParagraph DocxText(DocxStyle style, std::string text) {
  DocxParagraph p;
  p.style = style;
  p.runs.push_back({std::move(text), false});
  return p;
}

Result<std::string> WriteDocx(const DocxDocument& doc) {
  RETURN_IF_ERROR(CheckText(doc));
  std::vector<std::pair<std::string, std::string>> parts;
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rIdStyles\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/>";
  std::string body;
  int images = 0;
  std::vector<std::pair<std::string, std::string>> media;
  for (const DocxBlock& block : doc.blocks) {
    if (const auto* p = std::get_if<DocxParagraph>(&block)) {
      body += ParagraphXml(*p);
    } else if (const auto* t = std::get_if<DocxTable>(&block)) {
      body += TableXml(*t);
      body += "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/></w:pPr></w:p>";  // space below
    } else if (const auto* i = std::get_if<DocxImage>(&block)) {
      ++images;
      const std::string rel_id = "rIdImage" + std::to_string(images);
      const std::string file = "media/image" + std::to_string(images) + ".png";
      rels += "<Relationship Id=\"" + rel_id +
              "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
              "image\" Target=\"" +
              file + "\"/>";
      body += ImageXml(*i, images, rel_id);
      media.emplace_back("word/" + file, i->png);
    }
  }
  rels += "</Relationships>";
  // A4, margins of GB/T 9704 (top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm).
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"" +
      std::string(kW) + "\" xmlns:r=\"" + kR +
      "\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>" +
      body +
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" "
      "w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
      "</w:sectPr></w:body></w:document>";
  parts.emplace_back("[Content_Types].xml", kContentTypes);
  parts.emplace_back("_rels/.rels", kPackageRels);
  parts.emplace_back("docProps/core.xml", CoreXml(doc));
  parts.emplace_back("docProps/app.xml", kApp);
  parts.emplace_back("word/document.xml", document);
  parts.emplace_back("word/styles.xml", StylesXml());
  parts.emplace_back("word/_rels/document.xml.rels", rels);
  for (auto& m : media) parts.push_back(std::move(m));
  return Zip(parts);
}

}  // namespace xiezuo::io
