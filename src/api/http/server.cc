// The HTTP server on Boost.Beast/Asio: accepting, one session per connection with keep-alive,
// routing (/healthz, /metrics, /api/ to the Application, anything else to the static web UI),
// gzip, the access log, metrics and graceful shutdown. Beast's and Asio's errors and
// exceptions stay in this file; the application sees only HttpRequest and HttpResponse.
#include "api/http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <exception>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "api/http/gzip.h"
#include "api/http/metrics.h"
#include "api/http/static_files.h"

namespace xiezuo::api {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kUnmatched = "unmatched";
// How long a connection that got an error response may keep sending before it is closed;
// reading its rest lets the client see the response instead of a reset.
constexpr std::chrono::seconds kDrainTime{2};
constexpr size_t kDrainChunkBytes = size_t{16} * 1024;
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
// Stop's default in server.h, also used by the destructor and WaitForSignal.
constexpr int kDefaultGraceSeconds = 10;

std::string_view ToStd(beast::string_view s) { return {s.data(), s.size()}; }

// The server's own errors, in the project's one error shape.
HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  HttpResponse response = JsonError(status, code, message);
  response.route = std::string(kUnmatched);
  return response;
}

// A metrics label for a method; unknown verbs share one label so clients cannot grow the set.
std::string_view MethodLabel(http::verb verb) {
  if (verb == http::verb::unknown) return "OTHER";
  return ToStd(http::to_string(verb));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

bool IsHttpErrorCategory(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::end_of_stream).category();
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, Application app, PoolGauge pool_gauge)
      : options_(std::move(options)),
        app_(std::move(app)),
        pool_gauge_(std::move(pool_gauge)),
        static_files_(options_.static_dir),
        ioc_(std::max(1, options_.threads)),
        acceptor_(asio::make_strand(ioc_)),
        accept_retry_timer_(acceptor_.get_executor()) {}

  ~Impl() { Stop(kDefaultGraceSeconds); }

  Status Start();
  uint16_t port() const { return port_.load(); }
  void Stop(int grace_seconds);
  void WaitForSignal();

 private:
  class Session;

  // Facts about a request that the response and its log line need.
  struct RequestInfo {
    std::string_view method;  // metrics label
    std::string target;
    SteadyClock::time_point start;
    unsigned version = 11;
    bool keep_alive = false;
    bool head = false;
    bool api = false;
    bool accepts_gzip = false;
  };

  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  // Adds a session to the registry; false once Stop has begun (the caller drops it).
  bool Register(const std::shared_ptr<Session>& session, uint64_t* id);
  void Unregister(uint64_t id);
  // Routes one request; never throws.
  HttpResponse Handle(const HttpRequest& request, http::verb verb);
  HttpResponse CallApplication(const HttpRequest& request);

  const ServerOptions options_;
  const Application app_;
  const PoolGauge pool_gauge_;
  const StaticFiles static_files_;
  HttpMetrics metrics_;

  std::mutex stop_mu_;    // serialises Start and Stop
  bool started_ = false;  // guarded by stop_mu_
  bool stopped_ = false;  // guarded by stop_mu_
  std::atomic<uint16_t> port_{0};

  std::mutex mu_;  // guards sessions_, next_session_id_ and the setting of stopping_
  std::condition_variable sessions_cv_;  // notified when sessions_ becomes empty
  std::map<uint64_t, std::weak_ptr<Session>> sessions_;
  uint64_t next_session_id_ = 0;
  std::atomic<bool> stopping_{false};

  std::mutex signal_mu_;  // guards waiting_signal_ioc_
  asio::io_context* waiting_signal_ioc_ = nullptr;

  // Declared after everything sessions touch: destroying the io_context destroys the
  // handlers that still own sessions, whose destructors call Unregister.
  asio::io_context ioc_;
  tcp::acceptor acceptor_;  // on its own strand
  asio::steady_timer accept_retry_timer_;
  // Keeps run() from returning when no operation is pending for a moment (e.g. between the
  // acceptor closing and Stop posting to the sessions); reset by Stop.
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
};

