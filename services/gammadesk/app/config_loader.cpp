#include "app/config_loader.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include <date/tz.h>
#include <yaml-cpp/yaml.h>

#include <gd/core/ny_time.hpp>
#include <gd/store/connection_pool.hpp>

extern char** environ;

namespace gd::app {

std::string settings::effective_provider() const {
  if (!snapshot_provider.empty()) return snapshot_provider;
  return tradier_access_token ? "tradier" : "simulated";
}

std::string settings::effective_broker() const {
  if (!broker.empty()) return broker;
  return tradier_access_token && !tradier_account_id.empty() ? "tradier" : "simulated";
}

namespace {

// One setting: its environment name, its YAML path (empty for secrets: environment only),
// how to parse it into settings (returns an error text) and how to show it.
struct setting_spec {
  const char* env;
  const char* yaml;
  bool secret;
  std::function<std::string(settings&, const std::string&)> parse;
  std::function<std::string(const settings&)> show;
};

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  const auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
}

std::vector<std::string> split_csv(const std::string& v) {
  std::vector<std::string> out;
  std::stringstream ss(v);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

bool parse_long(const std::string& v, long long& out) {
  const std::string t = trim(v);
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  return ec == std::errc{} && p == t.data() + t.size() && !t.empty();
}

template <class T>
auto int_setting(T settings::*field, long long lo, long long hi) {
  return [field, lo, hi](settings& s, const std::string& v) -> std::string {
    long long x = 0;
    if (!parse_long(v, x) || x < lo || x > hi) {
      return "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
    }
    s.*field = static_cast<T>(x);
    return {};
  };
}
template <class T>
auto show_int(T settings::*field) {
  return [field](const settings& s) { return std::to_string(s.*field); };
}

auto double_setting(double settings::*field, double lo, double hi) {
  return [field, lo, hi](settings& s, const std::string& v) -> std::string {
    const std::string t = trim(v);
    double x = 0.0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
    if (t.empty() || ec != std::errc{} || p != t.data() + t.size() || !(x >= lo && x <= hi)) {
      std::ostringstream range;
      range << "expected a number from " << lo << " to " << hi;
      return range.str();
    }
    s.*field = x;
    return {};
  };
}
auto show_double(double settings::*field) {
  return [field](const settings& s) {
    std::ostringstream out;
    out << s.*field;
    return out.str();
  };
}

auto string_setting(std::string settings::*field, bool allow_empty = true) {
  return [field, allow_empty](settings& s, const std::string& v) -> std::string {
    if (!allow_empty && trim(v).empty()) return "must not be empty";
    s.*field = trim(v);
    return {};
  };
}
auto show_string(std::string settings::*field) {
  return [field](const settings& s) { return s.*field; };
}

auto choice_setting(std::string settings::*field, std::vector<std::string> allowed, bool allow_empty) {
  return [field, allowed, allow_empty](settings& s, const std::string& v) -> std::string {
    std::string t = trim(v);
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t.empty() && allow_empty) {
      s.*field = t;
      return {};
    }
    for (const auto& a : allowed) {
      if (a == t) {
        s.*field = t;
        return {};
      }
    }
    return "expected one of " + join(allowed);
  };
}

auto bool_setting(bool settings::*field) {
  return [field](settings& s, const std::string& v) -> std::string {
    std::string t = trim(v);
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == "true" || t == "1" || t == "yes" || t == "on") {
      s.*field = true;
    } else if (t == "false" || t == "0" || t == "no" || t == "off") {
      s.*field = false;
    } else {
      return "expected true or false";
    }
    return {};
  };
}
auto show_bool(bool settings::*field) {
  return [field](const settings& s) { return std::string(s.*field ? "true" : "false"); };
}

auto secret_setting(std::optional<std::string> settings::*field) {
  return [field](settings& s, const std::string& v) -> std::string {
    const std::string t = trim(v);
    if (t.empty()) {
      s.*field = std::nullopt;
    } else {
      s.*field = t;
    }
    return {};
  };
}
auto show_secret(std::optional<std::string> settings::*field) {
  return [field](const settings& s) { return std::string((s.*field) ? "****" : "(unset)"); };
}

