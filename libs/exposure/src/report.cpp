#include <gd/exposure/report.hpp>

#include <algorithm>
#include <cmath>

namespace gd::exposure {

namespace {

bool nearer(double a, double b, double spot) {
  const double da = std::abs(a - spot), db = std::abs(b - spot);
  return da < db || (da == db && a < b);
}

// Max pain over contracts idx (ascending strike; OI * multiplier per strike). Only live,
// valid contracts are passed in.
std::optional<double> max_pain_of(const contract_set& c, std::span<const std::size_t> idx) {
  std::vector<double> k, cu, pu;
  for (std::size_t i : idx) {
    if (k.empty() || k.back() != c.strike[i]) k.push_back(c.strike[i]), cu.push_back(0.0), pu.push_back(0.0);
    (c.is_call[i] ? cu.back() : pu.back()) += static_cast<double>(c.oi[i]) * c.multiplier[i];
  }
  return max_pain(k, cu, pu, c.spot);
}

double value_or_nan(const std::optional<double>& v) { return v ? *v : nan_v; }

// Median of v (reorders v); NaN when empty.
double median(std::vector<double>& v) {
  if (v.empty()) return nan_v;
  const std::size_t h = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h), v.end());
  const double hi = v[h];
  if (v.size() % 2) return hi;
  return 0.5 * (hi + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h)));
}

expiry_exposure describe_expiry(const contract_set& c, const expiry_slot& s, const std::vector<std::size_t>& idx,
                                std::span<const contract_exposure> e, std::span<const std::size_t> by_strike_idx) {
  expiry_exposure x;
  x.expiration = s.expiration;
  x.dte = s.dte;
  x.settlement = s.settlement;
  x.root = s.root;
  x.T = s.T;
  x.forward = s.forward;
  x.forward_implied = s.forward_implied;
  for (std::size_t i : idx) accumulate(x.sums, c, i, e[i]);
  x.sums.finish();
  x.atm_iv = atm_iv(c, idx, s.forward);
  x.expected_move_straddle = straddle_at_forward(c, idx, s.forward);
  x.expected_move_sigma = c.spot * x.atm_iv * std::sqrt(s.T);
  x.skew_25d = skew_25d(c, idx, s.forward, s.T);
  x.max_pain = value_or_nan(max_pain_of(c, by_strike_idx));
  x.quality = {s.grade.degraded, s.grade.liquid_strikes, s.grade.reason};
  return x;
}

exposure_heatmap build_heatmap(const contract_set& c, std::span<const contract_exposure> e,
                               const std::vector<strike_exposure>& strikes) {
  exposure_heatmap h;
  h.expirations = c.scope.expirations;
  for (const auto& s : strikes) h.strikes.push_back(s.strike);
  h.values.assign(h.expirations.size(), std::vector<double>(h.strikes.size(), 0.0));
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c.excluded[i] != exclusion::none) continue;
    const auto row = std::lower_bound(h.expirations.begin(), h.expirations.end(), c.slots[c.slot[i]].expiration);
    const auto col = std::lower_bound(h.strikes.begin(), h.strikes.end(), c.strike[i]);
    if (row == h.expirations.end() || *row != c.slots[c.slot[i]].expiration) continue;
    if (col == h.strikes.end() || *col != c.strike[i]) continue;   // outside the strike window
    h.values[static_cast<std::size_t>(row - h.expirations.begin())][static_cast<std::size_t>(col - h.strikes.begin())] +=
        e[i].gex;
  }
  return h;
}

strike_rank rank_row(const strike_exposure& s) {
  strike_rank r;
  r.strike = s.strike;
  r.call_oi = s.sums.call_oi;
  r.put_oi = s.sums.put_oi;
  r.call_volume = s.sums.call_volume;
  r.put_volume = s.sums.put_volume;
  r.pc_ratio = r.call_oi > 0 ? static_cast<double>(r.put_oi) / static_cast<double>(r.call_oi) : nan_v;
  return r;
}

// The top n rows by key (descending), ties nearest spot then lower; rows with key <= 0 are left out.
template <class Key>
std::vector<strike_rank> top_by(const std::vector<strike_rank>& rows, std::size_t n, double spot, Key key) {
  std::vector<strike_rank> out;
  for (const auto& r : rows)
    if (key(r) > 0.0) out.push_back(r);
  const auto better = [&](const strike_rank& a, const strike_rank& b) {
    const double ka = key(a), kb = key(b);
    return ka > kb || (ka == kb && nearer(a.strike, b.strike, spot));
  };
  const std::size_t m = std::min(n, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(m), out.end(), better);
  out.resize(m);
  return out;
}

}  // namespace

top_strikes rank_strikes(const std::vector<strike_exposure>& all, double spot, const exposure_params& p) {
  std::vector<strike_rank> rows;
  rows.reserve(all.size());
  for (const auto& s : all) rows.push_back(rank_row(s));
  top_strikes t;
  t.by_oi = top_by(rows, p.top_n, spot, [](const strike_rank& r) { return static_cast<double>(r.call_oi + r.put_oi); });
  t.by_volume =
      top_by(rows, p.top_n, spot, [](const strike_rank& r) { return static_cast<double>(r.call_volume + r.put_volume); });
  const std::int64_t min_oi = std::max<std::int64_t>(p.pc_ratio_min_oi, 1);
  t.by_pc_ratio = top_by(rows, p.top_n, spot, [&](const strike_rank& r) {
    return r.call_oi >= min_oi && r.put_oi >= min_oi ? r.pc_ratio : 0.0;
  });
  return t;
}

