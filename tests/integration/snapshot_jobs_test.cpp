// The snapshot job's parts against a real Postgres with the simulated market and a simulated
// clock: all-or-nothing storage (inline and through the payload staging table), one replica per
// slot, the spool round trip.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <gd/core/ny_time.hpp>
#include <gd/core/canonical_json.hpp>
#include <gd/providers/simulated_market.hpp>
#include <gd/store/migrations.hpp>

#include "jobs/job_scheduler.hpp"
#include "jobs/snapshot_spool.hpp"
#include "jobs/snapshot_taker.hpp"
#include "test_postgres.hpp"

using namespace date::literals;
using namespace gd;

namespace {
test::test_postgres& cluster() {
  static test::test_postgres pg;
  return pg;
}

std::string migrated_database(const std::string& name) { return cluster().create_migrated_database(name); }

long long scalar(const std::string& url, const std::string& sql) { return test::query_scalar(url, sql); }

void execute(const std::string& url, const std::string& sql) {
  pqxx::connection c(url);
  pqxx::work tx(c);
  tx.exec(sql);
  tx.commit();
}

// How many payloads were ever staged in this database: the last value of the staging table's
// identity sequence (0 before the first). Sequences are not transactional and are read directly,
// so, unlike pg_stat_user_tables (flushed by each backend up to seconds later), this is exact as
// soon as insert() returns; insert() waits for its staging side on every path.
long long payloads_staged(const std::string& url) {
  return scalar(url,
                "SELECT coalesce(pg_sequence_last_value("
                "pg_get_serial_sequence('snapshot_payload_staging', 'id')::regclass), 0)");
}

long long staging_rows(const std::string& url) { return scalar(url, "SELECT count(*) FROM snapshot_payload_staging"); }

// The checksum recomputed from what chain_snapshots holds, as /verify does it.
std::string stored_checksum(store::snapshot_repository& repo, long long snapshot_id) {
  const auto text = repo.payload_text(snapshot_id);
  REQUIRE(text.has_value());
  return sha256_hex(canonical_json(nlohmann::json::parse(*text)));
}

chain_row sample_row() {
  chain_row row;
  row.contract = {"SPXW261120C06000000", "SPXW", "SPX", 2026_y / 11 / 20, 6000.0, option_right::call,
                  settlement_style::pm, 100};
  row.quote.bid = 12.5;
  return row;
}

// A snapshot with a small chain-like payload in canonical form (keys sorted bytewise, which is not
// JSONB's order, so the staging side reorders it).
store::snapshot_to_store sample_snapshot() {
  store::snapshot_to_store s;
  s.snapshot_key = jobs::new_snapshot_key();
  s.ts = ny_to_utc(2026_y / 11 / 18, std::chrono::minutes{600});
  s.underlying = "SPX";
  s.provider = "simulated";
  s.spot = 6012.25;
  const auto payload = nlohmann::json::parse(R"({"options":{"option":[
      {"symbol":"SPXW261120C06000000","strike":6000,"bid":12.5,"ask":13.1,"volume":17,
       "greeks":{"delta":0.51,"mid_iv":0.2,"updated_at":"2026-11-18 14:59:00"}},
      {"symbol":"SPXW261120P06000000","strike":6000,"bid":11.25,"ask":12,"volume":0,
       "greeks":null}]},"underlying":"SPX","note":"caf\u00e9 \"quoted\""})");
  s.payload_text = canonical_json(payload);
  s.checksum = sha256_hex(s.payload_text);
  s.rows = {sample_row()};
  return s;
}

std::string temp_dir() {
  char tmpl[] = "/tmp/gd-jobs.XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

struct replica {
  app::settings config;
  store::connection_pool pool;
  store::snapshot_repository repo;
  jobs::snapshot_spool spool;
  providers::simulated_market market;
  app::metrics_registry metrics;
  jobs::snapshot_taker taker;
  jobs::job_scheduler scheduler;

  replica(const std::string& url, const gd::clock& clock, const nyse_calendar& cal, const std::string& spool_dir)
      : config(make_config(url)),
        pool(store::pool_options{url, 2}),
        repo(pool),
        spool(spool_dir),
        market(clock, providers::simulated_settings{}),
        taker(config, market, repo, spool, clock, cal, metrics),
        scheduler(config, taker, spool, repo, clock, cal, metrics) {}

  static app::settings make_config(const std::string& url) {
    app::settings s;
    s.database_url = url;
    s.full_chain_max_dte = 5;
    return s;
  }
};
}  // namespace

