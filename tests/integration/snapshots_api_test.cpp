// Snapshots through the running service with the simulated market and a real Postgres:
// the API contract, checksums that verify (and stop verifying when a row is altered), admin
// authentication, and the spool carrying a snapshot across a database outage exactly once.
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <gd/core/canonical_json.hpp>

#include "raw_http.hpp"
#include "service_process.hpp"
#include "test_postgres.hpp"

using namespace gd::test;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {
const std::string admin_key = "test-admin-key-123";

std::string temp_dir(const char* prefix) {
  std::string tmpl = std::string("/tmp/") + prefix + ".XXXXXX";
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  return tmpl;
}

json post_snapshot(int port) {
  const auto r = http_request(port, "POST", "/api/admin/run-snapshot", "", {{"X-API-Key", admin_key}});
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 200);
  return json::parse(r->body);
}

json get_json(int port, const std::string& target) {
  const auto r = http_get(port, target);
  REQUIRE(r);
  INFO(target << " -> " << r->body.substr(0, 300));
  REQUIRE(r->status == 200);
  return json::parse(r->body);
}
}  // namespace

TEST_CASE("a forced snapshot is stored, listed, verified and tamper-evident", "[integration][snapshots]") {
  test_postgres pg;
  service_process svc({{"DATABASE_URL", pg.url()}, {"ADMIN_API_KEY", admin_key},
                       {"SNAPSHOT_SPOOL_DIR", temp_dir("gd-spool")}, {"SNAPSHOT_FULL_CHAIN_MAX_DTE", "10"}});
  REQUIRE(svc.wait_healthy());
  const int port = svc.port();

  const auto run = post_snapshot(port);
  CHECK(run["skipped"] == false);
  CHECK(run["provider"] == "simulated");
  CHECK(run["errors"].empty());
  REQUIRE(run["inserted"].size() == 3);   // SNAPSHOT_DTE_TARGETS=3,5,7
  for (const auto& item : run["inserted"]) {
    CHECK(item.contains("target_dte"));
    CHECK(item.contains("expiration"));
    CHECK(item.contains("actual_dte_days"));
    CHECK(item["checksum"].get<std::string>().size() == 64);
    CHECK(item["snapshot_id"].is_number());
  }
  REQUIRE(run["full_chain"].is_object());
  CHECK(run["full_chain"]["contracts"].get<int>() > 1000);

  SECTION("the list has the original specification's fields, newest first") {
    const auto list = get_json(port, "/api/chain-snapshots?limit=50");
    REQUIRE(list["items"].size() == 4);
    long long previous = std::numeric_limits<long long>::max();
    for (const auto& item : list["items"]) {
      for (const char* key : {"snapshot_id", "ts", "underlying", "target_dte", "expiration", "checksum"}) {
        CHECK(item.contains(key));
      }
      CHECK(item["provider"] == "simulated");
      CHECK(item["snapshot_id"].get<long long>() < previous);
      previous = item["snapshot_id"].get<long long>();
    }
    const auto page = get_json(port, "/api/chain-snapshots?limit=2");
    REQUIRE(page["items"].size() == 2);
    REQUIRE(page["next_cursor"].is_string());
    const auto rest = get_json(port, "/api/chain-snapshots?limit=2&cursor=" + page["next_cursor"].get<std::string>());
    CHECK(rest["items"].size() == 2);
    CHECK(get_json(port, "/api/chain-snapshots?kind=full_chain")["items"].size() == 1);
    CHECK(get_json(port, "/api/chain-snapshots?underlying=SPY")["items"].empty());
    CHECK(http_get(port, "/api/chain-snapshots?limit=501")->status == 400);
    CHECK(http_get(port, "/api/chain-snapshots?from=yesterday")->status == 400);
  }

  SECTION("contracts match the stored count and the payload") {
    const long long id = run["inserted"][0]["snapshot_id"];
    const auto contracts = get_json(port, "/api/chain-snapshots/" + std::to_string(id) + "/contracts");
    const auto one = get_json(port, "/api/chain-snapshots/" + std::to_string(id));
    CHECK(contracts["count"] == one["contract_count"]);
    CHECK(contracts["items"].size() == contracts["count"].get<std::size_t>());
    CHECK(one["payload"].is_object());
    CHECK(gd::payload_checksum(one["payload"]) == one["checksum"]);   // recomputable by anyone
    CHECK(http_get(port, "/api/chain-snapshots/999999")->status == 404);
    CHECK(http_get(port, "/api/chain-snapshots/abc")->status == 400);
  }

  SECTION("verify is true for stored rows and false once a row is altered in the database") {
    for (const auto& item : get_json(port, "/api/chain-snapshots")["items"]) {
      const auto v = get_json(port, "/api/chain-snapshots/" + std::to_string(item["snapshot_id"].get<long long>()) + "/verify");
      CHECK(v["ok"] == true);
      CHECK(v["computed_checksum"] == v["stored_checksum"]);
    }
    const long long id = run["inserted"][1]["snapshot_id"];
    {
      pqxx::connection c(pg.url());
      pqxx::work tx(c);
      tx.exec_params("UPDATE chain_snapshots SET payload_json = jsonb_set(payload_json, '{tampered}', 'true') "
                     "WHERE snapshot_id = $1", id);
      tx.commit();
    }
    const auto v = get_json(port, "/api/chain-snapshots/" + std::to_string(id) + "/verify");
    CHECK(v["ok"] == false);
    CHECK(v["computed_checksum"] != v["stored_checksum"]);
  }

  SECTION("realized vol answers (null until enough prices exist)") {
    const auto rv = get_json(port, "/api/realized-vol?underlying=SPX");
    CHECK(rv["bars"].get<int>() >= 1);
    CHECK(rv["rv_1d"].is_null());
  }
}

