#include <gd/core/nyse_calendar.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include <gd/core/ny_time.hpp>

#include "nyse_rules.hpp"

namespace gd {
namespace {

using date::sys_days;
using std::chrono::minutes;

constexpr minutes open_minute{9 * 60 + 30};
constexpr minutes regular_close_minute{16 * 60};
constexpr minutes early_close_minute{13 * 60};
constexpr minutes regular_session_length = regular_close_minute - open_minute;  // 390
constexpr minutes early_session_length = early_close_minute - open_minute;      // 210

enum class day_kind : std::uint8_t { trading, early_close, weekend, holiday };

struct day_info {
  day_kind kind = day_kind::trading;
  std::string_view holiday;  // set for day_kind::holiday only

  bool trading() const { return kind == day_kind::trading || kind == day_kind::early_close; }
  minutes session_length() const {
    return kind == day_kind::trading ? regular_session_length
                                     : kind == day_kind::early_close ? early_session_length : minutes{0};
  }
};

// One calendar year indexed by day of year, built once from the rules and read-only after:
// that is what makes every lookup O(1) and lock-free.
class year_table {
 public:
  explicit year_table(int year) : jan1_{date::year{year} / date::January / 1} {
    const auto length = (sys_days{date::year{year + 1} / date::January / 1} - jan1_).count();
    for (int i = 0; i < length; ++i) {
      const date::weekday wd{jan1_ + date::days{i}};
      kind_[i] = (wd == date::Saturday || wd == date::Sunday) ? day_kind::weekend : day_kind::trading;
    }
    for (const auto& s : nyse_rules::special_days(year)) {
      const auto i = (s.day - jan1_).count();
      if (s.kind == nyse_rules::special_kind::holiday) {
        kind_[i] = day_kind::holiday;
        name_[i] = static_cast<std::uint8_t>(names_.size());
        names_.push_back(s.name);
      } else {
        kind_[i] = day_kind::early_close;
      }
    }
    int count = 0;
    for (int i = 0; i < length; ++i) {
      if (kind_[i] == day_kind::trading || kind_[i] == day_kind::early_close) ++count;
      through_[i] = static_cast<std::uint16_t>(count);
    }
    for (auto i = length; i < 366; ++i) through_[i] = static_cast<std::uint16_t>(count);
    total_ = count;
  }

  day_info at(sys_days d) const {
    const auto i = (d - jan1_).count();
    return {kind_[i], kind_[i] == day_kind::holiday ? names_[name_[i]] : std::string_view{}};
  }
  // Trading days in [Jan 1, d].
  int trading_days_through(sys_days d) const { return through_[(d - jan1_).count()]; }
  int trading_days() const { return total_; }

