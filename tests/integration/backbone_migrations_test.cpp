// Migrations against a real Postgres: from empty, idempotent re-runs, concurrent runners, and a
// refused tampered migration. Runs the built binary (`gammadesk --migrate`) as a user would.
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "service_process.hpp"
#include "test_postgres.hpp"

using namespace gd::test;

namespace {
test_postgres& cluster() {
  static test_postgres pg;
  return pg;
}

std::size_t migration_file_count(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) n += e.path().extension() == ".sql";
  return n;
}

long long count(const std::string& url, const std::string& sql) {
  pqxx::connection c(url);
  pqxx::read_transaction tx(c);
  return tx.exec1(sql)[0].as<long long>();
}
}  // namespace

TEST_CASE("migrations apply from an empty database and a re-run is a no-op", "[integration][migrations]") {
  const auto url = cluster().create_database("mig_fresh");
  const auto files = migration_file_count(source_dir() + "/db/migrations");
  REQUIRE(files >= 1);

  std::string out;
  REQUIRE(run_gammadesk({"--migrate"}, {{"DATABASE_URL", url}}, &out) == 0);
  CHECK(count(url, "SELECT count(*) FROM schema_migrations") == static_cast<long long>(files));
  CHECK(count(url, "SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                   "('chain_snapshots','option_instruments')") == 2);
  const auto first_applied_at = count(url, "SELECT extract(epoch FROM max(applied_at))::bigint FROM schema_migrations");

  REQUIRE(run_gammadesk({"--migrate"}, {{"DATABASE_URL", url}}, &out) == 0);
  CHECK(out.find("0 applied now") != std::string::npos);
  CHECK(count(url, "SELECT count(*) FROM schema_migrations") == static_cast<long long>(files));
  CHECK(count(url, "SELECT extract(epoch FROM max(applied_at))::bigint FROM schema_migrations") == first_applied_at);
}

TEST_CASE("two processes migrating at once apply each migration exactly once", "[integration][migrations]") {
  const auto url = cluster().create_database("mig_concurrent");
  const auto files = migration_file_count(source_dir() + "/db/migrations");
  // Fork two runners that start together; the advisory lock serializes them.
  std::vector<pid_t> pids;
  for (int i = 0; i < 2; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::string out;
      ::_exit(run_gammadesk({"--migrate"}, {{"DATABASE_URL", url}}, &out));
    }
    pids.push_back(pid);
  }
  for (const pid_t pid : pids) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  CHECK(count(url, "SELECT count(*) FROM schema_migrations") == static_cast<long long>(files));
  CHECK(count(url, "SELECT count(DISTINCT version) FROM schema_migrations") == static_cast<long long>(files));
}

TEST_CASE("a migration changed after it was applied stops start-up", "[integration][migrations]") {
  const auto url = cluster().create_database("mig_tampered");
  char tmpl[] = "/tmp/gd-mig-copy.XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::string dir = tmpl;
  std::filesystem::copy(source_dir() + "/db/migrations", dir);

  std::string out;
  REQUIRE(run_gammadesk({"--migrate"}, {{"DATABASE_URL", url}, {"MIGRATIONS_DIR", dir}}, &out) == 0);
  {
    std::ofstream f(dir + "/0001_core_tables.sql", std::ios::app);
    f << "\n-- an innocent-looking edit\n";
  }
  CHECK(run_gammadesk({"--migrate"}, {{"DATABASE_URL", url}, {"MIGRATIONS_DIR", dir}}, &out) == 1);
  CHECK(out.find("0001_core_tables was changed after it was applied") != std::string::npos);

  // The service refuses to start on the same database too.
  const int rc = run_gammadesk({}, {{"DATABASE_URL", url}, {"MIGRATIONS_DIR", dir}, {"HOST", "127.0.0.1"},
                                    {"PORT", std::to_string(free_loopback_port())}}, &out);
  CHECK(rc == 1);
  CHECK(out.find("was changed after it was applied") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a database whose payload staging table was created at run time migrates cleanly",
          "[integration][migrations]") {
  // Before 0006_snapshot_payload_staging the service created the table itself on first use.
  const auto url = cluster().create_database("mig_runtime_staging");
  char tmpl[] = "/tmp/gd-mig-staging.XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::string dir = tmpl;
  std::filesystem::copy(source_dir() + "/db/migrations", dir);
  REQUIRE(std::filesystem::remove(dir + "/0006_snapshot_payload_staging.sql"));
  std::string out;
  REQUIRE(run_gammadesk({"--migrate"}, {{"DATABASE_URL", url}, {"MIGRATIONS_DIR", dir}}, &out) == 0);
  {
    pqxx::connection c(url);
    pqxx::work tx(c);
    // The runtime DDL as the service ran it.
    tx.exec("CREATE UNLOGGED TABLE IF NOT EXISTS snapshot_payload_staging"
            " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            " created_at timestamptz NOT NULL DEFAULT now(),"
            " payload jsonb NOT NULL)");
    tx.exec("DO $$ BEGIN ALTER TABLE snapshot_payload_staging ALTER COLUMN payload SET COMPRESSION lz4; "
            "EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL; END $$");
    tx.exec("INSERT INTO snapshot_payload_staging (payload) VALUES ('{\"a\": 1}')");
    tx.commit();
  }
  REQUIRE(run_gammadesk({"--migrate"}, {{"DATABASE_URL", url}}, &out) == 0);
  CHECK(out.find("1 applied now") != std::string::npos);
  CHECK(count(url, "SELECT count(*) FROM schema_migrations WHERE name = '0006_snapshot_payload_staging'") == 1);
  CHECK(count(url, "SELECT count(*) FROM snapshot_payload_staging") == 1);   // left as it was
  CHECK(count(url, "SELECT count(*) FROM pg_class WHERE relname = 'snapshot_payload_staging' "
                   "AND relpersistence = 'u'") == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a badly named migration file is refused", "[integration][migrations]") {
  char tmpl[] = "/tmp/gd-mig-bad.XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::string dir = tmpl;
  std::ofstream(dir + "/1_oops.sql") << "SELECT 1;";
  std::string out;
  CHECK(run_gammadesk({"--migrate"}, {{"DATABASE_URL", cluster().url()}, {"MIGRATIONS_DIR", dir}}, &out) == 1);
  CHECK(out.find("NNNN_name.sql") != std::string::npos);
  std::filesystem::remove_all(dir);
}
