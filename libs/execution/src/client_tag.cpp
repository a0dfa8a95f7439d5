#include <gd/execution/client_tag.hpp>

#include <cstdio>
#include <stdexcept>

namespace gd::execution {

std::string_view to_string(order_intent intent) { return intent == order_intent::open ? "open" : "close"; }

std::string make_client_tag(const tag_parts& parts) {
  const int hh = parts.slot_hhmm / 100;
  const int mm = parts.slot_hhmm % 100;
  if (parts.slot_hhmm < 0 || hh > 23 || mm > 59) throw std::invalid_argument("client tag: slot must be HHMM");
  if (parts.attempt < 1 || parts.attempt > 999) throw std::invalid_argument("client tag: attempt must be 1..999");
  if (!parts.trade_date.ok()) throw std::invalid_argument("client tag: invalid trade date");
  char buf[64];
  std::snprintf(buf, sizeof buf, "gd-%04d%02u%02u-%04d-%s-a%d", static_cast<int>(parts.trade_date.year()),
                static_cast<unsigned>(parts.trade_date.month()), static_cast<unsigned>(parts.trade_date.day()),
                parts.slot_hhmm, parts.intent == order_intent::open ? "open" : "close", parts.attempt);
  return buf;
}

bool is_valid_tradier_tag(std::string_view tag) {
  if (tag.empty() || tag.size() > 255) return false;
  for (const char c : tag) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<tag_parts> parse_client_tag(std::string_view tag) {
  int y = 0, hhmm = 0, attempt = 0, used = 0;
  unsigned m = 0, d = 0;
  char purpose[8] = {};
  const std::string text(tag);
  if (std::sscanf(text.c_str(), "gd-%4d%2u%2u-%4d-%5[a-z]-a%d%n", &y, &m, &d, &hhmm, purpose, &attempt, &used) != 6)
    return std::nullopt;
  if (static_cast<std::size_t>(used) != text.size()) return std::nullopt;
  const std::string_view p(purpose);
  if (p != "open" && p != "close") return std::nullopt;
  tag_parts parts{date::year{y} / date::month{m} / date::day{d}, hhmm,
                  p == "open" ? order_intent::open : order_intent::close, attempt};
  try {
    if (make_client_tag(parts) != text) return std::nullopt;  // only canonical spellings round-trip
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  return parts;
}

std::optional<std::string> next_attempt_tag(std::string_view tag) {
  auto parts = parse_client_tag(tag);
  if (!parts || parts->attempt >= 999) return std::nullopt;
  parts->attempt += 1;
  return make_client_tag(*parts);
}

}  // namespace gd::execution
