// Exposure endpoints against the running service with a stored simulated snapshot: the report's
// invariants, agreement between endpoints, stored history, CSV, and parameter validation.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "raw_http.hpp"
#include "service_process.hpp"
#include "test_postgres.hpp"

using namespace gd::test;
using json = nlohmann::json;

namespace {
json get_json(int port, const std::string& target, int status = 200) {
  const auto r = http_get(port, target);
  REQUIRE(r);
  INFO(target << " -> " << r->body.substr(0, 400));
  REQUIRE(r->status == status);
  return json::parse(r->body);
}

double rel_diff(double a, double b) { return std::abs(a - b) / std::max({1.0, std::abs(a), std::abs(b)}); }
}  // namespace

TEST_CASE("exposure endpoints on a stored snapshot", "[integration][exposure]") {
  test_postgres pg;
  char spool[] = "/tmp/gd-exp-spool.XXXXXX";
  REQUIRE(::mkdtemp(spool) != nullptr);
  service_process svc({{"DATABASE_URL", pg.url()}, {"SNAPSHOT_SPOOL_DIR", spool}, {"SNAPSHOT_FULL_CHAIN_MAX_DTE", "30"}});
  REQUIRE(svc.wait_healthy());
  const int port = svc.port();

  // Before any snapshot: a clear 404 that says what to do.
  const auto none = get_json(port, "/api/exposure/levels?underlying=SPX", 404);
  CHECK(none["error"]["message"].get<std::string>().find("run-snapshot") != std::string::npos);

  const auto run = http_request(port, "POST", "/api/admin/run-snapshot");   // loopback, no key set
  REQUIRE(run);
  REQUIRE(run->status == 200);
  const long long full_id = json::parse(run->body)["full_chain"]["snapshot_id"];

  const auto report = get_json(port, "/api/exposure?underlying=SPX");
  CHECK(report["snapshot_id"] == full_id);
  CHECK(report["provider"] == "simulated");
  CHECK(report["parameters"]["unit"] == "usd_per_1pct_move");

  SECTION("sign conventions and totals") {
    double call = 0, put = 0, net = 0;
    for (const auto& s : report["strikes"]) {
      CHECK(s["call_gex"].get<double>() >= 0.0);
      CHECK(s["put_gex"].get<double>() <= 0.0);
      call += s["call_gex"].get<double>();
      put += s["put_gex"].get<double>();
      net += s["net_gex"].get<double>();
    }
    const auto& t = report["totals"];
    CHECK(rel_diff(call, t["call_gex"]) < 1e-9);   // no strike window: strikes sum to the totals
    CHECK(rel_diff(put, t["put_gex"]) < 1e-9);
    CHECK(rel_diff(net, t["net_gex"]) < 1e-9);
    CHECK(t["contracts_used"].get<int>() > 1000);

    const auto by_expiry = get_json(port, "/api/exposure/by-expiry?underlying=SPX");
    double expiry_net = 0;
    for (const auto& e : by_expiry["items"]) expiry_net += e["net_gex"].get<double>();
    CHECK(rel_diff(expiry_net, t["net_gex"]) < 1e-9);

    const auto inverse = get_json(port, "/api/exposure?underlying=SPX&dealer=inverse");
    CHECK(rel_diff(inverse["totals"]["net_gex"], -t["net_gex"].get<double>()) < 1e-9);
  }

  SECTION("levels agree between endpoints and the history stores them") {
    const auto levels = get_json(port, "/api/exposure/levels?underlying=SPX,QQQ");
    REQUIRE(levels["items"].size() == 1);
    CHECK(levels["missing"] == json::array({"QQQ"}));
    const auto& item = levels["items"][0];
    CHECK(item["snapshot_id"] == full_id);
    CHECK(item["net_gex"] == report["levels"]["net_gex"]);
    CHECK(item["call_wall"] == report["levels"]["call_wall"]);
    CHECK(item["put_wall"] == report["levels"]["put_wall"]);
    if (!item["call_wall"].is_null()) CHECK(item["call_wall"].get<double>() >= item["spot"].get<double>());
    if (!item["put_wall"].is_null()) CHECK(item["put_wall"].get<double>() <= item["spot"].get<double>());

    const auto profile = get_json(port, "/api/exposure/profile?underlying=SPX");
    CHECK(profile["levels"].size() == 300);
    CHECK(profile["gamma_flip"] == item["gamma_flip"]);

    const auto history = get_json(port, "/api/exposure/history?underlying=SPX");
    REQUIRE(history["items"].size() == 1);
    CHECK(history["items"][0]["snapshot_id"] == full_id);
    CHECK(history["items"][0]["net_gex"] == item["net_gex"]);
    pqxx::connection c(pg.url());
    pqxx::read_transaction tx(c);
    // all, 0dte, opex and one bucket per DTE target (3, 5, 7)
    CHECK(tx.exec1("SELECT count(*) FROM exposure_results")[0].as<int>() == 6);
  }

  SECTION("scopes, windows, CSV, heatmap and the chain") {
    const auto zero = get_json(port, "/api/exposure?scope=0dte");
    CHECK(zero["scope"]["kind"] == "0dte");
    CHECK(zero["scope"]["expirations"].size() == 1);
    const auto narrow = get_json(port, "/api/exposure?strike_window_pct=2");
    CHECK(narrow["strikes"].size() < report["strikes"].size());
    CHECK(narrow["totals"]["net_gex"] == report["totals"]["net_gex"]);   // the window trims the series only

    const auto csv = http_get(port, "/api/exposure?format=csv");
    REQUIRE(csv);
    CHECK(csv->headers.at("content-type").rfind("text/csv", 0) == 0);
    CHECK(csv->body.rfind("strike,call_gex,put_gex,net_gex", 0) == 0);

    const auto heat = get_json(port, "/api/exposure/heatmap");
    CHECK(heat["values"].size() == heat["expirations"].size());
    CHECK(heat["values"][0].size() == heat["strikes"].size());

    const auto chain = get_json(port, "/api/chain?underlying=SPX");
    const auto one = get_json(port, "/api/chain-snapshots/" + std::to_string(full_id));
    CHECK(chain["items"].size() == one["contract_count"].get<std::size_t>());
    int ours = 0;
    for (const auto& c : chain["items"]) ours += c["iv"].is_number();
    CHECK(ours > static_cast<int>(chain["items"].size()) / 2);
  }

  SECTION("every parameter is validated") {
    for (const char* bad : {"/api/exposure?scope=weekly", "/api/exposure?dealer=long", "/api/exposure?gamma_source=bs",
                            "/api/exposure?time_basis=lunar", "/api/exposure?rate=3", "/api/exposure?profile_levels=1",
                            "/api/exposure?strike_window_pct=-1", "/api/exposure?format=xml",
                            "/api/exposure/heatmap?metric=oi", "/api/exposure?underlying=S%20P", "/api/exposure?foo=1",
                            "/api/exposure/history?from=later"}) {
      INFO(bad);
      const auto r = http_get(port, bad);
      REQUIRE(r);
      CHECK(r->status == 400);
      CHECK(json::parse(r->body)["error"]["code"] == "bad_request");
    }
    CHECK(http_get(port, "/api/exposure?snapshot_id=999999")->status == 404);
  }
}
