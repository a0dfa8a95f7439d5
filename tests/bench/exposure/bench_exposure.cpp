// Exposure benchmarks on the SPX 2022-12-12 quote table (19,156 contracts), evaluated at the
// fixture's own quote time with the default parameters.
//   BM_GammaProfileSpx     300-level GEX + DEX profile over 0.5S..1.5S (log-spaced, the
//                          recurrence kernel), every contract with an IV (the per-contract
//                          constants are built once, outside the loop)
//   BM_GammaOnlyProfileSpx GEX alone on the same grid
//   BM_GammaProfileSpxPortable  the grid path forced to the portable (SSE2) kernel build
//   BM_GammaProfileSpxEvenGrid  the same computation on 300 evenly spaced levels, which takes
//                          the exact per-level kernel (one exp + one normal cdf per contract-level)
//   BM_ProfileInputsSpx    building those constants from the prepared contracts
//   BM_PrepareContractsSpx scope, slots, forwards, grades, IV of every mid, spot greeks
//   BM_ExposureReportSpx   the whole report: everything above plus per-strike and per-expiry
//                          series, levels, max pain, top tables, vendor gap, heatmap
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <benchmark/benchmark.h>

#include <gd/exposure/json.hpp>
#include <gd/exposure/report.hpp>
#include <gd/providers/cboe_parse.hpp>

namespace {

const gd::option_chain& spx() {
  static const gd::option_chain chain = [] {
    std::ifstream in(std::string(GD_TEST_DATA) + "/chains/spx_cboe_quotetable_2022-12-12.csv", std::ios::binary);
    if (!in) throw std::runtime_error("missing SPX fixture");
    std::ostringstream ss;
    ss << in.rdbuf();
    auto parsed = gd::providers::parse_cboe_csv(ss.str());
    if (!parsed) throw std::runtime_error("SPX fixture does not parse");
    return parsed->chain;
  }();
  return chain;
}

void BM_GammaProfileSpx(benchmark::State& state) {
  const auto& chain = spx();
  const gd::exposure::exposure_params p;
  const gd::nyse_calendar cal;
  const auto c = gd::exposure::prepare_contracts(chain, chain.spot, chain.as_of, p, cal);
  const auto in = gd::exposure::make_profile_inputs(c);
  for (auto _ : state) {
    auto prof = gd::exposure::compute_profile(in, chain.spot, p.profile_levels, p.profile_low, p.profile_high);
    benchmark::DoNotOptimize(prof);
  }
  state.counters["contracts"] = static_cast<double>(in.size());
  state.counters["levels"] = static_cast<double>(p.profile_levels);
  state.counters["avx2"] = gd::exposure::profile_uses_avx2() ? 1 : 0;
}
BENCHMARK(BM_GammaProfileSpx)->Unit(benchmark::kMillisecond);

// GEX alone over the same grid (what the 42 ms NumPy reference computes).
void BM_GammaOnlyProfileSpx(benchmark::State& state) {
  const auto& chain = spx();
  const gd::exposure::exposure_params p;
  const auto c = gd::exposure::prepare_contracts(chain, chain.spot, chain.as_of, p, gd::nyse_calendar{});
  const auto in = gd::exposure::make_profile_inputs(c);
  const auto x = gd::exposure::profile_prices(chain.spot, p.profile_levels, p.profile_low, p.profile_high);
  std::vector<double> g(x.size());
  for (auto _ : state) {
    gd::exposure::evaluate_profile(in, x, g, {});
    benchmark::DoNotOptimize(g.data());
  }
  state.counters["contracts"] = static_cast<double>(in.size());
}
BENCHMARK(BM_GammaOnlyProfileSpx)->Unit(benchmark::kMillisecond);

// The log grid with the portable kernel build (what a CPU without AVX2+FMA runs).
void BM_GammaProfileSpxPortable(benchmark::State& state) {
  const auto& chain = spx();
  const gd::exposure::exposure_params p;
  const auto c = gd::exposure::prepare_contracts(chain, chain.spot, chain.as_of, p, gd::nyse_calendar{});
  const auto in = gd::exposure::make_profile_inputs(c);
  const auto x = gd::exposure::profile_prices(chain.spot, p.profile_levels, p.profile_low, p.profile_high);
  std::vector<double> g(x.size()), d(x.size());
  for (auto _ : state) {
    gd::exposure::evaluate_profile(in, x, g, d, true);
    benchmark::DoNotOptimize(g.data());
    benchmark::DoNotOptimize(d.data());
  }
}
BENCHMARK(BM_GammaProfileSpxPortable)->Unit(benchmark::kMillisecond);

// Evenly spaced levels (not log-spaced): the exact kernel, for comparison with the grid path.
void BM_GammaProfileSpxEvenGrid(benchmark::State& state) {
  const auto& chain = spx();
  const gd::exposure::exposure_params p;
  const auto c = gd::exposure::prepare_contracts(chain, chain.spot, chain.as_of, p, gd::nyse_calendar{});
  const auto in = gd::exposure::make_profile_inputs(c);
  std::vector<double> x(p.profile_levels);
  for (std::size_t j = 0; j < x.size(); ++j)
    x[j] = chain.spot * (p.profile_low + (p.profile_high - p.profile_low) * static_cast<double>(j) /
                                             static_cast<double>(x.size() - 1));
  std::vector<double> g(x.size()), d(x.size());
  for (auto _ : state) {
    gd::exposure::evaluate_profile(in, x, g, d);
    benchmark::DoNotOptimize(g.data());
    benchmark::DoNotOptimize(d.data());
  }
  state.counters["contracts"] = static_cast<double>(in.size());
}
BENCHMARK(BM_GammaProfileSpxEvenGrid)->Unit(benchmark::kMillisecond);

void BM_ProfileInputsSpx(benchmark::State& state) {
  const auto& chain = spx();
  const gd::exposure::exposure_params p;
  const auto c = gd::exposure::prepare_contracts(chain, chain.spot, chain.as_of, p, gd::nyse_calendar{});
  for (auto _ : state) benchmark::DoNotOptimize(gd::exposure::make_profile_inputs(c));
}
BENCHMARK(BM_ProfileInputsSpx)->Unit(benchmark::kMillisecond);

void BM_PrepareContractsSpx(benchmark::State& state) {
  const auto& chain = spx();
  const gd::exposure::exposure_params p;
  const gd::nyse_calendar cal;
  for (auto _ : state) benchmark::DoNotOptimize(gd::exposure::prepare_contracts(chain, chain.spot, chain.as_of, p, cal));
}
BENCHMARK(BM_PrepareContractsSpx)->Unit(benchmark::kMillisecond);

void BM_ExposureReportSpx(benchmark::State& state) {
  const auto& chain = spx();
  const gd::exposure::exposure_params p;
  const gd::nyse_calendar cal;
  for (auto _ : state) {
    auto r = gd::exposure::compute_exposure(chain, chain.spot, chain.as_of, p, cal);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ExposureReportSpx)->Unit(benchmark::kMillisecond);

void BM_ExposureReportJsonSpx(benchmark::State& state) {
  const auto& chain = spx();
  const auto r = gd::exposure::compute_exposure(chain, chain.spot, chain.as_of);
  for (auto _ : state) benchmark::DoNotOptimize(gd::exposure::to_json(r).dump());
}
BENCHMARK(BM_ExposureReportJsonSpx)->Unit(benchmark::kMillisecond);

}  // namespace
