# The surface half of gd::quant (paths relative to libs/quant): time to settlement, implied
# forward, slice grading, SVI, risk-neutral density, realized volatility, per-expiry analysis.
set(GD_QUANT_SURFACE_SOURCES
  src/settlement_time.cpp
  src/expiry_slice.cpp
  src/implied_forward.cpp
  src/slice_quality.cpp
  src/svi_arbitrage.cpp
  src/svi_fit.cpp
  src/density.cpp
  src/realized_vol.cpp
  src/expiry_analysis.cpp
)
