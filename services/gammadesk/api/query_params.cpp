#include "api/query_params.hpp"

#include <cctype>

#include <gd/core/ny_time.hpp>

#include "api/api_error.hpp"

namespace gd::api {

std::string symbol_param(const request_context& c, const std::string& name, const std::string& fallback) {
  std::string s = c.query(name).value_or(fallback);
  bool ok = !s.empty() && s.size() <= 12;
  for (auto& ch : s) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '/');
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  if (!ok) throw bad_request("query parameter '" + name + "' must be a symbol such as SPX, got '" + s + "'");
  return s;
}

std::optional<gd::sys_time> instant_param(const request_context& c, const std::string& name) {
  const auto v = c.query(name);
  if (!v) return std::nullopt;
  gd::sys_time t{};
  if (gd::parse_iso_instant(*v, t)) return t;
  date::year_month_day d{};
  if (gd::parse_date(*v, d)) return gd::ny_to_utc(d, std::chrono::minutes{0});
  throw bad_request("query parameter '" + name + "' must be an ISO-8601 instant or a YYYY-MM-DD date, got '" + *v + "'");
}

}  // namespace gd::api
