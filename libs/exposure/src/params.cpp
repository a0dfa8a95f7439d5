#include <gd/exposure/params.hpp>

#include <cmath>

namespace gd::exposure {

dealer_signs signs_of(dealer_convention d) noexcept {
  switch (d) {
    case dealer_convention::inverse: return {-1.0, 1.0};
    case dealer_convention::customer_long: return {-1.0, -1.0};
    case dealer_convention::standard: break;
  }
  return {1.0, -1.0};
}

const char* to_string(gamma_source v) noexcept { return v == gamma_source::vendor ? "vendor" : "model"; }

const char* to_string(dealer_convention v) noexcept {
  switch (v) {
    case dealer_convention::inverse: return "inverse";
    case dealer_convention::customer_long: return "customer_long";
    case dealer_convention::standard: break;
  }
  return "standard";
}

const char* to_string(time_basis v) noexcept { return v == time_basis::trading ? "trading" : "calendar"; }

const char* to_string(scope_kind v) noexcept {
  switch (v) {
    case scope_kind::zero_dte: return "0dte";
    case scope_kind::max_dte: return "max_dte";
    case scope_kind::bucket: return "bucket";
    case scope_kind::expiration: return "expiration";
    case scope_kind::opex: return "opex";
    case scope_kind::all: break;
  }
  return "all";
}

namespace {

// One table per enum: parse is the inverse of to_string.
template <class E, std::size_t N>
bool parse_of(std::string_view s, E& out, const E (&values)[N]) noexcept {
  for (E v : values) {
    if (s == to_string(v)) {
      out = v;
      return true;
    }
  }
  return false;
}

}  // namespace

bool parse(std::string_view s, gamma_source& out) noexcept {
  return parse_of(s, out, {gamma_source::model, gamma_source::vendor});
}
bool parse(std::string_view s, dealer_convention& out) noexcept {
  return parse_of(s, out, {dealer_convention::standard, dealer_convention::inverse, dealer_convention::customer_long});
}
bool parse(std::string_view s, time_basis& out) noexcept {
  return parse_of(s, out, {time_basis::calendar, time_basis::trading});
}
bool parse(std::string_view s, scope_kind& out) noexcept {
  return parse_of(s, out, {scope_kind::all, scope_kind::zero_dte, scope_kind::max_dte, scope_kind::bucket,
                           scope_kind::expiration, scope_kind::opex});
}

std::string validate(const exposure_params& p) {
  if (!std::isfinite(p.rate) || p.rate < -0.05 || p.rate > 0.25) return "rate must be within [-0.05, 0.25]";
  if (p.profile_levels < 2 || p.profile_levels > 5000) return "profile_levels must be within [2, 5000]";
  if (!(p.profile_low > 0.0) || !(p.profile_high > p.profile_low) || !std::isfinite(p.profile_high))
    return "profile range must satisfy 0 < low < high";
  if (p.scope.kind == scope_kind::max_dte && p.scope.max_dte < 0) return "max_dte must be >= 0";
  if (p.scope.kind == scope_kind::bucket && (p.scope.target_dte < 0 || p.scope.tolerance_dte < 0))
    return "bucket target and tolerance must be >= 0";
  if (p.scope.kind == scope_kind::expiration && !p.scope.expiration.ok()) return "expiration must be a valid date";
  if (std::isfinite(p.strike_window_pct) && p.strike_window_pct > 1000.0) return "strike window must be <= 1000%";
  if (!(p.min_iv >= 0.0) || !(p.max_iv > p.min_iv)) return "IV bounds must satisfy 0 <= min_iv < max_iv";
  if (p.pc_ratio_min_oi < 0) return "pc_ratio_min_oi must be >= 0";
  if (p.top_n > 1000) return "top_n must be <= 1000";
  return {};
}

}  // namespace gd::exposure
