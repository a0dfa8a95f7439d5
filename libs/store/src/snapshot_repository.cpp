#include <gd/store/snapshot_repository.hpp>

#include <algorithm>
#include <cstring>
#include <future>
#include <system_error>

#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include <gd/core/canonical_json.hpp>
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

// ---- the payload as JSONB parses it fastest ------------------------------------------------
//
// JSONB keeps object members ordered by (key length, key bytes) and sorts the members of every
// object it parses. The canonical payload text orders keys bytewise, so for a full chain (~40k
// objects) that sorting is about a fifth of jsonb_in. The same JSON value with its members
// already in JSONB's order passes Postgres's presorted check instead. The stored JSONB is
// identical (member order is not part of a JSONB value), and the checksum still covers exactly
// payload_text. Equal keys keep their relative order, so duplicates resolve as before (last wins).
// Anything unexpected (an escaped key, malformed text, deep nesting): the text goes as it is and
// jsonb_in judges it exactly as before.
class jsonb_order_writer {
 public:
  explicit jsonb_order_writer(std::string_view in) : in_(in) {}

  std::optional<std::string> run() {
    out_.reserve(in_.size());
    skip_ws();
    if (!value(0)) return std::nullopt;
    skip_ws();
    if (pos_ != in_.size()) return std::nullopt;
    return std::move(out_);
  }

 private:
  static constexpr int max_depth = 256;
  struct member {
    std::size_t begin = 0, end = 0;   // `"key":value` in out_
    std::size_t key = 0, key_len = 0; // the key's bytes in out_, without quotes
  };

  bool at(char c) const { return pos_ < in_.size() && in_[pos_] == c; }
  void skip_ws() {
    while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\n' || in_[pos_] == '\r' || in_[pos_] == '\t')) ++pos_;
  }

