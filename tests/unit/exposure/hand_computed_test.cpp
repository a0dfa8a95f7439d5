// Exposures of two- and three-contract chains against the textbook formulas (tiny_chain.hpp).
#include <gd/exposure/report.hpp>

#include <catch2/catch.hpp>

#include "tiny_chain.hpp"

using namespace gd::exposure;
using gd::option_right;
using namespace gd::test;

namespace {

constexpr double rel = 1e-9;   // IV from a mid 0.01 either side of the price: ~1e-12 in vol

// GEX, DEX, VEX, CEX of one contract by hand, dealer position sign * OI * 100.
struct hand {
  double gex, dex, vex, cex;
};
hand by_hand(bool call, double K, double sigma, double oi, double sign, double S = 100.0) {
  const ref_greeks g = ref_bs(call, S, K, tiny_T, sigma);
  const double q = sign * oi * 100.0;
  return {q * g.gamma * S * S * 0.01, q * g.delta * S, q * g.vanna * S * 0.01, q * g.charm * S / 365.0};
}

}  // namespace

TEST_CASE("hand: one call and one put under each dealer convention", "[exposure][hand]") {
  const auto chain = tiny_chain({tiny_row(option_right::call, 105, 0.20, 1000), tiny_row(option_right::put, 95, 0.25, 3000)});
  struct conv {
    dealer_convention d;
    double call_sign, put_sign;
  };
  for (const conv c : {conv{dealer_convention::standard, 1, -1}, conv{dealer_convention::inverse, -1, 1},
                       conv{dealer_convention::customer_long, -1, -1}}) {
    exposure_params p;
    p.dealer = c.d;
    const auto r = compute_exposure(chain, 100.0, tiny_as_of, p);
    const hand hc = by_hand(true, 105, 0.20, 1000, c.call_sign);
    const hand hp = by_hand(false, 95, 0.25, 3000, c.put_sign);
    INFO(to_string(c.d));
    const auto& t = r.totals.sums;
    CHECK(t.call_gex == Approx(hc.gex).epsilon(rel));
    CHECK(t.put_gex == Approx(hp.gex).epsilon(rel));
    CHECK(t.net_gex == Approx(hc.gex + hp.gex).epsilon(rel));
    CHECK(t.abs_gex == Approx(std::abs(hc.gex) + std::abs(hp.gex)).epsilon(rel));
    CHECK(t.dex == Approx(hc.dex + hp.dex).epsilon(rel));
    CHECK(t.vex == Approx(hc.vex + hp.vex).epsilon(rel));
    CHECK(t.cex == Approx(hc.cex + hp.cex).epsilon(rel));
    CHECK(t.call_oi == 1000);
    CHECK(t.put_oi == 3000);
    CHECK(t.call_volume == 100);
    CHECK(t.put_volume == 300);
    CHECK(r.totals.contracts_used == 2);
    CHECK(r.totals.excluded.total() == 0);
    // Signs: standard is calls +, puts -; customer_long is both -.
    CHECK((t.call_gex > 0) == (c.call_sign > 0));
    CHECK((t.put_gex > 0) == (c.put_sign > 0));
    // Per strike: two strikes, cumulative net ends at the total.
    REQUIRE(r.strikes.size() == 2);
    CHECK(r.strikes[0].strike == 95);
    CHECK(r.strikes[0].sums.put_gex == Approx(hp.gex).epsilon(rel));
    CHECK(r.strikes[0].sums.call_gex == 0.0);
    CHECK(r.strikes[1].cum_net_gex == Approx(t.net_gex).epsilon(rel));
    // Per expiry equals the totals (one slot).
    REQUIRE(r.by_expiry.items.size() == 1);
    CHECK(r.by_expiry.items[0].sums.net_gex == Approx(t.net_gex).epsilon(1e-12));
    CHECK(r.by_expiry.items[0].dte == 11);
    // The profile at spot is the strike total (model gamma).
    const auto in = make_profile_inputs(prepare_contracts(chain, 100.0, tiny_as_of, p, gd::nyse_calendar{}));
    double g = 0, d = 0;
    const double at[] = {100.0};
    evaluate_profile(in, at, std::span<double>(&g, 1), std::span<double>(&d, 1));
    CHECK(g == Approx(t.net_gex).epsilon(1e-12));
    CHECK(d == Approx(t.dex).epsilon(1e-12));
  }
}

