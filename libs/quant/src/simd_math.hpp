// Branch-free double-precision math on GCC vector extensions, for the batch kernels. Private to
// libs/quant; included by the SIMD translation units only (simd_*.cpp), each of which defines
// GD_SIMD_W (lanes per vd) and GD_SIMD_NATIVE (lanes per register: 2 for the SSE2 baseline,
// 4 for AVX2+FMA) and, for AVX2, sets the target pragma before including this file. Everything
// here has internal linkage, so the builds never meet at link time (no ODR clash between
// differently targeted copies).
//
// Floating-point contraction must be off in every includer (`#pragma GCC optimize
// ("fp-contract=off")`): the compensated products below rely on each a*b being rounded on its
// own. With contraction off and fma used only for exact error terms (hardware fma with FMA,
// Dekker's product otherwise, which are bit-identical), both builds give the same bits.
//
// Accuracy (measured offline against mpmath at 40 digits on 20,000 points per function; the
// implied-vol and greeks tests check what it feeds): exp and log within 1 ulp (log 2 ulps),
// erfcx within 5 ulps on [0, inf) (the Clenshaw sum near u = -1, y < 0.05) and 2 ulps beyond;
// norm_cdf a few ulps relative.
#ifndef GD_SIMD_W
#error "define GD_SIMD_W before including simd_math.hpp"
#endif

