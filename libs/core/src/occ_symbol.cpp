#include <gd/core/occ_symbol.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace gd {
namespace {

// YYMMDD + C/P + 8 strike digits.
constexpr std::size_t tail_length = 15;
constexpr std::size_t max_root_length = 6;
// Strike digits are strike * 1000, so the largest strike an OCC symbol can carry is 99999.999.
constexpr long long max_strike_millis = 99'999'999;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// OCC roots are upper-case letters, with a digit suffix on adjusted series ("AAPL1").
bool valid_root(std::string_view root) {
  if (root.empty() || root.size() > max_root_length || !is_upper(root.front())) return false;
  for (char c : root) {
    if (!is_upper(c) && !is_digit(c)) return false;
  }
  return true;
}

bool parse_digits(std::string_view s, long long& out) {
  out = 0;
  for (char c : s) {
    if (!is_digit(c)) return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::optional<occ_parts> parse_occ_symbol(std::string_view symbol) {
  if (symbol.size() <= tail_length || symbol.size() > max_root_length + tail_length) return std::nullopt;
  std::string_view root = symbol.substr(0, symbol.size() - tail_length);
  const std::string_view tail = symbol.substr(symbol.size() - tail_length);
  // Spaces are only the OSI padding of a root to six characters, i.e. exactly 21 characters.
  if (root.size() == max_root_length) {
    const auto end = root.find_last_not_of(' ');
    if (end == std::string_view::npos) return std::nullopt;
    root = root.substr(0, end + 1);
  }
  if (!valid_root(root)) return std::nullopt;

  long long yy = 0, mm = 0, dd = 0, millis = 0;
  if (!parse_digits(tail.substr(0, 2), yy) || !parse_digits(tail.substr(2, 2), mm) ||
      !parse_digits(tail.substr(4, 2), dd) || !parse_digits(tail.substr(7, 8), millis)) {
    return std::nullopt;
  }
  const char right = tail[6];
  if (right != 'C' && right != 'P') return std::nullopt;
  // Two-digit years are 2000-2099: listed options never expire more than ~10 years out.
  const date::year_month_day expiration{date::year{2000 + int(yy)}, date::month{unsigned(mm)},
                                        date::day{unsigned(dd)}};
  if (!expiration.ok()) return std::nullopt;

  occ_parts parts;
  parts.root = std::string(root);
  parts.expiration = expiration;
  parts.right = right == 'C' ? option_right::call : option_right::put;
  parts.strike = double(millis) / 1000.0;  // exact for every 0.001 step the symbol can express
  return parts;
}

std::string format_occ_symbol(std::string_view root, date::year_month_day expiration, option_right right,
                              double strike) {
  // Callers build symbols from data they already validated: a bad argument is a bug, not input.
  if (!valid_root(root)) throw std::invalid_argument("format_occ_symbol: invalid root '" + std::string(root) + "'");
  const int year = int(expiration.year());
  if (!expiration.ok() || year < 2000 || year > 2099) {
    throw std::invalid_argument("format_occ_symbol: expiration outside 2000-2099");
  }
  // Round to the nearest thousandth: strikes arrive as doubles (12.375, 0.1 * 1000 = 100.00000000000001).
  const double scaled = strike * 1000.0;
  if (!std::isfinite(scaled) || scaled < 0.0 || std::llround(scaled) > max_strike_millis) {
    throw std::invalid_argument("format_occ_symbol: strike out of range");
  }
  std::array<char, 24> buf{};
  std::snprintf(buf.data(), buf.size(), "%02d%02u%02u%c%08lld", year % 100, unsigned(expiration.month()),
                unsigned(expiration.day()), static_cast<char>(right), std::llround(scaled));
  return std::string(root) + buf.data();
}

root_info classify_root(std::string_view root) {
  struct entry {
    std::string_view root, underlying;
    settlement_style settlement;
  };
  // Cash-settled index roots. VIXW settles AM like VIX: both use the Special Opening Quotation.
  static constexpr std::array<entry, 11> index_roots{{
      {"SPX", "SPX", settlement_style::am},
      {"SPXW", "SPX", settlement_style::pm},
      {"SPXPM", "SPX", settlement_style::pm},
      {"NDX", "NDX", settlement_style::am},
      {"NDXP", "NDX", settlement_style::pm},
      {"RUT", "RUT", settlement_style::am},
      {"RUTW", "RUT", settlement_style::pm},
      {"XSP", "XSP", settlement_style::pm},
      {"VIX", "VIX", settlement_style::am},
      {"VIXW", "VIX", settlement_style::am},
      {"DJX", "DJX", settlement_style::am},
  }};
  for (const entry& e : index_roots) {
    if (e.root == root) return {std::string(e.underlying), e.settlement};
  }
  return {std::string(root), settlement_style::pm};  // equity and ETF options: PM, physically settled
}

}  // namespace gd
