// The HTTP types the application sees, free of Beast: the server turns each Beast request
// into an HttpRequest, asks the application for an HttpResponse, and writes it back.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace xiezuo::api {

// Header names are stored lower-case.
struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string target;  // as sent: "/api/v1/regions?q=丹凤"
  std::string path;    // percent-decoded path without the query: "/api/v1/regions"
  std::multimap<std::string, std::string> query;  // percent-decoded query parameters
  std::map<std::string, std::string> headers;     // lower-case names
  std::string body;
  std::string remote_addr;  // "127.0.0.1"

  // The header's value or "" (REQUIRES: `name` lower-case).
  const std::string& Header(const std::string& name) const;
  // The first value of a query parameter, or "".
  std::string Query(const std::string& name) const;
  // The value of one cookie from the Cookie header, or "".
  std::string Cookie(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Set-Cookie
  std::string body;
  // The route pattern that handled it, for metrics: "/api/v1/regions/{code}". Empty means
  // "unmatched".
  std::string route;
};

// The project's one error shape, {"error":{"code":…,"message":…,"details":[{"field","reason"}]}},
// used by the server for its own errors and by the API's Status mapping.
HttpResponse JsonError(int status, std::string_view code, std::string_view message,
                       const std::vector<FieldError>& details = {});

namespace internal {
// Percent-decode a request path (false on a malformed escape or a NUL) and a query string
// ('+' as space; false on a malformed escape). For the server.
bool DecodePath(std::string_view raw, std::string* out);
bool DecodeQuery(std::string_view raw, std::multimap<std::string, std::string>* out);
}  // namespace internal

// The application: called on the server's worker threads, concurrently. Must not throw.
using Application = std::function<HttpResponse(const HttpRequest&)>;

}  // namespace xiezuo::api
