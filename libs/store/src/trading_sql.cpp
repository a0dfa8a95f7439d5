#include "trading_sql.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <gd/core/ny_time.hpp>
#include <gd/execution/json.hpp>

namespace gd::store::trading_sql {

using execution::order_state;

gd::sys_time from_micros(long long us) { return gd::sys_time{std::chrono::microseconds{us}}; }

std::optional<gd::sys_time> optional_micros(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return from_micros(f.as<long long>());
}

std::string instant_text(gd::sys_time t) { return gd::format_utc_iso(t); }

std::optional<std::string> instant_or_null(gd::sys_time t) {
  if (t.time_since_epoch().count() == 0) return std::nullopt;
  return gd::format_utc_iso(t);
}

std::string date_text(date::year_month_day d) { return gd::format_date(d); }

date::year_month_day parse_day(const std::string& s) {
  date::year_month_day d{};
  if (!gd::parse_date(s, d)) throw std::runtime_error("trading store: malformed date from the database: " + s);
  return d;
}

std::string decimal(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("trading store: a price or value is not a finite number");
  std::array<char, 64> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x);  // shortest round trip
  return std::string(buf.data(), r.ptr);
}

std::string ny_day_start(date::year_month_day d) { return gd::format_utc_iso(gd::ny_to_utc(d, std::chrono::minutes{0})); }

std::string ny_day_end(date::year_month_day d) {
  return gd::format_utc_iso(gd::ny_to_utc(date::year_month_day{date::sys_days{d} + date::days{1}}, std::chrono::minutes{0}));
}

nlohmann::json parse_json(const pqxx::field& f) {
  if (f.is_null()) return nullptr;
  return nlohmann::json::parse(f.c_str());
}

const std::string& terminal_states_sql() {
  static const std::string sql = [] {
    constexpr std::array all{order_state::created,          order_state::submitting, order_state::open,
                             order_state::partially_filled, order_state::cancel_requested,
                             order_state::unknown,          order_state::filled,     order_state::cancelled,
                             order_state::rejected,         order_state::expired};
    std::string out = "(";
    for (const auto s : all) {
      if (!execution::is_terminal(s)) continue;
      if (out.size() > 1) out += ", ";
      out += "'" + std::string(execution::to_string(s)) + "'";
    }
    return out + ")";
  }();
  return sql;
}

// ---- the risk book ------------------------------------------------------------------------

strategy::risk_state read_risk_book(pqxx::transaction_base& tx, date::year_month_day trade_date) {
  const std::string& terminal = terminal_states_sql();
  // Open now: open trades, plus live entry attempts no trade accounts for yet (nothing filled, or
  // a fill whose trade is not stored yet). Opened today: entry decisions of the day with an
  // attempt that is live or filled anything (re-priced attempts of one decision count once).
  const auto r = tx.exec_params1(
      "SELECT (SELECT count(*) FROM trades WHERE status = 'open') + "
      "       (SELECT count(*) FROM orders WHERE intent = 'open' AND trade_id IS NULL AND state NOT IN " + terminal + "), "
      "(SELECT count(DISTINCT coalesce('d' || decision_id::text, 'o' || tag)) FROM orders "
      "  WHERE intent = 'open' AND created_at >= $1::timestamptz AND created_at < $2::timestamptz "
      "  AND (state NOT IN " + terminal + " OR filled_quantity > 0)), "
      "EXISTS (SELECT 1 FROM trades WHERE exit_reason = 'stop_loss' AND closed_on = $3::date), "
      "coalesce((SELECT (value ->> 'on')::boolean FROM trading_state WHERE key = 'kill_switch'), false), "
      "EXISTS (SELECT 1 FROM trading_alarms WHERE cleared_at IS NULL)",
      ny_day_start(trade_date), ny_day_end(trade_date), date_text(trade_date));
  strategy::risk_state s;
  s.open_trades = r[0].as<int>();
  s.trades_opened_today = r[1].as<int>();
  s.stop_loss_today = r[2].as<bool>();
  s.kill_switch = r[3].as<bool>();
  s.broker_mismatch = r[4].as<bool>();
  return s;
}

// ---- orders -------------------------------------------------------------------------------

