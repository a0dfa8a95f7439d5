#pragma once
// Black-76 and Black-Scholes-Merton prices and greeks: scalar functions and a batch path over
// contiguous arrays (structure of arrays). The batch path is the one the rest of the system uses.
//
// Units and conventions (the same for both models):
//   T      year fraction (ACT/365 calendar time unless the caller chose otherwise); sigma per year.
//   price  in the units of F (or S) and K.
//   delta  dV/dF for Black-76 (undiscounted forward held, df fixed); dV/dS for BSM.
//   gamma  d2V/dF2 (Black-76) or d2V/dS2 (BSM).
//   vega   dV/dsigma per 1.00 of vol (divide by 100 for "per vol point").
//   theta  dV/dt per year of calendar time with t = -T (the value change as time passes, other
//          inputs fixed; divide by 365 for "per day"). Black-76: F and the rate r = -ln(df)/T fixed,
//          so df = exp(-rT) moves with T. BSM: S, r and q fixed.
//   rho    dV/dr per 1.00 of rate. Black-76: F held fixed, df = exp(-rT), so rho = -T*V.
//          BSM: S and q fixed (the forward moves with r).
//   vanna  d2V/(dF dsigma) (Black-76) or d2V/(dS dsigma) (BSM).
//   charm  d(delta)/dt per year of calendar time, t = -T, as for theta.
//   vomma  d2V/dsigma2 (volga).
//   speed  d3V/dF3 (Black-76) or d3V/dS3 (BSM).
//   dual_delta  dV/dK.
// Degenerate inputs: with sigma*sqrt(T) == 0 the option is worth its discounted intrinsic value
// (delta is the step, the other greeks 0). NaN or non-positive F/S, K, df give NaN.
#include <cstddef>
#include <cstdint>

#include <gd/core/chain.hpp>

namespace gd::quant {

struct greeks {
  double price;
  double delta;
  double gamma;
  double vega;
  double theta;
  double rho;
  double vanna;
  double charm;
  double vomma;
  double speed;
  double dual_delta;
};

// Black-76 on a forward F with discount factor df to the payment date.
double black76_price(gd::option_right r, double F, double K, double T, double sigma, double df) noexcept;
greeks black76_greeks(gd::option_right r, double F, double K, double T, double sigma, double df) noexcept;

// Black-Scholes-Merton on spot S with continuously compounded rate and carry (dividend yield) q.
double bsm_price(gd::option_right r, double S, double K, double T, double rate, double q,
                 double sigma) noexcept;
greeks bsm_greeks(gd::option_right r, double S, double K, double T, double rate, double q,
                  double sigma) noexcept;

// Batch outputs: each pointer, when not null, receives n values. Null outputs are skipped (and
// the work for them is skipped where it is separable).
struct greeks_out {
  double* price;
  double* delta;
  double* gamma;
  double* vega;
  double* theta;
  double* rho;
  double* vanna;
  double* charm;
  double* vomma;
  double* speed;
  double* dual_delta;
};

// Batch, structure of arrays; is_call[i] != 0 for calls. Inputs and outputs must not overlap.
void black76_greeks_batch(std::size_t n, const double* F, const double* K, const double* T,
                          const double* sigma, const double* df, const std::uint8_t* is_call,
                          const greeks_out& out) noexcept;
void bsm_greeks_batch(std::size_t n, const double* S, const double* K, const double* T,
                      const double* rate, const double* q, const double* sigma,
                      const std::uint8_t* is_call, const greeks_out& out) noexcept;

// Prices only (batch), for callers that need no greeks.
void black76_price_batch(std::size_t n, const double* F, const double* K, const double* T,
                         const double* sigma, const double* df, const std::uint8_t* is_call,
                         double* price_out) noexcept;

}  // namespace gd::quant
