#pragma once
// Tolerant, non-throwing accessors for vendor JSON. Vendors send nulls, strings where numbers
// belong and objects where arrays belong; these helpers turn every such case into a value
// (NaN, -1, "", an empty list) so parsers never call a throwing nlohmann accessor.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <gd/core/chain.hpp>
#include <gd/core/result.hpp>

namespace gd::providers::detail {

using json = nlohmann::json;

// The member `key` of `obj`, or nullptr when obj is not an object or has no such key.
inline const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}
inline const json* member(const json* obj, std::string_view key) { return obj ? member(*obj, key) : nullptr; }

// Tradier's spellings of "nothing here": missing, null, the string "null", {} and [].
inline bool is_empty(const json* v) {
  if (v == nullptr || v->is_null()) return true;
  if (v->is_string()) return v->get_ref<const std::string&>() == "null" || v->get_ref<const std::string&>().empty();
  if (v->is_object() || v->is_array()) return v->empty();
  return false;
}

// A collection that may have collapsed to its single element: an array's elements, or the
// value itself; empty markers give an empty list.
inline std::vector<const json*> as_list(const json* v) {
  std::vector<const json*> out;
  if (is_empty(v)) return out;
  if (v->is_array()) {
    out.reserve(v->size());
    for (const auto& e : *v) out.push_back(&e);
  } else {
    out.push_back(v);
  }
  return out;
}

// A numeric string's value (strtod's reading of the whole text), else NaN.
inline double number_text(const std::string& s) {
  if (s.empty()) return gd::nan_v;
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  return (end && *end == '\0') ? d : gd::nan_v;
}

// A number, or a numeric string; anything else (null, "", "N/A", bool) is NaN.
inline double number(const json* v) {
  if (v == nullptr) return gd::nan_v;
  if (v->is_number()) return v->get<double>();
  if (v->is_string()) return number_text(v->get_ref<const std::string&>());
  return gd::nan_v;
}

// The helpers below work on any value handle with a number() overload (`const json*` here,
// simd_json.hpp's simd_value), so every reader of vendor JSON shares one set of rules.

// A non-negative count (vendors send 212.0 for 212), or -1 when absent or not a number.
template <class Value>
std::int64_t count(const Value& v) {
  const double d = number(v);
  if (!std::isfinite(d) || d < 0.0 || d > 9.0e15) return -1;
  return static_cast<std::int64_t>(std::llround(d));
}

// An integral epoch value (seconds or milliseconds), or 0 when absent, negative or absurd.
template <class Value>
long long epoch_number(const Value& v) {
  const double d = number(v);
  return (std::isfinite(d) && d > 0.0 && d < 9.0e15) ? static_cast<long long>(d) : 0;
}

inline std::string text(const json* v) {
  return (v && v->is_string()) ? v->get<std::string>() : std::string{};
}

inline bool is_object(const json* v) { return v != nullptr && v->is_object(); }

// f(key, value) for every member of an object, in the object's order.
template <class F>
void for_each_member(const json* obj, F&& f) {
  for (const auto& [key, value] : obj->get_ref<const json::object_t&>()) f(std::string_view{key}, &value);
}

// A double that treats the vendor's exact 0.0 as "missing" (IVs, greeks).
inline double positive_or_nan(double d) { return (std::isfinite(d) && d > 0.0) ? d : gd::nan_v; }

// A short, printable excerpt of a JSON value for error messages (never throws on bad UTF-8).
inline std::string excerpt(const json& v, std::size_t max_chars = 80) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > max_chars) s = s.substr(0, max_chars) + "...";
  return s;
}

inline std::string excerpt(const json* v, std::size_t max_chars = 80) {
  return v ? excerpt(*v, max_chars) : std::string{"null"};
}

inline gd::error vendor_error(std::string code, std::string_view where, std::string_view what) {
  std::string message{where};
  message += ": ";
  message += what;
  return gd::error{std::move(code), std::move(message)};
}

// Runs a parser body and turns any escaping exception into a "vendor_malformed" error: the
// helpers above avoid throwing accessors, this is the backstop that keeps the promise.
template <class F>
auto guarded(std::string_view where, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return vendor_error("vendor_malformed", where, std::string{"unexpected response shape ("} + e.what() + ")");
  }
}

}  // namespace gd::providers::detail
