// Golden TRADE decisions on the simulated market (fixed seed, fixed manual clock), checked against
// numbers recomputed here independently of libs/strategy.
#include <gd/strategy/decide.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include <gd/core/occ_symbol.hpp>
#include <gd/providers/simulated_market.hpp>
#include <gd/quant/black.hpp>
#include <gd/quant/implied_vol.hpp>
#include <gd/quant/normal_distribution.hpp>

#include "fixtures.hpp"

using namespace gd::strategy;

namespace {

// Forward delta straight from the formula: d1 = (ln(F/K) + s^2 T / 2) / (s sqrt T);
// call DF N(d1), put -DF N(-d1).
double direct_delta(gd::option_right r, double F, double K, double T, double sigma, double df) {
  const double d1 = (std::log(F / K) + 0.5 * sigma * sigma * T) / (sigma * std::sqrt(T));
  return r == gd::option_right::call ? df * gd::quant::norm_cdf(d1) : -df * gd::quant::norm_cdf(-d1);
}

// Central finite difference of the Black-76 price in F.
double fd_delta(gd::option_right r, double F, double K, double T, double sigma, double df) {
  const double h = 1e-5 * F;
  return (gd::quant::black76_price(r, F + h, K, T, sigma, df) - gd::quant::black76_price(r, F - h, K, T, sigma, df)) /
         (2 * h);
}

bool on_tick(double x) { return std::abs(x * 20.0 - std::round(x * 20.0)) < 1e-9; }

// Checks the traded candidate against independent arithmetic and the chain it came from.
void check_trade(const gd::option_chain& chain, const candidate& c, const strategy_config& cfg) {
  REQUIRE(c.reason == reason_code::trade);
  REQUIRE(c.short_leg);
  REQUIRE(c.long_leg);
  REQUIRE(c.prices);
  const auto& s = *c.short_leg;
  const auto& l = *c.long_leg;
  const double F = c.forward, df = c.df, T = c.years;
  const double sign = c.right == gd::option_right::put ? -1.0 : 1.0;

  // Legs are the configured root, the chosen expiration, out of the money, and the long is exactly
  // `width` farther out.
  for (const auto* lg : {&s, &l}) {
    const auto parts = gd::parse_occ_symbol(lg->occ_symbol);
    REQUIRE(parts);
    CHECK(parts->root == "SPXW");
    CHECK(parts->expiration == *c.expiration);
    CHECK(parts->right == c.right);
    CHECK(parts->strike == lg->strike);
  }
  CHECK(s.quantity == -1);
  CHECK(l.quantity == +1);
  CHECK(sign * (s.strike - F) > 0);
  if (cfg.long_leg.mode == long_leg_mode::width) CHECK(l.strike == s.strike + sign * cfg.long_leg.width);

  // Our delta, independently: IV solved from the mid with the scalar solver, then N(d1) directly
  // and a finite difference of the price.
  for (const auto* lg : {&s, &l}) {
    const auto iv = gd::quant::implied_vol_black76(0.5 * (lg->bid + lg->ask), c.right, F, lg->strike, T, df);
    REQUIRE(iv.status == gd::quant::iv_status::ok);
    CHECK(lg->iv == Approx(iv.vol).epsilon(1e-9));
    CHECK(lg->delta == Approx(direct_delta(c.right, F, lg->strike, T, iv.vol, df)).margin(1e-10));
    CHECK(lg->delta == Approx(fd_delta(c.right, F, lg->strike, T, iv.vol, df)).margin(1e-7));
  }

  // The short's |delta| is the nearest to the target among every out-of-the-money two-sided quote
  // of that right at that expiration (recomputed here from the raw chain rows).
  double best_gap = std::numeric_limits<double>::infinity();
  int candidates = 0;
  for (const auto& r : chain.rows) {
    const auto& k = r.contract;
    if (k.root != "SPXW" || k.expiration != *c.expiration || k.right != c.right) continue;
    if (!(r.quote.bid > 0 && r.quote.ask >= r.quote.bid) || sign * (k.strike - F) <= 0) continue;
    const auto iv = gd::quant::implied_vol_black76(0.5 * (r.quote.bid + r.quote.ask), c.right, F, k.strike, T, df);
    if (iv.status != gd::quant::iv_status::ok || !(iv.vol > 0)) continue;
    ++candidates;
    best_gap = std::min(best_gap, std::abs(std::abs(direct_delta(c.right, F, k.strike, T, iv.vol, df)) - c.target_delta));
  }
  CHECK(candidates > 10);
  CHECK(std::abs(std::abs(s.delta) - c.target_delta) == Approx(best_gap).margin(1e-12));
  CHECK(std::abs(std::abs(s.delta) - c.target_delta) <= cfg.filters.max_delta_deviation);

  // Prices by hand.
  const auto& p = *c.prices;
  const double short_mid = 0.5 * (s.bid + s.ask), long_mid = 0.5 * (l.bid + l.ask);
  CHECK(s.mid == Approx(short_mid).margin(1e-12));
  CHECK(p.credit_mid == Approx(short_mid - long_mid).margin(1e-12));
  CHECK(p.combo_spread == Approx((s.ask - s.bid) + (l.ask - l.bid)).margin(1e-12));
  CHECK(p.credit_fill == Approx(p.credit_mid - cfg.pricing.fill_spread_factor * p.combo_spread).margin(1e-12));
  CHECK(on_tick(p.credit_limit));
  CHECK(p.credit_limit <= p.credit_fill + 1e-9);
  CHECK(p.credit_fill - p.credit_limit < 0.05);
  CHECK(p.credit_limit >= cfg.filters.min_credit);
  CHECK(p.width == std::abs(s.strike - l.strike));
  CHECK(p.max_loss == Approx(p.width - p.credit_limit).margin(1e-12));
  CHECK(p.credit_limit_dollars() == Approx(100.0 * p.credit_limit).margin(1e-9));
  CHECK(p.max_loss_dollars() == Approx(100.0 * (p.width - p.credit_limit)).margin(1e-9));
}

}  // namespace

