#include <gd/core/canonical_json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace gd {
namespace {

// Why numbers need a normal form at all
// -------------------------------------
// A checksum is computed over the in-memory payload when a snapshot is written, and must be
// recomputable later from the JSONB column read back as text and re-parsed with nlohmann. JSONB
// keeps every number as `numeric` and prints it in plain positional notation with the digits it
// was given (checked against PostgreSQL 15):
//   "1.50" -> 1.50     "5000.0" -> 5000.0     "1e-07" -> 0.0000001     "1.5e-07" -> 0.00000015
//   "1e+15" -> 1000000000000000    "1.2345678901234568e+18" -> 1234567890123456800
//   "1e+20" -> 100000000000000000000      "-0.0" -> 0.0
// nlohmann then reads text with a '.' (or exponent) as a double and text without one as an
// integer when it fits in int64/uint64, else as a double. Consequences for a double x whose
// dump() is d:
//   * d has a '.' and no exponent ("5000.0", "1.5"): it comes back as the same double.
//   * d has a negative exponent ("1e-07"): Postgres gives "0.0000001", which is the same double.
//   * d has a positive exponent ("1e+15", dump's form from 1e15 up): Postgres gives plain
//     integer digits, which come back as an *integer* when they fit in 64 bits (1e15, -1e18) and
//     as the same double otherwise (1e20). An integer dumps as "1000000000000000", not "1e+15".
//   * -0.0 comes back as 0.0 (numeric has no negative zero).
// So the normal form is: print every number the way Postgres prints nlohmann's dump() of it —
// integers as integers, doubles with dump()'s shortest round-trip digits but written out
// positionally with the exponent expanded, -0.0 as "0.0". Every case above then reprints
// identically after the round trip, and "1.50" from Postgres re-parses to 1.5 and prints "1.5".
// Non-finite doubles print "null", as dump() does (and JSONB stores a null).

// Expands dump()'s exponent form ("-1.25e-07", "1e+15") into positional notation
// ("-0.000000125", "1000000000000000"); text without an exponent is returned untouched.
std::string expand_exponent(const std::string& text) {
  const auto e = text.find('e');
  if (e == std::string::npos) return text;
  const bool negative = text[0] == '-';
  std::string digits;  // the significand's digits, without sign or point
  int point = 0;       // how many of them sit before the decimal point
  bool seen_point = false;
  for (std::size_t i = negative ? 1 : 0; i < e; ++i) {
    if (text[i] == '.') {
      seen_point = true;
    } else {
      digits.push_back(text[i]);
      if (!seen_point) ++point;
    }
  }
  point += std::stoi(text.substr(e + 1));
  std::string out = negative ? "-" : "";
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    out += digits;
    out.append(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<std::size_t>(point));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(point));
  }
  return out;
}

}  // namespace

namespace canonical {

// dump()'s digits for x without a json value and a string per number: serializer::dump_float
// writes exactly ::nlohmann::detail::to_chars's output (Grisu2, shortest round trip).
void append_double(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";
  } else if (x == 0.0) {
    out += "0.0";  // also -0.0
  } else {
    char buf[64];
    char* const end = ::nlohmann::detail::to_chars(buf, buf + sizeof buf, x);
    const std::string_view text(buf, static_cast<std::size_t>(end - buf));
    if (text.find('e') == std::string_view::npos) {
      out += text;
    } else {
      out += expand_exponent(std::string(text));
    }
  }
}

namespace {
template <class Int>
void append_int(std::string& out, Int v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
}  // namespace

void append_integer(std::string& out, std::int64_t v) { append_int(out, v); }
void append_unsigned(std::string& out, std::uint64_t v) { append_int(out, v); }

// Most keys and values (field names, symbols, dates) are printable ASCII without quotes or
// backslashes; those are copied as-is, which is exactly what dump() would write. Anything else
// goes through dump() itself so the escaping (and its rejection of invalid UTF-8) is nlohmann's.
void append_string(std::string& out, std::string_view s) {
  for (const char c : s) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
      out += nlohmann::json(std::string(s)).dump(-1, ' ', false);
      return;
    }
  }
  const std::size_t at = out.size();
  out.resize(at + s.size() + 2);
  char* p = out.data() + at;
  *p = '"';
  std::memcpy(p + 1, s.data(), s.size());
  p[s.size() + 1] = '"';
}

std::string object(std::vector<std::pair<std::string, std::string>> members) {
  // Stable: of equal keys the last added stays last, and wins below (as in a parsed document).
  std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out = "{";
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i + 1 < members.size() && members[i + 1].first == members[i].first) continue;
    if (out.size() > 1) out += ',';
    append_string(out, members[i].first);
    out += ':';
    out += members[i].second;
  }
  out += '}';
  return out;
}

}  // namespace canonical

namespace {

using canonical::append_double;
using canonical::append_string;

void append(std::string& out, const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      out += "null";
      return;
    case nlohmann::json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return;
    case nlohmann::json::value_t::number_integer:
      canonical::append_integer(out, v.get<std::int64_t>());
      return;
    case nlohmann::json::value_t::number_unsigned:
      canonical::append_unsigned(out, v.get<std::uint64_t>());
      return;
    case nlohmann::json::value_t::number_float:
      append_double(out, v.get<double>());
      return;
    case nlohmann::json::value_t::string:
      append_string(out, v.get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v) {
        if (!first) out += ',';
        first = false;
        append(out, item);
      }
      out += ']';
      return;
    }
    case nlohmann::json::value_t::object: {
      // nlohmann::json's object_t is a std::map<std::string, ...>: iteration is already in
      // bytewise key order (char_traits<char> compares as unsigned char).
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.get_ref<const nlohmann::json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        append_string(out, key);
        out += ':';
        append(out, item);
      }
      out += '}';
      return;
    }
    case nlohmann::json::value_t::binary:
      break;
  }
  // Binary values have no JSON text and cannot be stored in JSONB.
  throw std::invalid_argument("canonical_json: binary values have no JSON form");
}

}  // namespace

std::string canonical_json(const nlohmann::json& value) {
  std::string out;
  append(out, value);
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("sha256_hex: EVP_Digest failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace gd
