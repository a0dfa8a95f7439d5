#pragma once
// A durable local spool for snapshots taken while Postgres is unreachable. Each snapshot is one
// file, written to a temporary name, fsync'd, renamed and the directory fsync'd, so a crash never
// leaves half a file under a real name. Draining inserts each file (idempotently, by its snapshot
// key) and deletes it only after the insert committed: a snapshot lands exactly once, with its
// original timestamp.
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include <gd/store/snapshot_repository.hpp>

namespace gd::jobs {

class snapshot_spool {
 public:
  explicit snapshot_spool(std::string dir);

  void put(const store::snapshot_to_store& snapshot);   // throws std::runtime_error on I/O failure
  std::size_t pending() const;
  // Inserts spooled snapshots oldest first; stops at the first database failure. Returns how many
  // landed (duplicates included). Unreadable files move to <dir>/rejected/.
  std::size_t drain(store::snapshot_repository& repository);
  const std::string& dir() const noexcept { return dir_; }

 private:
  std::vector<std::string> files() const;
  std::string dir_;
  std::mutex drain_mu_;
};

// Serialization used by the spool (exposed for tests).
std::string serialize_spooled(const store::snapshot_to_store& s);
store::snapshot_to_store deserialize_spooled(const std::string& text);   // throws on malformed input

}  // namespace gd::jobs
