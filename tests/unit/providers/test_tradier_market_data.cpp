#include <gd/providers/tradier_market_data.hpp>

#include <cmath>

#include <catch2/catch.hpp>

#include <gd/core/canonical_json.hpp>

#include "fake_http_getter.hpp"
#include "test_files.hpp"

using namespace gd::providers;
using gd::test::fake_http_getter;
using gd::test::ok_json;
using gd::test::read_text;
using namespace date::literals;

namespace {

const gd::manual_clock clock_at_close{gd::sys_time{date::sys_days{2024_y / 6 / 28}} + std::chrono::hours{20}};

struct fixture {
  std::shared_ptr<fake_http_getter> http = std::make_shared<fake_http_getter>();
  tradier_market_data md{http, clock_at_close};
};

const std::string pltr_expirations = "/markets/options/expirations?symbol=PLTR&includeAllRoots=true";
const std::string pltr_chain = "/markets/options/chains?symbol=PLTR&expiration=2026-06-18&greeks=true";
const std::string pltr_quote = "/markets/quotes?symbols=PLTR";

}  // namespace

TEST_CASE("tradier provider: paths, parsing and spot from the quote", "[tradier][provider]") {
  fixture f;
  f.http->on(pltr_expirations, ok_json(read_text("tradier/expirations_PLTR_includeAllRoots_dates_only.json")));
  f.http->on(pltr_chain, ok_json(read_text("tradier/chains_PLTR_20260618_greeks_first14of_chain.json")));
  f.http->on(pltr_quote, ok_json(read_text("tradier/quotes_single_PLTR_object_not_array.json")));

  CHECK(f.md.name() == "tradier");
  const auto exps = f.md.expirations("PLTR");
  REQUIRE(exps);
  CHECK(exps->size() == 19);
  CHECK(f.http->requests.back() == pltr_expirations);

  const auto chain = f.md.chain("PLTR", 2026_y / 6 / 18);
  REQUIRE(chain);
  CHECK(chain->chain.rows.size() == 14);
  CHECK(chain->chain.spot == 25.5);
  CHECK(chain->chain.provider == "tradier");
  CHECK(chain->raw_json == gd::canonical_json(nlohmann::json::parse(read_text("tradier/chains_PLTR_20260618_greeks_first14of_chain.json"))));
  CHECK(f.http->requests.size() == 3);

  const auto q = f.md.quotes({"PLTR"});
  REQUIRE(q);
  CHECK(q->at(0).symbol == "PLTR");
}

TEST_CASE("tradier provider: query values are URL-encoded", "[tradier][provider]") {
  fixture f;
  (void)f.md.expirations("BRK/B");
  CHECK(f.http->requests.back() == "/markets/options/expirations?symbol=BRK%2FB&includeAllRoots=true");
  (void)f.md.quotes({"SPX", "BRK/B"});
  CHECK(f.http->requests.back() == "/markets/quotes?symbols=SPX,BRK%2FB");
  CHECK(url_encode("a b&c=d") == "a%20b%26c%3Dd");
}

TEST_CASE("tradier provider: full chain fetches each expiration in the window", "[tradier][provider]") {
  fixture f;
  f.http->on(pltr_expirations, ok_json(R"({"expirations":{"date":["2026-06-11","2026-06-18","2026-06-25","2026-12-18"]}})"));
  f.http->on(pltr_chain, ok_json(read_text("tradier/chains_PLTR_20260618_greeks_first14of_chain.json")));
  // 2026-06-11 has no contracts (options null): skipped, not fatal. 2026-06-25 answers the
  // one-contract collapsed form.
  f.http->on("/markets/options/chains?symbol=PLTR&expiration=2026-06-11&greeks=true", ok_json(R"({"options":null})"));
  auto one = nlohmann::json::parse(read_text("tradier/chains_PLTR_20260618_greeks_first14of_chain.json"));
  auto single = one["options"]["option"][0];
  single["expiration_date"] = "2026-06-25";
  f.http->on("/markets/options/chains?symbol=PLTR&expiration=2026-06-25&greeks=true",
             ok_json(nlohmann::json{{"options", {{"option", single}}}}.dump()));
  f.http->on(pltr_quote, ok_json(read_text("tradier/quotes_single_PLTR_object_not_array.json")));

  const auto full = f.md.full_chain("PLTR", 2026_y / 6 / 10, 20);
  REQUIRE(full);
  CHECK(full->chain.rows.size() == 15);
  CHECK(full->chain.spot == 25.5);
  const auto raw = nlohmann::json::parse(full->raw_json);
  const auto& chains = raw["full_chain"]["chains"];
  REQUIRE(chains.size() == 2);
  CHECK(chains[0]["expiration"] == "2026-06-18");
  CHECK(chains[1]["expiration"] == "2026-06-25");
  CHECK(raw["full_chain"]["provider"] == "tradier");
  // 1 expirations + 3 chains + 1 quote; 2026-12-18 is outside 20 days.
  CHECK(f.http->requests.size() == 5);

  // Fetched one at a time, the payload is byte-identical: assembly order never depends on which
  // concurrent response came back first (the checksum must not either).
  tradier_settings sequential;
  sequential.full_chain_concurrency = 1;
  tradier_market_data one_by_one{f.http, clock_at_close, sequential};
  const auto again = one_by_one.full_chain("PLTR", 2026_y / 6 / 10, 20);
  REQUIRE(again);
  CHECK(again->raw_json == full->raw_json);
  CHECK(again->chain.rows.size() == full->chain.rows.size());
}

