#include <gd/core/canonical_json.hpp>  // first: the header must compile on its own

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace {

using nlohmann::json;

// What a checksum verifier does: read the JSONB column as text, parse it, canonicalize.
std::string from_postgres_text(const std::string& jsonb_text) { return gd::canonical_json(json::parse(jsonb_text)); }

// The canonicalizer as first written (every number and every string needing escapes through a
// json value's dump()), kept as the oracle the faster one must match byte for byte.
namespace reference {

std::string expand_exponent(const std::string& text) {
  const auto e = text.find('e');
  if (e == std::string::npos) return text;
  const bool negative = text[0] == '-';
  std::string digits;
  int point = 0;
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

void append_string(std::string& out, const std::string& s) { out += json(s).dump(-1, ' ', false); }

void append(std::string& out, const json& v) {
  switch (v.type()) {
    case json::value_t::number_integer: out += std::to_string(v.get<std::int64_t>()); return;
    case json::value_t::number_unsigned: out += std::to_string(v.get<std::uint64_t>()); return;
    case json::value_t::number_float: {
      const double x = v.get<double>();
      if (!std::isfinite(x)) out += "null";
      else if (x == 0.0) out += "0.0";
      else out += expand_exponent(json(x).dump());
      return;
    }
    case json::value_t::string: append_string(out, v.get_ref<const std::string&>()); return;
    case json::value_t::array: {
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
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.get_ref<const json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        append_string(out, key);
        out += ':';
        append(out, item);
      }
      out += '}';
      return;
    }
    default: out += v.dump(); return;   // null, booleans
  }
}

std::string canonical_json(const json& v) {
  std::string out;
  append(out, v);
  return out;
}

}  // namespace reference

}  // namespace

TEST_CASE("canonical form ignores key order and whitespace", "[canonical_json]") {
  const auto a = json::parse(R"({"b":1,"a":[1,2,{"d":null,"c":true}],"e":"x"})");
  const auto b = json::parse("{ \"e\" : \"x\",\n  \"a\": [1, 2, {\"c\": true, \"d\": null}],\t\"b\": 1 }");
  CHECK(gd::canonical_json(a) == R"({"a":[1,2,{"c":true,"d":null}],"b":1,"e":"x"})");
  CHECK(gd::canonical_json(b) == gd::canonical_json(a));
  CHECK(gd::payload_checksum(a) == gd::payload_checksum(b));
  // Array order is data, not presentation.
  CHECK(gd::canonical_json(json::parse("[2,1]")) == "[2,1]");
  CHECK(gd::canonical_json(json::object()) == "{}");
  CHECK(gd::canonical_json(json::array()) == "[]");
  CHECK(gd::canonical_json(json(nullptr)) == "null");
  CHECK(gd::canonical_json(json(false)) == "false");
}

TEST_CASE("keys sort bytewise, UTF-8 after ASCII", "[canonical_json]") {
  // Postgres itself orders JSONB keys by length first ({"b": 2, "aa": 1}); parsing sorts again.
  json v;
  v["\xc3\xa9"] = 1;  // é
  v["a"] = 2;
  v["Z"] = 3;
  v["B"] = 4;
  v["aa"] = 5;
  CHECK(gd::canonical_json(v) == "{\"B\":4,\"Z\":3,\"a\":2,\"aa\":5,\"\xc3\xa9\":1}");
  CHECK(from_postgres_text("{\"B\": 4, \"Z\": 3, \"a\": 2, \"aa\": 5, \"\xc3\xa9\": 1}") == gd::canonical_json(v));
}

