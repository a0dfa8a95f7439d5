#include <gd/exposure/key_levels.hpp>

#include <limits>

#include <catch2/catch.hpp>

#include <gd/exposure/report.hpp>

#include "tiny_chain.hpp"

using namespace gd::exposure;
using gd::option_right;
using namespace gd::test;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
}

TEST_CASE("levels: argmax ties go to the strike nearest spot, then the lower", "[exposure][levels]") {
  const std::vector<double> k = {90, 95, 100, 105, 110};
  CHECK(argmax_strike(k, std::vector<double>{5, 1, 1, 1, 5}, 101, -inf, inf).value() == 110.0);
  CHECK(argmax_strike(k, std::vector<double>{5, 1, 1, 1, 5}, 100, -inf, inf).value() == 90.0);   // equidistant: lower
  CHECK(argmax_strike(k, std::vector<double>{9, 1, 1, 3, 3}, 100, 100, inf).value() == 105.0);   // at/above spot only
  CHECK(argmax_strike(k, std::vector<double>{0, 0, 2, 0, 0}, 100, 100, inf).value() == 100.0);   // "at" spot counts
  CHECK_FALSE(argmax_strike(k, std::vector<double>{0, 0, 0, 0, 0}, 100, -inf, inf));             // nothing positive
  CHECK_FALSE(argmax_strike(k, std::vector<double>{4, 0, 0, 0, 0}, 100, 100, inf));
}

TEST_CASE("levels: max pain by hand", "[exposure][levels]") {
  // Calls 1000 @ 95, 500 @ 100; puts 2000 @ 100, 800 @ 105 (units = OI * 100).
  // Payout at 95: puts 2000*5 + 800*10 = 18000 -> *100; at 100: calls 1000*5 + puts 800*5 = 9000;
  // at 105: calls 1000*10 + 500*5 = 12500. Max pain = 100.
  const std::vector<double> k = {95, 100, 105};
  const std::vector<double> calls = {100000, 50000, 0}, puts = {0, 200000, 80000};
  CHECK(max_pain(k, calls, puts, 101).value() == 100.0);
  // A tie (symmetric book): payout at 95 and 105 equal, 100 is worse -> nearest spot.
  const std::vector<double> c2 = {0, 0, 100}, p2 = {100, 0, 0};
  // at 95: put@95 0 + call@105 0 = 0; at 105: put@95 0, call@105 0 -> 0; at 100: 0. All tie -> nearest 101 is 100.
  CHECK(max_pain(k, c2, p2, 101).value() == 100.0);
  CHECK(max_pain(k, c2, p2, 104).value() == 105.0);
  CHECK_FALSE(max_pain(k, std::vector<double>{0, 0, 0}, std::vector<double>{0, 0, 0}, 100));
}

TEST_CASE("levels: walls, OI walls and max strikes from a three-contract chain", "[exposure][levels]") {
  // Spot 100: calls at 100 (OI 1000) and 110 (OI 4000), a put at 90 (OI 5000).
  const auto chain = tiny_chain({tiny_row(option_right::call, 100, 0.2, 1000), tiny_row(option_right::call, 110, 0.2, 4000),
                                 tiny_row(option_right::put, 90, 0.3, 5000)});
  const auto r = compute_exposure(chain, 100.0, tiny_as_of);
  const auto& s = r.strikes;
  REQUIRE(s.size() == 3);
  const double g100 = s[1].sums.call_gex, g110 = s[2].sums.call_gex, p90 = s[0].sums.put_gex;
  CHECK(g100 > 0);
  CHECK(p90 < 0);
  const auto& l = r.levels;
  CHECK(l.call_wall == (g100 >= g110 ? 100.0 : 110.0));
  CHECK(l.call_wall_unconstrained == l.call_wall);
  CHECK(l.put_wall == 90.0);
  CHECK(l.call_oi_wall == 110.0);
  CHECK(l.put_oi_wall == 90.0);
  CHECK(l.max_pain.has_value());
  const double best_net = std::max({std::abs(g100), std::abs(g110), std::abs(p90)});
  CHECK(std::abs(r.strikes[0].sums.net_gex) <= best_net);
  CHECK(l.abs_gamma_strike == l.max_abs_net_gex_strike);   // no strike has both sides here
  // Spot 115, above every strike: the side-constrained call wall exists only at or above spot.
  const auto at115 = tiny_chain({tiny_row(option_right::call, 100, 0.2, 1000, 115.0), tiny_row(option_right::call, 110, 0.2, 4000, 115.0),
                                 tiny_row(option_right::put, 90, 0.3, 5000, 115.0)}, 115.0);
  const auto high = compute_exposure(at115, 115.0, tiny_as_of);
  CHECK(high.totals.sums.call_gex > 0);   // (the 90 put is worth < 0.01 there: no quote)
  CHECK_FALSE(high.levels.call_wall);
  CHECK(high.levels.call_wall_unconstrained.has_value());
}

TEST_CASE("levels: regime follows the profile's sign at spot", "[exposure][levels]") {
  gamma_profile p;
  p.spot = 100;
  p.levels = {{90, -2, 0}, {95, -1, 0}, {100, 1, 0}, {105, 2, 0}};
  p.gamma_flip = 97.5;
  CHECK(regime_of(p, -5.0) == gamma_regime::positive);   // spot above an upward flip
  p.spot = 96;
  CHECK(regime_of(p, 5.0) == gamma_regime::negative);
  // Inverse convention: the profile falls through the flip, above it is negative.
  p.levels = {{90, 2, 0}, {95, 1, 0}, {100, -1, 0}, {105, -2, 0}};
  p.spot = 100;
  CHECK(regime_of(p, 5.0) == gamma_regime::negative);
  p.gamma_flip.reset();
  CHECK(regime_of(p, 5.0) == gamma_regime::positive);
  CHECK(regime_of(p, -5.0) == gamma_regime::negative);
}

TEST_CASE("levels: top strikes and the put/call ratio minimum", "[exposure][levels]") {
  std::vector<strike_exposure> s(4);
  const double k[] = {90, 95, 100, 105};
  const std::int64_t c[] = {50, 1000, 3000, 1000}, p[] = {5000, 3000, 1000, 1000};
  for (int i = 0; i < 4; ++i) {
    s[i].strike = k[i];
    s[i].sums.call_oi = c[i];
    s[i].sums.put_oi = p[i];
    s[i].sums.call_volume = 10 * i;
  }
  exposure_params par;
  par.top_n = 3;
  const auto t = rank_strikes(s, 99, par);
  REQUIRE(t.by_oi.size() == 3);
  CHECK(t.by_oi[0].strike == 90);    // 5050
  CHECK(t.by_oi[1].strike == 100);   // 4000 ties 95 (4000): 100 is nearer 99
  CHECK(t.by_oi[2].strike == 95);
  REQUIRE(t.by_volume.size() == 3);  // strike 90 has no volume: left out
  CHECK(t.by_volume[0].strike == 105);
  // 90 has ratio 100 but only 50 call OI (< 100): left out. 95: 3, 105: 1, 100: 0.33.
  REQUIRE(t.by_pc_ratio.size() == 3);
  CHECK(t.by_pc_ratio[0].strike == 95);
  CHECK(t.by_pc_ratio[0].pc_ratio == Approx(3.0));
  CHECK(t.by_pc_ratio[1].strike == 105);
}
