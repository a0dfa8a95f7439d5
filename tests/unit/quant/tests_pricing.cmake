# Pricing and implied-vol tests: QuantLib cross-checks, finite differences, round trips.
gd_quantlib_reference_target()
gd_add_test(pricing_quantlib_test SOURCES pricing_quantlib_test.cpp
            LIBS gd::quant gd_quantlib_reference LABELS unit TIMEOUT 120)
