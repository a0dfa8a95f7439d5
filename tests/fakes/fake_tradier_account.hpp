#pragma once
// A paper account for the fake Tradier server, in Tradier's wire format (tradier_api.md 4-6):
//   POST   /v1/accounts/{account_id}/orders             multileg form -> {"order":{"id":N,"status":"ok"}}
//   GET    /v1/accounts/{account_id}/orders             {"orders":{"order":[...] | {...}}} or {"orders":"null"}
//   GET    /v1/accounts/{account_id}/orders/{order_id}  {"order":{...}}  (unknown id: 404 + errors)
//   DELETE /v1/accounts/{account_id}/orders/{order_id}  {"order":{"id":N,"status":"ok"}}
//   GET    /v1/accounts/{account_id}/positions          {"positions":{"position":...}} or {"positions":"null"}
// with the quirks: one element collapses to an object (orders, legs, positions, a single error),
// quantities and prices are floats with eight decimals (1.00000000), dates are ISO-8601 with ms
// and Z, tags only with includeTags=true, validation errors as HTTP 400 {"errors":{"error":[...]}}.
//
// What happens to each order is scripted by a fill_plan - from C++ for in-process tests, or over
// HTTP for a fake_tradier process (the service's integration tests SIGKILL the service, so the
// fake must live apart):
//   POST /__fake/account/script                  {"default":{plan}, "next":[{plan}...], "reset":false}
//   POST /__fake/account/advance                 -> {"changed":N}
//   POST /__fake/account/orders/{order_id}/status {"status":"filled","exec_quantity":1,"avg_fill_price":1.2,
//                                                  "reason_description":"..."}
//   POST /__fake/account/reset
//   GET  /__fake/account/orders                  -> {"orders":[...], "posts":[...], "posts_by_tag":{tag:n},
//                                                    "orders_by_tag":{tag:n}, "positions":[...]}
// A plan in JSON: {"fill":"immediate|open|fill_on_advance|partial|reject_400|reject_200|reject_later",
//   "partial_quantity":1, "fill_price":1.2, "reason":"...", "cancel":"cancels|fill_after_cancel",
//   "after_accept":"none|drop_connection|server_error|slow", "slow_ms":5000, "times":1}; fields left
// out keep the default plan's values (a "default" in the same script first).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_tradier.hpp"

namespace gd::fakes {

enum class fill_mode {
  immediate,        // filled in full at placement
  open,             // stays open until set_order_status (or a cancel)
  fill_on_advance,  // open; filled in full at the next advance()
  partial,          // open; partial_quantity spreads at the next advance(), the rest at the one after
  reject_400,       // refused at placement: HTTP 400 {"errors":{"error":[reason]}}; no order
  reject_200,       // refused at placement: HTTP 200 {"errors":{"error":reason}}; no order
  reject_later,     // accepted (open); the next advance() makes it `rejected` with reason_description
};
enum class cancel_mode {
  cancels,            // DELETE answers ok, the order is canceled
  fill_after_cancel,  // DELETE answers ok, and the order fills in full anyway
};
// How the answer to an accepted POST fails. The order is in the book either way.
enum class placement_fault { none, drop_connection, server_error, slow };

struct fill_plan {
  fill_mode fill = fill_mode::immediate;
  int partial_quantity = 1;
  std::optional<double> fill_price;  // net per spread; the limit when empty
  std::string reason = "Backoffice rejected override of the order.";
  cancel_mode on_cancel = cancel_mode::cancels;
  placement_fault after_accept = placement_fault::none;
  std::chrono::milliseconds slow_delay{5'000};  // placement_fault::slow
};

struct fake_leg {
  std::int64_t id = 0;
  std::string option_symbol;
  std::string side;  // sell_to_open, buy_to_open, buy_to_close, sell_to_close
  int quantity = 0;  // contracts
};

struct fake_order {
  std::int64_t id = 0;
  std::string tag;
  std::string symbol;    // underlying ("SPX")
  std::string type;      // credit, debit, even, market
  std::string duration;  // day, gtc, pre, post
  double price = 0.0;    // net limit, positive
  std::vector<fake_leg> legs;
  int quantity = 0;      // spreads: the first leg's quantity
  std::string status = "open";
  int exec_quantity = 0;
  double avg_fill_price = 0.0;  // net per spread, positive
  std::string reason_description;
  fill_plan plan;
  int steps = 0;  // advance() steps taken
  std::string create_date;
  std::string transaction_date;
};

// Every POST to the orders route, valid or not, in arrival order.
struct received_post {
  std::string tag;
  std::string body;
  int http_status = 0;                  // what was (or would have been) answered
  std::optional<std::int64_t> order_id; // when an order was booked
  std::string outcome;                  // accepted, rejected, invalid, dropped, server_error, slow
};

struct fake_position {
  std::string symbol;
  int quantity = 0;  // signed contracts
};

struct fake_account_options {
  std::string account_id = "VA000001";
  fill_plan default_plan;
  std::int64_t first_order_id = 257459;
};

std::optional<fill_mode> parse_fill_mode(std::string_view text);
std::optional<cancel_mode> parse_cancel_mode(std::string_view text);
std::optional<placement_fault> parse_placement_fault(std::string_view text);
// A plan from its JSON form (above): the fields given replace those of `base`. Throws
// std::invalid_argument naming the bad field.
fill_plan fill_plan_from_json(const nlohmann::json& j, fill_plan base = {});

class fake_account {
 public:
  explicit fake_account(fake_account_options options = {});
  ~fake_account();
  fake_account(const fake_account&) = delete;
  fake_account& operator=(const fake_account&) = delete;

  const std::string& account_id() const;

  // ---- scripting ----
  void set_default_plan(fill_plan plan);
  void push_plan(fill_plan plan, int times = 1);  // for the next orders placed, before the default
  std::size_t pending_plans() const;
  // One step for every working order along its plan; returns how many orders changed.
  int advance();
  // Sets an order's state directly; exec_quantity/avg_fill_price keep their values when empty.
  // False for an unknown id or status.
  bool set_order_status(std::int64_t id, const std::string& status, std::optional<int> exec_quantity = {},
                        std::optional<double> avg_fill_price = {}, std::string reason_description = {});
  // Forgets orders, posts and queued plans (the default plan stays; ids keep counting).
  void reset();
  // The JSON script of POST /__fake/account/script; throws std::invalid_argument.
  void apply_script(const nlohmann::json& script);

  // ---- observations ----
  std::vector<fake_order> orders() const;
  std::optional<fake_order> order(std::int64_t id) const;
  std::optional<fake_order> order_with_tag(const std::string& tag) const;  // the first one
  std::vector<received_post> posts() const;
  std::size_t posts_with_tag(const std::string& tag) const;
  std::size_t orders_with_tag(const std::string& tag) const;
  std::vector<fake_position> positions() const;  // from filled quantities; short legs negative
  nlohmann::json state_json() const;             // GET /__fake/account/orders

  // ---- HTTP handlers (registered by install_account) ----
  fake_response place_order(const fake_request& r);
  fake_response list_orders(const fake_request& r);
  fake_response get_order(const fake_request& r);
  fake_response cancel_order(const fake_request& r);
  fake_response list_positions(const fake_request& r);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// Adds the account's routes (Tradier's and /__fake/account/...) to `server`, before or after
// start(). The routes keep the account alive.
std::shared_ptr<fake_account> install_account(fake_tradier& server, fake_account_options options = {});

}  // namespace gd::fakes
