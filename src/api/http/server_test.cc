// Tests of the HTTP server against a real listener on 127.0.0.1 (port 0), with a small Beast
// client: routing, decoding, limits, gzip, static files, metrics and graceful shutdown.
#include "api/http/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
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
using ::testing::HasSubstr;
using ::testing::Not;

// Generous: the machine may be loaded; these only stop a broken test from hanging.
constexpr std::chrono::seconds kClientTimeout{60};

struct Reply {
  beast::error_code error;  // set if the response could not be read
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = false;

  std::string Header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A blocking HTTP/1.1 client on one connection. Every operation runs asynchronously on a
// private io_context with a deadline, so a server bug fails the test instead of hanging it.
class Client {
 public:
  Client() : stream_(ioc_) {}

  beast::error_code Connect(uint16_t port) {
    beast::error_code result;
    stream_.expires_after(kClientTimeout);
    stream_.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                          [&](beast::error_code ec) { result = ec; });
    Run();
    return result;
  }

  beast::error_code WriteRaw(const std::string& data) {
    beast::error_code result;
    stream_.expires_after(kClientTimeout);
    asio::async_write(stream_, asio::buffer(data),
                      [&](beast::error_code ec, size_t) { result = ec; });
    Run();
    return result;
  }

  beast::error_code Write(http::request<http::string_body> request) {
    request.prepare_payload();
    beast::error_code result;
    stream_.expires_after(kClientTimeout);
    http::async_write(stream_, request, [&](beast::error_code ec, size_t) { result = ec; });
    Run();
    return result;
  }

  // Reads up to and including "\r\n\r\n" (e.g. an interim 100 Continue); what follows stays
  // buffered for Read.
  std::string ReadHead() {
    std::string data = beast::buffers_to_string(buffer_.data());
    buffer_.clear();
    size_t head_size = 0;
    stream_.expires_after(kClientTimeout);
    // Asio copies a dynamic buffer object, so read into a string, not into buffer_.
    asio::async_read_until(stream_, asio::dynamic_buffer(data), "\r\n\r\n",
                           [&](beast::error_code ec, size_t n) {
                             if (!ec) head_size = n;
                           });
    Run();
    const std::string rest = data.substr(head_size);
    buffer_.commit(asio::buffer_copy(buffer_.prepare(rest.size()), asio::buffer(rest)));
    return data.substr(0, head_size);
  }

  Reply Read(bool head = false) {
    Reply reply;
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser.header_limit(1 << 20);
    parser.skip(head);
    stream_.expires_after(kClientTimeout);
    http::async_read(stream_, buffer_, parser,
                     [&](beast::error_code ec, size_t) { reply.error = ec; });
    Run();
    if (reply.error) return reply;
    const auto& message = parser.get();
    reply.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = std::string(field.value());
    }
    reply.body = message.body();
    reply.keep_alive = message.keep_alive();
    return reply;
  }

  Reply Fetch(http::verb method, const std::string& target,
              const std::vector<std::pair<std::string, std::string>>& headers = {},
              const std::string& body = "") {
    http::request<http::string_body> request(method, target, 11);
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.insert(name, value);
    request.body() = body;
    Reply reply;
    reply.error = Write(std::move(request));
    if (reply.error) return reply;
    return Read(method == http::verb::head);
  }

 private:
  void Run() {
    ioc_.restart();
    ioc_.run();
  }

  asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

// One request on a fresh connection.
Reply Fetch(uint16_t port, http::verb method, const std::string& target,
            const std::vector<std::pair<std::string, std::string>>& headers = {},
            const std::string& body = "") {
  Client client;
  Reply reply;
  reply.error = client.Connect(port);
  if (reply.error) return reply;
  return client.Fetch(method, target, headers, body);
}

Reply Get(uint16_t port, const std::string& target,
          const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  return Fetch(port, http::verb::get, target, headers);
}

