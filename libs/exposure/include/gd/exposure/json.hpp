#pragma once
// JSON shapes of the exposure API (the contract with the dashboard; docs/exposure.md lists them).
// Numbers are plain doubles; NaN and absent values are null; dates "YYYY-MM-DD"; instants UTC ISO.
#include <nlohmann/json.hpp>

#include <gd/exposure/report.hpp>

namespace gd::exposure {

nlohmann::json to_json(const exposure_report& r);     // GET /api/exposure
nlohmann::json to_json(const key_levels& l);          // GET /api/exposure/levels
nlohmann::json to_json(const gamma_profile& p);       // GET /api/exposure/profile
nlohmann::json to_json(const expiry_table& t);        // GET /api/exposure/by-expiry
nlohmann::json to_json(const exposure_heatmap& h);    // dashboard heatmap
nlohmann::json to_json(const exposure_params& p);     // the "parameters" object
nlohmann::json to_json(const scope_result& s);        // the "scope" object
nlohmann::json to_json(const exposure_totals& t);     // the "totals" object
nlohmann::json to_json(const top_strikes& t);         // the "top" object
nlohmann::json to_json(const vendor_gap& g);          // the "vendor_gap" object
nlohmann::json to_json(const strike_exposure& s);     // one "strikes" row

}  // namespace gd::exposure
