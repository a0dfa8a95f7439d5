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

}  // namespace gd::execution
