#pragma once
// The original specification's expiration rule, shared by snapshots and the strategy:
// target_date = today + target_dte calendar days; take the expiration closest to it within
// ±tolerance_days; a forced run with none within tolerance takes the closest available one.
// Expirations before today are ignored; today itself (0DTE) counts. On a tie the earlier
// expiration wins (less time risk, and deterministic).
#include <optional>
#include <vector>

#include <date/date.h>

namespace gd {

struct expiration_choice {
  date::year_month_day expiration;
  int actual_dte_days = 0;         // calendar days from today
  bool within_tolerance = true;    // false only for a forced fallback
};

std::optional<expiration_choice> select_expiration(const std::vector<date::year_month_day>& available,
                                                   date::year_month_day today, int target_dte, int tolerance_days,
                                                   bool force);

}  // namespace gd