TEST_CASE("two replicas at the same slot take the snapshot once", "[integration][jobs]") {
  const auto url = migrated_database("jobs_replicas");
  nyse_calendar cal;
  manual_clock clock(ny_to_utc(2026_y / 11 / 18, std::chrono::minutes{10 * 60}));
  replica a(url, clock, cal, temp_dir());
  replica b(url, clock, cal, temp_dir());
  const auto slot = clock.now();
  a.scheduler.run_slot(slot);
  b.scheduler.run_slot(slot);
  CHECK(scalar(url, "SELECT count(*) FROM job_runs") == 1);
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots WHERE kind = 'target'") == 3);
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots WHERE kind = 'full_chain'") == 1);
  CHECK(scalar(url, "SELECT count(*) FROM index_prices") == 1);
  CHECK(a.metrics.render().find("gd_job_runs_total{job=\"snapshot\",outcome=\"ok\"} 1") != std::string::npos);
  CHECK(b.metrics.render().find("outcome=\"taken_elsewhere\"} 1") != std::string::npos);
  // The next slot is a new claim.
  clock.advance(std::chrono::minutes(5));
  b.scheduler.run_slot(clock.now());
  CHECK(scalar(url, "SELECT count(*) FROM job_runs WHERE outcome = 'ok'") == 2);
}

TEST_CASE("outside regular trading hours the scheduled run is skipped", "[integration][jobs]") {
  const auto url = migrated_database("jobs_rth");
  nyse_calendar cal;
  manual_clock clock(ny_to_utc(2026_y / 11 / 21, std::chrono::minutes{10 * 60}));   // Saturday
  replica a(url, clock, cal, temp_dir());
  const auto result = a.taker.run(false);
  CHECK(result.skipped);
  CHECK(result.reason.find("outside regular trading hours") != std::string::npos);
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots") == 0);
  const auto forced = a.taker.run(true);
  CHECK_FALSE(forced.skipped);
  CHECK(forced.inserted.size() == 3);
}

TEST_CASE("a snapshot is stored all or nothing", "[integration][store]") {
  const auto url = migrated_database("store_atomic");
  store::connection_pool pool(store::pool_options{url, 1});
  store::snapshot_repository repo(pool);
  store::snapshot_to_store s;
  s.snapshot_key = jobs::new_snapshot_key();
  s.ts = ny_to_utc(2026_y / 11 / 18, std::chrono::minutes{600});
  s.underlying = "SPX";
  s.provider = "simulated";
  s.payload_text = R"({"a":1})";
  s.checksum = sha256_hex(s.payload_text);
  chain_row good;
  good.contract = {"SPXW261120C06000000", "SPXW", "SPX", 2026_y / 11 / 20, 6000.0, option_right::call,
                   settlement_style::pm, 100};
  chain_row bad = good;
  bad.contract.occ_symbol = "SPXW261120C06005000";
  bad.contract.strike = nan_v;   // NOT NULL violation inside the COPY
  s.rows = {good, bad};
  CHECK_THROWS(repo.insert(s));
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots") == 0);
  CHECK(scalar(url, "SELECT count(*) FROM option_quotes") == 0);

  s.rows = {good};
  const auto first = repo.insert(s);
  CHECK_FALSE(first.duplicate);
  const auto again = repo.insert(s);   // the same key: a replayed spool file
  CHECK(again.duplicate);
  CHECK(again.snapshot_id == first.snapshot_id);
  CHECK(scalar(url, "SELECT count(*) FROM option_quotes") == 1);
  CHECK(scalar(url, "SELECT count(*) FROM option_instruments") == 1);
  // Rows land in the month's partition.
  CHECK(scalar(url, "SELECT count(*) FROM option_quotes_y2026m11") == 1);
  const auto back = repo.contracts(first.snapshot_id);
  REQUIRE(back.size() == 1);
  CHECK(back[0].contract.occ_symbol == "SPXW261120C06000000");
  CHECK(back[0].contract.strike == 6000.0);
  CHECK(std::isnan(back[0].quote.bid));
}

