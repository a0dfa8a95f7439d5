// The simulated SPX path. Trading-time variance: RTH carries ~78% of a day's variance in 5-minute
// steps, the overnight gap the rest (more across weekends and holidays), as in real index data.
#include "sim_path.hpp"

#include <algorithm>
#include <cmath>

#include <gd/core/ny_time.hpp>

#include "sim_random.hpp"

namespace gd::providers {

namespace {

constexpr double trading_days_per_year = 252.0;
constexpr double rth_share = 0.78;
constexpr auto step_length = std::chrono::minutes{5};

long serial(date::year_month_day d) { return static_cast<long>(date::sys_days{d}.time_since_epoch().count()); }

}  // namespace

double sim_path::level(date::year_month_day d) const {
  const double years = static_cast<double>(serial(d) - serial(settings_.anchor)) / 365.25;
  return settings_.anchor_spot * std::exp(settings_.trend * years);
}

double sim_path::overnight_dt(date::year_month_day previous, date::year_month_day d) const {
  const double extra_days = static_cast<double>(std::max(0L, serial(d) - serial(previous) - 1));
  return ((1.0 - rth_share) + 0.08 * extra_days) / trading_days_per_year;
}

void sim_path::step(state& s, double dt, long day_serial, int index) const {
  const auto [z1, z2] = sim::normals(sim::key(settings_.seed, static_cast<std::uint64_t>(day_serial),
                                              static_cast<std::uint64_t>(index + 1)));
  const double rho = settings_.spot_vol_correlation;
  const double zv = rho * z1 + std::sqrt(1.0 - rho * rho) * z2;
  const double vol = settings_.long_run_vol * std::exp(s.y);
  const double sq = std::sqrt(dt);
  s.x += -settings_.level_reversion * s.x * dt - 0.5 * vol * vol * dt + vol * sq * z1;
  s.y += -settings_.vol_reversion * s.y * dt + settings_.vol_of_vol * sq * zv;
  s.y = std::clamp(s.y, -1.2, 1.6);  // vol stays within ~5% .. ~80%
}

simulated_spot sim_path::at(gd::sys_time t) const {
  const auto today = gd::ny_date(t);
  const auto& anchor = settings_.anchor;
  if (today < anchor) return {settings_.anchor_spot, settings_.long_run_vol, settings_.anchor_spot};

  std::lock_guard lock(mutex_);
  // Resume from the latest cached session strictly before today, else from the anchor.
  state s;
  double last_close = settings_.anchor_spot;
  double prev_close = settings_.anchor_spot;
  date::year_month_day last_day = anchor;
  bool have_session = false;
  if (auto it = ends_.lower_bound(serial(today)); it != ends_.begin()) {
    --it;
    s = it->second.s;
    last_close = it->second.close;
    prev_close = it->second.prev_close;
    last_day = date::year_month_day{date::sys_days{date::days{it->first}}};
    have_session = true;
  }

  const double rth_dt = rth_share / trading_days_per_year / 78.0;
  auto run_session = [&](date::year_month_day d, const gd::trading_session& session, gd::sys_time until) {
    if (have_session) step(s, overnight_dt(last_day, d), serial(d), -1);
    const auto total = static_cast<int>((session.close - session.open) / step_length);
    const auto done = until >= session.close ? total : static_cast<int>((until - session.open) / step_length);
    for (int k = 0; k < done; ++k) step(s, rth_dt, serial(d), k);
    return done == total;
  };

  for (auto d = have_session ? date::year_month_day{date::sys_days{last_day} + date::days{1}} : anchor; d < today;
       d = date::year_month_day{date::sys_days{d} + date::days{1}}) {
    const auto session = calendar_.session_on(d);
    if (!session) continue;
    run_session(d, *session, session->close);
    prev_close = last_close;
    last_close = level(d) * std::exp(s.x);
    last_day = d;
    have_session = true;
    ends_[serial(d)] = session_end{s, last_close, prev_close};
  }

  const auto session = calendar_.session_on(today);
  if (!session || t < session->open) {
    // Before the open or on a closed day the index shows the last close.
    return {last_close, settings_.long_run_vol * std::exp(s.y), prev_close};
  }
  run_session(today, *session, t);
  return {level(today) * std::exp(s.x), settings_.long_run_vol * std::exp(s.y), last_close};
}

}  // namespace gd::providers
