// BM_ImpliedVolSpxGrid and BM_GreeksSpxGrid on the fixed SPX grid (spx_grid.hpp).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <gd/quant/black.hpp>
#include <gd/quant/implied_vol.hpp>

#include "spx_grid.hpp"
// The ISA the SIMD kernels run on (reported as the label) and the switch to the baseline build.
#include "../../../libs/quant/src/simd_dispatch.hpp"

namespace {

const gd::bench::spx_grid& grid() {
  static const gd::bench::spx_grid g = gd::bench::make_spx_grid();
  return g;
}

// Runs the body with the baseline (SSE2) kernels forced while it lives.
struct force_baseline {
  explicit force_baseline(bool on) : on_(on) {
    if (on_) gd::quant::detail::simd_override(&gd::quant::detail::simd_kernels_base());
  }
  ~force_baseline() {
    if (on_) gd::quant::detail::simd_override(nullptr);
  }
  bool on_;
};

void implied_vol_grid(benchmark::State& state, bool baseline) {
  const force_baseline isa(baseline);
  state.SetLabel(gd::quant::detail::simd().isa);
  const auto& g = grid();
  const std::size_t n = g.size();
  std::vector<double> vol(n);
  std::vector<gd::quant::iv_status> status(n);
  for (auto _ : state) {
    gd::quant::implied_vol_black76_batch(n, g.price.data(), g.F.data(), g.K.data(), g.T.data(),
                                         g.df.data(), g.is_call.data(), vol.data(), status.data());
    benchmark::DoNotOptimize(vol.data());
    benchmark::ClobberMemory();
  }
  double max_rel = 0.0;
  std::size_t not_ok = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (status[i] != gd::quant::iv_status::ok) ++not_ok;
    const double e = std::fabs(vol[i] - g.sigma[i]) / g.sigma[i];
    max_rel = std::max(max_rel, std::isfinite(e) ? e : 1.0);
  }
  state.counters["max_rel_err"] = max_rel;
  state.counters["options"] = static_cast<double>(n);
  state.counters["not_ok"] = static_cast<double>(not_ok);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
// The kernels the CPU picks (AVX2+FMA where available; the label says which), and the SSE2
// baseline forced (what a CPU without AVX2 runs).
void BM_ImpliedVolSpxGrid(benchmark::State& state) { implied_vol_grid(state, false); }
void BM_ImpliedVolSpxGridBaseline(benchmark::State& state) { implied_vol_grid(state, true); }
BENCHMARK(BM_ImpliedVolSpxGrid)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImpliedVolSpxGridBaseline)->Unit(benchmark::kMillisecond);

// The full set the exposure code needs: price, delta, gamma, vega, theta, vanna, charm.
void greeks_grid(benchmark::State& state, bool baseline) {
  const force_baseline isa(baseline);
  state.SetLabel(gd::quant::detail::simd().isa);
  const auto& g = grid();
  const std::size_t n = g.size();
  std::vector<double> price(n), delta(n), gamma(n), vega(n), theta(n), vanna(n), charm(n);
  const gd::quant::greeks_out out{price.data(), delta.data(), gamma.data(), vega.data(),
                                  theta.data(), nullptr,      vanna.data(), charm.data(),
                                  nullptr,      nullptr,      nullptr};
  for (auto _ : state) {
    gd::quant::black76_greeks_batch(n, g.F.data(), g.K.data(), g.T.data(), g.sigma.data(),
                                    g.df.data(), g.is_call.data(), out);
    benchmark::DoNotOptimize(price.data());
    benchmark::ClobberMemory();
  }
  state.counters["options"] = static_cast<double>(n);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
void BM_GreeksSpxGrid(benchmark::State& state) { greeks_grid(state, false); }
void BM_GreeksSpxGridBaseline(benchmark::State& state) { greeks_grid(state, true); }
BENCHMARK(BM_GreeksSpxGrid)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GreeksSpxGridBaseline)->Unit(benchmark::kMillisecond);

}  // namespace