TEST_CASE("tradier provider: HTTP statuses map to clear errors", "[tradier][provider][errors]") {
  fixture f;
  const auto recorded = nlohmann::json::parse(read_text("tradier/http_401_invalid_access_token.response.json"));
  http_response unauthorized{recorded["status"].get<int>(), {{"Content-Type", "plain/text"}},
                             recorded["body_text"].get<std::string>()};
  f.http->on(pltr_expirations, unauthorized);
  const auto e401 = f.md.expirations("PLTR");
  REQUIRE_FALSE(e401);
  CHECK(e401.err().code == "vendor_auth");
  CHECK(e401.err().message.find("TRADIER_ACCESS_TOKEN") != std::string::npos);
  CHECK(e401.err().message.find("/markets/options/expirations") != std::string::npos);
  CHECK(e401.err().message.find("401") != std::string::npos);
  CHECK(e401.err().message.find("Bearer") == std::string::npos);

  f.http->on(pltr_expirations, http_response{429, {{"X-Ratelimit-Expiry", "1719590820000"}}, ""});
  const auto e429 = f.md.expirations("PLTR");
  REQUIRE_FALSE(e429);
  CHECK(e429.err().code == "vendor_rate_limited");
  CHECK(e429.err().message.find("1719590820000") != std::string::npos);

  f.http->on(pltr_expirations, http_response{400, {}, "Quota Violation 1719590820000"});
  CHECK(f.md.expirations("PLTR").err().code == "vendor_rate_limited");

  f.http->on(pltr_expirations, http_response{400, {}, R"({"errors":{"error":"Invalid parameter, FOO: symbol not found."}})"});
  const auto e400 = f.md.expirations("PLTR");
  CHECK(e400.err().code == "vendor_bad_request");
  CHECK(e400.err().message.find("symbol not found") != std::string::npos);

  f.http->on(pltr_expirations, http_response{502, {}, "<html><body>Bad gateway</body></html>"});
  const auto e502 = f.md.expirations("PLTR");
  CHECK(e502.err().code == "vendor_unavailable");
  CHECK(e502.err().message.find("HTML") != std::string::npos);

  f.http->on(pltr_expirations, ok_json(R"({"errors":{"error":["a","b"]}})"));
  CHECK(f.md.expirations("PLTR").err().code == "vendor_bad_request");

  f.http->on(pltr_expirations, ok_json(R"({"expirations":{"date":["2026-06-18")"));  // truncated
  const auto trunc = f.md.expirations("PLTR");
  CHECK(trunc.err().code == "vendor_malformed");
  CHECK(trunc.err().message.find("tradier /markets/options/expirations") == 0);

  f.http->on(pltr_expirations, ok_json(R"({"expirations":null})"));
  CHECK(f.md.expirations("PLTR").err().code == "vendor_no_data");

  f.http->fail_with(gd::error{"vendor_timeout", "deadline of 10 s passed"});
  const auto timeout = f.md.chain("PLTR", 2026_y / 6 / 18);
  CHECK(timeout.err().code == "vendor_timeout");
  CHECK(timeout.err().message.find("/markets/options/chains") != std::string::npos);
}

TEST_CASE("tradier provider: chain edge cases", "[tradier][provider]") {
  fixture f;
  f.http->on(pltr_chain, ok_json(R"({"options":"null"})"));
  CHECK(f.md.chain("PLTR", 2026_y / 6 / 18).err().code == "vendor_no_data");

  // The quote failing leaves spot NaN; the chain itself still succeeds.
  f.http->on(pltr_chain, ok_json(read_text("tradier/chains_PLTR_20260618_greeks_first14of_chain.json")));
  f.http->on(pltr_quote, http_response{500, {}, "oops"});
  const auto c = f.md.chain("PLTR", 2026_y / 6 / 18);
  REQUIRE(c);
  CHECK(std::isnan(c->chain.spot));

  f.http->on("/markets/quotes?symbols=SEFDF", ok_json(read_text("tradier/quotes_only_unmatched_symbols.json")));
  const auto unmatched = f.md.quotes({"SEFDF"});
  REQUIRE_FALSE(unmatched);
  CHECK(unmatched.err().code == "vendor_no_data");
  CHECK(unmatched.err().message.find("SEFDF") != std::string::npos);
  CHECK(f.md.quotes({})->empty());

  tradier_market_data no_transport{nullptr, clock_at_close};
  CHECK(no_transport.expirations("SPX").err().code == "vendor_unavailable");
}
