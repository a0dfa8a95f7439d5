# surface tests (paths relative to tests/unit/quant): time to settlement, forward, grading, SVI,
# density, realized vol, the per-expiry analysis and the real SPX chain fixture.
gd_add_test(svi_fit_test SOURCES svi_fit_test.cpp svi_model_test.cpp svi_arbitrage_test.cpp LIBS gd::quant LABELS unit)
gd_add_test(settlement_time_test SOURCES settlement_time_test.cpp LIBS gd::quant LABELS unit)
gd_add_test(surface_forward_test SOURCES surface_forward_test.cpp LIBS gd::quant LABELS unit)
gd_add_test(surface_grading_test SOURCES surface_grading_test.cpp LIBS gd::quant LABELS unit)
gd_add_test(surface_realized_vol_test SOURCES surface_realized_vol_test.cpp LIBS gd::quant LABELS unit)
gd_add_test(density_test SOURCES density_test.cpp LIBS gd::quant LABELS unit)
gd_add_test(surface_spx_chain_test SOURCES surface_spx_chain_test.cpp LIBS gd::quant LABELS unit)
gd_add_test(surface_expiry_analysis_test SOURCES surface_expiry_analysis_test.cpp surface_expiry_slice_test.cpp
            LIBS gd::quant LABELS unit)
