#include <gd/exposure/csv.hpp>

#include <charconv>
#include <cmath>

#include <gd/core/ny_time.hpp>

namespace gd::exposure {

namespace {

// Shortest round-trip form; empty for NaN/inf (null).
void cell(std::string& out, double v) {
  if (!std::isfinite(v)) return;
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void cell(std::string& out, std::int64_t v) { out += std::to_string(v); }

// Text cells are quoted only when they need it.
void cell(std::string& out, const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

template <class T, class... Rest>
void line(std::string& out, const T& first, const Rest&... rest) {
  cell(out, first);
  ((out += ',', cell(out, rest)), ...);
  out += '\n';
}

}  // namespace

std::string to_csv(std::span<const strike_exposure> strikes) {
  std::string out =
      "strike,call_gex,put_gex,net_gex,abs_gex,cum_net_gex,call_oi,put_oi,call_volume,put_volume,dex,vex,cex\n";
  for (const auto& s : strikes) {
    const auto& x = s.sums;
    line(out, s.strike, x.call_gex, x.put_gex, x.net_gex, x.abs_gex, s.cum_net_gex, x.call_oi, x.put_oi, x.call_volume,
         x.put_volume, x.dex, x.vex, x.cex);
  }
  return out;
}

std::string to_csv(const expiry_table& t) {
  std::string out =
      "expiration,dte,settlement,call_gex,put_gex,net_gex,abs_gex,dex,vex,cex,call_oi,put_oi,call_volume,put_volume,"
      "atm_iv,expected_move_straddle,expected_move_sigma,skew_25d,max_pain,quality_grade,quality_liquid_strikes,"
      "quality_reason\n";
  for (const auto& e : t.items) {
    const auto& x = e.sums;
    line(out, format_date(e.expiration), std::int64_t{e.dte},
         std::string{e.settlement == settlement_style::am ? "AM" : "PM"}, x.call_gex, x.put_gex, x.net_gex, x.abs_gex,
         x.dex, x.vex, x.cex, x.call_oi, x.put_oi, x.call_volume, x.put_volume, e.atm_iv, e.expected_move_straddle,
         e.expected_move_sigma, e.skew_25d, e.max_pain, std::string{e.quality.degraded ? "degraded" : "ok"},
         static_cast<std::int64_t>(e.quality.liquid_strikes), e.quality.reason);
  }
  return out;
}

std::string to_csv(const gamma_profile& p) {
  std::string out = "price,gex,dex\n";
  for (const auto& x : p.levels) line(out, x.price, x.gex, x.dex);
  return out;
}

}  // namespace gd::exposure
