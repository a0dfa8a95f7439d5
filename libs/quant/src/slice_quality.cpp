#include <gd/quant/slice_quality.hpp>

#include <cmath>
#include <cstdio>

namespace gd::quant {

bool is_liquid(double bid, double ask, std::int64_t open_interest, const liquidity_config& cfg) noexcept {
  if (!is_two_sided(bid, ask) || open_interest < cfg.min_open_interest) return false;
  const double mid = 0.5 * (bid + ask);
  return ask - bid <= cfg.max_relative_spread * mid;
}

slice_grade grade_slice(std::span<const strike_pair> strikes, const liquidity_config& cfg, double forward) {
  slice_grade g;
  g.strikes = strikes.size();
  g.by_forward = std::isfinite(forward) && forward > 0;
  for (const auto& s : strikes) {
    g.two_sided_quotes += (s.has_call && is_two_sided(s.call_bid, s.call_ask)) ? 1 : 0;
    g.two_sided_quotes += (s.has_put && is_two_sided(s.put_bid, s.put_ask)) ? 1 : 0;
    const bool call = s.has_call && is_liquid(s.call_bid, s.call_ask, s.call_oi, cfg);
    const bool put = s.has_put && is_liquid(s.put_bid, s.put_ask, s.put_oi, cfg);
    g.liquid_calls += call ? 1 : 0;
    g.liquid_puts += put ? 1 : 0;
    if (g.by_forward) {
      g.liquid_strikes += (s.strike < forward ? put : call) ? 1 : 0;
    } else {
      g.liquid_strikes += (call || put) ? 1 : 0;
    }
  }
  g.degraded = g.liquid_strikes < cfg.min_liquid_strikes;
  if (g.degraded) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "%zu liquid strikes (need %zu; liquid = %s open interest >= %lld and spread <= %.0f%% of mid)",
                  g.liquid_strikes, cfg.min_liquid_strikes,
                  g.by_forward ? "out-of-the-money quote with" : "call or put with", static_cast<long long>(cfg.min_open_interest),
                  100.0 * cfg.max_relative_spread);
    g.reason = buf;
  }
  return g;
}

slice_grade grade_slice(std::span<const slice_quote> quotes, const liquidity_config& cfg, double forward) {
  const auto pairs = pair_by_strike(quotes);
  return grade_slice(std::span<const strike_pair>(pairs), cfg, forward);
}

}  // namespace gd::quant