TEST_CASE("strings are escaped exactly as nlohmann dump() with ensure_ascii=false", "[canonical_json]") {
  const std::string samples[] = {"plain", "", "quote\"d", "back\\slash", "slash/", "tab\tnew\nline\r",
                                 std::string("nul\0byte", 8), "\x01\x1f", "\x7f", "caf\xc3\xa9",
                                 "\xe4\xb8\xad\xe6\x96\x87", "\xf0\x9f\x93\x88 emoji", "\b\f"};
  for (const auto& s : samples) {
    INFO(s);
    CHECK(gd::canonical_json(json(s)) == json(s).dump(-1, ' ', false));
    json keyed;
    keyed[s] = s;
    CHECK(gd::canonical_json(keyed) == keyed.dump(-1, ' ', false));
  }
  CHECK(gd::canonical_json(json("\x01")) == R"("\u0001")");
  // Invalid UTF-8 cannot be stored in JSONB either: refused, as dump() refuses it.
  CHECK_THROWS_AS(gd::canonical_json(json("\xff\xfe")), json::type_error);
}

TEST_CASE("number normal form is what Postgres JSONB prints", "[canonical_json][numbers]") {
  // Each row: a value as the service holds it, its canonical text, and the text Postgres 15
  // returns for that value's dump() stored in a jsonb column (copied from a real server).
  struct row {
    json value;
    const char* canonical;
    const char* postgres;
  };
  const row rows[] = {
      {json(1.5), "1.5", "1.5"},
      {json(5000.0), "5000.0", "5000.0"},          // an integral double stays a double
      {json(1e-07), "0.0000001", "0.0000001"},     // dump(): "1e-07"
      {json(1.5e-07), "0.00000015", "0.00000015"},
      {json(1e-05), "0.00001", "0.00001"},
      {json(0.0001), "0.0001", "0.0001"},
      {json(1e15), "1000000000000000", "1000000000000000"},  // dump(): "1e+15"; comes back an integer
      {json(1.2345678901234568e18), "1234567890123456800", "1234567890123456800"},
      {json(-1e18), "-1000000000000000000", "-1000000000000000000"},
      {json(1e20), "100000000000000000000", "100000000000000000000"},  // too big for 64 bits: a double
      {json(9.999999999999999e22), "99999999999999990000000", "99999999999999990000000"},
      {json(-0.0), "0.0", "0.0"},  // numeric has no negative zero
      {json(0.0), "0.0", "0.0"},
      {json(123456789012345.6), "123456789012345.6", "123456789012345.6"},
      {json(-2.75), "-2.75", "-2.75"},
      {json(0), "0", "0"},
      {json(-42), "-42", "-42"},
      {json(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808", "-9223372036854775808"},
      {json(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615", "18446744073709551615"},
  };
  for (const row& r : rows) {
    INFO(r.value.dump() << " -> " << r.canonical);
    CHECK(gd::canonical_json(r.value) == r.canonical);
    CHECK(from_postgres_text(r.postgres) == r.canonical);
  }
  // Trailing zeros Postgres keeps from the input text ("1.50") do not change the checksum.
  CHECK(from_postgres_text("1.50") == gd::canonical_json(json(1.5)));
  CHECK(from_postgres_text("[1.50, 2.500]") == "[1.5,2.5]");
  // Non-finite doubles dump as null, which is also what the column holds.
  CHECK(gd::canonical_json(json(std::nan(""))) == "null");
  CHECK(gd::canonical_json(json(std::numeric_limits<double>::infinity())) == "null");
  // The extremes expand fully, as Postgres expands them.
  const std::string tiny = gd::canonical_json(json(5e-324));
  CHECK(tiny == "0." + std::string(323, '0') + "5");
  CHECK(from_postgres_text(tiny) == tiny);
  const std::string huge = gd::canonical_json(json(1.7976931348623157e308));
  CHECK(huge == "17976931348623157" + std::string(292, '0'));
  CHECK(from_postgres_text(huge) == huge);
}

TEST_CASE("canonical text is a fixed point of the Postgres round trip", "[canonical_json][numbers]") {
  // Postgres prints exactly the canonical number text back (positional, digits as given), so a
  // value must canonicalize identically after parsing its own canonical text. Sweep mantissas
  // and exponents with a fixed-seed generator.
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 20000; ++i) {
    const double mantissa = double(next() >> 11) / double(1ULL << 53);  // [0, 1)
    const int exponent = int(next() % 80) - 40;
    double x = mantissa * std::pow(10.0, exponent);
    if (next() % 2) x = -x;
    if (next() % 5 == 0) x = std::round(x);  // plenty of integral doubles, small and large
    const std::string c = gd::canonical_json(json(x));
    INFO(json(x).dump() << " -> " << c);
    REQUIRE(c.find_first_of("eE") == std::string::npos);
    REQUIRE(from_postgres_text(c) == c);
    // The number still means the same value.
    const json back = json::parse(c);
    if (back.is_number_float()) REQUIRE(back.get<double>() == (x == 0.0 ? 0.0 : x));
  }
}

TEST_CASE("a whole payload survives a JSONB round trip", "[canonical_json]") {
  json payload;
  payload["underlying"] = "SPX";
  payload["spot"] = 5000.0;
  payload["ts"] = "2025-06-10T14:00:00Z";
  payload["note"] = "\xc3\xa9\n";
  payload["rows"] = json::array({json{{"strike", 5000.0}, {"bid", 1.5}, {"ask", 1.55}, {"iv", 1e-07},
                                      {"oi", 1234}, {"big", 1e15}, {"neg", -0.0}}});
  // Postgres 15's text for `payload.dump()::jsonb`: keys by length, spaces, numbers positional.
  const std::string from_db =
      "{\"ts\": \"2025-06-10T14:00:00Z\", \"note\": \"\xc3\xa9\\n\", \"rows\": [{\"iv\": 0.0000001, \"oi\": 1234, "
      "\"ask\": 1.55, \"bid\": 1.5, \"big\": 1000000000000000, \"neg\": 0.0, \"strike\": 5000.0}], "
      "\"spot\": 5000.0, \"underlying\": \"SPX\"}";
  const std::string expected =
      "{\"note\":\"\xc3\xa9\\n\",\"rows\":[{\"ask\":1.55,\"bid\":1.5,\"big\":1000000000000000,\"iv\":0.0000001,"
      "\"neg\":0.0,\"oi\":1234,\"strike\":5000.0}],\"spot\":5000.0,\"ts\":\"2025-06-10T14:00:00Z\","
      "\"underlying\":\"SPX\"}";
  CHECK(gd::canonical_json(payload) == expected);
  CHECK(from_postgres_text(from_db) == expected);
  CHECK(gd::payload_checksum(json::parse(from_db)) == gd::payload_checksum(payload));
}

TEST_CASE("golden: the canonicalizer matches the reference byte for byte on the real fixtures", "[canonical_json][golden]") {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"chains", "tradier"}) {
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(GD_TEST_DATA) / dir)) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
  }
  REQUIRE(files.size() >= 10);
  std::size_t bytes = 0;
  for (const auto& f : files) {
    INFO(f.string());
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const json doc = json::parse(ss.str());
    const std::string text = gd::canonical_json(doc);
    CHECK(text == reference::canonical_json(doc));
    CHECK(from_postgres_text(text) == text);
    bytes += text.size();
  }
  CHECK(bytes > 1'000'000);   // the CBOE chains alone are megabytes
}

