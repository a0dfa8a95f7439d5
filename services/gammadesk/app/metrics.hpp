#pragma once
// Prometheus text exposition for GET /metrics: HTTP requests by route/method/status with a
// latency histogram, job runs, alarms, and whatever collectors add (pool usage, build info).
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace gd::app {

class metrics_registry {
 public:
  static constexpr std::array<double, 14> latency_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                          0.1,    0.25,  0.5,    1.0,   2.5,  5.0,  10.0};

  void observe_request(std::string_view route, std::string_view method, int status, double seconds);
  void count_job_run(std::string_view job, std::string_view outcome, double seconds);
  void count_event(std::string_view name, std::string_view label_key, std::string_view label_value);

  // Collectors append their own exposition text at render time (gauges read live state).
  using collector = std::function<void(std::string& out)>;
  void add_collector(collector c);

  std::string render() const;

 private:
  struct histogram {
    std::array<std::uint64_t, latency_buckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0.0;
    void observe(double v);
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;   // route, method, status
  std::map<std::string, histogram> latency_;                                       // by route
  std::map<std::pair<std::string, std::string>, std::uint64_t> job_runs_;          // job, outcome
  std::map<std::string, histogram> job_duration_;
  std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> events_;
  std::vector<collector> collectors_;
};

// Escapes a label value for the exposition format.
std::string prometheus_label(std::string_view value);

}  // namespace gd::app
