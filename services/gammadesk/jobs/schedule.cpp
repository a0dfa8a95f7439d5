#include "jobs/schedule.hpp"

#include <gd/core/ny_time.hpp>

namespace gd::jobs {

namespace {
// The first New York wall-clock instant aligned to the interval strictly after t.
gd::sys_time next_aligned(gd::sys_time t, int interval_minutes) {
  const auto local = gd::to_ny(t);
  const long long step = interval_minutes * 60LL;
  long long next_second = (local.second_of_day.count() / step + 1) * step;
  // Sub-second remainders: an instant exactly on a slot is not "after" it.
  for (;;) {
    const auto candidate = gd::ny_to_utc(local.day, std::chrono::minutes{next_second / 60});
    if (candidate > t) return candidate;
    next_second += step;   // DST fall-back repeats an hour: step past instants not after t
  }
}
}  // namespace

gd::sys_time next_snapshot_slot(gd::sys_time after, int interval_minutes, const gd::nyse_calendar& calendar,
                                bool allow_outside_rth) {
  gd::sys_time candidate = next_aligned(after, interval_minutes);
  const long long step = interval_minutes * 60LL;
  // Bounded: each pass moves to the next session at least.
  for (int guard = 0; guard < 100'000 && !allow_outside_rth && !calendar.is_open(candidate); ++guard) {
    const auto open = calendar.next_open(candidate);
    candidate = gd::to_ny(open).second_of_day.count() % step == 0 ? open : next_aligned(open, interval_minutes);
  }
  return candidate;
}

std::vector<gd::sys_time> snapshot_slots(gd::sys_time from, gd::sys_time to, int interval_minutes,
                                         const gd::nyse_calendar& calendar, bool allow_outside_rth) {
  std::vector<gd::sys_time> out;
  auto t = next_snapshot_slot(from - std::chrono::microseconds{1}, interval_minutes, calendar, allow_outside_rth);
  while (t < to) {
    out.push_back(t);
    t = next_snapshot_slot(t, interval_minutes, calendar, allow_outside_rth);
  }
  return out;
}

}  // namespace gd::jobs
