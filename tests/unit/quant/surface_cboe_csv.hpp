#pragma once
// Test support: a small reader for CBOE's quote-table CSV (tests/data/chains/spx_cboe_quotetable_*.csv),
// enough for the surface tests. Production parsing lives in the providers library.
//   lines 1-3: banner, "Index,Last: 3990.5601,...", "Date: ..."; line 4: header; then one row per
//   (expiration, root, strike): Expiration Date, Calls, Last Sale, Net, Bid, Ask, Volume, IV, Delta,
//   Gamma, Open Interest, Strike, Puts, Last Sale, Net, Bid, Ask, Volume, IV, Delta, Gamma, Open Interest
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>

namespace gd::quant::test {

struct cboe_csv_chain {
  double spot = nan_v;
  std::vector<chain_row> rows;
};

inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      out.push_back(cell);
      cell.clear();
    } else if (ch != '\r') {
      cell.push_back(ch);
    }
  }
  out.push_back(cell);
  return out;
}

// "Mon Dec 12 2022"
inline bool parse_cboe_date(const std::string& s, date::year_month_day& out) {
  std::istringstream in(s);
  std::string dow, mon;
  unsigned day = 0;
  int year = 0;
  if (!(in >> dow >> mon >> day >> year)) return false;
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (unsigned m = 0; m < 12; ++m) {
    if (mon == months[m]) {
      out = date::year_month_day{date::year{year}, date::month{m + 1}, date::day{day}};
      return out.ok();
    }
  }
  return false;
}

inline std::string root_of(const std::string& symbol) {
  std::string root;
  for (char ch : symbol) {
    if (std::isdigit(static_cast<unsigned char>(ch))) break;
    root.push_back(ch);
  }
  return root;
}

inline cboe_csv_chain read_cboe_quotetable(const std::string& path) {
  cboe_csv_chain out;
  std::ifstream in(path);
  std::string line;
  for (int i = 0; i < 4 && std::getline(in, line); ++i) {
    const auto pos = line.find("Last:");
    if (i == 1 && pos != std::string::npos) out.spot = std::strtod(line.c_str() + pos + 5, nullptr);
  }
  while (std::getline(in, line)) {
    const auto c = split_csv_line(line);
    if (c.size() < 22) continue;
    date::year_month_day expiration;
    if (!parse_cboe_date(c[0], expiration)) continue;
    const double strike = std::strtod(c[11].c_str(), nullptr);
    auto add = [&](const std::string& symbol, option_right right, std::size_t bid, std::size_t ask, std::size_t oi) {
      chain_row r;
      r.contract.occ_symbol = symbol;
      r.contract.root = root_of(symbol);
      r.contract.underlying = "SPX";
      r.contract.expiration = expiration;
      r.contract.strike = strike;
      r.contract.right = right;
      r.contract.settlement = r.contract.root == "SPX" ? settlement_style::am : settlement_style::pm;
      r.quote.bid = std::strtod(c[bid].c_str(), nullptr);
      r.quote.ask = std::strtod(c[ask].c_str(), nullptr);
      r.quote.open_interest = std::strtoll(c[oi].c_str(), nullptr, 10);
      out.rows.push_back(r);
    };
    add(c[1], option_right::call, 4, 5, 10);
    add(c[12], option_right::put, 15, 16, 21);
  }
  return out;
}

}  // namespace gd::quant::test
