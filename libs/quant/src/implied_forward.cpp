#include <gd/quant/implied_forward.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace gd::quant {
namespace {

struct parity_point {
  double strike;
  double diff;    // C_mid - P_mid
  double spread;  // call spread + put spread
  double weight;
  bool used = true;
};

double median_of(std::vector<double> v) {
  if (v.empty()) return nan_v;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  return 0.5 * (*mid + *std::max_element(v.begin(), mid));
}

struct line_fit {
  double df = nan_v;
  double forward = nan_v;
  double slope_stderr = nan_v;
  bool ok = false;
};

// Weighted least squares of diff = alpha + beta K; DF = -beta, F = alpha / DF.
line_fit fit_line(const std::vector<parity_point>& pts) {
  double sw = 0, sk = 0, sy = 0;
  std::size_t n = 0;
  for (const auto& p : pts) {
    if (!p.used) continue;
    sw += p.weight;
    sk += p.weight * p.strike;
    sy += p.weight * p.diff;
    ++n;
  }
  line_fit out;
  if (n < 2 || !(sw > 0)) return out;
  const double kbar = sk / sw, ybar = sy / sw;
  double skk = 0, sky = 0;
  for (const auto& p : pts) {
    if (!p.used) continue;
    skk += p.weight * (p.strike - kbar) * (p.strike - kbar);
    sky += p.weight * (p.strike - kbar) * (p.diff - ybar);
  }
  if (!(skk > 0)) return out;
  const double beta = sky / skk;
  out.df = -beta;
  if (!(out.df > 0)) return out;
  out.forward = kbar + ybar / out.df;  // centred form: insensitive to DF when strikes straddle F
  double rss = 0;
  for (const auto& p : pts) {
    if (!p.used) continue;
    const double r = p.diff - (ybar + beta * (p.strike - kbar));
    rss += p.weight * r * r;
  }
  out.slope_stderr = n > 2 ? std::sqrt(rss / static_cast<double>(n - 2) / skk) : nan_v;
  out.ok = std::isfinite(out.forward);
  return out;
}

// F given DF: weighted mean of K + diff / DF.
double forward_given_df(const std::vector<parity_point>& pts, double df) {
  double sw = 0, s = 0;
  for (const auto& p : pts) {
    if (!p.used) continue;
    sw += p.weight;
    s += p.weight * (p.strike + p.diff / df);
  }
  return sw > 0 ? s / sw : nan_v;
}

void fill_residuals(const std::vector<parity_point>& pts, forward_result& out) {
  double ss = 0, mx = 0;
  std::size_t n = 0;
  for (const auto& p : pts) {
    if (!p.used) continue;
    const double r = p.diff - out.df * (out.forward - p.strike);
    ss += r * r;
    mx = std::max(mx, std::abs(r));
    ++n;
  }
  out.pairs_used = n;
  out.residual_rms = n ? std::sqrt(ss / static_cast<double>(n)) : nan_v;
  out.max_abs_residual = n ? mx : nan_v;
}

}  // namespace

