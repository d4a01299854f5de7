// UTF-8 checks, GB18030 conversion through glibc iconv, and masking.
#include "core/text.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace xiezuo {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The length of the valid UTF-8 sequence at `text[pos]`, or 0 when it is not valid.
size_t Utf8SequenceLength(std::string_view text, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;  // the allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // a continuation byte, C0/C1 (overlong) or F5..FF
  }
  if (pos + len > text.size()) return 0;
  if (byte(pos + 1) < lo || byte(pos + 1) > hi) return 0;
  for (size_t i = 2; i < len; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
  }
  return len;
}

// Closes an iconv descriptor when it goes out of scope.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;

  // iconv_open reports failure as (iconv_t)-1.
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // Converts all of `in`. On failure returns false and sets `bad_offset` to the offset in
  // `in` where conversion stopped.
  bool Convert(std::string_view in, std::string& out, size_t& bad_offset) {
    out.clear();
    out.reserve(in.size() + in.size() / 2);
    // iconv's interface takes char** although it does not write the input.
    char* in_ptr = const_cast<char*>(in.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    size_t in_left = in.size();
    char buf[16384];
    while (in_left > 0) {
      char* out_ptr = buf;
      size_t out_left = sizeof(buf);
      size_t rc = iconv(cd_, &in_ptr, &in_left, &out_ptr, &out_left);
      out.append(buf, out_ptr - buf);
      if (rc == static_cast<size_t>(-1) && errno != E2BIG) {
        bad_offset = in.size() - in_left;  // EILSEQ, or EINVAL for a truncated sequence
        return false;
      }
    }
    char* out_ptr = buf;
    size_t out_left = sizeof(buf);
    iconv(cd_, nullptr, nullptr, &out_ptr, &out_left);  // flush any shift state
    out.append(buf, out_ptr - buf);
    return true;
  }

 private:
  iconv_t cd_;
};

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string ByteHex(unsigned char b) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 0xF];
}

}  // namespace

size_t FirstInvalidUtf8Offset(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t len = Utf8SequenceLength(text, pos);
    if (len == 0) return pos;
    pos += len;
  }
  return text.size();
}

bool IsValidUtf8(std::string_view text) { return FirstInvalidUtf8Offset(text) == text.size(); }

std::string_view EncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kUtf8Bom:
      return "utf-8-bom";
    case TextEncoding::kGb18030:
      return "gbk";
  }
  return "unknown";
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) {
    std::string_view rest = bytes.substr(kUtf8Bom.size());
    size_t bad = FirstInvalidUtf8Offset(rest);
    if (bad != rest.size()) {
      size_t offset = bad + kUtf8Bom.size();
      return InvalidArgument("the file starts as UTF-8 but byte " + std::to_string(offset) + " (" +
                             ByteHex(static_cast<unsigned char>(bytes[offset])) +
                             ") is not valid UTF-8");
    }
    return DecodedText{std::string(rest), TextEncoding::kUtf8Bom};
  }
  size_t utf8_bad = FirstInvalidUtf8Offset(bytes);
  if (utf8_bad == bytes.size()) return DecodedText{std::string(bytes), TextEncoding::kUtf8};

  Iconv cd("UTF-8", "GB18030");
  if (!cd.ok()) return Internal(std::string("iconv cannot open GB18030: ") + std::strerror(errno));
  DecodedText out{.encoding = TextEncoding::kGb18030};
  size_t gb_bad = 0;
  if (cd.Convert(bytes, out.utf8, gb_bad)) return out;
  size_t offset = std::max(utf8_bad, gb_bad);
  std::string byte_text =
      offset < bytes.size() ? ByteHex(static_cast<unsigned char>(bytes[offset])) : "end of file";
  return InvalidArgument(
      "the file is neither UTF-8 nor GBK text: the first bad byte is at offset " +
      std::to_string(offset) + " (" + byte_text + ")");
}

Result<std::string> Utf8ToGb18030(std::string_view utf8) {
  size_t bad = FirstInvalidUtf8Offset(utf8);
  if (bad != utf8.size()) {
    return InvalidArgument("text is not valid UTF-8 at byte " + std::to_string(bad));
  }
  Iconv cd("GB18030", "UTF-8");
  if (!cd.ok()) return Internal(std::string("iconv cannot open GB18030: ") + std::strerror(errno));
  std::string out;
  if (!cd.Convert(utf8, out, bad)) {
    return Internal("iconv cannot convert to GB18030 at byte " + std::to_string(bad));
  }
  return out;
}

size_t Utf8Length(std::string_view utf8) {
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string MaskPersonal(std::string_view utf8) {
  if (utf8.empty()) return {};
  if (utf8.size() >= 7 && std::all_of(utf8.begin(), utf8.end(), IsAsciiAlnum)) {
    size_t head = utf8.size() >= 11 ? 3 : 2;
    size_t tail = utf8.size() >= 11 ? 4 : 2;
    std::string out(utf8.substr(0, head));
    out.append(utf8.size() - head - tail, '*');
    out.append(utf8.substr(utf8.size() - tail));
    return out;
  }
  size_t first = 1;
  while (first < utf8.size() && (static_cast<unsigned char>(utf8[first]) & 0xC0) == 0x80) ++first;
  std::string out(utf8.substr(0, first));
  out.append(Utf8Length(utf8.substr(first)), '*');
  return out;
}

}  // namespace xiezuo