TEST_CASE("simulated market, 2025-03-04 10:00 ET: 3 DTE 0.10-delta SPXW put credit spread, 25 wide", "[strategy][golden]") {
  const auto t = test::ny(2025, 3, 4, 10, 0);
  const auto chain = test::simulated_chain(t);
  const auto cfg = default_config();
  const auto d = decide(test::inputs(t, "10:00", chain, cfg));
  INFO(d.message);
  REQUIRE(d.is_trade());
  CHECK(d.reason == reason_code::trade);
  REQUIRE(d.chosen == std::size_t{0});  // the first priority (3 DTE, 0.10) passes
  const auto& c = *d.chosen_candidate();
  CHECK(c.expiration == date::year{2025} / 3 / 7);
  CHECK(c.actual_dte == 3);
  CHECK(c.right == gd::option_right::put);
  // T: 10:00 ET Tuesday to the 16:00 ET close Friday = 3 days 6 hours, ACT/365.
  CHECK(c.years == Approx((3.0 + 6.0 / 24.0) / 365.0).epsilon(1e-12));
  // The parity forward agrees with the simulator's own spot carried at (r - q).
  gd::manual_clock clock(t);
  gd::providers::simulated_market market(clock);
  const double fwd = market.spot_at(t).spot * std::exp((0.045 - 0.013) * c.years);
  CHECK(c.forward == Approx(fwd).epsilon(2e-4));
  check_trade(chain, c, cfg);
  // Golden strikes and prices (seeded simulator; a change here means the market or the rule moved).
  CHECK(c.short_leg->occ_symbol == "SPXW250307P05110000");
  CHECK(c.long_leg->occ_symbol == "SPXW250307P05085000");
  CHECK(c.prices->credit_limit == 1.50);
  CHECK(c.prices->max_loss == 23.50);
  CHECK(d.snapshot_id == "snap-test-1");
  CHECK(d.snapshot_checksum == "c0ffee");
  CHECK(d.config_hash == config_hash(cfg));
}

