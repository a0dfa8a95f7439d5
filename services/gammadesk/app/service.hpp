#pragma once
#include "app/settings.hpp"

namespace gd::app {

// Runs the whole service until SIGINT/SIGTERM; returns the process exit code.
int run_service(const settings& config);
// Applies pending migrations once and returns the exit code (gammadesk --migrate).
int run_migrations_only(const settings& config);

}  // namespace gd::app