// With a pool of two connections the payload is parsed into snapshot_payload_staging by the second
// one while the first copies the rows.
TEST_CASE("a staged payload is discarded when the insert fails", "[integration][store]") {
  const auto url = migrated_database("store_staged_atomic");
  store::connection_pool pool(store::pool_options{url, 2});
  store::snapshot_repository repo(pool);
  auto s = sample_snapshot();
  chain_row bad = sample_row();
  bad.contract.occ_symbol = "SPXW261120C06005000";
  bad.contract.strike = nan_v;   // NOT NULL violation inside the COPY
  s.rows = {sample_row(), bad};
  CHECK_THROWS(repo.insert(s));
  CHECK(payloads_staged(url) == 1);   // the payload was staged...
  CHECK(staging_rows(url) == 0);      // ...and its row discarded with the failed insert
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots") == 0);
  CHECK(scalar(url, "SELECT count(*) FROM option_quotes") == 0);
  CHECK(scalar(url, "SELECT count(*) FROM option_instruments") == 0);

  s.rows = {sample_row()};
  const auto stored = repo.insert(s);
  CHECK_FALSE(stored.duplicate);
  CHECK(payloads_staged(url) == 2);
  CHECK(staging_rows(url) == 0);
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots") == 1);
  CHECK(scalar(url, "SELECT count(*) FROM option_quotes") == 1);
  CHECK(stored_checksum(repo, stored.snapshot_id) == s.checksum);
  const auto summary = repo.get(stored.snapshot_id);
  REQUIRE(summary.has_value());
  CHECK(summary->checksum == s.checksum);
  CHECK(summary->spot == 6012.25);
}

TEST_CASE("a payload that is not JSON is refused with a pool of two", "[integration][store]") {
  const auto url = migrated_database("store_staged_bad_json");
  store::connection_pool pool(store::pool_options{url, 2});
  store::snapshot_repository repo(pool);
  auto s = sample_snapshot();
  s.payload_text = R"({"a":)";
  s.checksum = sha256_hex(s.payload_text);
  // Staging fails on it; the inline insert then reports Postgres's own error.
  CHECK_THROWS_WITH(repo.insert(s), Catch::Contains("invalid input syntax for type json"));
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots") == 0);
  CHECK(scalar(url, "SELECT count(*) FROM option_quotes") == 0);
  CHECK(staging_rows(url) == 0);

  // The pool and the staging table are fine afterwards.
  const auto good = sample_snapshot();
  const auto stored = repo.insert(good);
  CHECK_FALSE(stored.duplicate);
  CHECK(stored_checksum(repo, stored.snapshot_id) == good.checksum);
  CHECK(staging_rows(url) == 0);
}

TEST_CASE("with a pool of two the payload goes through the staging table", "[integration][store]") {
  const auto url = migrated_database("store_staged_path");
  store::connection_pool pool(store::pool_options{url, 2});
  store::snapshot_repository repo(pool);
  REQUIRE(payloads_staged(url) == 0);
  const auto s = sample_snapshot();
  const auto stored = repo.insert(s);
  CHECK_FALSE(stored.duplicate);
  // One payload was staged, and its row is gone although the insert succeeded. On success only the
  // statement that moves the staged payload into chain_snapshots deletes it (the hourly sweep
  // spares a fresh row, and a row the main transaction could not use would stay behind while the
  // payload went inline), so the snapshot's payload came from the staging table.
  CHECK(payloads_staged(url) == 1);
  CHECK(staging_rows(url) == 0);
  CHECK(stored_checksum(repo, stored.snapshot_id) == s.checksum);

  // The same key again (a replayed spool file): staged, then discarded with the duplicate.
  const auto again = repo.insert(s);
  CHECK(again.duplicate);
  CHECK(again.snapshot_id == stored.snapshot_id);
  CHECK(payloads_staged(url) == 2);
  CHECK(staging_rows(url) == 0);
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots") == 1);

  // With a pool of one nothing is staged.
  store::connection_pool single(store::pool_options{url, 1});
  store::snapshot_repository inline_repo(single);
  const auto other = sample_snapshot();
  const auto inlined = inline_repo.insert(other);
  CHECK_FALSE(inlined.duplicate);
  CHECK(payloads_staged(url) == 2);
  CHECK(stored_checksum(inline_repo, inlined.snapshot_id) == other.checksum);
}

