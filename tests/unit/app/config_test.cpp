#include "app/config_loader.hpp"

#include <fstream>

#include <catch2/catch.hpp>

using gd::app::config_error;
using gd::app::environment;
using gd::app::load_settings;

namespace {
const environment base{{"DATABASE_URL", "postgresql://gd@127.0.0.1:5432/gd"}};

environment with(environment e, const std::string& k, const std::string& v) {
  e[k] = v;
  return e;
}

std::string write_yaml(const std::string& text) {
  char tmpl[] = "/tmp/gd-config-XXXXXX.yaml";
  const int fd = ::mkstemps(tmpl, 5);
  ::close(fd);
  std::ofstream(tmpl) << text;
  return tmpl;
}

std::string error_of(const std::string& yaml, const environment& env) {
  try {
    (void)load_settings(yaml, env);
  } catch (const config_error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("defaults match the original specification", "[config]") {
  const auto s = load_settings("", base);
  CHECK(s.port == 8000);
  CHECK(s.tz == "America/New_York");
  CHECK(s.snapshot_interval_minutes == 5);
  CHECK(s.snapshot_underlying == "SPX");
  CHECK(s.snapshot_dte_targets == std::vector<int>{3, 5, 7});
  CHECK(s.snapshot_dte_tolerance_days == 1);
  CHECK_FALSE(s.allow_snapshot_outside_rth);
  CHECK_FALSE(s.admin_api_key.has_value());
  CHECK(s.cors_origins == std::vector<std::string>{"http://localhost:5173"});
  CHECK(s.tradier_base_url == "https://sandbox.tradier.com/v1");
  CHECK(s.log_format == "text");
  CHECK(s.effective_provider() == "simulated");
}

TEST_CASE("environment variables override and parse", "[config]") {
  auto env = base;
  env["PORT"] = "9100";
  env["SNAPSHOT_DTE_TARGETS"] = " 0, 1,30 ";
  env["ALLOW_SNAPSHOT_OUTSIDE_RTH"] = "TRUE";
  env["CORS_ORIGINS"] = "https://a.example, http://b.example:3000";
  env["SNAPSHOT_UNDERLYING"] = "spy";
  env["TRADIER_ACCESS_TOKEN"] = "tok";
  env["TRADIER_BASE_URL"] = "https://api.tradier.com/v1/";
  env["LOG_FORMAT"] = "json";
  const auto s = load_settings("", env);
  CHECK(s.port == 9100);
  CHECK(s.snapshot_dte_targets == std::vector<int>{0, 1, 30});
  CHECK(s.allow_snapshot_outside_rth);
  CHECK(s.cors_origins == std::vector<std::string>{"https://a.example", "http://b.example:3000"});
  CHECK(s.snapshot_underlying == "SPY");
  CHECK(s.effective_provider() == "tradier");
  CHECK(s.tradier_base_url == "https://api.tradier.com/v1");   // trailing slash removed
  CHECK(s.log_format == "json");
}

TEST_CASE("invalid values name the variable in one line", "[config]") {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"PORT", "80000"}, {"PORT", "eighty"}, {"SNAPSHOT_INTERVAL_MINUTES", "0"},
      {"SNAPSHOT_INTERVAL_MINUTES", "5m"}, {"SNAPSHOT_DTE_TARGETS", "3,x"}, {"SNAPSHOT_DTE_TARGETS", ""},
      {"SNAPSHOT_DTE_TOLERANCE_DAYS", "-1"}, {"ALLOW_SNAPSHOT_OUTSIDE_RTH", "maybe"}, {"TZ", "Mars/Olympus"},
      {"CORS_ORIGINS", "localhost:5173"}, {"LOG_LEVEL", "loud"}, {"LOG_FORMAT", "xml"},
      {"SNAPSHOT_PROVIDER", "bloomberg"}, {"TRADIER_BASE_URL", "ftp://x"}, {"SNAPSHOT_UNDERLYING", "S P X"}};
  for (const auto& [k, v] : bad) {
    INFO(k << "=" << v);
    const auto msg = error_of("", with(base, k, v));
    CHECK(msg.find(k) != std::string::npos);
    CHECK(msg.find('\n') == std::string::npos);
  }
}

TEST_CASE("a bad secret value is never echoed", "[config]") {
  // No secret has a format to violate today, so check the masking path through a provider rule.
  auto env = base;
  env["SNAPSHOT_PROVIDER"] = "tradier";
  const auto msg = error_of("", env);
  CHECK(msg.find("TRADIER_ACCESS_TOKEN") != std::string::npos);
}

TEST_CASE("DATABASE_URL is required; provider prerequisites are checked", "[config]") {
  CHECK(error_of("", {}).find("DATABASE_URL") != std::string::npos);
  CHECK(error_of("", with(base, "SNAPSHOT_PROVIDER", "replay")).find("REPLAY_DIR") != std::string::npos);
  CHECK(error_of("", with(base, "SNAPSHOT_PROVIDER", "cboe")).find("CBOE_SOURCE") != std::string::npos);
}

TEST_CASE("the YAML file sets defaults and the environment wins", "[config]") {
  const auto path = write_yaml(
      "http:\n  port: 8123\n  cors_origins: [\"https://x.example\"]\n"
      "snapshot:\n  interval_minutes: 15\n  dte_targets: [1, 2]\n");
  const auto s = load_settings(path, with(base, "SNAPSHOT_INTERVAL_MINUTES", "10"));
  CHECK(s.port == 8123);
  CHECK(s.cors_origins == std::vector<std::string>{"https://x.example"});
  CHECK(s.snapshot_dte_targets == std::vector<int>{1, 2});
  CHECK(s.snapshot_interval_minutes == 10);
  std::remove(path.c_str());
}

TEST_CASE("YAML mistakes are refused clearly", "[config]") {
  SECTION("unknown key") {
    const auto path = write_yaml("http:\n  prot: 8000\n");
    CHECK(error_of(path, base).find("http.prot") != std::string::npos);
    std::remove(path.c_str());
  }
  SECTION("secret in the file") {
    const auto path = write_yaml("ADMIN_API_KEY: hunter2\n");
    const auto msg = error_of(path, base);
    CHECK(msg.find("secret") != std::string::npos);
    CHECK(msg.find("hunter2") == std::string::npos);
    std::remove(path.c_str());
  }
  SECTION("invalid value") {
    const auto path = write_yaml("snapshot:\n  interval_minutes: ninety\n");
    CHECK(error_of(path, base).find("snapshot.interval_minutes") != std::string::npos);
    std::remove(path.c_str());
  }
  SECTION("not YAML") {
    const auto path = write_yaml("http: [unclosed\n");
    CHECK(error_of(path, base).find("not valid YAML") != std::string::npos);
    std::remove(path.c_str());
  }
  SECTION("missing file") { CHECK(error_of("/nonexistent/gd.yaml", base).find("cannot read") != std::string::npos); }
}

TEST_CASE("the shipped configs/gammadesk.yaml loads", "[config]") {
  const auto s = load_settings(std::string(GD_SOURCE_DIR) + "/configs/gammadesk.yaml", base);
  CHECK(s.port == 8000);
  CHECK(s.snapshot_dte_targets == std::vector<int>{3, 5, 7});
}

TEST_CASE(".env parsing", "[config]") {
  const auto env = gd::app::parse_dotenv(
      "# comment\n\nexport PORT=9000\nADMIN_API_KEY=\"quoted value\"\nEMPTY=\nBROKEN LINE\n  TZ = America/Chicago  \n");
  CHECK(env.at("PORT") == "9000");
  CHECK(env.at("ADMIN_API_KEY") == "quoted value");
  CHECK(env.at("EMPTY").empty());
  CHECK(env.at("TZ") == "America/Chicago");
  CHECK(env.count("BROKEN LINE") == 0);
}

TEST_CASE("--check-config output masks secrets", "[config]") {
  auto env = base;
  env["DATABASE_URL"] = "postgresql://u:pa55word@h:5432/d";
  env["ADMIN_API_KEY"] = "k3y";
  const auto lines = gd::app::describe_settings(load_settings("", env));
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  CHECK(all.find("pa55word") == std::string::npos);
  CHECK(all.find("k3y") == std::string::npos);
  CHECK(all.find("ADMIN_API_KEY=****") != std::string::npos);
  CHECK(all.find("TRADIER_ACCESS_TOKEN=(unset)") != std::string::npos);
}

TEST_CASE("every setting is documented in .env.example and docs/configuration.md", "[config][docs]") {
  auto slurp = [](const std::string& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const auto example = slurp(std::string(GD_SOURCE_DIR) + "/.env.example");
  const auto doc = slurp(std::string(GD_SOURCE_DIR) + "/docs/configuration.md");
  REQUIRE(!example.empty());
  REQUIRE(!doc.empty());
  for (const auto& name : gd::app::known_environment_variables()) {
    INFO(name);
    CHECK(example.find(name + "=") != std::string::npos);
    CHECK(doc.find("`" + name + "`") != std::string::npos);
  }
}
