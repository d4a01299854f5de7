// HttpRequest's accessors and the percent-decoding of request targets (RFC 3986), which the
// server uses to fill HttpRequest::path and HttpRequest::query.
#include "api/http/http.h"

#include <string_view>

#include <nlohmann/json.hpp>

namespace xiezuo::api {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends the percent-decoded `in` to `out`; '+' becomes a space when `plus_is_space`.
// Returns false on a malformed escape ("%", "%4", "%zz") or a decoded NUL byte.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out) {
  out->reserve(out->size() + in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return false;
      out->push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

namespace internal {

bool DecodePath(std::string_view raw, std::string* out) {
  out->clear();
  return PercentDecode(raw, /*plus_is_space=*/false, out);
}

bool DecodeQuery(std::string_view raw, std::multimap<std::string, std::string>* out) {
  out->clear();
  while (!raw.empty()) {
    const size_t amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string name;
    std::string value;
    if (!PercentDecode(pair.substr(0, eq), /*plus_is_space=*/true, &name)) return false;
    if (eq != std::string_view::npos &&
        !PercentDecode(pair.substr(eq + 1), /*plus_is_space=*/true, &value)) {
      return false;
    }
    out->emplace(std::move(name), std::move(value));
  }
  return true;
}

}  // namespace internal

const std::string& HttpRequest::Header(const std::string& name) const {
  static const std::string kEmpty;
  const auto it = headers.find(name);
  return it == headers.end() ? kEmpty : it->second;
}

std::string HttpRequest::Query(const std::string& name) const {
  // Equal keys keep their insertion order, so lower_bound is the first one sent.
  const auto it = query.lower_bound(name);
  if (it == query.end() || it->first != name) return "";
  return it->second;
}

std::string HttpRequest::Cookie(const std::string& name) const {
  // RFC 6265: "a=b; c=d". Values may be double-quoted; they are not percent-decoded.
  std::string_view rest = Header("cookie");
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    const std::string_view pair = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return "";
}

HttpResponse JsonError(int status, std::string_view code, std::string_view message,
                       const std::vector<FieldError>& details) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : details) list.push_back({{"field", d.field}, {"reason", d.reason}});
  HttpResponse response;
  response.status = status;
  response.body =
      nlohmann::json{{"error", {{"code", code}, {"message", message}, {"details", list}}}}.dump();
  return response;
}

}  // namespace xiezuo::api
