// Ingest benchmarks: a full SPX chain from raw vendor bytes into Postgres, end to end.
//
// Input: the real SPX quote table of 2022-12-12 (tests/data/chains, 19,156 contracts), parsed
// with the CBOE parser and written in Tradier's chain JSON shape (to_tradier_chain_json) once at
// start-up. Every measured iteration starts from those raw bytes, as a Tradier response would.
//
//   BM_IngestFullChain  bytes -> option_chain rows + canonical JSON (read_tradier_chain, one
//                       simdjson pass) -> SHA-256 -> repository.insert, the way the Tradier
//                       provider and jobs/snapshot_taker.cpp do it (rows copied into the snapshot,
//                       chain and text freed after the insert). Counters: the per-stage medians
//                       (ms; free_ms = destroying rows and text afterwards), the median and worst
//                       whole iteration (p50_ms, max_ms), the Postgres backends' CPU per insert,
//                       peak RSS before and after.
//   BM_IngestRead       bytes -> rows + canonical text (read_tradier_chain) only
//   BM_IngestReadReference  the same through nlohmann::json (parse_vendor_json,
//                       parse_tradier_chain, canonical_json, freeing the document): the reference
//                       path read_tradier_chain must equal, and what the ingest cost before it
//   BM_IngestStore      repository.insert of a prepared snapshot only (Postgres side + COPY)
//   BM_IngestStoreNewInstruments  the same with an instrument set no stored snapshot has
//
// Database: DATABASE_URL names a cluster (scripts/bench.sh starts a throwaway one with the
// default durability, fsync on, and the server settings of scripts/pg-up.sh). The benchmark
// creates its own fresh database there (gd_bench_ingest_<pid>), applies db/migrations, and drops
// it at exit. One untimed warm-up insert creates the month partition (which the service does
// once a month).
//
// Every insert uses a new snapshot key and a new ts (one second apart, same month partition), and
// option_quotes grows by ~19k rows per insert, so the store benchmarks run a fixed, small number
// of iterations (kIterations) rather than letting the library pick one.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include <benchmark/benchmark.h>
#include <pqxx/pqxx>

#include <gd/core/canonical_json.hpp>
#include <gd/providers/cboe_parse.hpp>
#include <gd/providers/tradier_format.hpp>
#include <gd/providers/tradier_parse.hpp>
#include <gd/store/connection_pool.hpp>
#include <gd/store/migrations.hpp>
#include <gd/store/snapshot_repository.hpp>

namespace {

constexpr int kIterations = 20;
using clock_type = std::chrono::steady_clock;

// ---- memory: /proc/self/status (kB) -------------------------------------------------------

long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
  }
  return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0), so each benchmark reports its own peak.
bool reset_peak_rss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

// ---- the input -----------------------------------------------------------------------------

struct input {
  std::string bytes;            // the raw Tradier-shaped chain response
  std::size_t contracts = 0;
  gd::sys_time as_of{};
};

const input& raw_input() {
  static const input in = [] {
    std::ifstream f(std::string(GD_TEST_DATA) + "/chains/spx_cboe_quotetable_2022-12-12.csv", std::ios::binary);
    if (!f) throw std::runtime_error("missing SPX fixture");
    std::ostringstream ss;
    ss << f.rdbuf();
    auto parsed = gd::providers::parse_cboe_csv(ss.str());
    if (!parsed) throw std::runtime_error("SPX fixture does not parse: " + parsed.err().message);
    input out;
    out.bytes = gd::providers::to_tradier_chain_json(parsed->chain).dump();
    out.contracts = parsed->chain.rows.size();
    out.as_of = parsed->chain.as_of;
    return out;
  }();
  return in;
}

gd::providers::tradier_chain_options chain_options() {
  gd::providers::tradier_chain_options o;
  o.underlying = "SPX";
  o.provider = "tradier";
  o.fetched_at = raw_input().as_of;
  return o;
}

gd::providers::tradier_chain_body read_bytes(const std::string& bytes) {
  auto read = gd::providers::read_tradier_chain(bytes, chain_options());
  if (!read) throw std::runtime_error(read.err().message);
  return std::move(read).value();
}

// ---- the database --------------------------------------------------------------------------

// The URL of database `name` on the cluster of `url` (libpq URI or key=value form).
std::string url_for_database(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url + " dbname=" + name;   // key=value: the last one wins
  const auto slash = url.find('/', scheme + 3);
  const auto query = url.find('?', scheme + 3);
  if (slash == std::string::npos || (query != std::string::npos && slash > query)) {
    const auto at = query == std::string::npos ? url.size() : query;
    return url.substr(0, at) + "/" + name + url.substr(at);
  }
  const auto end = query == std::string::npos ? url.size() : query;
  return url.substr(0, slash + 1) + name + url.substr(end);
}

