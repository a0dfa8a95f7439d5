#pragma once
// Mark to market of an open credit vertical from its leg quotes. Both prices are recorded: the
// debit to close at mid and at the closing side (buy the short at its ask, sell the long at its
// bid) - the second is what a close would really cost and what management triggers on by default.
#include <gd/core/clock.hpp>
#include <gd/core/result.hpp>
#include <gd/execution/spread_quote.hpp>

namespace gd::execution {

struct mark {
  sys_time at{};
  double mid_debit = 0.0;    // per spread, >= 0
  double close_debit = 0.0;  // per spread at the closing side, >= 0
};

// Errors: "unusable_quote" when a leg is missing/one-sided/crossed (no mark beats a wrong mark).
result<mark> mark_spread(const spread_quote& quote, sys_time at);

}  // namespace gd::execution
