#include "api/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gd::api {

namespace {
std::string content_type_for(const std::string& ext) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}, {".webmanifest", "application/manifest+json"}};
  const auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}
}  // namespace

std::size_t static_files::load(const std::string& dir) {
  files_.clear();
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return 0;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string rel = "/" + std::filesystem::relative(it->path(), dir).generic_string();
    files_[rel] = file{content_type_for(it->path().extension().string()), ss.str()};
  }
  return files_.size();
}

std::optional<net::http_response> static_files::serve(const std::string& path) const {
  if (files_.empty()) return std::nullopt;
  std::string key = path == "/" ? "/index.html" : path;
  auto it = files_.find(key);
  const bool looks_like_file = key.find('.', key.rfind('/')) != std::string::npos;
  if (it == files_.end()) {
    if (looks_like_file) return std::nullopt;   // a missing asset is a 404, not the app shell
    it = files_.find("/index.html");            // client-side route: let the SPA render it
    if (it == files_.end()) return std::nullopt;
    key = "/index.html";
  }
  net::http_response r;
  r.content_type = it->second.content_type;
  r.body = it->second.body;
  if (key.rfind("/assets/", 0) == 0) {
    r.set_header("Cache-Control", "public, max-age=31536000, immutable");   // Vite names these by content hash
  } else {
    r.set_header("Cache-Control", "no-cache");
  }
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace gd::api