bool insert_new_order(pqxx::transaction_base& tx, const execution::order& given, const std::string& broker,
                      const std::optional<execution::vertical>& spread, std::optional<long long> decision_id,
                      const std::optional<std::string>& trade_id, const std::optional<std::string>& previous_tag,
                      gd::sys_time at) {
  if (given.state != order_state::created)
    throw std::invalid_argument("trading store: order " + given.tag + " must be new to be inserted");
  execution::order o = given;
  if (o.created_at.time_since_epoch().count() == 0) o.created_at = at;
  const nlohmann::json doc = o;
  std::optional<std::string> spread_text;
  if (spread) spread_text = nlohmann::json(*spread).dump();
  const auto inserted = tx.exec_params(
      "INSERT INTO orders (tag, intent, state, version, underlying, broker, broker_id, quantity, filled_quantity, "
      "limit_price, avg_fill_price, doc, spread, decision_id, trade_id, previous_tag, created_at, updated_at) "
      "VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9::numeric, $10::numeric, $11::jsonb, $12::jsonb, $13, $14, $15, "
      "$16::timestamptz, $16::timestamptz) ON CONFLICT DO NOTHING RETURNING tag",
      o.tag, std::string(execution::to_string(o.intent)), std::string(execution::to_string(o.state)), o.underlying,
      broker, o.broker_id, o.quantity, o.filled_quantity, decimal(o.limit_price), decimal(o.avg_fill_price), doc.dump(),
      spread_text, decision_id, trade_id, previous_tag, instant_text(o.created_at));
  if (inserted.empty()) return false;
  const std::string state = std::string(execution::to_string(o.state));
  tx.exec_params(
      "INSERT INTO order_events (tag, seq, at, from_state, to_state, event, commands, note) "
      "VALUES ($1, 1, $2::timestamptz, $3, $3, '{\"type\": \"created\"}'::jsonb, '[]'::jsonb, '')",
      o.tag, instant_text(o.created_at), state);
  return true;
}

const char* const order_columns =
    "o.doc::text, o.decision_id, o.trade_id, o.broker, (extract(epoch FROM o.created_at) * 1000000)::bigint, "
    "(extract(epoch FROM o.updated_at) * 1000000)::bigint, o.spread::text, o.previous_tag, o.version";

order_row read_order(const pqxx::row& r) {
  order_row row;
  auto o = execution::order_from_json(nlohmann::json::parse(r[0].c_str()));
  if (!o) throw std::runtime_error("trading store: stored order does not read back: " + o.err().message);
  row.order = std::move(o).value();
  if (!r[1].is_null()) row.decision_id = r[1].as<long long>();
  if (!r[2].is_null()) row.trade_id = r[2].as<std::string>();
  row.broker = r[3].as<std::string>();
  row.created_at = from_micros(r[4].as<long long>());
  row.updated_at = from_micros(r[5].as<long long>());
  if (!r[6].is_null()) {
    auto v = execution::vertical_from_json(nlohmann::json::parse(r[6].c_str()));
    if (!v) throw std::runtime_error("trading store: stored spread does not read back: " + v.err().message);
    row.spread = std::move(v).value();
  }
  if (!r[7].is_null()) row.previous_tag = r[7].as<std::string>();
  row.version = r[8].as<int>();
  return row;
}

// ---- trades -------------------------------------------------------------------------------

namespace {

const char* right_code(gd::option_right r) { return r == gd::option_right::put ? "P" : "C"; }

}  // namespace

