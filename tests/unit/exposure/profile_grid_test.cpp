// The log-spaced grid path of evaluate_profile (recurrence GEX, integrated DEX) against an exact
// per-level evaluation: std::exp and std::erfc at every level and contract, on the same prices.
// Tolerance: 1e-10 of the profile's scale (the largest |GEX| or |DEX| over the levels).
#include <gd/exposure/profile.hpp>

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include <gd/exposure/report.hpp>
#include <gd/providers/cboe_parse.hpp>

#include "tiny_chain.hpp"

using namespace gd::exposure;

namespace {

constexpr double inv_sqrt_2pi = 0.398942280401432677939946059934;

struct exact_profile {
  std::vector<double> gex, dex;
};

// The per-level definition, term by term (puts as -N(-d1), which keeps deep ITM puts exact).
exact_profile exact(const profile_inputs& in, const std::vector<double>& x) {
  exact_profile p;
  for (double price : x) {
    const double u = std::log(price);
    double g = 0.0, d = 0.0;
    for (std::size_t i = 0; i < in.size(); ++i) {
      const double d1 = u * in.inv_s[i] + in.shift[i];
      g += in.gex_coef[i] * std::exp(-0.5 * d1 * d1);
      d += in.dex_coef[i] * (in.is_call[i] ? gd::test::ref_cdf(d1) : -gd::test::ref_cdf(-d1));
    }
    p.gex.push_back(price * g);
    p.dex.push_back(price * d);
  }
  return p;
}

double scale_of(const std::vector<double>& v) {
  double s = 0.0;
  for (double y : v) s = std::max(s, std::abs(y));
  return s;
}

// Worst |fast - exact| / scale over the levels, for both kernel builds.
struct errors {
  double gex = 0, dex = 0;
};
errors compare(const profile_inputs& in, const std::vector<double>& x) {
  const exact_profile e = exact(in, x);
  const double gs = scale_of(e.gex), ds = scale_of(e.dex);
  errors worst;
  for (bool portable : {false, true}) {
    std::vector<double> g(x.size()), d(x.size());
    evaluate_profile(in, x, g, d, portable);
    for (std::size_t j = 0; j < x.size(); ++j) {
      worst.gex = std::max(worst.gex, std::abs(g[j] - e.gex[j]) / gs);
      worst.dex = std::max(worst.dex, std::abs(d[j] - e.dex[j]) / ds);
    }
    // GEX only gives the same GEX.
    std::vector<double> g2(x.size());
    evaluate_profile(in, x, g2, {}, portable);
    for (std::size_t j = 0; j < x.size(); ++j) worst.gex = std::max(worst.gex, std::abs(g2[j] - e.gex[j]) / gs);
  }
  return worst;
}

// Profile inputs of hand-made contracts, spot 100, the formulas of make_profile_inputs.
struct hand_contract {
  double K, T, vol, q, ratio = 1.0, df = 1.0;
  bool call;
};
profile_inputs inputs_of(const std::vector<hand_contract>& v) {
  profile_inputs in;
  for (const auto& c : v) {
    const double s = c.vol * std::sqrt(c.T);
    in.inv_s.push_back(1.0 / s);
    in.shift.push_back(std::log(c.ratio / c.K) / s + 0.5 * s);
    in.gex_coef.push_back(c.q * 0.01 * c.df * c.ratio * inv_sqrt_2pi / s);
    in.dex_coef.push_back(c.q * c.df * c.ratio);
    in.is_call.push_back(c.call);
    if (!c.call) in.put_dex_coef_sum += c.q * c.df * c.ratio;
  }
  return in;
}

// A chain with expiries from one minute to ten years, vols 5%..150%, strikes 20..300 (spot 100):
// steps b = h/s from ~1e-4 to ~50, so both paths run, windows start and end inside the grid.
std::vector<hand_contract> mixed_chain() {
  const double minute = 1.0 / (365.0 * 1440.0);
  const double Ts[] = {minute, 15 * minute, 2.0 / 365 / 24, 6.5 / 365 / 24, 1.0 / 365, 3.0 / 365,
                       10.0 / 365, 0.1, 0.5, 2.0, 10.0};
  const double vols[] = {0.05, 0.12, 0.2, 0.45, 1.5};
  std::vector<hand_contract> out;
  int k = 0;
  for (double T : Ts)
    for (double v : vols)
      for (double K = 20; K <= 300; K += 7.5, ++k) {
        const bool call = k % 2 == 0;
        const double q = (call ? 1.0 : -1.0) * (50 + (k * 37) % 900) * 100;
        out.push_back({K, T, v, q, 1.0 + 0.0003 * (k % 5), 0.999, call});
      }
  return out;
}

}  // namespace

TEST_CASE("profile grid: log spacing with exact ends", "[exposure][profile][grid]") {
  const auto x = profile_prices(4000, 300, 0.5, 1.5);
  REQUIRE(x.size() == 300);
  CHECK(x.front() == 2000);
  CHECK(x.back() == 6000);
  const double r = std::pow(3.0, 1.0 / 299);
  for (std::size_t j = 1; j < x.size(); ++j) CHECK(x[j] / x[j - 1] == Approx(r).epsilon(1e-14));
  CHECK(profile_prices(4000, 2, 0.5, 1.5) == std::vector<double>{2000, 6000});
  CHECK(profile_prices(4000, 1, 0.5, 1.5) == std::vector<double>{2000});
}

