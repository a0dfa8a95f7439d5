// The service with SNAPSHOT_PROVIDER=tradier against the fake Tradier server over real HTTP:
// chains generated for today in Tradier's exact shape, retries through 5xx faults, clear errors
// for a rejected token or a malformed body, and never a partial snapshot.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <gd/core/ny_time.hpp>
#include <gd/providers/simulated_market.hpp>
#include <gd/providers/tradier_format.hpp>

#include "fake_tradier.hpp"
#include "raw_http.hpp"
#include "service_process.hpp"
#include "test_postgres.hpp"

using namespace gd::test;
using json = nlohmann::json;

namespace {
const std::string token = "tok-integration-123";

// Registers today's SPX expirations, the chains within `max_dte` days and the SPX quote.
void serve_simulated_spx(gd::fakes::fake_tradier& fake, int max_dte) {
  static gd::system_clock_source clock;
  gd::providers::simulated_settings settings;
  settings.symbol = "SPX";
  gd::providers::simulated_market sim(clock, settings);
  const auto exps = sim.expirations("SPX");
  REQUIRE(exps);
  fake.set_body("/v1/markets/options/expirations", {{"symbol", "SPX"}},
                gd::providers::to_tradier_expirations_json(*exps).dump());
  const auto today = gd::ny_date(clock.now());
  for (const auto& e : gd::providers::expirations_within(*exps, today, max_dte)) {
    const auto chain = sim.chain("SPX", e);
    REQUIRE(chain);
    fake.set_body("/v1/markets/options/chains", {{"symbol", "SPX"}, {"expiration", gd::format_date(e)}},
                  gd::providers::to_tradier_chain_json(chain->chain).dump());
  }
  const auto quotes = sim.quotes({"SPX"});
  REQUIRE(quotes);
  fake.set_body("/v1/markets/quotes", {{"symbols", "SPX"}}, gd::providers::to_tradier_quotes_json(*quotes).dump());
}

std::map<std::string, std::string> service_env(const test_postgres& pg, const gd::fakes::fake_tradier& fake,
                                               const std::string& bearer) {
  char spool[] = "/tmp/gd-tradier-spool.XXXXXX";
  REQUIRE(::mkdtemp(spool) != nullptr);
  return {{"DATABASE_URL", pg.url()},          {"SNAPSHOT_PROVIDER", "tradier"},
          {"TRADIER_ACCESS_TOKEN", bearer},    {"TRADIER_BASE_URL", fake.base_url()},
          {"SNAPSHOT_DTE_TARGETS", "3"},       {"SNAPSHOT_FULL_CHAIN_MAX_DTE", "6"},
          {"SNAPSHOT_SPOOL_DIR", spool}};
}

long long snapshot_count(const test_postgres& pg) {
  pqxx::connection c(pg.url());
  pqxx::read_transaction tx(c);
  return tx.exec1("SELECT count(*) FROM chain_snapshots")[0].as<long long>() +
         tx.exec1("SELECT count(*) FROM option_quotes WHERE snapshot_id NOT IN (SELECT snapshot_id FROM chain_snapshots)")[0]
             .as<long long>();
}
}  // namespace

TEST_CASE("tradier provider end to end: stored, verified, retried through faults", "[integration][tradier]") {
  test_postgres pg;
  gd::fakes::fake_tradier fake({token});
  fake.start();
  serve_simulated_spx(fake, 10);
  service_process svc(service_env(pg, fake, token));
  REQUIRE(svc.wait_healthy());

  // Two 500s on the chain endpoint: the client retries and the run still succeeds.
  fake.push_fault("/v1/markets/options/chains", gd::fakes::fault::server_error(500), 2);
  const auto run = http_request(svc.port(), "POST", "/api/admin/run-snapshot");
  REQUIRE(run);
  INFO(run->body);
  REQUIRE(run->status == 200);
  const auto body = json::parse(run->body);
  CHECK(body["provider"] == "tradier");
  CHECK(body["errors"].empty());
  REQUIRE(body["inserted"].size() == 1);
  CHECK(body["inserted"][0]["target_dte"] == 3);
  REQUIRE(body["full_chain"].is_object());
  CHECK(body["full_chain"]["contracts"].get<int>() > 100);
  CHECK(fake.pending_faults("/v1/markets/options/chains") == 0);

  // Every request carried the token and asked for JSON.
  for (const auto& r : fake.requests()) {
    CHECK(r.header("authorization") == "Bearer " + token);
    CHECK(r.header("accept") == "application/json");
  }
  const long long id = body["inserted"][0]["snapshot_id"];
  const auto verify = http_get(svc.port(), "/api/chain-snapshots/" + std::to_string(id) + "/verify");
  REQUIRE(verify);
  CHECK(json::parse(verify->body)["ok"] == true);
  const auto levels = http_get(svc.port(), "/api/exposure/levels?underlying=SPX");
  REQUIRE(levels);
  CHECK(levels->status == 200);
  CHECK(json::parse(levels->body)["items"][0]["provider"] == "tradier");
  CHECK(svc.log().find(token) == std::string::npos);   // the token never reaches the log
}

TEST_CASE("tradier provider end to end: vendor faults give clear errors and store nothing",
          "[integration][tradier]") {
  test_postgres pg;
  gd::fakes::fake_tradier fake({token});
  fake.start();
  serve_simulated_spx(fake, 10);

  SECTION("a rejected token") {
    const std::string wrong = "wrong-token-456";
    service_process svc(service_env(pg, fake, wrong));
    REQUIRE(svc.wait_healthy());
    const auto run = http_request(svc.port(), "POST", "/api/admin/run-snapshot");
    REQUIRE(run);
    CHECK(run->status == 502);
    const auto body = json::parse(run->body);
    CHECK(body["error"]["code"] == "vendor_error");
    CHECK(body["error"]["message"].get<std::string>().find("TRADIER_ACCESS_TOKEN") != std::string::npos);
    CHECK(run->body.find(wrong) == std::string::npos);
    CHECK(svc.log().find(wrong) == std::string::npos);
    CHECK(snapshot_count(pg) == 0);
  }

  SECTION("a malformed chain body fails that snapshot only; a truncated one is retried") {
    service_process svc(service_env(pg, fake, token));
    REQUIRE(svc.wait_healthy());
    fake.push_fault("/v1/markets/options/chains", gd::fakes::fault::malformed_json(), 1);
    const auto run = http_request(svc.port(), "POST", "/api/admin/run-snapshot");
    REQUIRE(run);
    REQUIRE(run->status == 200);
    const auto body = json::parse(run->body);
    // The first chain request (the 3-DTE target) got garbage: no target snapshot, an error naming
    // the endpoint; the full chain that followed is stored whole.
    CHECK(body["inserted"].empty());
    REQUIRE(body["errors"].size() == 1);
    CHECK(body["errors"][0].get<std::string>().find("chains") != std::string::npos);
    CHECK(body["full_chain"].is_object());
    CHECK(snapshot_count(pg) == 1);

    fake.push_fault("/v1/markets/options/chains", gd::fakes::fault::truncated(), 1);
    const auto again = http_request(svc.port(), "POST", "/api/admin/run-snapshot");
    REQUIRE(again);
    CHECK(json::parse(again->body)["errors"].empty());
    CHECK(http_get(svc.port(), "/health")->status == 200);
  }
}
