#pragma once
// Client order ids ("tags"). Tradier stores `tag` but does not de-duplicate on it, so the tag is
// how we find an order whose send outcome is unknown. It is deterministic from what identifies
// the intent - trade date, slot, purpose and attempt - so a restarted process derives the same tag
// instead of inventing a new one. Tradier's rule: letters, digits and '-' only, at most 255.
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace gd::execution {

enum class order_intent { open, close };  // credit to open, debit to close

std::string_view to_string(order_intent intent);

struct tag_parts {
  date::year_month_day trade_date;
  int slot_hhmm = 0;   // entry slot in New York time, 1000 for 10:00
  order_intent intent = order_intent::open;
  int attempt = 1;     // 1, 2, ...: a new attempt is a new order (re-price), never a resend
};

// "gd-20250107-1000-open-a1". Throws std::invalid_argument on an out-of-range slot or attempt.
std::string make_client_tag(const tag_parts& parts);

bool is_valid_tradier_tag(std::string_view tag);

// The inverse of make_client_tag; empty for anything it did not make.
std::optional<tag_parts> parse_client_tag(std::string_view tag);

// The same intent's next attempt ("...-a1" -> "...-a2"), for a re-priced replacement order.
std::optional<std::string> next_attempt_tag(std::string_view tag);

}  // namespace gd::execution
