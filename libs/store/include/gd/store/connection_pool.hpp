#pragma once
// A bounded pool of libpq connections. Blocking: use it from worker threads only.
// Connections are opened lazily and re-opened after a failure, so the service keeps serving
// (answering 503 for data) while Postgres is down and recovers by itself when it is back.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace gd::store {

// No connection could be had, or it broke mid-use: the caller answers 503 / retries later.
class db_unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct pool_options {
  std::string url;                                    // libpq URI or key=value string (a secret)
  int size = 8;
  std::chrono::milliseconds acquire_timeout{5'000};   // waiting for a free connection
  int connect_timeout_seconds = 3;
  std::chrono::milliseconds statement_timeout{30'000};
  std::chrono::milliseconds reconnect_backoff{500};   // fail fast this long after a failed connect
  std::string application_name = "gammadesk";
};

struct pool_stats {
  int size = 0;
  int in_use = 0;
  int open = 0;                 // connections currently open (idle or in use)
  int waiting = 0;              // callers waiting for a connection
  std::uint64_t acquired = 0;
  std::uint64_t acquire_timeouts = 0;
  std::uint64_t connect_failures = 0;
};

class connection_pool {
 public:
  explicit connection_pool(pool_options options);
  ~connection_pool();
  connection_pool(const connection_pool&) = delete;
  connection_pool& operator=(const connection_pool&) = delete;

  // Runs fn with a connection. A broken connection is discarded and reported as db_unavailable;
  // other exceptions (SQL errors) propagate unchanged and the connection is kept.
  template <class Fn>
  decltype(auto) with_connection(Fn&& fn) {
    lease l = acquire();
    try {
      return fn(*l.conn);
    } catch (...) {
      fail(l);
    }
  }

  // True when a trivial query succeeds within the connect timeout.
  bool ping();
  pool_stats stats() const;
  const pool_options& options() const noexcept { return options_; }

 private:
  // A checked-out connection; its destructor returns it (or, if it was dropped, its slot).
  struct lease {
    connection_pool* pool = nullptr;
    std::unique_ptr<pqxx::connection> conn;
    lease(connection_pool* p, std::unique_ptr<pqxx::connection> c) : pool(p), conn(std::move(c)) {}
    lease(const lease&) = delete;
    lease& operator=(const lease&) = delete;
    ~lease();
  };
  lease acquire();
  // Called inside a catch block: drops a broken connection and throws db_unavailable for it,
  // otherwise rethrows the current exception unchanged.
  [[noreturn]] void fail(lease& l);
  void give_back(std::unique_ptr<pqxx::connection> conn);
  std::unique_ptr<pqxx::connection> open_connection();

  pool_options options_;
  std::string conninfo_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int in_use_ = 0;
  int waiting_ = 0;
  std::uint64_t acquired_ = 0;
  std::uint64_t acquire_timeouts_ = 0;
  std::uint64_t connect_failures_ = 0;
  std::chrono::steady_clock::time_point connect_blocked_until_{};
};

// Adds connect_timeout and application_name to a libpq URI or key=value string.
std::string with_connect_options(const std::string& url, int connect_timeout_seconds,
                                 const std::string& application_name);
// The URL with any password replaced by "****", for logs and --check-config.
std::string mask_database_url(const std::string& url);

}  // namespace gd::store
