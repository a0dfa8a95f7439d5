// One expiry of the project's fixed benchmark grid (F = 6000, vol = 0.15 + 0.3 x^2 - 0.2 x with
// x = ln(K/F)), T = 30 days, 200 strikes 5500..6495 step 5, out-of-the-money side.
//   BM_SviFitExpiry   one SVI fit of the 200 (k, w) points with vega weights   (target < 2 ms)
//   BM_DensityExpiry  one density + moments + quantiles from the fitted SVI   (target < 1 ms)
//   BM_AnalyzeExpiry  the whole slice: forward, grading, 200 IVs, SVI, density (no target)
#include <cmath>
#include <vector>

#include <benchmark/benchmark.h>

#include <gd/quant/black.hpp>
#include <gd/quant/density.hpp>
#include <gd/quant/expiry_analysis.hpp>
#include <gd/quant/svi_fit.hpp>

namespace {

using namespace gd;
using namespace gd::quant;

constexpr double forward = 6000.0;
constexpr double T = 30.0 / 365.0;
const double df = std::exp(-0.045 * T);

double grid_vol(double K) {
  const double x = std::log(K / forward);
  return 0.15 + 0.3 * x * x - 0.2 * x;
}

struct fit_inputs {
  std::vector<double> k, w, weight;
};

const fit_inputs& inputs() {
  static const fit_inputs in = [] {
    fit_inputs f;
    for (int i = 0; i < 200; ++i) {
      const double K = 5500.0 + 5.0 * i, vol = grid_vol(K);
      const option_right r = K < forward ? option_right::put : option_right::call;
      f.k.push_back(std::log(K / forward));
      f.w.push_back(vol * vol * T);
      f.weight.push_back(black76_greeks(r, forward, K, T, vol, df).vega);
    }
    return f;
  }();
  return in;
}

void BM_SviFitExpiry(benchmark::State& state) {
  const fit_inputs& in = inputs();
  svi_fit_result fit;
  for (auto _ : state) {
    fit = fit_svi(in.k, in.w, in.weight, T);
    benchmark::DoNotOptimize(fit.params);
  }
  state.counters["rmse_vol_points"] = fit.rmse_vol_points;
  state.counters["inner_solves"] = fit.evaluations;
  state.counters["ok"] = fit.ok ? 1 : 0;
}
BENCHMARK(BM_SviFitExpiry)->Unit(benchmark::kMicrosecond);

void BM_DensityExpiry(benchmark::State& state) {
  const fit_inputs& in = inputs();
  const svi_fit_result fit = fit_svi(in.k, in.w, in.weight, T);
  density_result d;
  for (auto _ : state) {
    d = risk_neutral_density(fit.params, forward, T);
    benchmark::DoNotOptimize(d.mean);
  }
  state.counters["grid_points"] = static_cast<double>(d.pdf.size());
  state.counters["integral_minus_1"] = d.integral - 1.0;
  state.counters["mean_vs_forward"] = d.mean_vs_forward;
}
BENCHMARK(BM_DensityExpiry)->Unit(benchmark::kMicrosecond);

void BM_AnalyzeExpiry(benchmark::State& state) {
  expiry_slice slice;
  for (int i = 0; i < 200; ++i) {
    const double K = 5500.0 + 5.0 * i;
    for (option_right r : {option_right::call, option_right::put}) {
      const double px = black76_price(r, forward, K, T, grid_vol(K), df);
      const double half = 0.5 * std::max(0.05, 0.02 * px);
      slice.quotes.push_back(slice_quote{K, r, std::max(0.0, px - half), px + half, 1000});
    }
  }
  expiry_analysis a;
  for (auto _ : state) {
    a = analyze_expiry(slice, T);
    benchmark::DoNotOptimize(a.density.mean);
  }
  state.counters["ok"] = a.status == expiry_status::ok ? 1 : 0;
  state.counters["fitted_points"] = static_cast<double>(a.svi.points);
}
BENCHMARK(BM_AnalyzeExpiry)->Unit(benchmark::kMicrosecond);

}  // namespace
