// gzip (RFC 1952) compression for HTTP response bodies, on zlib. Kept apart from the server
// so the compressor can be tested and reused (e.g. for precompressed exports).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace xiezuo::api {

// Compresses `data` into a gzip member (zlib deflate with windowBits 31, default level).
// Returns "" only if zlib fails (out of memory); callers then send the body uncompressed.
// Thread-safe: no shared state.
std::string GzipCompress(std::string_view data);

// Inflates a gzip stream (used by tests and clients of precompressed files).
// Errors: kInvalidArgument if `data` is not a complete gzip stream; kResourceExhausted if the
// output would exceed `max_bytes`.
Result<std::string> GzipDecompress(std::string_view data, size_t max_bytes = 256u << 20);

// Whether an Accept-Encoding header value accepts gzip: a "gzip" or "*" coding whose q is not
// 0, e.g. "gzip, deflate, br" or "br;q=1.0, gzip;q=0.8".
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace xiezuo::api
