#include <gd/core/occ_symbol.hpp>  // first: the header must compile on its own

#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

namespace {

constexpr date::year_month_day ymd(int y, unsigned m, unsigned d) {
  return date::year{y} / date::month{m} / date::day{d};
}

}  // namespace

TEST_CASE("parse compact OCC symbols", "[occ]") {
  const auto p = gd::parse_occ_symbol("SPXW251219P05000000");
  REQUIRE(p);
  CHECK(p->root == "SPXW");
  CHECK(p->expiration == ymd(2025, 12, 19));
  CHECK(p->right == gd::option_right::put);
  CHECK(p->strike == 5000.0);

  const auto c = gd::parse_occ_symbol("PLTR260618P00013000");
  REQUIRE(c);
  CHECK(c->root == "PLTR");
  CHECK(c->expiration == ymd(2026, 6, 18));
  CHECK(c->strike == 13.0);

  const auto one = gd::parse_occ_symbol("F250117C00012500");  // one-letter root
  REQUIRE(one);
  CHECK(one->root == "F");
  CHECK(one->right == gd::option_right::call);
  CHECK(one->strike == 12.5);
}

TEST_CASE("parse padded 21-character OSI symbols", "[occ]") {
  const auto p = gd::parse_occ_symbol("SPXW  251219P05000000");
  REQUIRE(p);
  CHECK(p->root == "SPXW");
  CHECK(p->strike == 5000.0);
  const auto spx = gd::parse_occ_symbol("SPX   250725C05900000");
  REQUIRE(spx);
  CHECK(spx->root == "SPX");
  CHECK(spx->right == gd::option_right::call);
  CHECK(spx->strike == 5900.0);
  const auto six = gd::parse_occ_symbol("SPXPM 251219C06000000");
  REQUIRE(six);
  CHECK(six->root == "SPXPM");
  const auto full = gd::parse_occ_symbol("GOOGL1260116C00150000");  // six characters, no padding
  REQUIRE(full);
  CHECK(full->root == "GOOGL1");
}

TEST_CASE("fractional strikes", "[occ]") {
  CHECK(gd::parse_occ_symbol("SPY250620C00002500")->strike == 2.5);
  CHECK(gd::parse_occ_symbol("XYZ250620C00012375")->strike == 12.375);
  CHECK(gd::parse_occ_symbol("XYZ250620C00000001")->strike == 0.001);
  CHECK(gd::parse_occ_symbol("XYZ250620C99999999")->strike == 99999.999);
  CHECK(gd::format_occ_symbol("XYZ", ymd(2025, 6, 20), gd::option_right::call, 12.375) == "XYZ250620C00012375");
  CHECK(gd::format_occ_symbol("SPY", ymd(2025, 6, 20), gd::option_right::put, 2.5) == "SPY250620P00002500");
  // Doubles that are not exact thousandths round to the nearest one.
  CHECK(gd::format_occ_symbol("XYZ", ymd(2025, 6, 20), gd::option_right::put, 0.1) == "XYZ250620P00000100");
  CHECK(gd::format_occ_symbol("XYZ", ymd(2025, 6, 20), gd::option_right::put, 0.7 * 3) == "XYZ250620P00002100");
}

TEST_CASE("format and parse round trip", "[occ]") {
  const char* symbols[] = {"SPXW251219P05000000", "SPX250725C05900000", "SPXW250102C06125000", "NDXP261231P21000000",
                           "RUTW270315C02250000", "XSP260106P00590000", "VIX260121C00017500", "A300101C00000500",
                           "BRKB281215P00512345"};
  for (const char* s : symbols) {
    INFO(s);
    const auto p = gd::parse_occ_symbol(s);
    REQUIRE(p);
    CHECK(gd::format_occ_symbol(p->root, p->expiration, p->right, p->strike) == s);
  }
  // The padded form normalizes to the compact one.
  const auto p = gd::parse_occ_symbol("SPXW  251219P05000000");
  REQUIRE(p);
  CHECK(gd::format_occ_symbol(p->root, p->expiration, p->right, p->strike) == "SPXW251219P05000000");
  CHECK(gd::format_occ_symbol("SPXW", ymd(2025, 12, 19), gd::option_right::put, 5000.0) == "SPXW251219P05000000");
}

