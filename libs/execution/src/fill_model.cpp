#include <gd/execution/fill_model.hpp>

#include <algorithm>

#include <gd/execution/price_tick.hpp>

namespace gd::execution {

namespace {
error unusable() { return error{"unusable_quote", "a leg quote is missing, one-sided or crossed"}; }
}  // namespace

result<double> model_entry_credit(const spread_quote& quote, const fill_model_config& config) {
  if (!quote.usable()) return unusable();
  const double credit = round_credit(quote.mid() - config.spread_factor * quote.width(), config.tick);
  if (credit < config.tick - 1e-9) return error{"no_credit", "model credit is below one tick"};
  return credit;
}

result<double> model_exit_debit(const spread_quote& quote, const fill_model_config& config) {
  if (!quote.usable()) return unusable();
  // A debit can't be negative; a spread worth nothing still costs at least zero to close.
  return std::max(0.0, round_debit(quote.mid() + config.spread_factor * quote.width(), config.tick));
}

bool entry_limit_fills(double limit_credit, const spread_quote& quote, const fill_model_config& config) {
  const auto credit = model_entry_credit(quote, config);
  return credit && *credit >= limit_credit - 1e-9;
}

bool exit_limit_fills(double limit_debit, const spread_quote& quote, const fill_model_config& config) {
  const auto debit = model_exit_debit(quote, config);
  return debit && *debit <= limit_debit + 1e-9;
}

}  // namespace gd::execution
