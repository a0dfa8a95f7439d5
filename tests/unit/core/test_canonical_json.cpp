#include <gd/core/canonical_json.hpp>  // first: the header must compile on its own

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

namespace {

using nlohmann::json;

// What a checksum verifier does: read the JSONB column as text, parse it, canonicalize.
std::string from_postgres_text(const std::string& jsonb_text) { return gd::canonical_json(json::parse(jsonb_text)); }

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

TEST_CASE("sha256_hex", "[canonical_json][sha256]") {
  CHECK(gd::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(gd::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(gd::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(gd::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(gd::payload_checksum(json::parse(R"({"b":1,"a":2})")) == gd::sha256_hex(R"({"a":2,"b":1})"));
}
