#include <gd/store/snapshot_repository.hpp>

#include <pqxx/pqxx>

#include <gd/core/ny_time.hpp>

#include "copy_rows.hpp"

namespace gd::store {

namespace {

constexpr const char* summary_columns =
    "snapshot_id, (extract(epoch FROM ts) * 1000000)::bigint, underlying, kind, target_dte, expiration::text, "
    "actual_dte_days, checksum, provider, spot::float8, (extract(epoch FROM as_of) * 1000000)::bigint, "
    "contract_count";

gd::sys_time from_micros(long long us) { return gd::sys_time{std::chrono::microseconds{us}}; }

std::optional<std::string> date_text(const std::optional<date::year_month_day>& d) {
  if (!d) return std::nullopt;
  return gd::format_date(*d);
}

std::optional<double> finite(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::string> instant_or_null(gd::sys_time t) {
  if (t.time_since_epoch().count() == 0) return std::nullopt;
  return gd::format_utc_iso(t);
}

snapshot_summary read_summary(const pqxx::row& r) {
  snapshot_summary s;
  s.snapshot_id = r[0].as<long long>();
  s.ts = from_micros(r[1].as<long long>());
  s.underlying = r[2].as<std::string>();
  s.kind = r[3].as<std::string>();
  if (!r[4].is_null()) s.target_dte = r[4].as<int>();
  if (!r[5].is_null()) {
    date::year_month_day d{};
    if (gd::parse_date(r[5].as<std::string>(), d)) s.expiration = d;
  }
  if (!r[6].is_null()) s.actual_dte_days = r[6].as<int>();
  s.checksum = r[7].as<std::string>();
  s.provider = r[8].as<std::string>();
  s.spot = r[9].is_null() ? gd::nan_v : r[9].as<double>();
  if (!r[10].is_null()) s.as_of = from_micros(r[10].as<long long>());
  s.contract_count = r[11].as<int>();
  return s;
}

// The month partition of option_quotes that holds ts, created on first use. The transaction-scoped
// advisory lock keeps two writers from racing on the same CREATE.
void ensure_quote_partition(pqxx::work& tx, gd::sys_time ts) {
  const auto day = date::floor<date::days>(ts);
  const date::year_month_day ymd{day};
  const date::year_month first{ymd.year(), ymd.month()};
  const date::year_month next = first + date::months{1};
  char name[48];
  std::snprintf(name, sizeof name, "option_quotes_y%04dm%02u", int(first.year()), unsigned(first.month()));
  const std::string from = gd::format_date(first / 1);
  const std::string to = gd::format_date(next / 1);
  tx.exec_params("SELECT pg_advisory_xact_lock($1)", static_cast<long long>(int(first.year()) * 100 + unsigned(first.month())));
  tx.exec("CREATE TABLE IF NOT EXISTS " + tx.quote_name(name) + " PARTITION OF option_quotes FOR VALUES FROM (" +
          tx.quote(from) + ") TO (" + tx.quote(to) + ")");
}

}  // namespace

insert_outcome snapshot_repository::insert(const snapshot_to_store& s) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    const std::string ts = gd::format_utc_iso(s.ts);
    const auto inserted = tx.exec_params(
        "INSERT INTO chain_snapshots (snapshot_key, ts, underlying, kind, target_dte, expiration, actual_dte_days, "
        "provider, spot, as_of, payload_json, checksum, contract_count) "
        "VALUES ($1::uuid, $2::timestamptz, $3, $4, $5, $6::date, $7, $8, $9::numeric, $10::timestamptz, $11::jsonb, "
        "$12, $13) ON CONFLICT (snapshot_key) DO NOTHING RETURNING snapshot_id",
        s.snapshot_key, ts, s.underlying, s.kind, s.target_dte, date_text(s.expiration), s.actual_dte_days,
        s.provider, finite(s.spot), instant_or_null(s.as_of), s.payload_text, s.checksum,
        static_cast<int>(s.rows.size()));
    if (inserted.empty()) {
      const auto existing =
          tx.exec_params1("SELECT snapshot_id FROM chain_snapshots WHERE snapshot_key = $1::uuid", s.snapshot_key);
      return insert_outcome{existing[0].as<long long>(), true};
    }
    const long long id = inserted[0][0].as<long long>();

