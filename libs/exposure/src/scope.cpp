#include <gd/exposure/scope.hpp>

#include <cstdlib>
#include <set>

#include <gd/core/ny_time.hpp>

namespace gd::exposure {

using namespace date;

bool is_monthly_opex(year_month_day d, const nyse_calendar& cal) {
  const year_month_day third_friday{year_month_weekday{d.year() / d.month() / Friday[3]}};
  if (d == third_friday) return true;
  // Exchanges move a holiday expiration to the previous trading day (Good Friday).
  const year_month_day thursday{sys_days{third_friday} - days{1}};
  return d == thursday && !cal.is_trading_day(third_friday);
}

namespace {

// Distinct live dates of the selected slots.
std::vector<year_month_day> live_dates(const std::vector<expiry_slot>& slots, const std::vector<std::size_t>& idx) {
  std::set<year_month_day> s;
  for (std::size_t i : idx)
    if (!slots[i].expired) s.insert(slots[i].expiration);
  return {s.begin(), s.end()};
}

void select_date(scope_result& r, const std::vector<expiry_slot>& slots, year_month_day d, bool live_only) {
  for (std::size_t i = 0; i < slots.size(); ++i)
    if (slots[i].expiration == d && (!live_only || !slots[i].expired)) r.slots.push_back(i);
}

// The first live date (by settlement instant order, so by date) satisfying pred.
template <class Pred>
const expiry_slot* first_live(const std::vector<expiry_slot>& slots, Pred pred) {
  for (const auto& s : slots)
    if (!s.expired && pred(s)) return &s;
  return nullptr;
}

}  // namespace

scope_result select_scope(const std::vector<expiry_slot>& slots, const scope_spec& spec, const nyse_calendar& cal) {
  scope_result r;
  r.kind = spec.kind;
  switch (spec.kind) {
    case scope_kind::all:
      for (std::size_t i = 0; i < slots.size(); ++i) r.slots.push_back(i);
      r.label = "all expirations";
      break;
    case scope_kind::zero_dte: {
      const expiry_slot* s = first_live(slots, [](const expiry_slot&) { return true; });
      if (s) select_date(r, slots, s->expiration, true);
      r.label = s ? "0DTE " + format_date(s->expiration) : "0DTE (none)";
      break;
    }
    case scope_kind::max_dte:
      for (std::size_t i = 0; i < slots.size(); ++i)
        if (!slots[i].expired && slots[i].dte <= spec.max_dte) r.slots.push_back(i);
      r.label = "dte <= " + std::to_string(spec.max_dte);
      break;
    case scope_kind::bucket: {
      const expiry_slot* best = nullptr;
      for (const auto& s : slots) {
        const int gap = std::abs(s.dte - spec.target_dte);
        if (s.expired || gap > spec.tolerance_dte) continue;
        if (!best || gap < std::abs(best->dte - spec.target_dte)) best = &s;   // ties: the earlier date
      }
      if (best) select_date(r, slots, best->expiration, true);
      r.label = "dte " + std::to_string(spec.target_dte) + "+-" + std::to_string(spec.tolerance_dte) +
                (best ? ": " + format_date(best->expiration) : ": none");
      break;
    }
    case scope_kind::expiration:
      select_date(r, slots, spec.expiration, false);
      r.label = format_date(spec.expiration);
      break;
    case scope_kind::opex: {
      const expiry_slot* s = first_live(slots, [&](const expiry_slot& x) {
        if (!is_monthly_opex(x.expiration, cal)) return false;
        // A live PM slot does not make the date the next OPEX when its AM slot has settled.
        if (x.settlement == settlement_style::am) return true;
        for (const auto& y : slots)
          if (y.expiration == x.expiration && y.settlement == settlement_style::am) return false;
        return true;
      });
      if (s) {
        const settlement_style want = s->settlement;
        for (std::size_t i = 0; i < slots.size(); ++i)
          if (slots[i].expiration == s->expiration && slots[i].settlement == want && !slots[i].expired)
            r.slots.push_back(i);
      }
      r.label = s ? "OPEX " + format_date(s->expiration) : "OPEX (none)";
      break;
    }
  }
  r.expirations = live_dates(slots, r.slots);
  return r;
}

}  // namespace gd::exposure
