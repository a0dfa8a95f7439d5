#include <gd/quant/svi_fit.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include <Eigen/Dense>

namespace gd::quant {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct fit_point {
  double k, w, weight;
};

// The seven linear constraints rows . (a, d, c) <= bound (see svi_fit.hpp).
constexpr int n_constraints = 7;
constexpr std::array<std::array<double, 3>, n_constraints> constraint_rows{{
    {0, 1, -1},    // d <= c
    {0, -1, -1},   // -d <= c
    {0, 1, 1},     // c + d <= S sigma
    {0, -1, 1},    // c - d <= S sigma
    {-1, 1, -1},   // a + c - d >= 0
    {-1, -1, -1},  // a + c + d >= 0
    {1, 0, 0},     // a <= w_max
}};

// Every active set of 1..3 constraints, singletons first: the first KKT point found is optimal.
struct active_sets {
  std::vector<std::array<int, 3>> sets;
  std::vector<int> sizes;
  active_sets() {
    for (int i = 0; i < n_constraints; ++i) add({i, 0, 0}, 1);
    for (int i = 0; i < n_constraints; ++i)
      for (int j = i + 1; j < n_constraints; ++j) add({i, j, 0}, 2);
    for (int i = 0; i < n_constraints; ++i)
      for (int j = i + 1; j < n_constraints; ++j)
        for (int l = j + 1; l < n_constraints; ++l) add({i, j, l}, 3);
  }
  void add(std::array<int, 3> s, int n) {
    sets.push_back(s);
    sizes.push_back(n);
  }
};

const active_sets& all_active_sets() {
  static const active_sets sets;
  return sets;
}

// min_x x'Mx - 2v'x + s0 subject to the constraints, for one (m, sigma).
class inner_solver {
 public:
  inner_solver(const std::vector<fit_point>& pts, double w_max, double max_slope)
      : pts_(pts), w_max_(w_max), max_slope_(max_slope) {}

  double solve(double m, double s, Eigen::Vector3d& x) {
    ++evaluations_;
    Eigen::Matrix3d M = Eigen::Matrix3d::Zero();
    Eigen::Vector3d v = Eigen::Vector3d::Zero();
    double s0 = 0.0;
    const double inv_s = 1.0 / s;
    // Accumulate the upper triangle of the normal matrix directly: this loop is the fit's cost.
    double m01 = 0, m02 = 0, m11 = 0, m12 = 0, m22 = 0, m00 = 0, v0 = 0, v1 = 0, v2 = 0;
    for (const auto& p : pts_) {
      const double y = (p.k - m) * inv_s;
      const double z = std::sqrt(y * y + 1.0);
      const double ww = p.weight, wy = ww * y, wz = ww * z;
      m00 += ww;
      m01 += wy;
      m02 += wz;
      m11 += wy * y;
      m12 += wy * z;
      m22 += wz * z;
      v0 += ww * p.w;
      v1 += wy * p.w;
      v2 += wz * p.w;
      s0 += ww * p.w * p.w;
    }
    M << m00, m01, m02, m01, m11, m12, m02, m12, m22;
    v << v0, v1, v2;
    bounds_ = {0.0, 0.0, max_slope_ * s, max_slope_ * s, 0.0, 0.0, w_max_};
    tol_ = 1e-10 * std::max({w_max_, max_slope_ * s, 1e-300});

    // A ridge keeps M invertible when the points cannot separate the three basis functions.
    Eigen::Matrix3d Minv;
    bool invertible = false;
    M.computeInverseWithCheck(Minv, invertible, 0.0);
    if (!invertible || !Minv.allFinite()) {
      M.diagonal().array() += 1e-12 * M.trace() + 1e-300;
      Minv = M.inverse();
    }
    const Eigen::Vector3d xu = Minv * v;
    if (feasible(xu)) {
      x = xu;
    } else {
      x = constrained(M, Minv, v, s0, xu);
    }
    return x.dot(M * x) - 2.0 * v.dot(x) + s0;
  }

  int evaluations() const { return evaluations_; }

