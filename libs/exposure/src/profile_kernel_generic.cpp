// The portable build of the profile kernel (SSE2 on x86-64).
#include "profile_kernel.hpp"

namespace gd::exposure::detail {
void profile_kernel_generic(const kernel_args& a) noexcept { run_kernel(a); }
void grid_kernel_generic(const grid_args& a) noexcept { run_grid_kernel<v2d, 2>(a); }
}  // namespace gd::exposure::detail
