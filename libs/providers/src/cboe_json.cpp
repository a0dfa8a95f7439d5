// CBOE delayed-quotes JSON (cdn.cboe.com/api/global/delayed_quotes/options/<SYM>.json).
#include <gd/providers/cboe_parse.hpp>

#include <cctype>

#include <gd/core/ny_time.hpp>
#include <gd/providers/tradier_parse.hpp>

#include "cboe_common.hpp"
#include "json_fields.hpp"

namespace gd::providers {

using detail::member;
using detail::number;
using nlohmann::json;

std::string cboe_plain_symbol(std::string_view symbol) {
  while (!symbol.empty() && (symbol.front() == '^' || symbol.front() == '_')) symbol.remove_prefix(1);
  std::string out{symbol};
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

namespace {

// "2025-06-06T16:00:00", New York wall-clock time.
bool parse_ny_naive(const std::string& text, gd::sys_time& out) {
  gd::sys_time as_if_utc{};
  if (text.size() < 19 || !parse_tradier_timestamp(text.substr(0, 19), as_if_utc)) return false;
  const auto day = date::floor<date::days>(as_if_utc);
  const auto since_midnight = as_if_utc - day;
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(since_midnight);
  out = gd::ny_to_utc(date::year_month_day{day}, minute) + (since_midnight - minute);
  return true;
}

double first_positive(std::initializer_list<double> values) {
  for (const double v : values) {
    if (std::isfinite(v) && v > 0.0) return v;
  }
  return gd::nan_v;
}

gd::result<cboe_chain> parse(const json& doc) {
  const auto where = detail::cboe_json_where;
  const auto* data = member(doc, "data");
  if (!data || !data->is_object()) return detail::vendor_error("vendor_malformed", where, "no 'data' object");

  cboe_chain out;
  auto& chain = out.chain;
  chain.provider = "cboe";
  std::string symbol = detail::text(member(data, "symbol"));
  if (symbol.empty()) symbol = detail::text(member(doc, "symbol"));
  chain.underlying = cboe_plain_symbol(symbol);

  chain.spot = first_positive({number(member(data, "current_price")), number(member(data, "close")),
                               number(member(data, "prev_day_close"))});
  gd::sys_time as_of{};
  if (!parse_ny_naive(detail::text(member(data, "last_trade_time")), as_of)) {
    (void)parse_tradier_timestamp(detail::text(member(doc, "timestamp")), as_of);  // download time, UTC
  }
  chain.as_of = as_of;

  out.quote.symbol = chain.underlying;
  out.quote.last = chain.spot;
  out.quote.bid = detail::positive_or_nan(number(member(data, "bid")));
  out.quote.ask = detail::positive_or_nan(number(member(data, "ask")));
  out.quote.prev_close = number(member(data, "prev_day_close"));
  out.quote.as_of = as_of;

  const auto* options = member(data, "options");
  if (options && !options->is_array() && !detail::is_empty(options)) {
    return detail::vendor_error("vendor_malformed", where, "'data.options' is not an array");
  }
  const auto items = detail::as_list(options);
  chain.rows.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& o = *items[i];
    gd::chain_row row;
    if (!o.is_object() || !detail::cboe_contract(detail::text(member(o, "option")), row.contract)) {
      return detail::vendor_error("vendor_malformed", where,
                                  "option #" + std::to_string(i) + " has no parseable OCC symbol: " + detail::excerpt(o));
    }
    auto& q = row.quote;
    q.bid = number(member(o, "bid"));
    q.ask = number(member(o, "ask"));
    // last_trade_price 0 with no last_trade_time: never traded.
    const double last = number(member(o, "last_trade_price"));
    q.last = (last > 0.0 || !detail::is_empty(member(o, "last_trade_time"))) ? last : gd::nan_v;
    q.bid_size = detail::count(member(o, "bid_size"));
    q.ask_size = detail::count(member(o, "ask_size"));
    q.volume = detail::count(member(o, "volume"));
    q.open_interest = detail::count(member(o, "open_interest"));
    q.quote_time = as_of;
    auto& g = q.greeks;
    g.iv = number(member(o, "iv"));
    g.delta = number(member(o, "delta"));
    g.gamma = number(member(o, "gamma"));
    g.theta = number(member(o, "theta"));
    g.vega = number(member(o, "vega"));
    g.rho = number(member(o, "rho"));
    g.updated_at = as_of;
    detail::normalize_cboe_greeks(g);
    chain.rows.push_back(std::move(row));
  }
  if (chain.underlying.empty() && !chain.rows.empty()) chain.underlying = chain.rows.front().contract.underlying;
  if (out.quote.symbol.empty()) out.quote.symbol = chain.underlying;
  return out;
}

}  // namespace

gd::result<cboe_chain> parse_cboe_json(const json& doc) {
  return detail::guarded(detail::cboe_json_where, [&] { return parse(doc); });
}

}  // namespace gd::providers
