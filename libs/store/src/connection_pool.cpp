#include <gd/store/connection_pool.hpp>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace gd::store {

namespace {
bool is_uri(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}
}  // namespace

std::string with_connect_options(const std::string& url, int connect_timeout_seconds,
                                 const std::string& application_name) {
  std::string out = url;
  if (is_uri(url)) {
    const char* sep = url.find('?') == std::string::npos ? "?" : "&";
    if (url.find("connect_timeout=") == std::string::npos) {
      out += sep + std::string("connect_timeout=") + std::to_string(connect_timeout_seconds);
      sep = "&";
    }
    if (url.find("application_name=") == std::string::npos) out += sep + std::string("application_name=") + application_name;
  } else {
    if (url.find("connect_timeout") == std::string::npos) out += " connect_timeout=" + std::to_string(connect_timeout_seconds);
    if (url.find("application_name") == std::string::npos) out += " application_name=" + application_name;
  }
  return out;
}

std::string mask_database_url(const std::string& url) {
  if (is_uri(url)) {
    // postgresql://user:password@host/db -> postgresql://user:****@host/db
    const auto scheme_end = url.find("://") + 3;
    const auto at = url.find('@', scheme_end);
    if (at == std::string::npos) return url;
    const auto colon = url.find(':', scheme_end);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "****" + url.substr(at);
  }
  // key=value form: mask password=...
  std::string out = url;
  const auto p = out.find("password=");
  if (p != std::string::npos) {
    auto end = out.find(' ', p);
    if (end == std::string::npos) end = out.size();
    out.replace(p + 9, end - (p + 9), "****");
  }
  return out;
}

connection_pool::connection_pool(pool_options options)
    : options_(std::move(options)),
      conninfo_(with_connect_options(options_.url, options_.connect_timeout_seconds, options_.application_name)) {
  if (options_.size < 1) throw std::invalid_argument("connection pool size must be at least 1");
}

connection_pool::~connection_pool() = default;

connection_pool::lease::~lease() {
  if (pool != nullptr) pool->give_back(std::move(conn));
}

std::unique_ptr<pqxx::connection> connection_pool::open_connection() {
  auto conn = std::make_unique<pqxx::connection>(conninfo_);
  pqxx::nontransaction tx(*conn);
  tx.exec("SET statement_timeout = " + std::to_string(options_.statement_timeout.count()));
  tx.exec("SET TIME ZONE 'UTC'");
  return conn;
}

connection_pool::lease connection_pool::acquire() {
  std::unique_ptr<pqxx::connection> conn;
  {
    std::unique_lock lock(mu_);
    ++waiting_;
    const bool got = cv_.wait_for(lock, options_.acquire_timeout, [this] { return in_use_ < options_.size; });
    --waiting_;
    if (!got) {
      ++acquire_timeouts_;
      throw db_unavailable("no database connection free within " +
                           std::to_string(options_.acquire_timeout.count()) + " ms");
    }
    ++in_use_;
    ++acquired_;
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    } else if (std::chrono::steady_clock::now() < connect_blocked_until_) {
      --in_use_;
      cv_.notify_one();
      throw db_unavailable("database unreachable (recent connect attempt failed)");
    }
  }
  if (!conn) {
    try {
      conn = open_connection();
    } catch (const std::exception& e) {
      std::lock_guard lock(mu_);
      --in_use_;
      ++connect_failures_;
      connect_blocked_until_ = std::chrono::steady_clock::now() + options_.reconnect_backoff;
      cv_.notify_one();
      // libpq messages name host and port, never the password.
      throw db_unavailable(std::string("cannot connect to the database: ") + e.what());
    }
  }
  return lease(this, std::move(conn));
}

void connection_pool::give_back(std::unique_ptr<pqxx::connection> conn) {
  std::lock_guard lock(mu_);
  --in_use_;
  if (conn && conn->is_open()) idle_.push_back(std::move(conn));
  cv_.notify_one();
}

void connection_pool::fail(lease& l) {
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    l.conn.reset();
    throw db_unavailable(std::string("database connection lost: ") + e.what());
  } catch (const pqxx::sql_error& e) {
    // 57P01 admin_shutdown / 57P02 crash_shutdown / 57P03 cannot_connect_now, class 08: connection exceptions.
    const std::string state = e.sqlstate();
    if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03") {
      l.conn.reset();
      throw db_unavailable(std::string("database connection lost: ") + e.what());
    }
    if (l.conn && !l.conn->is_open()) l.conn.reset();
    throw;
  } catch (...) {
    if (l.conn && !l.conn->is_open()) l.conn.reset();
    throw;
  }
}

bool connection_pool::ping() {
  // Two tries: after a database restart the first may hit a stale idle connection.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      return with_connection([](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        tx.exec("SELECT 1");
        return true;
      });
    } catch (const std::exception& e) {
      spdlog::debug("db ping failed: {}", e.what());
    }
  }
  return false;
}

pool_stats connection_pool::stats() const {
  std::lock_guard lock(mu_);
  pool_stats s;
  s.size = options_.size;
  s.in_use = in_use_;
  s.open = in_use_ + static_cast<int>(idle_.size());
  s.waiting = waiting_;
  s.acquired = acquired_;
  s.acquire_timeouts = acquire_timeouts_;
  s.connect_failures = connect_failures_;
  return s;
}

}  // namespace gd::store
