// The real CBOE fixtures (tests/data/chains): invariants, an independent scalar recomputation and
// golden numbers (tests/data/golden/exposure_*.json; GD_UPDATE_GOLDEN=1 rewrites them).
// Evaluation instant: each fixture's own quote time (chain.as_of); spot: the fixture's last price.
#include <gd/exposure/report.hpp>

#include <cstdlib>
#include <iomanip>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include <gd/exposure/json.hpp>
#include <gd/providers/cboe_parse.hpp>

#include "tiny_chain.hpp"

using namespace gd::exposure;
using nlohmann::json;

namespace {

std::string read_file(const std::string& rel) {
  std::ifstream in(std::string(GD_TEST_DATA) + "/" + rel, std::ios::binary);
  if (!in) throw std::runtime_error("missing test data: " + rel);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

gd::option_chain load(const std::string& rel) {
  const std::string text = read_file(rel);
  auto parsed = rel.ends_with(".csv") ? gd::providers::parse_cboe_csv(text)
                                      : gd::providers::parse_cboe_json(json::parse(text));
  REQUIRE(parsed.ok());
  return parsed->chain;
}

// ---- An independent calculation: scalar Black-76 with std::erfc, IV by bisection. ----------
double b76(bool call, double F, double K, double T, double vol, double df) {
  const double s = vol * std::sqrt(T);
  const double d1 = std::log(F / K) / s + 0.5 * s, d2 = d1 - s;
  return call ? df * (F * gd::test::ref_cdf(d1) - K * gd::test::ref_cdf(d2))
              : df * (K * gd::test::ref_cdf(-d2) - F * gd::test::ref_cdf(-d1));
}

double iv_bisect(bool call, double price, double F, double K, double T, double df) {
  double lo = 1e-6, hi = 20.0;
  if (!(price > b76(call, F, K, T, lo, df)) || !(price < b76(call, F, K, T, hi, df))) return gd::nan_v;
  for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
    const double m = 0.5 * (lo + hi);
    (b76(call, F, K, T, m, df) < price ? lo : hi) = m;
  }
  return 0.5 * (lo + hi);
}

// Spot gamma of a contract at hypothetical spot x (F/S fixed), r given through df.
double spot_gamma(double x, double ratio, double K, double T, double vol, double df) {
  const double F = ratio * x, s = vol * std::sqrt(T);
  const double d1 = std::log(F / K) / s + 0.5 * s;
  return df * gd::test::ref_pdf(d1) / (F * s) * ratio * ratio;
}

struct independent {
  std::size_t used = 0;
  double call_gex = 0, put_gex = 0;
  std::vector<double> K, T, vol, df, ratio, pos;   // the contributing contracts
  double gex_at(double x) const {
    double g = 0;
    for (std::size_t i = 0; i < K.size(); ++i) g += pos[i] * spot_gamma(x, ratio[i], K[i], T[i], vol[i], df[i]) * x * x * 0.01;
    return g;
  }
};

// Re-derives the totals from the raw quotes. Taken from the library: each slot's T and F (quant's
// settlement time and implied forward, tested in tests/unit/quant); everything else is redone.
independent recompute(const contract_set& c, const exposure_params& p) {
  independent out;
  const auto sg = signs_of(p.dealer);
  for (std::size_t i = 0; i < c.size(); ++i) {
    const auto& slot = c.slots[c.slot[i]];
    if (slot.expired || c.oi[i] <= 0) continue;
    const double T = slot.T, F = slot.forward, df = std::exp(-p.rate * T);
    double vol = std::isfinite(c.mid[i]) ? iv_bisect(c.is_call[i], c.mid[i], F, c.strike[i], T, df) : gd::nan_v;
    if (!std::isfinite(vol) && p.vendor_iv_fallback) vol = c.vendor_iv[i];   // no IV of our own
    if (!(vol >= p.min_iv && vol <= p.max_iv)) continue;
    const double pos = (c.is_call[i] ? sg.call : sg.put) * static_cast<double>(c.oi[i]) * c.multiplier[i];
    const double gex = pos * spot_gamma(c.spot, F / c.spot, c.strike[i], T, vol, df) * c.spot * c.spot * 0.01;
    (c.is_call[i] ? out.call_gex : out.put_gex) += gex;
    ++out.used;
    out.K.push_back(c.strike[i]), out.T.push_back(T), out.vol.push_back(vol), out.df.push_back(df);
    out.ratio.push_back(F / c.spot), out.pos.push_back(pos);
  }
  return out;
}

// ---- Golden files ------------------------------------------------------------------------------
void compare_json(const json& want, const json& got, const std::string& path) {
  INFO(path);
  if (want.is_number() && got.is_number()) {
    const double a = want.get<double>(), b = got.get<double>();
    CHECK(std::abs(a - b) <= 1e-8 * std::max(std::abs(a), std::abs(b)) + 1e-3);
    return;
  }
  REQUIRE(want.type() == got.type());
  if (want.is_object()) {
    REQUIRE(want.size() == got.size());
    for (const auto& [k, v] : want.items()) {
      REQUIRE(got.contains(k));
      compare_json(v, got[k], path + "." + k);
    }
  } else if (want.is_array()) {
    REQUIRE(want.size() == got.size());
    for (std::size_t i = 0; i < want.size(); ++i) compare_json(want[i], got[i], path + "[" + std::to_string(i) + "]");
  } else {
    CHECK(want == got);
  }
}

json golden_of(const exposure_report& r) {
  json profile = json::array();
  for (std::size_t j = 0; j < r.profile.levels.size(); j += 10) {
    const auto& x = r.profile.levels[j];
    profile.push_back({x.price, x.gex, x.dex});
  }
  json strikes = json::array();   // the 15 strikes of largest |net GEX|
  auto s = r.strikes;
  std::sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return std::abs(a.sums.net_gex) > std::abs(b.sums.net_gex); });
  for (std::size_t i = 0; i < std::min<std::size_t>(15, s.size()); ++i) strikes.push_back(to_json(s[i]));
  return {{"totals", to_json(r.totals)}, {"levels", to_json(r.levels)}, {"by_expiry", to_json(r.by_expiry)},
          {"vendor_gap", to_json(r.gap)}, {"top", to_json(r.top)}, {"profile_every_10th", profile},
          {"largest_strikes", strikes}};
}

