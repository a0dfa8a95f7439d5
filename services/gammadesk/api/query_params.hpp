#pragma once
// Query parameters shared by several route groups, parsed one way everywhere (400 on bad input).
#include <optional>
#include <string>

#include <gd/core/clock.hpp>

#include "api/router.hpp"

namespace gd::api {

// An upper-cased symbol ("spx" -> "SPX"): letters, digits, '.' and '/', at most 12 characters.
std::string symbol_param(const request_context& c, const std::string& name, const std::string& fallback);
// An ISO-8601 instant, or a YYYY-MM-DD date meaning New York midnight; nullopt when absent.
std::optional<gd::sys_time> instant_param(const request_context& c, const std::string& name);

}  // namespace gd::api
