// Orders: new exits and re-priced replacements, stored transitions (compare-and-set on the state
// and version) with their events and fills, and the order queries.
#include <gd/store/trading_repository.hpp>

#include <algorithm>
#include <stdexcept>

#include <pqxx/pqxx>

#include <gd/execution/json.hpp>

#include "trading_sql.hpp"

namespace gd::store {

using namespace trading_sql;

namespace {

std::vector<order_row> read_orders(const pqxx::result& rows) {
  std::vector<order_row> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(read_order(r));
  return out;
}

}  // namespace

bool trading_repository::insert_exit_order(const execution::order& exit, const std::string& trade_id,
                                           const std::string& broker, gd::sys_time at) {
  if (exit.intent != execution::order_intent::close)
    throw std::invalid_argument("trading store: exit order " + exit.tag + " is not a close");
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    // The trade row lock orders concurrent exits for one trade; the partial unique index decides.
    const auto rows = tx.exec_params(std::string("SELECT ") + trade_columns + trade_from +
                                         "WHERE t.trade_id = $1 AND t.status = 'open' FOR UPDATE OF t",
                                     trade_id);
    if (rows.empty()) return false;
    const trade_row t = read_trade(rows[0]);
    if (!insert_new_order(tx, exit, broker, t.trade.spread, std::nullopt, trade_id, std::nullopt, at)) return false;
    tx.commit();
    return true;
  });
}

bool trading_repository::insert_replacement_order(const execution::order& replacement, const std::string& previous_tag,
                                                  gd::sys_time at) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    const auto prev = tx.exec_params(std::string("SELECT ") + order_columns + " FROM orders o WHERE o.tag = $1 FOR UPDATE",
                                     previous_tag);
    if (prev.empty()) return false;
    const order_row p = read_order(prev[0]);
    if (p.order.intent != replacement.intent)
      throw std::invalid_argument("trading store: replacement " + replacement.tag + " changes the intent of " + previous_tag);
    if (!insert_new_order(tx, replacement, p.broker, p.spread, p.decision_id, p.trade_id, previous_tag, at)) return false;
    tx.commit();
    return true;
  });
}

bool trading_repository::record_transition(const execution::transition& t, gd::sys_time at,
                                           const std::optional<execution::trade>& trade,
                                           std::optional<int> expected_version) {
  const execution::order& o = t.next;
  const std::string from = std::string(execution::to_string(t.from));
  const std::string to = std::string(execution::to_string(t.to));
  if (o.state != t.to) throw std::invalid_argument("trading store: transition of " + o.tag + " disagrees with its order");
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    const auto cur = tx.exec_params(
        "SELECT state, version, filled_quantity, (doc ->> 'sends')::int FROM orders WHERE tag = $1 FOR UPDATE", o.tag);
    if (cur.empty()) return false;
    const int version = cur[0][1].as<int>();
    if (cur[0][0].as<std::string>() != from) return false;
    if (expected_version && *expected_version != version) return false;
    // Fills and sends only grow: a transition computed from an older copy of the order loses.
    if (cur[0][2].as<int>() > o.filled_quantity || cur[0][3].as<int>() > o.sends) return false;

    const nlohmann::json doc = o;
    const auto updated = tx.exec_params(
        "UPDATE orders SET state = $3, version = version + 1, broker_id = $4, filled_quantity = $5, "
        "limit_price = $6::numeric, avg_fill_price = $7::numeric, doc = $8::jsonb, updated_at = $9::timestamptz "
        "WHERE tag = $1 AND state = $2 AND version = $10",
        o.tag, from, to, o.broker_id, o.filled_quantity, decimal(o.limit_price), decimal(o.avg_fill_price), doc.dump(),
        instant_text(at), version);
    if (updated.affected_rows() != 1) return false;

    // The row lock above makes max(seq) + 1 safe.
    tx.exec_params(
        "INSERT INTO order_events (tag, seq, at, from_state, to_state, event, commands, note) "
        "SELECT $1, coalesce(max(seq), 0) + 1, $2::timestamptz, $3, $4, $5::jsonb, $6::jsonb, $7 "
        "FROM order_events WHERE tag = $1",
        o.tag, instant_text(at), from, to, execution::event_to_json(t.event).dump(), nlohmann::json(t.commands).dump(),
        t.note);

    for (const auto& cmd : t.commands) {
      if (cmd.kind != execution::command_kind::record_fill || cmd.quantity <= 0) continue;
      tx.exec_params(
          "INSERT INTO fills (tag, at, quantity, price, cumulative_quantity) "
          "VALUES ($1, $2::timestamptz, $3, $4::numeric, $5) ON CONFLICT (tag, cumulative_quantity) DO NOTHING",
          o.tag, instant_text(at), cmd.quantity, decimal(cmd.price.value_or(o.avg_fill_price)), o.filled_quantity);
    }

    if (trade) {
      upsert_trade(tx, *trade);
      tx.exec_params("UPDATE orders SET trade_id = $2 WHERE tag = $1", o.tag, trade->id);
    }
    tx.commit();
    return true;
  });
}

