#pragma once
// The broker port: where orders go. Two adapters implement it (libs/providers): `tradier` (the
// Tradier sandbox or a live account, over HTTPS) and `simulated` (fills against the market data
// with the fill model, so paper trading works without any account). The trading engine in the
// service drives the order state machine (order_machine.hpp) and calls these; it never knows
// which adapter it talks to.
//
// Blocking calls, from worker threads. Expected failures are gd::error values with the codes
// below, and a message that names the broker and the call and never contains a credential.
#include <string>
#include <string_view>
#include <vector>

#include <gd/core/result.hpp>
#include <gd/execution/order.hpp>
#include <gd/execution/reconciliation.hpp>

namespace gd::execution {

namespace broker_errors {
// Definitive refusals: the broker did not and will not work this order (HTTP 400, HTTP 200 with
// an "errors" body). Maps to events::rejected.
inline constexpr std::string_view rejected = "broker_rejected";
// A send whose fate is unknown: a timeout, a dropped connection or a 5xx after the request may
// have reached the broker. Maps to events::send_outcome_unknown: never resend, look up by tag.
inline constexpr std::string_view unknown_outcome = "broker_unknown_outcome";
// A read or a cancel that failed without changing anything we know of (transport error, 5xx,
// 429 after retries): try again later.
inline constexpr std::string_view unavailable = "broker_unavailable";
inline constexpr std::string_view not_found = "broker_not_found";              // no such order id
inline constexpr std::string_view not_cancellable = "broker_not_cancellable";  // already filled/cancelled/expired
inline constexpr std::string_view auth = "broker_auth";                        // 401/403
inline constexpr std::string_view malformed = "broker_malformed";              // an answer we cannot read
}  // namespace broker_errors

class broker {
 public:
  virtual ~broker() = default;

  virtual std::string_view name() const = 0;  // "tradier" | "simulated"

  // Sends one multileg order: o.legs (each o.quantity contracts), o.limit_price net per spread
  // (credit for intent open, debit for close), day duration, tag = o.tag. Ok: the broker's order
  // id. Errors: rejected (with the broker's words), unknown_outcome, auth, malformed.
  virtual gd::result<std::string> submit(const order& o) = 0;

  // Every order the broker reports for the account (Tradier: today's and still-working ones),
  // with their tags. Either the complete list or an error, never a partial list: a missing order
  // must mean "not at the broker", because reconciliation acts on it.
  virtual gd::result<std::vector<broker_order>> orders() = 0;

  // One order by the broker's id. Errors: not_found, unavailable, auth, malformed.
  virtual gd::result<broker_order> order_status(const std::string& broker_id) = 0;

  // Requests cancellation. Ok means the broker took the request (the order may still fill before
  // it is cancelled: poll). Errors: not_cancellable, not_found, unavailable, auth.
  virtual gd::result<ok_t> cancel(const std::string& broker_id) = 0;

  // Open positions, signed contracts per OCC symbol. Complete or an error, as orders().
  virtual gd::result<std::vector<position>> positions() = 0;
};

// The broker orders that carry `tag` (none, one, or several: a broker-side duplicate).
std::vector<broker_order> orders_with_tag(const std::vector<broker_order>& all, std::string_view tag);

// The lookup event for the state machine from a list of the broker's orders: lookup_found for
// the order with `tag` (the most filled one when there are several), else lookup_not_found.
order_event lookup_event(const std::vector<broker_order>& all, std::string_view tag);

}  // namespace gd::execution