vendor_gap compare_vendor(const contract_set& c) {
  vendor_gap g;
  std::vector<double> iv_diff, gamma_rel;
  double sum = 0.0, sum_abs = 0.0, net_model = 0.0, net_vendor = 0.0;
  const double scale = c.spot * c.spot * 0.01;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c.excluded[i] == exclusion::expired || c.excluded[i] == exclusion::invalid) continue;
    if (std::isfinite(c.iv[i]) && std::isfinite(c.vendor_iv[i])) {
      const double d = c.iv[i] - c.vendor_iv[i];
      iv_diff.push_back(d);
      sum += d;
      sum_abs += std::abs(d);
    }
    g.vendor_iv_fallback += c.vendor_fallback[i];
    if (std::isfinite(c.model_gamma[i]) && c.vendor_gamma[i] > 0.0) {
      gamma_rel.push_back((c.model_gamma[i] - c.vendor_gamma[i]) / c.vendor_gamma[i]);
      const double q = c.position(i);
      net_model += q * c.model_gamma[i] * scale;
      net_vendor += q * c.vendor_gamma[i] * scale;
    }
  }
  g.iv_pairs = iv_diff.size();
  g.gamma_pairs = gamma_rel.size();
  if (g.iv_pairs) {
    g.iv_mean_diff = sum / static_cast<double>(g.iv_pairs);
    g.iv_mean_abs_diff = sum_abs / static_cast<double>(g.iv_pairs);
    g.iv_median_diff = median(iv_diff);
  }
  if (g.gamma_pairs) {
    g.gamma_median_rel_diff = median(gamma_rel);
    g.net_gex_model = net_model;
    g.net_gex_vendor = net_vendor;
  }
  return g;
}

exposure_report compute_exposure(const option_chain& chain, double spot, sys_time as_of, const exposure_params& p,
                                 const nyse_calendar& cal) {
  exposure_report r;
  r.underlying = chain.underlying;
  r.as_of = as_of;
  r.spot = spot;
  r.params = p;
  const contract_set c = prepare_contracts(chain, spot, as_of, p, cal);
  r.scope = c.scope;

  const std::size_t n = c.size();
  std::vector<contract_exposure> e(n);
  std::vector<std::vector<std::size_t>> members(c.slots.size());
  for (std::size_t i = 0; i < n; ++i) {
    e[i] = exposure_of(c, i);
    accumulate(r.totals.sums, c, i, e[i]);
    r.totals.excluded.add(c.excluded[i]);
    r.totals.contracts_used += c.excluded[i] == exclusion::none ? 1 : 0;
    members[c.slot[i]].push_back(i);
  }
  r.totals.sums.finish();

  // One strike order serves the per-strike series and every max pain (no maps, no re-sorts).
  const std::vector<std::size_t> order = strike_order(c);
  const std::vector<strike_exposure> all = by_strike(c, e, order);
  r.strikes = strike_window(all, spot, p.strike_window_pct);
  r.top = rank_strikes(all, spot, p);
  r.gap = compare_vendor(c);

  // Live, valid contracts in strike order: all of them, and per slot.
  std::vector<std::size_t> live;
  std::vector<std::vector<std::size_t>> slot_by_strike(c.slots.size());
  for (std::size_t i : order) {
    if (c.excluded[i] == exclusion::expired || c.excluded[i] == exclusion::invalid) continue;
    live.push_back(i);
    slot_by_strike[c.slot[i]].push_back(i);
  }
  for (std::size_t s : c.scope.slots) {
    if (c.slots[s].expired) continue;
    r.by_expiry.items.push_back(describe_expiry(c, c.slots[s], members[s], e, slot_by_strike[s]));
  }

  r.profile = compute_profile(c, p);

  key_levels& l = r.levels;
  l.spot = spot;
  l.gamma_flip = r.profile.gamma_flip;
  l.gamma_flips = r.profile.gamma_flips;
  l.net_gex = r.totals.sums.net_gex;
  l.regime = regime_of(r.profile, l.net_gex);
  fill_strike_levels(l, all, spot);
  l.max_pain = max_pain_of(c, live);
  // ATM IV of the scope: the expiries' ATM IVs weighted by their OI. Expected move: the nearest
  // expiry's straddle (its sigma move when there is no straddle).
  double w = 0.0, wsum = 0.0;
  for (const auto& x : r.by_expiry.items) {
    const double oi = static_cast<double>(x.sums.call_oi + x.sums.put_oi);
    if (std::isfinite(x.atm_iv) && oi > 0.0) w += oi, wsum += oi * x.atm_iv;
  }
  l.atm_iv = w > 0.0 ? wsum / w : nan_v;
  if (!r.by_expiry.items.empty()) {
    const auto& first = r.by_expiry.items.front();
    l.expected_move = std::isfinite(first.expected_move_straddle) ? first.expected_move_straddle
                                                                  : first.expected_move_sigma;
  }
  r.heatmap = build_heatmap(c, e, r.strikes);
  return r;
}

exposure_report compute_exposure(const option_chain& chain, double spot, sys_time as_of, const exposure_params& p) {
  const nyse_calendar cal;
  return compute_exposure(chain, spot, as_of, p, cal);
}

}  // namespace gd::exposure
