// Tradier market data: paths, HTTP status mapping and parsing over an injected transport.
#include <gd/providers/tradier_market_data.hpp>

#include <atomic>
#include <optional>
#include <thread>

#include <gd/core/ny_time.hpp>

#include "tradier_fields.hpp"

namespace gd::providers {

namespace {

std::string where(std::string_view endpoint) { return "tradier " + std::string{endpoint}; }

gd::error prefixed(const gd::error& e) { return gd::error{e.code, "tradier " + e.message}; }

}  // namespace

gd::error tradier_http_error(std::string_view endpoint, const http_response& response) {
  const int s = response.status;
  const std::string head = where(endpoint) + ": HTTP " + std::to_string(s);
  const std::string detail_text = detail::tradier_error_text(response.body);
  if (s == 401 || s == 403) {
    return gd::error{std::string{error_codes::auth},
                     head + " (" + detail_text +
                         "): the access token was rejected; check TRADIER_ACCESS_TOKEN and that it belongs to "
                         "the environment of TRADIER_BASE_URL (sandbox and production tokens differ)"};
  }
  const bool quota = response.body.find("Quota Violation") != std::string::npos;
  if (s == 429 || (s == 400 && quota)) {
    std::string msg = head + " rate limited";
    if (auto expiry = response.header("X-Ratelimit-Expiry")) msg += " until epoch ms " + std::string{*expiry};
    return gd::error{std::string{error_codes::rate_limited}, msg};
  }
  if (s == 404 || s >= 500 || s < 200 || (s >= 300 && s < 400)) {
    return gd::error{std::string{error_codes::unavailable}, head + ": " + detail_text};
  }
  return gd::error{std::string{error_codes::bad_request}, head + ": " + detail_text};
}

tradier_market_data::tradier_market_data(std::shared_ptr<http_getter> transport, const gd::clock& clock,
                                         tradier_settings settings)
    : transport_(std::move(transport)), clock_(clock), settings_(settings) {}

gd::result<std::string> tradier_market_data::get_body(std::string_view endpoint, const std::string& path_and_query) {
  if (!transport_) return gd::error{std::string{error_codes::unavailable}, where(endpoint) + ": no HTTP transport configured"};
  auto response = transport_->get(path_and_query);
  if (!response) return gd::error{response.err().code, where(endpoint) + ": " + response.err().message};
  auto& r = response.value();
  if (r.status < 200 || r.status >= 300) return tradier_http_error(endpoint, r);
  return std::move(r.body);
}

gd::result<nlohmann::json> tradier_market_data::checked_json(std::string_view endpoint, std::string_view body) {
  auto doc = parse_vendor_json(body, endpoint);
  if (!doc) return prefixed(doc.err());
  // HTTP 200 can still carry {"errors": ...} (Tradier reference section 2, rule 8).
  if (const auto* errors = detail::member(doc.value(), "errors"); !detail::is_empty(errors)) {
    return gd::error{std::string{error_codes::bad_request}, where(endpoint) + ": " + detail::tradier_error_text(body)};
  }
  return doc;
}

gd::result<nlohmann::json> tradier_market_data::get_json(std::string_view endpoint, const std::string& path_and_query) {
  auto body = get_body(endpoint, path_and_query);
  if (!body) return body.err();
  return checked_json(endpoint, body.value());
}

gd::result<std::vector<date::year_month_day>> tradier_market_data::expirations(const std::string& symbol) {
  auto doc = get_json(tradier_expirations_endpoint, std::string{tradier_expirations_endpoint} +
                                                        "?symbol=" + url_encode(symbol) + "&includeAllRoots=true");
  if (!doc) return doc.err();
  auto dates = parse_tradier_expirations(doc.value());
  if (!dates) return prefixed(dates.err());
  if (dates->empty()) {
    return gd::error{std::string{error_codes::no_data},
                     where(tradier_expirations_endpoint) + ": no expirations for symbol " + symbol};
  }
  return dates;
}

gd::result<chain_payload> tradier_market_data::chain_only(const std::string& symbol, date::year_month_day expiration) {
  auto body = get_body(tradier_chains_endpoint, std::string{tradier_chains_endpoint} + "?symbol=" + url_encode(symbol) +
                                                    "&expiration=" + gd::format_date(expiration) + "&greeks=true");
  if (!body) return body.err();
  tradier_chain_options options;
  options.underlying = symbol;
  options.fetched_at = clock_.now();
  options.max_greeks_age = settings_.max_greeks_age;
  // The body is read once, straight into rows and canonical text (a chain can be megabytes).
  auto read = read_tradier_chain(body.value(), options);
  if (!read || read->vendor_errors) {
    // An {"errors": ...} body or unreadable JSON is reported as every other call reports it.
    if (auto checked = checked_json(tradier_chains_endpoint, body.value()); !checked) return checked.err();
    return prefixed(read.err());
  }
  if (read->chain.rows.empty()) {
    return gd::error{std::string{error_codes::no_data}, where(tradier_chains_endpoint) + ": no contracts for " +
                                                            symbol + " expiring " + gd::format_date(expiration)};
  }
  return chain_payload{std::move(read->canonical), std::move(read->chain)};
}

double tradier_market_data::spot_of(const std::string& symbol) {
  if (!settings_.fetch_spot) return gd::nan_v;
  auto q = quotes({symbol});
  if (!q || q->empty()) return gd::nan_v;
  return q->front().last;
}

gd::result<chain_payload> tradier_market_data::chain(const std::string& symbol, date::year_month_day expiration) {
  auto payload = chain_only(symbol, expiration);
  if (payload) payload->chain.spot = spot_of(symbol);
  return payload;
}

gd::result<chain_payload> tradier_market_data::full_chain(const std::string& symbol, date::year_month_day today,
                                                          int max_dte) {
  auto all = expirations(symbol);
  if (!all) return all.err();
  full_chain_builder full(name(), symbol, today, max_dte);
  // Fetch the expirations concurrently (bounded), then assemble them in date order so the stored
  // payload, and its checksum, do not depend on which response came back first.
  const auto wanted = expirations_within(all.value(), today, max_dte);
  std::vector<std::optional<gd::result<chain_payload>>> parts(wanted.size());
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < wanted.size(); i = next++) parts[i] = chain_only(symbol, wanted[i]);
  };
  const std::size_t workers =
      std::min<std::size_t>(wanted.size(), static_cast<std::size_t>(std::max(1, settings_.full_chain_concurrency)));
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    auto& part = *parts[i];
    if (!part) {
      if (part.err().code == error_codes::no_data) continue;
      return part.err();
    }
    full.add(wanted[i], std::move(part.value()));
  }
  if (full.empty()) {
    return gd::error{std::string{error_codes::no_data}, where(tradier_chains_endpoint) + ": no contracts for " +
                                                            symbol + " within " + std::to_string(max_dte) + " days"};
  }
  auto payload = std::move(full).finish();
  payload.chain.spot = spot_of(symbol);
  return payload;
}

gd::result<std::vector<underlying_quote>> tradier_market_data::quotes(const std::vector<std::string>& symbols) {
  if (symbols.empty()) return std::vector<underlying_quote>{};
  std::string list;
  for (const auto& s : symbols) {
    if (!list.empty()) list += ',';
    list += url_encode(s);
  }
  auto doc = get_json(tradier_quotes_endpoint, std::string{tradier_quotes_endpoint} + "?symbols=" + list);
  if (!doc) return doc.err();
  auto parsed = parse_tradier_quotes(doc.value());
  if (!parsed) return prefixed(parsed.err());
  if (parsed->quotes.empty()) {
    std::string names;
    for (const auto& s : parsed->unmatched_symbols) names += (names.empty() ? "" : ",") + s;
    return gd::error{std::string{error_codes::no_data},
                     where(tradier_quotes_endpoint) + ": no quotes (unmatched symbols: " +
                         (names.empty() ? std::string{"none reported"} : names) + ")"};
  }
  return std::move(parsed->quotes);
}

}  // namespace gd::providers