TEST_CASE("without the staging table the payload goes inline", "[integration][store]") {
  const auto url = migrated_database("store_no_staging");
  // The table comes from the migrations, unlogged and compressed as chain_snapshots.payload_json.
  CHECK(scalar(url, "SELECT count(*) FROM pg_class WHERE relname = 'snapshot_payload_staging' "
                    "AND relpersistence = 'u'") == 1);
  CHECK(scalar(url, "SELECT count(*) FROM pg_attribute s, pg_attribute c "
                    "WHERE s.attrelid = 'snapshot_payload_staging'::regclass AND s.attname = 'payload' "
                    "AND c.attrelid = 'chain_snapshots'::regclass AND c.attname = 'payload_json' "
                    "AND s.attcompression = c.attcompression") == 1);
  execute(url, "DROP TABLE snapshot_payload_staging");
  store::connection_pool pool(store::pool_options{url, 2});
  store::snapshot_repository repo(pool);
  const auto s = sample_snapshot();
  const auto stored = repo.insert(s);
  CHECK_FALSE(stored.duplicate);
  CHECK(stored_checksum(repo, stored.snapshot_id) == s.checksum);
  CHECK(scalar(url, "SELECT count(*) FROM option_quotes") == 1);
  // Not created again at run time.
  CHECK(scalar(url, "SELECT count(*) FROM pg_class WHERE relname = 'snapshot_payload_staging'") == 0);
  // The pool's connections survived the failed staging: a second insert works too.
  const auto next = sample_snapshot();
  CHECK_FALSE(repo.insert(next).duplicate);
  CHECK(scalar(url, "SELECT count(*) FROM chain_snapshots") == 2);
}

TEST_CASE("spool files round-trip every field", "[jobs][spool]") {
  store::snapshot_to_store s;
  s.snapshot_key = jobs::new_snapshot_key();
  s.ts = sys_time{std::chrono::microseconds{1795241238822681}};
  s.underlying = "SPX";
  s.kind = "target";
  s.target_dte = 3;
  s.expiration = 2026_y / 11 / 23;
  s.actual_dte_days = 5;
  s.provider = "tradier";
  s.spot = 6012.25;
  s.payload_text = R"({"options":null})";
  s.checksum = sha256_hex(s.payload_text);
  chain_row r;
  r.contract = {"SPX261120P05000000", "SPX", "SPX", 2026_y / 11 / 20, 5000.0, option_right::put, settlement_style::am, 100};
  r.quote.bid = 1.25;
  r.quote.volume = 17;
  r.quote.greeks.iv = 0.2;
  s.rows = {r};
  const auto back = jobs::deserialize_spooled(jobs::serialize_spooled(s));
  CHECK(back.snapshot_key == s.snapshot_key);
  CHECK(back.ts == s.ts);
  CHECK(back.expiration == s.expiration);
  CHECK(back.payload_text == s.payload_text);
  REQUIRE(back.rows.size() == 1);
  CHECK(back.rows[0].contract.settlement == settlement_style::am);
  CHECK(back.rows[0].quote.bid == 1.25);
  CHECK(std::isnan(back.rows[0].quote.ask));
  CHECK(back.rows[0].quote.volume == 17);
  CHECK_THROWS(jobs::deserialize_spooled("{\"version\":2}"));
  CHECK_THROWS(jobs::deserialize_spooled("not json"));
}
