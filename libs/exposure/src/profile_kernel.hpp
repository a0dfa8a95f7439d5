#pragma once
// The profile's inner loops, compiled twice (profile_kernel_generic.cpp, and
// profile_kernel_avx2.cpp with -mavx2 -mfma) and picked at run time. Everything here lives in an
// unnamed namespace so the two builds never merge as one inline definition (ODR).
// Branch-free scalar code that the compiler vectorizes across levels.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace gd::exposure::detail {

struct kernel_args {
  std::size_t contracts;
  const double* inv_s;
  const double* shift;
  const double* gex_coef;
  const double* dex_coef;
  std::size_t levels;
  const double* log_price;   // ascending
  double* gex_acc;           // sum of gex_coef * exp(-d1^2/2)          (levels)
  double* cdf_acc;           // sum of dex_coef * N(d1) inside the window (levels)
  double* cdf_step;          // dex_coef added where the window ends (d1 > cut: N = 1) (levels + 1)
  bool with_dex;             // false: GEX only (cdf_acc and cdf_step untouched)
};

// |d1| beyond this: exp(-d1^2/2) < 1e-307 and N(d1) is 0 to 1e-307 or exactly 1.0.
inline constexpr double d1_cut = 37.6;

void profile_kernel_generic(const kernel_args& a) noexcept;
void profile_kernel_avx2(const kernel_args& a) noexcept;

// The log-spaced grid path (see profile.cpp): on levels u_j = u_0 + j h a contract's d1 is the
// arithmetic progression d_j = a + j b (b = h / s), so exp(-d^2/2) follows a two-multiply
// recurrence. Four contracts run side by side, one per lane of a 4-wide vector; every lane is
// re-seeded with exact exps every grid_reseed levels and where its window |d| <= d1_cut starts
// or ends (outside it the lane is 0). Accumulators are lane-interleaved: acc[4 j + lane].
struct grid_args {
  std::size_t contracts;
  const double* a;           // d1 at level 0
  const double* b;           // d1 step per level (> 0)
  const double* gex_coef;
  std::size_t levels;
  double* gex_acc4;          // sum of gex_coef * exp(-d_j^2/2)                         (4 levels)
  double* mid_acc4;          // sum of gex_coef * sum_k w_k exp(-(d_j + t_k b)^2/2) over the
                             // interior Lobatto nodes t_k of [d_j, d_j + b]; null: GEX only
};

// Levels between exact re-seeds of the recurrence (its drift grows as the square of this).
inline constexpr std::size_t grid_reseed = 64;
// 5-point Gauss-Lobatto on [0, 1]: interior nodes 1/2 -+ sqrt(3/7)/2 and 1/2 (weights 49/180,
// 49/180, 64/180); the end points (weight 1/20 each) are the grid levels themselves.
inline constexpr double lobatto_t1 = 0.17267316464601142810;
inline constexpr double lobatto_t2 = 0.5;
inline constexpr double lobatto_t3 = 0.82732683535398857190;
inline constexpr double lobatto_w1 = 49.0 / 180.0;
inline constexpr double lobatto_w2 = 64.0 / 180.0;
inline constexpr double lobatto_end = 1.0 / 20.0;

void grid_kernel_generic(const grid_args& a) noexcept;
void grid_kernel_avx2(const grid_args& a) noexcept;

