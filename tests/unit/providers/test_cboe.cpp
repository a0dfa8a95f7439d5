#include <gd/providers/cboe_market_data.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include <gd/core/canonical_json.hpp>
#include <gd/core/ny_time.hpp>

#include "fake_http_getter.hpp"
#include "test_files.hpp"

using namespace gd::providers;
using gd::test::count_occurrences;
using gd::test::read_text;
using nlohmann::json;
using namespace date::literals;

namespace {

const std::string spx_csv = "chains/spx_cboe_quotetable_2022-12-12.csv";
const std::string spy_json = "chains/spy_cboe_delayed_2025-06-06.json";
const std::string rut_json = "chains/rut_cboe_delayed_2023-09-20.json";

// An independent reading of the CSV: plain comma splitting (data rows have no quotes), summing
// the two "Open Interest" columns and counting rows per root.
struct csv_scan {
  std::size_t rows = 0;
  long long call_oi = 0, put_oi = 0;
  std::map<std::string, std::size_t> rows_per_root;
  std::set<std::string> expirations;
};

csv_scan scan_csv(const std::string& text) {
  csv_scan s;
  std::istringstream in(text);
  std::string line;
  bool data = false;
  while (std::getline(in, line)) {
    if (!data) {
      data = line.rfind("Expiration Date,", 0) == 0;
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) f.push_back(cell);
    REQUIRE(f.size() == 22);
    ++s.rows;
    s.call_oi += std::stoll(f[10]);
    s.put_oi += std::stoll(f[21]);
    s.rows_per_root[f[1].substr(0, f[1].size() - 15)]++;
    s.expirations.insert(f[0]);
  }
  return s;
}

long long total_oi(const gd::option_chain& c, gd::option_right r) {
  long long sum = 0;
  for (const auto& row : c.rows) {
    if (row.contract.right == r) sum += row.quote.open_interest;
  }
  return sum;
}

std::size_t count_root(const gd::option_chain& c, const std::string& root) {
  return static_cast<std::size_t>(
      std::count_if(c.rows.begin(), c.rows.end(), [&](const auto& r) { return r.contract.root == root; }));
}

std::set<date::year_month_day> expiries(const gd::option_chain& c) {
  std::set<date::year_month_day> out;
  for (const auto& r : c.rows) out.insert(r.contract.expiration);
  return out;
}

}  // namespace

TEST_CASE("cboe csv: the real SPX quote table of 2022-12-12", "[cboe][csv]") {
  const auto text = read_text(spx_csv);
  const auto scan = scan_csv(text);
  REQUIRE(scan.rows == 9578);

  const auto parsed = parse_cboe_csv(text);
  REQUIRE(parsed);
  const auto& c = parsed->chain;
  CHECK(c.rows.size() == 2 * scan.rows);
  CHECK(c.rows.size() == 19156);
  CHECK(c.underlying == "SPX");
  CHECK(c.provider == "cboe");
  CHECK(c.spot == Approx(3990.5601));
  // "December 12, 2022 at 8:30 PM EST" = 2022-12-13 01:30 UTC.
  CHECK(c.as_of == gd::sys_time{date::sys_days{2022_y / 12 / 13}} + std::chrono::minutes{90});

  CHECK(total_oi(c, gd::option_right::call) == scan.call_oi);
  CHECK(total_oi(c, gd::option_right::put) == scan.put_oi);
  CHECK(total_oi(c, gd::option_right::call) == 7009311);
  CHECK(total_oi(c, gd::option_right::put) == 12260313);

  CHECK(count_root(c, "SPXW") == 2 * scan.rows_per_root.at("SPXW"));
  CHECK(count_root(c, "SPX") == 2 * scan.rows_per_root.at("SPX"));
  CHECK(count_root(c, "SPXW") == 2 * 6381);
  CHECK(expiries(c).size() == scan.expirations.size());
  CHECK(expiries(c).size() == 51);
  for (const auto& row : c.rows) {
    REQUIRE(row.contract.underlying == "SPX");
    REQUIRE(row.contract.settlement ==
            (row.contract.root == "SPX" ? gd::settlement_style::am : gd::settlement_style::pm));
  }

  // First row: "Mon Dec 12 2022,SPXW221212C01000000,2943.2,0.25,0,0,8,0,0,0,1,1000.00,...".
  const auto& first = c.rows[0];
  CHECK(first.contract.occ_symbol == "SPXW221212C01000000");
  CHECK(first.contract.strike == 1000.0);
  CHECK(first.contract.expiration == 2022_y / 12 / 12);
  CHECK(first.quote.last == 2943.2);
  CHECK(first.quote.volume == 8);
  CHECK(first.quote.open_interest == 1);
  CHECK(std::isnan(first.quote.greeks.iv));  // IV 0: not computed
  CHECK(c.rows[1].contract.right == gd::option_right::put);

  CHECK(parsed->quote.symbol == "SPX");
  CHECK(parsed->quote.bid == Approx(3962.01));
  CHECK(parsed->quote.ask == Approx(4016.6299));
  CHECK(parsed->quote.prev_close == Approx(3990.5601 - 56.1801));
}

