#pragma once
// Tiny hand-checkable chains: contracts priced at a known vol (bid/ask 0.01 around the Black
// price, so our IV of the mid gives that vol back), and a reference implementation of the
// greeks with its own normal pdf/cdf (std::erfc), independent of the library's batch path.
#include <chrono>
#include <cmath>
#include <cstdint>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/quant/black.hpp>

namespace gd::test {

using namespace date::literals;

// Monday 2024-03-04 10:00 ET; the tiny chains expire Friday 2024-03-15 (16:00 ET = 20:00 UTC).
inline const sys_time tiny_as_of = sys_time{date::sys_days{2024_y / 3 / 4}} + std::chrono::hours{15};
inline constexpr date::year_month_day tiny_expiry = 2024_y / 3 / 15;
// Calendar years from as_of to the PM settlement: 11 days 5 hours.
inline const double tiny_T = (11.0 * 1440.0 + 300.0) / (365.0 * 1440.0);

inline double ref_pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI); }
inline double ref_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Black-Scholes with r = q = 0 (F = S), the convention of the tiny chains.
struct ref_greeks {
  double price, delta, gamma, vanna, charm;
};
inline ref_greeks ref_bs(bool call, double S, double K, double T, double sigma) {
  const double s = sigma * std::sqrt(T);
  const double d1 = std::log(S / K) / s + 0.5 * s, d2 = d1 - s;
  ref_greeks g;
  g.price = call ? S * ref_cdf(d1) - K * ref_cdf(d2) : K * ref_cdf(-d2) - S * ref_cdf(-d1);
  g.delta = call ? ref_cdf(d1) : ref_cdf(d1) - 1.0;
  g.gamma = ref_pdf(d1) / (S * s);
  g.vanna = -ref_pdf(d1) * d2 / sigma;
  g.charm = ref_pdf(d1) * d2 / (2.0 * T);   // d(delta)/dt per year, r = q = 0
  return g;
}

inline chain_row tiny_row(option_right r, double K, double sigma, std::int64_t oi, double S = 100.0,
                          double T = tiny_T, date::year_month_day exp = tiny_expiry,
                          settlement_style st = settlement_style::pm) {
  chain_row row;
  row.contract.root = st == settlement_style::am ? "SPX" : "SPXW";
  row.contract.underlying = "SPX";
  row.contract.expiration = exp;
  row.contract.strike = K;
  row.contract.right = r;
  row.contract.settlement = st;
  row.contract.multiplier = 100;
  const double price = ref_bs(r == option_right::call, S, K, T, sigma).price;
  row.quote.bid = price - 0.01;
  row.quote.ask = price + 0.01;
  row.quote.open_interest = oi;
  row.quote.volume = oi / 10;
  return row;
}

inline option_chain tiny_chain(std::initializer_list<chain_row> rows, double S = 100.0) {
  option_chain c;
  c.underlying = "SPX";
  c.provider = "test";
  c.as_of = tiny_as_of;
  c.spot = S;
  c.rows = rows;
  return c;
}

}  // namespace gd::test
