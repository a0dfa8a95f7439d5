#include <gd/providers/tradier_parse.hpp>

#include <cmath>

#include <catch2/catch.hpp>

#include <gd/core/ny_time.hpp>

#include "test_files.hpp"

using namespace gd::providers;
using gd::test::read_json;
using gd::test::read_text;
using nlohmann::json;
using namespace date::literals;

namespace {

gd::sys_time utc(date::year_month_day d, int h, int m, int s) {
  return gd::sys_time{date::sys_days{d}} + std::chrono::hours{h} + std::chrono::minutes{m} + std::chrono::seconds{s};
}

gd::option_chain chain_of(const json& doc, tradier_chain_options options = {}) {
  auto parsed = parse_tradier_chain(doc, options);
  INFO((parsed ? std::string{} : parsed.err().message));
  REQUIRE(parsed);
  return parsed.value();
}

// One SPX-index contract in Tradier's chain shape (Tradier published no SPX recording; the field
// set and types are copied from the recorded PLTR contract, the identity is SPX's).
json spx_option(const std::string& symbol, const std::string& root, const std::string& type, double strike,
                const std::string& expiry) {
  return json{{"symbol", symbol},       {"description", root + " option"}, {"exch", "C"},
              {"type", "option"},       {"last", 12.5},                    {"change", nullptr},
              {"volume", 10},           {"open", nullptr},                 {"high", nullptr},
              {"low", nullptr},         {"close", nullptr},                {"bid", 12.1},
              {"ask", 12.4},            {"underlying", "SPX"},             {"strike", strike},
              {"change_percentage", nullptr}, {"average_volume", 0},       {"last_volume", 1},
              {"trade_date", 1719581457957LL}, {"prevclose", nullptr},     {"bidsize", 10},
              {"bidexch", "C"},         {"bid_date", 1719589843000LL},     {"asksize", 12},
              {"askexch", "C"},         {"ask_date", 1719589843000LL},     {"open_interest", 1200},
              {"contract_size", 100},   {"expiration_date", expiry},
              {"expiration_type", root == "SPX" ? "standard" : "weeklys"},
              {"option_type", type},    {"root_symbol", root},
              {"greeks",
               {{"delta", type == "call" ? 0.5 : -0.5}, {"gamma", 0.002}, {"theta", -1.2}, {"vega", 3.1},
                {"rho", 0.4}, {"phi", -0.4}, {"bid_iv", 0.15}, {"mid_iv", 0.16}, {"ask_iv", 0.17},
                {"smv_vol", 0.158}, {"updated_at", "2024-06-28 14:58:59"}}}};
}

}  // namespace

TEST_CASE("tradier expirations: recorded dates-only responses", "[tradier][expirations]") {
  const auto aapl = parse_tradier_expirations(read_json("tradier/expirations_AAPL_includeAllRoots_dates_only.json"));
  REQUIRE(aapl);
  CHECK(aapl->size() == 22);
  CHECK(aapl->front() == 2023_y / 1 / 6);
  CHECK(aapl->back() == 2025_y / 6 / 20);

  const auto pltr = parse_tradier_expirations(read_json("tradier/expirations_PLTR_includeAllRoots_dates_only.json"));
  REQUIRE(pltr);
  CHECK(pltr->size() == 19);
  CHECK(std::find(pltr->begin(), pltr->end(), 2026_y / 6 / 18) != pltr->end());  // a Thursday expiry

  const auto text = read_text("tradier/expirations_dates_only_2024-01-12.json");
  const auto pretty = parse_tradier_expirations(json::parse(text));
  REQUIRE(pretty);
  CHECK(pretty->size() == gd::test::count_occurrences(text, "\"20"));
  CHECK(std::is_sorted(pretty->begin(), pretty->end()));
}

