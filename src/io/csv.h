// A CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF) for imports: the region
// tree now, Excel-saved uploads later.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace xiezuo::io {

// Reads records one at a time from text held in memory. Not thread-safe.
class CsvReader {
 public:
  // REQUIRES: `text` outlives the reader. A leading UTF-8 BOM is skipped.
  explicit CsvReader(std::string_view text);

  // Fills `fields` with the next record and returns true, or returns false at the end.
  // Errors: kInvalidArgument naming the line for an unterminated quote or text after a
  // closing quote.
  Result<bool> Next(std::vector<std::string>& fields);

  // The 1-based line on which the last record returned started.
  int line() const { return record_line_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
};

// Reads a whole file. Errors: kNotFound / kUnavailable naming the path.
Result<std::string> ReadFile(const std::string& path);

}  // namespace xiezuo::io
