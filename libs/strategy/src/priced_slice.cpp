#include <gd/strategy/priced_slice.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <gd/quant/black.hpp>
#include <gd/quant/expiry_slice.hpp>

namespace gd::strategy {

bool priced_slice::has_forward() const noexcept { return std::isfinite(forward.forward) && forward.forward > 0.0; }

priced_slice price_slice(const gd::option_chain& chain, const std::string& root, date::year_month_day expiration,
                         gd::sys_time now, const gd::nyse_calendar& calendar, const strategy_config& config) {
  priced_slice out;
  out.expiration = expiration;
  std::vector<gd::quant::slice_quote> slice;
  gd::settlement_style style = gd::settlement_style::pm;
  for (const auto& r : chain.rows) {
    if (r.contract.root != root || r.contract.expiration != expiration) continue;
    style = r.contract.settlement;
    out.quotes.push_back({.row = &r});
    slice.push_back({.strike = r.contract.strike, .right = r.contract.right, .bid = r.quote.bid,
                     .ask = r.quote.ask, .open_interest = r.quote.open_interest});
  }
  // Deterministic order whatever the provider's row order: puts then calls, by strike.
  std::stable_sort(out.quotes.begin(), out.quotes.end(), [](const priced_quote& a, const priced_quote& b) {
    if (a.row->contract.right != b.row->contract.right) return a.row->contract.right == gd::option_right::put;
    return a.row->contract.strike < b.row->contract.strike;
  });
  out.time = gd::quant::years_to_settlement(now, expiration, style, calendar, config.measure);
  if (out.quotes.empty()) return out;

  const double T = out.time.years;
  gd::quant::forward_config fc;
  fc.fallback_rate = config.fallback_rate;
  out.forward = gd::quant::implied_forward(std::span<const gd::quant::slice_quote>(slice), T, fc);
  gd::quant::liquidity_config lc;
  lc.min_open_interest = config.filters.min_open_interest;
  lc.max_relative_spread = config.filters.max_relative_spread;
  lc.min_liquid_strikes = static_cast<std::size_t>(config.filters.min_liquid_strikes);
  out.grade = gd::quant::grade_slice(std::span<const gd::quant::slice_quote>(slice), lc,
                                     out.has_forward() ? out.forward.forward : gd::nan_v);
  if (!out.has_forward()) return out;

  // Implied vols of every two-sided mid in one batch, then their forward deltas.
  const double F = out.forward.forward, df = out.forward.df;
  std::vector<std::size_t> idx;
  std::vector<double> price, fwd, strike, years, dfs, vol;
  std::vector<std::uint8_t> is_call;
  for (std::size_t i = 0; i < out.quotes.size(); ++i) {
    auto& q = out.quotes[i];
    const auto& c = q.row->contract;
    q.out_of_the_money = c.right == gd::option_right::put ? c.strike < F : c.strike > F;
    if (!gd::quant::is_two_sided(q.row->quote.bid, q.row->quote.ask)) continue;
    q.mid = 0.5 * (q.row->quote.bid + q.row->quote.ask);
    idx.push_back(i);
    price.push_back(q.mid);
    fwd.push_back(F);
    strike.push_back(c.strike);
    years.push_back(T);
    dfs.push_back(df);
    is_call.push_back(c.right == gd::option_right::call ? 1 : 0);
  }
  vol.resize(idx.size());
  gd::quant::implied_vol_black76_batch(idx.size(), price.data(), fwd.data(), strike.data(), years.data(), dfs.data(),
                                       is_call.data(), vol.data(), nullptr);
  for (std::size_t j = 0; j < idx.size(); ++j) {
    if (!(vol[j] > 0.0) || !std::isfinite(vol[j])) continue;
    auto& q = out.quotes[idx[j]];
    q.iv = vol[j];
    q.delta = gd::quant::black76_greeks(q.row->contract.right, F, strike[j], T, vol[j], df).delta;
  }
  return out;
}

}  // namespace gd::strategy
