// Decisions, the risk book, settlement prints, operator controls, alarms and state documents.
// Orders live in trading_orders.cpp, trades and marks in trading_trades.cpp.
#include <gd/store/trading_repository.hpp>

#include <algorithm>
#include <stdexcept>

#include <pqxx/pqxx>

#include <gd/execution/json.hpp>

#include "trading_sql.hpp"

namespace gd::store {

using namespace trading_sql;

namespace {

// pg_advisory_xact_lock(class, hashtext(key)): "gdtd", the class of decision-slot locks. The
// two-int form never collides with the single-bigint locks of migrations and partitions.
constexpr int decision_lock_class = 0x67647464;

constexpr const char* decision_columns =
    "decision_id, trade_date::text, slot, underlying, source, action, reason, message, "
    "(extract(epoch FROM evaluated_at) * 1000000)::bigint, snapshot_id, snapshot_checksum, config_hash, order_tag, "
    "decision::text";

decision_row read_decision(const pqxx::row& r) {
  decision_row d;
  d.decision_id = r[0].as<long long>();
  d.trade_date = parse_day(r[1].as<std::string>());
  d.slot = r[2].as<std::string>();
  d.underlying = r[3].as<std::string>();
  d.source = r[4].as<std::string>() == "manual" ? decision_source::manual : decision_source::scheduled;
  d.action = r[5].as<std::string>();
  d.reason = r[6].as<std::string>();
  d.message = r[7].as<std::string>();
  d.evaluated_at = from_micros(r[8].as<long long>());
  if (!r[9].is_null()) d.snapshot_id = r[9].as<long long>();
  d.snapshot_checksum = r[10].as<std::string>();
  d.config_hash = r[11].as<std::string>();
  if (!r[12].is_null()) d.order_tag = r[12].as<std::string>();
  d.decision = parse_json(r[13]);
  return d;
}

int clamp_limit(int limit) { return std::clamp(limit, 1, 500); }

const char* source_name(execution::settlement_source s) {
  return s == execution::settlement_source::official_close ? "official_close" : "opening_settlement_value";
}

}  // namespace

// ---- decisions ----------------------------------------------------------------------------

decide_outcome trading_repository::decide_once(date::year_month_day trade_date, const std::string& slot,
                                               const std::string& underlying, decision_source source,
                                               const std::string& broker,
                                               const std::function<decision_record(const strategy::risk_state&)>& decide) {
  return pool_.with_connection([&](pqxx::connection& c) -> decide_outcome {
    pqxx::work tx(c);
    const std::string day = date_text(trade_date);
    // Held to commit: a second replica (or thread) waits here, then sees the stored decision.
    tx.exec_params("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", decision_lock_class,
                   day + "|" + slot + "|" + underlying);
    if (source == decision_source::scheduled) {
      const auto existing = tx.exec_params(std::string("SELECT ") + decision_columns +
                                               " FROM trade_decisions WHERE trade_date = $1::date AND slot = $2 "
                                               "AND underlying = $3 AND source = 'scheduled'",
                                           day, slot, underlying);
      if (!existing.empty()) return decide_outcome{read_decision(existing[0]), true};
    }
    const strategy::risk_state book = read_risk_book(tx, trade_date);
    const decision_record rec = decide(book);  // throws: the transaction rolls back, nothing stored

    const auto& d = rec.decision;
    std::optional<std::string> order_tag;
    if (rec.entry_order) {
      if (!d.is_trade()) throw std::invalid_argument("trading store: a SKIP decision cannot carry an entry order");
      if (rec.entry_order->intent != execution::order_intent::open)
        throw std::invalid_argument("trading store: the entry order " + rec.entry_order->tag + " is not an entry");
      order_tag = rec.entry_order->tag;
    }
    const auto row = tx.exec_params1(
        "INSERT INTO trade_decisions (trade_date, slot, underlying, source, action, reason, message, evaluated_at, "
        "snapshot_id, snapshot_checksum, config_hash, config, decision, order_tag) "
        "VALUES ($1::date, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), $9, $10, $11, $12::jsonb, "
        "$13::jsonb, $14) RETURNING " + std::string(decision_columns),
        day, slot, underlying, std::string(source == decision_source::manual ? "manual" : "scheduled"),
        std::string(strategy::to_string(d.act)), std::string(strategy::to_string(d.reason)), d.message,
        instant_or_null(d.evaluated_at), rec.snapshot_id, d.snapshot_checksum, d.config_hash,
        (rec.config.is_null() ? nlohmann::json::object() : rec.config).dump(), strategy::to_json(d).dump(), order_tag);
    decide_outcome out{read_decision(row), false};
    if (rec.entry_order) {
      const gd::sys_time at = d.evaluated_at.time_since_epoch().count() != 0 ? d.evaluated_at : out.row.evaluated_at;
      if (!insert_new_order(tx, *rec.entry_order, broker, rec.spread, out.row.decision_id, std::nullopt, std::nullopt, at))
        throw std::runtime_error("trading store: entry order tag " + rec.entry_order->tag + " is already taken");
    }
    tx.commit();
    return out;
  });
}

strategy::risk_state trading_repository::risk_book(date::year_month_day trade_date) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    return read_risk_book(tx, trade_date);
  });
}

