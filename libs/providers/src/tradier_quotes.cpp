// GET /markets/quotes: one object or an array, plus unmatched_symbols for unknown names.
#include <gd/providers/tradier_parse.hpp>

#include <algorithm>

#include "json_fields.hpp"
#include "tradier_fields.hpp"

namespace gd::providers {

using detail::epoch_field;
using detail::member;
using detail::number;
using nlohmann::json;

namespace {

gd::result<tradier_quotes> parse(const json& doc) {
  const auto where = tradier_quotes_endpoint;
  if (!doc.is_object()) return detail::vendor_error("vendor_malformed", where, "top level is not a JSON object");
  tradier_quotes out;
  const auto* root = member(doc, "quotes");
  if (detail::is_empty(root)) return out;
  if (!root->is_object()) return detail::vendor_error("vendor_malformed", where, "'quotes' is not an object");

  for (const auto* q : detail::as_list(member(root, "quote"))) {
    if (!q->is_object()) {
      return detail::vendor_error("vendor_malformed", where, "a quote is not an object: " + detail::excerpt(*q));
    }
    underlying_quote u;
    u.symbol = detail::text(member(*q, "symbol"));
    if (u.symbol.empty()) return detail::vendor_error("vendor_malformed", where, "a quote has no symbol");
    u.last = number(member(*q, "last"));          // null pre-market or before the first trade
    u.bid = number(member(*q, "bid"));
    u.ask = number(member(*q, "ask"));
    u.prev_close = number(member(*q, "prevclose"));
    u.as_of = epoch_field(*q, "trade_date");
    if (u.as_of == gd::sys_time{}) u.as_of = std::max(epoch_field(*q, "bid_date"), epoch_field(*q, "ask_date"));
    out.quotes.push_back(std::move(u));
  }
  for (const auto* s : detail::as_list(member(member(root, "unmatched_symbols"), "symbol"))) {
    if (s->is_string()) out.unmatched_symbols.push_back(s->get<std::string>());
  }
  return out;
}

}  // namespace

gd::result<tradier_quotes> parse_tradier_quotes(const json& doc) {
  return detail::guarded(tradier_quotes_endpoint, [&] { return parse(doc); });
}

}  // namespace gd::providers
