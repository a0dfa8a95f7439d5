#pragma once
// Private to the trading repository (trading_repository.cpp, trading_orders.cpp,
// trading_trades.cpp): value conversions and the statements several of its operations share.
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include <gd/store/trading_repository.hpp>

namespace gd::store::trading_sql {

// ---- values ------------------------------------------------------------------------------

// Timestamps are read as microseconds since the epoch and written as ISO text.
gd::sys_time from_micros(long long us);
std::optional<gd::sys_time> optional_micros(const pqxx::field& f);
std::string instant_text(gd::sys_time t);
std::optional<std::string> instant_or_null(gd::sys_time t);   // epoch -> NULL
std::string date_text(date::year_month_day d);
date::year_month_day parse_day(const std::string& s);         // throws on a malformed date
// The shortest decimal that reads back as the same double ("1.2", not "1.19999999999999996"),
// for numeric columns. Throws std::invalid_argument for NaN and infinity.
std::string decimal(double x);

// The UTC instants [start, end) of New York trading date d, as ISO text.
std::string ny_day_start(date::year_month_day d);
std::string ny_day_end(date::year_month_day d);

nlohmann::json parse_json(const pqxx::field& f);

// "('filled', 'cancelled', 'rejected', 'expired')": the terminal order states (execution::is_terminal),
// for `state NOT IN ...`. The migration's partial indexes list the same states.
const std::string& terminal_states_sql();

// ---- shared statements --------------------------------------------------------------------

// The book inside an open transaction (see trading_repository::risk_book).
strategy::risk_state read_risk_book(pqxx::transaction_base& tx, date::year_month_day trade_date);

// Inserts a new order (state created) with its first order_events row ("created", seq 1).
// False when a unique rule refused it (tag taken, another live exit / entry attempt).
bool insert_new_order(pqxx::transaction_base& tx, const execution::order& o, const std::string& broker,
                      const std::optional<execution::vertical>& spread, std::optional<long long> decision_id,
                      const std::optional<std::string>& trade_id, const std::optional<std::string>& previous_tag,
                      gd::sys_time at);

// Inserts or rewrites a trade and its two legs. The decision comes from its entry order.
void upsert_trade(pqxx::transaction_base& tx, const execution::trade& t);

// SELECT lists and readers; `o` is the orders alias, `t` trades and `m` its latest mark (see trade_from).
extern const char* const order_columns;
order_row read_order(const pqxx::row& r);
extern const char* const trade_columns;
extern const char* const trade_from;   // FROM trades t LEFT JOIN LATERAL (latest mark) m
trade_row read_trade(const pqxx::row& r);

}  // namespace gd::store::trading_sql