TEST_CASE("tradier expirations: the per-expiration object shape", "[tradier][expirations]") {
  const auto r = parse_tradier_expirations(read_json("tradier/expirations_with_strikes_contractSize_expirationType.json"));
  REQUIRE(r);
  REQUIRE(r->size() == 3);
  CHECK((*r)[0] == 2023_y / 11 / 10);
  CHECK((*r)[2] == 2023_y / 12 / 29);

  // One expiration collapsed to a bare object, and one date collapsed to a bare string.
  const auto one_obj = parse_tradier_expirations(json::parse(R"({"expirations":{"expiration":{"date":"2024-01-19","contract_size":100}}})"));
  REQUIRE(one_obj);
  REQUIRE(one_obj->size() == 1);
  CHECK(one_obj->front() == 2024_y / 1 / 19);
  const auto one_date = parse_tradier_expirations(json::parse(R"({"expirations":{"date":"2024-01-19"}})"));
  REQUIRE(one_date);
  CHECK(one_date->size() == 1);
}

TEST_CASE("tradier expirations: every spelling of empty is an empty list", "[tradier][expirations]") {
  const auto recorded = parse_tradier_expirations(read_json("tradier/expirations_null.json"));
  REQUIRE(recorded);
  CHECK(recorded->empty());
  for (const char* body : {R"({"expirations":null})", R"({"expirations":"null"})", R"({})", R"({"expirations":{}})",
                           R"({"expirations":{"date":[]}})", R"({"expirations":{"date":null}})"}) {
    INFO(body);
    const auto r = parse_tradier_expirations(json::parse(body));
    REQUIRE(r);
    CHECK(r->empty());
  }
}

TEST_CASE("tradier expirations: malformed shapes are errors naming the endpoint", "[tradier][expirations][errors]") {
  for (const char* body : {R"([1,2])", R"({"expirations":[1]})", R"({"expirations":{"date":["2024-13-01"]}})",
                           R"({"expirations":{"date":[20240119]}})", R"({"expirations":{"expiration":[{"x":1}]}})",
                           R"({"expirations":{"date":"tomorrow"}})", R"("null")"}) {
    INFO(body);
    const auto r = parse_tradier_expirations(json::parse(body));
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "vendor_malformed");
    CHECK(r.err().message.find("/markets/options/expirations") != std::string::npos);
  }
}

TEST_CASE("tradier chains: recorded TSLA contracts with greeks", "[tradier][chains]") {
  tradier_chain_options options;
  options.underlying = "TSLA";
  const auto chain = chain_of(read_json("tradier/chains_TSLA_20240119_greeks_2contracts.json"), options);
  REQUIRE(chain.rows.size() == 2);
  CHECK(chain.underlying == "TSLA");
  CHECK(chain.provider == "tradier");

  const auto& put = chain.rows[0];
  CHECK(put.contract.occ_symbol == "TSLA240119P00290000");
  CHECK(put.contract.root == "TSLA");
  CHECK(put.contract.underlying == "TSLA");
  CHECK(put.contract.right == gd::option_right::put);
  CHECK(put.contract.strike == 290.0);
  CHECK(put.contract.expiration == 2024_y / 1 / 19);
  CHECK(put.contract.settlement == gd::settlement_style::pm);
  CHECK(put.contract.multiplier == 100);
  CHECK(put.quote.bid == 70.25);
  CHECK(put.quote.ask == 74.1);
  CHECK(put.quote.last == 62.16);
  CHECK(put.quote.open_interest == 835);
  CHECK(put.quote.volume == 0);
  CHECK(put.quote.bid_size == 51);
  // bid_iv is 0.0 ("not computable") but mid_iv is there: the IV is mid_iv.
  CHECK(put.quote.greeks.iv == Approx(1.282883));
  CHECK(put.quote.greeks.delta == Approx(-0.9998557711335186));
  CHECK(put.quote.greeks.updated_at == utc(2024_y / 1 / 12, 16, 59, 8));
  // bid_date/ask_date are epoch milliseconds.
  CHECK(put.quote.quote_time == gd::sys_time{std::chrono::milliseconds{1705079354000LL}});

  const auto& call = chain.rows[1];
  CHECK(call.contract.right == gd::option_right::call);
  CHECK(call.quote.greeks.iv == Approx(0.701844));
  CHECK(call.quote.open_interest == 18077);
  CHECK(chain.as_of == gd::sys_time{std::chrono::milliseconds{1705079354000LL}});
}

