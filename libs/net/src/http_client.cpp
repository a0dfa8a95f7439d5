// http_client: the retry loop, backoff, rate limiting and error wording around one-attempt
// transports (client_transport.cpp holds every Beast/Asio line of the client). GETs retry;
// sends (POST/PUT/DELETE/PATCH) never repeat a request that may have been written.
#include <gd/net/http_client.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <random>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include <gd/net/client_policy.hpp>

#include "client_transport.hpp"

namespace gd::net {

using steady = std::chrono::steady_clock;
using std::chrono::milliseconds;
using outcome = detail::attempt_result::outcome;

std::optional<std::string_view> client_response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return std::string_view{v};
    }
  }
  return std::nullopt;
}

namespace {

client_options validated(client_options o) {
  if (o.max_attempts < 1) throw std::invalid_argument("http client: max_attempts must be at least 1");
  if (o.deadline <= milliseconds{0}) throw std::invalid_argument("http client: deadline must be positive");
  if (o.total_budget < o.deadline) o.total_budget = o.deadline;
  if (o.backoff_cap < o.backoff_base) o.backoff_cap = o.backoff_base;
  if (o.bearer_token) {
    // Refuse (without echoing it) a token that would break or inject header lines.
    const auto& t = *o.bearer_token;
    if (t.empty() || std::any_of(t.begin(), t.end(), [](char c) {
          const auto u = static_cast<unsigned char>(c);
          return u <= 0x20 || u >= 0x7f;
        })) {
      throw std::invalid_argument("http client: the bearer token is empty or contains spaces or control characters");
    }
  }
  return o;
}

bool valid_path_and_query(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u >= 0x7f;
  });
}

std::string_view code_of(outcome k) {
  switch (k) {
    case outcome::timeout: return client_errors::timeout;
    case outcome::tls_failed: return client_errors::tls;
    case outcome::too_large: return client_errors::too_large;
    case outcome::cancelled: return client_errors::cancelled;
    default: return client_errors::unavailable;
  }
}

bool retryable(outcome k) {
  return k == outcome::timeout || k == outcome::connect_failed || k == outcome::io_failed;
}

// The methods send() accepts: the ones that change something at the server.
bool is_send_method(std::string_view m) { return m == "POST" || m == "PUT" || m == "DELETE" || m == "PATCH"; }

bool valid_header_value(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

std::string attempts_text(int n) { return n == 1 ? "1 attempt" : std::to_string(n) + " attempts"; }

}  // namespace

struct http_client::impl {
  client_options options;
  base_url base;
  detail::transport transport;
  rate_limiter limiter;

  std::mutex mu;  // guards rng, cancelled (with cv)
  std::condition_variable cv;
  bool cancelled = false;
  std::mt19937_64 rng{std::random_device{}()};

  std::atomic<std::uint64_t> retries{0};
  std::atomic<std::uint64_t> rate_limit_waits{0};
  std::atomic<std::int64_t> rate_limit_waited_ms{0};

  explicit impl(client_options o)
      : options(validated(std::move(o))),
        base(parse_base_url(options.base_url)),
        transport(base, options),
        limiter(options.max_rate_limit_wait, options.rate_limit_margin) {}

  double unit_random() {
    std::lock_guard lock{mu};
    return std::uniform_real_distribution<double>{0.0, 1.0}(rng);
  }

  // False when cancelled while sleeping.
  bool sleep_for(milliseconds d) {
    std::unique_lock lock{mu};
    return !cv.wait_for(lock, d, [&] { return cancelled; });
  }

  bool is_cancelled() {
    std::lock_guard lock{mu};
    return cancelled;
  }

  // Defence in depth: no message or log line built here contains the token, but scrub anyway.
  std::string scrub(std::string text) const {
    if (options.bearer_token && options.bearer_token->size() >= 4) {
      const auto& t = *options.bearer_token;
      for (auto pos = text.find(t); pos != std::string::npos; pos = text.find(t, pos)) text.replace(pos, t.size(), "***");
    }
    return text;
  }

  gd::error fail(std::string_view code, const std::string& what, const std::string& detail) const {
    return gd::error{std::string{code}, scrub(what + ": " + detail)};
  }