void check_golden(const std::string& name, const json& got) {
  const std::string rel = "golden/exposure_" + name + ".json";
  if (const char* u = std::getenv("GD_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    std::ofstream(std::string(GD_TEST_DATA) + "/" + rel) << got.dump(1) << "\n";
    WARN("golden file rewritten: " << rel);
    return;
  }
  compare_json(json::parse(read_file(rel)), got, name);
}

// ---- Invariants shared by the fixtures -----------------------------------------------------
void check_invariants(const gd::option_chain& chain, const exposure_report& r, const exposure_params& p) {
  const double spot = chain.spot;
  // Sides have the default convention's signs, per strike.
  for (const auto& s : r.strikes) {
    CHECK(s.sums.call_gex >= 0.0);
    CHECK(s.sums.put_gex <= 0.0);
  }
  // Totals are the sum of the expiries, and the sum of the strikes.
  exposure_sums e, k;
  for (const auto& x : r.by_expiry.items) e.add(x.sums);
  for (const auto& x : r.strikes) k.add(x.sums);
  for (const auto* sum : {&e, &k}) {
    CHECK(sum->net_gex == Approx(r.totals.sums.net_gex).epsilon(1e-10));
    CHECK(sum->call_gex == Approx(r.totals.sums.call_gex).epsilon(1e-10));
    CHECK(sum->put_gex == Approx(r.totals.sums.put_gex).epsilon(1e-10));
    CHECK(sum->dex == Approx(r.totals.sums.dex).epsilon(1e-10));
    CHECK(sum->vex == Approx(r.totals.sums.vex).epsilon(1e-10));
    CHECK(sum->cex == Approx(r.totals.sums.cex).epsilon(1e-10));
    CHECK(sum->call_oi == r.totals.sums.call_oi);
    CHECK(sum->put_volume == r.totals.sums.put_volume);
  }
  CHECK(r.strikes.back().cum_net_gex == Approx(r.totals.sums.net_gex).epsilon(1e-10));
  // Every contract is either used or excluded for one reason.
  std::size_t in_scope = 0;
  for (std::size_t s : r.scope.slots) (void)s, in_scope += 0;
  const auto c = prepare_contracts(chain, spot, chain.as_of, p, gd::nyse_calendar{});
  in_scope = c.size();
  CHECK(r.totals.contracts_used + r.totals.excluded.total() == in_scope);
  // The profile at spot is the strike total (model gamma; the profile kernel vs quant's batch).
  const auto in = make_profile_inputs(c);
  double g = 0, d = 0;
  const double at[] = {spot};
  evaluate_profile(in, at, std::span<double>(&g, 1), std::span<double>(&d, 1));
  CHECK(g == Approx(r.totals.sums.net_gex).epsilon(1e-10));
  CHECK(d == Approx(r.totals.sums.dex).epsilon(1e-10));
  // The independent recomputation.
  const independent ind = recompute(c, p);
  INFO("used: library " << r.totals.contracts_used << ", independent " << ind.used);
  CHECK(ind.used == r.totals.contracts_used);
  CHECK(ind.call_gex == Approx(r.totals.sums.call_gex).epsilon(1e-7));
  CHECK(ind.put_gex == Approx(r.totals.sums.put_gex).epsilon(1e-7));
  // Profile levels and the flip against the independent profile (flip: bisection on the exact
  // function between the grid levels around the library's flip).
  for (std::size_t j = 0; j < r.profile.levels.size(); j += 37) {
    const auto& x = r.profile.levels[j];
    CHECK(x.gex == Approx(ind.gex_at(x.price)).epsilon(1e-7).margin(1e-6 * std::abs(r.totals.sums.abs_gex)));
  }
  if (r.levels.gamma_flip) {
    // The grid is log-spaced: the step is the local one, between the levels around the flip.
    const auto& lv = r.profile.levels;
    std::size_t up = 1;
    while (up + 1 < lv.size() && lv[up].price < *r.levels.gamma_flip) ++up;
    const double step = lv[up].price - lv[up - 1].price;
    double lo = *r.levels.gamma_flip - step, hi = *r.levels.gamma_flip + step;
    const bool rising = ind.gex_at(hi) > ind.gex_at(lo);
    REQUIRE((ind.gex_at(lo) < 0) != (ind.gex_at(hi) < 0));
    for (int i = 0; i < 100; ++i) {
      const double m = 0.5 * (lo + hi);
      ((ind.gex_at(m) < 0) == rising ? lo : hi) = m;
    }
    INFO("exact flip " << std::setprecision(9) << lo << ", library " << *r.levels.gamma_flip << ", grid step " << step);
    CHECK(std::abs(*r.levels.gamma_flip - lo) <= 0.02 * step);   // linear interpolation on the grid
  }
}

}  // namespace