TEST_CASE("tradier chains: recorded PLTR chain with per-field nulls", "[tradier][chains]") {
  const auto text = read_text("tradier/chains_PLTR_20260618_greeks_first14of_chain.json");
  const auto chain = chain_of(json::parse(text));
  // Independent count: each contract has exactly one "option_type" key.
  REQUIRE(chain.rows.size() == gd::test::count_occurrences(text, "\"option_type\""));
  REQUIRE(chain.rows.size() == 14);
  CHECK(chain.underlying == "PLTR");
  std::size_t calls = 0;
  for (const auto& row : chain.rows) {
    CHECK(row.contract.expiration == 2026_y / 6 / 18);
    CHECK(row.contract.root == "PLTR");
    calls += row.contract.right == gd::option_right::call;
  }
  CHECK(calls == gd::test::count_occurrences(text, "\"option_type\":\"call\""));

  // PLTR260618C00013000: last/change/prevclose null, trade_date 0.
  const auto& c13 = chain.rows[1];
  REQUIRE(c13.contract.occ_symbol == "PLTR260618C00013000");
  CHECK(std::isnan(c13.quote.last));
  CHECK(c13.quote.bid == 14.75);
  CHECK(c13.quote.volume == 0);
  CHECK(c13.quote.open_interest == 0);
  CHECK(c13.quote.quote_time == gd::sys_time{std::chrono::milliseconds{1719589763000LL}});

  // PLTR260618P00013000: bid 0.0 with bid_iv 0.0 is a one-sided market, not a NaN bid.
  const auto& p13 = chain.rows[0];
  CHECK(p13.quote.bid == 0.0);
  CHECK_FALSE(p13.quote.has_two_sided());
  CHECK(p13.quote.greeks.iv == Approx(0.590685));
  CHECK(p13.quote.greeks.updated_at == utc(2024_y / 6 / 28, 14, 58, 59));
}

TEST_CASE("tradier chains: every spelling of empty is an empty chain", "[tradier][chains]") {
  tradier_chain_options options;
  options.underlying = "SPX";
  options.fetched_at = utc(2024_y / 1 / 5, 15, 0, 0);
  const auto recorded = chain_of(read_json("tradier/chains_null_invalid_symbol_or_expiration.json"), options);
  CHECK(recorded.rows.empty());
  CHECK(recorded.as_of == options.fetched_at);  // no quote times: falls back to the fetch time
  for (const char* body : {R"({"options":"null"})", R"({})", R"({"options":{}})", R"({"options":{"option":null}})",
                           R"({"options":{"option":[]}})"}) {
    INFO(body);
    CHECK(chain_of(json::parse(body), options).rows.empty());
  }
}

TEST_CASE("tradier chains: a single contract arrives as an object, not an array", "[tradier][chains]") {
  auto doc = read_json("tradier/chains_TSLA_20240119_greeks_2contracts.json");
  const json first = doc["options"]["option"][0];
  doc["options"]["option"] = first;
  const auto chain = chain_of(doc);
  REQUIRE(chain.rows.size() == 1);
  CHECK(chain.rows[0].contract.occ_symbol == "TSLA240119P00290000");
}

TEST_CASE("tradier chains: SPX and SPXW roots in one chain", "[tradier][chains][spx]") {
  json doc{{"options",
            {{"option",
              json::array({spx_option("SPX240719C05500000", "SPX", "call", 5500.0, "2024-07-19"),
                           spx_option("SPX240719P05500000", "SPX", "put", 5500.0, "2024-07-19"),
                           spx_option("SPXW240719C05500000", "SPXW", "call", 5500.0, "2024-07-19"),
                           spx_option("SPXW240719P05505000", "SPXW", "put", 5505.0, "2024-07-19")})}}}};
  tradier_chain_options options;
  options.underlying = "SPX";
  const auto chain = chain_of(doc, options);
  REQUIRE(chain.rows.size() == 4);
  for (const auto& row : chain.rows) {
    CHECK(row.contract.underlying == "SPX");
    if (row.contract.root == "SPX") {
      CHECK(row.contract.settlement == gd::settlement_style::am);
    } else {
      CHECK(row.contract.root == "SPXW");
      CHECK(row.contract.settlement == gd::settlement_style::pm);
    }
  }
  CHECK(chain.rows[3].contract.strike == 5505.0);

  // Without root_symbol the root comes from the OCC symbol, so SPXW is still PM-settled.
  doc["options"]["option"][3].erase("root_symbol");
  doc["options"]["option"][0].erase("root_symbol");
  const auto fallback = chain_of(doc, options);
  CHECK(fallback.rows[3].contract.root == "SPXW");
  CHECK(fallback.rows[3].contract.settlement == gd::settlement_style::pm);
  CHECK(fallback.rows[0].contract.root == "SPX");
  CHECK(fallback.rows[0].contract.settlement == gd::settlement_style::am);
}