std::optional<order_row> trading_repository::order(const std::string& tag) {
  return pool_.with_connection([&](pqxx::connection& c) -> std::optional<order_row> {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(std::string("SELECT ") + order_columns + " FROM orders o WHERE o.tag = $1", tag);
    if (rows.empty()) return std::nullopt;
    return read_order(rows[0]);
  });
}

std::vector<order_row> trading_repository::live_orders() {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    return read_orders(tx.exec(std::string("SELECT ") + order_columns + " FROM orders o WHERE o.state NOT IN " +
                               terminal_states_sql() + " ORDER BY o.created_at, o.tag"));
  });
}

std::vector<order_row> trading_repository::orders(const order_filter& f) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    std::optional<std::string> day_start, day_end;
    if (f.trade_date) {
      day_start = ny_day_start(*f.trade_date);
      day_end = ny_day_end(*f.trade_date);
    }
    // The cursor is (created_at, tag) of the named order: strictly older rows come next. An
    // unknown cursor tag yields nothing.
    return read_orders(tx.exec_params(
        std::string("SELECT ") + order_columns +
            " FROM orders o WHERE ($1::text IS NULL OR o.state = $1) "
            "AND ($2::timestamptz IS NULL OR o.created_at >= $2::timestamptz) "
            "AND ($3::timestamptz IS NULL OR o.created_at < $3::timestamptz) "
            "AND ($4::text IS NULL OR (o.created_at, o.tag) < (SELECT created_at, tag FROM orders WHERE tag = $4)) "
            "ORDER BY o.created_at DESC, o.tag DESC LIMIT $5",
        f.state, day_start, day_end, f.before_tag, std::clamp(f.limit, 1, 500)));
  });
}

std::vector<order_event_row> trading_repository::order_events(const std::string& tag) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(
        "SELECT event_id, tag, seq, (extract(epoch FROM at) * 1000000)::bigint, from_state, to_state, event::text, "
        "commands::text, note FROM order_events WHERE tag = $1 ORDER BY seq",
        tag);
    std::vector<order_event_row> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
      order_event_row e;
      e.event_id = r[0].as<long long>();
      e.tag = r[1].as<std::string>();
      e.seq = r[2].as<int>();
      e.at = from_micros(r[3].as<long long>());
      e.from_state = r[4].as<std::string>();
      e.to_state = r[5].as<std::string>();
      e.event = parse_json(r[6]);
      e.commands = parse_json(r[7]);
      e.note = r[8].as<std::string>();
      out.push_back(std::move(e));
    }
    return out;
  });
}

std::vector<fill_row> trading_repository::fills(const std::string& tag) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(
        "SELECT fill_id, tag, (extract(epoch FROM at) * 1000000)::bigint, quantity, price::float8, cumulative_quantity "
        "FROM fills WHERE tag = $1 ORDER BY cumulative_quantity",
        tag);
    std::vector<fill_row> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
      fill_row f;
      f.fill_id = r[0].as<long long>();
      f.tag = r[1].as<std::string>();
      f.at = from_micros(r[2].as<long long>());
      f.quantity = r[3].as<int>();
      f.price = r[4].as<double>();
      f.cumulative_quantity = r[5].as<int>();
      out.push_back(f);
    }
    return out;
  });
}

std::vector<order_row> trading_repository::trade_orders(const std::string& trade_id) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    // Linked orders, plus every entry attempt of the trade's decision (an unfilled first attempt
    // before a re-priced one that filled is never linked to the trade).
    return read_orders(tx.exec_params(
        std::string("SELECT ") + order_columns +
            " FROM orders o WHERE o.trade_id = $1 OR o.tag = $1 OR (o.intent = 'open' AND o.decision_id = "
            "(SELECT decision_id FROM trades WHERE trade_id = $1)) ORDER BY o.created_at, o.tag",
        trade_id));
  });
}

}  // namespace gd::store
