#pragma once
// COPY ... FROM STDIN in text format, written straight into one buffer: fields separated by tabs,
// rows ended by newlines, NULL as \N, text escaped as COPY requires. Formatting a full chain this
// way costs a few milliseconds; going through libpqxx 6.4's stream_to tuples (a std::string per
// cell, escaped and joined again) cost ~4x more. The caller sends the buffer in chunks of whole
// lines (stream_to::write_raw_line), so Postgres parses one chunk while the next is formatted.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace gd::store {

class copy_buffer {
 public:
  // Text, escaped: backslash, tab, newline and carriage return would end the field or the row.
  void text(std::string_view s) {
    separate();
    for (const char ch : s) {
      switch (ch) {
        case '\\': buf_ += "\\\\"; break;
        case '\t': buf_ += "\\t"; break;
        case '\n': buf_ += "\\n"; break;
        case '\r': buf_ += "\\r"; break;
        default: buf_ += ch;
      }
    }
  }
  // Text known to need no escaping (formatted dates, instants, numbers).
  void plain(std::string_view s) {
    separate();
    buf_ += s;
  }
  void null() {
    separate();
    buf_ += "\\N";
  }
  // Shortest round-trip form (as fmt "{}"); NaN and infinities are NULL.
  void number(double v) {
    if (!std::isfinite(v)) return null();
    separate();
    fmt::format_to(std::back_inserter(buf_), "{}", v);
  }
  // -1 (any negative) means "the vendor did not say": NULL.
  void count(std::int64_t v) {
    if (v < 0) return null();
    separate();
    char tmp[24];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    buf_.append(tmp, r.ptr);
  }
  void end_row() {
    buf_ += '\n';
    first_ = true;
  }

  std::size_t size() const noexcept { return buf_.size(); }
  // Whole lines without the last newline (stream_to::write_raw_line adds it back).
  std::string lines() const { return buf_.empty() ? std::string{} : buf_.substr(0, buf_.size() - 1); }
  void clear() noexcept {
    buf_.clear();
    first_ = true;
  }
  void reserve(std::size_t n) { buf_.reserve(n); }

 private:
  void separate() {
    if (!first_) buf_ += '\t';
    first_ = false;
  }

  std::string buf_;
  bool first_ = true;
};

}  // namespace gd::store
