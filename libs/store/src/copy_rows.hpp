#pragma once
// COPY support for libpqxx 6.4: stream_to writes tuples through string_traits, so a row is an
// array of nullable text cells (NULL prints as \N; text is escaped by libpqxx).
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>
#include <pqxx/strconv>

namespace gd::store {

struct copy_cell {
  std::string text;
  bool null = true;
};

inline copy_cell cell(std::string s) { return copy_cell{std::move(s), false}; }
inline copy_cell cell_number(double v) {
  if (!std::isfinite(v)) return {};
  return copy_cell{fmt::format("{}", v), false};   // shortest round-trip form
}
inline copy_cell cell_count(std::int64_t v) {
  if (v < 0) return {};   // -1 means "the vendor did not say"
  return copy_cell{std::to_string(v), false};
}

}  // namespace gd::store

namespace pqxx {
template <>
struct string_traits<gd::store::copy_cell> {
  static constexpr const char* name() noexcept { return "gd::store::copy_cell"; }
  static constexpr bool has_null() noexcept { return true; }
  static bool is_null(const gd::store::copy_cell& c) { return c.null; }
  static gd::store::copy_cell null() { return {}; }
  static void from_string(const char s[], gd::store::copy_cell& c) { c = gd::store::copy_cell{s, false}; }
  static std::string to_string(const gd::store::copy_cell& c) { return c.text; }
};
}  // namespace pqxx
