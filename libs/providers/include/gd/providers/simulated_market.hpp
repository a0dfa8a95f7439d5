#pragma once
// A deterministic, seedable synthetic SPX market that looks real, for demos, development without
// a Tradier token, and tests. Everything is a pure function of (settings, clock time): two calls
// at the same clock time give identical payloads (bit-for-bit on the same build and libm).
//
//  - Spot: log-spot mean-reverts slowly around an exponential trend (so it stays plausible for
//    years), driven by 5-minute steps in regular trading hours plus one overnight step per
//    session; its volatility is a mean-reverting log-OU process correlated -0.7 with spot
//    (leverage). Each step's shocks come from a counter-based RNG keyed by (seed, day, step), so
//    the path needs no stored state.
//  - Expiries (nyse_calendar): SPXW (PM) every trading day out to ~70 days, Fridays to ~6 months,
//    month ends and third Fridays beyond; SPX (AM) on third Fridays (the day before if that is a
//    holiday). An expiry is listed until its settlement (AM: the open, PM: the close).
//  - Strikes: a 5-point grid near the money, 25/50/100 further out, wider for longer expiries.
//  - Prices: Black-76 (gd::quant) on a put-skewed smile over an ATM term structure that follows
//    the current simulated vol; bid/ask on SPX ticks (0.05 under $3, 0.10 above), spreads widening
//    in vol terms in the wings; open interest concentrated at round strikes (100 > 50 > 25) near
//    the money, heavier in puts and monthlies; volume accumulating through the session (U-shaped).
//
// Payloads are in Tradier's chain JSON shape, parsed by parse_tradier_chain (the same path as
// real data), with a top-level "simulated" object saying so. Provider name: "simulated".
#include <cstdint>
#include <memory>
#include <string>

#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/providers/market_data.hpp>

namespace gd::providers {

struct simulated_settings {
  std::uint64_t seed = 20240601;
  std::string symbol = "SPX";                  // the one underlying simulated; others are no_data
  date::year_month_day anchor{date::year{2020}, date::month{1}, date::day{2}};  // path start
  double anchor_spot = 3250.0;                 // spot on the anchor day
  double trend = 0.10;                         // drift of the level, per year
  double level_reversion = 0.8;                // pull of log-spot toward the trend, per year
  double long_run_vol = 0.16;
  double vol_reversion = 6.0;                  // per year
  double vol_of_vol = 1.2;
  double spot_vol_correlation = -0.7;
  double rate = 0.045;                         // continuously compounded
  double dividend_yield = 0.013;
  int listed_days = 400;                       // how far out expirations() lists
};

// The simulated underlying at an instant.
struct simulated_spot {
  double spot = 0.0;
  double vol = 0.0;         // instantaneous volatility
  double prev_close = 0.0;  // the previous session's close
};

struct sim_path;

class simulated_market final : public market_data {
 public:
  explicit simulated_market(const gd::clock& clock, simulated_settings settings = {});

  std::string_view name() const override { return "simulated"; }
  gd::result<std::vector<date::year_month_day>> expirations(const std::string& symbol) override;
  gd::result<chain_payload> chain(const std::string& symbol, date::year_month_day expiration) override;
  // One payload for every listed expiry in the window (one Tradier-shaped option list).
  gd::result<chain_payload> full_chain(const std::string& symbol, date::year_month_day today, int max_dte) override;
  gd::result<std::vector<underlying_quote>> quotes(const std::vector<std::string>& symbols) override;

  // The path itself (also what quotes() reports), for tests and the realized-vol job.
  simulated_spot spot_at(gd::sys_time t) const;

 private:
  gd::result<chain_payload> build(const std::string& symbol, date::year_month_day from, date::year_month_day to);

  const gd::clock& clock_;
  simulated_settings settings_;
  gd::nyse_calendar calendar_;
  std::shared_ptr<const sim_path> path_;  // the spot path with its end-of-session cache
};

}  // namespace gd::providers