    ensure_quote_partition(tx, s.ts);
    {
      pqxx::stream_to stream(tx, "option_quotes",
                             std::vector<std::string>{"snapshot_id", "ts", "occ_symbol", "root", "underlying",
                                                      "expiration", "strike", "option_type", "settlement", "bid",
                                                      "ask", "last", "bid_size", "ask_size", "volume",
                                                      "open_interest", "vendor_iv", "vendor_delta", "vendor_gamma",
                                                      "vendor_theta", "vendor_vega", "vendor_rho",
                                                      "greeks_updated_at", "quote_time"});
      const copy_cell id_cell = cell(std::to_string(id));
      const copy_cell ts_cell = cell(ts);
      for (const auto& row : s.rows) {
        const auto& k = row.contract;
        const auto& q = row.quote;
        const auto instant = [](gd::sys_time t) {
          return t.time_since_epoch().count() == 0 ? copy_cell{} : cell(gd::format_utc_iso(t));
        };
        const std::array<copy_cell, 24> cells{
            id_cell,
            ts_cell,
            cell(k.occ_symbol),
            cell(k.root),
            cell(k.underlying),
            cell(gd::format_date(k.expiration)),
            cell_number(k.strike),
            cell(std::string(1, static_cast<char>(k.right))),
            cell(k.settlement == gd::settlement_style::am ? "AM" : "PM"),
            cell_number(q.bid),
            cell_number(q.ask),
            cell_number(q.last),
            cell_count(q.bid_size),
            cell_count(q.ask_size),
            cell_count(q.volume),
            cell_count(q.open_interest),
            cell_number(q.greeks.iv),
            cell_number(q.greeks.delta),
            cell_number(q.greeks.gamma),
            cell_number(q.greeks.theta),
            cell_number(q.greeks.vega),
            cell_number(q.greeks.rho),
            instant(q.greeks.updated_at),
            instant(q.quote_time),
        };
        stream << cells;
      }
      stream.complete();
    }
    // The instrument universe, filled server-side from the rows just copied.
    tx.exec_params(
        "INSERT INTO option_instruments (occ_symbol, root, underlying, expiration, strike, option_type, settlement) "
        "SELECT DISTINCT ON (occ_symbol) occ_symbol, root, underlying, expiration, strike, option_type, settlement "
        "FROM option_quotes WHERE ts = $1::timestamptz AND snapshot_id = $2 ON CONFLICT (occ_symbol) DO NOTHING",
        ts, id);
    tx.commit();
    return insert_outcome{id, false};
  });
}

std::vector<snapshot_summary> snapshot_repository::list(const snapshot_filter& f) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    std::optional<std::string> from, to;
    if (f.from) from = gd::format_utc_iso(*f.from);
    if (f.to) to = gd::format_utc_iso(*f.to);
    const auto rows = tx.exec_params(
        std::string("SELECT ") + summary_columns +
            " FROM chain_snapshots WHERE ($1::text IS NULL OR underlying = $1) AND ($2::text IS NULL OR kind = $2) "
            "AND ($3::timestamptz IS NULL OR ts >= $3) AND ($4::timestamptz IS NULL OR ts < $4) "
            "AND ($5::bigint IS NULL OR snapshot_id < $5) ORDER BY snapshot_id DESC LIMIT $6",
        f.underlying, f.kind, from, to, f.before_id, f.limit);
    std::vector<snapshot_summary> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(read_summary(r));
    return out;
  });
}

std::optional<snapshot_summary> snapshot_repository::get(long long snapshot_id) {
  return pool_.with_connection([&](pqxx::connection& c) -> std::optional<snapshot_summary> {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(std::string("SELECT ") + summary_columns +
                                         " FROM chain_snapshots WHERE snapshot_id = $1",
                                     snapshot_id);
    if (rows.empty()) return std::nullopt;
    return read_summary(rows[0]);
  });
}