TEST_CASE("tradier chains: identity falls back to the OCC symbol, or is an error", "[tradier][chains][errors]") {
  json o = spx_option("SPXW240719P05505000", "SPXW", "put", 5505.0, "2024-07-19");
  for (const char* key : {"option_type", "strike", "expiration_date", "root_symbol"}) o.erase(key);
  const auto chain = chain_of(json{{"options", {{"option", o}}}});
  REQUIRE(chain.rows.size() == 1);
  CHECK(chain.rows[0].contract.right == gd::option_right::put);
  CHECK(chain.rows[0].contract.strike == 5505.0);
  CHECK(chain.rows[0].contract.expiration == 2024_y / 7 / 19);

  o["symbol"] = "garbage";
  const auto bad = parse_tradier_chain(json{{"options", {{"option", o}}}}, {});
  REQUIRE_FALSE(bad);
  CHECK(bad.err().code == "vendor_malformed");
  CHECK(bad.err().message.find("/markets/options/chains") != std::string::npos);
  CHECK(bad.err().message.find("option #0") != std::string::npos);
}

TEST_CASE("tradier chains: epoch seconds and milliseconds give the same instant", "[tradier][chains][time]") {
  auto ms = spx_option("SPXW240719P05505000", "SPXW", "put", 5505.0, "2024-07-19");
  auto s = ms;
  s["bid_date"] = 1719589843LL;
  s["ask_date"] = 1719589843LL;
  const auto a = chain_of(json{{"options", {{"option", ms}}}});
  const auto b = chain_of(json{{"options", {{"option", s}}}});
  CHECK(a.rows[0].quote.quote_time == b.rows[0].quote.quote_time);
  CHECK(a.rows[0].quote.quote_time == gd::sys_time{std::chrono::seconds{1719589843LL}});

  CHECK(epoch_ms_or_s(0) == gd::sys_time{});
  CHECK(epoch_ms_or_s(-5) == gd::sys_time{});
  CHECK(epoch_ms_or_s(1705079354000LL) == gd::sys_time{std::chrono::milliseconds{1705079354000LL}});
  CHECK(epoch_ms_or_s(1705079354LL) == gd::sys_time{std::chrono::seconds{1705079354LL}});

  gd::sys_time t{};
  REQUIRE(parse_tradier_timestamp("2024-03-08 20:59:27", t));
  CHECK(t == utc(2024_y / 3 / 8, 20, 59, 27));
  CHECK_FALSE(parse_tradier_timestamp("2024-03-08 25:59:27", t));
  CHECK_FALSE(parse_tradier_timestamp("yesterday", t));
}