TEST_CASE("admin endpoints need the key when one is set", "[integration][snapshots][auth]") {
  test_postgres pg;
  service_process svc({{"DATABASE_URL", pg.url()}, {"ADMIN_API_KEY", admin_key},
                       {"SNAPSHOT_SPOOL_DIR", temp_dir("gd-spool")}, {"SNAPSHOT_FULL_CHAIN_MAX_DTE", "0"}});
  REQUIRE(svc.wait_healthy());
  const auto none = http_request(svc.port(), "POST", "/api/admin/run-snapshot");
  REQUIRE(none);
  CHECK(none->status == 401);
  const auto wrong = http_request(svc.port(), "POST", "/api/admin/run-snapshot", "", {{"X-API-Key", "nope"}});
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(json::parse(wrong->body)["error"]["code"] == "unauthorized");
  const auto exps = http_get(svc.port(), "/api/admin/expirations?symbol=SPX", {{"X-API-Key", admin_key}});
  REQUIRE(exps);
  CHECK(exps->status == 200);
  CHECK(json::parse(exps->body)["expirations"].size() > 20);
  CHECK(svc.log().find(admin_key) == std::string::npos);   // the key is never logged
}

TEST_CASE("with Postgres down a forced snapshot is spooled and lands exactly once when it is back",
          "[integration][snapshots][spool]") {
  test_postgres pg;
  const std::string spool = temp_dir("gd-spool");
  service_process svc({{"DATABASE_URL", pg.url()}, {"ADMIN_API_KEY", admin_key}, {"SNAPSHOT_SPOOL_DIR", spool},
                       {"SNAPSHOT_FULL_CHAIN_MAX_DTE", "0"}, {"SNAPSHOT_DTE_TARGETS", "3"}});
  REQUIRE(svc.wait_healthy());
  REQUIRE(http_get(svc.port(), "/ready")->status == 200);

  pg.stop();
  const auto run = post_snapshot(svc.port());
  REQUIRE(run["inserted"].size() == 1);
  CHECK(run["inserted"][0]["spooled"] == true);
  CHECK(run["inserted"][0]["snapshot_id"].is_null());
  const std::string checksum = run["inserted"][0]["checksum"];
  CHECK(http_get(svc.port(), "/api/chain-snapshots")->status == 503);

  std::this_thread::sleep_for(1500ms);   // the drainer keeps failing quietly meanwhile
  pg.start();
  // The drainer runs every second; wait for the snapshot to appear.
  json items;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto r = http_get(svc.port(), "/api/chain-snapshots");
    if (r && r->status == 200) {
      items = json::parse(r->body)["items"];
      if (!items.empty()) break;
    }
    std::this_thread::sleep_for(200ms);
  }
  REQUIRE(items.size() == 1);
  CHECK(items[0]["checksum"] == checksum);
  // It keeps the time it was taken, not the time it was stored.
  const std::string ts = items[0]["ts"];
  const std::string now_et = run["now_et"];
  CHECK(ts.substr(0, 10) <= now_et.substr(0, 10));
  std::this_thread::sleep_for(2500ms);   // further drain ticks must not insert it again
  pqxx::connection c(pg.url());
  pqxx::read_transaction tx(c);
  CHECK(tx.exec_params1("SELECT count(*) FROM chain_snapshots WHERE checksum = $1", checksum)[0].as<int>() == 1);
  CHECK(tx.exec1("SELECT count(*) FROM option_quotes")[0].as<int>() == items[0]["contract_count"].get<int>());
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(spool)) files += e.path().extension() == ".json";
  CHECK(files == 0);
}
