set(GD_QUANT_PRICING_SOURCES src/normal_distribution.cpp src/normalised_black.cpp src/black.cpp src/black_batch.cpp src/normalised_implied_vol.cpp src/implied_vol.cpp)
