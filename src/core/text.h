// Text encodings of uploaded files (Excel in China saves CSV as GBK), UTF-8 checks and the
// masking of personal values for display.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace xiezuo {

// True when `text` is well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF),
// nothing above U+10FFFF, no truncated sequences.
bool IsValidUtf8(std::string_view text);

// The byte offset of the first byte that breaks UTF-8, or text.size() when it is valid.
size_t FirstInvalidUtf8Offset(std::string_view text);

// The encoding a file arrived in.
enum class TextEncoding {
  kUtf8,
  kUtf8Bom,  // UTF-8 with a leading byte order mark, as Excel's "CSV UTF-8" writes it
  kGb18030,  // GBK or its superset GB18030, as Excel in a Chinese locale writes CSV
};

// "utf-8", "utf-8-bom" or "gbk": stable names for logs and API responses.
std::string_view EncodingName(TextEncoding encoding);

// Text converted to UTF-8 and the encoding it was found in.
struct DecodedText {
  std::string utf8;
  TextEncoding encoding = TextEncoding::kUtf8;
};

// Converts the bytes of an uploaded text file to UTF-8: a UTF-8 BOM is stripped
// (kUtf8Bom); valid UTF-8 is kept (kUtf8); anything else is decoded as GB18030 (kGb18030).
// Short GBK text can happen to be valid UTF-8 too; UTF-8 wins then.
// Errors: kInvalidArgument saying the file is neither UTF-8 nor GBK, with the byte offset of
// the first bad byte under whichever of the two encodings reads further.
Result<DecodedText> DecodeToUtf8(std::string_view bytes);

// Converts UTF-8 to GB18030. Characters inside GBK come out as GBK bytes; the others as
// GB18030 four-byte sequences, which programs that only know GBK (CP936) cannot show.
// Errors: kInvalidArgument naming the offset when `utf8` is not valid UTF-8.
Result<std::string> Utf8ToGb18030(std::string_view utf8);

// The number of code points in `utf8`. REQUIRES: IsValidUtf8(utf8) (otherwise it counts
// the bytes that do not continue a sequence).
size_t Utf8Length(std::string_view utf8);

// Masks a personal value for display. An ID, phone or card number (all ASCII letters and
// digits, 11 or more of them) keeps its first 3 and last 4 characters: "138****5678". Shorter
// such values of 7 to 10 characters keep 2 and 2, so that at least 3 are hidden. Anything
// else keeps its first code point: "张**". Every hidden code point becomes one '*'. Empty
// stays empty. REQUIRES: IsValidUtf8(utf8).
std::string MaskPersonal(std::string_view utf8);

}  // namespace xiezuo