struct database {
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  std::string admin_url;
  std::string name;
  std::unique_ptr<gd::store::connection_pool> pool;
  std::unique_ptr<gd::store::snapshot_repository> repository;
  long long sequence = 0;   // snapshot keys and ts offsets

  database() {
    const char* env = std::getenv("DATABASE_URL");
    if (env == nullptr || *env == '\0') {
      std::fprintf(stderr,
                   "bench_ingest: DATABASE_URL is not set. Run it through `make bench` (scripts/bench.sh starts a "
                   "throwaway cluster), or: export DATABASE_URL=$(scripts/pg-up.sh /tmp/gd-ingest-pg/pg)\n");
      std::exit(2);
    }
    admin_url = env;
    name = "gd_bench_ingest_" + std::to_string(::getpid());
    {
      pqxx::connection c(admin_url);
      pqxx::nontransaction tx(c);
      tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name));
      tx.exec("CREATE DATABASE " + tx.quote_name(name));
    }
    const std::string url = url_for_database(admin_url, name);
    {
      pqxx::connection c(url);
      gd::store::apply_migrations(c, gd::store::load_migrations(GD_MIGRATIONS_DIR));
    }
    gd::store::pool_options o;
    o.url = url;
    o.size = 2;
    o.application_name = "bench_ingest";
    pool = std::make_unique<gd::store::connection_pool>(o);
    repository = std::make_unique<gd::store::snapshot_repository>(*pool);
  }

  ~database() {
    repository.reset();
    pool.reset();
    // For server-side experiments (psql, EXPLAIN ANALYZE) on what the benchmark stored.
    if (const char* keep = std::getenv("GD_BENCH_KEEP_DB"); keep != nullptr && *keep == '1') {
      std::fprintf(stderr, "bench_ingest: kept database %s\n", name.c_str());
      return;
    }
    try {
      pqxx::connection c(admin_url);
      pqxx::nontransaction tx(c);
      tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench_ingest: could not drop %s: %s\n", name.c_str(), e.what());
    }
  }

  // CPU time (ms) used so far by this database's client backends (autovacuum not included), read from /proc when the server runs on
  // this machine (a local cluster, as scripts/bench.sh starts); -1 when it cannot be read.
  double server_cpu_ms() {
    std::vector<int> pids;
    try {
      pool->with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        for (const auto& r : tx.exec("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'")) {
          pids.push_back(r[0].as<int>());
        }
      });
    } catch (const std::exception&) {
      return -1.0;
    }
    double total = 0.0;
    for (const int pid : pids) {
      std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
      std::string text;
      if (!std::getline(in, text)) return -1.0;
      // fields after the parenthesised command: state is field 3, utime 14, stime 15
      std::istringstream rest(text.substr(text.rfind(')') + 2));
      std::string field;
      unsigned long long utime = 0, stime = 0;
      for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::stoull(field);
        if (i == 15) stime = std::stoull(field);
      }
      total += static_cast<double>(utime + stime);
    }
    return total * 1000.0 / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }

  // A new key and ts for every insert (the insert is idempotent by key).
  void stamp(gd::store::snapshot_to_store& s) {
    ++sequence;
    char key[40];
    std::snprintf(key, sizeof key, "00000000-0000-4000-8000-%012llx", static_cast<unsigned long long>(sequence));
    s.snapshot_key = key;
    s.ts = std::chrono::floor<std::chrono::seconds>(raw_input().as_of) + std::chrono::seconds{sequence};
  }
};

database& db();

// What the snapshot job stores for a chain (jobs/snapshot_taker.cpp), minus the key and ts.
gd::store::snapshot_to_store to_store(gd::providers::tradier_chain_body read) {
  gd::store::snapshot_to_store s;
  s.underlying = "SPX";
  s.kind = "full_chain";
  s.provider = read.chain.provider;
  s.spot = read.chain.spot;
  s.as_of = read.chain.as_of;
  s.payload_text = std::move(read.canonical);
  s.checksum = gd::sha256_hex(s.payload_text);
  s.rows = std::move(read.chain.rows);
  return s;
}

database& db() {
  (void)raw_input();   // built first, so its allocation is not attributed to a benchmark
  static database d;
  static const bool warmed = [] {
    // untimed: creates the month partition and warms the connection
    auto s = to_store(read_bytes(raw_input().bytes));
    // For server-side experiments (psql, EXPLAIN ANALYZE): the exact payload text the insert sends.
    if (const char* dump = std::getenv("GD_BENCH_DUMP_PAYLOAD"); dump != nullptr && *dump != '\0') {
      std::ofstream(dump, std::ios::binary) << s.payload_text;
    }
    d.stamp(s);
    d.repository->insert(s);
    return true;
  }();
  (void)warmed;
  return d;
}