std::vector<decision_row> trading_repository::decisions(int limit, std::optional<date::year_month_day> trade_date,
                                                        std::optional<long long> before_id) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    std::optional<std::string> day;
    if (trade_date) day = date_text(*trade_date);
    const auto rows = tx.exec_params(std::string("SELECT ") + decision_columns +
                                         " FROM trade_decisions WHERE ($1::date IS NULL OR trade_date = $1::date) "
                                         "AND ($2::bigint IS NULL OR decision_id < $2) ORDER BY decision_id DESC LIMIT $3",
                                     day, before_id, clamp_limit(limit));
    std::vector<decision_row> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(read_decision(r));
    return out;
  });
}

std::optional<decision_row> trading_repository::decision(long long decision_id) {
  return pool_.with_connection([&](pqxx::connection& c) -> std::optional<decision_row> {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(std::string("SELECT ") + decision_columns + " FROM trade_decisions WHERE decision_id = $1",
                                     decision_id);
    if (rows.empty()) return std::nullopt;
    return read_decision(rows[0]);
  });
}

// ---- settlement prints --------------------------------------------------------------------

execution::settlement_print trading_repository::upsert_settlement(const execution::settlement_print& print,
                                                                  const std::string& provider) {
  if (!(print.value > 0.0)) throw std::invalid_argument("trading store: a settlement value must be positive");
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    const std::string day = date_text(print.date);
    const std::string source = source_name(print.source);
    tx.exec_params(
        "INSERT INTO settlement_values (date, source, value, provider) VALUES ($1::date, $2, $3::numeric, $4) "
        "ON CONFLICT (date, source) DO NOTHING",
        day, source, decimal(print.value), provider);
    const auto r = tx.exec_params1("SELECT value::float8 FROM settlement_values WHERE date = $1::date AND source = $2",
                                   day, source);
    tx.commit();
    execution::settlement_print stored = print;
    stored.value = r[0].as<double>();
    return stored;
  });
}

std::optional<execution::settlement_print> trading_repository::settlement(date::year_month_day day,
                                                                         execution::settlement_source source) {
  return pool_.with_connection([&](pqxx::connection& c) -> std::optional<execution::settlement_print> {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params("SELECT value::float8 FROM settlement_values WHERE date = $1::date AND source = $2",
                                     date_text(day), std::string(source_name(source)));
    if (rows.empty()) return std::nullopt;
    return execution::settlement_print{day, source, rows[0][0].as<double>()};
  });
}

// ---- operator controls, alarms, state -----------------------------------------------------

bool trading_repository::kill_switch() {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    return tx.exec1("SELECT coalesce((SELECT (value ->> 'on')::boolean FROM trading_state WHERE key = 'kill_switch'), false)")[0]
        .as<bool>();
  });
}

void trading_repository::set_kill_switch(bool on, const std::string& reason, gd::sys_time at) {
  const nlohmann::json value = {{"on", on}, {"reason", reason}, {"at", instant_text(at)}};
  pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params(
        "INSERT INTO trading_state (key, value, updated_at) VALUES ('kill_switch', $1::jsonb, $2::timestamptz) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at",
        value.dump(), instant_text(at));
    tx.commit();
  });
}

void trading_repository::raise_alarm(const std::string& kind, const std::string& key, const std::string& message,
                                     gd::sys_time at) {
  pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params(
        "INSERT INTO trading_alarms (at, kind, key, message) VALUES ($1::timestamptz, $2, $3, $4) "
        "ON CONFLICT (kind, key) WHERE cleared_at IS NULL DO NOTHING",
        instant_text(at), kind, key, message);
    tx.commit();
  });
}

void trading_repository::clear_alarms(gd::sys_time at) {
  pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params("UPDATE trading_alarms SET cleared_at = $1::timestamptz WHERE cleared_at IS NULL", instant_text(at));
    tx.commit();
  });
}

std::vector<alarm_row> trading_repository::open_alarms() {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec(
        "SELECT alarm_id, (extract(epoch FROM at) * 1000000)::bigint, kind, key, message, "
        "(extract(epoch FROM cleared_at) * 1000000)::bigint FROM trading_alarms WHERE cleared_at IS NULL ORDER BY alarm_id");
    std::vector<alarm_row> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
      alarm_row a;
      a.alarm_id = r[0].as<long long>();
      a.at = from_micros(r[1].as<long long>());
      a.kind = r[2].as<std::string>();
      a.key = r[3].as<std::string>();
      a.message = r[4].as<std::string>();
      a.cleared_at = optional_micros(r[5]);
      out.push_back(std::move(a));
    }
    return out;
  });
}

std::optional<nlohmann::json> trading_repository::load_state(const std::string& key) {
  return pool_.with_connection([&](pqxx::connection& c) -> std::optional<nlohmann::json> {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params("SELECT value::text FROM trading_state WHERE key = $1", key);
    if (rows.empty()) return std::nullopt;
    return parse_json(rows[0][0]);
  });
}

void trading_repository::save_state(const std::string& key, const nlohmann::json& value) {
  pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params(
        "INSERT INTO trading_state (key, value, updated_at) VALUES ($1, $2::jsonb, now()) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
        key, value.dump());
    tx.commit();
  });
}

}  // namespace gd::store