TEST_CASE("hand: the trading time basis uses business days / 252", "[exposure][hand]") {
  const auto chain = tiny_chain({tiny_row(option_right::call, 100, 0.20, 1000)});
  exposure_params p;
  p.basis = time_basis::trading;
  const auto c = prepare_contracts(chain, 100.0, tiny_as_of, p, gd::nyse_calendar{});
  // Mon 10:00 to Fri next week 16:00: 360 minutes left today + 9 full sessions of 390 minutes.
  CHECK(c.T[0] == Approx((360.0 + 9 * 390.0) / (252.0 * 390.0)).epsilon(1e-12));
  CHECK(c.days_per_year == 252.0);
}

TEST_CASE("hand: zero OI and missing IV contribute nothing but are counted", "[exposure][hand]") {
  auto no_quote = tiny_row(option_right::call, 110, 0.2, 500);
  no_quote.quote.bid = 0.0;   // one-sided
  auto below_intrinsic = tiny_row(option_right::call, 90, 0.2, 700);
  below_intrinsic.quote.bid = 5.0;
  below_intrinsic.quote.ask = 5.2;   // intrinsic is 10
  auto missing_oi = tiny_row(option_right::put, 100, 0.2, 0);
  missing_oi.quote.open_interest = -1;
  const auto chain = tiny_chain({tiny_row(option_right::call, 100, 0.2, 1000), tiny_row(option_right::put, 100, 0.2, 0),
                                 no_quote, below_intrinsic, missing_oi});
  const auto r = compute_exposure(chain, 100.0, tiny_as_of);
  CHECK(r.totals.contracts_used == 1);
  CHECK(r.totals.excluded.zero_oi == 2);
  CHECK(r.totals.excluded.no_quote == 1);
  CHECK(r.totals.excluded.iv_failed == 1);
  CHECK(r.totals.excluded.total() == 4);
  const hand h = by_hand(true, 100, 0.2, 1000, 1);
  CHECK(r.totals.sums.net_gex == Approx(h.gex).epsilon(rel));
  // Their OI and volume still count.
  CHECK(r.totals.sums.call_oi == 1000 + 500 + 700);
  CHECK(r.totals.sums.put_oi == 0);
}

TEST_CASE("hand: vendor gamma source uses the vendor's gamma and delta", "[exposure][hand]") {
  auto a = tiny_row(option_right::call, 100, 0.2, 1000);
  a.quote.greeks = {0.30, 0.55, 0.05, gd::nan_v, gd::nan_v, gd::nan_v, {}};
  auto b = tiny_row(option_right::put, 95, 0.2, 1000);   // no vendor greeks
  const auto chain = tiny_chain({a, b});
  exposure_params p;
  p.gamma = gamma_source::vendor;
  const auto r = compute_exposure(chain, 100.0, tiny_as_of, p);
  CHECK(r.totals.contracts_used == 1);
  CHECK(r.totals.excluded.no_vendor_greeks == 1);
  CHECK(r.totals.sums.call_gex == Approx(1000 * 100 * 0.05 * 100 * 100 * 0.01));
  CHECK(r.totals.sums.dex == Approx(1000 * 100 * 0.55 * 100));
  // Vanna from the vendor IV (0.30).
  const ref_greeks g = ref_bs(true, 100, 100, tiny_T, 0.30);
  CHECK(r.totals.sums.vex == Approx(1000 * 100 * g.vanna * 100 * 0.01).epsilon(1e-9));
  // The gap: our IV 0.20 against the vendor's 0.30.
  CHECK(r.gap.iv_pairs == 1);
  CHECK(r.gap.iv_mean_diff == Approx(-0.10).epsilon(1e-9));
  CHECK(r.gap.gamma_pairs == 1);
  const double ours = ref_bs(true, 100, 100, tiny_T, 0.20).gamma;
  CHECK(r.gap.gamma_median_rel_diff == Approx((ours - 0.05) / 0.05).epsilon(1e-9));
}

