#include <gd/execution/price_tick.hpp>

#include <cmath>

namespace gd::execution {

namespace {
// Prices come from decimal strings through doubles; a billionth of a tick absorbs that noise.
constexpr double tolerance = 1e-9;
}  // namespace

std::int64_t ticks_down(double price, double tick) {
  return static_cast<std::int64_t>(std::floor(price / tick + tolerance));
}

std::int64_t ticks_up(double price, double tick) {
  return static_cast<std::int64_t>(std::ceil(price / tick - tolerance));
}

double round_credit(double price, double tick) { return static_cast<double>(ticks_down(price, tick)) * tick; }

double round_debit(double price, double tick) { return static_cast<double>(ticks_up(price, tick)) * tick; }

bool on_tick(double price, double tick) { return ticks_down(price, tick) == ticks_up(price, tick); }

}  // namespace gd::execution