// One connection: reads requests one after another (keep-alive), answers each, and closes on
// error, timeout, "Connection: close" or shutdown. All members are touched only on the
// session's strand.
class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl* server) : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    const tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = remote.address().to_string();
  }
  ~Session() { server_->Unregister(id_); }

  void set_id(uint64_t id) { id_ = id; }
  void Start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }
  // Stop has begun: close now if waiting for a request of which no byte has arrived;
  // otherwise the session closes after its current response (a request that completes now
  // gets 503 shutting_down).
  void Shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      // Cancel rather than close: bytes the pending read already took from the socket still
      // reach its handler, and that request is then answered (503).
      if (self->reading_ && self->NothingReceived()) self->stream_.cancel();
    });
  }
  // REQUIRES: the io_context is not running (Stop, after joining the threads).
  void ForceClose() { Close(); }

 private:
  // Whether no byte of a next request has arrived (buffered, parsed or in the kernel).
  bool NothingReceived() {
    beast::error_code ec;
    const size_t unread = stream_.socket().available(ec);
    return buffer_.size() == 0 && unread == 0 && (!parser_ || !parser_->got_some());
  }
  void DoRead();
  void OnHeader(beast::error_code ec, size_t bytes);
  void ReadBody();
  void OnRead(beast::error_code ec, size_t bytes);
  // Answers a request that could not be read, then closes.
  void RespondToReadError(const beast::error_code& ec);
  void Respond(HttpResponse response, const RequestInfo& info, bool drain_after);
  void OnWrite(bool keep_alive, bool drain_after, beast::error_code ec, size_t bytes);
  // Sends FIN, reads and discards what the client still sends (for a while), then closes.
  void DrainAndClose();
  void OnDrain(beast::error_code ec, size_t bytes);
  void Close();

  Impl* const server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::string remote_;
  uint64_t id_ = 0;
  bool reading_ = false;    // waiting for (the rest of) a request
  bool in_flight_ = false;  // a request is being answered
};

void HttpServer::Impl::Session::DoRead() {
  // A connection accepted just before Stop: close it unless a request is already arriving
  // (which then gets 503).
  if (server_->stopping_.load() && NothingReceived()) return Close();
  parser_.emplace();
  parser_->body_limit(static_cast<std::uint64_t>(server_->options_.max_body_bytes));
  parser_->header_limit(
      static_cast<std::uint32_t>(std::min<size_t>(server_->options_.max_header_bytes, UINT32_MAX)));
  reading_ = true;
  // One deadline for the whole request (headers and body), and for idle keep-alive.
  stream_.expires_after(std::chrono::seconds(server_->options_.request_timeout_seconds));
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
}

void HttpServer::Impl::Session::OnHeader(beast::error_code ec, size_t /*bytes*/) {
  if (ec) return OnRead(ec, 0);
  const auto expect = parser_->get()[http::field::expect];
  if (beast::iequals(expect, "100-continue") && !parser_->is_done()) {
    // curl and other clients wait for this before sending a large body.
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](beast::error_code write_ec, size_t) {
                        if (write_ec) return self->OnRead(write_ec, 0);
                        self->ReadBody();
                      });
    return;
  }
  ReadBody();
}

void HttpServer::Impl::Session::ReadBody() {
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Session::OnRead, shared_from_this()));
}

void HttpServer::Impl::Session::OnRead(beast::error_code ec, size_t /*bytes*/) {
  reading_ = false;
  if (ec) {
    if (ec == http::error::body_limit || ec == http::error::header_limit ||
        (IsHttpErrorCategory(ec) && ec != http::error::end_of_stream &&
         ec != http::error::partial_message && parser_ && parser_->got_some())) {
      return RespondToReadError(ec);
    }
    // The client went away, the read timed out, or Stop closed an idle connection.
    return Close();
  }

  RequestInfo info;
  info.start = SteadyClock::now();
  http::request<http::string_body> message = parser_->release();
  parser_.reset();  // NothingReceived looks at the next request's parser only
  info.method = MethodLabel(message.method());
  info.target = std::string(ToStd(message.target()));
  info.version = message.version();
  info.keep_alive = message.keep_alive();
  info.head = message.method() == http::verb::head;
  in_flight_ = true;
  server_->metrics_.RequestStarted();

  HttpRequest request;
  request.method = std::string(ToStd(message.method_string()));
  request.target = info.target;
  request.remote_addr = remote_;
  for (const auto& field : message) {
    std::string name(ToStd(field.name_string()));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string_view value = ToStd(field.value());
    auto [it, inserted] = request.headers.emplace(std::move(name), value);
    if (!inserted) {  // repeated header: join as RFC 9110 allows (cookies with "; ")
      it->second += it->first == "cookie" ? "; " : ", ";
      it->second += value;
    }
  }
  request.body = std::move(message.body());
  info.accepts_gzip = AcceptsGzip(request.Header("accept-encoding"));

  const std::string_view target = info.target;
  const size_t question = target.find('?');
  const bool origin_form = !target.empty() && target.front() == '/';
  if (!origin_form || !internal::DecodePath(target.substr(0, question), &request.path) ||
      (question != std::string_view::npos &&
       !internal::DecodeQuery(target.substr(question + 1), &request.query))) {
    return Respond(ErrorResponse(400, "bad_request", "malformed request target"), info,
                   /*drain_after=*/false);
  }
  info.api = StartsWith(request.path, "/api/");
  Respond(server_->Handle(request, message.method()), info, /*drain_after=*/false);
}

