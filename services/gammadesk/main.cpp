// gammadesk: the GammaDesk service. See README.md and docs/configuration.md.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include <spdlog/spdlog.h>

#include "app/build_info.hpp"
#include "app/config_loader.hpp"
#include "app/logging.hpp"
#include "app/service.hpp"

namespace {

void print_help() {
  std::cout << "gammadesk " << gd::app::build_version << " - SPX options research and paper-trading service\n\n"
               "usage: gammadesk [--config FILE] [--check-config | --migrate | --version | --help]\n\n"
               "  --config FILE    YAML defaults (default: $GAMMADESK_CONFIG, else configs/gammadesk.yaml if present)\n"
               "  --check-config   validate the configuration, print it with secrets masked, exit 0/1\n"
               "  --migrate        apply pending database migrations and exit\n"
               "  --version        print the version and git SHA\n"
               "  --help           this text\n\n"
               "Environment variables override the YAML file; a .env file in the working directory is read\n"
               "when present. Every setting is listed in docs/configuration.md and .env.example.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path;
  std::string mode = "serve";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      print_help();
      return 0;
    } else if (arg == "--version") {
      std::cout << "gammadesk " << gd::app::build_version << " (" << gd::app::build_git_sha << ")\n";
      return 0;
    } else if (arg == "--check-config") {
      mode = "check";
    } else if (arg == "--migrate") {
      mode = "migrate";
    } else if (arg == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else {
      std::cerr << "gammadesk: unknown argument '" << arg << "' (see --help)\n";
      return 2;
    }
  }

  const auto env = gd::app::read_environment(".env");
  if (config_path.empty()) {
    if (const auto it = env.find("GAMMADESK_CONFIG"); it != env.end()) {
      config_path = it->second;
    } else if (std::filesystem::exists("configs/gammadesk.yaml")) {
      config_path = "configs/gammadesk.yaml";
    }
  }

  gd::app::settings config;
  try {
    config = gd::app::load_settings(config_path, env);
  } catch (const std::exception& e) {
    std::cerr << "gammadesk: configuration error: " << e.what() << "\n";
    return 1;
  }

  if (mode == "check") {
    std::cout << "# configuration OK" << (config_path.empty() ? "" : " (" + config_path + " + environment)") << "\n";
    for (const auto& line : gd::app::describe_settings(config)) std::cout << line << "\n";
    return 0;
  }

  gd::app::setup_logging(config.log_level, config.log_format);
  if (mode == "migrate") return gd::app::run_migrations_only(config);
  return gd::app::run_service(config);
}
