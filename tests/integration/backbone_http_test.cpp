// HTTP behaviour of the running service over real loopback sockets: exact /health, JSON errors
// with the right status, limits, keep-alive, slow clients, request ids, CORS.
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "raw_http.hpp"
#include "service_process.hpp"
#include "test_postgres.hpp"

using namespace gd::test;
using json = nlohmann::json;

namespace {
test_postgres& cluster() {
  static test_postgres pg;
  return pg;
}

service_process& service() {
  static service_process svc({{"DATABASE_URL", cluster().url()},
                              {"HTTP_MAX_BODY_BYTES", "4096"},
                              {"HTTP_MAX_HEADER_BYTES", "4096"},
                              {"HTTP_READ_TIMEOUT_MS", "700"},
                              {"CORS_ORIGINS", "http://localhost:5173,https://desk.example"}});
  static const bool healthy = svc.wait_healthy();
  REQUIRE(healthy);
  return svc;
}

void check_error(const raw_response& r, int status, const std::string& code) {
  CHECK(r.status == status);
  CHECK(r.headers.at("content-type") == "application/json");
  const auto body = json::parse(r.body);
  CHECK(body["error"]["code"] == code);
  CHECK(body["error"]["message"].is_string());
  CHECK(!body["error"]["message"].get<std::string>().empty());
}
}  // namespace

TEST_CASE("GET /health answers exactly {\"status\":\"ok\"}", "[integration][http]") {
  const auto r = http_get(service().port(), "/health");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == R"({"status":"ok"})");
  CHECK(r->headers.at("content-type") == "application/json");
  CHECK(!r->headers.at("x-request-id").empty());
}

TEST_CASE("/ready reports the database and migrations", "[integration][http]") {
  const auto r = http_get(service().port(), "/ready");
  REQUIRE(r);
  CHECK(r->status == 200);
  const auto body = json::parse(r->body);
  CHECK(body["status"] == "ready");
  CHECK(body["checks"]["database"] == "ok");
}

TEST_CASE("errors are JSON with the right status", "[integration][http]") {
  const int port = service().port();
  SECTION("unknown route is 404") { check_error(*http_get(port, "/api/does-not-exist"), 404, "not_found"); }
  SECTION("wrong method is 405 with Allow") {
    const auto r = http_request(port, "DELETE", "/health");
    REQUIRE(r);
    check_error(*r, 405, "method_not_allowed");
    CHECK(r->headers.at("allow") == "GET");
  }
  SECTION("unknown query parameter is 400") { check_error(*http_get(port, "/api/info?limt=5"), 400, "bad_request"); }
  SECTION("malformed percent-encoding is 400") { check_error(*http_get(port, "/health?x=%zz"), 400, "bad_request"); }
  SECTION("a body over the limit is 413") {
    const auto r = http_request(port, "POST", "/health", std::string(8192, 'x'));
    REQUIRE(r);
    check_error(*r, 413, "payload_too_large");
  }
  SECTION("headers over the limit are 431") {
    const auto r = http_get(port, "/health", {{"X-Padding", std::string(8192, 'a')}});
    REQUIRE(r);
    check_error(*r, 431, "headers_too_large");
  }
  SECTION("a malformed request line is 400") {
    raw_connection c(port);
    REQUIRE(c.send("GARBAGE\r\n\r\n"));
    const auto r = c.read_response();
    REQUIRE(r);
    check_error(*r, 400, "bad_request");
  }
}

TEST_CASE("keep-alive serves several requests on one connection", "[integration][http]") {
  raw_connection c(service().port());
  REQUIRE(c.connected());
  for (int i = 0; i < 3; ++i) {
    REQUIRE(c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto r = c.read_response();
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->headers.count("connection") == 0);   // HTTP/1.1 default: keep-alive
  }
  // Two pipelined requests in one write come back in order.
  REQUIRE(c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/nope HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto a = c.read_response();
  const auto b = c.read_response();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->status == 200);
  CHECK(b->status == 404);
}

TEST_CASE("a slow client is timed out", "[integration][http]") {
  raw_connection c(service().port());
  REQUIRE(c.connected());
  REQUIRE(c.send("GET /health HTTP/1.1\r\nHost: x\r\n"));   // never finishes its headers
  CHECK(c.closed_by_peer(std::chrono::seconds(5)));
  // ...and an idle keep-alive connection too.
  raw_connection idle(service().port());
  CHECK(idle.closed_by_peer(std::chrono::seconds(5)));
  // The server is still fine.
  const auto r = http_get(service().port(), "/health");
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("a client's X-Request-Id is echoed; a bad one is replaced", "[integration][http]") {
  const auto r = http_get(service().port(), "/health", {{"X-Request-Id", "trace-abc_123"}});
  REQUIRE(r);
  CHECK(r->headers.at("x-request-id") == "trace-abc_123");
  const auto bad = http_get(service().port(), "/health", {{"X-Request-Id", "no spaces allowed"}});
  REQUIRE(bad);
  CHECK(bad->headers.at("x-request-id") != "no spaces allowed");
}

TEST_CASE("CORS allows only the configured origins", "[integration][http]") {
  const auto ok = http_get(service().port(), "/api/info", {{"Origin", "https://desk.example"}});
  REQUIRE(ok);
  CHECK(ok->headers.at("access-control-allow-origin") == "https://desk.example");
  const auto other = http_get(service().port(), "/api/info", {{"Origin", "https://evil.example"}});
  REQUIRE(other);
  CHECK(other->headers.count("access-control-allow-origin") == 0);
  const auto preflight = http_request(service().port(), "OPTIONS", "/api/info", "",
                                      {{"Origin", "http://localhost:5173"}, {"Access-Control-Request-Method", "GET"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->headers.at("access-control-allow-origin") == "http://localhost:5173");
}

TEST_CASE("/metrics exposes request counts, latency, pool usage and build info", "[integration][http]") {
  REQUIRE(http_get(service().port(), "/health"));
  const auto r = http_get(service().port(), "/metrics");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->headers.at("content-type").rfind("text/plain", 0) == 0);
  CHECK(r->body.find("gd_http_requests_total{route=\"/health\",method=\"GET\",status=\"200\"}") != std::string::npos);
  CHECK(r->body.find("gd_http_request_duration_seconds_bucket{route=\"/health\",le=\"+Inf\"}") != std::string::npos);
  CHECK(r->body.find("gd_db_pool_connections{state=\"size\"}") != std::string::npos);
  CHECK(r->body.find("gd_build_info{version=") != std::string::npos);
}

TEST_CASE("/openapi.json is an OpenAPI 3 document", "[integration][http]") {
  const auto r = http_get(service().port(), "/openapi.json");
  REQUIRE(r);
  const auto doc = json::parse(r->body);
  CHECK(doc["openapi"].get<std::string>().rfind("3.", 0) == 0);
  CHECK(doc["paths"].contains("/health"));
}