TEST_CASE("golden: edge values match the reference byte for byte", "[canonical_json][golden]") {
  // As vendor text: unicode escapes (BMP, surrogate pairs, controls), trailing zeros, exponents,
  // negative zero, integers at and past the 64-bit limits, the 15/16-digit boundary of dump()'s
  // positional form.
  const char* texts[] = {
      R"({"s":"caf\u00e9 \ud83d\ude00 \u0001\u001f \u007f \"q\" \\ \/ \b\f\n\r\t","\u00e9k":1,"k\u0000":2})",
      R"([1e-7,1E-7,1.5e-07,50.00000000,-50.000,0.0,-0.0,-0,0,1e0,1e+0,-1e-0])",
      R"([9223372036854775807,9223372036854775808,-9223372036854775808,-9223372036854775809,18446744073709551615,18446744073709551616,12345678901234567890123,-12345678901234567890123])",
      R"([1e14,1e15,1e16,1e17,123456789012345.6,1234567890123456.7,12345678901234567.8,999999999999999.9,9999999999999998,0.0001,0.00001,0.000123456789,1.7976931348623157e308,5e-324,2.2250738585072014e-308,1e22,1e23,4.35,0.1,0.2,0.30000000000000004])",
      R"({"b":{"z":[],"a":{}},"a":[null,true,false,"",[[]],{"":""}],"aa":"x","B":"y","\u00e9":"z"})",
  };
  for (const char* t : texts) {
    INFO(t);
    const json doc = json::parse(t);
    CHECK(gd::canonical_json(doc) == reference::canonical_json(doc));
  }
  // Random doubles: random bit patterns (every exponent) and decimal-looking prices.
  std::uint64_t state = 0x2545f4914f6cdd1dULL;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 200000; ++i) {
    double x = 0.0;
    if (i % 2 == 0) {
      const std::uint64_t bits = next();
      std::memcpy(&x, &bits, sizeof x);
    } else {
      x = double(std::int64_t(next() % 2000000) - 1000000) / std::pow(10.0, double(next() % 12));
    }
    const json v = x;
    INFO(v.dump());
    REQUIRE(gd::canonical_json(v) == reference::canonical_json(v));
  }
  for (int i = 0; i < 20000; ++i) {
    const json a = std::int64_t(next());
    const json b = std::uint64_t(next());
    REQUIRE(gd::canonical_json(a) == reference::canonical_json(a));
    REQUIRE(gd::canonical_json(b) == reference::canonical_json(b));
  }
}

