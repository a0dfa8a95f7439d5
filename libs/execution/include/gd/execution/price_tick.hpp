#pragma once
// Net prices on the exchange tick. SPX complex orders trade in 0.05 net increments; rounding is
// always in the direction that is worse for us (conservative): a credit we receive rounds down,
// a debit we pay rounds up. Prices are doubles; the rounding goes through integer ticks with a
// small tolerance so that 1.15 (stored as 1.1499999...) is still on the tick.
#include <cstdint>

namespace gd::execution {

inline constexpr double spx_complex_tick = 0.05;

// Whole ticks, rounded down / up; `tick` must be > 0.
std::int64_t ticks_down(double price, double tick = spx_complex_tick);
std::int64_t ticks_up(double price, double tick = spx_complex_tick);

double round_credit(double price, double tick = spx_complex_tick);  // down to the tick
double round_debit(double price, double tick = spx_complex_tick);   // up to the tick
bool on_tick(double price, double tick = spx_complex_tick);

}  // namespace gd::execution