namespace gd::quant::simd {
namespace {

// vd is GD_SIMD_W lanes held in U = W/N registers of the ISA's N lanes (GD_SIMD_NATIVE). Each
// operation is applied register by register, so the U independent dependency chains of every
// long recurrence (Clenshaw, Horner, the series) interleave in the instruction stream: a single
// register's chain alone leaves the FP pipes waiting on latency most of the time.
#define GD_INLINE inline __attribute__((always_inline))

constexpr int W = GD_SIMD_W;
constexpr int N = GD_SIMD_NATIVE;
constexpr int U = W / N;
static_assert(U * N == W, "GD_SIMD_W must be a multiple of GD_SIMD_NATIVE");
typedef double nd __attribute__((vector_size(8 * GD_SIMD_NATIVE)));
typedef long long nl __attribute__((vector_size(8 * GD_SIMD_NATIVE)));

struct vd { nd p[U]; };
struct vl { nl p[U]; };  // lane masks (-1 true, 0 false) and 64-bit integers

#define GD_EACH for (int u = 0; u < U; ++u)
#define GD_VD_OP(op)                                                                     \
  GD_INLINE vd operator op(vd a, const vd& b) { GD_EACH a.p[u] = a.p[u] op b.p[u]; return a; } \
  GD_INLINE vd operator op(vd a, double b) { GD_EACH a.p[u] = a.p[u] op b; return a; }         \
  GD_INLINE vd operator op(double a, vd b) { GD_EACH b.p[u] = a op b.p[u]; return b; }
GD_VD_OP(+)
GD_VD_OP(-)
GD_VD_OP(*)
GD_VD_OP(/)
#undef GD_VD_OP
GD_INLINE vd operator-(vd a) { GD_EACH a.p[u] = -a.p[u]; return a; }
#define GD_CMP_OP(op)                                                                            \
  GD_INLINE vl operator op(const vd& a, const vd& b) { vl r; GD_EACH r.p[u] = a.p[u] op b.p[u]; return r; } \
  GD_INLINE vl operator op(const vd& a, double b) { vl r; GD_EACH r.p[u] = a.p[u] op b; return r; }
GD_CMP_OP(<)
GD_CMP_OP(>)
GD_CMP_OP(<=)
GD_CMP_OP(>=)
GD_CMP_OP(==)
GD_CMP_OP(!=)
#undef GD_CMP_OP
#define GD_VL_OP(op)                                                                     \
  GD_INLINE vl operator op(vl a, const vl& b) { GD_EACH a.p[u] = a.p[u] op b.p[u]; return a; } \
  GD_INLINE vl operator op(vl a, long long b) { GD_EACH a.p[u] = a.p[u] op b; return a; }
GD_VL_OP(&)
GD_VL_OP(|)
GD_VL_OP(+)
GD_VL_OP(-)
#undef GD_VL_OP
GD_INLINE vl operator~(vl a) { GD_EACH a.p[u] = ~a.p[u]; return a; }
GD_INLINE vl operator>>(vl a, int k) { GD_EACH a.p[u] = a.p[u] >> k; return a; }
GD_INLINE vl operator<<(vl a, int k) { GD_EACH a.p[u] = a.p[u] << k; return a; }

GD_INLINE vl as_bits(const vd& a) { vl r; GD_EACH r.p[u] = (nl)a.p[u]; return r; }
GD_INLINE vd as_double(const vl& a) { vd r; GD_EACH r.p[u] = (nd)a.p[u]; return r; }
GD_INLINE double lane(const vd& a, int j) { return a.p[j / N][j % N]; }
GD_INLINE long long lane(const vl& a, int j) { return a.p[j / N][j % N]; }
GD_INLINE void set_lane(vd& a, int j, double x) { a.p[j / N][j % N] = x; }

GD_INLINE vd splat(double x) { vd r; GD_EACH r.p[u] = x - nd{}; return r; }  // x - 0 keeps -0
GD_INLINE vd vabs(const vd& v) { return as_double(as_bits(v) & 0x7fffffffffffffffLL); }
GD_INLINE vd select(const vl& m, const vd& a, const vd& b) {
  vd r;
  GD_EACH r.p[u] = m.p[u] ? a.p[u] : b.p[u];
  return r;
}
GD_INLINE vl select(const vl& m, const vl& a, const vl& b) {
  vl r;
  GD_EACH r.p[u] = m.p[u] ? a.p[u] : b.p[u];
  return r;
}
GD_INLINE vd vmin(const vd& a, const vd& b) { return select(a < b, a, b); }
GD_INLINE vd vmax(const vd& a, const vd& b) { return select(a > b, a, b); }
GD_INLINE bool any(const vl& m) {
  nl r = {};
  GD_EACH r |= m.p[u];
  long long x = 0;
  for (int j = 0; j < N; ++j) x |= r[j];
  return x != 0;
}

GD_INLINE vd vsqrt(vd v) {
  GD_EACH {
#if GD_SIMD_NATIVE == 4
    v.p[u] = __builtin_ia32_sqrtpd256(v.p[u]);
#else
    v.p[u] = __builtin_ia32_sqrtpd(v.p[u]);
#endif
  }
  return v;
}

// a*b - p exactly, where p = fl(a*b) (no overflow or underflow of the parts).
GD_INLINE vd prod_err(const vd& a, const vd& b, const vd& p) {
#if defined(__FMA__) && GD_SIMD_NATIVE == 4
  vd r;
  GD_EACH r.p[u] = __builtin_ia32_vfmaddpd256(a.p[u], b.p[u], -p.p[u]);
  return r;
#else
  const vd split = splat(134217729.0);  // 2^27 + 1
  const vd ca = split * a, cb = split * b;
  const vd ah = ca - (ca - a), bh = cb - (cb - b);
  const vd al = a - ah, bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
#endif
}

// e^x, within 1 ulp for x in [-708, 709.7]; gradual underflow to 0 below, +inf above.
GD_INLINE vd vexp(vd x) {
  const vd magic = splat(0x1.8p52);
  x = vmax(vmin(x, splat(709.8)), splat(-746.0));
  const vd k = x * splat(0x1.71547652b82fep0) + magic;  // round(x / ln 2) in the low bits
  const vd n = k - magic;
  // Cody-Waite: ln2_hi has 32 trailing zero bits, so n * ln2_hi is exact.
  const vd r = (x - n * splat(0x1.62e42fee00000p-1)) - n * splat(0x1.a39ef35793c76p-33);
  // Taylor to degree 13 on |r| <= 0.347: truncation below 5e-18 relative.
  vd p = splat(1.0 / 6227020800.0);
  p = p * r + splat(1.0 / 479001600.0);
  p = p * r + splat(1.0 / 39916800.0);
  p = p * r + splat(1.0 / 3628800.0);
  p = p * r + splat(1.0 / 362880.0);
  p = p * r + splat(1.0 / 40320.0);
  p = p * r + splat(1.0 / 5040.0);
  p = p * r + splat(1.0 / 720.0);
  p = p * r + splat(1.0 / 120.0);
  p = p * r + splat(1.0 / 24.0);
  p = p * r + splat(1.0 / 6.0);
  p = p * r + splat(0.5);
  p = splat(1.0) + (r + r * r * p);
  // 2^n as two factors, so that n below -1022 (subnormal results) stays representable.
  const vl ni = as_bits(k) - as_bits(magic);
  const vl n1 = ni >> 1;
  const vl n2 = ni - n1;
  const vd s1 = as_double((n1 + 1023) << 52);
  const vd s2 = as_double((n2 + 1023) << 52);
  return p * s1 * s2;
}

// Natural logarithm, any x: subnormals are scaled first; log(0) = -inf, log(inf) = inf,
// negative or NaN x give NaN.
GD_INLINE vd vlog(vd x) {
  const vl tiny = x < 0x1p-1022;
  const vd x_in = x;
  x = select(tiny, x * 0x1p52, x);
  const vl bits = as_bits(x);
  vl e = (bits >> 52) - 1023 - (tiny & 52LL);
  vd m = as_double((bits & 0x000fffffffffffffLL) | 0x3ff0000000000000LL);  // [1, 2)
  const vl big = m > splat(1.4142135623730951);
  m = select(big, m * 0.5, m);
  e = e - big;  // big is -1 where true
  // log m = 2 atanh(f), f = (m-1)/(m+1), |f| <= 0.1716; m - 1 is exact.
  const vd f = (m - 1.0) / (m + 1.0);
  const vd s = f * f;
  vd p = splat(1.0 / 25);
  p = p * s + 1.0 / 23;
  p = p * s + 1.0 / 21;
  p = p * s + 1.0 / 19;
  p = p * s + 1.0 / 17;
  p = p * s + 1.0 / 15;
  p = p * s + 1.0 / 13;
  p = p * s + 1.0 / 11;
  p = p * s + 1.0 / 9;
  p = p * s + 1.0 / 7;
  p = p * s + 1.0 / 5;
  p = p * s + 1.0 / 3;
  const vd f2 = f + f;
  const vd magic = splat(0x1.8p52);
  const vd ed = as_double(e + as_bits(magic)) - magic;  // small integer to double
  const vd r = ed * 0x1.62e42fee00000p-1 + (f2 + (f2 * s * p + ed * 0x1.a39ef35793c76p-33));
  const vd inf = splat(__builtin_inf());
  return select(x_in > 0.0, select(x_in < inf, r, inf),
                select(x_in == 0.0, -inf, splat(__builtin_nan(""))));
}

// erfcx(y) = exp(y^2) erfc(y) for y >= 0: (1 + 2y) erfcx(y) is a smooth function of
// u = (y - 3)/(y + 3) on [-1, 1), expanded in Chebyshev polynomials (coefficients fitted with
// mpmath at 40 digits; truncation below 4e-18) and summed by Clenshaw.
GD_INLINE vd verfcx(vd y) {
  static constexpr double c[25] = {
      0x1.2d74bda92af4ep+0,  0x1.5edf9ce74f65ep-8,  -0x1.801abe05df685p-4, 0x1.bd5ede288613bp-5,
      -0x1.36e99d8ff90f7p-6, 0x1.23dc174a04d86p-8,  -0x1.4c2a11331e0e4p-11, 0x1.285081fb7471ep-16,
      0x1.aee3ed67adcfbp-17, -0x1.0d67d92ebb16fp-19, -0x1.84299dc44cfe1p-23, 0x1.44433d928dccap-24,
      0x1.032a101f63366p-29, -0x1.7304e1f9377d0p-29, -0x1.00dc1e28761e4p-36, 0x1.c7b5541debf46p-34,
      0x1.9f608af23def6p-40, -0x1.2cfdb55efc61bp-38, -0x1.d433281a86cb9p-43, 0x1.985a49637781fp-43,
      0x1.638030f9632e2p-46, -0x1.06936a9e2323bp-47, -0x1.b53df2ab9d8b7p-50, 0x1.0f1968e597de2p-52,
      0x1.cd7350f20ad1ap-54};
  const vd u = (y - 3.0) / (y + 3.0);
  const vd u2 = u + u;
  vd b1 = {}, b2 = {};
  for (int k = 24; k >= 1; --k) {
    const vd b0 = u2 * b1 + (c[k] - b2);  // c[k] - b2 off the critical path
    b2 = b1;
    b1 = b0;
  }
  const vd sum = u * b1 - b2 + c[0];
  return sum / (1.0 + 2.0 * y);
}

// exp(-a*a) with the rounding of a*a carried (relative accuracy for large a).
GD_INLINE vd vexp_minus_square(vd a) {
  const vd p = a * a;
  const vd e = prod_err(a, a, p);
  return vexp(-p) * (1.0 - e);
}

// erfc(y) for y >= 0, to a few ulps relative (underflows to 0 beyond y ~ 26.5).
GD_INLINE vd verfc_pos(vd y) { return vexp_minus_square(y) * verfcx(y); }

// The standard normal CDF Phi(x), any finite x, with relative accuracy in the lower tail: the
// Gaussian factor is exp(-x^2/2) from x itself (its square split exactly), so the rounding of
// |x|/sqrt2 only reaches erfcx, which is insensitive to it.
GD_INLINE vd vnorm_cdf(vd x) {
  constexpr double inv_sqrt_2 = 0.707106781186547524400844362105;
  const vd p = x * x;
  const vd e = prod_err(x, x, p);
  const vd tail = 0.5 * (vexp(-0.5 * p) * (1.0 - 0.5 * e)) * verfcx(vabs(x) * inv_sqrt_2);
  return select(x < 0.0, tail, 1.0 - tail);
}

}  // namespace
}  // namespace gd::quant::simd
