#pragma once
// Management rules for an open credit vertical, in terms of the debit to close per spread:
// take profit when debit <= take_profit_fraction × entry credit (50%: half the max profit kept),
// stop loss when debit >= stop_loss_multiple × entry credit (2×: a loss of 100% of max profit).
// A bar gives the range of the debit over the interval; when both trigger inside one bar we
// cannot know which came first, so the stop wins (pessimistic, as optopsy does).
#include <gd/core/result.hpp>
#include <gd/execution/mark.hpp>

namespace gd::execution {

enum class trigger_price { mid, closing_side };

struct management_rules {
  double take_profit_fraction = 0.5;
  double stop_loss_multiple = 2.0;
  trigger_price trigger = trigger_price::closing_side;
};

result<ok_t> validate(const management_rules& rules);  // 0 < TP < 1 < SL

enum class management_action { hold, take_profit, stop_loss };
std::string_view to_string(management_action a);

struct debit_bar {
  double low = 0.0;   // the smallest debit to close seen in the bar
  double high = 0.0;  // the largest
};

management_action evaluate(double entry_credit, const debit_bar& bar, const management_rules& rules);
// One mark is a bar of one point, at the rule's trigger price.
management_action evaluate(double entry_credit, const mark& m, const management_rules& rules);

}  // namespace gd::execution
