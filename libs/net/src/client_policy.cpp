#include <gd/net/client_policy.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace gd::net {

namespace {

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

[[noreturn]] void bad_url(std::string_view why) { throw std::invalid_argument("invalid base URL: " + std::string{why}); }

}  // namespace

std::string base_url::host_header() const {
  const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  const bool default_port = (tls && port == 443) || (!tls && port == 80);
  return default_port ? h : h + ":" + std::to_string(port);
}

bool base_url::host_is_ip_literal() const {
  if (host.find(':') != std::string::npos) return true;  // IPv6
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

base_url parse_base_url(std::string_view url) {
  base_url out;
  std::string_view rest;
  if (iequals_prefix(url, "https://")) {
    out.tls = true;
    out.port = 443;
    rest = url.substr(8);
  } else if (iequals_prefix(url, "http://")) {
    out.tls = false;
    out.port = 80;
    rest = url.substr(7);
  } else {
    bad_url("expected http:// or https:// (got a URL without a supported scheme)");
  }
  if (rest.find_first_of("?#") != std::string_view::npos) bad_url("a query or fragment is not allowed");
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  if (authority.find('@') != std::string_view::npos) bad_url("credentials in the URL are not allowed");
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) bad_url("unterminated IPv6 literal");
    out.host = std::string{authority.substr(1, close - 1)};
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') bad_url("junk after the IPv6 literal");
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    out.host = std::string{authority.substr(0, colon)};
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (out.host.empty()) bad_url("no host");
  for (const char c : out.host) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '-' || c == '.' || c == ':' || c == '_')) bad_url("invalid character in the host");
  }
  if (!port_text.empty() || authority.back() == ':') {
    unsigned value = 0;
    const auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc{} || p != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      bad_url("invalid port");
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  for (const char c : path) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) bad_url("whitespace or control character in the path");
  }
  out.path_prefix = std::string{path};
  return out;
}

std::string join_target(const base_url& base, std::string_view path_and_query) {
  std::string target = base.path_prefix;
  if (path_and_query.empty() || path_and_query.front() != '/') target.push_back('/');
  target.append(path_and_query);
  return target;
}

std::string describe_request(std::string_view target, std::string_view method) {
  const auto path = target.substr(0, target.find_first_of("?#"));
  std::string out{method.substr(0, 10)};
  out += ' ';
  for (const char c : path.substr(0, 200)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u >= 0x7f ? '?' : c);
  }
  return out;
}

bool retryable_status(int status, std::string_view body) {
  if (status == 429) return true;
  if (status >= 500 && status <= 599) return status != 501;
  return status == 400 && body.find("Quota Violation") != std::string_view::npos;
}

std::chrono::milliseconds backoff_delay(int next_attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                        double unit_random) {
  const int exponent = std::clamp(next_attempt - 2, 0, 30);
  const double full = std::min(static_cast<double>(cap.count()), static_cast<double>(base.count()) * std::ldexp(1.0, exponent));
  const double r = std::clamp(unit_random, 0.0, 1.0);
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::llround(full / 2 + r * full / 2))};
}

std::optional<std::int64_t> parse_header_int(std::optional<std::string_view> value) {
  if (!value) return std::nullopt;
  std::string_view v = *value;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  std::int64_t out = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || out < 0) return std::nullopt;
  return out;
}

std::chrono::milliseconds rate_limiter::bounded(std::chrono::milliseconds wait) const {
  return std::clamp(wait + margin_, std::chrono::milliseconds{0}, max_wait_);
}

std::chrono::milliseconds rate_limiter::acquire(time_point now) {
  std::lock_guard lock{mu_};
  if (!known_) return std::chrono::milliseconds{0};
  if (now >= expiry_) {  // the window has reset: the next response tells us the new one
    known_ = false;
    return std::chrono::milliseconds{0};
  }
  if (available_ > 0) {
    --available_;
    return std::chrono::milliseconds{0};
  }
  // Everyone waiting for this window proceeds once it has expired.
  return bounded(std::chrono::ceil<std::chrono::milliseconds>(expiry_ - now));
}

void rate_limiter::observe(std::optional<std::int64_t> available, std::optional<std::int64_t> expiry_ms, time_point now) {
  if (!available || !expiry_ms) return;
  const time_point expiry{std::chrono::milliseconds{*expiry_ms}};
  if (expiry <= now) return;  // stale (or a skewed clock): nothing to learn
  std::lock_guard lock{mu_};
  if (!known_ || expiry > expiry_) {
    known_ = true;
    expiry_ = expiry;
    available_ = *available;
  } else if (expiry == expiry_) {
    // Responses to concurrent requests arrive in any order: the lowest count is the newest.
    available_ = std::min(available_, *available);
  }
}

std::chrono::milliseconds rate_limiter::wait_after_throttle(std::optional<std::int64_t> expiry_ms, time_point now) const {
  if (!expiry_ms) return std::chrono::milliseconds{0};
  const time_point expiry{std::chrono::milliseconds{*expiry_ms}};
  if (expiry <= now) return std::chrono::milliseconds{0};
  return bounded(std::chrono::ceil<std::chrono::milliseconds>(expiry - now));
}

}  // namespace gd::net
