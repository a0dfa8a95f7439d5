#include <gd/providers/simulated_market.hpp>

#include <cmath>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include <gd/core/canonical_json.hpp>
#include <gd/core/ny_time.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/providers/tradier_parse.hpp>

using namespace gd::providers;
using namespace date::literals;
using std::chrono::minutes;

namespace {

gd::sys_time ny(date::year_month_day d, int h, int m) { return gd::ny_to_utc(d, minutes{h * 60 + m}); }

chain_payload full_at(gd::sys_time t, simulated_settings s = {}, int max_dte = 60) {
  const gd::manual_clock clock{t};
  simulated_market m{clock, s};
  auto r = m.full_chain("SPX", gd::ny_date(t), max_dte);
  INFO((r ? std::string{} : r.err().message));
  REQUIRE(r);
  return std::move(r.value());
}

bool on_tick(double price) {
  const double tick = price < 3.0 ? 0.05 : 0.10;
  return std::abs(price / tick - std::round(price / tick)) < 1e-6;
}

}  // namespace

TEST_CASE("simulated: same seed and time give identical payloads", "[simulated]") {
  const auto t = ny(2025_y / 6 / 10, 11, 0);
  const auto a = full_at(t);
  const auto b = full_at(t);
  CHECK(a.raw_json == b.raw_json);
  CHECK(gd::payload_checksum(nlohmann::json::parse(a.raw_json)) == gd::sha256_hex(b.raw_json));
  CHECK(a.chain.spot == b.chain.spot);

  simulated_settings other;
  other.seed = 7;
  const gd::manual_clock clock{t};
  CHECK(simulated_market{clock, other}.spot_at(t).spot != simulated_market{clock}.spot_at(t).spot);

  // The end-of-session cache never changes an answer: a later query first, then an earlier one.
  simulated_market warm{clock};
  (void)warm.spot_at(ny(2026_y / 1 / 5, 12, 0));
  CHECK(warm.spot_at(t).spot == simulated_market{clock}.spot_at(t).spot);
}

TEST_CASE("simulated: spot moves in 5-minute steps during the session only", "[simulated]") {
  const gd::manual_clock clock{ny(2025_y / 6 / 10, 11, 0)};
  simulated_market m{clock};
  const auto at = [&](date::year_month_day d, int h, int mi) { return m.spot_at(ny(d, h, mi)); };
  CHECK(at(2025_y / 6 / 10, 10, 0).spot != at(2025_y / 6 / 10, 14, 0).spot);
  CHECK(at(2025_y / 6 / 10, 10, 1).spot == at(2025_y / 6 / 10, 10, 4).spot);   // same step
  CHECK(at(2025_y / 6 / 10, 10, 4).spot != at(2025_y / 6 / 10, 10, 5).spot);   // next step

  const double close = at(2025_y / 6 / 10, 16, 0).spot;
  CHECK(at(2025_y / 6 / 10, 20, 0).spot == close);                // after the close
  CHECK(at(2025_y / 6 / 11, 8, 0).spot == close);                 // pre-market shows the last close
  CHECK(at(2025_y / 6 / 11, 12, 0).prev_close == Approx(close));  // and becomes the previous close
  const double friday = at(2025_y / 6 / 13, 16, 0).spot;
  CHECK(at(2025_y / 6 / 14, 12, 0).spot == friday);               // Saturday
  CHECK(at(2025_y / 6 / 16, 9, 30).spot != friday);               // Monday's open gaps

  // Plausible over years: the level stays within a band around its trend and vol stays sane.
  for (int y = 2020; y <= 2030; ++y) {
    const auto s = at(date::year{y} / 3 / 2, 12, 0);
    CHECK(s.spot > 1500.0);
    CHECK(s.spot < 15000.0);
    CHECK(s.vol > 0.04);
    CHECK(s.vol < 0.9);
  }
}

