# surface tests (paths relative to tests/unit/quant): time to settlement, forward, grading, SVI,
# density, realized vol, the per-expiry analysis and the real SPX chain fixture.
gd_add_test(svi_fit_test SOURCES svi_fit_test.cpp LIBS gd::quant LABELS unit)