 private:
  bool feasible(const Eigen::Vector3d& x) const {
    for (int i = 0; i < n_constraints; ++i) {
      const auto& r = constraint_rows[static_cast<std::size_t>(i)];
      if (r[0] * x[0] + r[1] * x[1] + r[2] * x[2] > bounds_[static_cast<std::size_t>(i)] + tol_) return false;
    }
    return true;
  }

  template <int N>
  bool try_set(const std::array<int, 3>& set, const Eigen::Matrix3d& Minv, const Eigen::Vector3d& xu,
               Eigen::Vector3d& x, bool& kkt) const {
    Eigen::Matrix<double, N, 3> E;
    Eigen::Matrix<double, N, 1> e;
    for (int i = 0; i < N; ++i) {
      const auto row = static_cast<std::size_t>(set[static_cast<std::size_t>(i)]);
      E.row(i) << constraint_rows[row][0], constraint_rows[row][1], constraint_rows[row][2];
      e[i] = bounds_[row];
    }
    const Eigen::Matrix<double, 3, N> P = Minv * E.transpose();
    const Eigen::Matrix<double, N, N> G = E * P;
    Eigen::Matrix<double, N, N> Ginv;
    bool ok = false;
    if constexpr (N == 1) {
      ok = std::abs(G(0, 0)) > 1e-300;
      if (ok) Ginv(0, 0) = 1.0 / G(0, 0);
    } else {
      G.computeInverseWithCheck(Ginv, ok, 1e-14 * G.cwiseAbs().maxCoeff());
    }
    if (!ok) return false;
    // Multipliers (halved) of the active constraints; all >= 0 at the optimum.
    const Eigen::Matrix<double, N, 1> mu = Ginv * (E * xu - e);
    x = xu - P * mu;
    if (!x.allFinite() || !feasible(x)) return false;
    kkt = (mu.array() >= -1e-12 * (1.0 + mu.cwiseAbs().maxCoeff())).all();
    return true;
  }

  Eigen::Vector3d constrained(const Eigen::Matrix3d& M, const Eigen::Matrix3d& Minv, const Eigen::Vector3d& v,
                              double s0, const Eigen::Vector3d& xu) const {
    const auto& sets = all_active_sets();
    Eigen::Vector3d best = Eigen::Vector3d::Zero();  // (0, 0, 0) is always feasible
    double best_f = s0;
    for (std::size_t i = 0; i < sets.sets.size(); ++i) {
      Eigen::Vector3d x;
      bool kkt = false;
      const int n = sets.sizes[i];
      const bool found = n == 1   ? try_set<1>(sets.sets[i], Minv, xu, x, kkt)
                         : n == 2 ? try_set<2>(sets.sets[i], Minv, xu, x, kkt)
                                  : try_set<3>(sets.sets[i], Minv, xu, x, kkt);
      if (!found) continue;
      if (kkt) return x;  // strictly convex: the KKT point is the optimum
      // Degenerate vertices can hide the KKT multipliers: keep the best feasible candidate too.
      const double f = x.dot(M * x) - 2.0 * v.dot(x) + s0;
      if (f < best_f) {
        best_f = f;
        best = x;
      }
    }
    return best;
  }