TEST_CASE("the canonical pieces write what canonical_json writes for the same value", "[canonical_json][pieces]") {
  const auto piece = [](auto append, auto v) {
    std::string out;
    append(out, v);
    return out;
  };
  for (const double x : {0.0, -0.0, 1.5, -2.25e-7, 1e15, 1e21, 0.1, 5e-324, std::nan("")}) {
    CHECK(piece(gd::canonical::append_double, x) == gd::canonical_json(json(x)));
  }
  for (const std::int64_t i : {std::int64_t{0}, std::int64_t{-1}, std::numeric_limits<std::int64_t>::min()}) {
    CHECK(piece(gd::canonical::append_integer, i) == gd::canonical_json(json(i)));
  }
  const std::uint64_t big = std::numeric_limits<std::uint64_t>::max();
  CHECK(piece(gd::canonical::append_unsigned, big) == gd::canonical_json(json(big)));
  for (const std::string text : {"plain", "quote \" and \\", "line\nbreak", "\x01", "é ☃", ""}) {
    CHECK(piece(gd::canonical::append_string, std::string_view{text}) == gd::canonical_json(json(text)));
  }
}

TEST_CASE("canonical::object sorts members and keeps the last of a repeated key", "[canonical_json][pieces]") {
  const std::string inner = gd::canonical_json(json::parse(R"({"y":[1,2],"x":null})"));
  const std::string built = gd::canonical::object({{"b", "1"}, {"é", "\"x\""}, {"a", inner}, {"b", "2"}, {"B", "true"}});
  CHECK(built == gd::canonical_json(json::parse(R"({"b":1,"é":"x","a":{"y":[1,2],"x":null},"b":2,"B":true})")));
  CHECK(built == R"({"B":true,"a":{"x":null,"y":[1,2]},"b":2,"é":"x"})");
  CHECK(gd::canonical::object({}) == "{}");
}

TEST_CASE("sha256_hex", "[canonical_json][sha256]") {
  CHECK(gd::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(gd::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(gd::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(gd::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(gd::payload_checksum(json::parse(R"({"b":1,"a":2})")) == gd::sha256_hex(R"({"a":2,"b":1})"));
}