void HttpServer::Impl::Session::RespondToReadError(const beast::error_code& ec) {
  RequestInfo info;
  info.start = SteadyClock::now();
  info.method = "OTHER";
  if (parser_ && parser_->is_header_done()) {
    info.method = MethodLabel(parser_->get().method());
    info.target = std::string(ToStd(parser_->get().target()));
  }
  const ServerOptions& options = server_->options_;
  HttpResponse response;
  if (ec == http::error::body_limit) {
    response =
        ErrorResponse(413, "payload_too_large",
                      fmt::format("the request body exceeds {} bytes", options.max_body_bytes));
  } else if (ec == http::error::header_limit) {
    response = ErrorResponse(
        431, "headers_too_large",
        fmt::format("the request line and headers exceed {} bytes", options.max_header_bytes));
  } else {
    response = ErrorResponse(400, "bad_request", "the request is not valid HTTP/1.1");
  }
  Respond(std::move(response), info, /*drain_after=*/true);
}

void HttpServer::Impl::Session::Respond(HttpResponse response, const RequestInfo& info,
                                        bool drain_after) {
  const ServerOptions& options = server_->options_;
  if (response.status < 100 || response.status > 599) {
    spdlog::error("handler for {} returned invalid HTTP status {}", info.target, response.status);
    response = ErrorResponse(500, "internal", "internal server error");
  }
  const bool keep_alive = info.keep_alive && !drain_after && !server_->stopping_.load();

  response_ = {};
  response_.version(info.version);
  response_.result(static_cast<unsigned>(response.status));
  if (!response.content_type.empty() && response.status != 304) {
    response_.set(http::field::content_type, response.content_type);
  }
  response_.set("X-Content-Type-Options", "nosniff");
  bool has_cache_control = false;
  bool has_content_encoding = false;
  for (const auto& [name, value] : response.headers) {
    if (name.empty() || HasLineBreak(name) || HasLineBreak(value)) {
      spdlog::warn("dropping a response header with an invalid name or value for {}", info.target);
      continue;
    }
    has_cache_control |= beast::iequals(name, "cache-control");
    has_content_encoding |= beast::iequals(name, "content-encoding");
    response_.insert(name, value);
  }
  if (info.api && !has_cache_control) response_.set(http::field::cache_control, "no-store");

  if (info.api && !has_content_encoding && StartsWith(response.content_type, "application/json") &&
      response.body.size() >= options.gzip_min_bytes) {
    response_.set(http::field::vary, "Accept-Encoding");
    if (info.accepts_gzip) {
      std::string compressed = GzipCompress(response.body);
      if (!compressed.empty()) {
        response.body = std::move(compressed);
        response_.set(http::field::content_encoding, "gzip");
      }
    }
  }
  response_.keep_alive(keep_alive);

  const size_t bytes = response.body.size();
  const bool bodiless = response.status == 304 || response.status == 204 || response.status < 200;
  if (bodiless) {
    // No body and no Content-Length (RFC 9110 §8.6).
  } else if (info.head) {
    response_.content_length(bytes);
  } else {
    response_.body() = std::move(response.body);
    response_.prepare_payload();
  }

  const double seconds = std::chrono::duration<double>(SteadyClock::now() - info.start).count();
  const std::string_view route = response.route.empty() ? kUnmatched : response.route;
  server_->metrics_.Observe(route, info.method, response.status, seconds);
  if (options.access_log) {
    spdlog::default_logger()->info("{} {} {} {} {} {:.1f}ms", remote_, info.method, info.target,
                                   response.status, bytes, seconds * 1000);
  }

  stream_.expires_after(std::chrono::seconds(options.request_timeout_seconds));
  http::async_write(
      stream_, response_,
      beast::bind_front_handler(&Session::OnWrite, shared_from_this(), keep_alive, drain_after));
}