  const std::vector<fit_point>& pts_;
  double w_max_;
  double max_slope_;
  std::array<double, n_constraints> bounds_{};
  double tol_ = 0.0;
  int evaluations_ = 0;
};

struct search_box {
  double m_lo, m_hi, u_lo, u_hi;  // u = ln sigma
  double clamp_m(double m) const { return std::clamp(m, m_lo, m_hi); }
  double clamp_u(double u) const { return std::clamp(u, u_lo, u_hi); }
};

struct vertex {
  double m, u, f;
};

// Nelder-Mead in (m, ln sigma), vertices kept inside the box.
template <class F>
vertex nelder_mead(F&& f, vertex start, const search_box& box, double step_m, double step_u, int max_iter,
                   double tol, double range) {
  auto make = [&](double m, double u) {
    m = box.clamp_m(m);
    u = box.clamp_u(u);
    return vertex{m, u, f(m, u)};
  };
  std::array<vertex, 3> s{start, make(start.m + step_m, start.u), make(start.m, start.u + step_u)};
  if (s[1].m == start.m) s[1] = make(start.m - step_m, start.u);
  if (s[2].u == start.u) s[2] = make(start.m, start.u - step_u);
  for (int it = 0; it < max_iter; ++it) {
    std::sort(s.begin(), s.end(), [](const vertex& a, const vertex& b) { return a.f < b.f; });
    const double size = (std::abs(s[1].m - s[0].m) + std::abs(s[2].m - s[0].m)) / range +
                        std::abs(s[1].u - s[0].u) + std::abs(s[2].u - s[0].u);
    if (size < tol) break;
    const double cm = 0.5 * (s[0].m + s[1].m), cu = 0.5 * (s[0].u + s[1].u);
    const vertex r = make(cm + (cm - s[2].m), cu + (cu - s[2].u));
    if (r.f < s[0].f) {
      const vertex e = make(cm + 2.0 * (cm - s[2].m), cu + 2.0 * (cu - s[2].u));
      s[2] = e.f < r.f ? e : r;
    } else if (r.f < s[1].f) {
      s[2] = r;
    } else {
      const bool outside = r.f < s[2].f;
      const vertex c = outside ? make(cm + 0.5 * (r.m - cm), cu + 0.5 * (r.u - cu))
                               : make(cm + 0.5 * (s[2].m - cm), cu + 0.5 * (s[2].u - cu));
      if (c.f < std::min(r.f, s[2].f)) {
        s[2] = c;
      } else {
        s[1] = make(s[0].m + 0.5 * (s[1].m - s[0].m), s[0].u + 0.5 * (s[1].u - s[0].u));
        s[2] = make(s[0].m + 0.5 * (s[2].m - s[0].m), s[0].u + 0.5 * (s[2].u - s[0].u));
      }
    }
  }
  return *std::min_element(s.begin(), s.end(), [](const vertex& a, const vertex& b) { return a.f < b.f; });
}

double slope_of(const std::vector<fit_point>& sorted, std::size_t from, std::size_t to) {
  double sk = 0, sw = 0, n = 0;
  for (std::size_t i = from; i < to; ++i) {
    sk += sorted[i].k;
    sw += sorted[i].w;
    n += 1;
  }
  const double kb = sk / n, wb = sw / n;
  double skk = 0, skw = 0;
  for (std::size_t i = from; i < to; ++i) {
    skk += (sorted[i].k - kb) * (sorted[i].k - kb);
    skw += (sorted[i].k - kb) * (sorted[i].w - wb);
  }
  return skk > 0 ? skw / skk : std::numeric_limits<double>::quiet_NaN();
}

// A start from the data's shape: wing slopes give b and rho, a quadratic fit's curvature gives
// sigma (w''(m) = b / sigma) and its vertex gives m (SVI's minimum sits at m - rho sigma / sqrt(1 - rho^2)).
bool shape_guess(std::vector<fit_point> pts, double& m, double& sigma) {
  std::sort(pts.begin(), pts.end(), [](const fit_point& a, const fit_point& b) { return a.k < b.k; });
  const std::size_t n = pts.size(), third = std::max<std::size_t>(2, n / 3);
  if (n < 6) return false;
  const double sl = slope_of(pts, 0, third), sr = slope_of(pts, n - third, n);
  if (!(sr > sl)) return false;
  const double b = 0.5 * (sr - sl);
  const double rho = std::clamp((sr + sl) / (sr - sl), -0.99, 0.99);
  Eigen::Matrix3d A = Eigen::Matrix3d::Zero();
  Eigen::Vector3d y = Eigen::Vector3d::Zero();
  for (const auto& p : pts) {
    const Eigen::Vector3d f(1.0, p.k, p.k * p.k);
    A += p.weight * f * f.transpose();
    y += p.weight * p.w * f;
  }
  const Eigen::Vector3d q = A.ldlt().solve(y);
  if (!q.allFinite() || !(q[2] > 0)) return false;
  sigma = b / (2.0 * q[2]);
  m = -q[1] / (2.0 * q[2]) + rho * sigma / std::sqrt(1.0 - rho * rho);
  return std::isfinite(m) && sigma > 0;
}

}  // namespace

