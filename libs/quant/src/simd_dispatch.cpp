// Picks the SIMD kernel build once, from the CPU's features.
#include "simd_dispatch.hpp"

namespace gd::quant::detail {

const simd_kernels& simd() noexcept {
  static const simd_kernels& k = [] () -> const simd_kernels& {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return simd_kernels_avx2();
    return simd_kernels_base();
  }();
  return k;
}

}  // namespace gd::quant::detail
