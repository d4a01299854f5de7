// Writes .docx documents (Office Open XML WordprocessingML, a zip of XML parts written with
// libzip): a title, headings, paragraphs of runs, tables with a repeated header row, and PNG
// images — what a report needs — laid out as Chinese official documents are (A4, 仿宋 body
// with a two-character first-line indent, 黑体 and 楷体 headings, a 小标宋 title).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/status.h"

namespace xiezuo::io {

// A piece of text with one look. A "\n" in `text` is a line break.
struct DocxRun {
  std::string text;
  bool bold = false;
};

enum class DocxStyle {
  kTitle,     // the document's title: centred, large
  kHeading1,  // 一、…
  kHeading2,  // （一）…
  kBody,      // first line indented by two characters
  kPlain,     // no indent (a date, a signature, a note)
  kCaption,   // under a table or a chart, centred, small
};

struct DocxParagraph {
  DocxStyle style = DocxStyle::kBody;
  std::vector<DocxRun> runs;
  bool center = false;
  bool right = false;  // a signature or date line
};

// A table: a bold, shaded header row repeated on each page, then the rows; `right_aligned`
// marks the columns of numbers (may be shorter than the header); a `total_row` is bold.
struct DocxTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_aligned;
  bool total_row = false;  // the last row is a total
};

// A PNG image at `width_cm` wide (its height follows its pixel size), centred.
struct DocxImage {
  std::string png;  // the file's bytes
  double width_cm = 15;
  std::string description;  // alternative text
};

using DocxBlock = std::variant<DocxParagraph, DocxTable, DocxImage>;

struct DocxDocument {
  std::string title;   // document properties (the first paragraph is the visible title)
  std::string author;  // document properties
  std::vector<DocxBlock> blocks;
};

// Convenience constructors.
DocxParagraph DocxText(DocxStyle style, std::string text);

// Writes `doc` and returns the file's bytes. Text is escaped; characters XML cannot hold
// (control characters other than tab and line breaks) are dropped.
// Errors: kInvalidArgument for an image that is not a PNG (naming the block), text that is not
// UTF-8, or a table row wider than its header; kInternal for a libzip failure.
// Thread-safe: calls share nothing.
Result<std::string> WriteDocx(const DocxDocument& doc);

}  // namespace xiezuo::io
