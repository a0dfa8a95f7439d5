#pragma once
// The simulated spot path: trading-time steps of 5 minutes in RTH plus one overnight step per
// session, with end-of-session states cached so that a call walks only the days it has not seen.
#include <map>
#include <mutex>

#include <gd/core/nyse_calendar.hpp>
#include <gd/providers/simulated_market.hpp>

namespace gd::providers {

struct sim_path {
  explicit sim_path(const simulated_settings& settings) : settings_(settings) {}

  simulated_spot at(gd::sys_time t) const;

 private:
  struct state {
    double x = 0.0;  // log of spot over the trend level
    double y = 0.0;  // log of vol over the long-run vol
  };
  struct session_end {
    state s;
    double close = 0.0;
    double prev_close = 0.0;
  };

  double level(date::year_month_day d) const;  // the trend level on a day
  void step(state& s, double dt, long day_serial, int index) const;
  double overnight_dt(date::year_month_day previous, date::year_month_day d) const;

  simulated_settings settings_;
  gd::nyse_calendar calendar_;
  mutable std::mutex mutex_;
  mutable std::map<long, session_end> ends_;  // by day serial (days since 1970-01-01)
};

}  // namespace gd::providers
