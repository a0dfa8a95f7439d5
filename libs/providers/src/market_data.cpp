// The default full chain: expirations, then one chain per expiration inside the window.
#include <gd/providers/market_data.hpp>

#include <algorithm>

#include <gd/core/ny_time.hpp>

namespace gd::providers {

std::vector<date::year_month_day> expirations_within(const std::vector<date::year_month_day>& all,
                                                     date::year_month_day today, int max_dte) {
  const auto last = date::year_month_day{date::sys_days{today} + date::days{max_dte}};
  std::vector<date::year_month_day> out;
  for (const auto& e : all) {
    if (e >= today && e <= last) out.push_back(e);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

nlohmann::json full_chain_raw(std::string_view provider, std::string_view symbol, date::year_month_day today,
                              int max_dte) {
  return nlohmann::json{{"full_chain",
                         {{"provider", provider},
                          {"symbol", symbol},
                          {"today", gd::format_date(today)},
                          {"max_dte", max_dte},
                          {"chains", nlohmann::json::array()}}}};
}

void append_to_full_chain(chain_payload& full, date::year_month_day expiration, chain_payload part) {
  full.raw["full_chain"]["chains"].push_back(
      nlohmann::json{{"expiration", gd::format_date(expiration)}, {"response", std::move(part.raw)}});
  auto& rows = full.chain.rows;
  rows.insert(rows.end(), std::make_move_iterator(part.chain.rows.begin()),
              std::make_move_iterator(part.chain.rows.end()));
  full.chain.as_of = std::max(full.chain.as_of, part.chain.as_of);
  if (std::isnan(full.chain.spot)) full.chain.spot = part.chain.spot;
}

gd::result<chain_payload> market_data::full_chain(const std::string& symbol, date::year_month_day today, int max_dte) {
  auto all = expirations(symbol);
  if (!all) return all.err();
  chain_payload full;
  full.raw = full_chain_raw(name(), symbol, today, max_dte);
  full.chain.underlying = symbol;
  full.chain.provider = std::string{name()};
  for (const auto& e : expirations_within(all.value(), today, max_dte)) {
    auto part = chain(symbol, e);
    if (!part) {
      if (part.err().code == error_codes::no_data) continue;  // a listed but empty expiry is not fatal
      return part.err();
    }
    append_to_full_chain(full, e, std::move(part.value()));
  }
  if (full.chain.rows.empty()) {
    return gd::error{std::string{error_codes::no_data},
                     std::string{name()} + ": no contracts for " + symbol + " within " + std::to_string(max_dte) +
                         " days of " + gd::format_date(today)};
  }
  return full;
}

}  // namespace gd::providers