double ms(clock_type::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// The 1-minute load average (/proc/loadavg): the machine is shared, so every figure carries it.
double load_average() {
  std::ifstream in("/proc/loadavg");
  double one = -1.0;
  in >> one;
  return one;
}

void rss_counters(benchmark::State& state, long rss_before_kb, long hwm_before_kb) {
  state.counters["rss_before_MB"] = static_cast<double>(rss_before_kb) / 1024.0;
  state.counters["peak_rss_before_MB"] = static_cast<double>(hwm_before_kb) / 1024.0;
  state.counters["peak_rss_after_MB"] = static_cast<double>(status_kb("VmHWM")) / 1024.0;
  state.counters["rss_after_MB"] = static_cast<double>(status_kb("VmRSS")) / 1024.0;
}

// The median and the worst of per-iteration times (ms).
void latency_counters(benchmark::State& state, const std::vector<double>& samples) {
  state.counters["p50_ms"] = median(samples);
  state.counters["max_ms"] = samples.empty() ? 0.0 : *std::max_element(samples.begin(), samples.end());
}

// Postgres backend CPU per iteration (mean), next to the library's client-side CPU column.
void server_cpu_counter(benchmark::State& state, database& d, double before) {
  const double after = d.server_cpu_ms();
  if (before >= 0.0 && after >= 0.0 && state.iterations() > 0) {
    state.counters["server_cpu_ms"] = (after - before) / static_cast<double>(state.iterations());
  }
}

// Untimed: what was stored verifies. The payload read back from JSONB re-canonicalizes to the
// stored checksum, and every contract row is there.
void verify_stored(benchmark::State& state, database& d, long long id, const std::string& checksum,
                   std::size_t contracts) {
  const auto text = d.repository->payload_text(id);
  if (!text || gd::sha256_hex(gd::canonical_json(nlohmann::json::parse(*text))) != checksum) {
    state.SkipWithError("stored payload does not verify against its checksum");
  } else if (d.repository->contracts(id).size() != contracts) {
    state.SkipWithError("stored contract count differs");
  }
}

// ---- benchmarks ----------------------------------------------------------------------------

void BM_IngestFullChain(benchmark::State& state) {
  auto& d = db();
  const std::string& bytes = raw_input().bytes;
  reset_peak_rss();
  const long rss0 = status_kb("VmRSS"), hwm0 = status_kb("VmHWM");
  std::vector<double> read_ms, sha_ms, copy_ms, store_ms, free_ms, total_ms;
  clock_type::time_point free_start{};
  std::size_t contracts = 0;
  long long last_id = 0;
  std::string last_checksum;
  bool fast_path = true;
  const double server0 = d.server_cpu_ms();
  const double load0 = load_average();
  for (auto _ : state) {
    const auto t0 = clock_type::now();
    {
      auto read = read_bytes(bytes);   // what tradier_market_data::chain_only does with a body
      fast_path = fast_path && read.fast_path;
      const auto t1 = clock_type::now();
      gd::store::snapshot_to_store s;
      s.underlying = "SPX";
      s.kind = "full_chain";
      s.provider = read.chain.provider;
      s.spot = read.chain.spot;
      s.as_of = read.chain.as_of;
      s.payload_text = read.canonical;   // copies, as jobs/snapshot_taker.cpp makes (its payload
      s.rows = read.chain.rows;          // outlives the insert: the listeners get the chain)
      const auto t2 = clock_type::now();
      s.checksum = gd::sha256_hex(s.payload_text);
      d.stamp(s);
      const auto t3 = clock_type::now();
      const auto outcome = d.repository->insert(s);
      const auto t4 = clock_type::now();
      if (outcome.duplicate) state.SkipWithError("duplicate snapshot key");
      contracts = s.rows.size();
      last_id = outcome.snapshot_id;
      last_checksum = s.checksum;
      read_ms.push_back(ms(t1 - t0));
      copy_ms.push_back(ms(t2 - t1));
      sha_ms.push_back(ms(t3 - t2));
      store_ms.push_back(ms(t4 - t3));
      free_start = t4;
    }
    const auto t5 = clock_type::now();   // rows and payload texts freed
    free_ms.push_back(ms(t5 - free_start));
    total_ms.push_back(ms(t5 - t0));
  }
  if (!fast_path) state.SkipWithError("read_tradier_chain left its fast path");
  state.counters["contracts"] = static_cast<double>(contracts);
  state.counters["payload_MB"] = static_cast<double>(bytes.size()) / (1024.0 * 1024.0);
  latency_counters(state, total_ms);
  state.counters["read_ms"] = median(read_ms);
  state.counters["copy_ms"] = median(copy_ms);
  state.counters["sha256_ms"] = median(sha_ms);
  state.counters["store_ms"] = median(store_ms);
  state.counters["free_ms"] = median(free_ms);
  state.counters["load_avg_1m_before"] = load0;
  state.counters["load_avg_1m_after"] = load_average();
  server_cpu_counter(state, d, server0);
  rss_counters(state, rss0, hwm0);
  verify_stored(state, d, last_id, last_checksum, contracts);
}
BENCHMARK(BM_IngestFullChain)->Unit(benchmark::kMillisecond)->Iterations(kIterations)->UseRealTime();

void BM_IngestRead(benchmark::State& state) {
  const std::string& bytes = raw_input().bytes;
  reset_peak_rss();
  const long rss0 = status_kb("VmRSS"), hwm0 = status_kb("VmHWM");
  std::size_t contracts = 0;
  for (auto _ : state) {
    auto read = read_bytes(bytes);
    contracts = read.chain.rows.size();
    benchmark::DoNotOptimize(read);
  }
  state.counters["contracts"] = static_cast<double>(contracts);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes.size()));
  rss_counters(state, rss0, hwm0);
}
BENCHMARK(BM_IngestRead)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_IngestReadReference(benchmark::State& state) {
  const std::string& bytes = raw_input().bytes;
  reset_peak_rss();
  const long rss0 = status_kb("VmRSS"), hwm0 = status_kb("VmHWM");
  std::vector<double> parse_ms, normalize_ms, canonical_ms, free_ms;
  for (auto _ : state) {
    const auto t0 = clock_type::now();
    clock_type::time_point t3{};
    {
      auto doc = gd::providers::parse_vendor_json(bytes, gd::providers::tradier_chains_endpoint);
      if (!doc) throw std::runtime_error(doc.err().message);
      const auto t1 = clock_type::now();
      auto chain = gd::providers::parse_tradier_chain(doc.value(), chain_options());
      if (!chain) throw std::runtime_error(chain.err().message);
      const auto t2 = clock_type::now();
      auto text = gd::canonical_json(doc.value());
      t3 = clock_type::now();
      benchmark::DoNotOptimize(text);
      parse_ms.push_back(ms(t1 - t0));
      normalize_ms.push_back(ms(t2 - t1));
      canonical_ms.push_back(ms(t3 - t2));
    }
    free_ms.push_back(ms(clock_type::now() - t3));
  }
  state.counters["parse_ms"] = median(parse_ms);
  state.counters["normalize_ms"] = median(normalize_ms);
  state.counters["canonical_ms"] = median(canonical_ms);
  state.counters["free_ms"] = median(free_ms);
  rss_counters(state, rss0, hwm0);
}
BENCHMARK(BM_IngestReadReference)->Unit(benchmark::kMillisecond)->MinTime(1.0);

