#pragma once
// JSON encodings shared by the API: absent numbers are null, never NaN (which is not JSON).
#include <cmath>
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include <gd/core/chain.hpp>
#include <gd/core/ny_time.hpp>

namespace gd::api {

inline nlohmann::json number_json(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
inline nlohmann::json count_json(std::int64_t v) { return v >= 0 ? nlohmann::json(v) : nlohmann::json(nullptr); }
template <class T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// A stored contract as the API shows it: identity, quote and the vendor's IV and greeks.
inline nlohmann::json contract_json(const gd::chain_row& r) {
  const auto& k = r.contract;
  const auto& q = r.quote;
  return {{"occ_symbol", k.occ_symbol},
          {"root", k.root},
          {"expiration", gd::format_date(k.expiration)},
          {"strike", k.strike},
          {"type", std::string(1, static_cast<char>(k.right))},
          {"settlement", k.settlement == gd::settlement_style::am ? "AM" : "PM"},
          {"bid", number_json(q.bid)},
          {"ask", number_json(q.ask)},
          {"last", number_json(q.last)},
          {"volume", count_json(q.volume)},
          {"open_interest", count_json(q.open_interest)},
          {"vendor_iv", number_json(q.greeks.iv)},
          {"vendor_delta", number_json(q.greeks.delta)},
          {"vendor_gamma", number_json(q.greeks.gamma)},
          {"vendor_theta", number_json(q.greeks.theta)},
          {"vendor_vega", number_json(q.greeks.vega)}};
}

}  // namespace gd::api
