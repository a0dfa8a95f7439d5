// The default full chain: expirations, then one chain per expiration inside the window.
#include <gd/providers/market_data.hpp>

#include <algorithm>

#include <gd/core/canonical_json.hpp>
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

full_chain_builder::full_chain_builder(std::string_view provider, std::string_view symbol,
                                       date::year_month_day today, int max_dte) {
  full_.chain.underlying = std::string{symbol};
  full_.chain.provider = std::string{provider};
  const auto text = [](std::string_view s) {
    std::string out;
    gd::canonical::append_string(out, s);
    return out;
  };
  header_ = {{"provider", text(provider)},
             {"symbol", text(symbol)},
             {"today", text(gd::format_date(today))},
             {"max_dte", std::to_string(max_dte)}};
}

void full_chain_builder::add(date::year_month_day expiration, chain_payload part) {
  std::string expiry;
  gd::canonical::append_string(expiry, gd::format_date(expiration));
  if (!chains_.empty()) chains_ += ',';
  chains_ += gd::canonical::object({{"expiration", std::move(expiry)}, {"response", std::move(part.raw_json)}});
  auto& rows = full_.chain.rows;
  rows.insert(rows.end(), std::make_move_iterator(part.chain.rows.begin()),
              std::make_move_iterator(part.chain.rows.end()));
  full_.chain.as_of = std::max(full_.chain.as_of, part.chain.as_of);
  if (std::isnan(full_.chain.spot)) full_.chain.spot = part.chain.spot;
}

chain_payload full_chain_builder::finish() && {
  auto members = std::move(header_);
  members.emplace_back("chains", "[" + std::move(chains_) + "]");
  full_.raw_json = gd::canonical::object({{"full_chain", gd::canonical::object(std::move(members))}});
  return std::move(full_);
}

gd::result<chain_payload> market_data::full_chain(const std::string& symbol, date::year_month_day today, int max_dte) {
  auto all = expirations(symbol);
  if (!all) return all.err();
  full_chain_builder full(name(), symbol, today, max_dte);
  for (const auto& e : expirations_within(all.value(), today, max_dte)) {
    auto part = chain(symbol, e);
    if (!part) {
      if (part.err().code == error_codes::no_data) continue;  // a listed but empty expiry is not fatal
      return part.err();
    }
    full.add(e, std::move(part.value()));
  }
  if (full.empty()) {
    return gd::error{std::string{error_codes::no_data},
                     std::string{name()} + ": no contracts for " + symbol + " within " + std::to_string(max_dte) +
                         " days of " + gd::format_date(today)};
  }
  return std::move(full).finish();
}

}  // namespace gd::providers