TEST_CASE("cboe json: the real SPY chain of 2025-06-06", "[cboe][json]") {
  const auto text = read_text(spy_json);
  const auto parsed = parse_cboe_json(json::parse(text));
  REQUIRE(parsed);
  const auto& c = parsed->chain;
  CHECK(c.rows.size() == count_occurrences(text, "{\"option\":\""));
  CHECK(c.rows.size() == 9072);
  CHECK(c.underlying == "SPY");
  CHECK(c.spot == 599.14);
  // last_trade_time "2025-06-06T16:00:00" New York (EDT) = 20:00 UTC.
  CHECK(c.as_of == gd::sys_time{date::sys_days{2025_y / 6 / 6}} + std::chrono::hours{20});
  CHECK(expiries(c).size() == 32);
  CHECK(count_root(c, "SPY") == c.rows.size());

  std::size_t fractional = 0, nan_iv = 0;
  long long oi = 0;
  for (const auto& r : c.rows) {
    fractional += r.contract.strike != std::floor(r.contract.strike);
    nan_iv += std::isnan(r.quote.greeks.iv);
    oi += r.quote.open_interest;
    REQUIRE(r.contract.settlement == gd::settlement_style::pm);
  }
  CHECK(fractional == 28);
  CHECK(nan_iv == 535);
  CHECK(oi == 16435821);
  // A fractional strike survives the round trip through the OCC symbol.
  const auto it = std::find_if(c.rows.begin(), c.rows.end(), [](const auto& r) { return r.contract.strike == 607.5; });
  REQUIRE(it != c.rows.end());
  CHECK(it->contract.occ_symbol.substr(it->contract.occ_symbol.size() - 8) == "00607500");

  // The first contract: SPY250609C00400000, deep ITM: iv 0 -> NaN, delta 1 kept.
  CHECK(c.rows[0].contract.occ_symbol == "SPY250609C00400000");
  CHECK(c.rows[0].quote.bid == 197.99);
  CHECK(c.rows[0].quote.greeks.delta == 1.0);
  CHECK(std::isnan(c.rows[0].quote.greeks.iv));
  // The second: iv 1.3184 with all greeks 0 -> iv kept, greeks NaN.
  CHECK(c.rows[1].quote.greeks.iv == Approx(1.3184));
  CHECK(std::isnan(c.rows[1].quote.greeks.delta));
  CHECK(parsed->quote.prev_close == 599.14);
}

TEST_CASE("cboe json: the real RUT index chain with RUT and RUTW roots", "[cboe][json]") {
  const auto text = read_text(rut_json);
  const auto parsed = parse_cboe_json(json::parse(text));
  REQUIRE(parsed);
  const auto& c = parsed->chain;
  CHECK(c.rows.size() == count_occurrences(text, "{\"option\":\""));
  CHECK(c.rows.size() == 6680);
  CHECK(c.underlying == "RUT");  // data.symbol is "^RUT"
  CHECK(c.spot == Approx(1806.1193));
  CHECK(count_root(c, "RUTW") == count_occurrences(text, "\"option\":\"RUTW"));
  CHECK(count_root(c, "RUTW") == 5208);
  CHECK(count_root(c, "RUT") == 1472);
  CHECK(expiries(c).size() == 26);
  for (const auto& r : c.rows) {
    REQUIRE(r.contract.underlying == "RUT");
    REQUIRE(r.contract.settlement == (r.contract.root == "RUT" ? gd::settlement_style::am : gd::settlement_style::pm));
  }
  std::size_t nan_iv = 0;
  for (const auto& r : c.rows) nan_iv += std::isnan(r.quote.greeks.iv);
  CHECK(nan_iv == 1015);
}

