#include <gd/exposure/json.hpp>

#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include <gd/exposure/csv.hpp>

#include "tiny_chain.hpp"

using namespace gd::exposure;
using gd::option_right;
using namespace gd::test;
using nlohmann::json;

namespace {

std::set<std::string> keys(const json& j) {
  std::set<std::string> out;
  for (const auto& [k, v] : j.items()) out.insert(k);
  return out;
}

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

exposure_report sample() {
  const auto chain = tiny_chain({tiny_row(option_right::put, 95, 0.25, 3000), tiny_row(option_right::call, 105, 0.20, 1000),
                                 tiny_row(option_right::call, 95, 0.25, 0)});
  exposure_params p;
  p.profile_levels = 50;
  return compute_exposure(chain, 100.0, tiny_as_of, p);
}

}  // namespace

TEST_CASE("json: report shape", "[exposure][json]") {
  const auto r = sample();
  const json j = to_json(r);
  CHECK(keys(j) == std::set<std::string>{"underlying", "as_of", "spot", "parameters", "scope", "totals", "levels",
                                         "strikes", "top", "vendor_gap"});
  CHECK(j["as_of"] == "2024-03-04T15:00:00Z");
  CHECK(keys(j["parameters"]) == std::set<std::string>{"gamma_source", "dealer", "time_basis", "rate", "unit",
                                                       "profile_levels", "profile_range", "profile_spacing",
                                                       "strike_window_pct"});
  CHECK(j["parameters"]["unit"] == "usd_per_1pct_move");
  CHECK(j["parameters"]["profile_spacing"] == "log");
  CHECK(j["parameters"]["profile_range"] == json::array({0.5, 1.5}));
  CHECK(j["parameters"]["strike_window_pct"].is_null());
  CHECK(keys(j["scope"]) == std::set<std::string>{"kind", "label", "expirations"});
  CHECK(j["scope"]["expirations"] == json::array({"2024-03-15"}));
  CHECK(keys(j["totals"]) == std::set<std::string>{"call_gex", "put_gex", "net_gex", "abs_gex", "dex", "vex", "cex",
                                                   "call_oi", "put_oi", "call_volume", "put_volume", "contracts_used",
                                                   "excluded"});
  CHECK(j["totals"]["excluded"]["zero_oi"] == 1);
  CHECK(j["totals"]["excluded"]["total"] == 1);
  CHECK(keys(j["levels"]) ==
        std::set<std::string>{"spot", "gamma_flip", "gamma_flips", "regime", "net_gex", "call_wall", "put_wall",
                              "call_wall_unconstrained", "put_wall_unconstrained", "call_oi_wall", "put_oi_wall",
                              "max_abs_net_gex_strike", "abs_gamma_strike", "max_pain", "atm_iv", "expected_move"});
  REQUIRE(j["strikes"].size() == 2);
  CHECK(keys(j["strikes"][0]) == std::set<std::string>{"strike", "call_gex", "put_gex", "net_gex", "abs_gex",
                                                       "cum_net_gex", "call_oi", "put_oi", "call_volume", "put_volume",
                                                       "dex", "vex", "cex"});
  CHECK(keys(j["top"]) == std::set<std::string>{"by_oi", "by_volume", "by_pc_ratio"});
  CHECK(keys(j["top"]["by_oi"][0]) == std::set<std::string>{"strike", "call_oi", "put_oi", "total_oi", "call_volume",
                                                            "put_volume", "total_volume", "pc_ratio"});
  CHECK(keys(j["vendor_gap"]) == std::set<std::string>{"iv_pairs", "iv_mean_diff", "iv_median_diff", "iv_mean_abs_diff",
                                                       "gamma_pairs", "gamma_median_rel_diff", "net_gex_model",
                                                       "net_gex_vendor", "vendor_iv_fallback"});
  CHECK(j["vendor_gap"]["iv_mean_diff"].is_null());   // no vendor IVs: NaN -> null
  // Round trip through text keeps numbers.
  CHECK(json::parse(j.dump())["totals"]["net_gex"].get<double>() == r.totals.sums.net_gex);
}

TEST_CASE("json: levels, profile, by-expiry and heatmap shapes", "[exposure][json]") {
  const auto r = sample();
  const json p = to_json(r.profile);
  CHECK(keys(p) == std::set<std::string>{"spot", "levels", "gamma_flip", "gamma_flips"});
  REQUIRE(p["levels"].size() == 50);
  CHECK(keys(p["levels"][0]) == std::set<std::string>{"price", "gex", "dex"});
  CHECK(p["gamma_flip"].is_number());
  const json e = to_json(r.by_expiry);
  REQUIRE(e["items"].size() == 1);
  CHECK(keys(e["items"][0]) ==
        std::set<std::string>{"expiration", "dte", "settlement", "call_gex", "put_gex", "net_gex", "abs_gex", "dex",
                              "vex", "cex", "call_oi", "put_oi", "call_volume", "put_volume", "atm_iv",
                              "expected_move_straddle", "expected_move_sigma", "skew_25d", "max_pain", "quality"});
  CHECK(e["items"][0]["settlement"] == "PM");
  CHECK(e["items"][0]["expiration"] == "2024-03-15");
  CHECK(e["items"][0]["skew_25d"].is_null());
  CHECK(keys(e["items"][0]["quality"]) == std::set<std::string>{"grade", "liquid_strikes", "reason"});
  CHECK(e["items"][0]["quality"]["grade"] == "degraded");
  CHECK(e["items"][0]["quality"]["reason"].is_string());
  const json h = to_json(r.heatmap);
  CHECK(keys(h) == std::set<std::string>{"metric", "expirations", "strikes", "values"});
  CHECK(h["metric"] == "net_gex");
  REQUIRE(h["values"].size() == 1);
  REQUIRE(h["values"][0].size() == 2);
  CHECK(h["values"][0][0].get<double>() == Approx(r.strikes[0].sums.net_gex));
  const json l = to_json(r.levels);
  CHECK(l["regime"].is_string());
  CHECK(l["max_pain"].is_number());
}

TEST_CASE("csv: the tabular shapes", "[exposure][csv]") {
  const auto r = sample();
  const std::string s = to_csv(std::span<const strike_exposure>(r.strikes));
  CHECK(s.rfind("strike,call_gex,put_gex,net_gex,abs_gex,cum_net_gex,call_oi,put_oi,call_volume,put_volume,dex,vex,cex\n",
                0) == 0);
  CHECK(lines(s) == 3);
  CHECK(s.find("\n95,0,") != std::string::npos);   // strike 95: no call GEX (its call has zero OI)
  const std::string e = to_csv(r.by_expiry);
  CHECK(lines(e) == 2);
  CHECK(e.find("\n2024-03-15,11,PM,") != std::string::npos);
  CHECK(e.find(",degraded,") != std::string::npos);
  const std::string p = to_csv(r.profile);
  CHECK(p.rfind("price,gex,dex\n", 0) == 0);
  CHECK(lines(p) == 51);
}
