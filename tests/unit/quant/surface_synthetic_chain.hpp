#pragma once
// Test support: a synthetic expiry slice priced with Black-76 from a smile function, with a
// chosen spread (fraction of mid, floored at 0.05) and open interest, so that every step of the
// surface pipeline has a known answer.
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include <gd/quant/black.hpp>
#include <gd/quant/expiry_slice.hpp>

namespace gd::quant::test {

struct synthetic_slice_spec {
  double forward = 4000.0;
  double df = 0.99;
  double T = 0.25;
  double k_lo = 2000.0, k_hi = 6000.0, k_step = 25.0;
  double relative_spread = 0.02;
  double min_spread = 0.05;
  std::int64_t open_interest = 500;
  std::function<double(double k)> vol = [](double) { return 0.2; };  // vol as a function of ln(K/F)
};

inline expiry_slice make_synthetic_slice(const synthetic_slice_spec& s) {
  expiry_slice out;
  for (double K = s.k_lo; K <= s.k_hi + 1e-9; K += s.k_step) {
    const double vol = s.vol(std::log(K / s.forward));
    for (option_right r : {option_right::call, option_right::put}) {
      const double px = black76_price(r, s.forward, K, s.T, vol, s.df);
      const double half = 0.5 * std::max(s.min_spread, s.relative_spread * px);
      // Quotes symmetric around the model price; a bid that would be <= 0 becomes 0 (no bid).
      const double bid = px - half > 0.0 ? px - half : 0.0;
      out.quotes.push_back(slice_quote{K, r, bid, px + half, s.open_interest});
    }
  }
  return out;
}

}  // namespace gd::quant::test
