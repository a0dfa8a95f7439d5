#include <gd/core/expiration_selection.hpp>

#include <cstdlib>

namespace gd {

std::optional<expiration_choice> select_expiration(const std::vector<date::year_month_day>& available,
                                                   date::year_month_day today, int target_dte, int tolerance_days,
                                                   bool force) {
  const date::sys_days today_days{today};
  const date::sys_days target = today_days + date::days{target_dte};
  std::optional<expiration_choice> best;
  int best_distance = 0;
  for (const auto& e : available) {
    const date::sys_days d{e};
    if (d < today_days) continue;
    const int distance = std::abs(static_cast<int>((d - target).count()));
    const int dte = static_cast<int>((d - today_days).count());
    const bool better = !best || distance < best_distance ||
                        (distance == best_distance && dte < best->actual_dte_days);
    if (better) {
      best = expiration_choice{e, dte, distance <= tolerance_days};
      best_distance = distance;
    }
  }
  if (best && !best->within_tolerance && !force) return std::nullopt;
  return best;
}

}  // namespace gd
