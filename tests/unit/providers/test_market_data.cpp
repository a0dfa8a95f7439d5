#include <gd/providers/market_data.hpp>

#include <map>

#include <catch2/catch.hpp>

#include <gd/core/canonical_json.hpp>
#include <gd/core/ny_time.hpp>
#include <gd/providers/http_getter.hpp>

using namespace gd::providers;
using namespace date::literals;

namespace {

// A provider with scripted per-expiration chains, to exercise the default full_chain.
class stub_market final : public market_data {
 public:
  std::vector<date::year_month_day> listed;
  std::map<date::year_month_day, gd::result<chain_payload>> chains;
  std::vector<date::year_month_day> asked;

  std::string_view name() const override { return "stub"; }
  gd::result<std::vector<date::year_month_day>> expirations(const std::string&) override { return listed; }
  gd::result<chain_payload> chain(const std::string&, date::year_month_day e) override {
    asked.push_back(e);
    const auto it = chains.find(e);
    if (it == chains.end()) return gd::error{"vendor_no_data", "none"};
    return it->second;
  }
  gd::result<std::vector<underlying_quote>> quotes(const std::vector<std::string>&) override {
    return std::vector<underlying_quote>{};
  }
};

chain_payload payload(date::year_month_day e, double spot, int rows, int seconds) {
  chain_payload p;
  p.raw_json = nlohmann::json{{"expiry", gd::format_date(e)}}.dump();
  p.chain.spot = spot;
  p.chain.as_of = gd::sys_time{std::chrono::seconds{seconds}};
  for (int i = 0; i < rows; ++i) {
    gd::chain_row r;
    r.contract.expiration = e;
    p.chain.rows.push_back(r);
  }
  return p;
}

}  // namespace

TEST_CASE("market_data: expirations_within keeps [today, today + max_dte]", "[market_data]") {
  const std::vector<date::year_month_day> all{2024_y / 1 / 19, 2024_y / 1 / 5, 2024_y / 1 / 4, 2024_y / 2 / 4,
                                              2024_y / 2 / 5, 2024_y / 1 / 5};
  const auto w = expirations_within(all, 2024_y / 1 / 5, 30);
  CHECK(w == std::vector<date::year_month_day>{2024_y / 1 / 5, 2024_y / 1 / 19, 2024_y / 2 / 4});
  CHECK(expirations_within(all, 2024_y / 1 / 5, 0) == std::vector<date::year_month_day>{2024_y / 1 / 5});
}

TEST_CASE("market_data: the default full chain merges per-expiration payloads", "[market_data]") {
  stub_market m;
  m.listed = {2024_y / 1 / 5, 2024_y / 1 / 8, 2024_y / 1 / 9, 2024_y / 3 / 15};
  m.chains.emplace(2024_y / 1 / 5, payload(2024_y / 1 / 5, gd::nan_v, 3, 100));
  m.chains.emplace(2024_y / 1 / 9, payload(2024_y / 1 / 9, 4700.5, 2, 200));
  // 2024-01-08 answers no_data (skipped); 2024-03-15 is outside the window (never asked).
  const auto full = m.full_chain("SPX", 2024_y / 1 / 5, 30);
  REQUIRE(full);
  CHECK(m.asked == std::vector<date::year_month_day>{2024_y / 1 / 5, 2024_y / 1 / 8, 2024_y / 1 / 9});
  CHECK(full->chain.rows.size() == 5);
  CHECK(full->chain.spot == 4700.5);  // the first known spot
  CHECK(full->chain.as_of == gd::sys_time{std::chrono::seconds{200}});
  CHECK(full->chain.provider == "stub");
  const auto raw = nlohmann::json::parse(full->raw_json)["full_chain"];
  CHECK(raw["today"] == "2024-01-05");
  CHECK(raw["max_dte"] == 30);
  REQUIRE(raw["chains"].size() == 2);
  CHECK(raw["chains"][1]["expiration"] == "2024-01-09");
  CHECK(raw["chains"][1]["response"]["expiry"] == "2024-01-09");
  // Byte for byte the canonical text of the whole document built as one JSON value: assembling it
  // from the parts' texts changes nothing in what is stored and checksummed.
  const nlohmann::json whole{{"full_chain",
                              {{"provider", "stub"},
                               {"symbol", "SPX"},
                               {"today", "2024-01-05"},
                               {"max_dte", 30},
                               {"chains",
                                {{{"expiration", "2024-01-05"}, {"response", {{"expiry", "2024-01-05"}}}},
                                 {{"expiration", "2024-01-09"}, {"response", {{"expiry", "2024-01-09"}}}}}}}}};
  CHECK(full->raw_json == gd::canonical_json(whole));

  // Any other failure fails the whole full chain; nothing at all is no_data.
  m.chains.emplace(2024_y / 1 / 8, gd::error{"vendor_unavailable", "HTTP 503"});
  CHECK(m.full_chain("SPX", 2024_y / 1 / 5, 30).err().code == "vendor_unavailable");
  CHECK(m.full_chain("SPX", 2024_y / 4 / 1, 30).err().code == "vendor_no_data");
}

TEST_CASE("http_response: header names are case-insensitive", "[http]") {
  http_response r{200, {{"X-Ratelimit-Available", "198"}, {"Content-Type", "application/json"}}, "{}"};
  CHECK(r.header("x-ratelimit-available") == std::optional<std::string_view>{"198"});
  CHECK(r.header("CONTENT-TYPE") == std::optional<std::string_view>{"application/json"});
  CHECK_FALSE(r.header("X-Ratelimit-Expiry"));
}
