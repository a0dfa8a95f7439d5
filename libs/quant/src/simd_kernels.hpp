// The SIMD batch kernels (implied vol and Black-76 greeks), written once on the vector types of
// simd_math.hpp and compiled per ISA by simd_base.cpp and simd_avx2.cpp, which define
// GD_SIMD_W, GD_SIMD_ISA and GD_SIMD_TABLE before including this file. Private to libs/quant.
//
// Every lane is computed from its own inputs only (lanes that finish early are frozen, padding
// lanes repeat the last element), so a result does not depend on its neighbours or on the ISA:
// the scalar implied_vol_black76 (a batch of one) and the batch give the same bits.
#include "simd_math.hpp"
#include "simd_dispatch.hpp"

#ifndef GD_COUNT_ITER  // instrumentation hooks for experiments; empty in the library
#define GD_COUNT_ITER
#define GD_COUNT_GUESS
#endif

namespace gd::quant::simd {
namespace {

constexpr double inv_sqrt_2 = 0.707106781186547524400844362105;
constexpr double inv_sqrt_pi = 0.564189583547756286948079451561;
constexpr double inv_sqrt_2pi = 0.398942280401432677939946059934;
constexpr double sqrt_2pi = 2.50662827463100050241576528481;

// Lanes i .. i+W-1 of p; past n the last element is repeated (a valid input, result unused).
GD_INLINE vd load(const double* p, std::size_t i, std::size_t n) {
  vd v;
  for (int j = 0; j < W; ++j) set_lane(v, j, p[i + j < n ? i + j : n - 1]);
  return v;
}
GD_INLINE void store(double* p, std::size_t i, std::size_t n, vd v) {
  for (int j = 0; j < W && i + j < n; ++j) p[i + j] = lane(v, j);
}

// ---------------------------------------------------------------------------------------------
// Implied volatility (the algorithm of normalised_implied_vol.cpp, lane-parallel).

// b(x, s) = G * S in the small-t region (t = s/2 < 0.2, h + t > -10, h = x/s <= 0), with the
// Gaussian factor G = exp(g_arg) * (1 - g_corr) and S = -sum_{k odd} Y_k(z) w^k / k!, Y_k the
// derivatives of erfcx at z = -h/sqrt2 (see normalised_black.cpp, small_t_region). S > 0.
struct small_t_value {
  vd g_arg, g_corr, S;
  vl valid;  // inside the region where this evaluation is accurate
};

GD_INLINE small_t_value small_t(vd x, vd s) {
  const vd inv_s = 1.0 / s;
  const vd h = x * inv_s;
  const vd t = 0.5 * s;
  // exp(-(h^2 + t^2)/2) to a few ulps: the rounding of x/s, h*h and t*t is carried exactly.
  const vd p_hs = h * s;
  const vd h_err = ((x - p_hs) - prod_err(h, s, p_hs)) * inv_s;  // x/s = h + h_err
  const vd hh = h * h, tt = t * t;
  const vd corr = prod_err(h, h, hh) + 2.0 * h * h_err + prod_err(t, t, tt);
  small_t_value r;
  r.g_arg = -0.5 * (hh + tt);
  r.g_corr = 0.5 * corr;
  const vd z = -h * inv_sqrt_2;
  const vd w = t * inv_sqrt_2;
  const vd z2 = z + z;
  vd y_prev = verfcx(z);                      // Y_0
  vd y = z2 * y_prev - 2.0 * inv_sqrt_pi;     // Y_1
  const vd w2 = w * w;
  vd sum = {};
  vd wk = w;  // w^k / k!
  for (int k = 1; k <= 17; k += 2) {
    sum = sum + y * wk;
    const vd y_next = z2 * y + (2.0 * k) * y_prev;          // Y_{k+1}
    const vd y_next2 = z2 * y_next + (2.0 * (k + 1)) * y;   // Y_{k+2}
    y_prev = y_next;
    y = y_next2;
    wk = wk * (w2 * (1.0 / ((k + 1.0) * (k + 2.0))));
  }
  r.S = -sum;
  r.valid = (t < 0.2) & (h + t > -10.0) & (r.S > 0.0);
  return r;
}

// b''/b' and b'''/b' in s (ln b' = -x^2/(2 s^2) - s^2/8 + const).
GD_INLINE void vega_shape(vd x, vd s, vd& d2, vd& d3) {
  const vd s2 = s * s;
  const vd xx_s3 = x * x / (s2 * s);
  const vd a = xx_s3 - 0.25 * s;
  d2 = a;
  d3 = a * a - 3.0 * xx_s3 / s - 0.25;
}

// Householder(3) step from nu = -f/f', h2 = f''/f', h3 = f'''/f'; the Newton step where the
// rational correction turns the step around or blows it up.
GD_INLINE vd householder3(vd nu, vd h2, vd h3) {
  const vd step = nu * (1.0 + 0.5 * h2 * nu) / (1.0 + nu * (h2 + h3 * nu * (1.0 / 6.0)));
  const vl good = (step * nu > 0.0) & (vabs(step) < 2.0 * vabs(nu));
  return select(good, step, nu);
}

constexpr double converged_step = 2e-5;  // as normalised_implied_vol.cpp
constexpr int max_iterations = 12;

// Lower branch objective 1/ln b(s) - 1/ln beta; ln b = g_arg - g_corr + ln S needs no exp.
GD_INLINE vd lower_step(vd x, vd s, vd inv_ln_beta, vl& valid) {
  const small_t_value v = small_t(x, s);
  valid = v.valid;
  const vd ln_b = v.g_arg - v.g_corr + vlog(v.S);
  const vd r1 = inv_sqrt_2pi / v.S;  // (ln b)' = b'/b
  const vd inv_r1 = sqrt_2pi * v.S;
  vd d2, d3;
  vega_shape(x, s, d2, d3);
  const vd r2 = r1 * d2 - r1 * r1;                                  // (ln b)''
  const vd r3_r1 = d3 - 3.0 * d2 * r1 + 2.0 * r1 * r1;             // (ln b)''' / r1
  const vd inv_l = 1.0 / ln_b;
  const vd f = inv_l - inv_ln_beta;
  // f' = -r1/l^2, f'' = (-r2 + 2 r1^2/l)/l^2, f''' = (-r3 + 6 r1 r2/l - 6 r1^3/l^2)/l^2.
  const vd nu = f * ln_b * ln_b * inv_r1;
  const vd h2 = (d2 - r1) - 2.0 * r1 * inv_l;
  const vd h3 = r3_r1 - 6.0 * r2 * inv_l + 6.0 * r1 * r1 * inv_l * inv_l;
  return householder3(nu, h2, h3);
}

// Middle objective b(s) - beta.
GD_INLINE vd middle_step(vd x, vd s, vd beta, vl& valid) {
  const small_t_value v = small_t(x, s);
  valid = v.valid;
  const vd g = vexp(v.g_arg) * (1.0 - v.g_corr);
  const vd b = g * v.S;
  const vd nu = (beta - b) * sqrt_2pi / g;  // (beta - b) / b'
  vd d2, d3;
  vega_shape(x, s, d2, d3);
  return householder3(nu, d2, d3);
}

struct lower_objective {
  vd x, inv_ln_beta;
  GD_INLINE vd operator()(vd s, vl& valid) const { return lower_step(x, s, inv_ln_beta, valid); }
};
struct middle_objective {
  vd x, beta;
  GD_INLINE vd operator()(vd s, vl& valid) const { return middle_step(x, s, beta, valid); }
};

// The safeguarded iteration of normalised_implied_vol_otm, per lane: a lane stops (and is
// frozen) when its step is below converged_step * s; a step that leaves the bracket is a
// bisection. ok = converged with the last evaluation inside the accurate region.
template <class Step>
GD_INLINE void iterate(vd s, vd lo, vd hi, Step step, vd& result, vl& ok) {
  vl active = s == s;  // all lanes
  ok = s != s;         // none
  result = s;
  for (int i = 0; i < max_iterations && any(active); ++i) {
    GD_COUNT_ITER;
    vl valid;
    const vd ds = step(s, valid);
    const vl done = active & (vabs(ds) <= converged_step * s);
    result = select(done, s + ds, result);
    ok = select(done, valid, ok);
    const vd next0 = s + ds;
    lo = select(active & (ds > 0.0), s, lo);
    hi = select(active & (ds < 0.0), s, hi);
    const vl inside = (next0 > lo) & (next0 < hi);
    const vl hi_finite = hi < __builtin_inf();
    const vd next = select(inside, next0, select(hi_finite, 0.5 * (lo + hi), 2.0 * s));
    active = active & ~done;
    s = select(active, next, s);
  }
  ok = ok & (result > 0.0) & (result < __builtin_inf());
}

// Start for the lower branch: one Newton step in ln s (or in 1/s^2 far out) on the model
// ln b ~ -x^2/(2 s^2) - s^2/8 + 3 ln s - ln(x^2 + s^2) - ln sqrt(2 pi) (normalised_implied_vol.cpp)
// from its leading-order lower bound. The scalar solver iterates this to |du| < 1e-3; here one
// step and a third Householder iteration where needed are cheaper (measured on the SPX grid:
// 2.5 iterations per vector from one step, 2.3 from two, 3.4 from none).
GD_INLINE vd lower_guess(vd ln_beta, vd x, vd s_hi) {
  GD_COUNT_GUESS;
  const vd xx = x * x;
  const vd s = vabs(x) / vsqrt(-2.0 * ln_beta);  // x^2/(2 s^2) = -ln beta: below the root
  const vd ss = s * s;
  const vd inv_ss = 1.0 / ss;
  const vd m = -0.5 * xx * inv_ss - 0.125 * ss + 3.0 * vlog(s) - vlog(xx + ss) -
               0.918938533204672742;
  const vd dm = xx * inv_ss - 0.25 * ss + 3.0 - 2.0 * ss / (xx + ss);  // dm / d ln s
  const vd du = (ln_beta - m) / dm;
  vd next = s * vexp(du);
  // Far out m is nearly linear in 1/s^2: Newton in that variable takes longer strides.
  const vd v = (1.0 - 2.0 * du) * inv_ss;
  next = select((xx > 4.0 * ss) & (v > 0.0), 1.0 / vsqrt(v), next);
  next = select(next > s, next, s);
  return select(next < s_hi, next, s_hi);
}

void iv_prepare(std::size_t n, const double* F_in, const double* K_in, const double* df_in,
                const double* tv_in, const double* T_in, double* x_out, double* beta_out,
                double* b_max_out, double* b_c_out, double* inv_sqrt_t_out) {
  for (std::size_t i = 0; i < n; i += W) {
    const vd F = load(F_in, i, n), K = load(K_in, i, n), df = load(df_in, i, n);
    const vd x = -vabs(vlog(F / K));
    const vd beta = load(tv_in, i, n) / (df * vsqrt(F) * vsqrt(K));
    const vd b_max = vexp(0.5 * x);
    const vd s_c = vsqrt(-2.0 * x);
    // At s_c: h = -t, so b_c = e^(x/2)/2 - e^(-x/2) N(-s_c).
    const vd b_c = 0.5 * b_max - vnorm_cdf(-s_c) / b_max;
    store(x_out, i, n, x);
    store(beta_out, i, n, beta);
    store(b_max_out, i, n, b_max);
    store(b_c_out, i, n, b_c);
    store(inv_sqrt_t_out, i, n, 1.0 / vsqrt(load(T_in, i, n)));
  }
}

void iv_solve_lower(std::size_t n, const double* x_in, const double* beta_in, const double* b_c_in,
                    double* s_out, std::uint8_t* ok_out) {
  for (std::size_t i = 0; i < n; i += W) {
    const vd x = load(x_in, i, n), beta = load(beta_in, i, n), b_c = load(b_c_in, i, n);
    const vd s_c = vsqrt(-2.0 * x);
    const vd v_c = inv_sqrt_2pi * vexp(0.5 * x);
    // b is convex below s_c: its tangent at s_c meets beta beyond the root.
    const vd tangent = s_c - (b_c - beta) / v_c;
    const vd hi = select((tangent > 0.0) & (tangent < s_c), tangent, s_c);
    const vd ln_beta = vlog(beta);
    vd s = lower_guess(ln_beta, x, hi);
    s = select((s > 0.0) & (s < hi), s, 0.5 * hi);
    const vd inv_ln_beta = 1.0 / ln_beta;
    vd result;
    vl ok;
    iterate(s, vd{}, hi, lower_objective{x, inv_ln_beta}, result, ok);
    store(s_out, i, n, result);
    for (int j = 0; j < W && i + j < n; ++j) ok_out[i + j] = lane(ok, j) ? 1 : 0;
  }
}

void iv_solve_middle(std::size_t n, const double* x_in, const double* beta_in, const double* s0_in,
                     const double* lo_in, double* s_out, std::uint8_t* ok_out) {
  for (std::size_t i = 0; i < n; i += W) {
    const vd x = load(x_in, i, n), beta = load(beta_in, i, n);
    vd result;
    vl ok;
    iterate(load(s0_in, i, n), load(lo_in, i, n), splat(__builtin_inf()), middle_objective{x, beta},
            result, ok);
    store(s_out, i, n, result);
    for (int j = 0; j < W && i + j < n; ++j) ok_out[i + j] = lane(ok, j) ? 1 : 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Black-76 greeks: black_kernel.hpp's formulas with one exp (the density, shared by both normal
// tails through exp(-d2^2/2) = exp(-d1^2/2) F/K) and one erfcx per tail.

void black76_greeks(std::size_t n, const double* F_in, const double* K_in, const double* T_in,
                    const double* sigma_in, const double* df_in, const double* rate_in,
                    const std::uint8_t* is_call, double* const* out) {
  for (std::size_t i = 0; i < n; i += W) {
    const vd F = load(F_in, i, n), K = load(K_in, i, n), T = load(T_in, i, n);
    const vd sigma = load(sigma_in, i, n), df = load(df_in, i, n);
    vd w;
    for (int j = 0; j < W; ++j) set_lane(w, j, is_call[i + j < n ? i + j : n - 1] ? 1.0 : -1.0);
    const vd inv_t = 1.0 / T;
    const vd rate = rate_in ? load(rate_in, i, n)
                            : select(T > 0.0, -vlog(df) * inv_t, vd{});
    const vd sqrt_t = vsqrt(T);
    const vd s = sigma * sqrt_t;
    // Reciprocals once, products after: 1/sigma = sqrt(T)/s, 1/sqrt(T) = sqrt(T)/T.
    const vd inv_s = 1.0 / s;
    const vd inv_sigma = sqrt_t * inv_s;
    const vd inv_sqrt_t = sqrt_t * inv_t;
    const vd inv_F = 1.0 / F;
    const vd ratio = F / K;
    const vd x = vlog(ratio);
    const vd d1 = x * inv_s + 0.5 * s;
    const vd d2 = d1 - s;
    const vd dd = d1 * d1;
    const vd g1 = vexp(-0.5 * dd) * (1.0 - 0.5 * prod_err(d1, d1, dd));  // exp(-d1^2/2)
    const vd g2 = g1 * ratio;                                              // exp(-d2^2/2)
    const vd tail1 = 0.5 * g1 * verfcx(vabs(d1) * inv_sqrt_2);   // N(-|d1|)
    const vd tail2 = 0.5 * g2 * verfcx(vabs(d2) * inv_sqrt_2);
    const vd nd1 = select(w * d1 < 0.0, tail1, 1.0 - tail1);     // N(w d1)
    const vd nd2 = select(w * d2 < 0.0, tail2, 1.0 - tail2);
    const vd pdf = inv_sqrt_2pi * g1;
    const vd df_pdf = df * pdf;
    const vd price = df * w * (F * nd1 - K * nd2);
    const vd delta = df * w * nd1;
    const vd gamma = df_pdf * inv_F * inv_s;
    const vd vega = df_pdf * F * sqrt_t;
    const vd theta = rate * price - df_pdf * F * sigma * (0.5 * inv_sqrt_t);
    const vd rho = -T * price;
    const vd vanna = -df_pdf * d2 * inv_sigma;
    const vd charm = rate * delta + df_pdf * d2 * (0.5 * inv_t);
    const vd vomma = vega * d1 * d2 * inv_sigma;
    const vd speed = -gamma * inv_F * (d1 * inv_s + 1.0);
    const vd dual_delta = -df * w * nd2;
    const vd v[11] = {price, delta, gamma, vega, theta, rho, vanna, charm, vomma, speed, dual_delta};
    for (int k = 0; k < 11; ++k)
      if (out[k]) store(out[k], i, n, v[k]);
  }
}

}  // namespace
}  // namespace gd::quant::simd

namespace gd::quant::detail {

const simd_kernels& GD_SIMD_TABLE() noexcept {
  static constexpr simd_kernels k{GD_SIMD_ISA, &simd::iv_prepare, &simd::iv_solve_lower,
                                  &simd::iv_solve_middle, &simd::black76_greeks};
  return k;
}

}  // namespace gd::quant::detail