// Checks the project's error shape and returns the code.
std::string ErrorCode(const Reply& reply) {
  EXPECT_THAT(reply.Header("content-type"), HasSubstr("application/json"));
  const auto body = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("error")) {
    ADD_FAILURE() << "not an error body: " << reply.body;
    return "";
  }
  const auto& error = body["error"];
  EXPECT_TRUE(error["message"].is_string()) << reply.body;
  EXPECT_TRUE(error["details"].is_array()) << reply.body;
  return error["code"].get<std::string>();
}

// A temporary web UI directory: index.html, assets/app-3f2a1b.js, a .gz sibling, and a
// secret file beside (outside) the root for the traversal tests.
class WebRoot {
 public:
  WebRoot() {
    static std::atomic<int> counter{0};
    base_ = std::filesystem::temp_directory_path() /
            ("xiezuo_http_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    root_ = base_ / "dist";
    std::filesystem::create_directories(root_ / "assets");
    WriteFile(base_ / "secret.txt", "top secret");
    WriteFile(root_ / "index.html", "<!doctype html><title>xiezuo</title>");
    WriteFile(root_ / "assets" / "app-3f2a1b.js", "console.log('xiezuo');");
    const std::string css(4000, 'a');
    WriteFile(root_ / "assets" / "app-77aa.css", css);
    WriteFile(root_ / "assets" / "app-77aa.css.gz", GzipCompress(css));
  }
  ~WebRoot() {
    std::error_code ec;
    std::filesystem::remove_all(base_, ec);
  }
  std::string root() const { return root_.string(); }

 private:
  static void WriteFile(const std::filesystem::path& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary);
    out << data;
  }
  std::filesystem::path base_;
  std::filesystem::path root_;
};

// Answers every /api/ request with a JSON echo of what the server handed it.
HttpResponse EchoApp(const HttpRequest& request) {
  nlohmann::json echo = {
      {"method", request.method},
      {"path", request.path},
      {"target", request.target},
      {"q", request.Query("q")},
      {"name", request.Query("name")},
      {"x_count", request.query.count("x")},
      {"x_first", request.Query("x")},
      {"custom", request.Header("x-custom")},
      {"session", request.Cookie("session")},
      {"theme", request.Cookie("theme")},
      {"missing_cookie", request.Cookie("nope")},
      {"body", request.body},
      {"remote", request.remote_addr},
  };
  HttpResponse response;
  response.body = echo.dump();
  response.route = "/api/v1/echo";
  response.headers.emplace_back("Set-Cookie", "a=1; Path=/");
  response.headers.emplace_back("Set-Cookie", "b=2; Path=/");
  return response;
}

ServerOptions TestOptions() {
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.access_log = false;
  return options;
}

class ServerTest : public ::testing::Test {
 protected:
  // Starts a server with `app` (EchoApp by default) serving the temporary web root.
  void StartServer(ServerOptions options = TestOptions(), Application app = EchoApp,
                   PoolGauge pool = {}) {
    if (options.static_dir.empty()) options.static_dir = web_.root();
    server_ = std::make_unique<HttpServer>(options, std::move(app), std::move(pool));
    const Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
    port_ = server_->port();
    ASSERT_NE(port_, 0);
  }

  WebRoot web_;
  std::unique_ptr<HttpServer> server_;
  uint16_t port_ = 0;
};

TEST_F(ServerTest, HealthzAnswersOkWithoutTheApplication) {
  std::atomic<int> app_calls{0};
  StartServer(TestOptions(), [&](const HttpRequest& request) {
    ++app_calls;
    return EchoApp(request);
  });
  const Reply reply = Get(port_, "/healthz");
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "ok");
  EXPECT_THAT(reply.Header("content-type"), HasSubstr("text/plain"));
  EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(app_calls.load(), 0);
}