const std::vector<setting_spec>& specs() {
  static const std::vector<setting_spec> table = {
      {"HOST", "http.host", false, string_setting(&settings::host, false), show_string(&settings::host)},
      {"PORT", "http.port", false, int_setting(&settings::port, 0, 65535), show_int(&settings::port)},
      {"HTTP_IO_THREADS", "http.io_threads", false, int_setting(&settings::io_threads, 1, 64),
       show_int(&settings::io_threads)},
      {"HTTP_WORKER_THREADS", "http.worker_threads", false, int_setting(&settings::worker_threads, 1, 256),
       show_int(&settings::worker_threads)},
      {"HTTP_MAX_BODY_BYTES", "http.max_body_bytes", false,
       int_setting(&settings::max_body_bytes, 1024, 64LL << 20), show_int(&settings::max_body_bytes)},
      {"HTTP_MAX_HEADER_BYTES", "http.max_header_bytes", false,
       int_setting(&settings::max_header_bytes, 1024, 1 << 20), show_int(&settings::max_header_bytes)},
      {"HTTP_READ_TIMEOUT_MS", "http.read_timeout_ms", false, int_setting(&settings::read_timeout_ms, 100, 3'600'000),
       show_int(&settings::read_timeout_ms)},
      {"HTTP_WRITE_TIMEOUT_MS", "http.write_timeout_ms", false,
       int_setting(&settings::write_timeout_ms, 100, 3'600'000), show_int(&settings::write_timeout_ms)},
      {"CORS_ORIGINS", "http.cors_origins", false,
       [](settings& s, const std::string& v) -> std::string {
         s.cors_origins = split_csv(v);
         for (const auto& o : s.cors_origins) {
           if (o != "*" && o.rfind("http://", 0) != 0 && o.rfind("https://", 0) != 0) {
             return "each origin must start with http:// or https:// (or be *), got '" + o + "'";
           }
         }
         return {};
       },
       [](const settings& s) { return join(s.cors_origins); }},
      {"STATIC_DIR", "http.static_dir", false, string_setting(&settings::static_dir),
       show_string(&settings::static_dir)},
      {"ADMIN_API_KEY", "", true, secret_setting(&settings::admin_api_key), show_secret(&settings::admin_api_key)},

      {"DATABASE_URL", "", true, string_setting(&settings::database_url),
       [](const settings& s) { return s.database_url.empty() ? std::string("(unset)") : gd::store::mask_database_url(s.database_url); }},
      {"DB_POOL_SIZE", "database.pool_size", false, int_setting(&settings::db_pool_size, 1, 256),
       show_int(&settings::db_pool_size)},
      {"DB_STATEMENT_TIMEOUT_MS", "database.statement_timeout_ms", false,
       int_setting(&settings::db_statement_timeout_ms, 100, 3'600'000), show_int(&settings::db_statement_timeout_ms)},
      {"MIGRATIONS_DIR", "database.migrations_dir", false, string_setting(&settings::migrations_dir, false),
       show_string(&settings::migrations_dir)},

      {"TRADIER_ACCESS_TOKEN", "", true, secret_setting(&settings::tradier_access_token),
       show_secret(&settings::tradier_access_token)},
      {"TRADIER_ACCOUNT_ID", "tradier.account_id", false, string_setting(&settings::tradier_account_id),
       show_string(&settings::tradier_account_id)},
      {"TRADIER_BASE_URL", "tradier.base_url", false,
       [](settings& s, const std::string& v) -> std::string {
         const std::string t = trim(v);
         if (t.rfind("https://", 0) != 0 && t.rfind("http://", 0) != 0) return "expected an http(s):// URL";
         s.tradier_base_url = t.back() == '/' ? t.substr(0, t.size() - 1) : t;
         return {};
       },
       show_string(&settings::tradier_base_url)},

      {"TZ", "time.tz", false,
       [](settings& s, const std::string& v) -> std::string {
         const std::string t = trim(v);
         try {
           (void)date::locate_zone(t);
         } catch (const std::exception&) {
           return "unknown time zone (expected an IANA name such as America/New_York)";
         }
         s.tz = t;
         return {};
       },
       show_string(&settings::tz)},

      {"SNAPSHOT_PROVIDER", "snapshot.provider", false,
       choice_setting(&settings::snapshot_provider, {"tradier", "cboe", "simulated", "replay"}, true),
       [](const settings& s) { return s.snapshot_provider.empty() ? "(auto: " + s.effective_provider() + ")" : s.snapshot_provider; }},
      {"SNAPSHOT_INTERVAL_MINUTES", "snapshot.interval_minutes", false,
       int_setting(&settings::snapshot_interval_minutes, 1, 60), show_int(&settings::snapshot_interval_minutes)},
      {"SNAPSHOT_UNDERLYING", "snapshot.underlying", false,
       [](settings& s, const std::string& v) -> std::string {
         std::string t = trim(v);
         if (t.empty() || t.size() > 10) return "expected a symbol such as SPX";
         for (auto& c : t) {
           if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '/') return "expected a symbol such as SPX";
           c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
         }
         s.snapshot_underlying = t;
         return {};
       },
       show_string(&settings::snapshot_underlying)},
      {"SNAPSHOT_DTE_TARGETS", "snapshot.dte_targets", false,
       [](settings& s, const std::string& v) -> std::string {
         std::vector<int> out;
         for (const auto& item : split_csv(v)) {
           long long x = 0;
           if (!parse_long(item, x) || x < 0 || x > 365) return "expected comma-separated day counts from 0 to 365";
           out.push_back(static_cast<int>(x));
         }
         if (out.empty()) return "expected at least one DTE target";
         s.snapshot_dte_targets = out;
         return {};
       },
       [](const settings& s) {
         std::string out;
         for (int d : s.snapshot_dte_targets) out += (out.empty() ? "" : ",") + std::to_string(d);
         return out;
       }},
      {"SNAPSHOT_DTE_TOLERANCE_DAYS", "snapshot.dte_tolerance_days", false,
       int_setting(&settings::snapshot_dte_tolerance_days, 0, 30), show_int(&settings::snapshot_dte_tolerance_days)},
      {"ALLOW_SNAPSHOT_OUTSIDE_RTH", "snapshot.allow_outside_rth", false,
       bool_setting(&settings::allow_snapshot_outside_rth), show_bool(&settings::allow_snapshot_outside_rth)},
      {"SNAPSHOT_FULL_CHAIN_MAX_DTE", "snapshot.full_chain_max_dte", false,
       int_setting(&settings::full_chain_max_dte, 0, 1000), show_int(&settings::full_chain_max_dte)},
      {"SNAPSHOT_SPOOL_DIR", "snapshot.spool_dir", false, string_setting(&settings::spool_dir, false),
       show_string(&settings::spool_dir)},
      {"CBOE_SOURCE", "snapshot.cboe_source", false, string_setting(&settings::cboe_source),
       show_string(&settings::cboe_source)},
      {"REPLAY_DIR", "snapshot.replay_dir", false, string_setting(&settings::replay_dir),
       show_string(&settings::replay_dir)},
      {"SIMULATED_SEED", "snapshot.simulated_seed", false,
       int_setting(&settings::simulated_seed, 0, (1LL << 62)), show_int(&settings::simulated_seed)},
      {"SIMULATED_CLOCK_START", "jobs.simulated_clock_start", false,
       [](settings& s, const std::string& v) -> std::string {
         const std::string t = trim(v);
         gd::sys_time parsed{};
         if (!t.empty() && !gd::parse_iso_instant(t, parsed)) return "expected an ISO-8601 instant such as 2026-11-16T10:02:00-05:00";
         s.simulated_clock_start = t;
         return {};
       },
       show_string(&settings::simulated_clock_start)},
      {"SCHEDULER_ENABLED", "jobs.scheduler_enabled", false, bool_setting(&settings::scheduler_enabled),
       show_bool(&settings::scheduler_enabled)},

      {"TRADING_ENABLED", "trading.enabled", false, bool_setting(&settings::trading_enabled),
       show_bool(&settings::trading_enabled)},
      {"BROKER", "trading.broker", false, choice_setting(&settings::broker, {"tradier", "simulated"}, true),
       [](const settings& s) { return s.broker.empty() ? "(auto: " + s.effective_broker() + ")" : s.broker; }},
      {"STRATEGY_CONFIG_FILE", "trading.strategy_config_file", false, string_setting(&settings::strategy_config_file),
       show_string(&settings::strategy_config_file)},
      {"STRATEGY_SIDES", "trading.sides", false, choice_setting(&settings::strategy_sides, {"put", "call", "both"}, true),
       show_string(&settings::strategy_sides)},
      {"STRATEGY_SPREAD_WIDTH", "trading.spread_width", false, double_setting(&settings::strategy_spread_width, 0, 500),
       show_double(&settings::strategy_spread_width)},
      {"STRATEGY_MIN_CREDIT", "trading.min_credit", false, double_setting(&settings::strategy_min_credit, 0, 100),
       show_double(&settings::strategy_min_credit)},
      {"TRADE_QUANTITY", "trading.quantity", false, int_setting(&settings::trade_quantity, 0, 100),
       show_int(&settings::trade_quantity)},
      {"MAX_OPEN_TRADES", "trading.max_open_trades", false, int_setting(&settings::max_open_trades, 0, 100),
       show_int(&settings::max_open_trades)},
      {"MAX_TRADES_PER_DAY", "trading.max_trades_per_day", false, int_setting(&settings::max_trades_per_day, 0, 100),
       show_int(&settings::max_trades_per_day)},
      {"FILL_SPREAD_FACTOR", "trading.fill_spread_factor", false, double_setting(&settings::fill_spread_factor, 0, 1),
       show_double(&settings::fill_spread_factor)},
      {"TAKE_PROFIT_FRACTION", "trading.take_profit_fraction", false,
       double_setting(&settings::take_profit_fraction, 0.01, 0.99), show_double(&settings::take_profit_fraction)},
      {"STOP_LOSS_MULTIPLE", "trading.stop_loss_multiple", false,
       double_setting(&settings::stop_loss_multiple, 1.01, 100), show_double(&settings::stop_loss_multiple)},
      {"ORDER_POLL_SECONDS", "trading.order_poll_seconds", false, int_setting(&settings::order_poll_seconds, 1, 600),
       show_int(&settings::order_poll_seconds)},
      {"MARK_INTERVAL_SECONDS", "trading.mark_interval_seconds", false,
       int_setting(&settings::mark_interval_seconds, 5, 3600), show_int(&settings::mark_interval_seconds)},
      {"REPRICE_AFTER_SECONDS", "trading.reprice_after_seconds", false,
       int_setting(&settings::reprice_after_seconds, 5, 3600), show_int(&settings::reprice_after_seconds)},
      {"REPRICE_MAX_TICKS", "trading.reprice_max_ticks", false, int_setting(&settings::reprice_max_ticks, 0, 100),
       show_int(&settings::reprice_max_ticks)},

      {"LOG_LEVEL", "logging.level", false,
       choice_setting(&settings::log_level, {"trace", "debug", "info", "warn", "error"}, false),
       show_string(&settings::log_level)},
      {"LOG_FORMAT", "logging.format", false, choice_setting(&settings::log_format, {"text", "json"}, false),
       show_string(&settings::log_format)},
  };
  return table;
}

