#include "api/api_handler.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <gd/store/connection_pool.hpp>

#include "api/api_error.hpp"

using namespace gd;
using json = nlohmann::json;

namespace {
net::http_request make(const std::string& method, const std::string& target, bool loopback = true) {
  net::http_request r;
  r.method = method;
  r.target = target;
  REQUIRE(net::parse_target(target, r.path, r.query));
  r.remote_address = loopback ? "127.0.0.1" : "203.0.113.9";
  r.remote_is_loopback = loopback;
  r.request_id = "test";
  return r;
}

struct fixture {
  api::router routes;
  api::static_files statics;
  app::metrics_registry metrics;

  fixture() {
    routes.add({"GET", "/api/items/{id}",
                [](const api::request_context& c) {
                  return api::json_response(200, {{"id", c.path_int("id")}, {"limit", c.query_int("limit", 50, 1, 500)}});
                },
                {"limit"}});
    routes.add({"POST", "/api/admin/thing", [](const api::request_context&) { return api::json_response(200, {{"ok", true}}); },
                {}, true});
    routes.add({"GET", "/api/boom", [](const api::request_context&) -> net::http_response {
                  throw std::runtime_error("secret internals: password=hunter2");
                }});
    routes.add({"GET", "/api/db", [](const api::request_context&) -> net::http_response {
                  throw store::db_unavailable("connection refused");
                }});
    routes.add({"GET", "/api/teapot", [](const api::request_context&) -> net::http_response {
                  throw api::api_error(418, "teapot", "short and stout");
                }});
  }
  api::api_handler handler(std::optional<std::string> key = std::nullopt) {
    return api::api_handler(routes, statics, metrics, api::handler_options{{"https://ok.example"}, std::move(key)});
  }
};

json body(const net::http_response& r) { return json::parse(r.body); }
}  // namespace

TEST_CASE("routing, path and query parameters", "[api]") {
  fixture f;
  auto h = f.handler();
  const auto r = h.handle(make("GET", "/api/items/42?limit=7"));
  CHECK(r.status == 200);
  CHECK(body(r)["id"] == 42);
  CHECK(body(r)["limit"] == 7);
  CHECK(r.route_label == "/api/items/{id}");
}

TEST_CASE("error mapping", "[api]") {
  fixture f;
  auto h = f.handler();
  auto expect = [&](const std::string& method, const std::string& target, int status, const std::string& code) {
    INFO(method << " " << target);
    const auto r = h.handle(make(method, target));
    CHECK(r.status == status);
    CHECK(body(r)["error"]["code"] == code);
    return r;
  };
  expect("GET", "/api/nothing", 404, "not_found");
  const auto r405 = expect("PUT", "/api/items/1", 405, "method_not_allowed");
  CHECK(std::find(r405.headers.begin(), r405.headers.end(), std::make_pair(std::string("Allow"), std::string("GET"))) !=
        r405.headers.end());
  expect("GET", "/api/items/1?limit=0", 400, "bad_request");
  expect("GET", "/api/items/1?limit=abc", 400, "bad_request");
  expect("GET", "/api/items/1?limitt=5", 400, "bad_request");
  expect("GET", "/api/items/-3", 400, "bad_request");
  expect("GET", "/api/teapot", 418, "teapot");
  const auto r503 = expect("GET", "/api/db", 503, "database_unavailable");
  CHECK(r503.body.find("connection refused") == std::string::npos);
  const auto r500 = expect("GET", "/api/boom", 500, "internal");
  CHECK(r500.body.find("hunter2") == std::string::npos);
  CHECK(r500.body.find("secret internals") == std::string::npos);
}

TEST_CASE("admin routes: loopback only without a key; the key when set", "[api][auth]") {
  fixture f;
  {
    auto open = f.handler();
    CHECK(open.handle(make("POST", "/api/admin/thing", true)).status == 200);
    CHECK(open.handle(make("POST", "/api/admin/thing", false)).status == 403);
  }
  auto keyed = f.handler(std::string("s3cret-key"));
  CHECK(keyed.handle(make("POST", "/api/admin/thing", true)).status == 401);   // loopback is not enough
  auto req = make("POST", "/api/admin/thing", false);
  req.headers["x-api-key"] = "s3cret-kez";
  CHECK(keyed.handle(req).status == 401);
  req.headers["x-api-key"] = "s3cret-key";
  CHECK(keyed.handle(req).status == 200);
}

TEST_CASE("constant-time secret comparison is still a comparison", "[api][auth]") {
  CHECK(api::secrets_equal("abc", "abc"));
  CHECK_FALSE(api::secrets_equal("abc", "abd"));
  CHECK_FALSE(api::secrets_equal("abc", "abcd"));
  CHECK_FALSE(api::secrets_equal("", "a"));
  CHECK(api::secrets_equal("", ""));
}

TEST_CASE("request metrics are recorded by route pattern", "[api][metrics]") {
  fixture f;
  auto h = f.handler();
  const auto req = make("GET", "/api/items/9");
  const auto resp = h.handle(req);
  h.on_complete(req, resp, std::chrono::microseconds(1500));
  const auto text = f.metrics.render();
  CHECK(text.find("gd_http_requests_total{route=\"/api/items/{id}\",method=\"GET\",status=\"200\"} 1") !=
        std::string::npos);
  CHECK(text.find("gd_http_request_duration_seconds_bucket{route=\"/api/items/{id}\",le=\"0.0025\"} 1") !=
        std::string::npos);
  CHECK(text.find("gd_http_request_duration_seconds_bucket{route=\"/api/items/{id}\",le=\"0.001\"} 0") !=
        std::string::npos);
}

TEST_CASE("target parsing and percent-decoding", "[api][http]") {
  std::string path;
  std::multimap<std::string, std::string> q;
  REQUIRE(net::parse_target("/a%20b/c?x=1&y=a+b%26c&flag&x=2", path, q));
  CHECK(path == "/a b/c");
  CHECK(q.count("x") == 2);
  CHECK(q.find("y")->second == "a b&c");
  CHECK(q.find("flag")->second.empty());
  CHECK_FALSE(net::parse_target("/x?y=%2", path, q));
  CHECK_FALSE(net::parse_target("/x%g1", path, q));
  CHECK_FALSE(net::parse_target("no-slash", path, q));
  CHECK(net::is_loopback_address("127.0.0.1"));
  CHECK(net::is_loopback_address("::1"));
  CHECK_FALSE(net::is_loopback_address("10.0.0.1"));
}