TEST_F(ServerTest, ApplicationGetsDecodedRequest) {
  StartServer();
  const Reply reply =
      Fetch(port_, http::verb::post, "/api/v1/echo%20me?q=%E4%B8%B9%E5%87%A4&name=a+b%2Bc&x=1&x=2",
            {{"X-Custom", "v1"}, {"Cookie", "session=abc123; theme=\"dark\""}}, "hello body");
  ASSERT_FALSE(reply.error) << reply.error.message();
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Header("cache-control"), "no-store");
  EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
  EXPECT_THAT(reply.Header("content-type"), HasSubstr("application/json"));
  const auto echo = nlohmann::json::parse(reply.body);
  EXPECT_EQ(echo["method"], "POST");
  EXPECT_EQ(echo["path"], "/api/v1/echo me");
  EXPECT_EQ(echo["target"], "/api/v1/echo%20me?q=%E4%B8%B9%E5%87%A4&name=a+b%2Bc&x=1&x=2");
  EXPECT_EQ(echo["q"], "丹凤");
  EXPECT_EQ(echo["name"], "a b+c");
  EXPECT_EQ(echo["x_count"], 2);
  EXPECT_EQ(echo["x_first"], "1");
  EXPECT_EQ(echo["custom"], "v1");
  EXPECT_EQ(echo["session"], "abc123");
  EXPECT_EQ(echo["theme"], "dark");
  EXPECT_EQ(echo["missing_cookie"], "");
  EXPECT_EQ(echo["body"], "hello body");
  EXPECT_EQ(echo["remote"], "127.0.0.1");
}

TEST_F(ServerTest, ApplicationHeadersAreSentIncludingRepeats) {
  StartServer();
  Client client;
  ASSERT_FALSE(client.Connect(port_));
  ASSERT_FALSE(client.WriteRaw("GET /api/v1/echo HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string head = client.ReadHead();
  EXPECT_THAT(head, HasSubstr("Set-Cookie: a=1; Path=/\r\n"));
  EXPECT_THAT(head, HasSubstr("Set-Cookie: b=2; Path=/\r\n"));
}

TEST_F(ServerTest, MalformedPercentEncodingIsBadRequest) {
  StartServer();
  const Reply reply = Get(port_, "/api/v1/echo?q=%zz");
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(ErrorCode(reply), "bad_request");
}

TEST_F(ServerTest, ThrowingApplicationGives500WithoutTheExceptionText) {
  StartServer(TestOptions(), [](const HttpRequest&) -> HttpResponse {
    throw std::runtime_error("database password is hunter2");
  });
  const Reply reply = Get(port_, "/api/v1/boom");
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(ErrorCode(reply), "internal");
  EXPECT_THAT(reply.body, Not(HasSubstr("hunter2")));
  EXPECT_EQ(reply.Header("cache-control"), "no-store");
  // The server keeps serving.
  EXPECT_EQ(Get(port_, "/healthz").status, 200);
}

TEST_F(ServerTest, BodyOverTheLimitIs413) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024;
  StartServer(options);
  const Reply reply =
      Fetch(port_, http::verb::post, "/api/v1/echo", {}, std::string(64 * 1024, 'x'));
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(ErrorCode(reply), "payload_too_large");
  EXPECT_FALSE(reply.keep_alive);
  // A body at the limit is fine.
  const Reply ok = Fetch(port_, http::verb::post, "/api/v1/echo", {}, std::string(1024, 'x'));
  EXPECT_EQ(ok.status, 200);
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  StartServer();
  Client client;
  ASSERT_FALSE(client.Connect(port_));
  ASSERT_FALSE(
      client.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                      "Expect: 100-continue\r\n\r\n"));
  EXPECT_THAT(client.ReadHead(), HasSubstr("100 Continue"));
  ASSERT_FALSE(client.WriteRaw("hello"));
  const Reply reply = client.Read();
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(nlohmann::json::parse(reply.body)["body"], "hello");
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  StartServer();  // max_header_bytes is 16 KiB
  const Reply reply = Get(port_, "/api/v1/echo", {{"X-Big", std::string(32 * 1024, 'h')}});
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(ErrorCode(reply), "headers_too_large");
}

TEST_F(ServerTest, GarbageIsBadRequest) {
  StartServer();
  Client client;
  ASSERT_FALSE(client.Connect(port_));
  ASSERT_FALSE(client.WriteRaw("THIS IS NOT HTTP\r\n\r\n"));
  const Reply reply = client.Read();
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(ErrorCode(reply), "bad_request");
}

