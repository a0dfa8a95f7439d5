// The service as a process: graceful SIGTERM/SIGINT, readiness following the database down and
// up, starting before the database is reachable, and the command-line modes.
#include <signal.h>

#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "raw_http.hpp"
#include "service_process.hpp"
#include "test_postgres.hpp"

using namespace gd::test;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {
// Polls GET path until it answers `status` or the timeout passes.
bool eventually_status(int port, const std::string& path, int status, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto r = http_get(port, path);
    if (r && r->status == status) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}
}  // namespace

TEST_CASE("SIGTERM and SIGINT stop the service with exit code 0 within 10 s", "[integration][process]") {
  test_postgres pg;
  for (int sig : {SIGTERM, SIGINT}) {
    service_process svc({{"DATABASE_URL", pg.url()}});
    REQUIRE(svc.wait_healthy());
    // An idle keep-alive connection must not hold shutdown up.
    raw_connection idle(svc.port());
    REQUIRE(idle.connected());
    const auto started = std::chrono::steady_clock::now();
    const auto code = svc.stop(sig, 10s);
    REQUIRE(code.has_value());
    CHECK(*code == 0);
    CHECK(std::chrono::steady_clock::now() - started < 10s);
    CHECK(svc.log().find("shutting down") != std::string::npos);
  }
}

TEST_CASE("/ready follows the database going down and coming back", "[integration][process]") {
  test_postgres pg;
  service_process svc({{"DATABASE_URL", pg.url()}});
  REQUIRE(svc.wait_healthy());
  REQUIRE(eventually_status(svc.port(), "/ready", 200, 10s));

  pg.stop();
  REQUIRE(eventually_status(svc.port(), "/ready", 503, 10s));
  const auto down = http_get(svc.port(), "/ready");
  REQUIRE(down);
  CHECK(json::parse(down->body)["checks"]["database"] == "unreachable");
  CHECK(json::parse(down->body)["error"]["code"] == "database_unavailable");
  const auto health = http_get(svc.port(), "/health");
  REQUIRE(health);
  CHECK(health->status == 200);   // liveness does not depend on the database

  pg.start();
  CHECK(eventually_status(svc.port(), "/ready", 200, 15s));
  CHECK(svc.running());
}

TEST_CASE("the service starts before the database and migrates once it is reachable", "[integration][process]") {
  test_postgres pg;
  const std::string url = pg.url();
  pg.stop();
  service_process svc({{"DATABASE_URL", url}});
  REQUIRE(svc.wait_healthy());
  const auto r = http_get(svc.port(), "/ready");
  REQUIRE(r);
  CHECK(r->status == 503);
  CHECK(json::parse(r->body)["checks"]["migrations"] == "pending");
  pg.start();
  CHECK(eventually_status(svc.port(), "/ready", 200, 15s));
  CHECK(svc.log().find("migration applied: 0001_core_tables") != std::string::npos);
}

TEST_CASE("--version, --help and --check-config", "[integration][cli]") {
  std::string out;
  REQUIRE(run_gammadesk({"--version"}, {}, &out) == 0);
  CHECK(out.rfind("gammadesk ", 0) == 0);
  CHECK(out.find('(') != std::string::npos);   // the git SHA in parentheses

  REQUIRE(run_gammadesk({"--help"}, {}, &out) == 0);
  CHECK(out.find("--check-config") != std::string::npos);

  SECTION("valid configuration prints every setting with secrets masked") {
    REQUIRE(run_gammadesk({"--check-config"},
                          {{"DATABASE_URL", "postgresql://app:hunter2@db.internal:5432/gd"},
                           {"ADMIN_API_KEY", "admin-secret-value"},
                           {"TRADIER_ACCESS_TOKEN", "tradier-secret-token"}},
                          &out) == 0);
    CHECK(out.find("hunter2") == std::string::npos);
    CHECK(out.find("admin-secret-value") == std::string::npos);
    CHECK(out.find("tradier-secret-token") == std::string::npos);
    CHECK(out.find("DATABASE_URL=postgresql://app:****@db.internal:5432/gd") != std::string::npos);
    CHECK(out.find("ADMIN_API_KEY=****") != std::string::npos);
    CHECK(out.find("SNAPSHOT_PROVIDER=(auto: tradier)") != std::string::npos);
    CHECK(out.find("PORT=") != std::string::npos);
  }
  SECTION("an invalid value exits 1 with one line naming the variable") {
    CHECK(run_gammadesk({"--check-config"}, {{"DATABASE_URL", "postgresql://x@y/z"}, {"SNAPSHOT_INTERVAL_MINUTES", "0"}},
                        &out) == 1);
    CHECK(out.find("SNAPSHOT_INTERVAL_MINUTES") != std::string::npos);
    CHECK(std::count(out.begin(), out.end(), '\n') == 1);
  }
  SECTION("an unknown argument exits 2") { CHECK(run_gammadesk({"--frobnicate"}, {}, &out) == 2); }
}
