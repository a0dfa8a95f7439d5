#include "fixtures.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gd/core/ny_time.hpp>
#include <gd/providers/cboe_parse.hpp>
#include <gd/providers/simulated_market.hpp>

namespace gd::strategy::test {

gd::sys_time ny(int y, unsigned m, unsigned d, int hour, int minute) {
  return gd::ny_to_utc(date::year{y} / date::month{m} / date::day{d}, std::chrono::minutes{hour * 60 + minute});
}

const gd::option_chain& cboe_2022_12_12() {
  static const gd::option_chain chain = [] {
    std::ifstream f(std::string(GD_TEST_DATA) + "/chains/spx_cboe_quotetable_2022-12-12.csv");
    if (!f) throw std::runtime_error("missing CBOE fixture");
    std::stringstream ss;
    ss << f.rdbuf();
    auto parsed = gd::providers::parse_cboe_csv(ss.str());
    if (!parsed) throw std::runtime_error("CBOE fixture: " + parsed.err().message);
    return parsed->chain;
  }();
  return chain;
}

gd::option_chain simulated_chain(gd::sys_time t) {
  gd::manual_clock clock(t);
  gd::providers::simulated_market market(clock);
  auto payload = market.full_chain("SPX", gd::ny_date(t), 14);
  if (!payload) throw std::runtime_error("simulated chain: " + payload.err().message);
  return payload->chain;
}

std::vector<date::year_month_day> expirations_of(const gd::option_chain& chain) {
  std::vector<date::year_month_day> out;
  for (const auto& r : chain.rows) out.push_back(r.contract.expiration);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const gd::nyse_calendar& calendar() {
  static const gd::nyse_calendar cal;
  return cal;
}

decide_inputs inputs(gd::sys_time now, const std::string& slot, const gd::option_chain& chain,
                     const strategy_config& config, risk_state risk) {
  return decide_inputs{.now = now,
                       .slot = slot,
                       .chain = chain,
                       .snapshot_id = "snap-test-1",
                       .snapshot_checksum = "c0ffee",
                       .expirations = expirations_of(chain),
                       .calendar = calendar(),
                       .config = config,
                       .risk = risk};
}

}  // namespace gd::strategy::test
