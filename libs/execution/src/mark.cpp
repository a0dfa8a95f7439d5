#include <gd/execution/mark.hpp>

#include <algorithm>

namespace gd::execution {

result<mark> mark_spread(const spread_quote& quote, sys_time at) {
  if (!quote.usable()) return error{"unusable_quote", "a leg quote is missing, one-sided or crossed"};
  return mark{at, std::max(0.0, quote.mid()), std::max(0.0, quote.natural_debit())};
}

}  // namespace gd::execution
