// read_tradier_chain (simdjson, one pass) against its reference: parse_vendor_json +
// parse_tradier_chain + gd::canonical_json of the same bytes. Rows must be field-identical and the
// canonical text byte-identical (it is what snapshots store and checksum), errors word for word.
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <gd/core/canonical_json.hpp>
#include <gd/providers/cboe_parse.hpp>
#include <gd/providers/tradier_format.hpp>
#include <gd/providers/tradier_parse.hpp>

#include "test_files.hpp"

using namespace gd::providers;
using gd::test::read_text;

namespace {

tradier_chain_options options() {
  tradier_chain_options o;
  o.underlying = "SPX";
  o.fetched_at = gd::sys_time{std::chrono::seconds{1'700'000'000}};
  o.max_greeks_age = std::chrono::hours{24};
  return o;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void check_rows_identical(const gd::option_chain& a, const gd::option_chain& b) {
  CHECK(a.provider == b.provider);
  CHECK(a.underlying == b.underlying);
  CHECK(a.as_of == b.as_of);
  REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    const auto& x = a.rows[i];
    const auto& y = b.rows[i];
    INFO("row " << i << " " << x.contract.occ_symbol);
    REQUIRE(x.contract.occ_symbol == y.contract.occ_symbol);
    REQUIRE(x.contract.root == y.contract.root);
    REQUIRE(x.contract.underlying == y.contract.underlying);
    REQUIRE(x.contract.expiration == y.contract.expiration);
    REQUIRE(x.contract.strike == y.contract.strike);
    REQUIRE(x.contract.right == y.contract.right);
    REQUIRE(x.contract.settlement == y.contract.settlement);
    REQUIRE(x.contract.multiplier == y.contract.multiplier);
    REQUIRE(same(x.quote.bid, y.quote.bid));
    REQUIRE(same(x.quote.ask, y.quote.ask));
    REQUIRE(same(x.quote.last, y.quote.last));
    REQUIRE(x.quote.bid_size == y.quote.bid_size);
    REQUIRE(x.quote.ask_size == y.quote.ask_size);
    REQUIRE(x.quote.volume == y.quote.volume);
    REQUIRE(x.quote.open_interest == y.quote.open_interest);
    REQUIRE(x.quote.quote_time == y.quote.quote_time);
    REQUIRE(same(x.quote.greeks.iv, y.quote.greeks.iv));
    REQUIRE(same(x.quote.greeks.delta, y.quote.greeks.delta));
    REQUIRE(same(x.quote.greeks.gamma, y.quote.greeks.gamma));
    REQUIRE(same(x.quote.greeks.theta, y.quote.greeks.theta));
    REQUIRE(same(x.quote.greeks.vega, y.quote.greeks.vega));
    REQUIRE(same(x.quote.greeks.rho, y.quote.greeks.rho));
    REQUIRE(x.quote.greeks.updated_at == y.quote.greeks.updated_at);
  }
}

// The reference reading of `body`, compared with read_tradier_chain's. Returns whether the fast
// path took it.
bool check_matches_reference(const std::string& body) {
  INFO("body: " << body.substr(0, 300));
  const auto fast = read_tradier_chain(body, options());
  const auto doc = parse_vendor_json(body, tradier_chains_endpoint);
  if (!doc) {
    REQUIRE_FALSE(fast);
    CHECK(fast.err().code == doc.err().code);
    CHECK(fast.err().message == doc.err().message);
    return false;
  }
  const auto slow = parse_tradier_chain(doc.value(), options());
  if (!slow) {
    REQUIRE_FALSE(fast);
    CHECK(fast.err().code == slow.err().code);
    CHECK(fast.err().message == slow.err().message);
    return false;
  }
  REQUIRE(fast);
  CHECK(fast->canonical == gd::canonical_json(doc.value()));
  // Tradier's "nothing here": missing, null, "", "null", {} and [].
  const auto& d = doc.value();
  const auto errors = d.is_object() && d.contains("errors") ? d["errors"] : nlohmann::json();
  const bool no_errors = errors.is_null() || errors == "" || errors == "null" ||
                         ((errors.is_object() || errors.is_array()) && errors.empty());
  CHECK(fast->vendor_errors == !no_errors);
  check_rows_identical(fast->chain, slow.value());
  return fast->fast_path;
}

std::string option_with(const std::string& extra_members) {
  return R"({"symbol":"SPXW261120C06000000","root_symbol":"SPXW","option_type":"call","expiration_date":"2026-11-20",)"
         R"("strike":6000,"bid":1.5,"ask":1.6,"last":1.55,"bidsize":10,"asksize":12,"volume":100,"open_interest":2500,)"
         R"("bid_date":1763650000000,"ask_date":1763650001000,"contract_size":100,"underlying":"SPX",)"
         R"("greeks":{"delta":0.25,"gamma":0.001,"theta":-1.2,"vega":2.5,"rho":0.1,"mid_iv":0.18,"smv_vol":0.17,)"
         R"("updated_at":"2025-11-20 15:00:00"})" +
         extra_members + "}";
}

std::string chain_of(const std::string& options_value) { return R"({"options":{"option":)" + options_value + "}}"; }

}  // namespace

TEST_CASE("read_tradier_chain: the recorded Tradier chains read exactly as the reference", "[tradier][chain_read]") {
  for (const char* file : {"tradier/chains_PLTR_20260618_greeks_first14of_chain.json",
                           "tradier/chains_TSLA_20240119_greeks_2contracts.json",
                           "tradier/chains_null_invalid_symbol_or_expiration.json"}) {
    INFO(file);
    CHECK(check_matches_reference(read_text(file)));
  }
}

TEST_CASE("read_tradier_chain: a full SPX chain (19k contracts) reads exactly as the reference", "[tradier][chain_read]") {
  const auto csv = parse_cboe_csv(read_text("chains/spx_cboe_quotetable_2022-12-12.csv"));
  REQUIRE(csv);
  REQUIRE(csv->chain.rows.size() > 19000);
  const std::string body = to_tradier_chain_json(csv->chain).dump();
  CHECK(check_matches_reference(body));
  // The same again with insignificant whitespace and another member order: same canonical text.
  const std::string pretty = nlohmann::json::parse(body).dump(2);
  const auto a = read_tradier_chain(body, options());
  const auto b = read_tradier_chain(pretty, options());
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->canonical == b->canonical);
  CHECK(gd::sha256_hex(a->canonical) == gd::payload_checksum(nlohmann::json::parse(pretty)));
}

TEST_CASE("read_tradier_chain: Tradier's quirks read exactly as the reference", "[tradier][chain_read]") {
  const std::vector<std::string> bodies{
      chain_of(option_with("")),                                    // one option collapsed to an object
      chain_of("[" + option_with("") + "," + option_with("") + "]"),
      R"({"options":null})", R"({"options":"null"})", R"({"options":{}})", R"({})", R"({"options":{"option":[]}})",
      R"({"options":{"option":null}})",
      chain_of(option_with(R"(,"bid":"1.25","ask":"N/A","volume":"212.0","open_interest":null)")),   // strings, nulls
      chain_of(option_with(R"(,"bid_date":1763650000,"ask_date":0,"trade_date":1763650002000)")),    // seconds and ms
      chain_of(option_with(R"(,"greeks":{"delta":0,"gamma":0,"theta":0,"vega":0,"mid_iv":0,"smv_vol":0.2})")),
      chain_of(option_with(R"(,"greeks":{"delta":0.3,"updated_at":"2020-01-01 00:00:00"})")),         // stale
      chain_of(option_with(R"(,"greeks":null)")), chain_of(option_with(R"(,"greeks":"null")")),
      chain_of(option_with(R"(,"symbol":"SPX 261120P06100000","root_symbol":null,"option_type":null)")),
      chain_of(option_with(R"(,"strike":"6,000","expiration_date":"soon")")),                          // OCC fallback
      chain_of(option_with(R"(,"strike":6000.0,"strike":6005)")),                                      // repeated key
      chain_of(option_with(R"(,"description":"SPXW Nov 20 2026 \u00e9 \"6000\" Call\n\ttab")")),      // escapes
      chain_of(option_with(R"(,"description":"日本語 ☃ \ud83d\ude00")")),
      chain_of(option_with(R"(,"x":[1,-2,3.25,-4.5e-7,1e21,1.5E+300,18446744073709551615,-9223372036854775808])")),
      chain_of(option_with(R"(,"x":[true,false,null,{},[],{"b":1,"a":{"d":[{}],"c":2}}])")),
      chain_of(option_with(R"(,"x":0.1000,"y":100.0,"z":5e-324,"w":1.7976931348623157e308)")),
      R"({"options":{"option":[)" + option_with("") + R"(]},"errors":{"error":"Invalid Parameter"}})",  // errors
      R"({"errors":{"error":["a","b"]}})", R"({"errors":null,"options":null})",
      // Shapes the reference rejects: the fast path must reject them too, with the same words.
      R"([1,2])", R"({"options":5})", chain_of("[5]"), chain_of(R"([{"symbol":"junk"}])"), R"("text")",
      // Bodies that are not JSON at all.
      "", "   ", "{\"options\":", "<html>maintenance</html>", R"({"options":{"option":[}})", "{\"a\":\"\x01\"}",
      std::string("{\"a\":\"\xff\"}"), R"({"a":1} {"b":2})", R"({"a":01})", R"({"a":NaN})",
  };
  for (const auto& body : bodies) check_matches_reference(body);
}

TEST_CASE("read_tradier_chain: what simdjson reads differently goes the reference way", "[tradier][chain_read]") {
  // Beyond 64 bits simdjson refuses integers nlohmann reads as doubles; 1e400 overflows (nlohmann
  // keeps an infinity that prints null). Both read as the reference reads.
  for (const auto& extra : {R"(,"x":184467440737095516160)", R"(,"x":-9223372036854775809)", R"(,"x":1e400)"}) {
    INFO(extra);
    CHECK_FALSE(check_matches_reference(chain_of(option_with(extra))));
  }
  // Everything ordinary takes the fast path, zeros of every spelling included ("-0" is the integer
  // 0 to both parsers, "-0.0" a negative zero that prints "0.0").
  CHECK(check_matches_reference(chain_of(option_with(R"(,"x":0,"y":0.0,"z":-1,"w":-0,"v":-0.0,"u":-0e5)"))));
}

TEST_CASE("read_tradier_chain: random documents canonicalize exactly as the reference", "[tradier][chain_read]") {
  std::mt19937_64 rng(20261121);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::vector<std::string> keys{"a", "b", "B", "aa", "a_b", "z", "é", "\\u0041", "a b", "", "key\\n", "~"};
  const std::vector<std::string> numbers{"0", "1", "-1", "0.5", "-2.25", "1e3", "1E-7", "123456789012345678",
                                         "9007199254740993", "0.1", "3.14159265358979323846", "1.0", "-12.500",
                                         "6e-1", "2.5e+20", "4.9e-324", "9223372036854775807", "18446744073709551615"};
  std::function<std::string(int)> value = [&](int depth) -> std::string {
    const int kind = depth > 3 ? pick(4) : pick(6);
    switch (kind) {
      case 0: return numbers[static_cast<std::size_t>(pick(static_cast<int>(numbers.size())))];
      case 1: return "\"" + keys[static_cast<std::size_t>(pick(static_cast<int>(keys.size())))] + "\"";
      case 2: return pick(3) == 0 ? "null" : (pick(2) ? "true" : "false");
      case 3: return "\"text " + std::to_string(pick(1000)) + "\"";
      case 4: {
        std::string out = "[";
        for (int i = 0, n = pick(4); i < n; ++i) out += (i ? "," : "") + value(depth + 1);
        return out + "]";
      }
      default: {
        std::string out = "{";
        for (int i = 0, n = pick(5); i < n; ++i) {
          out += (i ? ", " : " ") + std::string("\"") + keys[static_cast<std::size_t>(pick(static_cast<int>(keys.size())))] +
                 "\" : " + value(depth + 1);
        }
        return out + "}";
      }
    }
  };
  int fast = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string body = chain_of("[" + option_with(",\"x\":" + value(0)) + "]").insert(1, "\"extra\":" + value(0) + ",");
    if (check_matches_reference(body)) ++fast;
  }
  CHECK(fast == 300);
}