TEST_CASE("simulated market: 11:00 (5 DTE) and 12:00 (7 DTE) fall back to 0.20 when the 0.10 wing strike is not listed",
          "[strategy][golden]") {
  const auto cfg = default_config();
  struct row {
    int hour;
    const char* slot;
    date::year_month_day expiration;
    int dte;
  };
  // 2025-03-09 is a Sunday: the 5-DTE target takes Monday the 10th (1 day off) over Friday the 7th (2).
  const row table[] = {{11, "11:00", date::year{2025} / 3 / 10, 6}, {12, "12:00", date::year{2025} / 3 / 11, 7}};
  for (const auto& r : table) {
    INFO(r.slot);
    const auto t = test::ny(2025, 3, 4, r.hour, 0);
    const auto chain = test::simulated_chain(t);
    const auto d = decide(test::inputs(t, r.slot, chain, cfg));
    REQUIRE(d.is_trade());
    REQUIRE(d.candidates.size() == 2);
    // The 0.10 short lands where the grid is 25 points wide (5-point strikes only near the money),
    // so short - 25 is not a listed strike.
    CHECK(d.candidates[0].reason == reason_code::long_leg_missing);
    CHECK(d.candidates[0].short_leg.has_value());
    CHECK_FALSE(d.candidates[0].long_leg.has_value());
    CHECK(d.chosen == std::size_t{1});
    const auto& c = d.candidates[1];
    CHECK(c.target_delta == 0.20);
    CHECK(c.expiration == r.expiration);
    CHECK(c.actual_dte == r.dte);
    check_trade(chain, c, cfg);
  }
}

TEST_CASE("simulated market: call spreads, both sides, long leg by delta", "[strategy][golden]") {
  const auto t = test::ny(2025, 3, 4, 10, 0);
  const auto chain = test::simulated_chain(t);

  auto calls = default_config();
  calls.sides = spread_sides::call;
  const auto dc = decide(test::inputs(t, "10:00", chain, calls));
  INFO(dc.message);
  REQUIRE(dc.is_trade());
  const auto& cc = *dc.chosen_candidate();
  CHECK(cc.right == gd::option_right::call);
  CHECK(cc.long_leg->strike == cc.short_leg->strike + 25.0);
  check_trade(chain, cc, calls);

  // Both: the put spread of each (dte, delta) is tried before its call spread.
  auto both = default_config();
  both.sides = spread_sides::both;
  const auto db = decide(test::inputs(t, "10:00", chain, both));
  REQUIRE(db.is_trade());
  CHECK(db.chosen == std::size_t{0});
  CHECK(db.chosen_candidate()->right == gd::option_right::put);
  auto both_min = both;
  both_min.filters.min_credit = 1.55;  // the put pays 1.50: the call spread is next in line
  const auto dm = decide(test::inputs(t, "10:00", chain, both_min));
  REQUIRE(dm.candidates.size() >= 2);
  CHECK(dm.candidates[0].reason == reason_code::credit_below_minimum);
  CHECK(dm.candidates[1].right == gd::option_right::call);

  // Long leg by delta: the farther strike whose |delta| is nearest 0.05.
  auto by_delta = default_config();
  by_delta.long_leg.mode = long_leg_mode::delta;
  by_delta.long_leg.delta = 0.05;
  by_delta.filters.min_credit = 0.30;
  const auto dd = decide(test::inputs(t, "10:00", chain, by_delta));
  INFO(dd.message);
  REQUIRE(dd.is_trade());
  const auto& cd = *dd.chosen_candidate();
  CHECK(cd.long_leg->strike < cd.short_leg->strike);
  CHECK(std::abs(std::abs(cd.long_leg->delta) - 0.05) < 0.02);
  CHECK(cd.prices->width == cd.short_leg->strike - cd.long_leg->strike);
  check_trade(chain, cd, by_delta);
}
