// Serving the built web UI (Vite's web/dist) from a directory: safe path mapping, content
// types, cache headers, ETags, and the single-page app's fallback to index.html.
#pragma once

#include <filesystem>
#include <string>

#include "api/http/http.h"
#include "core/status.h"

namespace xiezuo::api {

// Maps request paths to files under one root directory. Thread-safe: immutable after
// construction; every call reads the file system afresh (a rebuilt UI shows without restart).
class StaticFiles {
 public:
  // `root` may be empty or missing: then "/" answers that the web UI is not built.
  explicit StaticFiles(const std::string& root);

  // The response for a GET or HEAD of `request.path` (REQUIRES: path percent-decoded and
  // starting with '/'). Honors If-None-Match (304) and, when a `.gz` sibling exists and
  // Accept-Encoding allows, serves it with Content-Encoding: gzip. Paths without an extension
  // that name no file, and "/", serve index.html; when there is none, a text/plain 503 says
  // how to build the UI. The response's route is "static".
  // Errors: kInvalidArgument for ".." or "." segments or backslashes; kNotFound for a missing
  // file under /assets/ or a missing path with an extension; kInternal if a file cannot be
  // read.
  Result<HttpResponse> Serve(const HttpRequest& request) const;

  // The Content-Type for a file name by its extension; application/octet-stream if unknown.
  static std::string ContentTypeFor(const std::filesystem::path& file);

 private:
  Result<HttpResponse> ServeFile(const HttpRequest& request, const std::filesystem::path& file,
                                 const std::string& cache_control) const;
  HttpResponse NotBuilt() const;

  std::filesystem::path root_;  // canonical, or empty when there is no UI directory
};

}  // namespace xiezuo::api
