#include <gd/store/migrations.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <pqxx/pqxx>

#include <gd/core/canonical_json.hpp>

namespace gd::store {

namespace {
// pg_advisory_lock key: "gdmi" — one lock for every replica's migration run.
constexpr long long migration_lock_key = 0x67646d69;
}  // namespace

std::vector<migration_file> load_migrations(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    throw migration_error("migrations directory not found: " + dir.string() + " (set MIGRATIONS_DIR)");
  }
  static const std::regex pattern(R"(^(\d{4})_([a-z0-9_]+)\.sql$)");
  std::map<int, migration_file> by_version;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string file = entry.path().filename().string();
    std::smatch m;
    if (!std::regex_match(file, m, pattern)) {
      if (entry.path().extension() == ".sql") {
        throw migration_error("migration file name must look like NNNN_name.sql: " + file);
      }
      continue;
    }
    migration_file mf;
    mf.version = std::stoi(m[1].str());
    mf.name = file.substr(0, file.size() - 4);
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    mf.sql = ss.str();
    mf.checksum = sha256_hex(mf.sql);
    if (by_version.count(mf.version) != 0) {
      throw migration_error("two migrations share version " + m[1].str() + ": " + by_version[mf.version].name +
                            " and " + mf.name);
    }
    by_version.emplace(mf.version, std::move(mf));
  }
  std::vector<migration_file> out;
  for (auto& [v, mf] : by_version) out.push_back(std::move(mf));
  return out;
}

migration_report apply_migrations(pqxx::connection& conn, const std::vector<migration_file>& migrations) {
  migration_report report;
  pqxx::nontransaction session(conn);
  session.exec("SELECT pg_advisory_lock(" + std::to_string(migration_lock_key) + ")");
  try {
    session.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version integer PRIMARY KEY,"
        " name text NOT NULL,"
        " checksum text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())");
    session.commit();

    std::map<int, std::pair<std::string, std::string>> applied;   // version -> (name, checksum)
    {
      pqxx::read_transaction tx(conn);
      for (const auto& row : tx.exec("SELECT version, name, checksum FROM schema_migrations")) {
        applied[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
      }
    }
    for (const auto& [version, info] : applied) {
      const bool known = std::any_of(migrations.begin(), migrations.end(),
                                     [v = version](const migration_file& m) { return m.version == v; });
      if (!known) {
        throw migration_error("database has migration " + info.first +
                              " which this build does not know (is this binary older than the database?)");
      }
    }
    for (const auto& m : migrations) {
      const auto it = applied.find(m.version);
      if (it != applied.end()) {
        if (it->second.second != m.checksum) {
          throw migration_error("migration " + m.name + " was changed after it was applied (checksum " +
                                it->second.second.substr(0, 12) + "... in the database, " + m.checksum.substr(0, 12) +
                                "... on disk); add a new migration instead of editing an applied one");
        }
        ++report.already_applied;
        continue;
      }
      try {
        pqxx::work tx(conn);
        tx.exec(m.sql);
        tx.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", m.version,
                       m.name, m.checksum);
        tx.commit();
      } catch (const std::exception& e) {
        throw migration_error("migration " + m.name + " failed: " + e.what());
      }
      report.applied.push_back(m.name);
    }
  } catch (...) {
    try {
      pqxx::nontransaction unlock(conn);
      unlock.exec("SELECT pg_advisory_unlock(" + std::to_string(migration_lock_key) + ")");
    } catch (...) {
      // the lock goes with the session if the connection is gone
    }
    throw;
  }
  pqxx::nontransaction unlock(conn);
  unlock.exec("SELECT pg_advisory_unlock(" + std::to_string(migration_lock_key) + ")");
  return report;
}

}  // namespace gd::store
