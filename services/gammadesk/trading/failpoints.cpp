#include "trading/failpoints.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include <spdlog/spdlog.h>

namespace gd::trading {

namespace {
const std::string& armed() {
  static const std::string points = [] {
    const char* v = std::getenv("GD_FAILPOINTS");
    return v ? "," + std::string(v) + "," : std::string();
  }();
  return points;
}
}  // namespace

void failpoint(std::string_view name) {
  const auto& points = armed();
  if (points.empty()) return;
  if (points.find("," + std::string(name) + ",") == std::string::npos) return;
  spdlog::critical("failpoint {} reached: exiting now (GD_FAILPOINTS)", name);
  spdlog::default_logger()->flush();
  ::_exit(86);
}

}  // namespace gd::trading
