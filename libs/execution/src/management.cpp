#include <gd/execution/management.hpp>

namespace gd::execution {

namespace {
constexpr double tolerance = 1e-9;  // 0.5 × 1.10 must equal 0.55 exactly enough
}

result<ok_t> validate(const management_rules& rules) {
  if (!(rules.take_profit_fraction > 0.0 && rules.take_profit_fraction < 1.0))
    return error{"bad_config", "take_profit_fraction must be in (0, 1)"};
  if (!(rules.stop_loss_multiple > 1.0)) return error{"bad_config", "stop_loss_multiple must be > 1"};
  return ok_v;
}

std::string_view to_string(management_action a) {
  switch (a) {
    case management_action::hold: return "hold";
    case management_action::take_profit: return "take_profit";
    case management_action::stop_loss: return "stop_loss";
  }
  return "?";
}

management_action evaluate(double entry_credit, const debit_bar& bar, const management_rules& rules) {
  if (bar.high >= rules.stop_loss_multiple * entry_credit - tolerance) return management_action::stop_loss;
  if (bar.low <= rules.take_profit_fraction * entry_credit + tolerance) return management_action::take_profit;
  return management_action::hold;
}

management_action evaluate(double entry_credit, const mark& m, const management_rules& rules) {
  const double debit = rules.trigger == trigger_price::mid ? m.mid_debit : m.close_debit;
  return evaluate(entry_credit, debit_bar{debit, debit}, rules);
}

}  // namespace gd::execution
