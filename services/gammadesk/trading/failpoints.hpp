#pragma once
// Crash points for the restart tests: GD_FAILPOINTS="order.before_send,..." makes the process
// die (_exit(86), no cleanup, as a SIGKILL would) when it reaches a named point. The list is
// read once from the environment; an unset variable costs one branch per point. Never set it in
// production: it exists so tests can stop the process between two steps of the order lifecycle.
#include <string_view>

namespace gd::trading {

// The points (one place, so tests and code agree).
namespace failpoint_names {
inline constexpr std::string_view decision_stored = "decision.stored";        // decision + outbox row committed
inline constexpr std::string_view before_send = "order.before_send";          // `submitting` stored, POST not made
inline constexpr std::string_view after_send = "order.after_send";            // POST answered, answer not stored
inline constexpr std::string_view after_fill = "order.after_fill";            // a fill and its trade stored
inline constexpr std::string_view exit_stored = "exit.stored";                // exit order stored, not sent
}  // namespace failpoint_names

void failpoint(std::string_view name);

}  // namespace gd::trading