  gd::result<client_response> get(std::string_view path_and_query) {
    const std::string target = join_target(base, path_and_query);
    const std::string what = describe_request(target);
    if (!valid_path_and_query(path_and_query)) {
      return fail(client_errors::invalid_request, what, "the path or query contains spaces or control characters");
    }
    const auto start = steady::now();
    const auto budget_end = start + options.total_budget;

    for (int attempt = 1;; ++attempt) {
      if (is_cancelled()) return fail(client_errors::cancelled, what, "cancelled");

      // Honour X-Ratelimit-Available/Expiry before sending.
      if (const auto wait = limiter.acquire(std::chrono::system_clock::now()); wait > milliseconds{0}) {
        if (steady::now() + wait >= budget_end) {
          return fail(client_errors::rate_limited, what,
                      "rate limit window exhausted (X-Ratelimit-Available=0); the reset in " +
                          std::to_string(wait.count()) + " ms is beyond the request budget");
        }
        spdlog::info("{} {}: rate limit window exhausted, waiting {} ms for X-Ratelimit-Expiry", options.log_name,
                     what, wait.count());
        ++rate_limit_waits;
        rate_limit_waited_ms += wait.count();
        if (!sleep_for(wait)) return fail(client_errors::cancelled, what, "cancelled");
      }

      const auto now = steady::now();
      if (now >= budget_end) {
        return fail(client_errors::timeout, what,
                    "request budget of " + std::to_string(options.total_budget.count()) + " ms spent after " +
                        attempts_text(attempt - 1));
      }
      const auto deadline = std::min(now + options.deadline, budget_end);
      auto r = transport.get(target, deadline);

      milliseconds delay{0};
      std::string reason;
      if (r.kind == outcome::response) {
        auto& resp = r.response;
        resp.attempts = attempt;
        const auto expiry = parse_header_int(resp.header("X-Ratelimit-Expiry"));
        limiter.observe(parse_header_int(resp.header("X-Ratelimit-Available")), expiry, std::chrono::system_clock::now());
        if (!retryable_status(resp.status, resp.body)) return std::move(resp);
        reason = "HTTP " + std::to_string(resp.status);
        delay = backoff_delay(attempt + 1, options.backoff_base, options.backoff_cap, unit_random());
        if (resp.status == 429 || resp.status == 400) {
          delay = std::max(delay, limiter.wait_after_throttle(expiry, std::chrono::system_clock::now()));
        }
        if (const auto retry_after = parse_header_int(resp.header("Retry-After"))) {
          delay = std::max(delay, std::min(milliseconds{*retry_after * 1000}, options.max_rate_limit_wait));
        }
        if (attempt >= options.max_attempts || steady::now() + delay >= budget_end) {
          spdlog::warn("{} {}: giving up after {}: {}", options.log_name, what, attempts_text(attempt), reason);
          return std::move(resp);  // the caller maps the status (it names the endpoint and status)
        }
      } else {
        const std::string detail = r.detail + " (" + attempts_text(attempt) + ")";
        if (!retryable(r.kind) || attempt >= options.max_attempts) return fail(code_of(r.kind), what, detail);
        reason = r.detail;
        delay = backoff_delay(attempt + 1, options.backoff_base, options.backoff_cap, unit_random());
        if (steady::now() + delay >= budget_end) return fail(code_of(r.kind), what, detail + ", request budget spent");
      }
      spdlog::warn("{} {}: {}; retry {}/{} in {} ms", options.log_name, what, scrub(reason), attempt + 1,
                   options.max_attempts, delay.count());
      ++retries;
      if (!sleep_for(delay)) return fail(client_errors::cancelled, what, "cancelled");
    }
  }

