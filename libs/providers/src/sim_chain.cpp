// The simulated option chain. Model choices (each a deliberate simplification of the real SPX
// market, tuned so dashboards and analytics see familiar shapes):
//  - ATM vol: the expected average of the mean-reverting variance over [0, T];
//  - smile in standardized moneyness z = ln(K/F) / (atm * sqrt(T)): 1 - 0.09 z + 0.012 z^2,
//    i.e. put skew with a mild upturn in far calls;
//  - spread = 0.2% of value + 0.12 vol points times a wing factor (1 + 0.35 z^2), at least one
//    tick, on SPX ticks (0.05 under $3.00, 0.10 from $3.00);
//  - open interest ~ proximity to spot x round-strike factor (100: 5x, 50: 3x, 25: 1.8x) x
//    OTM tilt (puts heavier), x3 on the monthly cycle, re-drawn each day;
//  - volume: a daily total (largest at 0DTE near the money) times the share of the session's
//    U-shaped intensity elapsed so far, so it only grows during a session.
#include "sim_chain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <gd/core/ny_time.hpp>
#include <gd/core/occ_symbol.hpp>
#include <gd/quant/black.hpp>

#include "sim_random.hpp"

namespace gd::providers {

namespace {

using nlohmann::json;

constexpr double seconds_per_year = 365.0 * 86400.0;

double years_between(gd::sys_time a, gd::sys_time b) {
  return std::chrono::duration<double>(b - a).count() / seconds_per_year;
}

double round_to(double v, double unit) { return std::round(v / unit) * unit; }
double cents(double v) { return std::round(v * 100.0) / 100.0; }
double sig(double v, double scale) { return std::round(v * scale) / scale; }

double tick_for(double price) { return price < 3.0 ? 0.05 : 0.10; }

long serial(date::year_month_day d) { return static_cast<long>(date::sys_days{d}.time_since_epoch().count()); }

double atm_vol(const simulated_settings& s, double v, double T) {
  const double theta = s.long_run_vol * s.long_run_vol;
  const double kt = s.vol_reversion * T;
  const double w = kt < 1e-8 ? 1.0 : (1.0 - std::exp(-kt)) / kt;
  return std::sqrt(theta + (v * v - theta) * w);
}

double smile(double z) { return std::max(0.55, 1.0 - 0.09 * z + 0.012 * z * z); }

std::string describe(const std::string& root, date::year_month_day e, double strike, gd::option_right r) {
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s %s %u %d $%.2f %s", root.c_str(), months[unsigned(e.month()) - 1],
                unsigned(e.day()), int(e.year()), strike, r == gd::option_right::call ? "Call" : "Put");
  return buf;
}

std::string naive_utc(gd::sys_time t) {
  const auto day = date::floor<date::days>(t);
  const date::hh_mm_ss<std::chrono::seconds> tod{std::chrono::floor<std::chrono::seconds>(t - day)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d:%02d", gd::format_date(date::year_month_day{day}).c_str(),
                int(tod.hours().count()), int(tod.minutes().count()), int(tod.seconds().count()));
  return buf;
}

// Strikes for one expiry: 5 points near the forward, then 25, 50 and 100.
std::vector<int> strike_grid(double F, double s, bool monthly) {
  const double dense = std::max(1.7 * s, 0.03);
  const double lower = std::min(std::max(6.0 * s, 0.08), 0.5) * (monthly ? 1.3 : 1.0);
  const double upper = std::min(std::max(3.0 * s, 0.05), 0.3);
  const int k_min = std::max(100, static_cast<int>(std::floor(F * std::exp(-lower) / 100.0)) * 100);
  const int k_max = static_cast<int>(std::ceil(F * std::exp(upper) / 100.0)) * 100;
  std::vector<int> out;
  for (int k = k_min; k <= k_max; k += 5) {
    const double m = std::abs(std::log(k / F));
    const int spacing = m <= dense ? 5 : m <= 2.0 * dense ? 25 : m <= 3.5 * dense ? 50 : 100;
    if (k % spacing == 0) out.push_back(k);
  }
  return out;
}

double round_factor(int k) { return k % 100 == 0 ? 5.0 : k % 50 == 0 ? 3.0 : k % 25 == 0 ? 1.8 : 1.0; }

// The share of a session's volume traded by `now`: U-shaped intensity 0.5 + 1.5 (2u - 1)^2.
double session_share(double u) {
  u = std::clamp(u, 0.0, 1.0);
  const double c = 2.0 * u - 1.0;
  return 0.5 * u + 0.25 * (c * c * c + 1.0);
}

struct session_clock {
  date::year_month_day day;  // the session whose volume is shown
  double elapsed = 0.0;      // share of it elapsed, 0..1
};

session_clock volume_session(const gd::nyse_calendar& calendar, gd::sys_time now) {
  const auto today = gd::ny_date(now);
  if (const auto s = calendar.session_on(today); s && now >= s->open) {
    return {today, std::chrono::duration<double>(now - s->open) / std::chrono::duration<double>(s->close - s->open)};
  } else if (s) {
    return {today, 0.0};  // before the open: a new day, nothing traded yet
  }
  return {calendar.previous_trading_day(today), 1.0};
}

}  // namespace

