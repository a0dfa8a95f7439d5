#pragma once
// CSV for the tabular endpoints (?format=csv): a header line, then one line per row, "\n" line
// ends, numbers with up to 17 significant digits, empty cells for null, dates YYYY-MM-DD.
// Columns are the JSON keys of the row, in the JSON order (quality flattened to quality_grade,
// quality_liquid_strikes, quality_reason).
#include <span>
#include <string>

#include <gd/exposure/report.hpp>

namespace gd::exposure {

std::string to_csv(std::span<const strike_exposure> strikes);
std::string to_csv(const expiry_table& t);
std::string to_csv(const gamma_profile& p);

}  // namespace gd::exposure