TEST_CASE("tradier chains: zero and stale greeks become NaN, updated_at kept", "[tradier][chains][greeks]") {
  auto o = spx_option("SPXW240719P05505000", "SPXW", "put", 5505.0, "2024-07-19");
  for (const char* k : {"delta", "gamma", "theta", "vega", "rho", "phi", "bid_iv", "mid_iv", "ask_iv", "smv_vol"}) {
    o["greeks"][k] = 0.0;
  }
  const auto zero = chain_of(json{{"options", {{"option", o}}}});
  const auto& g = zero.rows[0].quote.greeks;
  CHECK(std::isnan(g.iv));
  CHECK(std::isnan(g.delta));
  CHECK(std::isnan(g.gamma));
  CHECK(std::isnan(g.vega));
  CHECK(g.updated_at == utc(2024_y / 6 / 28, 14, 58, 59));

  // mid_iv 0.0 falls back to smv_vol; greeks with null members are NaN, the rest kept.
  auto partial = spx_option("SPXW240719P05505000", "SPXW", "put", 5505.0, "2024-07-19");
  partial["greeks"]["mid_iv"] = 0.0;
  partial["greeks"]["gamma"] = nullptr;
  const auto p = chain_of(json{{"options", {{"option", partial}}}});
  CHECK(p.rows[0].quote.greeks.iv == Approx(0.158));
  CHECK(std::isnan(p.rows[0].quote.greeks.gamma));
  CHECK(p.rows[0].quote.greeks.delta == -0.5);

  // Quote time 2024-06-28 15:50:43 UTC, greeks from 14:58:59: 52 minutes old.
  const auto fresh_doc = json{{"options", {{"option", spx_option("SPXW240719P05505000", "SPXW", "put", 5505.0, "2024-07-19")}}}};
  tradier_chain_options lenient;
  lenient.max_greeks_age = std::chrono::hours{2};
  CHECK(chain_of(fresh_doc, lenient).rows[0].quote.greeks.delta == -0.5);
  tradier_chain_options strict;
  strict.max_greeks_age = std::chrono::minutes{30};
  const auto stale = chain_of(fresh_doc, strict);
  CHECK(std::isnan(stale.rows[0].quote.greeks.delta));
  CHECK(std::isnan(stale.rows[0].quote.greeks.iv));
  CHECK(stale.rows[0].quote.greeks.updated_at == utc(2024_y / 6 / 28, 14, 58, 59));
  CHECK(stale.rows[0].quote.bid == 12.1);  // only the greeks are blanked

  // No greeks object at all (greeks=false or a vendor gap).
  auto none = spx_option("SPXW240719P05505000", "SPXW", "put", 5505.0, "2024-07-19");
  none.erase("greeks");
  const auto n = chain_of(json{{"options", {{"option", none}}}});
  CHECK(std::isnan(n.rows[0].quote.greeks.delta));
  CHECK(n.rows[0].quote.greeks.updated_at == gd::sys_time{});
}

TEST_CASE("tradier chains: wrong-typed fields never throw", "[tradier][chains][errors]") {
  const auto base = spx_option("SPXW240719P05505000", "SPXW", "put", 5505.0, "2024-07-19");
  const std::vector<json> junk{nullptr, "null", "abc", json::array(), json::object(), true, -1, 1e300, "12.5"};
  for (const auto& [key, unused] : base.items()) {
    for (const auto& value : junk) {
      auto o = base;
      o[key] = value;
      INFO(key << " = " << value.dump());
      REQUIRE_NOTHROW((void)parse_tradier_chain(json{{"options", {{"option", o}}}}, {}));
    }
  }
  // A numeric string is read as the number; a word is NaN.
  auto o = base;
  o["bid"] = "12.5";
  o["ask"] = "n/a";
  const auto c = chain_of(json{{"options", {{"option", o}}}});
  CHECK(c.rows[0].quote.bid == 12.5);
  CHECK(std::isnan(c.rows[0].quote.ask));

  for (const char* body : {R"([])", R"({"options":[1,2]})", R"({"options":{"option":[1]}})",
                           R"({"options":{"option":"x"}})", R"({"options":7})"}) {
    INFO(body);
    const auto r = parse_tradier_chain(json::parse(body), {});
    REQUIRE_FALSE(r);
    CHECK(r.err().message.find("/markets/options/chains") != std::string::npos);
  }
}

TEST_CASE("tradier bodies: malformed and truncated JSON are errors", "[tradier][errors]") {
  const auto text = read_text("tradier/chains_PLTR_20260618_greeks_first14of_chain.json");
  REQUIRE(parse_vendor_json(text, tradier_chains_endpoint));
  for (std::size_t cut = 0; cut < text.size(); cut += 101) {
    const auto r = parse_vendor_json(std::string_view{text}.substr(0, cut), tradier_chains_endpoint);
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "vendor_malformed");
    CHECK(r.err().message.find("/markets/options/chains") != std::string::npos);
  }
  for (const char* body : {"", "   ", "Invalid Access Token", "<html><body>maintenance</body></html>", "{\"a\":",
                           "{\"options\":{\"option\":[{]}}", "\xff\xfe{}"}) {
    INFO(body);
    CHECK_FALSE(parse_vendor_json(body, tradier_quotes_endpoint));
  }
  // Invalid UTF-8 inside a string is rejected by the parser, not passed on.
  CHECK_FALSE(parse_vendor_json("{\"quotes\":{\"quote\":{\"symbol\":\"\xc3\x28\"}}}", tradier_quotes_endpoint));
}