TEST_CASE("real chains: SPX 2022-12-12 quote table", "[exposure][real]") {
  const auto chain = load("chains/spx_cboe_quotetable_2022-12-12.csv");
  REQUIRE(chain.rows.size() == 19156);
  std::int64_t call_oi = 0, put_oi = 0;
  for (const auto& row : chain.rows) (row.contract.right == gd::option_right::call ? call_oi : put_oi) += row.quote.open_interest;
  CHECK(call_oi == 7009311);
  CHECK(put_oi == 12260313);

  const exposure_params p;
  const auto r = compute_exposure(chain, chain.spot, chain.as_of, p);
  check_invariants(chain, r, p);
  // Live OI plus the OI of the settled 2022-12-12 expiry is the fixture's total.
  std::int64_t expired_call_oi = 0;
  for (const auto& row : chain.rows)
    if (row.contract.expiration == date::year_month_day{date::year{2022} / 12 / 12} && row.contract.right == gd::option_right::call)
      expired_call_oi += row.quote.open_interest;
  CHECK(r.totals.sums.call_oi + expired_call_oi == call_oi);
  CHECK(r.by_expiry.items.front().expiration == date::year_month_day{date::year{2022} / 12 / 13});
  check_golden("spx_2022-12-12", golden_of(r));

  // Scopes on the same snapshot (evaluated Monday 20:30 ET).
  exposure_params s = p;
  s.scope.kind = scope_kind::zero_dte;
  CHECK(compute_exposure(chain, chain.spot, chain.as_of, s).scope.expirations ==
        std::vector<date::year_month_day>{date::year{2022} / 12 / 13});
  s.scope.kind = scope_kind::opex;
  const auto opex = compute_exposure(chain, chain.spot, chain.as_of, s);
  REQUIRE(opex.by_expiry.items.size() == 1);
  CHECK(opex.by_expiry.items[0].settlement == gd::settlement_style::am);
  CHECK(opex.by_expiry.items[0].expiration == date::year_month_day{date::year{2022} / 12 / 16});
  s.scope.kind = scope_kind::expiration;
  s.scope.expiration = date::year{2022} / 12 / 16;
  const auto dec16 = compute_exposure(chain, chain.spot, chain.as_of, s);
  CHECK(dec16.by_expiry.items.size() == 2);   // SPX AM and SPXW PM
  double want = 0;
  for (const auto& x : r.by_expiry.items)
    if (x.expiration == s.scope.expiration) want += x.sums.net_gex;
  CHECK(dec16.totals.sums.net_gex == Approx(want).epsilon(1e-12));
  s.scope.kind = scope_kind::bucket;
  s.scope.target_dte = 3;
  s.scope.tolerance_dte = 1;
  CHECK(compute_exposure(chain, chain.spot, chain.as_of, s).scope.expirations ==
        std::vector<date::year_month_day>{date::year{2022} / 12 / 15});
  s.scope.kind = scope_kind::max_dte;
  s.scope.max_dte = 7;
  CHECK(compute_exposure(chain, chain.spot, chain.as_of, s).scope.expirations.size() == 5);   // 13,14,15,16,19
  // A strike window trims the strikes only.
  exposure_params w = p;
  w.strike_window_pct = 5;
  const auto win = compute_exposure(chain, chain.spot, chain.as_of, w);
  CHECK(win.strikes.size() < r.strikes.size());
  for (const auto& x : win.strikes) CHECK(std::abs(x.strike / chain.spot - 1) <= 0.05);
  CHECK(win.totals.sums.net_gex == r.totals.sums.net_gex);
  CHECK(to_json(win.levels) == to_json(r.levels));
}

