#pragma once
// A throwaway Postgres cluster for integration tests, started with scripts/pg-up.sh in a private
// temporary directory and wiped on destruction. Tests never share a cluster with `make run`.
#include <string>

namespace gd::test {

class test_postgres {
 public:
  test_postgres();                      // starts the cluster (throws with the script's output on failure)
  ~test_postgres();
  test_postgres(const test_postgres&) = delete;
  test_postgres& operator=(const test_postgres&) = delete;

  const std::string& url() const noexcept { return url_; }   // the default "gammadesk" database
  int port() const noexcept { return port_; }
  // A new empty database on this cluster; returns its URL.
  std::string create_database(const std::string& name);
  // A new database with the project's migrations (db/migrations) applied; returns its URL.
  std::string create_migrated_database(const std::string& name);
  void stop();      // pg_ctl stop (keeps the data)
  void start();     // start again on the same port
  bool running() const noexcept { return running_; }

 private:
  std::string dir_;
  std::string url_;
  int port_ = 0;
  bool running_ = false;
};

// The first column of the first row of a query, as an integer (counts in assertions).
long long query_scalar(const std::string& url, const std::string& sql);

// Runs a shell command, returns its exit code and (stdout+stderr) output.
int run_command(const std::string& command, std::string* output = nullptr);
// The repository root (for scripts/ and db/migrations).
std::string source_dir();
std::string bin_dir();
int free_loopback_port();

}  // namespace gd::test