std::string yaml_scalar_text(const YAML::Node& node) {
  if (node.IsSequence()) {
    std::string out;
    for (const auto& item : node) out += (out.empty() ? "" : ",") + item.as<std::string>();
    return out;
  }
  return node.as<std::string>();
}

void check_yaml_keys(const YAML::Node& root, const std::string& path) {
  // Reject unknown keys: a typo in the file would otherwise be silently ignored.
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    const std::string full = path.empty() ? key : path + "." + key;
    if (kv.second.IsMap()) {
      check_yaml_keys(kv.second, full);
      continue;
    }
    bool known = false;
    for (const auto& spec : specs()) known = known || full == spec.yaml;
    if (!known) {
      for (const auto& spec : specs()) {
        if (spec.secret && std::string(spec.env) == key) {
          throw config_error(std::string(spec.env) + " is a secret: set it in the environment, not in the YAML file");
        }
      }
      throw config_error("unknown key '" + full + "' in the configuration file");
    }
  }
}

}  // namespace

environment parse_dotenv(const std::string& text) {
  environment out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (!key.empty()) out[key] = value;
  }
  return out;
}

environment read_environment(const std::string& dotenv_path) {
  environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  std::ifstream in(dotenv_path);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    for (auto& [k, v] : parse_dotenv(ss.str())) env.emplace(k, v);   // the real environment wins
  }
  return env;
}

