#pragma once
// The fast lane for large vendor bodies (private to libs/providers): simdjson's DOM, read through
// the same tolerant accessors as json_fields.hpp, and canonical text written straight from it.
//
// A full SPX chain is ~9 MB of JSON. Parsed into a nlohmann::json it costs ~120 ms to build and
// ~65 ms to free (half a million map nodes); simdjson parses it into one flat tape in ~15 ms and
// frees it at once. The nlohmann path stays the reference: whatever the fast lane cannot take
// exactly as nlohmann would (a parse error, an integer beyond 64 bits, an overflowing exponent,
// a shape error), it hands back, and the caller takes the nlohmann path for the same bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "json_fields.hpp"

namespace gd::providers::detail {

// A value in a simdjson document, or nothing (a member the object does not have): the
// counterpart of json_fields.hpp's `const json*`, nullptr included.
struct simd_value {
  simdjson::dom::element element;
  bool present = false;
};

inline simd_value simd_of(simdjson::dom::element e) { return simd_value{e, true}; }

inline bool is_object(const simd_value& v) {
  return v.present && v.element.type() == simdjson::dom::element_type::OBJECT;
}

inline bool is_empty(const simd_value& v) {
  if (!v.present) return true;
  switch (v.element.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return true;
    case simdjson::dom::element_type::STRING: {
      const std::string_view s = v.element.get_string().value_unsafe();
      return s.empty() || s == "null";
    }
    case simdjson::dom::element_type::OBJECT: {
      const simdjson::dom::object o = v.element.get_object().value_unsafe();
      return o.begin() == o.end();
    }
    case simdjson::dom::element_type::ARRAY: {
      const simdjson::dom::array a = v.element.get_array().value_unsafe();
      return a.begin() == a.end();
    }
    default:
      return false;
  }
}

// The member `key` of an object, the last one when the key repeats (as nlohmann keeps it).
inline simd_value member(const simd_value& obj, std::string_view key) {
  simd_value found;
  if (!is_object(obj)) return found;
  const simdjson::dom::object o = obj.element.get_object().value_unsafe();
  for (const auto field : o) {
    if (field.key == key) found = simd_of(field.value);
  }
  return found;
}

template <class F>
void for_each_member(const simd_value& obj, F&& f) {
  const simdjson::dom::object o = obj.element.get_object().value_unsafe();
  for (const auto field : o) f(field.key, simd_of(field.value));
}

inline std::vector<simd_value> as_list(const simd_value& v) {
  std::vector<simd_value> out;
  if (is_empty(v)) return out;
  if (v.element.type() == simdjson::dom::element_type::ARRAY) {
    const simdjson::dom::array array = v.element.get_array().value_unsafe();
    out.reserve(array.size());
    for (const auto e : array) out.push_back(simd_of(e));
  } else {
    out.push_back(v);
  }
  return out;
}

inline double number(const simd_value& v) {
  if (!v.present) return gd::nan_v;
  switch (v.element.type()) {
    case simdjson::dom::element_type::INT64:
      return static_cast<double>(v.element.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return static_cast<double>(v.element.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
      return v.element.get_double().value_unsafe();
    case simdjson::dom::element_type::STRING:
      return number_text(std::string(v.element.get_string().value_unsafe()));
    default:
      return gd::nan_v;
  }
}

inline std::string text(const simd_value& v) {
  if (!v.present || v.element.type() != simdjson::dom::element_type::STRING) return {};
  return std::string(v.element.get_string().value_unsafe());
}

inline std::string excerpt(const simd_value& v, std::size_t max_chars = 80) {
  if (!v.present) return "null";
  std::string s = simdjson::minify(v.element);
  if (s.size() > max_chars) s = s.substr(0, max_chars) + "...";
  return s;
}

// The canonical text (gd::canonical_json's form) of a document. Every value simdjson accepts
// reads as the same nlohmann value: numbers as int64, uint64 or the correctly rounded double
// alike (a negative zero prints "0.0" from either), strings as the same UTF-8 bytes.
std::string canonical_text(simdjson::dom::element root, std::size_t size_hint = 1024);

// Parses `bytes` with this thread's reusable parser; the document lives until the thread's next
// parse. Nothing when simdjson rejects the bytes (the caller then takes the nlohmann path, which
// words the error).
std::optional<simdjson::dom::element> parse_simd(std::string_view bytes);

}  // namespace gd::providers::detail
