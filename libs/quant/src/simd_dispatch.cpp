// Picks the SIMD kernel build once, from the CPU's features.
#include "simd_dispatch.hpp"

#include <atomic>

namespace gd::quant::detail {
namespace {

const simd_kernels* detect() noexcept {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return &simd_kernels_avx2();
  return &simd_kernels_base();
}

std::atomic<const simd_kernels*> active{nullptr};

}  // namespace

const simd_kernels& simd() noexcept {
  const simd_kernels* k = active.load(std::memory_order_relaxed);
  if (!k) {
    k = detect();
    active.store(k, std::memory_order_relaxed);
  }
  return *k;
}

bool simd_has_avx2() noexcept { return detect() == &simd_kernels_avx2(); }

void simd_override(const simd_kernels* k) noexcept {
  active.store(k ? k : detect(), std::memory_order_relaxed);
}

}  // namespace gd::quant::detail
