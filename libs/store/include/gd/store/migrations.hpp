#pragma once
// Forward-only schema migrations: db/migrations/NNNN_name.sql, applied in order, each in its own
// transaction, recorded in schema_migrations with a SHA-256 checksum, under a Postgres advisory
// lock so replicas starting together apply each one exactly once. A migration whose file changed
// after it was applied stops start-up.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace gd::store {

class migration_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct migration_file {
  int version = 0;
  std::string name;       // "0001_core_tables"
  std::string sql;
  std::string checksum;   // sha256 of the file bytes
};

struct migration_report {
  std::vector<std::string> applied;   // names applied by this call
  int already_applied = 0;
};

// Reads and validates the directory (names NNNN_name.sql, no duplicate versions).
std::vector<migration_file> load_migrations(const std::filesystem::path& dir);
migration_report apply_migrations(pqxx::connection& conn, const std::vector<migration_file>& migrations);

}  // namespace gd::store