TEST_CASE("real chains: SPX conventions against the public references", "[exposure][real]") {
  const auto chain = load("chains/spx_cboe_quotetable_2022-12-12.csv");
  const auto base = compute_exposure(chain, chain.spot, chain.as_of);
  // Inverse flips every sign; customer_long makes the calls negative too.
  exposure_params inv;
  inv.dealer = dealer_convention::inverse;
  const auto ri = compute_exposure(chain, chain.spot, chain.as_of, inv);
  CHECK(ri.totals.sums.net_gex == Approx(-base.totals.sums.net_gex).epsilon(1e-12));
  CHECK(ri.levels.gamma_flip == base.levels.gamma_flip);
  CHECK(ri.levels.regime != base.levels.regime);
  exposure_params cl;
  cl.dealer = dealer_convention::customer_long;
  const auto rc = compute_exposure(chain, chain.spot, chain.as_of, cl);
  CHECK(rc.totals.sums.call_gex == Approx(-base.totals.sums.call_gex).epsilon(1e-12));
  CHECK(rc.totals.sums.put_gex == Approx(base.totals.sums.put_gex).epsilon(1e-12));
  // gflows-like settings (vendor IV and gamma, business days / 252, F = S e^{rT}, r = 0). The
  // reference note reports net GEX -1.08 bn with vendor gamma and a flip at 4015.5. Its -1.08 bn
  // also counts rows whose vendor IV is 0 (CBOE still prints a gamma there); we exclude them
  // (no_vendor_greeks) because they have no vol for vanna, charm or the profile. A plain sum
  // over the CSV's columns gives -1.0752 bn with those rows and -0.8246 bn without. The flip
  // differs by a few points: gflows puts the AM and PM Dec 16 slots both at 4/252 (ours: 3/252
  // for the AM one) and counts holidays as business days.
  exposure_params g;
  g.gamma = gamma_source::vendor;
  g.basis = time_basis::trading;
  g.implied_forward = false;
  const auto rg = compute_exposure(chain, chain.spot, chain.as_of, g);
  INFO("vendor net GEX " << rg.totals.sums.net_gex << ", flips " << json(rg.levels.gamma_flips).dump());
  CHECK(rg.totals.sums.net_gex / 1e9 == Approx(-0.824564675).epsilon(1e-6));
  REQUIRE(rg.levels.gamma_flip);
  CHECK(*rg.levels.gamma_flip == Approx(4015.5).margin(10.0));
}

TEST_CASE("real chains: SPY 2025-06-06 and RUT 2023-09-20 JSON", "[exposure][real]") {
  for (const auto& [file, name] : {std::pair{"chains/spy_cboe_delayed_2025-06-06.json", "spy_2025-06-06"},
                                   std::pair{"chains/rut_cboe_delayed_2023-09-20.json", "rut_2023-09-20"}}) {
    INFO(name);
    const auto chain = load(file);
    const exposure_params p;
    const auto r = compute_exposure(chain, chain.spot, chain.as_of, p);
    REQUIRE(r.totals.contracts_used > 1000);
    check_invariants(chain, r, p);
    check_golden(name, golden_of(r));
  }
}
