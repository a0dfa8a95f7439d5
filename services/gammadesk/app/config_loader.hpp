#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/settings.hpp"

namespace gd::app {

// One bad setting: what() is the single line start-up prints.
class config_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using environment = std::map<std::string, std::string>;

// The process environment, with a .env file's entries added where the environment has none.
environment read_environment(const std::string& dotenv_path = ".env");
// Parses KEY=VALUE lines (comments, blank lines, optional quotes, "export " prefix).
environment parse_dotenv(const std::string& text);

// Defaults <- YAML file (when the path is non-empty) <- environment. Throws config_error.
settings load_settings(const std::string& yaml_path, const environment& env);

// "NAME=value" lines for --check-config, secrets masked.
std::vector<std::string> describe_settings(const settings& s);
// Every environment variable the service reads, for docs and tests.
std::vector<std::string> known_environment_variables();

}  // namespace gd::app