TEST_CASE("cboe: malformed and truncated inputs are errors", "[cboe][errors]") {
  const auto text = read_text(spx_csv);
  const auto cut = parse_cboe_csv(std::string_view{text}.substr(0, text.size() / 2));
  REQUIRE_FALSE(cut);
  CHECK(cut.err().code == "vendor_malformed");
  CHECK(cut.err().message.find("cboe quote-table csv") != std::string::npos);
  CHECK(cut.err().message.find("truncated") != std::string::npos);

  CHECK_FALSE(parse_cboe_csv(""));
  CHECK_FALSE(parse_cboe_csv("hello,world\n1,2\n"));
  CHECK_FALSE(parse_cboe_csv("Expiration Date,Calls,Bid\nMon Dec 12 2022,SPXW221212C01000000,1\n"));  // no Strike
  const auto bad_symbol = parse_cboe_csv(text.substr(0, text.find("SPXW221212C01000000")) + "XXXX" +
                                         text.substr(text.find("SPXW221212C01000000") + 19));
  REQUIRE_FALSE(bad_symbol);
  CHECK(bad_symbol.err().message.find("line 5") != std::string::npos);

  const auto spy = read_text(spy_json);
  CHECK_FALSE(parse_cboe_bytes(std::string_view{spy}.substr(0, spy.size() - 100)));  // truncated JSON
  CHECK_FALSE(parse_cboe_json(json::parse(R"({"data":{"options":[{"option":"nonsense"}]}})")));
  CHECK_FALSE(parse_cboe_json(json::parse(R"({"data":{"options":5}})")));
  CHECK_FALSE(parse_cboe_json(json::parse(R"({"nodata":true})")));
  CHECK_FALSE(parse_cboe_json(json::parse(R"([1,2,3])")));
  // Wrong-typed values are NaN, not a throw.
  const auto odd = parse_cboe_json(
      json::parse(R"({"data":{"symbol":"^RUT","current_price":"x","options":[{"option":"RUTW231020P01800000","bid":"?","ask":null,"open_interest":{}}]}})"));
  REQUIRE(odd);
  CHECK(std::isnan(odd->chain.rows[0].quote.bid));
  CHECK(odd->chain.rows[0].quote.open_interest == -1);
  CHECK(std::isnan(odd->chain.spot));
}

TEST_CASE("cboe: stored raw forms re-derive the chain and re-hash identically", "[cboe][raw]") {
  const auto csv = parse_cboe_bytes(read_text(spx_csv));
  REQUIRE(csv);
  CHECK(csv->raw["cboe_quote_table_csv"]["text"].get<std::string>().size() == read_text(spx_csv).size());
  const auto again = parse_cboe_raw(json::parse(csv->raw.dump()));
  REQUIRE(again);
  CHECK(again->chain.rows.size() == csv->chain.rows.size());
  CHECK(gd::payload_checksum(csv->raw) == gd::payload_checksum(json::parse(csv->raw.dump(2))));

  const auto js = parse_cboe_bytes(read_text(rut_json));
  REQUIRE(js);
  CHECK(js->raw["data"]["symbol"] == "^RUT");
  CHECK(parse_cboe_raw(js->raw)->chain.rows.size() == 6680);
}

TEST_CASE("cboe provider: expirations, per-expiration chain and the full chain", "[cboe][provider]") {
  cboe_market_data md{make_cboe_file_source(gd::test::data_path(spx_csv))};
  CHECK(md.name() == "cboe");
  const auto exps = md.expirations("SPX");
  REQUIRE(exps);
  CHECK(exps->size() == 51);
  CHECK(exps->front() == 2022_y / 12 / 12);
  CHECK(exps->back() == 2027_y / 12 / 17);

  // 2022-12-16 is a monthly: SPX (AM) and SPXW (PM) both expire.
  const auto monthly = md.chain("SPX", 2022_y / 12 / 16);
  REQUIRE(monthly);
  CHECK(count_root(monthly->chain, "SPX") > 0);
  CHECK(count_root(monthly->chain, "SPXW") > 0);
  CHECK(expiries(monthly->chain) == std::set<date::year_month_day>{2022_y / 12 / 16});
  const auto monthly_raw = nlohmann::json::parse(monthly->raw_json);
  CHECK(monthly_raw["gammadesk_subset"]["from"] == "2022-12-16");
  const auto rederived = parse_cboe_raw(monthly_raw);
  REQUIRE(rederived);
  CHECK(rederived->chain.rows.size() == monthly->chain.rows.size());
  CHECK(std::isfinite(monthly->chain.spot));

  const auto full = md.full_chain("SPX", 2022_y / 12 / 12, 60);
  REQUIRE(full);
  const auto window = expiries(full->chain);
  CHECK(*window.begin() >= 2022_y / 12 / 12);
  CHECK(*window.rbegin() <= 2023_y / 2 / 10);
  std::size_t expected = 0;
  const auto all = parse_cboe_csv(read_text(spx_csv));
  for (const auto& r : all->chain.rows) {
    expected += r.contract.expiration >= 2022_y / 12 / 12 && r.contract.expiration <= 2023_y / 2 / 10;
  }
  CHECK(full->chain.rows.size() == expected);
  CHECK(full->chain.rows.size() < all->chain.rows.size());

  CHECK(md.chain("SPX", 2022_y / 12 / 17).err().code == "vendor_no_data");  // a Saturday: no expiry
  const auto wrong = md.chain("SPY", 2022_y / 12 / 16);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.err().message.find("not SPY") != std::string::npos);

  const auto q = md.quotes({"SPX", "SPY"});
  REQUIRE(q);
  REQUIRE(q->size() == 1);
  CHECK(q->at(0).last == Approx(3990.5601));
}