namespace {

// exp(x) for x in [-708, 0]: x = n ln2 + r, |r| <= ln2/2, 2^n from the exponent bits, e^r by its
// Taylor series to degree 13 (truncation < 4e-18 relative). About 1 ulp.
inline double exp_nonpositive(double x) noexcept {
  constexpr double log2e = 1.4426950408889634074;
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  constexpr double shifter = 6755399441055744.0;   // 1.5 * 2^52: adding it rounds to an integer
  x = std::max(x, -708.0);
  const double kd = x * log2e + shifter;
  const double n = kd - shifter;
  const double r = (x - n * ln2_hi) - n * ln2_lo;
  double p = 1.0 / 6227020800.0;                   // 1/13!
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  // The low bits of kd hold n; n + 1023 in the exponent field is 2^n (n >= -1021 here).
  const std::uint64_t bits = (std::bit_cast<std::uint64_t>(kd) + 1023u) << 52;
  return p * std::bit_cast<double>(bits);
}

// N(-z) for z >= 0 given e = exp(-z^2/2): Hart's (1968) rational approximation for z < 7.07 and
// its continued fraction beyond (as in West, "Better approximations to cumulative normal
// functions", 2005), both as one ratio so there is a single division.
inline double lower_tail(double z, double e) noexcept {
  double num = 3.52624965998911e-02;
  num = num * z + 0.700383064443688;
  num = num * z + 6.37396220353165;
  num = num * z + 33.912866078383;
  num = num * z + 112.079291497871;
  num = num * z + 221.213596169931;
  num = num * z + 220.206867912376;
  double den = 8.83883476483184e-02;
  den = den * z + 1.75566716318264;
  den = den * z + 16.064177579207;
  den = den * z + 86.7807322029461;
  den = den * z + 296.564248779674;
  den = den * z + 637.333633378831;
  den = den * z + 793.826512519948;
  den = den * z + 440.413735824752;
  // z + 1/(z + 2/(z + 3/(z + 4/(z + 0.65)))) = p0 / q0 by the numerator/denominator recurrence.
  const double p4 = z + 0.65;
  const double p3 = z * p4 + 4.0;
  const double p2 = z * p3 + 3.0 * p4;
  const double p1 = z * p2 + 2.0 * p3;
  const double p0 = z * p1 + p2;
  const bool tail = z >= 7.07106781186547;
  const double top = tail ? p1 : num;
  const double bottom = tail ? 2.50662827463100050242 * p0 : den;
  return e * top / bottom;
}

inline void run_kernel(const kernel_args& a) noexcept {
  const double* __restrict u = a.log_price;
  double* __restrict g = a.gex_acc;
  double* __restrict n = a.cdf_acc;
  for (std::size_t i = 0; i < a.contracts; ++i) {
    const double inv_s = a.inv_s[i], shift = a.shift[i], gc = a.gex_coef[i], dc = a.dex_coef[i];
    // Levels where |d1| <= cut: u in [(-cut - shift) s, (cut - shift) s].
    const double s = 1.0 / inv_s;
    const double u_lo = (-d1_cut - shift) * s;
    const double u_hi = (d1_cut - shift) * s;
    const std::size_t j0 = static_cast<std::size_t>(std::lower_bound(u, u + a.levels, u_lo) - u);
    const std::size_t j1 = static_cast<std::size_t>(std::upper_bound(u + j0, u + a.levels, u_hi) - u);
    if (!a.with_dex) {
      for (std::size_t j = j0; j < j1; ++j) {
        const double d1 = u[j] * inv_s + shift;
        g[j] += gc * exp_nonpositive(-0.5 * d1 * d1);
      }
      continue;
    }
    for (std::size_t j = j0; j < j1; ++j) {
      const double d1 = u[j] * inv_s + shift;
      const double e = exp_nonpositive(-0.5 * d1 * d1);
      g[j] += gc * e;
      const double q = lower_tail(std::abs(d1), e);
      n[j] += dc * (d1 > 0.0 ? 1.0 - q : q);
    }
    a.cdf_step[j1] += dc;
  }
}

// ---- The log-spaced grid path -------------------------------------------------------------
// GCC vector extensions, as wide as the build's registers: 4 doubles (one ymm) in the AVX2 build,
// 2 (one xmm) in the portable one. Everything is inlined in this unnamed namespace, so no vector
// crosses a call boundary (what -Wpsabi warns about).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
typedef double v4d __attribute__((vector_size(32)));
typedef double v2d __attribute__((vector_size(16)));
// Unaligned views that may alias doubles.
typedef double v4d_u __attribute__((vector_size(32), aligned(8), may_alias));
typedef double v2d_u __attribute__((vector_size(16), aligned(8), may_alias));

template <class VT>
inline constexpr std::size_t lanes_of = sizeof(VT) / sizeof(double);
template <class VT>
using mask_of = decltype(VT{} < VT{});   // int64 lanes

template <class VT>
inline VT splat(double x) noexcept {
  return VT{} + x;
}
template <class VT>
inline VT load_v(const double* p) noexcept {
  if constexpr (lanes_of<VT> == 4) {
    return *reinterpret_cast<const v4d_u*>(p);
  } else {
    return *reinterpret_cast<const v2d_u*>(p);
  }
}
template <class VT>
inline void store_v(double* p, VT v) noexcept {
  if constexpr (lanes_of<VT> == 4) {
    *reinterpret_cast<v4d_u*>(p) = v;
  } else {
    *reinterpret_cast<v2d_u*>(p) = v;
  }
}

// exp(x) for any x, clamped to [-708, 708]: the scalar exp_nonpositive above, per lane.
template <class VT>
inline VT exp_v(VT x) noexcept {
  using VI = mask_of<VT>;
  constexpr double log2e = 1.4426950408889634074;
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  constexpr double shifter = 6755399441055744.0;
  x = x < -708.0 ? splat<VT>(-708.0) : x;
  x = x > 708.0 ? splat<VT>(708.0) : x;
  const VT kd = x * log2e + shifter;
  const VT n = kd - shifter;
  const VT r = (x - n * ln2_hi) - n * ln2_lo;
  VT p = splat<VT>(1.0 / 6227020800.0);
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  // n in [-1022, 1022]: n + 1023 in the exponent field is 2^n (see exp_nonpositive).
  const VI bits = ((VI)kd + 1023) << 52;
  return p * (VT)bits;
}

// Levels j in [lo, hi) with |a + j b| <= d1_cut (b > 0); an empty range when there is none.
inline void grid_window(double a, double b, std::size_t levels, std::size_t& lo, std::size_t& hi) noexcept {
  const double m = static_cast<double>(levels);
  double l = std::ceil((-d1_cut - a) / b), h = std::floor((d1_cut - a) / b) + 1.0;
  if (!(l < m) || !(h > 0.0) || !(l < h)) {
    lo = hi = 0;
    return;
  }
  l = std::max(l, 0.0);
  h = std::min(h, m);
  lo = static_cast<std::size_t>(l);
  hi = static_cast<std::size_t>(h);
}

// V vectors of VT (W = V * lanes contracts) advance together: the recurrences are chains of
// dependent multiplies, so independent vectors keep the multipliers busy, and the sum of the V
// vectors meets the accumulators once per level (the first `lanes` of the level's 4 slots).
template <class VT, bool WithMid, std::size_t V>
inline void run_grid_kernel_impl(const grid_args& g) noexcept {
  using VI = mask_of<VT>;
  constexpr std::size_t L = lanes_of<VT>;
  constexpr std::size_t W = L * V;
  const std::size_t m = g.levels;
  double* __restrict G = g.gex_acc4;
  double* __restrict M = g.mid_acc4;
  for (std::size_t i0 = 0; i0 < g.contracts; i0 += W) {
    const std::size_t lanes = std::min<std::size_t>(W, g.contracts - i0);
    double av[W], bv[W], cv[W];
    std::size_t ws[W], we[W];
    std::size_t jlo = m, jhi = 0;
    for (std::size_t l = 0; l < W; ++l) {
      av[l] = 0.0, bv[l] = 1.0, cv[l] = 0.0, ws[l] = we[l] = 0;
      if (l >= lanes) continue;
      av[l] = g.a[i0 + l], bv[l] = g.b[i0 + l], cv[l] = g.gex_coef[i0 + l];
      grid_window(av[l], bv[l], m, ws[l], we[l]);
      if (ws[l] < we[l]) jlo = std::min(jlo, ws[l]), jhi = std::max(jhi, we[l]);
    }
    if (jlo >= jhi) continue;
    VT a[V], b[V], gc[V], bb[V], ratio_step[V], s1_step[V], s2_step[V], s3_step[V];
    for (std::size_t v = 0; v < V; ++v) {
      a[v] = load_v<VT>(av + L * v), b[v] = load_v<VT>(bv + L * v), gc[v] = load_v<VT>(cv + L * v);
      bb[v] = b[v] * b[v];
      ratio_step[v] = exp_v(-bb[v]);   // rho_{j+1} / rho_j
      if constexpr (WithMid) {
        s1_step[v] = exp_v(-lobatto_t1 * bb[v]);
        s2_step[v] = exp_v(-lobatto_t2 * bb[v]);
        s3_step[v] = exp_v(-lobatto_t3 * bb[v]);
      }
    }
    std::size_t j = jlo;
    while (j < jhi) {
      // The segment [j, next): no lane's window starts or ends inside it.
      std::size_t next = std::min(jhi, j + grid_reseed);
      std::int64_t inside_l[W];
      for (std::size_t l = 0; l < W; ++l) {
        if (ws[l] > j) next = std::min(next, ws[l]);
        if (we[l] > j) next = std::min(next, we[l]);
        inside_l[l] = ws[l] <= j && j < we[l] ? -1 : 0;
      }
      // Exact seeds at level j: e = exp(-d^2/2), rho = e_{j+1}/e_j = exp(-b d - b^2/2) and the
      // interior nodes' ratios exp(-t b d - t^2 b^2/2) (times their weights).
      VT e[V], rho[V], s1[V], s2[V], s3[V];
      for (std::size_t v = 0; v < V; ++v) {
        VI inside;
        __builtin_memcpy(&inside, inside_l + L * v, sizeof inside);
        const VT d = a[v] + static_cast<double>(j) * b[v];
        const VT bd = b[v] * d;
        e[v] = inside ? exp_v<VT>(-0.5 * d * d) : splat<VT>(0.0);
        rho[v] = exp_v<VT>(-bd - 0.5 * bb[v]);
        if constexpr (WithMid) {
          s1[v] = lobatto_w1 * exp_v<VT>(-lobatto_t1 * bd - (0.5 * lobatto_t1 * lobatto_t1) * bb[v]);
          s2[v] = lobatto_w2 * exp_v<VT>(-lobatto_t2 * bd - (0.5 * lobatto_t2 * lobatto_t2) * bb[v]);
          s3[v] = lobatto_w1 * exp_v<VT>(-lobatto_t3 * bd - (0.5 * lobatto_t3 * lobatto_t3) * bb[v]);
        }
      }
      for (; j < next; ++j) {
        VT tg = splat<VT>(0.0), tm = splat<VT>(0.0);
        for (std::size_t v = 0; v < V; ++v) {
          const VT t = gc[v] * e[v];
          tg += t;
          if constexpr (WithMid) {
            tm += t * ((s1[v] + s3[v]) + s2[v]);
            s1[v] *= s1_step[v];
            s2[v] *= s2_step[v];
            s3[v] *= s3_step[v];
          }
          e[v] *= rho[v];
          rho[v] *= ratio_step[v];
        }
        store_v<VT>(G + 4 * j, load_v<VT>(G + 4 * j) + tg);
        if constexpr (WithMid) store_v<VT>(M + 4 * j, load_v<VT>(M + 4 * j) + tm);
      }
    }
  }
}
#pragma GCC diagnostic pop

// AVX2: 4-wide vectors, two at a time (8 contracts; the state fits the 16 ymm registers).
// Portable: 2-wide SSE2 vectors, two at a time (4 contracts).
template <class VT, std::size_t V>
inline void run_grid_kernel(const grid_args& g) noexcept {
  if (g.mid_acc4) {
    run_grid_kernel_impl<VT, true, V>(g);
  } else {
    run_grid_kernel_impl<VT, false, V>(g);
  }
}

}  // namespace
}  // namespace gd::exposure::detail
