#include <gd/core/ny_time.hpp>

#include <cstdio>

#include <date/tz.h>

namespace gd {
namespace {

const date::time_zone* new_york() {
  static const date::time_zone* zone = date::locate_zone("America/New_York");
  return zone;
}

// Reads exactly `width` ASCII digits at s[pos]. sscanf's %u/%d would also accept leading
// spaces and signs (" 202-11-20", "2026-+1-20"), which are not the forms we promise to parse.
bool read_digits(const std::string& s, std::size_t pos, std::size_t width, unsigned& out) {
  if (pos + width > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

}  // namespace

ny_local to_ny(sys_time t) {
  const auto local = new_york()->to_local(t);
  const auto day = date::floor<date::days>(local);
  const auto since_midnight = std::chrono::duration_cast<std::chrono::seconds>(local - day);
  return ny_local{date::year_month_day{day}, std::chrono::duration_cast<std::chrono::minutes>(since_midnight),
                  since_midnight};
}

date::year_month_day ny_date(sys_time t) { return to_ny(t).day; }

sys_time ny_to_utc(date::year_month_day day, std::chrono::minutes minute_of_day) {
  const date::local_time<std::chrono::microseconds> local{date::local_days{day} + minute_of_day};
  const auto info = new_york()->get_info(date::local_seconds{date::floor<std::chrono::seconds>(local)});
  switch (info.result) {
    case date::local_info::unique:
      return sys_time{local.time_since_epoch() - std::chrono::microseconds{info.first.offset}};
    case date::local_info::ambiguous:  // the repeated hour in November: take the earlier (EDT) instant
      return sys_time{local.time_since_epoch() - std::chrono::microseconds{info.first.offset}};
    case date::local_info::nonexistent:  // the skipped hour in March: the instant the gap ends
    default:
      return std::chrono::time_point_cast<std::chrono::microseconds>(info.second.begin);
  }
}

std::string format_date(date::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()), unsigned(d.day()));
  return buf;
}

std::string format_utc_iso(sys_time t) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::microseconds> tod{t - day};
  char buf[40];
  const long long us = tod.subseconds().count();
  if (us == 0) {
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_date(ymd).c_str(), int(tod.hours().count()),
                  int(tod.minutes().count()), int(tod.seconds().count()));
  } else {
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%06lldZ", format_date(ymd).c_str(),
                  int(tod.hours().count()), int(tod.minutes().count()), int(tod.seconds().count()), us);
  }
  return buf;
}

std::string format_ny_iso(sys_time t) {
  const auto info = new_york()->get_info(date::floor<std::chrono::seconds>(t));
  const auto local = date::floor<std::chrono::seconds>(t) + info.offset;
  const auto day = date::floor<date::days>(local);
  const date::hh_mm_ss<std::chrono::seconds> tod{local - day};
  const long off_min = static_cast<long>(info.offset.count() / 60);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02ld:%02ld", format_date(date::year_month_day{day}).c_str(),
                int(tod.hours().count()), int(tod.minutes().count()), int(tod.seconds().count()),
                off_min < 0 ? '-' : '+', std::labs(off_min) / 60, std::labs(off_min) % 60);
  return buf;
}

bool parse_date(const std::string& s, date::year_month_day& out) {
  unsigned y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) ||
      !read_digits(s, 8, 2, d)) {
    return false;
  }
  const date::year_month_day ymd{date::year{static_cast<int>(y)}, date::month{m}, date::day{d}};
  if (!ymd.ok()) return false;
  out = ymd;
  return true;
}

bool parse_iso_instant(const std::string& s, sys_time& out) {
  if (s.size() < 20) return false;
  date::year_month_day day{};
  if (!parse_date(s.substr(0, 10), day) || (s[10] != 'T' && s[10] != ' ')) return false;
  unsigned hh = 0, mm = 0, ss = 0;
  if (s[13] != ':' || s[16] != ':' || !read_digits(s, 11, 2, hh) || !read_digits(s, 14, 2, mm) ||
      !read_digits(s, 17, 2, ss)) {
    return false;
  }
  if (hh > 23 || mm > 59 || ss > 60) return false;
  std::size_t pos = 19;
  long long micros = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) { micros = micros * 10 + (s[pos] - '0'); ++digits; }
      ++pos;
    }
    if (digits == 0) return false;
    for (; digits < 6; ++digits) micros *= 10;
  }
  long offset_min = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    unsigned oh = 0, om = 0;
    if (!read_digits(s, pos + 1, 2, oh) || !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59) return false;
    offset_min = static_cast<long>(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return false;
  }
  if (pos != s.size()) return false;
  const auto t = date::sys_days{day} + std::chrono::hours{hh} + std::chrono::minutes{mm} + std::chrono::seconds{ss} -
                 std::chrono::minutes{offset_min};
  out = sys_time{std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()) +
                 std::chrono::microseconds{micros}};
  return true;
}

}  // namespace gd