TEST_CASE("cboe provider: json from a path template and from the CDN transport", "[cboe][provider]") {
  cboe_market_data files{make_cboe_file_source(gd::test::data_path("chains/{symbol}_cboe_json_missing.json"))};
  CHECK(files.expirations("SPX").err().code == "io_error");

  auto http = std::make_shared<gd::test::fake_http_getter>();
  http->on("/api/global/delayed_quotes/options/_RUT.json", gd::test::ok_json(read_text(rut_json)));
  cboe_market_data cdn{make_cboe_http_source(http)};
  const auto rut = cdn.chain("^RUT", 2023_y / 10 / 20);
  REQUIRE(rut);
  CHECK(http->requests.back() == "/api/global/delayed_quotes/options/_RUT.json");
  CHECK(count_root(rut->chain, "RUT") == rut->chain.rows.size());  // the October monthly is RUT only (AM)
  CHECK(rut->chain.rows.front().contract.settlement == gd::settlement_style::am);
  const auto weekly = cdn.chain("RUT", 2023_y / 10 / 27);
  REQUIRE(weekly);
  CHECK(count_root(weekly->chain, "RUTW") == weekly->chain.rows.size());
  CHECK(weekly->chain.rows.front().contract.settlement == gd::settlement_style::pm);
  CHECK(cboe_cdn_path("spy") == "/api/global/delayed_quotes/options/SPY.json");
  CHECK(cboe_cdn_path("SPX") == "/api/global/delayed_quotes/options/_SPX.json");
  CHECK(cdn.expirations("QQQ").err().code == "vendor_no_data");  // the fake answers 404

  cboe_market_data bytes{make_cboe_bytes_source(read_text(spy_json))};
  const auto spy = bytes.full_chain("SPY", 2025_y / 6 / 9, 7);
  REQUIRE(spy);
  CHECK(*expiries(spy->chain).rbegin() <= 2025_y / 6 / 16);
  CHECK(nlohmann::json::parse(spy->raw_json)["gammadesk_subset"]["to"] == "2025-06-16");
}

TEST_CASE("cboe provider: one download answers a whole snapshot run, failures are not kept", "[cboe][provider]") {
  auto http = std::make_shared<gd::test::fake_http_getter>();
  const std::string path = "/api/global/delayed_quotes/options/_RUT.json";
  http->on(path, gd::test::ok_json(read_text(rut_json)));
  const auto downloads = [&] { return std::count(http->requests.begin(), http->requests.end(), path); };

  cboe_market_data md{make_cboe_http_source(http)};
  REQUIRE(md.expirations("RUT"));
  REQUIRE(md.chain("RUT", 2023_y / 10 / 20));
  REQUIRE(md.full_chain("RUT", 2023_y / 9 / 20, 30));
  REQUIRE(md.quotes({"RUT"}));
  CHECK(downloads() == 1);

  cboe_market_data every_time{make_cboe_http_source(http), std::chrono::milliseconds{0}};
  REQUIRE(every_time.expirations("RUT"));
  REQUIRE(every_time.chain("RUT", 2023_y / 10 / 20));
  CHECK(downloads() == 3);

  // A failed download is tried again on the next call, not remembered.
  auto flaky = std::make_shared<gd::test::fake_http_getter>();
  cboe_market_data recovering{make_cboe_http_source(flaky)};
  CHECK_FALSE(recovering.expirations("RUT"));   // the fake answers 404 for an unknown path
  flaky->on(path, gd::test::ok_json(read_text(rut_json)));
  CHECK(recovering.expirations("RUT"));
}