  // Non-idempotent requests. The rule: once any byte may have been written, never again - the
  // caller gets outcome_unknown and resolves it (Tradier: look the order up by its tag). Before
  // that point nothing can have happened at the server, so a failed connect may be tried again.
  gd::result<client_response> send(std::string_view method, std::string_view path_and_query, std::string body,
                                   std::string_view content_type) {
    const std::string target = join_target(base, path_and_query);
    if (!is_send_method(method)) {
      return fail(client_errors::invalid_request, describe_request(target, "SEND"),
                  "send() takes POST, PUT, DELETE or PATCH (GETs go through get())");
    }
    const std::string what = describe_request(target, method);
    if (!valid_path_and_query(path_and_query) || !valid_header_value(content_type)) {
      return fail(client_errors::invalid_request, what,
                  "the path, query or content type contains spaces or control characters");
    }
    detail::request_spec spec;
    spec.method = std::string{method};
    spec.target = target;
    spec.body = std::move(body);
    spec.content_type = std::string{content_type};
    spec.fresh_connection = true;
    const auto start = steady::now();
    const auto budget_end = start + options.total_budget;

    for (int attempt = 1;; ++attempt) {
      if (is_cancelled()) return fail(client_errors::not_sent, what, "cancelled before sending");
      if (const auto wait = limiter.acquire(std::chrono::system_clock::now()); wait > milliseconds{0}) {
        if (steady::now() + wait >= budget_end) {
          return fail(client_errors::not_sent, what,
                      "rate limit window exhausted (X-Ratelimit-Available=0); the reset in " +
                          std::to_string(wait.count()) + " ms is beyond the request budget");
        }
        spdlog::info("{} {}: rate limit window exhausted, waiting {} ms for X-Ratelimit-Expiry", options.log_name,
                     what, wait.count());
        ++rate_limit_waits;
        rate_limit_waited_ms += wait.count();
        if (!sleep_for(wait)) return fail(client_errors::not_sent, what, "cancelled before sending");
      }
      const auto now = steady::now();
      if (now >= budget_end) {
        return fail(client_errors::not_sent, what,
                    "request budget of " + std::to_string(options.total_budget.count()) +
                        " ms spent before the request could be sent");
      }
      auto r = transport.request(spec, std::min(now + options.deadline, budget_end));
      if (r.kind == outcome::response) {
        auto& resp = r.response;
        resp.attempts = attempt;
        limiter.observe(parse_header_int(resp.header("X-Ratelimit-Available")),
                        parse_header_int(resp.header("X-Ratelimit-Expiry")), std::chrono::system_clock::now());
        return std::move(resp);  // any status, 429 and 5xx included: the caller decides, nothing is resent
      }
      const std::string detail = r.detail + " (" + attempts_text(attempt) + ")";
      if (r.request_started) {
        spdlog::warn("{} {}: outcome unknown, not resending: {}", options.log_name, what, scrub(r.detail));
        return fail(client_errors::outcome_unknown, what, detail + "; the request may have reached the server");
      }
      // Never written. Only a connection that could not be opened is worth another try: a TLS
      // refusal will not change, and a timeout has spent this attempt's deadline.
      const auto delay = backoff_delay(attempt + 1, options.backoff_base, options.backoff_cap, unit_random());
      if (r.kind != outcome::connect_failed || attempt >= options.max_attempts || steady::now() + delay >= budget_end) {
        return fail(client_errors::not_sent, what, detail + "; nothing was sent");
      }
      spdlog::warn("{} {}: {}; nothing sent, connecting again {}/{} in {} ms", options.log_name, what,
                   scrub(r.detail), attempt + 1, options.max_attempts, delay.count());
      ++retries;
      if (!sleep_for(delay)) return fail(client_errors::not_sent, what, "cancelled before sending");
    }
  }
};

http_client::http_client(client_options options) : impl_(std::make_unique<impl>(std::move(options))) {}

http_client::~http_client() { cancel(); }

gd::result<client_response> http_client::get(std::string_view path_and_query) { return impl_->get(path_and_query); }

gd::result<client_response> http_client::send(std::string_view method, std::string_view path_and_query, std::string body,
                                              std::string_view content_type) {
  return impl_->send(method, path_and_query, std::move(body), content_type);
}

void http_client::cancel() {
  {
    std::lock_guard lock{impl_->mu};
    impl_->cancelled = true;
  }
  impl_->cv.notify_all();
  impl_->transport.cancel();
}

client_stats http_client::stats() const {
  client_stats s;
  s.requests = impl_->transport.requests();
  s.connections_opened = impl_->transport.connections_opened();
  s.retries = impl_->retries.load();
  s.rate_limit_waits = impl_->rate_limit_waits.load();
  s.rate_limit_waited = milliseconds{impl_->rate_limit_waited_ms.load()};
  return s;
}

const client_options& http_client::options() const noexcept { return impl_->options; }

}  // namespace gd::net
