// Trades (with their latest mark), the daily-PnL input, marks.
#include <gd/store/trading_repository.hpp>

#include <algorithm>

#include <pqxx/pqxx>

#include "trading_sql.hpp"

namespace gd::store {

using namespace trading_sql;

namespace {

std::vector<trade_row> read_trades(const pqxx::result& rows) {
  std::vector<trade_row> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(read_trade(r));
  return out;
}

}  // namespace

std::vector<trade_row> trading_repository::open_trades() {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    return read_trades(tx.exec(std::string("SELECT ") + trade_columns + trade_from +
                               "WHERE t.status = 'open' ORDER BY t.opened_at, t.trade_id"));
  });
}

std::vector<trade_row> trading_repository::trades(const trade_filter& f) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    std::optional<std::string> status, from, to;
    if (f.status) status = std::string(execution::to_string(*f.status));
    if (f.from) from = ny_day_start(*f.from);
    if (f.to) to = ny_day_end(*f.to);
    return read_trades(tx.exec_params(std::string("SELECT ") + trade_columns + trade_from +
                                          "WHERE ($1::text IS NULL OR t.status = $1) "
                                          "AND ($2::timestamptz IS NULL OR t.opened_at >= $2::timestamptz) "
                                          "AND ($3::timestamptz IS NULL OR t.opened_at < $3::timestamptz) "
                                          "ORDER BY t.opened_at DESC, t.trade_id DESC LIMIT $4",
                                      status, from, to, std::clamp(f.limit, 1, 500)));
  });
}

std::optional<trade_row> trading_repository::trade(const std::string& trade_id) {
  return pool_.with_connection([&](pqxx::connection& c) -> std::optional<trade_row> {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(std::string("SELECT ") + trade_columns + trade_from + "WHERE t.trade_id = $1", trade_id);
    if (rows.empty()) return std::nullopt;
    return read_trade(rows[0]);
  });
}

void trading_repository::update_trade(const execution::trade& t) {
  pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    upsert_trade(tx, t);
    tx.commit();
  });
}

std::vector<trade_row> trading_repository::trades_for_pnl(date::year_month_day from, date::year_month_day to) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    // Closed within [from, to] (New York dates of the close), or opened by the end of `to` and
    // not closed by then.
    return read_trades(tx.exec_params(std::string("SELECT ") + trade_columns + trade_from +
                                          "WHERE t.closed_on BETWEEN $1::date AND $2::date "
                                          "OR (t.opened_at < $3::timestamptz AND (t.status = 'open' OR t.closed_on > $2::date)) "
                                          "ORDER BY t.opened_at, t.trade_id",
                                      date_text(from), date_text(to), ny_day_end(to)));
  });
}

void trading_repository::insert_mark(const std::string& trade_id, const execution::mark& m) {
  pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params(
        "INSERT INTO trade_marks (trade_id, at, mid_debit, close_debit) "
        "VALUES ($1, $2::timestamptz, $3::numeric, $4::numeric) ON CONFLICT (trade_id, at) DO NOTHING",
        trade_id, instant_text(m.at), decimal(m.mid_debit), decimal(m.close_debit));
    tx.commit();
  });
}

std::vector<execution::mark> trading_repository::marks(const std::string& trade_id, int limit) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(
        "SELECT (extract(epoch FROM at) * 1000000)::bigint, mid_debit::float8, close_debit::float8 FROM trade_marks "
        "WHERE trade_id = $1 ORDER BY at DESC LIMIT $2",
        trade_id, std::clamp(limit, 1, 10000));
    std::vector<execution::mark> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back({from_micros(r[0].as<long long>()), r[1].as<double>(), r[2].as<double>()});
    return out;
  });
}

}  // namespace gd::store