TEST_CASE("hand: expired contracts and an empty scope", "[exposure][hand]") {
  const auto chain = tiny_chain({tiny_row(option_right::call, 100, 0.2, 1000)});
  const auto later = gd::sys_time{date::sys_days{2024_y / 3 / 16}};
  const auto r = compute_exposure(chain, 100.0, later);
  CHECK(r.totals.excluded.expired == 1);
  CHECK(r.totals.contracts_used == 0);
  CHECK(r.totals.sums.call_oi == 0);   // expired OI is not live OI
  CHECK(r.by_expiry.items.empty());
  CHECK(r.scope.expirations.empty());
  CHECK_FALSE(r.levels.gamma_flip);
  CHECK_FALSE(r.levels.call_wall);
  CHECK_FALSE(r.levels.max_pain);
  exposure_params p;
  p.scope.kind = scope_kind::zero_dte;
  const auto z = compute_exposure(chain, 100.0, later, p);
  CHECK(z.totals.excluded.total() == 0);
  CHECK(z.scope.label == "0DTE (none)");
}

TEST_CASE("hand: per-expiry ATM IV, expected moves, 25-delta skew", "[exposure][hand]") {
  // A smile: put vols rise as strikes fall. Strikes 80..120 step 5, both sides, June OPEX (PM
  // here): 109 days 5 hours.
  std::vector<gd::chain_row> rows;
  const double T = (109.0 * 1440.0 + 300.0) / (365.0 * 1440.0);
  const auto vol = [](double k) { return 0.20 + 0.002 * (100.0 - k); };
  for (double k = 80; k <= 120; k += 5) {
    rows.push_back(tiny_row(option_right::call, k, vol(k), 100, 100.0, T, 2024_y / 6 / 21));
    rows.push_back(tiny_row(option_right::put, k, vol(k), 100, 100.0, T, 2024_y / 6 / 21));
  }
  gd::option_chain chain = tiny_chain({});
  chain.rows = rows;
  const auto r = compute_exposure(chain, 100.0, tiny_as_of);
  REQUIRE(r.by_expiry.items.size() == 1);
  const auto& x = r.by_expiry.items[0];
  // The forward comes from parity (9 pairs) and is S within the quotes' noise.
  CHECK(x.forward == Approx(100.0).epsilon(1e-6));
  CHECK(x.atm_iv == Approx(0.20).epsilon(1e-4));
  const double straddle = ref_bs(true, 100, 100, T, 0.20).price + ref_bs(false, 100, 100, T, 0.20).price;
  CHECK(x.expected_move_straddle == Approx(straddle).epsilon(1e-4));
  CHECK(x.expected_move_sigma == Approx(100.0 * x.atm_iv * std::sqrt(T)).epsilon(1e-12));
  CHECK(x.skew_25d > 0.0);   // put wing richer
  // The 25-delta put and call by hand: find the strikes by bisection on the hand delta, then vol(K).
  const auto strike_at = [&](bool call, double target) {
    double lo = 60, hi = 140;
    for (int i = 0; i < 200; ++i) {
      const double m = 0.5 * (lo + hi);
      const double d = ref_bs(call, 100, m, T, vol(m)).delta;   // decreasing in K
      (d > target ? lo : hi) = m;
    }
    return 0.5 * (lo + hi);
  };
  const double kp = strike_at(false, -0.25), kc = strike_at(true, 0.25);
  // Linear interpolation in delta between 5-point strikes: agree to a few tenths of a vol point.
  CHECK(x.skew_25d == Approx(vol(kp) - vol(kc)).margin(0.003));
  CHECK(x.quality.degraded == false);   // 9 strikes with OI 100 and tight quotes
  CHECK(x.quality.liquid_strikes == 9);
  CHECK(r.levels.atm_iv == Approx(x.atm_iv));
  CHECK(r.levels.expected_move == Approx(x.expected_move_straddle));
}
