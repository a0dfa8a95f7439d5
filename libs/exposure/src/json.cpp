#include <gd/exposure/json.hpp>

#include <cmath>

#include <gd/core/ny_time.hpp>

namespace gd::exposure {

using nlohmann::json;

namespace {

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json num(const std::optional<double>& v) { return v ? num(*v) : json(nullptr); }

json nums(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(num(x));
  return a;
}

json dates(const std::vector<date::year_month_day>& v) {
  json a = json::array();
  for (const auto& d : v) a.push_back(format_date(d));
  return a;
}

// The exposure sums in the order every shape uses.
void put_sums(json& j, const exposure_sums& s) {
  j["call_gex"] = num(s.call_gex);
  j["put_gex"] = num(s.put_gex);
  j["net_gex"] = num(s.net_gex);
  j["abs_gex"] = num(s.abs_gex);
}

void put_greeks(json& j, const exposure_sums& s) {
  j["dex"] = num(s.dex);
  j["vex"] = num(s.vex);
  j["cex"] = num(s.cex);
}

void put_counts(json& j, const exposure_sums& s) {
  j["call_oi"] = s.call_oi;
  j["put_oi"] = s.put_oi;
  j["call_volume"] = s.call_volume;
  j["put_volume"] = s.put_volume;
}

json rank_json(const strike_rank& r) {
  return {{"strike", num(r.strike)},   {"call_oi", r.call_oi},         {"put_oi", r.put_oi},
          {"total_oi", r.call_oi + r.put_oi}, {"call_volume", r.call_volume}, {"put_volume", r.put_volume},
          {"total_volume", r.call_volume + r.put_volume}, {"pc_ratio", num(r.pc_ratio)}};
}

json ranks(const std::vector<strike_rank>& v) {
  json a = json::array();
  for (const auto& r : v) a.push_back(rank_json(r));
  return a;
}

}  // namespace

json to_json(const exposure_params& p) {
  return {{"gamma_source", to_string(p.gamma)},
          {"dealer", to_string(p.dealer)},
          {"time_basis", to_string(p.basis)},
          {"rate", num(p.rate)},
          {"unit", "usd_per_1pct_move"},
          {"profile_levels", p.profile_levels},
          {"profile_range", json::array({num(p.profile_low), num(p.profile_high)})},
          {"profile_spacing", "log"},   // levels are geometric between the range's ends
          {"strike_window_pct", p.strike_window_pct > 0.0 ? num(p.strike_window_pct) : json(nullptr)}};
}

json to_json(const scope_result& s) {
  return {{"kind", to_string(s.kind)}, {"label", s.label}, {"expirations", dates(s.expirations)}};
}

json to_json(const exposure_totals& t) {
  json j = json::object();
  put_sums(j, t.sums);
  put_greeks(j, t.sums);
  put_counts(j, t.sums);
  j["contracts_used"] = t.contracts_used;
  const auto& x = t.excluded;
  j["excluded"] = {{"total", x.total()},       {"expired", x.expired},   {"invalid", x.invalid},
                   {"zero_oi", x.zero_oi},     {"no_quote", x.no_quote}, {"iv_failed", x.iv_failed},
                   {"iv_out_of_range", x.iv_out_of_range}, {"no_vendor_greeks", x.no_vendor_greeks}};
  return j;
}

json to_json(const strike_exposure& s) {
  json j = {{"strike", num(s.strike)}};
  put_sums(j, s.sums);
  j["cum_net_gex"] = num(s.cum_net_gex);
  put_counts(j, s.sums);
  put_greeks(j, s.sums);
  return j;
}

json to_json(const key_levels& l) {
  return {{"spot", num(l.spot)},
          {"gamma_flip", num(l.gamma_flip)},
          {"gamma_flips", nums(l.gamma_flips)},
          {"regime", to_string(l.regime)},
          {"net_gex", num(l.net_gex)},
          {"call_wall", num(l.call_wall)},
          {"put_wall", num(l.put_wall)},
          {"call_wall_unconstrained", num(l.call_wall_unconstrained)},
          {"put_wall_unconstrained", num(l.put_wall_unconstrained)},
          {"call_oi_wall", num(l.call_oi_wall)},
          {"put_oi_wall", num(l.put_oi_wall)},
          {"max_abs_net_gex_strike", num(l.max_abs_net_gex_strike)},
          {"abs_gamma_strike", num(l.abs_gamma_strike)},
          {"max_pain", num(l.max_pain)},
          {"atm_iv", num(l.atm_iv)},
          {"expected_move", num(l.expected_move)}};
}

json to_json(const top_strikes& t) {
  return {{"by_oi", ranks(t.by_oi)}, {"by_volume", ranks(t.by_volume)}, {"by_pc_ratio", ranks(t.by_pc_ratio)}};
}

json to_json(const vendor_gap& g) {
  return {{"iv_pairs", g.iv_pairs},
          {"iv_mean_diff", num(g.iv_mean_diff)},
          {"iv_median_diff", num(g.iv_median_diff)},
          {"iv_mean_abs_diff", num(g.iv_mean_abs_diff)},
          {"gamma_pairs", g.gamma_pairs},
          {"gamma_median_rel_diff", num(g.gamma_median_rel_diff)},
          {"net_gex_model", num(g.net_gex_model)},
          {"net_gex_vendor", num(g.net_gex_vendor)},
          {"vendor_iv_fallback", g.vendor_iv_fallback}};
}

json to_json(const exposure_report& r) {
  json strikes = json::array();
  for (const auto& s : r.strikes) strikes.push_back(to_json(s));
  return {{"underlying", r.underlying},
          {"as_of", format_utc_iso(r.as_of)},
          {"spot", num(r.spot)},
          {"parameters", to_json(r.params)},
          {"scope", to_json(r.scope)},
          {"totals", to_json(r.totals)},
          {"levels", to_json(r.levels)},
          {"strikes", std::move(strikes)},
          {"top", to_json(r.top)},
          {"vendor_gap", to_json(r.gap)}};
}

json to_json(const gamma_profile& p) {
  json levels = json::array();
  for (const auto& x : p.levels) levels.push_back({{"price", num(x.price)}, {"gex", num(x.gex)}, {"dex", num(x.dex)}});
  return {{"spot", num(p.spot)},
          {"levels", std::move(levels)},
          {"gamma_flip", num(p.gamma_flip)},
          {"gamma_flips", nums(p.gamma_flips)}};
}

json to_json(const expiry_table& t) {
  json items = json::array();
  for (const auto& x : t.items) {
    json j = {{"expiration", format_date(x.expiration)},
              {"dte", x.dte},
              {"settlement", x.settlement == settlement_style::am ? "AM" : "PM"}};
    put_sums(j, x.sums);
    put_greeks(j, x.sums);
    put_counts(j, x.sums);
    j["atm_iv"] = num(x.atm_iv);
    j["expected_move_straddle"] = num(x.expected_move_straddle);
    j["expected_move_sigma"] = num(x.expected_move_sigma);
    j["skew_25d"] = num(x.skew_25d);
    j["max_pain"] = num(x.max_pain);
    j["quality"] = {{"grade", x.quality.degraded ? "degraded" : "ok"},
                    {"liquid_strikes", x.quality.liquid_strikes},
                    {"reason", x.quality.reason.empty() ? json(nullptr) : json(x.quality.reason)}};
    items.push_back(std::move(j));
  }
  return {{"items", std::move(items)}};
}

json to_json(const exposure_heatmap& h) {
  json values = json::array();
  for (const auto& row : h.values) values.push_back(nums(row));
  return {{"metric", "net_gex"}, {"expirations", dates(h.expirations)}, {"strikes", nums(h.strikes)},
          {"values", std::move(values)}};
}

}  // namespace gd::exposure