// The store benchmarks' loop: `prepare` (untimed) readies the snapshot for each iteration, then
// one repository.insert is timed.
template <class Prepare>
void store_iterations(benchmark::State& state, database& d, gd::store::snapshot_to_store& s, Prepare&& prepare) {
  std::vector<double> store_ms;
  const double server0 = d.server_cpu_ms();
  for (auto _ : state) {
    state.PauseTiming();
    prepare();
    d.stamp(s);
    state.ResumeTiming();
    const auto t0 = clock_type::now();
    const auto outcome = d.repository->insert(s);
    store_ms.push_back(ms(clock_type::now() - t0));
    if (outcome.duplicate) state.SkipWithError("duplicate snapshot key");
  }
  state.counters["contracts"] = static_cast<double>(s.rows.size());
  latency_counters(state, store_ms);
  server_cpu_counter(state, d, server0);
}

void BM_IngestStore(benchmark::State& state) {
  auto& d = db();
  gd::store::snapshot_to_store s = to_store(read_bytes(raw_input().bytes));
  store_iterations(state, d, s, [] {});
}
BENCHMARK(BM_IngestStore)->Unit(benchmark::kMillisecond)->Iterations(kIterations)->UseRealTime();

// The store when the set of instruments is new (the first snapshot of a session, new strikes
// listed): each iteration leaves out a different contract, so no stored snapshot has the same
// instrument set and the insert checks every contract against option_instruments.
void BM_IngestStoreNewInstruments(benchmark::State& state) {
  auto& d = db();
  const gd::store::snapshot_to_store full = to_store(read_bytes(raw_input().bytes));
  gd::store::snapshot_to_store s = full;
  std::size_t skip = 0;
  store_iterations(state, d, s, [&] {
    s.rows = full.rows;
    s.rows.erase(s.rows.begin() + static_cast<std::ptrdiff_t>(skip++ * 997 % full.rows.size()));
  });
}
BENCHMARK(BM_IngestStoreNewInstruments)->Unit(benchmark::kMillisecond)->Iterations(kIterations / 2)->UseRealTime();

}  // namespace
