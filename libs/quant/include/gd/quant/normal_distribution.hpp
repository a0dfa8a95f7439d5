#pragma once
// The standard normal distribution with the accuracy the pricers need: relative accuracy in the
// far lower tail (norm_cdf(-37) ~ 5e-300 to a few ulps), and the scaled complementary error
// function erfcx(x) = exp(x^2) erfc(x), which stays finite where erfc underflows.
namespace gd::quant {

inline constexpr double inv_sqrt_2pi = 0.398942280401432677939946059934;  // 1/sqrt(2 pi)
inline constexpr double inv_sqrt_pi = 0.564189583547756286948079451561;   // 1/sqrt(pi)
inline constexpr double sqrt_2 = 1.41421356237309504880168872421;
inline constexpr double inv_sqrt_2 = 0.707106781186547524400844362105;

double norm_pdf(double x) noexcept;
double norm_cdf(double x) noexcept;          // P(Z <= x), relative accuracy for x << 0
double erfcx(double x) noexcept;             // exp(x^2) erfc(x), any finite x (overflows for x < -26.6)
double norm_cdf_inverse(double p) noexcept;  // the quantile; NaN outside [0, 1]

}  // namespace gd::quant
