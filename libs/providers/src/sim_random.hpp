#pragma once
// A counter-based random source for the simulated market: every draw is a pure hash of its key
// (seed, day, step, ...), so any point of the path can be recomputed without replaying a stream.
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>

namespace gd::providers::sim {

// SplitMix64's finalizer: a well-mixed 64-bit bijection.
constexpr std::uint64_t mix(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

constexpr std::uint64_t key(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0,
                            std::uint64_t d = 0) noexcept {
  return mix(seed ^ mix(a ^ mix(b ^ mix(c ^ mix(d)))));
}

// Uniform in the open interval (0, 1).
inline double uniform(std::uint64_t k) noexcept {
  return (static_cast<double>(mix(k) >> 11) + 0.5) * 0x1.0p-53;
}

// Two independent standard normals (Box-Muller).
inline std::pair<double, double> normals(std::uint64_t k) noexcept {
  const double r = std::sqrt(-2.0 * std::log(uniform(k)));
  const double a = 2.0 * std::numbers::pi * uniform(k ^ 0xD1B54A32D192ED03ULL);
  return {r * std::cos(a), r * std::sin(a)};
}

}  // namespace gd::providers::sim
