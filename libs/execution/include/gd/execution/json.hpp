#pragma once
// JSON for what the service stores as JSONB (orders, order_events) and serves over the API.
// Times are UTC ISO-8601 ("2025-01-07T15:00:00.000000Z"), dates "YYYY-MM-DD", prices in points
// per spread, money in dollars. Enums are their snake_case names.
#include <nlohmann/json.hpp>

#include <gd/core/result.hpp>

#include <gd/execution/management.hpp>
#include <gd/execution/mark.hpp>
#include <gd/execution/order.hpp>
#include <gd/execution/order_event.hpp>
#include <gd/execution/order_machine.hpp>
#include <gd/execution/pnl.hpp>
#include <gd/execution/reconciliation.hpp>
#include <gd/execution/trade.hpp>

namespace gd::execution {

void to_json(nlohmann::json& j, const order_leg& leg);
void to_json(nlohmann::json& j, const order& o);
void to_json(nlohmann::json& j, const command& c);
void to_json(nlohmann::json& j, const transition& t);  // an order_events row
void to_json(nlohmann::json& j, const vertical& v);
void to_json(nlohmann::json& j, const trade& t);
void to_json(nlohmann::json& j, const mark& m);
void to_json(nlohmann::json& j, const trade_pnl& p);
void to_json(nlohmann::json& j, const day_pnl& p);
void to_json(nlohmann::json& j, const recon_action& a);
void to_json(nlohmann::json& j, const recon_alarm& a);
void to_json(nlohmann::json& j, const reconciliation_report& r);

// {"type": "fill", "cumulative_quantity": 2, ...}
nlohmann::json event_to_json(const order_event& e);

// The inverses of to_json for what the service reads back from Postgres. Errors name the field.
gd::result<order> order_from_json(const nlohmann::json& j);
gd::result<vertical> vertical_from_json(const nlohmann::json& j);
gd::result<trade> trade_from_json(const nlohmann::json& j);

}  // namespace gd::execution
