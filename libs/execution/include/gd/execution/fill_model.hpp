#pragma once
// Simulated fills, shared by the simulated broker and the backtest: an entry credit at
// mid - f × width and an exit debit at mid + f × width (width = the package bid-ask width,
// f = 0.30 by default), on the 0.05 tick and rounded against us: a credit down, a debit up.
#include <optional>

#include <gd/core/result.hpp>
#include <gd/execution/spread_quote.hpp>

namespace gd::execution {

struct fill_model_config {
  double spread_factor = 0.30;  // share of the package width given up to the market, 0..1
  double tick = 0.05;
};

// Errors: "unusable_quote" (a leg not two-sided/crossed), "no_credit" (the model credit is < 1 tick).
result<double> model_entry_credit(const spread_quote& quote, const fill_model_config& config = {});
result<double> model_exit_debit(const spread_quote& quote, const fill_model_config& config = {});

// A limit order against the model: a credit entry fills when the model credit reaches the limit,
// a debit exit when the model debit is at or under it; both fill at the limit (no improvement).
bool entry_limit_fills(double limit_credit, const spread_quote& quote, const fill_model_config& config = {});
bool exit_limit_fills(double limit_debit, const spread_quote& quote, const fill_model_config& config = {});

}  // namespace gd::execution
