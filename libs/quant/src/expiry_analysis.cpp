#include <gd/quant/expiry_analysis.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <gd/quant/black.hpp>
#include <gd/quant/implied_vol.hpp>

namespace gd::quant {

const char* to_string(expiry_status s) noexcept {
  switch (s) {
    case expiry_status::ok: return "ok";
    case expiry_status::degraded: return "degraded";
    case expiry_status::expired: return "expired";
    case expiry_status::failed: return "failed";
  }
  return "unknown";
}

namespace {

std::string format(const char* fmt, double a, double b = 0.0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

// Market ATM vol: linear in k between the nearest OTM IVs on each side of k = 0.
double atm_from_smile(const std::vector<smile_point>& smile) {
  const smile_point* below = nullptr;
  const smile_point* above = nullptr;
  for (const auto& p : smile) {
    if (p.k < 0.0) {
      if (!below || p.k > below->k) below = &p;
    } else if (!above || p.k < above->k) {
      above = &p;
    }
  }
  if (below && above) {
    const double t = (0.0 - below->k) / (above->k - below->k);
    return below->iv + t * (above->iv - below->iv);
  }
  if (below) return below->iv;
  if (above) return above->iv;
  return nan_v;
}

void build_smile(const std::vector<strike_pair>& pairs, double F, double df, double T,
                 const liquidity_config& liq, expiry_analysis& out) {
  for (const auto& s : pairs) {
    const bool put_side = s.strike < F;
    const bool has = put_side ? s.has_put : s.has_call;
    const double bid = put_side ? s.put_bid : s.call_bid;
    const double ask = put_side ? s.put_ask : s.call_ask;
    if (!has || !is_two_sided(bid, ask)) continue;
    smile_point p;
    p.strike = s.strike;
    p.right = put_side ? option_right::put : option_right::call;
    p.bid = bid;
    p.ask = ask;
    p.mid = 0.5 * (bid + ask);
    p.open_interest = put_side ? s.put_oi : s.call_oi;
    p.liquid = is_liquid(bid, ask, p.open_interest, liq);
    p.k = std::log(s.strike / F);
    const iv_result iv = implied_vol_black76(p.mid, p.right, F, s.strike, T, df);
    if (iv.status != iv_status::ok || !(iv.vol > 0)) {
      ++out.iv_failures;
      continue;
    }
    p.iv = iv.vol;
    p.total_variance = iv.vol * iv.vol * T;
    out.smile.push_back(p);
  }
}

}  // namespace

expiry_analysis analyze_expiry(const expiry_slice& slice, double T, const expiry_analysis_config& cfg) {
  expiry_analysis out;
  out.expiration = slice.expiration;
  out.settlement = slice.settlement;
  out.root = slice.root;
  out.T = T;
  out.time.years = T;
  if (!(T > 0) || !std::isfinite(T)) {
    out.reason = "time to settlement must be positive";
    return out;
  }

  const std::vector<strike_pair> pairs = pair_by_strike(slice.quotes);
  out.forward = implied_forward(std::span<const strike_pair>(pairs), T, cfg.forward);
  const bool have_forward = std::isfinite(out.forward.forward) && out.forward.forward > 0;
  // Graded against the forward when there is one: the out-of-the-money side is what gets fitted.
  out.grade = grade_slice(std::span<const strike_pair>(pairs), cfg.liquidity, have_forward ? out.forward.forward : nan_v);
  if (!have_forward) {
    out.status = out.grade.degraded ? expiry_status::degraded : expiry_status::failed;
    out.reason = (out.grade.degraded ? out.grade.reason + "; " : std::string()) + "no forward: " + out.forward.reason;
    return out;
  }
  const double F = out.forward.forward, df = out.forward.df;
  build_smile(pairs, F, df, T, cfg.liquidity, out);
  out.atm_iv = atm_from_smile(out.smile);

  if (out.grade.degraded || !out.forward.ok()) {
    out.status = expiry_status::degraded;
    out.reason = out.grade.degraded ? out.grade.reason : "forward: " + out.forward.reason;
    return out;
  }

  // SVI on the (liquid) OTM points.
  std::vector<double> ks, ws, weights;
  for (auto& p : out.smile) {
    if (cfg.fit_liquid_only && !p.liquid) continue;
    double weight = 1.0;
    if (cfg.weighting != svi_weighting::uniform) {
      const double vega = black76_greeks(p.right, F, p.strike, T, p.iv, df).vega;
      weight = cfg.weighting == svi_weighting::vega ? vega : vega / std::max(p.ask - p.bid, 1e-4);
    }
    if (!(weight > 0) || !std::isfinite(weight)) continue;
    p.weight = weight;
    p.fitted = true;
    ks.push_back(p.k);
    ws.push_back(p.total_variance);
    weights.push_back(weight);
  }
  out.svi = fit_svi(ks, ws, weights, T, cfg.svi);
  if (!out.svi.ok) {
    out.status = expiry_status::failed;
    out.reason = "SVI: " + out.svi.reason;
    return out;
  }
  const svi_params& sp = out.svi.params;
  for (auto& p : out.smile) p.svi_iv = svi_implied_vol(sp, p.k, T);
  out.svi_atm_iv = svi_implied_vol(sp, 0.0, T);
  out.fit_k_min = *std::min_element(ks.begin(), ks.end());
  out.fit_k_max = *std::max_element(ks.begin(), ks.end());
  const double margin = cfg.arbitrage_k_margin * (out.fit_k_max - out.fit_k_min);
  out.butterfly = check_butterfly(sp, out.fit_k_min - margin, out.fit_k_max + margin, cfg.arbitrage_points);
  if (!out.butterfly.arbitrage_free) {
    out.warnings.push_back(format("butterfly arbitrage: g(k) = %.3g at k = %.4f", out.butterfly.min_g,
                                  out.butterfly.k_at_min_g));
  }

  out.density = risk_neutral_density(sp, F, T, cfg.density);
  if (!out.density.ok) {
    out.status = expiry_status::failed;
    out.reason = "density: " + out.density.reason;
    return out;
  }
  if (!out.density.integral_ok) {
    out.warnings.push_back(format("density integrates to %.6f (tolerance %.0e)", out.density.integral,
                                  cfg.density.integral_tolerance));
  }
  if (out.density.clipped_points > 0) {
    out.warnings.push_back(format("density negative at %.0f grid points (mass %.3g clipped)",
                                  static_cast<double>(out.density.clipped_points), out.density.clipped_mass));
  }
  if (!out.density.mean_ok) {
    out.warnings.push_back(format("density mean %.3f%% from the forward (tolerance %.2f%%)",
                                  100.0 * out.density.mean_vs_forward, 100.0 * cfg.density.mean_tolerance));
  }
  out.has_surface = true;
  out.status = expiry_status::ok;
  return out;
}

expiry_analysis analyze_expiry(const expiry_slice& slice, sys_time as_of, const nyse_calendar& cal,
                               const expiry_analysis_config& cfg) {
  const time_to_settlement t = years_to_settlement(as_of, slice.expiration, slice.settlement, cal, cfg.measure);
  if (t.expired) {
    expiry_analysis out;
    out.expiration = slice.expiration;
    out.settlement = slice.settlement;
    out.root = slice.root;
    out.time = t;
    out.T = t.years;
    out.status = expiry_status::expired;
    out.reason = "settled before the snapshot";
    return out;
  }
  expiry_analysis out = analyze_expiry(slice, t.years, cfg);
  out.time = t;
  return out;
}

chain_analysis analyze_chain(const std::vector<chain_row>& rows, sys_time as_of, const nyse_calendar& cal,
                             const expiry_analysis_config& cfg) {
  chain_analysis out;
  for (const auto& slice : slices_from_chain(rows)) out.expiries.push_back(analyze_expiry(slice, as_of, cal, cfg));
  std::stable_sort(out.expiries.begin(), out.expiries.end(),
                   [](const expiry_analysis& a, const expiry_analysis& b) { return a.time.settlement < b.time.settlement; });
  std::size_t prev = out.expiries.size();
  for (std::size_t i = 0; i < out.expiries.size(); ++i) {
    const expiry_analysis& e = out.expiries[i];
    if (!e.has_surface) continue;
    if (prev < out.expiries.size()) {
      const expiry_analysis& p = out.expiries[prev];
      // Compare where both slices were fitted to data; wings beyond are extrapolation.
      const double lo = std::max(p.fit_k_min, e.fit_k_min), hi = std::min(p.fit_k_max, e.fit_k_max);
      if (lo < hi) {
        calendar_link link{prev, i, check_calendar(p.svi.params, e.svi.params, lo, hi, cfg.arbitrage_points,
                                                         cfg.calendar_tolerance)};
        out.calendar_violations += link.check.arbitrage_free ? 0 : 1;
        out.calendar.push_back(link);
      }
    }
    prev = i;
  }
  return out;
}

}  // namespace gd::quant