TEST_F(ServerTest, LargeJsonIsGzippedOnlyWhenAccepted) {
  nlohmann::json big = nlohmann::json::array();
  for (int i = 0; i < 500; ++i) big.push_back({{"code", 610000 + i}, {"name", "丹凤县"}});
  const std::string big_body = big.dump();
  ASSERT_GT(big_body.size(), 1024u);
  StartServer(TestOptions(), [&](const HttpRequest& request) {
    HttpResponse response;
    response.route = "/api/v1/big";
    response.body = request.path == "/api/v1/small" ? std::string("{\"a\":1}") : big_body;
    return response;
  });

  const Reply gzipped = Get(port_, "/api/v1/big", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_FALSE(gzipped.error) << gzipped.error.message();
  EXPECT_EQ(gzipped.status, 200);
  EXPECT_EQ(gzipped.Header("content-encoding"), "gzip");
  EXPECT_THAT(gzipped.Header("vary"), HasSubstr("Accept-Encoding"));
  EXPECT_LT(gzipped.body.size(), big_body.size());
  const Result<std::string> inflated = GzipDecompress(gzipped.body);
  ASSERT_TRUE(inflated.ok()) << inflated.status().ToString();
  EXPECT_EQ(*inflated, big_body);

  const Reply plain = Get(port_, "/api/v1/big");
  EXPECT_EQ(plain.Header("content-encoding"), "");
  EXPECT_EQ(plain.body, big_body);

  const Reply refused = Get(port_, "/api/v1/big", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.Header("content-encoding"), "");

  const Reply small = Get(port_, "/api/v1/small", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(small.Header("content-encoding"), "");
  EXPECT_EQ(small.body, "{\"a\":1}");
}

TEST_F(ServerTest, StaticIndexAndSpaFallback) {
  StartServer();
  for (const std::string target : {"/", "/index.html", "/some/route", "/regions/610000"}) {
    const Reply reply = Get(port_, target);
    ASSERT_FALSE(reply.error) << target << ": " << reply.error.message();
    EXPECT_EQ(reply.status, 200) << target;
    EXPECT_EQ(reply.body, "<!doctype html><title>xiezuo</title>") << target;
    EXPECT_THAT(reply.Header("content-type"), HasSubstr("text/html")) << target;
    EXPECT_EQ(reply.Header("cache-control"), "no-cache") << target;
    EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff") << target;
  }
}

TEST_F(ServerTest, StaticAssetsAreImmutable) {
  StartServer();
  const Reply reply = Get(port_, "/assets/app-3f2a1b.js");
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "console.log('xiezuo');");
  EXPECT_THAT(reply.Header("content-type"), HasSubstr("text/javascript"));
  EXPECT_EQ(reply.Header("cache-control"), "public, max-age=31536000, immutable");

  const Reply missing = Get(port_, "/assets/gone-123.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorCode(missing), "not_found");
}

TEST_F(ServerTest, StaticServesPrecompressedSibling) {
  StartServer();
  const Reply gz = Get(port_, "/assets/app-77aa.css", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_THAT(gz.Header("content-type"), HasSubstr("text/css"));
  const Result<std::string> css = GzipDecompress(gz.body);
  ASSERT_TRUE(css.ok());
  EXPECT_EQ(*css, std::string(4000, 'a'));
  const Reply plain = Get(port_, "/assets/app-77aa.css");
  EXPECT_EQ(plain.Header("content-encoding"), "");
  EXPECT_EQ(plain.body, std::string(4000, 'a'));
  EXPECT_NE(plain.Header("etag"), gz.Header("etag"));
}

TEST_F(ServerTest, StaticRejectsTraversal) {
  StartServer();
  for (const std::string target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/./index.html"}) {
    Client client;
    ASSERT_FALSE(client.Connect(port_));
    // Raw, so that no client library normalises the path first.
    ASSERT_FALSE(client.WriteRaw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    const Reply reply = client.Read();
    ASSERT_FALSE(reply.error) << target << ": " << reply.error.message();
    EXPECT_EQ(reply.status, 400) << target;
    EXPECT_THAT(reply.body, Not(HasSubstr("top secret"))) << target;
  }
}

TEST_F(ServerTest, StaticEtagGives304) {
  StartServer();
  const Reply first = Get(port_, "/assets/app-3f2a1b.js");
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  const Reply again = Get(port_, "/assets/app-3f2a1b.js", {{"If-None-Match", etag}});
  ASSERT_FALSE(again.error) << again.error.message();
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.Header("etag"), etag);
  const Reply other = Get(port_, "/assets/app-3f2a1b.js", {{"If-None-Match", "\"nope\""}});
  EXPECT_EQ(other.status, 200);
}

TEST_F(ServerTest, StaticRejectsOtherMethods) {
  StartServer();
  const Reply reply = Fetch(port_, http::verb::post, "/index.html", {}, "x");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(ErrorCode(reply), "method_not_allowed");
  EXPECT_EQ(reply.Header("allow"), "GET, HEAD");
}

TEST_F(ServerTest, HeadSendsHeadersOnly) {
  StartServer();
  const Reply reply = Fetch(port_, http::verb::head, "/assets/app-3f2a1b.js");
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-length"), "22");
  EXPECT_EQ(reply.body, "");
}

TEST(ServerNoUiTest, RootSaysTheUiIsNotBuilt) {
  ServerOptions options = TestOptions();
  options.static_dir = "";
  HttpServer server(options, EchoApp);
  ASSERT_TRUE(server.Start().ok());
  const Reply reply = Get(server.port(), "/");
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 503);
  EXPECT_THAT(reply.Header("content-type"), HasSubstr("text/plain"));
  EXPECT_THAT(reply.body, HasSubstr("make run"));
  EXPECT_EQ(Get(server.port(), "/assets/app.js").status, 404);
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
}

TEST_F(ServerTest, MetricsCountRequestsByRoute) {
  std::atomic<int> pool_size{4};
  StartServer(TestOptions(), EchoApp,
              PoolGauge{[&] { return pool_size.load(); }, [] { return 1; }});
  Client client;  // one connection: each response is counted before the next request is read
  ASSERT_FALSE(client.Connect(port_));
  ASSERT_EQ(client.Fetch(http::verb::get, "/api/v1/echo?q=1").status, 200);
  ASSERT_EQ(client.Fetch(http::verb::get, "/api/v1/echo?q=2").status, 200);
  ASSERT_EQ(client.Fetch(http::verb::get, "/no/such/thing").status, 200);  // SPA fallback
  const Reply metrics = client.Fetch(http::verb::get, "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_THAT(metrics.Header("content-type"), HasSubstr("text/plain; version=0.0.4"));
  const std::string& text = metrics.body;
  EXPECT_THAT(text, HasSubstr("# TYPE xiezuo_http_requests_total counter\n"));
  EXPECT_THAT(text, HasSubstr("xiezuo_http_requests_total{route=\"/api/v1/echo\",method=\"GET\","
                              "status=\"200\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("xiezuo_http_requests_total{route=\"static\",method=\"GET\","
                              "status=\"200\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE xiezuo_http_request_duration_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("xiezuo_http_request_duration_seconds_bucket{route=\"/api/v1/echo\","
                              "le=\"+Inf\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("xiezuo_http_request_duration_seconds_count{route=\"/api/v1/echo\"}"
                              " 2\n"));
  EXPECT_THAT(text, HasSubstr("xiezuo_http_request_duration_seconds_sum{route=\"/api/v1/echo\"}"));
  EXPECT_THAT(text, HasSubstr("le=\"0.005\"}"));
  EXPECT_THAT(text, HasSubstr("# TYPE xiezuo_http_requests_in_flight gauge\n"
                              "xiezuo_http_requests_in_flight 1\n"));  // the scrape itself
  EXPECT_THAT(text, HasSubstr("xiezuo_db_pool_connections 4\n"));
  EXPECT_THAT(text, HasSubstr("xiezuo_db_pool_in_use 1\n"));
}

TEST(HttpMetricsTest, RendersCumulativeBucketsAndEscapesLabels) {
  HttpMetrics metrics;
  metrics.Observe("/api/v1/\"odd\"\\route\n", "GET", 200, 0.003);
  metrics.Observe("/a", "POST", 201, 0.003);
  metrics.Observe("/a", "POST", 201, 0.2);
  metrics.Observe("/a", "POST", 201, 60);
  const std::string text = metrics.Render(PoolGauge{});
  EXPECT_THAT(text, HasSubstr("route=\"/api/v1/\\\"odd\\\"\\\\route\\n\""));
  EXPECT_THAT(text, HasSubstr("xiezuo_http_requests_total{route=\"/a\",method=\"POST\","
                              "status=\"201\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("_bucket{route=\"/a\",le=\"0.001\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("_bucket{route=\"/a\",le=\"0.005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("_bucket{route=\"/a\",le=\"0.25\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("_bucket{route=\"/a\",le=\"10\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("_bucket{route=\"/a\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("_count{route=\"/a\"} 3\n"));
  EXPECT_THAT(text, Not(HasSubstr("xiezuo_db_pool")));
}

TEST_F(ServerTest, GracefulShutdownFinishesTheRequestInFlight) {
  std::promise<void> entered;
  const std::string slow_body(200 * 1024, 's');
  ServerOptions options = TestOptions();
  options.request_timeout_seconds = 600;  // so only Stop can end the idle connection
  StartServer(options, [&](const HttpRequest&) {
    entered.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    HttpResponse response;
    response.content_type = "text/plain";
    response.body = slow_body;
    response.route = "/api/v1/slow";
    return response;
  });

  // An idle kept-alive connection, which Stop should close.
  Client idle;
  ASSERT_FALSE(idle.Connect(port_));
  ASSERT_EQ(idle.Fetch(http::verb::get, "/healthz").status, 200);

  Reply slow_reply;
  std::jthread client([&] { slow_reply = Fetch(port_, http::verb::get, "/api/v1/slow"); });
  ASSERT_EQ(entered.get_future().wait_for(std::chrono::seconds(60)), std::future_status::ready);
  const auto stop_began = std::chrono::steady_clock::now();
  server_->Stop(/*grace_seconds=*/120);
  // Not a speed check: Stop must not have waited out the grace period for the idle
  // connection (a bug once kept it open until its read timed out).
  EXPECT_LT(std::chrono::steady_clock::now() - stop_began, std::chrono::seconds(90));
  client.join();

  ASSERT_FALSE(slow_reply.error) << slow_reply.error.message();
  EXPECT_EQ(slow_reply.status, 200);
  EXPECT_EQ(slow_reply.body, slow_body);
  EXPECT_FALSE(slow_reply.keep_alive);  // Connection: close once Stop has begun

  const Reply after_idle = idle.Fetch(http::verb::get, "/healthz");
  EXPECT_TRUE(after_idle.error) << "status " << after_idle.status;

  Client late;
  EXPECT_TRUE(late.Connect(port_));  // refused: the listener is closed

  server_->Stop();  // idempotent
}

TEST_F(ServerTest, RequestCompletedAfterStopBeganGets503) {
  StartServer();
  Client client;
  ASSERT_FALSE(client.Connect(port_));
  ASSERT_EQ(client.Fetch(http::verb::get, "/healthz").status, 200);
  // Wait until the server has finished that response (only the scrape itself is in flight),
  // so that the session is reading when Stop looks at it.
  for (;;) {
    const Reply metrics = Get(port_, "/metrics");
    ASSERT_EQ(metrics.status, 200);
    if (metrics.body.find("xiezuo_http_requests_in_flight 1\n") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_FALSE(client.WriteRaw("GET /api/v1/echo HTTP/1.1\r\nHost: x\r\n"));  // unfinished
  std::jthread stopper([&] { server_->Stop(/*grace_seconds=*/60); });
  // Once new connections are refused, Stop has begun.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    Client probe;
    if (probe.Connect(port_)) break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_FALSE(client.WriteRaw("\r\n"));
  const Reply reply = client.Read();
  stopper.join();
  ASSERT_FALSE(reply.error) << reply.error.message();
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(ErrorCode(reply), "shutting_down");
  EXPECT_FALSE(reply.keep_alive);
}

TEST_F(ServerTest, StopWithoutConnectionsAndFromTheDestructor) {
  StartServer();
  ASSERT_EQ(Get(port_, "/healthz").status, 200);
  server_->Stop(1);
  server_->Stop(1);
  server_.reset();
  HttpServer never_started(TestOptions(), EchoApp);
  never_started.Stop();
}

TEST_F(ServerTest, StopEndsWaitForSignal) {
  StartServer();
  std::jthread waiter([&] { server_->WaitForSignal(); });
  // Whether Stop comes before or after WaitForSignal installs its handler, it must return.
  server_->Stop(5);
  waiter.join();
  Client late;
  EXPECT_TRUE(late.Connect(port_));
}

TEST(ServerStartTest, PortInUseIsUnavailable) {
  HttpServer first(TestOptions(), EchoApp);
  ASSERT_TRUE(first.Start().ok());
  ServerOptions options = TestOptions();
  options.port = first.port();
  HttpServer second(options, EchoApp);
  const Status status = second.Start();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("127.0.0.1:" + std::to_string(first.port())));
  EXPECT_THAT(status.message(), HasSubstr("bind"));
  // The first server is unaffected.
  EXPECT_EQ(Get(first.port(), "/healthz").status, 200);
}

TEST(ServerStartTest, BadAddressIsUnavailable) {
  ServerOptions options = TestOptions();
  options.address = "300.1.2.3";
  HttpServer server(options, EchoApp);
  EXPECT_EQ(server.Start().code(), StatusCode::kUnavailable);
}

TEST(GzipTest, RoundTripsAndRejectsGarbage) {
  const std::string text = std::string(10000, 'x') + "丹凤县" + std::string(100, '\0');
  const std::string packed = GzipCompress(text);
  ASSERT_FALSE(packed.empty());
  ASSERT_GE(packed.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  const Result<std::string> unpacked = GzipDecompress(packed);
  ASSERT_TRUE(unpacked.ok()) << unpacked.status().ToString();
  EXPECT_EQ(*unpacked, text);
  EXPECT_EQ(*GzipDecompress(GzipCompress("")), "");
  EXPECT_EQ(GzipDecompress("not gzip at all").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GzipDecompress(packed.substr(0, packed.size() / 2)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(GzipDecompress(packed, 100).status().code(), StatusCode::kResourceExhausted);
}

TEST(GzipTest, AcceptEncoding) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, GZIP;q=0.5, br"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000, *"));
}

TEST(HttpRequestTest, Accessors) {
  HttpRequest request;
  request.headers["cookie"] = "a=1;  session = \"s p\" ; flag; b=";
  request.query.emplace("k", "first");
  request.query.emplace("k", "second");
  EXPECT_EQ(request.Header("cookie"), "a=1;  session = \"s p\" ; flag; b=");
  EXPECT_EQ(request.Header("x-none"), "");
  EXPECT_EQ(request.Cookie("a"), "1");
  EXPECT_EQ(request.Cookie("session"), "s p");
  EXPECT_EQ(request.Cookie("b"), "");
  EXPECT_EQ(request.Cookie("flag"), "");
  EXPECT_EQ(request.Cookie("c"), "");
  EXPECT_EQ(request.Query("k"), "first");
  EXPECT_EQ(request.Query("j"), "");
}

TEST(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(StaticFiles::ContentTypeFor("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentTypeFor("a.WOFF2"), "font/woff2");
  EXPECT_EQ(StaticFiles::ContentTypeFor("a.svg"), "image/svg+xml");
  EXPECT_EQ(StaticFiles::ContentTypeFor("a.map"), "application/json; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentTypeFor("a.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace xiezuo::api
