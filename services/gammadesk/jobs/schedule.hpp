#pragma once
// When scheduled snapshots happen: every interval, aligned to the New York wall clock (:00, :05,
// ...), inside regular trading hours [open, close) unless outside hours are allowed. Pure.
#include <vector>

#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>

namespace gd::jobs {

// The first slot strictly after `after`.
gd::sys_time next_snapshot_slot(gd::sys_time after, int interval_minutes, const gd::nyse_calendar& calendar,
                                bool allow_outside_rth);

// Every slot in [from, to), in order (for tests and planning).
std::vector<gd::sys_time> snapshot_slots(gd::sys_time from, gd::sys_time to, int interval_minutes,
                                         const gd::nyse_calendar& calendar, bool allow_outside_rth);

}  // namespace gd::jobs
