// Keeps docs/api/openapi.yaml and the router in step: every registered route must be
// documented, and every documented operation (except the server's own /healthz and
// /metrics) must be registered. No YAML library is installed, so this reads only what it
// needs: the keys of the top-level `paths:` map (two-space indent) and the method keys
// under each (four-space indent).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "api/app.h"
#include "core/clock.h"
#include "store/store.h"

namespace xiezuo::api {
namespace {

using ::testing::IsSupersetOf;
using ::testing::UnorderedElementsAre;

// "METHOD /path" for every operation under `paths:`; methods upper-cased.
std::set<std::string> DocumentedOperations(const std::string& yaml) {
  static const std::set<std::string> kMethods = {"get",   "put",  "post",    "delete",
                                                 "patch", "head", "options", "trace"};
  std::set<std::string> ops;
  std::istringstream in(yaml);
  std::string line;
  bool in_paths = false;
  std::string path;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos || line[indent] == '#') continue;  // blank or comment
    if (indent == 0) {
      in_paths = line.rfind("paths:", 0) == 0;
      path.clear();
      continue;
    }
    if (!in_paths) continue;
    std::string key = line.substr(indent);
    // The key ends at the first ':' followed by a space or the end of the line.
    size_t end = std::string::npos;
    for (size_t i = 0; i < key.size() && end == std::string::npos; ++i) {
      if (key[i] == ':' && (i + 1 == key.size() || key[i + 1] == ' ')) end = i;
    }
    if (end == std::string::npos) continue;
    key = key.substr(0, end);
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') &&
        key.back() == key.front()) {
      key = key.substr(1, key.size() - 2);
    }
    if (indent == 2) {
      path = key;
    } else if (indent == 4 && !path.empty() && kMethods.count(key) != 0) {
      std::string method = key;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      ops.insert(method + " " + path);
    }
  }
  return ops;
}

std::string SourceDir() {
  const char* env = std::getenv("XIEZUO_SOURCE_DIR");
  if (env != nullptr && *env != '\0') return env;
  return XIEZUO_SOURCE_DIR;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string file = SourceDir() + "/docs/api/openapi.yaml";
    std::ifstream in(file);
    ASSERT_TRUE(in.good()) << "cannot read " << file;
    std::stringstream text;
    text << in.rdbuf();
    yaml_ = text.str();
    documented_ = DocumentedOperations(yaml_);

    auto store = store::OpenStore("sqlite::memory:", 1);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    app_ = std::make_unique<App>(
        *store_, clock_, AppOptions{.auth = AuthOptions{.password_cost = PasswordCost::kMinimum}});
  }

  std::string yaml_;
  std::set<std::string> documented_;
  FakeClock clock_{1'800'000'000};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<App> app_;
};

TEST(OpenApiParserTest, ReadsPathAndMethodKeysOnly) {
  const std::string yaml =
      "openapi: 3.0.3\n"
      "info:\n"
      "  title: t\n"
      "paths:\n"
      "  # a comment\n"
      "  /a/{id}:\n"
      "    parameters:\n"
      "      - name: id\n"
      "    get:\n"
      "      responses:\n"
      "        '200':\n"
      "          description: ok\n"
      "          content:\n"
      "            post: {}\n"
      "    delete:\n"
      "      summary: \"x: y\"\n"
      "  '/b':\n"
      "    post: {summary: b}\n"
      "    x-put:\n"
      "components:\n"
      "  schemas:\n"
      "    get:\n"
      "      type: object\n";
  EXPECT_THAT(DocumentedOperations(yaml),
              UnorderedElementsAre("GET /a/{id}", "DELETE /a/{id}", "POST /b"));
}

TEST_F(OpenApiTest, IsOpenApi303) {
  EXPECT_EQ(yaml_.rfind("openapi: 3.0.3", 0), 0u) << "the file must start with openapi: 3.0.3";
}

TEST_F(OpenApiTest, EveryRegisteredRouteIsDocumented) {
  ASSERT_FALSE(app_->router().routes().empty());
  for (const Route& route : app_->router().routes()) {
    std::string op = route.method + " " + route.pattern;
    EXPECT_TRUE(documented_.count(op) == 1) << op << " is not in docs/api/openapi.yaml";
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsRegistered) {
  std::set<std::string> registered = {"GET /healthz", "GET /metrics"};
  for (const Route& route : app_->router().routes()) {
    registered.insert(route.method + " " + route.pattern);
  }
  for (const std::string& op : documented_) {
    EXPECT_TRUE(registered.count(op) == 1)
        << op << " is documented in docs/api/openapi.yaml but no route serves it";
  }
}

TEST_F(OpenApiTest, DocumentsTheServersOwnEndpoints) {
  EXPECT_THAT(documented_, IsSupersetOf({"GET /healthz", "GET /metrics"}));
}

TEST_F(OpenApiTest, DocumentsTheSessionCookieAndCsrfHeader) {
  EXPECT_NE(yaml_.find("xiezuo_session"), std::string::npos);
  EXPECT_NE(yaml_.find("X-CSRF-Token"), std::string::npos);
}

}  // namespace
}  // namespace xiezuo::api
