#include <gd/quant/implied_forward.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include <gd/quant/black.hpp>

using namespace gd;
using namespace gd::quant;

namespace {

// Pairs priced by Black-76 (so C - P = DF (F - K) exactly), quoted +-half_spread around the price
// plus a deterministic noise of up to +-noise on each mid.
std::vector<strike_pair> parity_chain(double F, double df, double T, double noise, double half_spread,
                                      std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto u = [&] { return (static_cast<double>(rng()) / 4294967295.0) * 2.0 - 1.0; };
  std::vector<strike_pair> out;
  const double centre = 5.0 * std::round(F / 5.0);
  for (double K = centre - 400.0; K <= centre + 400.0; K += 5.0) {
    const double c = black76_price(option_right::call, F, K, T, 0.2, df) + noise * u();
    const double p = black76_price(option_right::put, F, K, T, 0.2, df) + noise * u();
    out.push_back(strike_pair{K, true, true, c - half_spread, c + half_spread, p - half_spread, p + half_spread, 100, 100});
  }
  return out;
}

}  // namespace

TEST_CASE("forward and DF from exact parity", "[forward]") {
  const auto chain = parity_chain(4012.5, 0.985, 0.5, 0.0, 0.1, 1);
  const forward_result r = implied_forward(chain, 0.5);
  REQUIRE(r.ok());
  // Exact data: F to 1e-9 relative, DF to 1e-12.
  CHECK(r.forward == Approx(4012.5).epsilon(1e-9));
  CHECK(r.df == Approx(0.985).epsilon(1e-12));
  CHECK(r.rate == Approx(-std::log(0.985) / 0.5).epsilon(1e-9));
  CHECK_FALSE(r.df_fixed);
  CHECK(r.pairs_used == 12);
  CHECK(r.pairs_rejected == 0);
  CHECK(r.residual_rms < 1e-9);
}

TEST_CASE("forward with noise and outliers", "[forward]") {
  // +-0.05 noise on each mid; two pairs near the money pushed 5 points off.
  auto chain = parity_chain(4012.5, 0.985, 0.5, 0.05, 0.25, 7);
  for (auto& s : chain) {
    if (s.strike == 4010.0) {
      s.call_bid += 5.0;
      s.call_ask += 5.0;
    }
    if (s.strike == 4020.0) {
      s.put_bid += 5.0;
      s.put_ask += 5.0;
    }
  }
  forward_config cfg;
  cfg.max_pairs = 20;
  const forward_result r = implied_forward(chain, 0.5, cfg);
  REQUIRE(r.ok());
  CHECK(r.pairs_rejected >= 2);
  // Tolerances: F within 0.1 (2.5 bp), DF within 2e-3 (20 strikes spanning 100 points, 0.1 noise on C - P).
  CHECK(r.forward == Approx(4012.5).margin(0.1));
  CHECK(r.df == Approx(0.985).margin(2e-3));
  CHECK(r.residual_rms < 0.1);
}

TEST_CASE("forward rejects crossed, one-sided and zero-bid quotes", "[forward]") {
  auto chain = parity_chain(4000.0, 0.99, 0.25, 0.0, 0.1, 3);
  const std::size_t clean = chain.size();
  chain[10].call_bid = chain[10].call_ask + 1.0;  // crossed call
  chain[20].put_bid = 0.0;                        // zero bid
  chain[30].has_put = false;                      // call only
  chain[40].call_ask = nan_v;                     // one-sided (no ask)
  // A crossed pair right at the money with absurd prices: must not move the forward.
  for (auto& s : chain) {
    if (s.strike == 4000.0) {
      s.call_bid = 500.0;
      s.call_ask = 400.0;
    }
  }
  const forward_result r = implied_forward(chain, 0.25);
  REQUIRE(r.ok());
  CHECK(r.pairs_valid == clean - 5);
  CHECK(r.forward == Approx(4000.0).epsilon(1e-9));
}

TEST_CASE("forward with too few pairs says so and still estimates", "[forward]") {
  std::vector<strike_pair> chain = parity_chain(4000.0, 1.0, 0.1, 0.0, 0.1, 5);
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (chain[i].strike != 3995.0 && chain[i].strike != 4005.0) chain[i].has_put = false;
  }
  const forward_result r = implied_forward(chain, 0.1);
  CHECK(r.status == forward_status::too_few_pairs);
  CHECK(r.reason.find("only 2") != std::string::npos);
  CHECK(r.df_fixed);
  CHECK(r.forward == Approx(4000.0).epsilon(1e-9));  // DF = 1 here, so the fallback is exact

  const forward_result none = implied_forward(std::vector<strike_pair>{}, 0.1);
  CHECK(none.status == forward_status::invalid_input);
  CHECK_FALSE(none.reason.empty());
  CHECK(std::isnan(none.forward));
}

TEST_CASE("short expiries fix DF instead of trusting a noisy slope", "[forward]") {
  // T = 1 day, noise 0.05: the slope would give a rate uncertain by far more than 1%.
  const double T = 1.0 / 365.0, df = std::exp(-0.04 * T);
  const auto chain = parity_chain(3990.0, df, T, 0.05, 0.1, 11);
  forward_config cfg;
  cfg.fallback_rate = 0.04;
  const forward_result r = implied_forward(chain, T, cfg);
  REQUIRE(r.ok());
  CHECK(r.df_fixed);
  CHECK(r.df == Approx(df).epsilon(1e-15));
  CHECK(r.forward == Approx(3990.0).margin(0.1));

  cfg.known_df = 0.5;  // a caller-given DF is used as is
  const forward_result k = implied_forward(chain, T, cfg);
  CHECK(k.df == 0.5);
  CHECK(k.df_fixed);
}

TEST_CASE("forward from per-contract quotes", "[forward]") {
  std::vector<slice_quote> q;
  for (double K = 3900; K <= 4100; K += 10) {
    const double c = black76_price(option_right::call, 4010.0, K, 0.3, 0.25, 0.98);
    const double p = black76_price(option_right::put, 4010.0, K, 0.3, 0.25, 0.98);
    q.push_back({K, option_right::put, p - 0.1, p + 0.1, 10});
    q.push_back({K, option_right::call, c - 0.1, c + 0.1, 10});
  }
  const forward_result r = implied_forward(q, 0.3);
  REQUIRE(r.ok());
  CHECK(r.forward == Approx(4010.0).epsilon(1e-9));
  CHECK(r.df == Approx(0.98).epsilon(1e-10));
}
