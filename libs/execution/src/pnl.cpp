#include <gd/execution/pnl.hpp>

namespace gd::execution {

namespace {
double pct(double dollars, double risk) { return risk > 0.0 ? 100.0 * dollars / risk : 0.0; }
constexpr double legs_per_spread = 2.0;
}  // namespace

trade_pnl compute_pnl(const trade& t, const std::optional<mark>& latest, const fee_config& fees) {
  trade_pnl p;
  p.trade_id = t.id;
  p.open = t.status == trade_status::open;
  p.closed_on = t.closed_on;
  p.max_risk = t.max_risk_dollars();
  const double per_execution = fees.per_contract_leg * legs_per_spread * t.quantity;
  const double scale = contract_multiplier * t.quantity;
  if (p.open) {
    p.fees = per_execution;
    if (latest) {
      p.unrealized_mid = (t.entry_credit - latest->mid_debit) * scale - p.fees;
      p.unrealized_close = (t.entry_credit - latest->close_debit) * scale - p.fees;
    } else {
      p.unrealized_mid = p.unrealized_close = -p.fees;
    }
    p.unrealized_mid_pct = pct(p.unrealized_mid, p.max_risk);
    p.unrealized_close_pct = pct(p.unrealized_close, p.max_risk);
  } else {
    p.fees = per_execution * (t.reason == exit_reason::settlement ? 1.0 : 2.0);
    p.realized = (t.entry_credit - t.exit_debit) * scale - p.fees;
    p.realized_pct = pct(p.realized, p.max_risk);
  }
  return p;
}

day_pnl daily_pnl(date::year_month_day day, const std::vector<trade_pnl>& trades) {
  day_pnl d;
  d.day = day;
  double closed_risk = 0.0;
  for (const trade_pnl& t : trades) {
    if (t.open) {
      d.trades_open += 1;
      d.unrealized_mid += t.unrealized_mid;
      d.unrealized_close += t.unrealized_close;
    } else if (t.closed_on == day) {
      d.trades_closed += 1;
      d.realized += t.realized;
      closed_risk += t.max_risk;
    } else {
      continue;
    }
    d.fees += t.fees;
    d.max_risk += t.max_risk;
  }
  d.realized_pct = pct(d.realized, closed_risk);
  d.total_close_pct = pct(d.realized + d.unrealized_close, d.max_risk);
  return d;
}

}  // namespace gd::execution