void HttpServer::Impl::Session::OnWrite(bool keep_alive, bool drain_after, beast::error_code ec,
                                        size_t /*bytes*/) {
  if (in_flight_) {
    in_flight_ = false;
    server_->metrics_.RequestFinished();
  }
  response_ = {};
  if (ec) return Close();
  if (drain_after) return DrainAndClose();
  // After Stop began, a next request that is already arriving gets its 503 (DoRead).
  if (!keep_alive || (server_->stopping_.load() && NothingReceived())) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    return Close();
  }
  DoRead();
}

void HttpServer::Impl::Session::DrainAndClose() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  buffer_.clear();
  stream_.expires_after(kDrainTime);
  stream_.async_read_some(buffer_.prepare(kDrainChunkBytes),
                          beast::bind_front_handler(&Session::OnDrain, shared_from_this()));
}

void HttpServer::Impl::Session::OnDrain(beast::error_code ec, size_t /*bytes*/) {
  if (ec) return Close();  // EOF, the drain deadline, or an error
  buffer_.clear();
  stream_.async_read_some(buffer_.prepare(kDrainChunkBytes),
                          beast::bind_front_handler(&Session::OnDrain, shared_from_this()));
}

void HttpServer::Impl::Session::Close() {
  reading_ = false;
  stream_.close();
}

Status HttpServer::Impl::Start() {
  std::lock_guard stop_lock(stop_mu_);
  if (started_ || stopped_) return FailedPrecondition("the HTTP server was already started");
  const std::string where = fmt::format("{}:{}", options_.address, options_.port);
  beast::error_code ec;
  tcp::resolver resolver(ioc_);
  const auto endpoints =
      resolver.resolve(options_.address, std::to_string(options_.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return Unavailable(fmt::format("cannot listen on {}: cannot resolve the address: {}", where,
                                   ec ? ec.message() : "no addresses"));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  const auto fail = [&](std::string_view step) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    return Unavailable(fmt::format("cannot listen on {}: {}: {}", where, step, ec.message()));
  };
  if (acceptor_.open(endpoint.protocol(), ec); ec) return fail("socket");
  // Lets a restarted server bind while old connections sit in TIME_WAIT; on Linux it does
  // not allow two listeners on one port.
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) {
    return fail("setsockopt");
  }
  if (acceptor_.bind(endpoint, ec); ec) return fail("bind");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) return fail("listen");
  const tcp::endpoint bound = acceptor_.local_endpoint(ec);
  if (ec) return fail("getsockname");
  port_.store(bound.port());

  started_ = true;
  work_.emplace(ioc_.get_executor());
  asio::dispatch(acceptor_.get_executor(), [this] { DoAccept(); });
  const int threads = std::max(1, options_.threads);
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] {
      for (;;) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception& e) {  // a handler threw: log it and keep serving
          spdlog::error("HTTP worker caught an exception: {}", e.what());
        }
      }
    });
  }
  spdlog::info("listening on http://{}:{} ({} threads)", bound.address().to_string(), bound.port(),
               threads);
  return Status::Ok();
}

void HttpServer::Impl::DoAccept() {
  acceptor_.async_accept(asio::make_strand(ioc_), beast::bind_front_handler(&Impl::OnAccept, this));
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open() || ec == asio::error::operation_aborted) return;
  if (ec) {
    // E.g. EMFILE: wait a little rather than spin.
    spdlog::warn("accept failed: {}", ec.message());
    accept_retry_timer_.expires_after(kAcceptRetryDelay);
    accept_retry_timer_.async_wait([this](beast::error_code timer_ec) {
      if (!timer_ec && acceptor_.is_open()) DoAccept();
    });
    return;
  }
  auto session = std::make_shared<Session>(std::move(socket), this);
  uint64_t id = 0;
  if (!Register(session, &id)) return;  // stopping: the socket closes with the session
  session->set_id(id);
  session->Start();
  DoAccept();
}

bool HttpServer::Impl::Register(const std::shared_ptr<Session>& session, uint64_t* id) {
  std::lock_guard lock(mu_);
  if (stopping_.load()) return false;
  *id = ++next_session_id_;
  sessions_.emplace(*id, session);
  return true;
}

void HttpServer::Impl::Unregister(uint64_t id) {
  if (id == 0) return;
  std::lock_guard lock(mu_);
  sessions_.erase(id);
  if (sessions_.empty()) sessions_cv_.notify_all();
}

