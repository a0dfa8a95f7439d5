// The SIMD kernels for AVX2+FMA (16 lanes in 4 registers of 4; 8 lanes measured ~10% slower on
// the SPX grid, 12 no better); see simd_kernels.hpp. Only this file's code is
// built for AVX2, and it runs only where the CPU has it (simd_dispatch.cpp). Standard headers
// come before the target pragma so that no inline library function is emitted for AVX2 here.
#include "simd_dispatch.hpp"

#pragma GCC target("avx2,fma")
#pragma GCC optimize("fp-contract=off")
// vd spans several registers; it never crosses a non-inlined call boundary outside this file,
// so the ABI note about passing such vectors does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"
#define GD_SIMD_W 16
#define GD_SIMD_NATIVE 4
#define GD_SIMD_ISA "avx2+fma"
#define GD_SIMD_TABLE simd_kernels_avx2
#include "simd_kernels.hpp"
