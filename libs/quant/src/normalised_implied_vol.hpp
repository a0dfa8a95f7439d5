#pragma once
// Inversion of the normalised out-of-the-money Black function: given x = -|ln(F/K)| <= 0 and
// beta in (0, exp(x/2)), find s = sigma sqrt(T) with b(x, s) = beta. Private to libs/quant.

namespace gd::quant::detail {

double normalised_implied_vol_otm(double beta, double x) noexcept;

}  // namespace gd::quant::detail