void upsert_trade(pqxx::transaction_base& tx, const execution::trade& t) {
  if (auto ok = execution::validate(t.spread); !ok)
    throw std::invalid_argument("trading store: trade " + t.id + ": " + ok.err().message);
  if (t.quantity <= 0) throw std::invalid_argument("trading store: trade " + t.id + " has no spreads");
  const bool closed = t.status == execution::trade_status::closed;
  std::optional<std::string> exit_debit, closed_at, closed_on;
  if (closed) {
    exit_debit = decimal(t.exit_debit);
    closed_at = instant_text(t.closed_at);
  }
  if (t.closed_on) closed_on = date_text(*t.closed_on);
  const std::string expiration = date_text(t.spread.expiration);
  const char* right = right_code(t.spread.right);
  tx.exec_params(
      "INSERT INTO trades (trade_id, decision_id, option_type, short_strike, long_strike, short_symbol, long_symbol, "
      "expiration, settlement, quantity, entry_credit, opened_at, status, exit_debit, exit_reason, closed_at, closed_on, "
      "exit_order_tag, updated_at) "
      "VALUES ($1, (SELECT decision_id FROM orders WHERE tag = $1), $2, $3::numeric, $4::numeric, $5, $6, $7::date, $8, "
      "$9, $10::numeric, $11::timestamptz, $12, $13::numeric, $14, $15::timestamptz, $16::date, $17, now()) "
      "ON CONFLICT (trade_id) DO UPDATE SET decision_id = coalesce(trades.decision_id, EXCLUDED.decision_id), "
      "option_type = EXCLUDED.option_type, short_strike = EXCLUDED.short_strike, long_strike = EXCLUDED.long_strike, "
      "short_symbol = EXCLUDED.short_symbol, long_symbol = EXCLUDED.long_symbol, expiration = EXCLUDED.expiration, "
      "settlement = EXCLUDED.settlement, quantity = EXCLUDED.quantity, entry_credit = EXCLUDED.entry_credit, "
      "opened_at = EXCLUDED.opened_at, status = EXCLUDED.status, exit_debit = EXCLUDED.exit_debit, "
      "exit_reason = EXCLUDED.exit_reason, closed_at = EXCLUDED.closed_at, closed_on = EXCLUDED.closed_on, "
      "exit_order_tag = EXCLUDED.exit_order_tag, updated_at = now()",
      t.id, std::string(right), decimal(t.spread.short_strike), decimal(t.spread.long_strike), t.spread.short_symbol,
      t.spread.long_symbol, expiration, std::string(t.spread.settlement == gd::settlement_style::am ? "AM" : "PM"),
      t.quantity, decimal(t.entry_credit), instant_text(t.opened_at), std::string(execution::to_string(t.status)),
      exit_debit, std::string(execution::to_string(t.reason)), closed_at, closed_on, t.exit_order_tag);
  // The legs as signed contract positions: short negative.
  tx.exec_params("DELETE FROM trade_legs WHERE trade_id = $1 AND occ_symbol NOT IN ($2, $3)", t.id,
                 t.spread.short_symbol, t.spread.long_symbol);
  const auto leg = [&](const std::string& symbol, const char* side, int quantity, double strike) {
    tx.exec_params(
        "INSERT INTO trade_legs (trade_id, occ_symbol, side, quantity, strike, option_type, expiration) "
        "VALUES ($1, $2, $3, $4, $5::numeric, $6, $7::date) ON CONFLICT (trade_id, occ_symbol) DO UPDATE SET "
        "side = EXCLUDED.side, quantity = EXCLUDED.quantity, strike = EXCLUDED.strike, "
        "option_type = EXCLUDED.option_type, expiration = EXCLUDED.expiration",
        t.id, symbol, std::string(side), quantity, decimal(strike), std::string(right), expiration);
  };
  leg(t.spread.short_symbol, "short", -t.quantity, t.spread.short_strike);
  leg(t.spread.long_symbol, "long", t.quantity, t.spread.long_strike);
}

const char* const trade_columns =
    "t.trade_id, t.decision_id, t.option_type, t.short_strike::float8, t.long_strike::float8, t.short_symbol, "
    "t.long_symbol, t.expiration::text, t.settlement, t.quantity, t.entry_credit::float8, "
    "(extract(epoch FROM t.opened_at) * 1000000)::bigint, t.status, t.exit_debit::float8, t.exit_reason, "
    "(extract(epoch FROM t.closed_at) * 1000000)::bigint, t.closed_on::text, t.exit_order_tag, "
    "(extract(epoch FROM m.at) * 1000000)::bigint, m.mid_debit::float8, m.close_debit::float8";

const char* const trade_from =
    " FROM trades t LEFT JOIN LATERAL (SELECT at, mid_debit, close_debit FROM trade_marks "
    "WHERE trade_marks.trade_id = t.trade_id ORDER BY at DESC LIMIT 1) m ON true ";

trade_row read_trade(const pqxx::row& r) {
  trade_row row;
  execution::trade& t = row.trade;
  t.id = r[0].as<std::string>();
  if (!r[1].is_null()) row.decision_id = r[1].as<long long>();
  t.spread.right = r[2].as<std::string>() == "P" ? gd::option_right::put : gd::option_right::call;
  t.spread.short_strike = r[3].as<double>();
  t.spread.long_strike = r[4].as<double>();
  t.spread.short_symbol = r[5].as<std::string>();
  t.spread.long_symbol = r[6].as<std::string>();
  t.spread.expiration = parse_day(r[7].as<std::string>());
  t.spread.settlement = r[8].as<std::string>() == "AM" ? gd::settlement_style::am : gd::settlement_style::pm;
  t.quantity = r[9].as<int>();
  t.entry_credit = r[10].as<double>();
  t.opened_at = from_micros(r[11].as<long long>());
  t.status = r[12].as<std::string>() == "closed" ? execution::trade_status::closed : execution::trade_status::open;
  if (!r[13].is_null()) t.exit_debit = r[13].as<double>();
  const std::string reason = r[14].as<std::string>();
  for (const auto e : {execution::exit_reason::none, execution::exit_reason::take_profit, execution::exit_reason::stop_loss,
                       execution::exit_reason::settlement, execution::exit_reason::manual})
    if (execution::to_string(e) == reason) t.reason = e;
  if (!r[15].is_null()) t.closed_at = from_micros(r[15].as<long long>());
  if (!r[16].is_null()) t.closed_on = parse_day(r[16].as<std::string>());
  t.exit_order_tag = r[17].as<std::string>();
  if (!r[18].is_null()) row.latest_mark = execution::mark{from_micros(r[18].as<long long>()), r[19].as<double>(), r[20].as<double>()};
  return row;
}

}  // namespace gd::store::trading_sql