HttpResponse HttpServer::Impl::Handle(const HttpRequest& request, http::verb verb) {
  if (stopping_.load()) {
    return ErrorResponse(503, "shutting_down", "the server is shutting down; retry shortly");
  }
  const bool get = verb == http::verb::get || verb == http::verb::head;
  if (get && request.path == "/healthz") {
    HttpResponse response;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "ok";
    response.route = "/healthz";
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }
  if (get && request.path == "/metrics") {
    HttpResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics_.Render(pool_gauge_);
    response.route = "/metrics";
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }
  if (StartsWith(request.path, "/api/")) return CallApplication(request);

  if (!get) {
    HttpResponse response = ErrorResponse(405, "method_not_allowed",
                                          "only GET and HEAD are allowed for " + request.path);
    response.headers.emplace_back("Allow", "GET, HEAD");
    response.route = "static";
    return response;
  }
  Result<HttpResponse> file = static_files_.Serve(request);
  if (file.ok()) return std::move(file).value();
  HttpResponse response;
  switch (file.status().code()) {
    case StatusCode::kInvalidArgument:
      response = ErrorResponse(400, "bad_request", file.status().message());
      break;
    case StatusCode::kNotFound:
      response = ErrorResponse(404, "not_found", "no such file: " + request.path);
      break;
    default:
      spdlog::error("serving {}: {}", request.path, file.status().ToString());
      response = ErrorResponse(500, "internal", "internal server error");
  }
  response.route = "static";
  return response;
}

HttpResponse HttpServer::Impl::CallApplication(const HttpRequest& request) {
  try {
    HttpResponse response = app_(request);
    return response;
  } catch (const std::exception& e) {
    spdlog::error("application threw on {} {}: {}", request.method, request.target, e.what());
  } catch (...) {
    spdlog::error("application threw a non-exception on {} {}", request.method, request.target);
  }
  return ErrorResponse(500, "internal", "internal server error");
}

void HttpServer::Impl::Stop(int grace_seconds) {
  std::lock_guard stop_lock(stop_mu_);
  if (stopped_) return;
  stopped_ = true;
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mu_);
    stopping_.store(true);
    for (const auto& [id, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  {
    std::lock_guard lock(signal_mu_);
    if (waiting_signal_ioc_ != nullptr) waiting_signal_ioc_->stop();
  }
  if (!started_) return;
  spdlog::info("stopping the HTTP server: {} connections open, grace {}s", live.size(),
               grace_seconds);
  const auto deadline = SteadyClock::now() + std::chrono::seconds(std::max(0, grace_seconds));

  // Refuse new connections first (on the acceptor's strand: Asio objects are not
  // thread-safe).
  auto closed = std::make_shared<std::promise<void>>();
  std::future<void> acceptor_closed = closed->get_future();
  asio::post(acceptor_.get_executor(), [this, closed] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_timer_.cancel();
    closed->set_value();
  });
  for (const auto& session : live) session->Shutdown();
  live.clear();  // the sessions' own handlers keep them alive as long as needed
  acceptor_closed.wait_until(deadline);
  {
    std::unique_lock lock(mu_);
    if (!sessions_cv_.wait_until(lock, deadline, [this] { return sessions_.empty(); })) {
      spdlog::warn("grace period over; closing {} connections", sessions_.size());
    }
  }
  work_.reset();
  ioc_.stop();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
  // No thread runs handlers now, so the sockets can be closed from here.
  beast::error_code ignored;
  acceptor_.close(ignored);
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (const auto& session : live) session->ForceClose();
  spdlog::info("the HTTP server stopped");
}

void HttpServer::Impl::WaitForSignal() {
  asio::io_context signal_ioc(1);
  asio::signal_set signals(signal_ioc, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&received](beast::error_code ec, int signal_number) {
    if (!ec) received = signal_number;
  });
  {
    std::lock_guard lock(signal_mu_);
    if (stopping_.load()) return;  // Stop already ran or is running
    waiting_signal_ioc_ = &signal_ioc;
  }
  signal_ioc.run();
  {
    std::lock_guard lock(signal_mu_);
    waiting_signal_ioc_ = nullptr;
  }
  if (received != 0) spdlog::info("received signal {}; shutting down", received);
  Stop(kDefaultGraceSeconds);
}

HttpServer::HttpServer(ServerOptions options, Application app, PoolGauge pool_gauge)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(app), std::move(pool_gauge))) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Start() { return impl_->Start(); }
uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::Stop(int grace_seconds) { impl_->Stop(grace_seconds); }
void HttpServer::WaitForSignal() { impl_->WaitForSignal(); }

}  // namespace xiezuo::api
