#pragma once
// printf-style formatting into a std::string for the decision messages (GCC 12 has no <format>).
#include <cstdio>
#include <string>

namespace gd::strategy::detail {

template <class... Args>
std::string format(const char* fmt, Args... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace gd::strategy::detail
