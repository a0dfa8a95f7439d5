#include <gd/execution/mark.hpp>

#include <algorithm>
#include <cmath>

namespace gd::execution {

namespace {
// Leg prices are in cents (mids in half-cents): a difference of them is exact to 1e-6, and
// rounding there removes the binary noise (1.7000000000000002) from what is stored and served.
double clean(double x) { return std::round(x * 1e6) / 1e6; }
}  // namespace

result<mark> mark_spread(const spread_quote& quote, sys_time at) {
  if (!quote.usable()) return error{"unusable_quote", "a leg quote is missing, one-sided or crossed"};
  return mark{at, std::max(0.0, clean(quote.mid())), std::max(0.0, clean(quote.natural_debit()))};
}

}  // namespace gd::execution
