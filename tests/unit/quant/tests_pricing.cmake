# Pricing and implied-vol tests: QuantLib cross-checks, finite differences, round trips.
gd_quantlib_reference_target()
gd_add_test(pricing_quantlib_test SOURCES pricing_quantlib_test.cpp
            LIBS gd::quant gd_quantlib_reference LABELS unit TIMEOUT 120)
gd_add_test(implied_vol_test SOURCES implied_vol_test.cpp LIBS gd::quant LABELS unit TIMEOUT 120)
gd_add_test(pricing_greeks_test SOURCES pricing_greeks_test.cpp LIBS gd::quant LABELS unit TIMEOUT 120)