TEST_CASE("tradier quotes: single object, arrays and unmatched symbols", "[tradier][quotes]") {
  const auto single = parse_tradier_quotes(read_json("tradier/quotes_single_PLTR_object_not_array.json"));
  REQUIRE(single);
  REQUIRE(single->quotes.size() == 1);
  CHECK(single->quotes[0].symbol == "PLTR");
  CHECK(single->quotes[0].last == 25.5);
  CHECK(single->quotes[0].prev_close == 25.22);
  CHECK(single->quotes[0].as_of == gd::sys_time{std::chrono::milliseconds{1719589861696LL}});

  const auto two = parse_tradier_quotes(read_json("tradier/quotes_SPY_and_option_SPY251219P00450000_greeks.json"));
  REQUIRE(two);
  REQUIRE(two->quotes.size() == 2);
  CHECK(two->quotes[0].symbol == "SPY");
  CHECK(two->quotes[0].bid == 547.95);
  CHECK(two->quotes[1].symbol == "SPY251219P00450000");
  CHECK(two->unmatched_symbols.empty());

  const auto mixed = parse_tradier_quotes(read_json("tradier/quotes_AAPL_and_option_TSLA240119P00250000_greeks.json"));
  REQUIRE(mixed);
  CHECK(mixed->quotes.size() == 2);

  const auto only = parse_tradier_quotes(read_json("tradier/quotes_only_unmatched_symbols.json"));
  REQUIRE(only);
  CHECK(only->quotes.empty());
  REQUIRE(only->unmatched_symbols.size() == 1);
  CHECK(only->unmatched_symbols[0] == "SEFDF");

  const auto partial = parse_tradier_quotes(read_json("tradier/quotes_single_plus_unmatched_symbols.json"));
  REQUIRE(partial);
  REQUIRE(partial->quotes.size() == 1);
  CHECK(partial->quotes[0].symbol == "AAPL");
  CHECK(partial->unmatched_symbols == std::vector<std::string>{"SEFDF"});

  const auto option = parse_tradier_quotes(read_json("tradier/quotes_single_option_TSLA240119P00250000_greeks.json"));
  REQUIRE(option);
  CHECK(option->quotes.at(0).last == 28.64);

  const auto intraday = parse_tradier_quotes(read_json("tradier/quotes_single_AAPL_intraday.json"));
  REQUIRE(intraday);
  CHECK(intraday->quotes.at(0).last == 186.07);
}

TEST_CASE("tradier quotes: pre-market null OHLC", "[tradier][quotes]") {
  for (const char* file : {"tradier/quotes_single_AAPL_premarket_null_ohlc.json",
                           "tradier/quotes_single_AMZN_premarket_null_ohlc_root_symbols_multi.json"}) {
    INFO(file);
    const auto r = parse_tradier_quotes(read_json(file));
    REQUIRE(r);
    REQUIRE(r->quotes.size() == 1);
    CHECK(std::isfinite(r->quotes[0].last));
    CHECK(r->quotes[0].last == r->quotes[0].prev_close);  // change 0.00 before the open
  }
  // last itself null (no trade yet): NaN, not a crash or a zero.
  const auto r = parse_tradier_quotes(json::parse(R"({"quotes":{"quote":{"symbol":"SPX","last":null,"prevclose":null,"trade_date":0}}})"));
  REQUIRE(r);
  CHECK(std::isnan(r->quotes[0].last));
  CHECK(r->quotes[0].as_of == gd::sys_time{});
}

TEST_CASE("tradier quotes: empty and malformed", "[tradier][quotes][errors]") {
  for (const char* body : {R"({"quotes":null})", R"({"quotes":"null"})", R"({})"}) {
    const auto r = parse_tradier_quotes(json::parse(body));
    REQUIRE(r);
    CHECK(r->quotes.empty());
  }
  for (const char* body : {R"({"quotes":{"quote":[1]}})", R"({"quotes":{"quote":{"last":1}}})", R"({"quotes":5})",
                           R"([])"}) {
    INFO(body);
    const auto r = parse_tradier_quotes(json::parse(body));
    REQUIRE_FALSE(r);
    CHECK(r.err().message.find("/markets/quotes") != std::string::npos);
  }
}
