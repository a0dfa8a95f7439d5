// Writing chains and quotes in Tradier's shape (for replays, fakes and benchmarks).
#include <gd/providers/tradier_format.hpp>

#include <cmath>
#include <cstdio>

#include <gd/core/ny_time.hpp>

namespace gd::providers {

namespace {

using nlohmann::json;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json count_or_null(std::int64_t v) { return v >= 0 ? json(v) : json(nullptr); }

long long epoch_ms(gd::sys_time t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

json naive_utc_or_null(gd::sys_time t) {
  if (t == gd::sys_time{}) return nullptr;
  const auto day = date::floor<date::days>(t);
  const date::hh_mm_ss<std::chrono::seconds> tod{std::chrono::floor<std::chrono::seconds>(t - day)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d:%02d", gd::format_date(date::year_month_day{day}).c_str(),
                int(tod.hours().count()), int(tod.minutes().count()), int(tod.seconds().count()));
  return buf;
}

}  // namespace

json to_tradier_chain_json(const gd::option_chain& chain) {
  if (chain.rows.empty()) return json{{"options", nullptr}};
  json options = json::array();
  for (const auto& row : chain.rows) {
    const auto& c = row.contract;
    const auto& q = row.quote;
    const auto& g = q.greeks;
    json greeks{{"delta", number_or_null(g.delta)}, {"gamma", number_or_null(g.gamma)},
                {"theta", number_or_null(g.theta)}, {"vega", number_or_null(g.vega)},
                {"rho", number_or_null(g.rho)},     {"mid_iv", std::isfinite(g.iv) ? g.iv : 0.0},
                {"smv_vol", std::isfinite(g.iv) ? g.iv : 0.0}, {"updated_at", naive_utc_or_null(g.updated_at)}};
    const long long quoted = epoch_ms(q.quote_time);
    options.push_back(json{{"symbol", c.occ_symbol},
                           {"type", "option"},
                           {"last", number_or_null(q.last)},
                           {"volume", count_or_null(q.volume)},
                           {"bid", number_or_null(q.bid)},
                           {"ask", number_or_null(q.ask)},
                           {"underlying", c.underlying},
                           {"strike", c.strike},
                           {"greeks", std::move(greeks)},
                           {"bidsize", count_or_null(q.bid_size)},
                           {"bid_date", quoted > 0 ? quoted : 0},
                           {"asksize", count_or_null(q.ask_size)},
                           {"ask_date", quoted > 0 ? quoted : 0},
                           {"open_interest", count_or_null(q.open_interest)},
                           {"contract_size", c.multiplier},
                           {"expiration_date", gd::format_date(c.expiration)},
                           {"expiration_type", c.settlement == gd::settlement_style::am ? "standard" : "weeklys"},
                           {"option_type", c.right == gd::option_right::call ? "call" : "put"},
                           {"root_symbol", c.root}});
  }
  return json{{"options", {{"option", std::move(options)}}}};
}

json to_tradier_expirations_json(const std::vector<date::year_month_day>& dates) {
  if (dates.empty()) return json{{"expirations", nullptr}};
  json list = json::array();
  for (const auto& d : dates) list.push_back(gd::format_date(d));
  return json{{"expirations", {{"date", std::move(list)}}}};
}

json to_tradier_quotes_json(const std::vector<underlying_quote>& quotes) {
  if (quotes.empty()) return json{{"quotes", nullptr}};
  json list = json::array();
  for (const auto& q : quotes) {
    const long long t = epoch_ms(q.as_of);
    list.push_back(json{{"symbol", q.symbol},
                        {"last", number_or_null(q.last)},
                        {"bid", number_or_null(q.bid)},
                        {"ask", number_or_null(q.ask)},
                        {"prevclose", number_or_null(q.prev_close)},
                        {"trade_date", t > 0 ? t : 0}});
  }
  return json{{"quotes", {{"quote", std::move(list)}}}};
}

}  // namespace gd::providers