std::optional<snapshot_summary> snapshot_repository::latest(const std::string& underlying, const std::string& kind) {
  snapshot_filter f;
  f.limit = 1;
  f.underlying = underlying;
  f.kind = kind;
  auto rows = list(f);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<std::string> snapshot_repository::payload_text(long long snapshot_id) {
  return pool_.with_connection([&](pqxx::connection& c) -> std::optional<std::string> {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params("SELECT payload_json::text FROM chain_snapshots WHERE snapshot_id = $1", snapshot_id);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::string>();
  });
}

std::vector<gd::chain_row> snapshot_repository::contracts(long long snapshot_id) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    // ts narrows the scan to one partition.
    const auto rows = tx.exec_params(
        "SELECT q.occ_symbol, q.root, q.underlying, q.expiration::text, q.strike::float8, q.option_type, q.settlement, "
        "q.bid::float8, q.ask::float8, q.last::float8, q.bid_size, q.ask_size, q.volume, q.open_interest, "
        "q.vendor_iv, q.vendor_delta, q.vendor_gamma, q.vendor_theta, q.vendor_vega, q.vendor_rho, "
        "(extract(epoch FROM q.greeks_updated_at) * 1000000)::bigint, (extract(epoch FROM q.quote_time) * 1000000)::bigint "
        "FROM option_quotes q JOIN chain_snapshots s ON s.snapshot_id = q.snapshot_id AND s.ts = q.ts "
        "WHERE s.snapshot_id = $1 ORDER BY q.expiration, q.strike, q.option_type, q.occ_symbol",
        snapshot_id);
    std::vector<gd::chain_row> out;
    out.reserve(rows.size());
    const auto num = [](const pqxx::field& f) { return f.is_null() ? gd::nan_v : f.as<double>(); };
    const auto count = [](const pqxx::field& f) { return f.is_null() ? std::int64_t{-1} : f.as<std::int64_t>(); };
    const auto instant = [](const pqxx::field& f) { return f.is_null() ? gd::sys_time{} : from_micros(f.as<long long>()); };
    for (const auto& r : rows) {
      gd::chain_row row;
      row.contract.occ_symbol = r[0].as<std::string>();
      row.contract.root = r[1].as<std::string>();
      row.contract.underlying = r[2].as<std::string>();
      gd::parse_date(r[3].as<std::string>(), row.contract.expiration);
      row.contract.strike = r[4].as<double>();
      row.contract.right = r[5].as<std::string>() == "P" ? gd::option_right::put : gd::option_right::call;
      row.contract.settlement = r[6].as<std::string>() == "AM" ? gd::settlement_style::am : gd::settlement_style::pm;
      row.quote.bid = num(r[7]);
      row.quote.ask = num(r[8]);
      row.quote.last = num(r[9]);
      row.quote.bid_size = count(r[10]);
      row.quote.ask_size = count(r[11]);
      row.quote.volume = count(r[12]);
      row.quote.open_interest = count(r[13]);
      row.quote.greeks.iv = num(r[14]);
      row.quote.greeks.delta = num(r[15]);
      row.quote.greeks.gamma = num(r[16]);
      row.quote.greeks.theta = num(r[17]);
      row.quote.greeks.vega = num(r[18]);
      row.quote.greeks.rho = num(r[19]);
      row.quote.greeks.updated_at = instant(r[20]);
      row.quote.quote_time = instant(r[21]);
      out.push_back(std::move(row));
    }
    return out;
  });
}

void snapshot_repository::insert_index_price(const std::string& underlying, gd::sys_time ts, double price,
                                             const std::string& provider) {
  pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params(
        "INSERT INTO index_prices (underlying, ts, price, provider) VALUES ($1, $2::timestamptz, $3, $4) "
        "ON CONFLICT (underlying, ts) DO NOTHING",
        underlying, gd::format_utc_iso(ts), price, provider);
    tx.commit();
  });
}

std::vector<std::pair<gd::sys_time, double>> snapshot_repository::index_prices(const std::string& underlying,
                                                                              gd::sys_time from, gd::sys_time to) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(
        "SELECT (extract(epoch FROM ts) * 1000000)::bigint, price::float8 FROM index_prices "
        "WHERE underlying = $1 AND ts >= $2::timestamptz AND ts < $3::timestamptz ORDER BY ts",
        underlying, gd::format_utc_iso(from), gd::format_utc_iso(to));
    std::vector<std::pair<gd::sys_time, double>> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.emplace_back(from_micros(r[0].as<long long>()), r[1].as<double>());
    return out;
  });
}

bool snapshot_repository::claim_job_slot(const std::string& job, gd::sys_time slot) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    const auto r = tx.exec_params(
        "INSERT INTO job_runs (job, slot) VALUES ($1, $2::timestamptz) ON CONFLICT (job, slot) DO NOTHING RETURNING job",
        job, gd::format_utc_iso(slot));
    tx.commit();
    return !r.empty();
  });
}

void snapshot_repository::finish_job_slot(const std::string& job, gd::sys_time slot, const std::string& outcome,
                                          const std::string& detail_json) {
  pool_.with_connection([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params(
        "UPDATE job_runs SET finished_at = now(), outcome = $3, detail = $4::jsonb WHERE job = $1 AND slot = $2::timestamptz",
        job, gd::format_utc_iso(slot), outcome, detail_json);
    tx.commit();
  });
}

}  // namespace gd::store
