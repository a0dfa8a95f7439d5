set(GD_QUANT_PRICING_SOURCES src/normal_distribution.cpp src/normalised_black.cpp src/black.cpp)