  bool value(int depth) {
    if (pos_ >= in_.size() || depth > max_depth) return false;
    switch (in_[pos_]) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': {
        bool escaped = false;
        return string(escaped);
      }
      default: return scalar();
    }
  }

  // A string token, copied verbatim (escapes included).
  bool string(bool& escaped) {
    const std::size_t start = pos_++;
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      if (c == '"') {
        ++pos_;
        out_.append(in_.data() + start, pos_ - start);
        return true;
      }
      if (c == '\\') {
        escaped = true;
        pos_ += 2;
      } else {
        ++pos_;
      }
    }
    return false;
  }

  // Numbers, true, false, null: copied verbatim (jsonb_in validates them).
  bool scalar() {
    const std::size_t start = pos_;
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                      c == '+' || c == '.';
      if (!ok) break;
      ++pos_;
    }
    if (pos_ == start) return false;
    out_.append(in_.data() + start, pos_ - start);
    return true;
  }

  bool array(int depth) {
    ++pos_;
    out_ += '[';
    skip_ws();
    if (at(']')) {
      ++pos_;
      out_ += ']';
      return true;
    }
    for (;;) {
      skip_ws();
      if (!value(depth + 1)) return false;
      skip_ws();
      if (at(',')) {
        ++pos_;
        out_ += ',';
      } else if (at(']')) {
        ++pos_;
        out_ += ']';
        return true;
      } else {
        return false;
      }
    }
  }

  bool object(int depth) {
    ++pos_;
    out_ += '{';
    if (levels_.size() <= static_cast<std::size_t>(depth)) levels_.resize(static_cast<std::size_t>(depth) + 1);
    levels_[depth].clear();   // by index: nested objects may grow levels_
    skip_ws();
    if (at('}')) {
      ++pos_;
      out_ += '}';
      return true;
    }
    for (;;) {
      skip_ws();
      if (!at('"')) return false;
      member m;
      m.begin = out_.size();
      bool escaped = false;
      if (!string(escaped) || escaped) return false;   // an escaped key sorts by its decoded bytes
      m.key = m.begin + 1;
      m.key_len = out_.size() - m.begin - 2;
      skip_ws();
      if (!at(':')) return false;
      ++pos_;
      out_ += ':';
      skip_ws();
      if (!value(depth + 1)) return false;
      m.end = out_.size();
      levels_[depth].push_back(m);
      skip_ws();
      if (at(',')) {
        ++pos_;
        out_ += ',';
      } else if (at('}')) {
        ++pos_;
        break;
      } else {
        return false;
      }
    }
    reorder(levels_[depth]);
    out_ += '}';
    return true;
  }

  bool less(const member& a, const member& b) const {
    if (a.key_len != b.key_len) return a.key_len < b.key_len;
    return std::memcmp(out_.data() + a.key, out_.data() + b.key, a.key_len) < 0;
  }

  // Rewrites the members just written (out_ from the first member on) in JSONB's order.
  void reorder(std::vector<member>& ms) {
    bool sorted = true;
    for (std::size_t i = 1; i < ms.size() && sorted; ++i) sorted = !less(ms[i], ms[i - 1]);
    if (sorted) return;
    const auto cmp = [this](const member& a, const member& b) { return less(a, b); };
    if (ms.size() <= 32) {   // insertion sort: stable, no allocation
      for (std::size_t i = 1; i < ms.size(); ++i) {
        const member m = ms[i];
        std::size_t j = i;
        for (; j > 0 && cmp(m, ms[j - 1]); --j) ms[j] = ms[j - 1];
        ms[j] = m;
      }
    } else {
      std::stable_sort(ms.begin(), ms.end(), cmp);
    }
    std::size_t base = ms.front().begin, end = ms.front().end;
    for (const auto& m : ms) {
      base = std::min(base, m.begin);
      end = std::max(end, m.end);
    }
    scratch_.assign(out_, base, end - base);
    out_.resize(base);
    for (std::size_t i = 0; i < ms.size(); ++i) {
      if (i > 0) out_ += ',';
      out_.append(scratch_, ms[i].begin - base, ms[i].end - ms[i].begin);
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string out_;
  std::string scratch_;
  std::vector<std::vector<member>> levels_;
};

std::string jsonb_input(const std::string& payload_text) {
  auto ordered = jsonb_order_writer(payload_text).run();
  return ordered ? std::move(*ordered) : payload_text;
}

// ---- the normalized rows -------------------------------------------------------------------

constexpr std::size_t copy_chunk_bytes = 256 * 1024;

// Formats a value once and reuses the text while consecutive rows repeat it (a chain's rows share
// a handful of expirations, quote times and greeks times).
template <class Key>
class text_cache {
 public:
  template <class Format>
  const std::string& get(const Key& key, Format&& format) {
    if (!valid_ || !(key == key_)) {
      key_ = key;
      text_ = format(key);
      valid_ = true;
    }
    return text_;
  }

 private:
  Key key_{};
  std::string text_;
  bool valid_ = false;
};

std::vector<const gd::chain_row*> by_occ_symbol(const std::vector<gd::chain_row>& rows) {
  std::vector<const gd::chain_row*> order;
  order.reserve(rows.size());
  for (const auto& row : rows) order.push_back(&row);
  std::sort(order.begin(), order.end(), [](const gd::chain_row* a, const gd::chain_row* b) {
    return a->contract.occ_symbol < b->contract.occ_symbol;
  });
  return order;
}

// chain_snapshots.instruments_digest (0003_snapshot_ingest.sql): SHA-256 hex of the OCC symbols,
// sorted bytewise, each followed by a newline.
std::string instruments_digest(const std::vector<const gd::chain_row*>& sorted_rows) {
  std::string text;
  std::size_t n = 0;
  for (const auto* row : sorted_rows) n += row->contract.occ_symbol.size() + 1;
  text.reserve(n);
  for (const auto* row : sorted_rows) {
    text += row->contract.occ_symbol;
    text += '\n';
  }
  return gd::sha256_hex(text);
}

// COPY of every row into option_quotes, in occ_symbol order so that the primary key
// (ts, snapshot_id, occ_symbol) grows at its right edge instead of splitting pages all over the
// snapshot's key range. Sent in chunks of whole lines while the next chunk is formatted.
void copy_quotes(pqxx::work& tx, long long snapshot_id, const std::string& ts,
                 const std::vector<const gd::chain_row*>& order) {

  static const std::vector<std::string> columns{
      "snapshot_id", "ts",        "occ_symbol", "root",       "underlying",   "expiration",   "strike",     "option_type",
      "settlement",  "bid",       "ask",        "last",       "bid_size",     "ask_size",     "volume",     "open_interest",
      "vendor_iv",   "vendor_delta", "vendor_gamma", "vendor_theta", "vendor_vega", "vendor_rho", "greeks_updated_at",
      "quote_time"};
  // libpqxx 6.4 keeps stream_to's raw-line writer private; tablewriter is its public raw-line COPY
  // (deprecated there, gone in 7, where stream_to::write_raw_line is public).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  pqxx::tablewriter stream(tx, "option_quotes", columns.begin(), columns.end());
#pragma GCC diagnostic pop
  const std::string id_text = std::to_string(snapshot_id);
  text_cache<date::sys_days> expirations;
  text_cache<gd::sys_time> greeks_times, quote_times;
  const auto date_text = [](date::sys_days d) { return gd::format_date(date::year_month_day{d}); };
  const auto instant_text = [](gd::sys_time t) { return gd::format_utc_iso(t); };
  copy_buffer buf;
  buf.reserve(copy_chunk_bytes + 4096);
  for (const gd::chain_row* row : order) {
    const auto& k = row->contract;
    const auto& q = row->quote;
    buf.plain(id_text);
    buf.plain(ts);
    buf.text(k.occ_symbol);
    buf.text(k.root);
    buf.text(k.underlying);
    buf.plain(expirations.get(date::sys_days{k.expiration}, date_text));
    buf.number(k.strike);
    buf.plain(k.right == gd::option_right::put ? "P" : "C");
    buf.plain(k.settlement == gd::settlement_style::am ? "AM" : "PM");
    buf.number(q.bid);
    buf.number(q.ask);
    buf.number(q.last);
    buf.count(q.bid_size);
    buf.count(q.ask_size);
    buf.count(q.volume);
    buf.count(q.open_interest);
    buf.number(q.greeks.iv);
    buf.number(q.greeks.delta);
    buf.number(q.greeks.gamma);
    buf.number(q.greeks.theta);
    buf.number(q.greeks.vega);
    buf.number(q.greeks.rho);
    if (q.greeks.updated_at.time_since_epoch().count() == 0) {
      buf.null();
    } else {
      buf.plain(greeks_times.get(q.greeks.updated_at, instant_text));
    }
    if (q.quote_time.time_since_epoch().count() == 0) {
      buf.null();
    } else {
      buf.plain(quote_times.get(q.quote_time, instant_text));
    }
    buf.end_row();
    if (buf.size() >= copy_chunk_bytes) {
      stream.write_raw_line(buf.lines());
      buf.clear();
    }
  }
  if (buf.size() > 0) stream.write_raw_line(buf.lines());
  stream.complete();
}

// ---- the payload, parsed into JSONB by a second backend ---------------------------------------
//
// jsonb_in of a full chain's payload (~9 MB of text, ~0.5M numbers) is the largest single cost of
// the insert: ~210 ms of one backend's CPU, against ~100 ms for the COPY of the rows. Both run in
// one backend when the payload goes in as a $n::jsonb parameter, one after the other. Instead, a
// second pooled connection parses it into an UNLOGGED staging table (not WAL-logged twice;
// lz4-compressed as chain_snapshots.payload_json is) while the first one copies the rows.
// The main transaction then moves the parsed value over with INSERT ... SELECT (the compressed
// datum is copied as it is: ~1 MB, a few ms) and deletes the staging row in the same statement.
//
// Atomicity is unchanged: chain_snapshots and option_quotes are written only by the main
// transaction. A staging row is invisible to readers and is removed by the transaction that uses
// it; one left behind (a failed insert whose cleanup failed too, a crash) is swept an hour later,
// and an unlogged table is emptied by crash recovery anyway. The table comes from the migrations
// (db/migrations/0006_snapshot_payload_staging.sql). Whenever staging is not possible (a pool of
// one connection, the table missing, an error), the payload goes inline as before.
constexpr const char* staging_table = "snapshot_payload_staging";

// Stages the payload (in JSONB's member order) on its own pooled connection; the staging row's id,
// or nothing when it could not be staged (then the caller sends the payload inline, and any error
// in the payload itself is reported from there). `acquired` is set once this side has its
// connection (or has failed to get one).
std::optional<long long> stage_payload(connection_pool& pool, const std::string& payload_text,
                                       std::promise<void>& acquired) {
  bool signalled = false;
  const auto signal = [&] {
    if (!signalled) acquired.set_value();
    signalled = true;
  };
  try {
    auto id = pool.with_connection([&](pqxx::connection& c) -> std::optional<long long> {
      signal();
      const std::string text = jsonb_input(payload_text);
      pqxx::work tx(c);
      const auto staged =
          tx.exec_params1(std::string("INSERT INTO ") + staging_table + " (payload) VALUES ($1::jsonb) RETURNING id",
                          text)[0]
              .as<long long>();
      tx.exec(std::string("DELETE FROM ") + staging_table + " WHERE created_at < now() - interval '1 hour'");
      tx.commit();
      return staged;
    });
    signal();
    return id;
  } catch (...) {
    signal();
    return std::nullopt;
  }
}

// The staging of one insert, running from construction on; get() waits for it. The constructor
// returns once the staging side holds its connection, so that the main transaction, which waits
// for the staged payload while holding a connection of its own, never starves it of one.
class payload_stage {
 public:
  payload_stage(connection_pool& pool, const std::string& payload_text) {
    if (pool.options().size < 2) return;   // the main transaction would hold the only connection
    auto acquired = acquired_.get_future();
    try {
      future_ = std::async(std::launch::async,
                           [this, &pool, &payload_text] { return stage_payload(pool, payload_text, acquired_); });
    } catch (const std::system_error&) {
      return;   // no thread: inline
    }
    acquired.wait();
  }
  payload_stage(const payload_stage&) = delete;
  payload_stage& operator=(const payload_stage&) = delete;
  ~payload_stage() {
    if (future_.valid()) future_.wait();
  }

  std::optional<long long> get() {
    if (!done_) {
      done_ = true;
      if (future_.valid()) id_ = future_.get();
    }
    return id_;
  }
  // Best effort, on the caller's connection outside any transaction: the staging row is not needed.
  void discard(pqxx::connection& c) {
    const auto id = get();
    if (!id) return;
    try {
      pqxx::nontransaction tx(c);
      tx.exec_params(std::string("DELETE FROM ") + staging_table + " WHERE id = $1", *id);
    } catch (const std::exception&) {
      // swept later
    }
  }

 private:
  std::promise<void> acquired_;
  std::future<std::optional<long long>> future_;
  std::optional<long long> id_;
  bool done_ = false;
};

// The insert proper, on connection c. A staged payload is moved into chain_snapshots and its
// staging row deleted in the same statement; without one (or if it is not visible) the text goes
// inline as a parameter.
insert_outcome insert_in_transaction(pqxx::connection& c, const snapshot_to_store& s,
                                     const std::vector<const gd::chain_row*>& rows, const std::string& digest,
                                     payload_stage& stage) {
  pqxx::work tx(c);
  const std::string ts = gd::format_utc_iso(s.ts);
  const auto pre = tx.exec_params1(
      "SELECT e.id, CASE WHEN e.id IS NULL THEN nextval(pg_get_serial_sequence('chain_snapshots', 'snapshot_id')) END, "
      "EXISTS (SELECT 1 FROM chain_snapshots WHERE instruments_digest = $2) "
      "FROM (SELECT (SELECT snapshot_id FROM chain_snapshots WHERE snapshot_key = $1::uuid) AS id) e",
      s.snapshot_key, digest);
  if (!pre[0].is_null()) {
    tx.abort();
    stage.discard(c);
    return insert_outcome{pre[0].as<long long>(), true};
  }
  const long long id = pre[1].as<long long>();
  const bool instruments_known = pre[2].as<bool>();

  ensure_quote_partition(tx, s.ts);
  copy_quotes(tx, id, ts, rows);
  if (!instruments_known) {
    // New instruments, filled server-side from the rows just copied (the primary key makes
    // occ_symbol unique within one snapshot). The anti-join probes the unique index without the
    // speculative-insert machinery; ON CONFLICT still covers a concurrent writer.
    tx.exec_params(
        "INSERT INTO option_instruments (occ_symbol, root, underlying, expiration, strike, option_type, settlement) "
        "SELECT q.occ_symbol, q.root, q.underlying, q.expiration, q.strike, q.option_type, q.settlement "
        "FROM option_quotes q WHERE q.ts = $1::timestamptz AND q.snapshot_id = $2 "
        "AND NOT EXISTS (SELECT 1 FROM option_instruments i WHERE i.occ_symbol = q.occ_symbol) "
        "ON CONFLICT (occ_symbol) DO NOTHING",
        ts, id);
  }

  constexpr const char* columns =
      "snapshot_id, snapshot_key, ts, underlying, kind, target_dte, expiration, actual_dte_days, provider, spot, "
      "as_of, payload_json, checksum, contract_count, instruments_digest";
  const int contract_count = static_cast<int>(s.rows.size());
  pqxx::result inserted;
  bool stored = false;
  if (const auto staged = stage.get()) {
    inserted = tx.exec_params(
        std::string("WITH p AS (DELETE FROM ") + staging_table + " WHERE id = $15 RETURNING payload) " +
            "INSERT INTO chain_snapshots (" + columns + ") " +
            "SELECT $1, $2::uuid, $3::timestamptz, $4, $5, $6, $7::date, $8, $9, $10::numeric, $11::timestamptz, "
            "p.payload, $12, $13, $14 FROM p ON CONFLICT (snapshot_key) DO NOTHING RETURNING snapshot_id",
        id, s.snapshot_key, ts, s.underlying, s.kind, s.target_dte, date_text(s.expiration), s.actual_dte_days,
        s.provider, finite(s.spot), instant_or_null(s.as_of), s.checksum, contract_count, digest, *staged);
    // No row: a concurrent writer's key (checked below), or the staging row was not there to see.
    stored = !inserted.empty() ||
             !tx.exec_params("SELECT 1 FROM chain_snapshots WHERE snapshot_key = $1::uuid", s.snapshot_key).empty();
  }
  if (!stored) {
    inserted = tx.exec_params(
        std::string("INSERT INTO chain_snapshots (") + columns + ") " +
            "VALUES ($1, $2::uuid, $3::timestamptz, $4, $5, $6, $7::date, $8, $9, $10::numeric, $11::timestamptz, "
            "$12::jsonb, $13, $14, $15) ON CONFLICT (snapshot_key) DO NOTHING RETURNING snapshot_id",
        id, s.snapshot_key, ts, s.underlying, s.kind, s.target_dte, date_text(s.expiration), s.actual_dte_days,
        s.provider, finite(s.spot), instant_or_null(s.as_of), jsonb_input(s.payload_text), s.checksum,
        contract_count, digest);
  }
  if (inserted.empty()) {
    // Another writer stored this key after the check above: its snapshot stands, and leaving
    // without commit rolls back the rows copied here.
    const auto other =
        tx.exec_params1("SELECT snapshot_id FROM chain_snapshots WHERE snapshot_key = $1::uuid", s.snapshot_key)[0]
            .as<long long>();
    tx.abort();
    stage.discard(c);
    return insert_outcome{other, true};
  }
  tx.commit();
  return insert_outcome{id, false};
}

}  // namespace

// One transaction, all or nothing. The snapshot row goes in last: the rows are copied first while
// a second connection parses the payload into JSONB (payload_stage). The first round trip
// answers three things at once: whether the key is already stored (a replayed spool file goes
// back without moving any data), the new snapshot_id, and whether a stored snapshot already holds
// exactly this set of instruments (then option_instruments has them all and is left alone).
insert_outcome snapshot_repository::insert(const snapshot_to_store& s) {
  payload_stage stage(pool_, s.payload_text);
  const auto rows = by_occ_symbol(s.rows);
  const std::string digest = instruments_digest(rows);
  return pool_.with_connection([&](pqxx::connection& c) {
    std::optional<insert_outcome> outcome;
    try {
      outcome = insert_in_transaction(c, s, rows, digest, stage);
    } catch (...) {
      stage.discard(c);
      throw;
    }
    return *outcome;
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
