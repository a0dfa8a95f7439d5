// CBOE quote-table CSV: a short prelude (spot, date), a header row, then one call+put row per strike.
#include <gd/providers/cboe_parse.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>

#include <gd/core/ny_time.hpp>

#include "cboe_common.hpp"
#include "json_fields.hpp"

namespace gd::providers {

namespace {

constexpr std::string_view where = detail::cboe_csv_where;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// One CSV record; double quotes group commas and "" is a literal quote.
std::vector<std::string> split_csv(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back().push_back(c);
    }
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

double to_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return gd::nan_v;
  const std::string copy{s};
  char* end = nullptr;
  const double d = std::strtod(copy.c_str(), &end);
  return (end && *end == '\0') ? d : gd::nan_v;
}

std::int64_t to_count(std::string_view s) {
  const double d = to_number(s);
  return (std::isfinite(d) && d >= 0.0 && d < 9.0e15) ? static_cast<std::int64_t>(std::llround(d)) : -1;
}

// "Date: December 12, 2022 at 8:30 PM EST" (New York time; the zone word only says which offset).
bool parse_prelude_date(std::string_view field, gd::sys_time& out) {
  static constexpr std::array<std::string_view, 12> months{"January", "February", "March",     "April",
                                                           "May",     "June",     "July",      "August",
                                                           "September", "October", "November", "December"};
  char month_name[16] = {};
  char ampm[3] = {};
  int d = 0, y = 0, h = 0, mi = 0;
  const std::string s{trim(field)};
  if (std::sscanf(s.c_str(), "Date: %15s %d, %d at %d:%d %2s", month_name, &d, &y, &h, &mi, ampm) != 6) return false;
  unsigned m = 0;
  for (unsigned i = 0; i < months.size(); ++i) {
    if (months[i] == month_name) m = i + 1;
  }
  if (m == 0 || h < 1 || h > 12 || mi < 0 || mi > 59) return false;
  const std::string_view half{ampm};
  if (half != "AM" && half != "PM") return false;
  h = (h % 12) + (half == "PM" ? 12 : 0);
  const date::year_month_day day{date::year{y}, date::month{m}, date::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return false;
  out = gd::ny_to_utc(day, std::chrono::minutes{h * 60 + mi});
  return true;
}

double after_label(std::string_view field, std::string_view label) {
  field = trim(field);
  if (field.substr(0, label.size()) != label) return gd::nan_v;
  return to_number(field.substr(label.size()));
}

struct side_columns {
  int symbol = -1, last = -1, bid = -1, ask = -1, volume = -1, iv = -1, delta = -1, gamma = -1, oi = -1;
};

side_columns columns_of(const std::vector<std::string>& header, std::size_t from, std::size_t to,
                        std::string_view symbol_name) {
  side_columns c;
  for (std::size_t i = from; i < to; ++i) {
    const auto name = trim(header[i]);
    const int idx = static_cast<int>(i);
    if (name == symbol_name) c.symbol = idx;
    else if (name == "Last Sale") c.last = idx;
    else if (name == "Bid") c.bid = idx;
    else if (name == "Ask") c.ask = idx;
    else if (name == "Volume") c.volume = idx;
    else if (name == "IV") c.iv = idx;
    else if (name == "Delta") c.delta = idx;
    else if (name == "Gamma") c.gamma = idx;
    else if (name == "Open Interest") c.oi = idx;
  }
  return c;
}

std::string_view field_at(const std::vector<std::string>& f, int i) {
  return (i >= 0 && static_cast<std::size_t>(i) < f.size()) ? std::string_view{f[i]} : std::string_view{};
}

bool fill_row(const std::vector<std::string>& f, const side_columns& c, gd::sys_time as_of, gd::chain_row& row) {
  if (!detail::cboe_contract(trim(field_at(f, c.symbol)), row.contract)) return false;
  auto& q = row.quote;
  q.bid = to_number(field_at(f, c.bid));
  q.ask = to_number(field_at(f, c.ask));
  const double last = to_number(field_at(f, c.last));
  q.last = last > 0.0 ? last : gd::nan_v;  // 0 means no sale; there is no last-trade time to tell
  q.volume = to_count(field_at(f, c.volume));
  q.open_interest = to_count(field_at(f, c.oi));
  q.quote_time = as_of;
  q.greeks.iv = to_number(field_at(f, c.iv));
  q.greeks.delta = to_number(field_at(f, c.delta));
  q.greeks.gamma = to_number(field_at(f, c.gamma));
  q.greeks.updated_at = as_of;
  detail::normalize_cboe_greeks(q.greeks);
  return true;
}

gd::result<cboe_chain> parse(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  const auto lines = split_lines(text);
  std::size_t header_line = lines.size();
  for (std::size_t i = 0; i < lines.size() && i < 20; ++i) {
    if (trim(lines[i]).substr(0, 16) == "Expiration Date,") {
      header_line = i;
      break;
    }
  }
  if (header_line == lines.size()) {
    return detail::vendor_error("vendor_malformed", where, "no 'Expiration Date,...' header row in the first 20 lines");
  }

  cboe_chain out;
  auto& chain = out.chain;
  chain.provider = "cboe";
  double change = gd::nan_v;
  for (std::size_t i = 0; i < header_line; ++i) {
    for (const auto& field : split_csv(lines[i])) {
      if (const double v = after_label(field, "Last:"); std::isfinite(v)) chain.spot = v;
      if (const double v = after_label(field, "Change:"); std::isfinite(v)) change = v;
      if (const double v = after_label(field, "Bid:"); std::isfinite(v)) out.quote.bid = v;
      if (const double v = after_label(field, "Ask:"); std::isfinite(v)) out.quote.ask = v;
      (void)parse_prelude_date(field, chain.as_of);
    }
  }

  const auto header = split_csv(lines[header_line]);
  std::size_t strike_col = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (trim(header[i]) == "Strike") strike_col = i;
  }
  if (strike_col == header.size()) return detail::vendor_error("vendor_malformed", where, "header has no 'Strike' column");
  const auto calls = columns_of(header, 0, strike_col, "Calls");
  const auto puts = columns_of(header, strike_col + 1, header.size(), "Puts");
  if (calls.symbol < 0 || puts.symbol < 0) {
    return detail::vendor_error("vendor_malformed", where, "header has no 'Calls' or 'Puts' column");
  }

  chain.rows.reserve(2 * (lines.size() - header_line));
  for (std::size_t i = header_line + 1; i < lines.size(); ++i) {
    if (trim(lines[i]).empty()) continue;
    const auto fields = split_csv(lines[i]);
    const auto line_no = std::to_string(i + 1);
    if (fields.size() < header.size()) {
      return detail::vendor_error("vendor_malformed", where,
                                  "line " + line_no + " has " + std::to_string(fields.size()) + " fields, the header " +
                                      std::to_string(header.size()) + " (truncated file?)");
    }
    gd::chain_row call, put;
    if (!fill_row(fields, calls, chain.as_of, call) || !fill_row(fields, puts, chain.as_of, put)) {
      return detail::vendor_error("vendor_malformed", where, "line " + line_no + " has an unparseable option symbol");
    }
    chain.rows.push_back(std::move(call));
    chain.rows.push_back(std::move(put));
  }
  // The CSV names the index only in words; the option roots say which it is (SPXW -> SPX).
  if (!chain.rows.empty()) chain.underlying = chain.rows.front().contract.underlying;
  out.quote.symbol = chain.underlying;
  out.quote.last = chain.spot;
  out.quote.prev_close = chain.spot - change;
  out.quote.as_of = chain.as_of;
  return out;
}

}  // namespace

std::string detail::cboe_csv_subset(std::string_view text, date::year_month_day from, date::year_month_day to) {
  const auto lines = split_lines(text);
  std::string out;
  out.reserve(text.size());
  int symbol_col = -1;
  for (const auto line : lines) {
    bool keep = true;
    if (symbol_col < 0) {
      if (trim(line).substr(0, 16) == "Expiration Date,") {
        const auto header = split_csv(line);
        for (std::size_t i = 0; i < header.size(); ++i) {
          if (trim(header[i]) == "Calls") symbol_col = static_cast<int>(i);
        }
      }
    } else if (!trim(line).empty()) {
      // Rows whose symbol does not parse are kept, so parsing the subset reports them.
      const auto occ = gd::parse_occ_symbol(trim(field_at(split_csv(line), symbol_col)));
      keep = !occ || (occ->expiration >= from && occ->expiration <= to);
    }
    if (keep) {
      out.append(line);
      out.push_back('\n');
    }
  }
  return out;
}

gd::result<cboe_chain> parse_cboe_csv(std::string_view text) {
  return detail::guarded(where, [&] { return parse(text); });
}

}  // namespace gd::providers