json sim_chain_json(const simulated_settings& settings, const gd::nyse_calendar& calendar, const simulated_spot& spot,
                    gd::sys_time now, const std::vector<sim_expiry>& expiries) {
  const double S = cents(spot.spot);  // priced off the spot the payload reports
  const auto today = gd::ny_date(now);
  const auto session = volume_session(calendar, now);
  const double traded_share = session_share(session.elapsed);
  const long long now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::string updated_at = naive_utc(date::floor<std::chrono::minutes>(now));
  const auto seed = settings.seed;

  json options = json::array();
  for (const auto& e : expiries) {
    const double T = std::max(years_between(now, e.settles), 60.0 / seconds_per_year);
    const double carry = settings.rate - settings.dividend_yield;
    const double F = S * std::exp(carry * T);
    const double df = std::exp(-settings.rate * T);
    const double atm = atm_vol(settings, spot.vol, T);
    const double s = atm * std::sqrt(T);
    const int days = static_cast<int>((date::sys_days{e.day} - date::sys_days{today}).count());
    // Scaled so a full 60-day chain holds roughly 10M contracts of open interest with its largest
    // strikes in the low hundreds of thousands, and dealer gamma in the tens of $bn per 1% move:
    // the order of magnitude of the real SPX chain (19M OI in the 2022-12-12 CBOE fixture).
    const double oi_base = 250.0 * (e.monthly ? 3.0 : 1.0) * std::clamp(0.3 + days / 20.0, 0.3, 2.0);
    const double volume_base = 9000.0 * std::pow(1.0 + days, -0.8);
    const std::string expiry_text = gd::format_date(e.day);

    for (const int k : strike_grid(F, s, e.monthly)) {
      const double K = k;
      const double z = std::clamp(std::log(K / F) / s, -8.0, 6.0);
      const double sigma = atm * smile(z);
      for (const auto right : {gd::option_right::call, gd::option_right::put}) {
        const bool put = right == gd::option_right::put;
        const auto g = gd::quant::black76_greeks(right, F, K, T, sigma, df);
        const double theo = std::max(g.price, 0.0);
        const double vega_pt = g.vega / 100.0;

        const double tick = tick_for(theo);
        const double spread = std::max(0.002 * theo + 0.12 * vega_pt * (1.0 + 0.35 * z * z), tick);
        // Each side on the tick of its own price level (3.02 bids 3.00, asks 3.10).
        const double raw_bid = theo - spread / 2.0, raw_ask = theo + spread / 2.0;
        double bid = std::max(0.0, std::floor(raw_bid / tick_for(raw_bid) + 1e-9) * tick_for(raw_bid));
        double ask = std::ceil(raw_ask / tick_for(raw_ask) - 1e-9) * tick_for(raw_ask);
        if (ask <= bid) ask = bid + tick_for(bid);
        ask = std::max(ask, 0.05);
        bid = cents(bid);
        ask = cents(ask);

        const std::uint64_t contract_key = static_cast<std::uint64_t>(k) * 2 + (put ? 1 : 0);
        const bool otm = put ? K < S : K > S;
        const double tilt = put ? (otm ? 1.8 : 0.6) : (otm ? 1.0 : 0.4);
        const double oi_noise = 0.6 + 0.8 * sim::uniform(sim::key(seed, 0x01, serial(e.day), contract_key, serial(today)));
        const double proximity = std::exp(-0.5 * (z / 3.0) * (z / 3.0)) + 0.05;
        const auto oi = std::llround(oi_base * proximity * tilt * round_factor(k) * oi_noise);

        const double v_noise =
            0.5 + sim::uniform(sim::key(seed, 0x02, serial(e.day), contract_key, serial(session.day)));
        const double v_daily = volume_base * std::exp(-0.5 * (z / 1.5) * (z / 1.5)) * (put ? 1.2 : 1.0) *
                               std::sqrt(round_factor(k)) * v_noise;
        const auto volume = static_cast<long long>(std::floor(v_daily * traded_share));

        const auto size_key = sim::key(seed, 0x03, serial(e.day), contract_key, static_cast<std::uint64_t>(now_ms / 60000));
        const long long bid_size = bid > 0.0 ? 1 + static_cast<long long>(sim::uniform(size_key) * 60) : 0;
        const long long ask_size = 1 + static_cast<long long>(sim::uniform(size_key ^ 0x55) * 60);

        const double delta = g.delta * F / S;  // per unit of spot
        const double gamma = g.gamma * (F / S) * (F / S);
        const double bid_iv = (bid > 0.0 && vega_pt > 1e-9) ? std::max(0.0, sigma - (theo - bid) / g.vega) : 0.0;
        const double ask_iv = vega_pt > 1e-9 ? sigma + (ask - theo) / g.vega : sigma;

        json o = json::object();
        o["symbol"] = gd::format_occ_symbol(e.root, e.day, right, K);
        o["description"] = describe(e.root, e.day, K, right);
        o["exch"] = "C";
        o["type"] = "option";
        o["last"] = volume > 0 ? json(cents(round_to(theo, tick))) : json(nullptr);
        o["change"] = nullptr;
        o["volume"] = volume;
        o["open"] = nullptr;
        o["high"] = nullptr;
        o["low"] = nullptr;
        o["close"] = nullptr;
        o["bid"] = bid;
        o["ask"] = ask;
        o["underlying"] = settings.symbol;
        o["strike"] = K;
        o["greeks"] = json{{"delta", sig(delta, 1e6)},
                           {"gamma", sig(gamma, 1e9)},
                           {"theta", sig(g.theta / 365.0, 1e6)},
                           {"vega", sig(vega_pt, 1e6)},
                           {"rho", sig(g.rho / 100.0, 1e6)},
                           {"phi", sig(-T * S * delta / 100.0, 1e6)},
                           {"bid_iv", sig(bid_iv, 1e6)},
                           {"mid_iv", sig(sigma, 1e6)},
                           {"ask_iv", sig(ask_iv, 1e6)},
                           {"smv_vol", sig(sigma, 1e3)},
                           {"updated_at", updated_at}};
        o["change_percentage"] = nullptr;
        o["average_volume"] = 0;
        o["last_volume"] = volume > 0 ? 1 : 0;
        o["trade_date"] = volume > 0 ? now_ms : 0LL;
        o["prevclose"] = nullptr;
        o["bidsize"] = bid_size;
        o["bidexch"] = "C";
        o["bid_date"] = now_ms;
        o["asksize"] = ask_size;
        o["askexch"] = "C";
        o["ask_date"] = now_ms;
        o["open_interest"] = oi;
        o["contract_size"] = 100;
        o["expiration_date"] = expiry_text;
        o["expiration_type"] = e.root == "SPX" ? "standard" : "weeklys";
        o["option_type"] = put ? "put" : "call";
        o["root_symbol"] = e.root;
        options.push_back(std::move(o));
      }
    }
  }

  json marker{{"provider", "simulated"},
              {"note", "synthetic market generated by GammaDesk's simulator; not real quotes"},
              {"seed", settings.seed},
              {"underlying", settings.symbol},
              {"as_of", gd::format_utc_iso(now)},
              {"spot", cents(S)},
              {"instantaneous_vol", sig(spot.vol, 1e6)},
              {"rate", settings.rate},
              {"dividend_yield", settings.dividend_yield}};
  return json{{"simulated", std::move(marker)}, {"options", {{"option", std::move(options)}}}};
}

}  // namespace gd::providers