TEST_CASE("malformed symbols are rejected", "[occ]") {
  const char* bad[] = {
      "",                        // empty
      "251219P05000000",         // no root
      "SPXWXYZ251219P05000000",  // root of seven characters
      "SPXW251219X05000000",     // right is neither C nor P
      "SPXW251219p05000000",     // lower-case right
      "spxw251219P05000000",     // lower-case root
      "SPXW251319P05000000",     // month 13
      "SPXW250230P05000000",     // February 30
      "SPXW251200P05000000",     // day 0
      "SPXW25121AP05000000",     // letter in the date
      "SPXW251219P0500000",      // seven strike digits
      "SPXW251219P050000000",    // nine strike digits (reads as root "SPXW2" + bad date)
      "SPXW251219P0500000A",     // letter in the strike
      "SPXW251219P-5000000",     // sign in the strike
      "SPXW 251219P05000000",    // padding that is not to six characters
      "SPX  W251219P05000000",   // a space inside the root
      "      251219P05000000",   // an all-blank root
      " SPXW 251219P05000000",   // leading space
      "SPXW  251219P05000000 ",  // trailing space
      "1SPX251219P05000000",     // root starting with a digit
      "SP.X251219P05000000",     // punctuation
  };
  for (const char* s : bad) {
    INFO('"' << s << '"');
    CHECK_FALSE(gd::parse_occ_symbol(s));
  }
}

TEST_CASE("format rejects arguments no symbol can carry", "[occ]") {
  const auto exp = ymd(2025, 12, 19);
  CHECK_THROWS_AS(gd::format_occ_symbol("", exp, gd::option_right::put, 5000), std::invalid_argument);
  CHECK_THROWS_AS(gd::format_occ_symbol("TOOLONG", exp, gd::option_right::put, 5000), std::invalid_argument);
  CHECK_THROWS_AS(gd::format_occ_symbol("SPXW", exp, gd::option_right::put, -1), std::invalid_argument);
  CHECK_THROWS_AS(gd::format_occ_symbol("SPXW", exp, gd::option_right::put, 100000), std::invalid_argument);
  CHECK_THROWS_AS(gd::format_occ_symbol("SPXW", ymd(2100, 1, 15), gd::option_right::put, 5000), std::invalid_argument);
}

TEST_CASE("classify_root", "[occ]") {
  struct row {
    const char* root;
    const char* underlying;
    gd::settlement_style settlement;
  };
  const row rows[] = {
      {"SPX", "SPX", gd::settlement_style::am},   {"SPXW", "SPX", gd::settlement_style::pm},
      {"SPXPM", "SPX", gd::settlement_style::pm}, {"NDX", "NDX", gd::settlement_style::am},
      {"NDXP", "NDX", gd::settlement_style::pm},  {"RUT", "RUT", gd::settlement_style::am},
      {"RUTW", "RUT", gd::settlement_style::pm},  {"XSP", "XSP", gd::settlement_style::pm},
      {"VIX", "VIX", gd::settlement_style::am},   {"VIXW", "VIX", gd::settlement_style::am},
      {"DJX", "DJX", gd::settlement_style::am},   {"SPY", "SPY", gd::settlement_style::pm},
      {"QQQ", "QQQ", gd::settlement_style::pm},   {"AAPL1", "AAPL1", gd::settlement_style::pm},
  };
  for (const row& r : rows) {
    INFO(r.root);
    const auto info = gd::classify_root(r.root);
    CHECK(info.underlying == r.underlying);
    CHECK(info.settlement == r.settlement);
  }
}
