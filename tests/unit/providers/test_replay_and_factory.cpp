#include <gd/providers/replay_market_data.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include <gd/core/canonical_json.hpp>
#include <gd/core/ny_time.hpp>
#include <gd/providers/cboe_parse.hpp>
#include <gd/providers/provider_factory.hpp>
#include <gd/providers/simulated_market.hpp>
#include <gd/providers/tradier_format.hpp>
#include <gd/providers/tradier_parse.hpp>

#include "fake_http_getter.hpp"
#include "test_files.hpp"

using namespace gd::providers;
using namespace date::literals;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed afterwards.
struct temp_dir {
  fs::path path;
  temp_dir() {
    path = fs::temp_directory_path() /
           ("gd_replay_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("replay: serves recorded Tradier files", "[replay]") {
  temp_dir dir;
  write(dir.path / "PLTR" / "expirations.json", gd::test::read_text("tradier/expirations_PLTR_includeAllRoots_dates_only.json"));
  write(dir.path / "PLTR" / "chains" / "2026-06-18.json",
        gd::test::read_text("tradier/chains_PLTR_20260618_greeks_first14of_chain.json"));
  write(dir.path / "PLTR" / "quotes.json", gd::test::read_text("tradier/quotes_single_PLTR_object_not_array.json"));
  write(dir.path / "PLTR" / "chains" / "2026-12-18.json", R"({"options":{"option":[{"symbol":)");  // truncated

  const gd::manual_clock clock{gd::sys_time{date::sys_days{2024_y / 6 / 28}}};
  replay_market_data md{dir.path.string(), clock};
  CHECK(md.name() == "replay");
  const auto exps = md.expirations("PLTR");
  REQUIRE(exps);
  CHECK(exps->size() == 19);

  const auto c = md.chain("PLTR", 2026_y / 6 / 18);
  REQUIRE(c);
  CHECK(c->chain.rows.size() == 14);
  CHECK(c->chain.provider == "replay");
  CHECK(c->chain.spot == 25.5);

  CHECK(md.chain("PLTR", 2026_y / 12 / 18).err().code == "vendor_malformed");
  CHECK(md.chain("PLTR", 2025_y / 1 / 17).err().code == "vendor_no_data");  // listed but not recorded
  CHECK(md.expirations("SPX").err().code == "vendor_no_data");
  CHECK(md.expirations("../etc").err().code == "vendor_no_data");           // never leaves the directory
  CHECK(md.quotes({"PLTR"})->at(0).last == 25.5);
  CHECK(md.quotes({"NOPE"}).err().code == "vendor_no_data");

  // Without expirations.json the chain files name the expirations.
  fs::remove(dir.path / "PLTR" / "expirations.json");
  const auto from_files = md.expirations("PLTR");
  REQUIRE(from_files);
  CHECK(*from_files == std::vector<date::year_month_day>{2026_y / 6 / 18, 2026_y / 12 / 18});
}

TEST_CASE("replay: a recorded simulated market replays identically", "[replay][simulated]") {
  temp_dir dir;
  const auto t = gd::ny_to_utc(2025_y / 6 / 10, std::chrono::minutes{11 * 60});
  const gd::manual_clock clock{t};
  simulated_market sim{clock};
  REQUIRE(record_replay(sim, dir.path.string(), "SPX", 2025_y / 6 / 10, 7));

  replay_market_data replay{dir.path.string(), clock};
  const auto original = sim.full_chain("SPX", 2025_y / 6 / 10, 7);
  const auto replayed = replay.full_chain("SPX", 2025_y / 6 / 10, 7);
  REQUIRE(original);
  REQUIRE(replayed);
  REQUIRE(replayed->chain.rows.size() == original->chain.rows.size());
  CHECK(replayed->chain.spot == original->chain.spot);
  const auto replayed_raw = nlohmann::json::parse(replayed->raw_json);
  CHECK(replayed_raw["full_chain"]["provider"] == "replay");
  const auto& chains = replayed_raw["full_chain"]["chains"];
  REQUIRE(chains.size() == 6);  // 2025-06-10 .. 2025-06-17: six trading days
  CHECK(chains[0]["response"]["simulated"]["provider"] == "simulated");  // the marker survives
  // Same contracts and quotes, row for row (both sorted the same way: by expiry, strike, right).
  for (std::size_t i = 0; i < original->chain.rows.size(); ++i) {
    const auto& a = original->chain.rows[i];
    const auto& b = replayed->chain.rows[i];
    REQUIRE(a.contract.occ_symbol == b.contract.occ_symbol);
    REQUIRE(a.quote.bid == b.quote.bid);
    REQUIRE(a.quote.ask == b.quote.ask);
    REQUIRE(a.quote.open_interest == b.quote.open_interest);
  }
  // Each recorded chain file is byte-for-byte the simulated raw (same checksum).
  const auto one = sim.chain("SPX", 2025_y / 6 / 13);
  const auto again = replay.chain("SPX", 2025_y / 6 / 13);
  CHECK(one->raw_json == again->raw_json);
}

TEST_CASE("tradier format: a CBOE chain converts to Tradier's shape and back", "[tradier][format]") {
  const auto cboe = parse_cboe_csv(gd::test::read_text("chains/spx_cboe_quotetable_2022-12-12.csv"));
  REQUIRE(cboe);
  const auto doc = to_tradier_chain_json(cboe->chain);
  const auto back = parse_tradier_chain(nlohmann::json::parse(doc.dump()), {});
  REQUIRE(back);
  REQUIRE(back->rows.size() == cboe->chain.rows.size());
  long long oi_a = 0, oi_b = 0;
  std::size_t same_iv = 0;
  for (std::size_t i = 0; i < back->rows.size(); ++i) {
    const auto& a = cboe->chain.rows[i];
    const auto& b = back->rows[i];
    REQUIRE(a.contract.occ_symbol == b.contract.occ_symbol);
    REQUIRE(a.contract.settlement == b.contract.settlement);
    REQUIRE(a.contract.root == b.contract.root);
    oi_a += a.quote.open_interest;
    oi_b += b.quote.open_interest;
    same_iv += (std::isnan(a.quote.greeks.iv) && std::isnan(b.quote.greeks.iv)) || a.quote.greeks.iv == b.quote.greeks.iv;
  }
  CHECK(oi_a == oi_b);
  CHECK(same_iv == back->rows.size());
  CHECK(to_tradier_chain_json(gd::option_chain{}) == nlohmann::json{{"options", nullptr}});
  CHECK(parse_tradier_expirations(to_tradier_expirations_json({2024_y / 1 / 19}))->front() == 2024_y / 1 / 19);
}

TEST_CASE("factory: builds each provider and rejects bad configuration", "[factory]") {
  const gd::manual_clock clock{gd::ny_to_utc(2025_y / 6 / 10, std::chrono::minutes{11 * 60})};
  provider_settings s;
  s.clock = &clock;

  auto sim = make_market_data(s);  // no kind, no Tradier transport: simulated
  REQUIRE(sim);
  CHECK(sim.value()->name() == "simulated");

  s.tradier_transport = std::make_shared<gd::test::fake_http_getter>();
  auto tradier = make_market_data(s);  // a transport makes Tradier the default
  REQUIRE(tradier);
  CHECK(tradier.value()->name() == "tradier");

  s.kind = "cboe";
  s.cboe_path = gd::test::data_path("chains/spx_cboe_quotetable_2022-12-12.csv");
  auto cboe = make_market_data(s);
  REQUIRE(cboe);
  CHECK(cboe.value()->name() == "cboe");
  CHECK(cboe.value()->expirations("SPX")->size() == 51);

  temp_dir dir;
  s.kind = "replay";
  s.replay_dir = dir.path.string();
  auto replay = make_market_data(s);
  REQUIRE(replay);
  CHECK(replay.value()->name() == "replay");

  s.replay_dir = (dir.path / "missing").string();
  CHECK(make_market_data(s).err().code == "bad_config");
  s.kind = "tradier";
  s.tradier_transport = nullptr;
  const auto no_token = make_market_data(s);
  REQUIRE_FALSE(no_token);
  CHECK(no_token.err().message.find("TRADIER_ACCESS_TOKEN") != std::string::npos);
  s.kind = "bloomberg";
  CHECK(make_market_data(s).err().message.find("unknown SNAPSHOT_PROVIDER") != std::string::npos);
  s.kind = "simulated";
  s.clock = nullptr;
  CHECK(make_market_data(s).err().code == "bad_config");
  CHECK(default_provider_kind(false) == "simulated");
}
