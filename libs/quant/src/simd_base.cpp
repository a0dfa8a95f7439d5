// The SIMD kernels for the x86-64 baseline (SSE2: 8 lanes in 4 registers of 2); see
// simd_kernels.hpp.
#include "simd_dispatch.hpp"

#pragma GCC optimize("fp-contract=off")
// vd spans several registers; it never crosses a non-inlined call boundary outside this file,
// so the ABI note about passing such vectors does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"
#define GD_SIMD_W 8
#define GD_SIMD_NATIVE 2
#define GD_SIMD_ISA "sse2"
#define GD_SIMD_TABLE simd_kernels_base
#include "simd_kernels.hpp"