TEST_CASE("simulated: expiries follow the SPX/SPXW calendar", "[simulated][expiries]") {
  const gd::nyse_calendar cal;
  const auto t = ny(2025_y / 3 / 31, 10, 0);
  const auto full = full_at(t);
  std::map<date::year_month_day, std::set<std::string>> roots;
  for (const auto& r : full.chain.rows) {
    roots[r.contract.expiration].insert(r.contract.root);
    REQUIRE(r.contract.settlement == (r.contract.root == "SPX" ? gd::settlement_style::am : gd::settlement_style::pm));
    REQUIRE(r.contract.underlying == "SPX");
  }
  // SPXW every trading day of the window, nothing on closed days.
  int trading_days = 0;
  for (auto d = 2025_y / 3 / 31; d <= 2025_y / 5 / 30; d = date::year_month_day{date::sys_days{d} + date::days{1}}) {
    if (!cal.is_trading_day(d)) {
      CHECK(roots.count(d) == 0);
      continue;
    }
    ++trading_days;
    CHECK(roots[d].count("SPXW") == 1);
  }
  CHECK(roots.size() == static_cast<std::size_t>(trading_days));
  // The April monthly: the third Friday 2025-04-18 is Good Friday, so SPX (AM) expires Thursday.
  CHECK(roots[2025_y / 4 / 17] == std::set<std::string>{"SPX", "SPXW"});
  CHECK(roots[2025_y / 5 / 16] == std::set<std::string>{"SPX", "SPXW"});
  CHECK(roots.count(2025_y / 4 / 18) == 0);
  CHECK(full.chain.rows.size() > 15000);
  CHECK(full.chain.rows.size() < 25000);

  // 0DTE is listed until the 16:00 settlement; an AM monthly is gone once the open has printed.
  const gd::manual_clock before{ny(2025_y / 4 / 17, 15, 59)};
  simulated_market m{before};
  const auto same_day = m.chain("SPX", 2025_y / 4 / 17);
  REQUIRE(same_day);
  for (const auto& r : same_day->chain.rows) REQUIRE(r.contract.root == "SPXW");
  const gd::manual_clock after{ny(2025_y / 4 / 17, 16, 1)};
  simulated_market later{after};
  CHECK(later.chain("SPX", 2025_y / 4 / 17).err().code == "vendor_no_data");
  const auto exps = later.expirations("SPX");
  REQUIRE(exps);
  CHECK(exps->front() == 2025_y / 4 / 21);  // Good Friday closed, next is Monday
  CHECK(exps->back() > 2026_y / 1 / 1);     // monthlies listed about a year out
  CHECK(later.expirations("QQQ").err().code == "vendor_no_data");
}

