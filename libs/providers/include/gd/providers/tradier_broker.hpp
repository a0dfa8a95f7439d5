#pragma once
// The broker port (gd/execution/broker.hpp) on Tradier's REST API (the sandbox paper account or
// a live one): multileg orders by form POST, orders and positions by GET, cancel by DELETE.
// The transport owns the base URL ("https://sandbox.tradier.com/v1"), the bearer token, Accept,
// deadline and rate limit, so the token never passes through here; this class owns the paths, the
// form, the status mapping and Tradier's quirks (single element collapsed to an object, "null"
// for an empty list, floats for quantities, HTTP 200 carrying errors).
//
// The rule that matters most: a POST whose fate we cannot know (timeout, dropped connection,
// 5xx, an unreadable 200) is broker_errors::unknown_outcome, never "rejected": the engine then
// finds the order by its tag in orders(). Nothing here resends.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gd/execution/broker.hpp>
#include <gd/providers/http_getter.hpp>

namespace gd::providers {

class tradier_broker final : public gd::execution::broker {
 public:
  // Throws std::invalid_argument without a transport or for an account id that is not 1-64
  // letters and digits (it becomes a path segment).
  tradier_broker(std::shared_ptr<http_getter> transport, std::string account_id);

  std::string_view name() const override { return "tradier"; }

  // POST /accounts/{id}/orders, class=multileg, type=credit (intent open) or debit (close),
  // duration=day, price on the 0.05 tick, tag, option_symbol[i]/side[i]/quantity[i].
  gd::result<std::string> submit(const gd::execution::order& o) override;
  // GET /accounts/{id}/orders?includeTags=true: the whole list or an error, never part of it.
  gd::result<std::vector<gd::execution::broker_order>> orders() override;
  // GET /accounts/{id}/orders/{order_id}?includeTags=true.
  gd::result<gd::execution::broker_order> order_status(const std::string& broker_id) override;
  // DELETE /accounts/{id}/orders/{order_id}.
  gd::result<gd::ok_t> cancel(const std::string& broker_id) override;
  // GET /accounts/{id}/positions.
  gd::result<std::vector<gd::execution::position>> positions() override;

  const std::string& account_id() const noexcept { return account_id_; }

 private:
  gd::result<nlohmann::json> get_json(const std::string& path_and_query, const std::string& what);
  std::string orders_path() const;

  std::shared_ptr<http_getter> transport_;
  std::string account_id_;
};

// ---- The pure halves (tradier_broker_parse.cpp), testable without a socket ----

// The net limit as Tradier wants it: "1.25". Empty when not positive, not finite or off the 0.05 tick.
std::optional<std::string> tradier_price_text(double price);

// The form body of POST /accounts/{id}/orders for `o` (keys and values percent-encoded, so the
// leg keys read option_symbol%5B0%5D). An error (code broker_rejected) for an order that cannot be
// sent as it is: 0 or more than 4 legs, quantity < 1, a price off the tick, an invalid tag.
gd::result<std::string> tradier_order_form(const gd::execution::order& o);

// One order object of GET /orders or GET /orders/{id}. Quantities in spreads: a multileg order's
// own quantity/exec_quantity, else its first leg's. avg_fill_price is net per spread, positive:
// the order's own, else (when filled) |sum of sell legs - sum of buy legs|. Errors: broker_malformed.
gd::result<gd::execution::broker_order> parse_tradier_order(const nlohmann::json& order_object);

// A GET /orders body: {"orders":{"order":[...] | {...}}}; {"orders":"null"}, {"orders":null}, {}
// and a null document are the empty list. Any unreadable order fails the whole list.
gd::result<std::vector<gd::execution::broker_order>> parse_tradier_orders(const nlohmann::json& doc);

// A GET /positions body: signed whole contracts per OCC symbol (quantity -1.00000000 is short one);
// several lots of one symbol are summed and flat symbols left out. Empty markers as for orders.
gd::result<std::vector<gd::execution::position>> parse_tradier_positions(const nlohmann::json& doc);

}  // namespace gd::providers
