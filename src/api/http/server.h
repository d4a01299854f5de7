// The HTTP server on Boost.Beast: /api/v1 goes to the application; /healthz, /metrics and the
// built web UI are served here. Thread-safe; runs its io_context on `threads` threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/http/http.h"
#include "core/status.h"

namespace xiezuo::api {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port; see HttpServer::port()
  int threads = 2;
  std::string static_dir;  // the built web UI (web/dist); empty serves none
  // Uploads (spreadsheets up to 30 MB, attachments up to 20 MB) set the ceiling; each route
  // checks its own, smaller limit.
  size_t max_body_bytes = size_t{32} * 1024 * 1024;
  size_t max_header_bytes = size_t{16} * 1024;
  int request_timeout_seconds = 30;  // reading a request, and idle keep-alive
  size_t gzip_min_bytes = 1024;      // JSON bodies at least this large are gzipped if accepted
  bool access_log = true;            // one spdlog line a request
};

// Gauges the /metrics page reads at scrape time (the database pool's use).
struct PoolGauge {
  std::function<int()> size;
  std::function<int()> in_use;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, Application app, PoolGauge pool_gauge = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts the worker threads; returns once the server accepts connections.
  // Errors: kUnavailable with the reason if the address cannot be bound.
  Status Start();
  // The bound port (after Start).
  uint16_t port() const;
  // REQUIRES: not called from inside an application handler (it joins the worker threads).
  // Stops accepting, lets requests in flight finish (up to `grace_seconds`), closes idle
  // connections and joins the threads. Idempotent.
  void Stop(int grace_seconds = 10);
  // Blocks until SIGINT or SIGTERM arrives, then calls Stop().
  void WaitForSignal();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xiezuo::api
