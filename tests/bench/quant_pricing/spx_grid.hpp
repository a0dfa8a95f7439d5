#pragma once
// The fixed SPX benchmark grid (issue 3), defined once: F = 6000, df = 1 (no discounting), 40
// expiries T = 3, 6, ..., 120 days / 365, strikes 3000..8000 step 5, vol = 0.15 + 0.3 x^2 - 0.2 x
// with x = ln(K/F), out-of-the-money side only (calls for K >= F, puts below), prices below 1e-8
// dropped. About 35,000 options.
#include <cmath>
#include <cstdint>
#include <vector>

#include <gd/quant/black.hpp>

namespace gd::bench {

struct spx_grid {
  std::vector<double> F, K, T, sigma, df, price;
  std::vector<std::uint8_t> is_call;
  std::size_t size() const { return K.size(); }
};

inline spx_grid make_spx_grid() {
  spx_grid g;
  const double fwd = 6000.0;
  for (int d = 3; d <= 120; d += 3) {
    const double t = d / 365.0;
    for (int k = 3000; k <= 8000; k += 5) {
      const double strike = k;
      const double x = std::log(strike / fwd);
      const double vol = 0.15 + 0.3 * x * x - 0.2 * x;
      const bool call = strike >= fwd;
      const double p = gd::quant::black76_price(call ? gd::option_right::call : gd::option_right::put,
                                                fwd, strike, t, vol, 1.0);
      if (!(p >= 1e-8)) continue;
      g.F.push_back(fwd);
      g.K.push_back(strike);
      g.T.push_back(t);
      g.sigma.push_back(vol);
      g.df.push_back(1.0);
      g.price.push_back(p);
      g.is_call.push_back(call ? 1 : 0);
    }
  }
  return g;
}

}  // namespace gd::bench
