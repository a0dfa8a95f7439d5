#pragma once
// A loopback-only fake of Tradier's REST API for tests and manual runs (build/bin/fake_tradier).
// It speaks the wire format recorded from sandbox.tradier.com (tests/data/tradier, see SOURCES.md):
// chunked JSON with `Content-Type: application/json;charset=UTF-8`, X-Ratelimit-Allowed/Used/
// Available/Expiry (epoch ms) on every authenticated answer, and the plain-text 401
// "Invalid Access Token" (Content-Type "plain/text", no rate-limit headers) for a bad token.
//
// Requests are answered in this order: bearer check -> rate-limit window -> the next scripted
// fault for the path, if any -> the route table (exact paths or patterns with {param} segments;
// the market-data routes serve registered bodies chosen by query parameters). New endpoints are
// new routes: the paper account (fake_tradier_account.hpp) adds /v1/accounts/{account_id}/...
// Paths under /__fake/ are the fake's own control routes: no token, no rate limit, no faults,
// not in requests().
//
// Blocking sockets, one thread per connection: simple and plenty for tests.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gd::fakes {

struct fake_request {
  std::string method;   // "GET"
  std::string target;   // raw "/v1/markets/quotes?symbols=SPX"
  std::string path;     // decoded "/v1/markets/quotes"
  std::multimap<std::string, std::string> query;   // decoded
  std::map<std::string, std::string> params;       // {param} segments of the matched route
  std::map<std::string, std::string> headers;      // lower-case names
  std::string body;

  std::optional<std::string> query_param(const std::string& name) const;
  std::optional<std::string> header(const std::string& lower_name) const;
  // The body as application/x-www-form-urlencoded pairs, decoded ("option_symbol%5B0%5D" ->
  // "option_symbol[0]", '+' -> ' ').
  std::multimap<std::string, std::string> form() const;
};

struct fake_response {
  int status = 200;
  std::string content_type = "application/json;charset=UTF-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra
  bool chunked = true;             // Tradier answers JSON with Transfer-Encoding: chunked
  bool rate_limit_headers = true;  // X-Ratelimit-* (absent on Tradier's 401)
  // For handlers that act and then misbehave (the paper account's after-accept faults): close the
  // connection without answering, or wait this long before answering (stop() cuts the wait short).
  bool drop_connection = false;
  std::chrono::milliseconds delay{0};

  static fake_response json(std::string body, int status = 200);
  static fake_response text(int status, std::string body, std::string content_type = "text/plain");
};

// A one-shot misbehaviour for the next request to a path.
struct fault {
  enum class kind {
    respond,          // answer `response` instead (429, 500, custom bodies)
    slow,             // wait `delay`, then answer normally
    truncated,        // Content-Length of the full body, send half of it, close
    malformed_json,   // 200 with the normal body cut short (valid HTTP framing)
    collapse_single,  // the normal body with its collection array replaced by its first element
    null_string,      // {"<root>":"null"}: Tradier's empty-collection string
    json_null,        // {"<root>":null}
    drop_connection,  // read the request, close without a byte
  };
  kind what = kind::respond;
  fake_response response;
  std::chrono::milliseconds delay{0};
  std::chrono::milliseconds rate_limit_reset{0};  // for 429: X-Ratelimit-Expiry = now + this

  // 429 with X-Ratelimit-Available: 0 and Expiry = now + reset_in (the body of a real 429 was
  // never recorded; go-tradier expects "Quota Violation ..." text).
  static fault too_many_requests(std::chrono::milliseconds reset_in = std::chrono::milliseconds{200});
  static fault server_error(int status = 500);
  static fault respond_with(fake_response response);
  static fault slow(std::chrono::milliseconds delay);
  static fault truncated();
  static fault malformed_json();
  static fault collapse_single();
  static fault null_string();
  static fault json_null();
  static fault drop_connection();
};

struct fake_tradier_options {
  std::string token = "fake-tradier-token";  // expected bearer token; empty accepts anything
  std::uint16_t port = 0;                    // 0: any free port
  // TLS identity (PEM). Without it the fake speaks plain HTTP.
  std::optional<std::string> tls_cert_pem;
  std::optional<std::string> tls_key_pem;
  std::string tls_host_name = "localhost";   // base_url() uses it when TLS is on
  // The rate-limit window: starts with the first request, resets `window` later (Tradier: 1 min).
  int rate_limit_allowed = 120;
  std::chrono::milliseconds rate_limit_window{60'000};
  bool enforce_rate_limit = true;  // answer 429 once the window's allowance is used up
};

class fake_tradier {
 public:
  using handler = std::function<fake_response(const fake_request&)>;

  explicit fake_tradier(fake_tradier_options options = {});
  ~fake_tradier();
  fake_tradier(const fake_tradier&) = delete;
  fake_tradier& operator=(const fake_tradier&) = delete;

  void start();  // binds 127.0.0.1 and serves in background threads
  void stop();   // closes the listener and every connection, joins the threads
  std::uint16_t port() const;
  // "http://127.0.0.1:<port>/v1", or "https://<tls_host_name>:<port>/v1" with TLS.
  std::string base_url() const;

  // Route table. `path` is exact ("/v1/markets/quotes") or has {name} segments
  // ("/v1/accounts/{account_id}/orders"); the most recently added matching route wins.
  void route(std::string method, std::string path, handler h);

  // Bodies for the market-data routes (/v1/markets/options/expirations, /options/chains,
  // /quotes, and any other path registered here): the body whose `query` entries are all in the
  // request wins, the one with most entries first. Unregistered queries get Tradier's "not
  // found" shapes ({"expirations":null}, {"options":null}, quotes' unmatched_symbols).
  void set_body(std::string path, std::map<std::string, std::string> query, std::string body, int status = 200);
  // Registers the recorded fixtures from `tradier_data_dir` (tests/data/tradier): expirations of
  // PLTR/AAPL, the PLTR 2026-06-18 and TSLA 2024-01-19 chains, quotes of PLTR, AAPL,
  // SPY+SPY251219P00450000, AAPL+TSLA240119P00250000. Throws if a file is missing.
  void load_recorded(const std::string& tradier_data_dir);

  // Fault scripting: `times` copies of `f` are queued for `path` (exact request path, no query).
  void push_fault(const std::string& path, fault f, int times = 1);
  std::size_t pending_faults(const std::string& path) const;
  void clear_faults();

  // Observations.
  std::vector<fake_request> requests() const;
  std::size_t request_count(const std::string& path) const;
  std::size_t connections_accepted() const;
  std::size_t tls_handshake_failures() const;
  void reset_rate_limit();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace gd::fakes
