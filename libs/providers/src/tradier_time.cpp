// Timestamps and body decoding shared by the Tradier parsers.
#include <gd/providers/tradier_parse.hpp>

#include <cstdio>

#include <gd/core/ny_time.hpp>

#include "json_fields.hpp"

namespace gd::providers {

gd::result<nlohmann::json> parse_vendor_json(std::string_view body, std::string_view endpoint) {
  // allow_exceptions=false: a malformed or truncated body yields a "discarded" value, not a throw.
  auto doc = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (doc.is_discarded()) {
    const bool empty = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
    return detail::vendor_error("vendor_malformed", endpoint,
                                empty ? "empty response body" : "response is not valid JSON (malformed or truncated)");
  }
  return doc;
}

gd::sys_time epoch_ms_or_s(long long value) {
  if (value <= 0) return gd::sys_time{};
  constexpr long long ms_threshold = 100'000'000'000LL;  // 1e11
  if (value >= ms_threshold) return gd::sys_time{std::chrono::milliseconds{value}};
  return gd::sys_time{std::chrono::seconds{value}};
}

bool parse_tradier_timestamp(const std::string& text, gd::sys_time& out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char sep = 0;
  int consumed = 0;
  // "2024-06-28 14:58:47" (naive UTC); the 'T' form without an offset is read the same way.
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &s, &consumed) == 7 &&
      (sep == ' ' || sep == 'T') && static_cast<std::size_t>(consumed) == text.size()) {
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return false;
    out = gd::sys_time{date::sys_days{ymd}} + std::chrono::hours{h} + std::chrono::minutes{mi} +
          std::chrono::seconds{s};
    return true;
  }
  return gd::parse_iso_instant(text, out);
}

}  // namespace gd::providers