forward_result implied_forward(std::span<const strike_pair> strikes, double T, const forward_config& cfg) {
  forward_result out;
  if (!(T > 0) || !std::isfinite(T)) {
    out.reason = "time to expiry must be positive";
    return out;
  }
  std::vector<parity_point> pts;
  for (const auto& s : strikes) {
    if (!s.has_call || !s.has_put) continue;
    if (!is_two_sided(s.call_bid, s.call_ask) || !is_two_sided(s.put_bid, s.put_ask)) continue;
    const double c = 0.5 * (s.call_bid + s.call_ask), p = 0.5 * (s.put_bid + s.put_ask);
    // A zero-width market still gets a finite weight: floor the spread at a tenth of a cent.
    const double spread = std::max(1e-3, (s.call_ask - s.call_bid) + (s.put_ask - s.put_bid));
    pts.push_back(parity_point{s.strike, c - p, spread, 1.0 / (spread * spread)});
  }
  out.pairs_valid = pts.size();
  if (pts.empty()) {
    out.reason = "no strike has both a two-sided call and a two-sided put";
    return out;
  }

  // Keep the pairs nearest the money: the strike where |C - P| is smallest anchors the search.
  const auto atm = std::min_element(pts.begin(), pts.end(), [](const auto& a, const auto& b) {
    return std::abs(a.diff) < std::abs(b.diff);
  });
  const double k_atm = atm->strike;
  std::sort(pts.begin(), pts.end(), [k_atm](const auto& a, const auto& b) {
    return std::abs(a.strike - k_atm) < std::abs(b.strike - k_atm);
  });
  if (pts.size() > cfg.max_pairs) pts.resize(std::max<std::size_t>(cfg.max_pairs, 1));

  const double fallback_df = std::isfinite(cfg.known_df) && cfg.known_df > 0 ? cfg.known_df
                                                                               : std::exp(-cfg.fallback_rate * T);
  if (pts.size() < std::max<std::size_t>(cfg.min_pairs, 2)) {
    out.status = forward_status::too_few_pairs;
    out.reason = "only " + std::to_string(pts.size()) + " two-sided call/put pairs (need " +
                 std::to_string(std::max<std::size_t>(cfg.min_pairs, 2)) + ")";
    out.df = fallback_df;
    out.df_fixed = true;
    out.forward = forward_given_df(pts, out.df);
    out.rate = -std::log(out.df) / T;
    fill_residuals(pts, out);
    return out;
  }

  const bool df_given = std::isfinite(cfg.known_df) && cfg.known_df > 0;
  for (std::size_t pass = 0; pass < pts.size(); ++pass) {
    double df = fallback_df, fwd = nan_v;
    bool fixed = true;
    if (!df_given) {
      const line_fit fit = fit_line(pts);
      const double rate = fit.ok ? -std::log(fit.df) / T : nan_v;
      const double rate_se = fit.ok ? fit.slope_stderr / (fit.df * T) : nan_v;
      // A perfect fit has zero standard error (NaN with two points: then trust only exact data).
      const bool trusted = fit.ok && rate >= cfg.min_rate && rate <= cfg.max_rate &&
                           (std::isfinite(rate_se) ? rate_se <= cfg.max_rate_stderr : true);
      if (trusted) {
        df = fit.df;
        fwd = fit.forward;
        fixed = false;
      }
    }
    if (fixed) fwd = forward_given_df(pts, df);
    out.df = df;
    out.forward = fwd;
    out.df_fixed = fixed;

    // Robust scale of the residuals; a pair is an outlier beyond outlier_mads of it (and beyond
    // its own half spread, so a quote can never be rejected for being within its market).
    std::vector<double> abs_res;
    for (const auto& p : pts) {
      if (p.used) abs_res.push_back(std::abs(p.diff - df * (fwd - p.strike)));
    }
    const double scale = 1.4826 * median_of(abs_res);
    // Drop only the worst pair per pass: one bad quote drags the line and inflates its neighbours'
    // residuals, which recover once it is gone.
    if (abs_res.size() <= std::max<std::size_t>(cfg.min_pairs, 2)) break;
    parity_point* worst = nullptr;
    double worst_excess = 0.0;
    for (auto& p : pts) {
      if (!p.used) continue;
      const double r = std::abs(p.diff - df * (fwd - p.strike));
      const double limit = std::max(cfg.outlier_mads * scale, 0.5 * p.spread);
      if (r > limit && r / limit > worst_excess) {
        worst_excess = r / limit;
        worst = &p;
      }
    }
    const bool dropped = worst != nullptr;
    if (dropped) {
      worst->used = false;
      ++out.pairs_rejected;
    }
    if (!dropped) break;
  }
  out.rate = -std::log(out.df) / T;
  fill_residuals(pts, out);
  if (!std::isfinite(out.forward) || !(out.forward > 0)) {
    out.status = forward_status::invalid_input;
    out.reason = "parity regression gave no positive forward";
    return out;
  }
  out.status = forward_status::ok;
  return out;
}

forward_result implied_forward(std::span<const slice_quote> quotes, double T, const forward_config& cfg) {
  const auto pairs = pair_by_strike(quotes);
  return implied_forward(std::span<const strike_pair>(pairs), T, cfg);
}

}  // namespace gd::quant
