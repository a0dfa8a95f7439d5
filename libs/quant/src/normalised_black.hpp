#pragma once
// The normalised out-of-the-money Black function (Jäckel's b(x, s)) that the implied vol solver
// inverts and the scalar price functions use for full relative accuracy in the wings:
//   b(x, s) = exp(x/2) N(x/s + s/2) - exp(-x/2) N(x/s - s/2),  x = ln(F/K) <= 0, s = sigma sqrt(T),
// the undiscounted call price divided by sqrt(F K). A put with x > 0 is b(-x, s).
// Private to libs/quant.

namespace gd::quant::detail {

// b(x, s) for x <= 0, s > 0, to a few ulps relative wherever it does not underflow.
double normalised_black_otm(double x, double s) noexcept;

// exp(x/2) - b(x, s): the distance to the upper bound, without cancellation (x <= 0).
double normalised_black_otm_complement(double x, double s) noexcept;

// db/ds = exp(-(x^2/s^2 + s^2/4)/2) / sqrt(2 pi).
double normalised_vega(double x, double s) noexcept;

}  // namespace gd::quant::detail
