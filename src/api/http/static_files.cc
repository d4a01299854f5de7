// Static file serving for the web UI; see static_files.h for the contract.
#include "api/http/static_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iterator>
#include <string_view>
#include <system_error>
#include <vector>

#include "api/http/gzip.h"

namespace xiezuo::api {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kIndex = "index.html";
constexpr std::string_view kAssetsPrefix = "assets/";
constexpr std::string_view kNoCache = "no-cache";
// Vite puts content hashes in asset names, so they never change under the same name.
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Whether an If-None-Match value ("*", or a list of possibly weak tags) matches `etag`.
bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const size_t comma = if_none_match.find(',');
    std::string_view tag = TrimSpace(if_none_match.substr(0, comma));
    if_none_match =
        comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

bool IsRegularFile(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// Whether `path` (canonicalised, so symlinks are resolved) lies inside `root`.
bool IsInside(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(path, ec);
  if (ec) return false;
  const auto [root_end, unused] =
      std::mismatch(root.begin(), root.end(), canonical.begin(), canonical.end());
  return root_end == root.end();
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Internal("cannot open " + path.string());
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Internal("cannot read " + path.string());
  return data;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  if (root.empty()) return;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (!ec) root_ = std::move(canonical);
}

std::string StaticFiles::ContentTypeFor(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff") return "font/woff";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

HttpResponse StaticFiles::NotBuilt() const {
  HttpResponse response;
  response.status = 503;
  response.content_type = "text/plain; charset=utf-8";
  response.body =
      "The xiezuo web UI is not built, or --static-dir does not point at it.\n"
      "Run `make run` (it builds web/ into web/dist and serves it), then reload.\n";
  response.headers.emplace_back("Cache-Control", "no-store");
  response.route = "static";
  return response;
}

Result<HttpResponse> StaticFiles::Serve(const HttpRequest& request) const {
  // Map the URL path to a relative file path, segment by segment.
  std::vector<std::string_view> segments;
  std::string_view rest = request.path;
  if (rest.empty() || rest.front() != '/') return InvalidArgument("invalid path");
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty()) continue;  // "//etc/passwd" stays relative to the root
    if (segment == "." || segment == ".." ||
        segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos) {
      return InvalidArgument("invalid path");
    }
    segments.push_back(segment);
  }
  std::string relative;
  for (const std::string_view segment : segments) {
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  const bool under_assets = relative.rfind(kAssetsPrefix, 0) == 0;

  if (!relative.empty()) {
    const fs::path file = root_.empty() ? fs::path() : root_ / relative;
    if (!root_.empty() && IsRegularFile(file)) {
      if (!IsInside(root_, file)) return NotFound("no such file: " + request.path);
      const bool is_index = fs::path(relative).filename() == kIndex;
      return ServeFile(request, file,
                       std::string(under_assets && !is_index ? kImmutable : kNoCache));
    }
    if (under_assets || relative == "assets" || fs::path(relative).has_extension()) {
      return NotFound("no such file: " + request.path);
    }
  }
  // "/" and the single-page app's own routes ("/regions/610000").
  if (root_.empty()) return NotBuilt();
  const fs::path index = root_ / kIndex;
  if (!IsRegularFile(index)) return NotBuilt();
  return ServeFile(request, index, std::string(kNoCache));
}

Result<HttpResponse> StaticFiles::ServeFile(const HttpRequest& request, const fs::path& file,
                                            const std::string& cache_control) const {
  HttpResponse response;
  response.route = "static";
  response.content_type = ContentTypeFor(file);
  response.headers.emplace_back("Cache-Control", cache_control);

  fs::path source = file;
  bool gzipped = false;
  fs::path gz_sibling = file;
  gz_sibling += ".gz";
  if (IsRegularFile(gz_sibling) && IsInside(root_, gz_sibling)) {
    response.headers.emplace_back("Vary", "Accept-Encoding");
    if (AcceptsGzip(request.Header("accept-encoding"))) {
      source = gz_sibling;
      gzipped = true;
    }
  }

  std::error_code ec;
  const uintmax_t size = fs::file_size(source, ec);
  if (ec) return Internal("cannot stat " + source.string() + ": " + ec.message());
  const fs::file_time_type mtime = fs::last_write_time(source, ec);
  if (ec) return Internal("cannot stat " + source.string() + ": " + ec.message());
  const auto mtime_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  const std::string etag =
      fmt::format("\"{:x}-{:x}{}\"", size, static_cast<uint64_t>(mtime_ns), gzipped ? "-gz" : "");
  response.headers.emplace_back("ETag", etag);
  if (gzipped) response.headers.emplace_back("Content-Encoding", "gzip");

  if (EtagMatches(request.Header("if-none-match"), etag)) {
    response.status = 304;
    return response;
  }
  auto data = ReadFile(source);
  if (!data.ok()) return data.status();
  response.body = std::move(data).value();
  return response;
}

}  // namespace xiezuo::api
