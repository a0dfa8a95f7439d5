#pragma once
// JSON encodings shared by the API: absent numbers are null, never NaN (which is not JSON).
#include <cmath>
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

namespace gd::api {

inline nlohmann::json number_json(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
inline nlohmann::json count_json(std::int64_t v) { return v >= 0 ? nlohmann::json(v) : nlohmann::json(nullptr); }
template <class T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace gd::api