 private:
  sys_days jan1_;
  std::array<day_kind, 366> kind_{};
  std::array<std::uint8_t, 366> name_{};
  std::array<std::uint16_t, 366> through_{};
  std::vector<std::string_view> names_;
  int total_ = 0;
};

// Years the service realistically asks about are built once, on first use (a function-local
// static: thread-safe initialization, immutable afterwards, ~170 KB). Any other year is built on
// the fly per call, which is correct and merely slower.
constexpr int first_cached_year = 1990;
constexpr int end_cached_year = 2100;

const std::vector<year_table>& cached_years() {
  static const std::vector<year_table> years = [] {
    std::vector<year_table> v;
    v.reserve(end_cached_year - first_cached_year);
    for (int y = first_cached_year; y < end_cached_year; ++y) v.emplace_back(y);
    return v;
  }();
  return years;
}

int year_of(sys_days d) { return int(date::year_month_day{d}.year()); }

template <class F>
auto with_year(int year, F&& f) {
  if (year >= first_cached_year && year < end_cached_year) return f(cached_years()[year - first_cached_year]);
  const year_table table{year};
  return f(table);
}

day_info lookup(sys_days d) {
  return with_year(year_of(d), [d](const year_table& t) { return t.at(d); });
}

trading_session make_session(sys_days d, const day_info& info) {
  const date::year_month_day day{d};
  const bool early = info.kind == day_kind::early_close;
  return {day, ny_to_utc(day, open_minute), ny_to_utc(day, early ? early_close_minute : regular_close_minute), early};
}

}  // namespace

std::optional<std::string_view> nyse_calendar::holiday_name(date::year_month_day d) const {
  const day_info info = lookup(sys_days{d});
  if (info.kind != day_kind::holiday) return std::nullopt;
  return info.holiday;
}

bool nyse_calendar::is_trading_day(date::year_month_day d) const { return lookup(sys_days{d}).trading(); }

bool nyse_calendar::is_early_close(date::year_month_day d) const {
  return lookup(sys_days{d}).kind == day_kind::early_close;
}

std::optional<trading_session> nyse_calendar::session_on(date::year_month_day d) const {
  const day_info info = lookup(sys_days{d});
  if (!info.trading()) return std::nullopt;
  return make_session(sys_days{d}, info);
}

bool nyse_calendar::is_open(sys_time t) const {
  // One zone lookup instead of two: no DST transition ever falls inside 09:30-16:00, so
  // comparing the New York wall clock is the same as comparing against the session instants.
  const ny_local local = to_ny(t);
  const day_info info = lookup(sys_days{local.day});
  if (!info.trading()) return false;
  const minutes close = open_minute + info.session_length();
  return local.second_of_day >= open_minute && local.second_of_day < close;
}

trading_session nyse_calendar::current_or_next_session(sys_time t) const {
  for (sys_days d{ny_date(t)};; d += date::days{1}) {
    const day_info info = lookup(d);
    if (!info.trading()) continue;
    const trading_session s = make_session(d, info);
    if (t < s.close) return s;
  }
}

sys_time nyse_calendar::next_open(sys_time t) const {
  for (sys_days d{ny_date(t)};; d += date::days{1}) {
    const day_info info = lookup(d);
    if (!info.trading()) continue;
    const sys_time open = ny_to_utc(date::year_month_day{d}, open_minute);
    if (open > t) return open;
  }
}

sys_time nyse_calendar::next_close(sys_time t) const {
  for (sys_days d{ny_date(t)};; d += date::days{1}) {
    const day_info info = lookup(d);
    if (!info.trading()) continue;
    const sys_time close = ny_to_utc(date::year_month_day{d}, open_minute + info.session_length());
    if (close > t) return close;
  }
}

int nyse_calendar::trading_days_between(date::year_month_day a, date::year_month_day b) const {
  const sys_days from{a};
  const sys_days to{b};
  if (to <= from) return 0;
  // Count through(b) - through(a), where through(x) is the trading days from Jan 1 of a's year
  // up to and including x: whole years in between add their totals.
  const int year_a = year_of(from);
  const int year_b = year_of(to);
  int count = -with_year(year_a, [from](const year_table& t) { return t.trading_days_through(from); });
  for (int y = year_a; y < year_b; ++y) count += with_year(y, [](const year_table& t) { return t.trading_days(); });
  count += with_year(year_b, [to](const year_table& t) { return t.trading_days_through(to); });
  return count;
}

date::year_month_day nyse_calendar::add_trading_days(date::year_month_day d, int n) const {
  sys_days day{d};
  if (n == 0) {
    while (!lookup(day).trading()) day += date::days{1};
    return date::year_month_day{day};
  }
  // Negative n walks backwards: the |n|-th trading day before d.
  const date::days step{n > 0 ? 1 : -1};
  for (int left = n > 0 ? n : -n; left > 0;) {
    day += step;
    if (lookup(day).trading()) --left;
  }
  return date::year_month_day{day};
}

date::year_month_day nyse_calendar::previous_trading_day(date::year_month_day d) const {
  return add_trading_days(d, -1);
}

std::chrono::minutes nyse_calendar::trading_minutes_between(sys_time a, sys_time b) const {
  if (b <= a) return minutes{0};
  // The first and last New York days are clipped exactly; the days between count whole sessions.
  auto overlap = [a, b](sys_days d, const day_info& info) -> std::chrono::microseconds {
    if (!info.trading()) return std::chrono::microseconds{0};
    const trading_session s = make_session(d, info);
    const sys_time lo = std::max(a, s.open);
    const sys_time hi = std::min(b, s.close);
    return hi > lo ? hi - lo : std::chrono::microseconds{0};
  };
  const sys_days first{ny_date(a)};
  const sys_days last{ny_date(b)};
  std::chrono::microseconds partial = overlap(first, lookup(first));
  if (last != first) partial += overlap(last, lookup(last));
  minutes whole{0};
  for (sys_days d = first + date::days{1}; d < last; d += date::days{1}) whole += lookup(d).session_length();
  return whole + std::chrono::duration_cast<minutes>(partial);
}

}  // namespace gd
