#pragma once
// The dashboard's built files (STATIC_DIR), loaded into memory at start-up and served with the
// SPA fallback to index.html. Hashed assets get a year-long immutable cache; index.html none.
#include <map>
#include <optional>
#include <string>

#include <gd/net/http_message.hpp>

namespace gd::api {

class static_files {
 public:
  // Loads every file under dir (no-op when dir does not exist). Returns the file count.
  std::size_t load(const std::string& dir);
  bool empty() const noexcept { return files_.empty(); }
  // The response for a GET of path, if one exists (a file, or index.html for a client-side route).
  std::optional<net::http_response> serve(const std::string& path) const;

 private:
  struct file {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, file> files_;   // "/index.html", "/assets/index-1a2b3c.js"
};

}  // namespace gd::api
