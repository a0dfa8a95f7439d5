// The AVX2 + FMA build of the profile kernel; this file alone is compiled with -mavx2 -mfma and
// only called after a run-time CPU check.
#include "profile_kernel.hpp"

namespace gd::exposure::detail {
void profile_kernel_avx2(const kernel_args& a) noexcept { run_kernel(a); }
void grid_kernel_avx2(const grid_args& a) noexcept { run_grid_kernel<v4d, 2>(a); }
}  // namespace gd::exposure::detail
