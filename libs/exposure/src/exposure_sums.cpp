#include <gd/exposure/exposure_sums.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace gd::exposure {

void exposure_sums::add(const exposure_sums& o) noexcept {
  call_gex += o.call_gex;
  put_gex += o.put_gex;
  dex += o.dex;
  vex += o.vex;
  cex += o.cex;
  call_oi += o.call_oi;
  put_oi += o.put_oi;
  call_volume += o.call_volume;
  put_volume += o.put_volume;
  finish();
}

void exposure_sums::finish() noexcept {
  net_gex = call_gex + put_gex;
  abs_gex = std::abs(call_gex) + std::abs(put_gex);
}

contract_exposure exposure_of(const contract_set& c, std::size_t i) noexcept {
  if (c.excluded[i] != exclusion::none) return {};
  const double q = c.position(i);
  const double S = c.spot;
  return {q * c.gamma[i] * S * S * 0.01, q * c.delta[i] * S, q * c.vanna[i] * S * 0.01,
          q * c.charm[i] * S / c.days_per_year};
}

void accumulate(exposure_sums& s, const contract_set& c, std::size_t i, const contract_exposure& e) noexcept {
  if (c.excluded[i] == exclusion::expired) return;
  if (c.is_call[i]) {
    s.call_gex += e.gex;
    s.call_oi += c.oi[i];
    s.call_volume += c.volume[i];
  } else {
    s.put_gex += e.gex;
    s.put_oi += c.oi[i];
    s.put_volume += c.volume[i];
  }
  s.dex += e.dex;
  s.vex += e.vex;
  s.cex += e.cex;
}

std::vector<std::size_t> strike_order(const contract_set& c) {
  // (strike, index) pairs sort contiguously (an index sort chasing c.strike is ~2x slower); a
  // NaN strike (never from the parsers) goes last so the comparison stays a strict order.
  std::vector<std::pair<double, std::size_t>> keys;
  std::vector<std::size_t> odd;
  keys.reserve(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c.excluded[i] == exclusion::expired) continue;
    if (std::isnan(c.strike[i])) {
      odd.push_back(i);
    } else {
      keys.emplace_back(c.strike[i], i);
    }
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::size_t> order;
  order.reserve(keys.size() + odd.size());
  for (const auto& k : keys) order.push_back(k.second);
  order.insert(order.end(), odd.begin(), odd.end());
  return order;
}

std::vector<strike_exposure> by_strike(const contract_set& c, std::span<const contract_exposure> e) {
  const std::vector<std::size_t> order = strike_order(c);
  return by_strike(c, e, order);
}

std::vector<strike_exposure> by_strike(const contract_set& c, std::span<const contract_exposure> e,
                                       std::span<const std::size_t> order) {
  std::vector<strike_exposure> out;
  for (std::size_t i : order) {
    if (out.empty() || out.back().strike != c.strike[i]) out.push_back({c.strike[i], {}, 0.0});
    accumulate(out.back().sums, c, i, e[i]);
  }
  double cum = 0.0;
  for (auto& s : out) {
    s.sums.finish();
    cum += s.sums.net_gex;
    s.cum_net_gex = cum;
  }
  return out;
}

std::vector<strike_exposure> strike_window(const std::vector<strike_exposure>& all, double spot, double pct) {
  if (!(pct > 0.0)) return all;
  const double lo = spot * (1.0 - pct / 100.0), hi = spot * (1.0 + pct / 100.0);
  std::vector<strike_exposure> out;
  for (const auto& s : all)
    if (s.strike >= lo && s.strike <= hi) out.push_back(s);
  return out;
}

}  // namespace gd::exposure