settings load_settings(const std::string& yaml_path, const environment& env) {
  settings s;
  if (!yaml_path.empty()) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(yaml_path);
    } catch (const YAML::BadFile&) {
      throw config_error("cannot read configuration file " + yaml_path);
    } catch (const YAML::Exception& e) {
      throw config_error("configuration file " + yaml_path + " is not valid YAML: " + e.what());
    }
    if (root && !root.IsNull()) {
      if (!root.IsMap()) throw config_error("configuration file " + yaml_path + " must be a mapping");
      check_yaml_keys(root, "");
      for (const auto& spec : specs()) {
        if (*spec.yaml == '\0') continue;
        YAML::Node node = root;
        std::stringstream path(spec.yaml);
        std::string part;
        bool found = true;
        while (std::getline(path, part, '.')) {
          node.reset(node[part]);
          if (!node) {
            found = false;
            break;
          }
        }
        if (!found || node.IsNull()) continue;
        std::string text;
        try {
          text = yaml_scalar_text(node);
        } catch (const YAML::Exception&) {
          throw config_error(std::string("invalid ") + spec.yaml + " in " + yaml_path + ": expected a value");
        }
        if (auto err = spec.parse(s, text); !err.empty()) {
          throw config_error(std::string("invalid ") + spec.yaml + "='" + text + "' in " + yaml_path + ": " + err);
        }
      }
    }
  }
  for (const auto& spec : specs()) {
    const auto it = env.find(spec.env);
    if (it == env.end()) continue;
    if (auto err = spec.parse(s, it->second); !err.empty()) {
      const std::string shown = spec.secret ? std::string("****") : it->second;
      throw config_error(std::string("invalid ") + spec.env + "='" + shown + "': " + err);
    }
  }
  if (s.database_url.empty()) {
    throw config_error("DATABASE_URL is not set (e.g. postgresql://user@127.0.0.1:5432/gammadesk; `make run` sets it)");
  }
  if (s.effective_provider() == "tradier" && !s.tradier_access_token) {
    throw config_error("SNAPSHOT_PROVIDER=tradier needs TRADIER_ACCESS_TOKEN");
  }
  if (s.effective_provider() == "replay" && s.replay_dir.empty()) {
    throw config_error("SNAPSHOT_PROVIDER=replay needs REPLAY_DIR");
  }
  if (s.effective_provider() == "cboe" && s.cboe_source.empty()) {
    throw config_error("SNAPSHOT_PROVIDER=cboe needs CBOE_SOURCE (a file path, or https://cdn.cboe.com)");
  }
  if (s.effective_broker() == "tradier" && (!s.tradier_access_token || s.tradier_account_id.empty())) {
    throw config_error("BROKER=tradier needs TRADIER_ACCESS_TOKEN and TRADIER_ACCOUNT_ID");
  }
  return s;
}

std::vector<std::string> describe_settings(const settings& s) {
  std::vector<std::string> out;
  for (const auto& spec : specs()) out.push_back(std::string(spec.env) + "=" + spec.show(s));
  return out;
}

std::vector<std::string> known_environment_variables() {
  std::vector<std::string> out;
  for (const auto& spec : specs()) out.emplace_back(spec.env);
  return out;
}

}  // namespace gd::app
