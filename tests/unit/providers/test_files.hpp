#pragma once
// Test helpers: read fixtures from tests/data (GD_TEST_DATA), never from the working directory.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace gd::test {

inline std::string data_path(const std::string& relative) { return std::string(GD_TEST_DATA) + "/" + relative; }

inline std::string read_text(const std::string& relative) {
  std::ifstream in(data_path(relative), std::ios::binary);
  if (!in) throw std::runtime_error("missing test data: " + relative);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline nlohmann::json read_json(const std::string& relative) { return nlohmann::json::parse(read_text(relative)); }

// Occurrences of `needle` in `hay` (an independent count to compare parsers against).
inline std::size_t count_occurrences(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + needle.size())) ++n;
  return n;
}

}  // namespace gd::test
