#pragma once
// Entry points of the SIMD batch kernels, built twice (simd_base.cpp: SSE2, the x86-64
// baseline; simd_avx2.cpp: AVX2+FMA) and picked once at run time from the CPU's features
// (__builtin_cpu_supports), so the shipped binary stays portable. Both builds give
// bit-identical results (see simd_math.hpp), so the choice changes the speed only. Private to
// libs/quant.
#include <cstddef>
#include <cstdint>

namespace gd::quant::detail {

struct simd_kernels {
  const char* isa;  // "avx2+fma" or "sse2"

  // Implied vol, stage 1, from F, K, df, the out-of-the-money time value tv and T:
  // x = -|ln(F/K)|, beta = tv / (df sqrt(F K)), b_max = exp(x/2) (the normalised upper bound),
  // b_c = b(x, s_c) (the normalised price at the inflection point s_c = sqrt(-2x)), 1/sqrt(T).
  void (*iv_prepare)(std::size_t n, const double* F, const double* K, const double* df,
                     const double* tv, const double* T, double* x, double* beta, double* b_max,
                     double* b_c, double* inv_sqrt_t);

  // Implied vol, lower branch (beta < b_c): s with b(x, s) = beta. ok[i] = 1 when the fast path
  // converged inside the region where its b(x, s) is accurate (t = s/2 < 0.2 and h + t > -10
  // with h = x/s); 0 means "solve this one with the scalar solver".
  void (*iv_solve_lower)(std::size_t n, const double* x, const double* beta, const double* b_c,
                         double* s, std::uint8_t* ok);

  // Implied vol, middle objective (b - beta) above s_c, from the start s0 in the bracket [lo, hi).
  void (*iv_solve_middle)(std::size_t n, const double* x, const double* beta, const double* s0,
                          const double* lo, double* s, std::uint8_t* ok);

  // Black-76 greeks over arrays (the formulas of black_kernel.hpp): rate (for theta and charm)
  // may be null, then it is -ln(df)/T; out[k] for k in the order of black_values (price, delta,
  // gamma, vega, theta, rho, vanna, charm, vomma, speed, dual_delta) may be null (skipped).
  // Lanes with F, K, df not > 0 or sigma * sqrt(T) not > 0 give garbage: the caller patches them.
  void (*black76_greeks)(std::size_t n, const double* F, const double* K, const double* T,
                         const double* sigma, const double* df, const double* rate,
                         const std::uint8_t* is_call, double* const* out);
};

const simd_kernels& simd() noexcept;

// For tests and benchmarks only: whether the CPU runs the AVX2 build, and forcing a build
// (null: back to detection). Not for production code paths.
bool simd_has_avx2() noexcept;
void simd_override(const simd_kernels* k) noexcept;

// The two builds (defined in simd_base.cpp and simd_avx2.cpp).
const simd_kernels& simd_kernels_base() noexcept;
const simd_kernels& simd_kernels_avx2() noexcept;

}  // namespace gd::quant::detail
