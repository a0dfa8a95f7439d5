#include "app/logging.hpp"

#include <chrono>

#include <nlohmann/json.hpp>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace gd::app {

namespace {
thread_local std::string tl_request_id;

// %* in a text pattern: " req=<id>" when the thread is serving a request.
class request_id_flag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    if (tl_request_id.empty()) return;
    static constexpr std::string_view prefix = " req=";
    dest.append(prefix.data(), prefix.data() + prefix.size());
    dest.append(tl_request_id.data(), tl_request_id.data() + tl_request_id.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<request_id_flag>(); }
};

// One JSON object per line, every field escaped properly (a pattern cannot escape the message).
class json_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(msg.time.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(us / 1'000'000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char ts[64];
    std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(us % 1'000'000));
    nlohmann::json line{{"ts", ts},
                        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                                              spdlog::level::to_string_view(msg.level).size())},
                        {"msg", std::string(msg.payload.data(), msg.payload.size())}};
    if (!tl_request_id.empty()) line["request_id"] = tl_request_id;
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<json_formatter>(); }
};
}  // namespace

void setup_logging(const std::string& level, const std::string& format) {
  auto logger = std::make_shared<spdlog::logger>("gammadesk", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  if (format == "json") {
    logger->set_formatter(std::make_unique<json_formatter>());
  } else {
    auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    f->add_flag<request_id_flag>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %^%-5l%$%* %v");
    logger->set_formatter(std::move(f));
  }
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

request_log_scope::request_log_scope(const std::string& request_id) : previous_(tl_request_id) {
  tl_request_id = request_id;
}
request_log_scope::~request_log_scope() { tl_request_id = previous_; }

const std::string& current_request_id() { return tl_request_id; }

}  // namespace gd::app