svi_fit_result fit_svi(std::span<const double> k, std::span<const double> w, std::span<const double> weight,
                       double T, const svi_fit_config& cfg) {
  svi_fit_result out;
  std::vector<fit_point> pts;
  const std::size_t n = std::min({k.size(), w.size(), weight.size()});
  pts.reserve(n);
  double k_min = inf, k_max = -inf, w_max = 0.0, weight_max = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(k[i]) || !std::isfinite(w[i]) || !(weight[i] > 0) || !std::isfinite(weight[i]) || !(w[i] > 0))
      continue;
    pts.push_back(fit_point{k[i], w[i], weight[i]});
    k_min = std::min(k_min, k[i]);
    k_max = std::max(k_max, k[i]);
    w_max = std::max(w_max, w[i]);
    weight_max = std::max(weight_max, weight[i]);
  }
  out.points = pts.size();
  if (pts.size() < cfg.min_points) {
    out.reason = "only " + std::to_string(pts.size()) + " usable points (need " + std::to_string(cfg.min_points) + ")";
    return out;
  }
  const double range = k_max - k_min;
  if (!(range > 0) || !(T > 0)) {
    out.reason = !(T > 0) ? "time to expiry must be positive" : "all points have the same log-moneyness";
    return out;
  }
  for (auto& p : pts) p.weight /= weight_max;  // scale-free objective

  const search_box box{k_min - cfg.m_margin * range, k_max + cfg.m_margin * range,
                       std::log(std::max(cfg.sigma_floor, cfg.sigma_min_range * range)),
                       std::log(std::max(cfg.sigma_floor * 2.0, cfg.sigma_max_range * range))};
  inner_solver inner(pts, w_max, cfg.max_wing_slope);
  Eigen::Vector3d x;
  auto objective = [&](double m, double u) { return inner.solve(m, std::exp(u), x); };

  // Starts: the coarse grid and the shape guess; keep the two best for Nelder-Mead.
  std::vector<vertex> starts;
  const int gm = std::max(2, cfg.grid_m), gs = std::max(2, cfg.grid_sigma);
  for (int i = 0; i < gm; ++i) {
    const double m = k_min + range * i / (gm - 1);
    for (int j = 0; j < gs; ++j) {
      const double u = box.u_lo + (box.u_hi - box.u_lo) * j / (gs - 1);
      starts.push_back(vertex{m, u, objective(m, u)});
    }
  }
  double m0 = 0, s0 = 0;
  if (shape_guess(pts, m0, s0)) {
    const double m = box.clamp_m(m0), u = box.clamp_u(std::log(s0));
    starts.push_back(vertex{m, u, objective(m, u)});
  }
  std::partial_sort(starts.begin(), starts.begin() + 2, starts.end(),
                    [](const vertex& a, const vertex& b) { return a.f < b.f; });
  vertex best{0, 0, inf};
  for (int i = 0; i < 2; ++i) {
    const vertex v = nelder_mead(objective, starts[static_cast<std::size_t>(i)], box, 0.1 * range, 0.5,
                                 cfg.max_iterations, cfg.tolerance, range);
    if (v.f < best.f) best = v;
  }

  // Recover (a, d, c) at the optimum and map back to raw parameters.
  const double sigma = std::exp(best.u);
  out.objective = inner.solve(best.m, sigma, x);
  const double a = x[0], d = x[1], c = x[2];
  out.params = svi_params{a, c / sigma, c > 0 ? std::clamp(d / c, -1.0, 1.0) : 0.0, best.m, sigma};
  out.evaluations = inner.evaluations();

  double ss = 0, mx = 0;
  for (const auto& p : pts) {
    const double e = svi_implied_vol(out.params, p.k, T) - std::sqrt(p.w / T);
    ss += e * e;
    mx = std::max(mx, std::abs(e));
  }
  out.rmse_vol_points = 100.0 * std::sqrt(ss / static_cast<double>(pts.size()));
  out.max_abs_vol_error_points = 100.0 * mx;
  out.ok = std::isfinite(out.objective) && std::isfinite(out.rmse_vol_points);
  if (!out.ok) out.reason = "fit did not converge to finite parameters";
  return out;
}

}  // namespace gd::quant