TEST_CASE("simulated: the chain looks like SPX", "[simulated][realism]") {
  const auto t = ny(2025_y / 6 / 10, 11, 0);
  const auto full = full_at(t);
  const double S = full.chain.spot;
  const auto target = 2025_y / 7 / 10;  // ~30 days out

  // Contract count for full chains at several instants and vol regimes.
  for (const auto when : {ny(2024_y / 3 / 4, 10, 0), ny(2026_y / 1 / 15, 15, 0), ny(2027_y / 9 / 1, 9, 45)}) {
    const auto n = full_at(when).chain.rows.size();
    CHECK(n >= 15000);
    CHECK(n <= 25000);
  }

  // Put skew: 30-day IV at 0.92 S > ATM > 1.04 S.
  std::map<double, double> put_iv;
  for (const auto& r : full.chain.rows) {
    if (r.contract.expiration == target && r.contract.right == gd::option_right::put) put_iv[r.contract.strike] = r.quote.greeks.iv;
  }
  REQUIRE(put_iv.size() > 100);
  const auto iv_near = [&](double k) { return put_iv.lower_bound(k)->second; };
  CHECK(iv_near(0.92 * S) > iv_near(S) + 0.02);
  CHECK(iv_near(S) > iv_near(1.04 * S));

  // Ticks, crossed markets, wings: spreads in vol terms ((ask-bid)/vega) widen away from ATM.
  const auto raw = nlohmann::json::parse(full.raw_json);
  const auto& raw_options = raw["options"]["option"];
  double near_sum = 0, wing_sum = 0;
  int near_n = 0, wing_n = 0;
  for (const auto& o : raw_options) {
    const double bid = o["bid"], ask = o["ask"], vega = o["greeks"]["vega"], k = o["strike"];
    REQUIRE(on_tick(bid));
    REQUIRE(on_tick(ask));
    REQUIRE(ask > bid);
    if (o["expiration_date"] != "2025-07-10" || bid <= 0.0 || vega < 1e-3) continue;
    const bool otm = o["option_type"] == "put" ? k < S : k > S;
    if (!otm) continue;
    const double m = std::abs(std::log(k / S));
    const double vol_spread = (ask - bid) / vega;
    if (m < 0.01) near_sum += vol_spread, ++near_n;
    if (m > 0.10) wing_sum += vol_spread, ++wing_n;
  }
  REQUIRE(near_n > 0);
  REQUIRE(wing_n > 0);
  CHECK(wing_sum / wing_n > 1.5 * (near_sum / near_n));

  // Open interest concentrates at round strikes near the money.
  double round_sum = 0, plain_sum = 0;
  int round_n = 0, plain_n = 0;
  long long put_oi = 0, call_oi = 0;
  for (const auto& r : full.chain.rows) {
    (r.contract.right == gd::option_right::put ? put_oi : call_oi) += r.quote.open_interest;
    if (std::abs(r.contract.strike / S - 1.0) > 0.03) continue;
    const auto k = static_cast<long>(r.contract.strike);
    if (k % 100 == 0) round_sum += r.quote.open_interest, ++round_n;
    if (k % 25 != 0) plain_sum += r.quote.open_interest, ++plain_n;
  }
  REQUIRE(round_n > 10);
  REQUIRE(plain_n > 10);
  CHECK(round_sum / round_n > 2.5 * (plain_sum / plain_n));
  CHECK(put_oi > call_oi);

  // The payload says it is simulated, everywhere.
  CHECK(full.chain.provider == "simulated");
  CHECK(raw["simulated"]["provider"] == "simulated");
  CHECK(raw["simulated"]["spot"] == S);
  const auto reparsed = parse_tradier_chain(raw, {});
  REQUIRE(reparsed);
  CHECK(reparsed->rows.size() == full.chain.rows.size());
}

TEST_CASE("simulated: volume accumulates through the session", "[simulated][realism]") {
  const auto volumes = [](gd::sys_time t) {
    const gd::manual_clock clock{t};
    simulated_market m{clock};
    auto c = m.chain("SPX", 2025_y / 6 / 13);
    REQUIRE(c);
    std::map<std::string, long long> out;
    for (const auto& r : c->chain.rows) out[r.contract.occ_symbol] = r.quote.volume;
    return out;
  };
  const auto pre = volumes(ny(2025_y / 6 / 10, 9, 0));
  const auto morning = volumes(ny(2025_y / 6 / 10, 10, 0));
  const auto afternoon = volumes(ny(2025_y / 6 / 10, 15, 30));
  long long total_pre = 0, total_morning = 0, total_afternoon = 0;
  for (const auto& [sym, v] : pre) total_pre += v;
  for (const auto& [sym, v] : morning) total_morning += v;
  for (const auto& [sym, v] : afternoon) total_afternoon += v;
  CHECK(total_pre == 0);
  CHECK(total_morning > 0);
  CHECK(total_afternoon > 2 * total_morning);
}

TEST_CASE("simulated: quotes report the simulated index", "[simulated]") {
  const auto t = ny(2025_y / 6 / 10, 11, 0);
  const gd::manual_clock clock{t};
  simulated_market m{clock};
  CHECK(m.name() == "simulated");
  const auto q = m.quotes({"SPX", "AAPL"});
  REQUIRE(q);
  REQUIRE(q->size() == 1);
  CHECK(q->at(0).symbol == "SPX");
  CHECK(q->at(0).last == Approx(m.spot_at(t).spot).margin(0.006));
  CHECK(q->at(0).prev_close == Approx(m.spot_at(t).prev_close).margin(0.006));
  CHECK(q->at(0).as_of == t);
  CHECK(m.quotes({"AAPL"}).err().code == "vendor_no_data");
}