TEST_CASE("profile grid: SPX 2022-12-12 against the exact per-level evaluation", "[exposure][profile][grid]") {
  std::ifstream f(std::string(GD_TEST_DATA) + "/chains/spx_cboe_quotetable_2022-12-12.csv", std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  const auto parsed = gd::providers::parse_cboe_csv(ss.str());
  REQUIRE(parsed.ok());
  const auto& chain = parsed->chain;
  const exposure_params p;
  const auto in = make_profile_inputs(prepare_contracts(chain, chain.spot, chain.as_of, p, gd::nyse_calendar{}));
  REQUIRE(in.size() == 13628);
  const auto x = profile_prices(chain.spot, p.profile_levels, p.profile_low, p.profile_high);
  const errors e = compare(in, x);
  INFO("worst GEX error " << e.gex << ", DEX error " << e.dex << " of the scale");
  CHECK(e.gex <= 1e-10);
  CHECK(e.dex <= 1e-10);
  // In practice far below the bound.
  CHECK(e.gex <= 1e-12);
  CHECK(e.dex <= 1e-12);
}

TEST_CASE("profile grid: hand-made chains from one minute to ten years, several grids", "[exposure][profile][grid]") {
  const auto chain = mixed_chain();
  const auto in = inputs_of(chain);
  struct grid {
    std::size_t levels;
    double lo, hi;
  };
  for (const grid& g : {grid{300, 0.5, 1.5}, grid{2001, 0.8, 1.2}, grid{10, 0.05, 5.0}, grid{2000, 0.05, 5.0},
                        grid{2, 0.9, 1.1}, grid{37, 0.99, 1.01}}) {
    const auto x = profile_prices(100.0, g.levels, g.lo, g.hi);
    const errors e = compare(in, x);
    INFO(g.levels << " levels over " << g.lo << ".." << g.hi << ": GEX " << e.gex << ", DEX " << e.dex);
    CHECK(e.gex <= 1e-10);
    CHECK(e.dex <= 1e-10);
  }
  // Each expiry alone (the short ones alone are the hard case for a scale-relative bound).
  for (double T : {1.0 / (365.0 * 1440.0), 2.0 / 365 / 24, 1.0 / 365, 10.0 / 365, 10.0}) {
    std::vector<hand_contract> one;
    for (const auto& c : chain)
      if (c.T == T) one.push_back(c);
    const errors e = compare(inputs_of(one), profile_prices(100.0, 300, 0.5, 1.5));
    INFO("T " << T << ": GEX " << e.gex << ", DEX " << e.dex);
    CHECK(e.gex <= 1e-10);
    CHECK(e.dex <= 1e-10);
  }
}

TEST_CASE("profile grid: recurrence drift and the largest DEX quadrature step", "[exposure][profile][grid]") {
  // Long runs without a window cut: a ten-year contract at 80% vol over 5000 levels (each value is
  // the product of up to grid_reseed recurrence steps), compared level by level, relatively.
  const auto in = inputs_of({{100, 10.0, 0.8, 1000, 1.0, 1.0, true}});
  const auto x = profile_prices(100.0, 5000, 0.05, 5.0);
  std::vector<double> g(x.size()), d(x.size());
  const exact_profile e = exact(in, x);
  for (bool portable : {false, true}) {
    evaluate_profile(in, x, g, d, portable);
    double worst_g = 0, worst_d = 0;
    for (std::size_t j = 0; j < x.size(); ++j) {
      worst_g = std::max(worst_g, std::abs(g[j] / e.gex[j] - 1));
      worst_d = std::max(worst_d, std::abs(d[j] - e.dex[j]) / (1000 * x[j]));
    }
    INFO("portable " << portable << ": worst relative GEX error per level " << worst_g << ", DEX " << worst_d);
    CHECK(worst_g <= 2e-13);
    CHECK(worst_d <= 1e-14);
  }
  // Steps b = h/s near the grid path's limit (0.25): the DEX quadrature's worst case, per unit of
  // position (|DEX error| / (q S')) over the whole grid, calls and puts.
  const double h = std::log(3.0) / 299;
  for (double b : {0.05, 0.1, 0.15, 0.2, 0.249}) {
    const double s = h / b;
    std::vector<hand_contract> v;
    for (double K : {60.0, 100.0, 140.0}) v.push_back({K, 1.0, s, 1.0, 1.0, 1.0, K != 60.0});
    const auto pin = inputs_of(v);
    const auto px = profile_prices(100.0, 300, 0.5, 1.5);
    const exact_profile pe = exact(pin, px);
    std::vector<double> pg(px.size()), pd(px.size());
    evaluate_profile(pin, px, pg, pd);
    double worst = 0;
    for (std::size_t j = 0; j < px.size(); ++j) worst = std::max(worst, std::abs(pd[j] - pe.dex[j]) / px[j]);
    INFO("b " << b << ": worst DEX error per unit " << worst);
    CHECK(worst <= 5e-13);
  }
}

TEST_CASE("profile grid: other spacings take the exact kernel and agree", "[exposure][profile][grid]") {
  // An evenly spaced grid is not log-spaced: every contract goes through the per-level kernel.
  const auto in = inputs_of(mixed_chain());
  std::vector<double> x;
  for (int j = 0; j < 301; ++j) x.push_back(50 + 0.5 * j);
  const errors e = compare(in, x);
  INFO("GEX " << e.gex << ", DEX " << e.dex);
  CHECK(e.gex <= 1e-12);
  CHECK(e.dex <= 1e-12);
}
