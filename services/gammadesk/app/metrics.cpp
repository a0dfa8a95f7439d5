#include "app/metrics.hpp"

#include <fmt/format.h>

namespace gd::app {

std::string prometheus_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void metrics_registry::histogram::observe(double v) {
  for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
    if (v <= latency_buckets[i]) ++buckets[i];
  }
  ++count;
  sum += v;
}

void metrics_registry::observe_request(std::string_view route, std::string_view method, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(route), std::string(method), status}];
  latency_[std::string(route)].observe(seconds);
}

void metrics_registry::count_job_run(std::string_view job, std::string_view outcome, double seconds) {
  std::lock_guard lock(mu_);
  ++job_runs_[{std::string(job), std::string(outcome)}];
  job_duration_[std::string(job)].observe(seconds);
}

void metrics_registry::count_event(std::string_view name, std::string_view label_key, std::string_view label_value) {
  std::lock_guard lock(mu_);
  ++events_[{std::string(name), std::string(label_key), std::string(label_value)}];
}

void metrics_registry::add_collector(collector c) {
  std::lock_guard lock(mu_);
  collectors_.push_back(std::move(c));
}

namespace {
void render_histogram(std::string& out, std::string_view name, std::string_view label, const std::string& value,
                      const auto& h) {
  for (std::size_t i = 0; i < metrics_registry::latency_buckets.size(); ++i) {
    out += fmt::format("{}_bucket{{{}=\"{}\",le=\"{}\"}} {}\n", name, label, prometheus_label(value),
                       metrics_registry::latency_buckets[i], h.buckets[i]);
  }
  out += fmt::format("{}_bucket{{{}=\"{}\",le=\"+Inf\"}} {}\n", name, label, prometheus_label(value), h.count);
  out += fmt::format("{}_sum{{{}=\"{}\"}} {:.6f}\n", name, label, prometheus_label(value), h.sum);
  out += fmt::format("{}_count{{{}=\"{}\"}} {}\n", name, label, prometheus_label(value), h.count);
}
}  // namespace

std::string metrics_registry::render() const {
  std::string out;
  std::vector<collector> collectors;
  {
    std::lock_guard lock(mu_);
    out += "# HELP gd_http_requests_total HTTP requests served, by route pattern, method and status.\n";
    out += "# TYPE gd_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      out += fmt::format("gd_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                         prometheus_label(std::get<0>(key)), prometheus_label(std::get<1>(key)), std::get<2>(key), n);
    }
    out += "# HELP gd_http_request_duration_seconds Time from a whole request read to its response written.\n";
    out += "# TYPE gd_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) render_histogram(out, "gd_http_request_duration_seconds", "route", route, h);
    out += "# HELP gd_job_runs_total Scheduled job runs, by job and outcome.\n";
    out += "# TYPE gd_job_runs_total counter\n";
    for (const auto& [key, n] : job_runs_) {
      out += fmt::format("gd_job_runs_total{{job=\"{}\",outcome=\"{}\"}} {}\n", prometheus_label(key.first),
                         prometheus_label(key.second), n);
    }
    out += "# HELP gd_job_duration_seconds Scheduled job run time.\n";
    out += "# TYPE gd_job_duration_seconds histogram\n";
    for (const auto& [job, h] : job_duration_) render_histogram(out, "gd_job_duration_seconds", "job", job, h);
    std::string last_name;
    for (const auto& [key, n] : events_) {
      const auto& [name, label_key, label_value] = key;
      if (name != last_name) {
        out += fmt::format("# TYPE {} counter\n", name);
        last_name = name;
      }
      out += fmt::format("{}{{{}=\"{}\"}} {}\n", name, label_key, prometheus_label(label_value), n);
    }
    collectors = collectors_;
  }
  for (const auto& c : collectors) c(out);
  return out;
}

}  // namespace gd::app
