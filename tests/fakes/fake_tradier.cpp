// The fake Tradier server: blocking Asio sockets (plain or TLS), one thread per connection,
// responses written byte by byte so faults can break HTTP framing on purpose.
#include "fake_tradier.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <fstream>
#include <list>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

namespace gd::fakes {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using std::chrono::milliseconds;
using wall = std::chrono::system_clock;

namespace {

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
  }
}

std::string http_date(wall::time_point t) {
  const std::time_t tt = wall::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::int64_t epoch_ms(wall::time_point t) {
  return std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view in, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2])));
      i += 2;
    } else if (plus_is_space && in[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("fake_tradier: missing data file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string chunked(std::string_view body) {
  std::string out;
  constexpr std::size_t chunk = 8192;
  char size[32];
  for (std::size_t pos = 0; pos < body.size(); pos += chunk) {
    const auto part = body.substr(pos, chunk);
    std::snprintf(size, sizeof size, "%zx\r\n", part.size());
    out += size;
    out.append(part);
    out += "\r\n";
  }
  out += "0\r\n\r\n";
  return out;
}

// The first member of the root object, e.g. "options" in {"options":{...}}.
std::string root_key(const std::string& body, const std::string& fallback) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_discarded() && doc.is_object() && !doc.empty()) return doc.begin().key();
  return fallback;
}

// {"options":{"option":[a,b]}} -> {"options":{"option":a}}: Tradier's single-element collapse.
std::string collapse_first_array(const std::string& body) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return body;
  for (auto& [k, envelope] : doc.items()) {
    if (!envelope.is_object()) continue;
    for (auto& [inner_key, value] : envelope.items()) {
      if (value.is_array() && !value.empty()) {
        auto first = value.front();
        value = std::move(first);
        return doc.dump();
      }
    }
  }
  return body;
}

struct route_entry {
  std::string method;
  std::vector<std::string> segments;
  fake_tradier::handler h;
};

struct body_entry {
  std::map<std::string, std::string> query;
  std::string body;
  int status = 200;
};

struct connection_thread {
  std::thread thread;
  std::shared_ptr<std::atomic<bool>> done;
};

// What to put on the wire for one request.
struct wire_action {
  std::string bytes;
  bool close_after = false;
  bool drop = false;  // close without writing
};

}  // namespace

std::optional<std::string> fake_request::query_param(const std::string& name) const {
  const auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> fake_request::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::multimap<std::string, std::string> fake_request::form() const {
  std::multimap<std::string, std::string> out;
  for (const auto& pair : split(body, '&')) {
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    out.emplace(decode(std::string_view{pair}.substr(0, eq), true),
                eq == std::string::npos ? std::string{} : decode(std::string_view{pair}.substr(eq + 1), true));
  }
  return out;
}

fake_response fake_response::json(std::string body, int status) {
  fake_response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

fake_response fake_response::text(int status, std::string body, std::string content_type) {
  fake_response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  r.chunked = false;
  return r;
}

fault fault::too_many_requests(milliseconds reset_in) {
  fault f;
  f.what = kind::respond;
  f.response = fake_response::text(429, "Quota Violation");  // completed with the expiry when sent
  f.rate_limit_reset = reset_in;
  return f;
}

fault fault::server_error(int status) {
  fault f;
  f.what = kind::respond;
  // Tradier's gateway (Apigee) reports transient failures as a JSON fault.
  f.response = fake_response::json(R"({"fault":{"faultstring":"Datastore Error","detail":{"errorcode":"messaging.runtime.unknown"}}})",
                                   status);
  f.response.rate_limit_headers = false;
  return f;
}

fault fault::respond_with(fake_response response) {
  fault f;
  f.what = kind::respond;
  f.response = std::move(response);
  return f;
}

fault fault::slow(milliseconds delay) {
  fault f;
  f.what = kind::slow;
  f.delay = delay;
  return f;
}

fault fault::truncated() { return fault{kind::truncated, {}, {}, {}}; }
fault fault::malformed_json() { return fault{kind::malformed_json, {}, {}, {}}; }
fault fault::collapse_single() { return fault{kind::collapse_single, {}, {}, {}}; }
fault fault::null_string() { return fault{kind::null_string, {}, {}, {}}; }
fault fault::json_null() { return fault{kind::json_null, {}, {}, {}}; }
fault fault::drop_connection() { return fault{kind::drop_connection, {}, {}, {}}; }

struct fake_tradier::impl {
  fake_tradier_options opt;
  asio::io_context ioc;  // only as the sockets' execution context: everything here is blocking
  std::unique_ptr<ssl::context> tls;
  std::optional<tcp::acceptor> acceptor;
  std::uint16_t bound_port = 0;
  std::thread accept_thread;

  mutable std::mutex mu;
  std::condition_variable cv;  // wakes slow faults on stop()
  bool running = false;
  bool stopping = false;
  std::vector<route_entry> routes;
  std::map<std::string, std::vector<body_entry>> bodies;
  std::map<std::string, std::deque<fault>> faults;
  std::vector<fake_request> log;
  std::size_t accepted = 0;
  std::size_t tls_failures = 0;
  std::list<connection_thread> connections;
  std::set<int> open_fds;
  // Rate-limit window: starts with the first request after the previous one expired.
  bool window_open = false;
  wall::time_point window_end{};
  int used = 0;

  explicit impl(fake_tradier_options o) : opt(std::move(o)) {
    if (opt.tls_cert_pem.has_value() != opt.tls_key_pem.has_value()) {
      throw std::invalid_argument("fake_tradier: TLS needs both a certificate and a key");
    }
    if (opt.tls_cert_pem) {
      tls = std::make_unique<ssl::context>(ssl::context::tls_server);
      tls->use_certificate_chain(asio::buffer(*opt.tls_cert_pem));
      tls->use_private_key(asio::buffer(*opt.tls_key_pem), ssl::context::pem);
    }
  }

  // ---- request handling (any connection thread) ----

  fake_response lookup_body(const fake_request& req, const std::string& not_found_body) const {
    std::lock_guard lock{mu};
    const body_entry* best = nullptr;
    if (const auto it = bodies.find(req.path); it != bodies.end()) {
      for (const auto& e : it->second) {
        const bool match = std::all_of(e.query.begin(), e.query.end(), [&](const auto& kv) {
          const auto range = req.query.equal_range(kv.first);
          return std::any_of(range.first, range.second, [&](const auto& q) { return q.second == kv.second; });
        });
        if (match && (!best || e.query.size() >= best->query.size())) best = &e;
      }
    }
    if (best) return fake_response::json(best->body, best->status);
    if (!not_found_body.empty()) return fake_response::json(not_found_body);
    return fake_response::text(404, "Not Found");
  }

  static bool route_matches(const route_entry& r, const fake_request& req, std::map<std::string, std::string>& params) {
    if (r.method != req.method) return false;
    const auto parts = split(req.path, '/');
    if (parts.size() != r.segments.size()) return false;
    params.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto& s = r.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
        if (parts[i].empty()) return false;
        params[s.substr(1, s.size() - 2)] = parts[i];
      } else if (s != parts[i]) {
        return false;
      }
    }
    return true;
  }

  fake_response normal_response(fake_request& req) {
    fake_tradier::handler h;
    {
      std::lock_guard lock{mu};
      std::map<std::string, std::string> params;
      for (auto it = routes.rbegin(); it != routes.rend(); ++it) {
        if (route_matches(*it, req, params)) {
          h = it->h;
          req.params = params;
          break;
        }
      }
    }
    if (h) {
      try {
        return h(req);
      } catch (const std::exception& e) {
        return fake_response::text(500, std::string{"fake_tradier handler threw: "} + e.what());
      }
    }
    return lookup_body(req, "");
  }

  void add_rate_limit_headers(std::vector<std::pair<std::string, std::string>>& h, int allowed, int used_now,
                              wall::time_point expiry) const {
    h.emplace_back("X-Ratelimit-Allowed", std::to_string(allowed));
    h.emplace_back("X-Ratelimit-Used", std::to_string(used_now));
    h.emplace_back("X-Ratelimit-Available", std::to_string(std::max(0, allowed - used_now)));
    h.emplace_back("X-Ratelimit-Expiry", std::to_string(epoch_ms(expiry)));
  }

  static std::string head(const fake_response& r, const std::vector<std::pair<std::string, std::string>>& rate_headers,
                          std::optional<std::size_t> content_length) {
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
    out += "Access-Control-Allow-Headers: accept, authorization\r\n";
    out += "Access-Control-Allow-Methods: GET, PUT, POST, DELETE\r\n";
    out += "Access-Control-Allow-Origin: *\r\n";
    out += "Connection: keep-alive\r\n";
    out += "Content-Type: " + r.content_type + "\r\n";
    out += "Date: " + http_date(wall::now()) + "\r\n";
    for (const auto& [k, v] : r.headers) out += k + ": " + v + "\r\n";
    for (const auto& [k, v] : rate_headers) out += k + ": " + v + "\r\n";
    if (content_length) {
      out += "Content-Length: " + std::to_string(*content_length) + "\r\n";
    } else {
      out += "Transfer-Encoding: chunked\r\n";
    }
    out += "\r\n";
    return out;
  }

  static std::string serialize(const fake_response& r, const std::vector<std::pair<std::string, std::string>>& rate_headers) {
    if (r.chunked) return head(r, rate_headers, std::nullopt) + chunked(r.body);
    return head(r, rate_headers, r.body.size()) + r.body;
  }

  // False when stop() interrupted the wait.
  bool wait_for(milliseconds d) {
    std::unique_lock lock{mu};
    return !cv.wait_for(lock, d, [&] { return stopping; });
  }

  wire_action respond(const fake_response& r, const std::vector<std::pair<std::string, std::string>>& hdrs) {
    if (r.drop_connection) return {{}, true, true};
    if (r.delay > milliseconds{0} && !wait_for(r.delay)) return {{}, true, true};
    return {serialize(r, hdrs), false, false};
  }

  wire_action handle(fake_request req) {
    if (req.path.rfind("/__fake/", 0) == 0) return respond(normal_response(req), {});
    std::optional<fault> f;
    int allowed = opt.rate_limit_allowed;
    int used_now = 0;
    wall::time_point expiry;
    bool over_limit = false;
    {
      std::lock_guard lock{mu};
      log.push_back(req);
      if (!opt.token.empty() && req.header("authorization") != "Bearer " + opt.token) {
        // Recorded: plain text, Content-Type "plain/text" (sic), Content-Length 20, no X-Ratelimit-*.
        auto r = fake_response::text(401, "Invalid Access Token", "plain/text");
        return {serialize(r, {}), false, false};
      }
      const auto now = wall::now();
      if (!window_open || now >= window_end) {
        window_open = true;
        // Whole milliseconds, so X-Ratelimit-Expiry is exactly the end of the window.
        window_end = std::chrono::ceil<milliseconds>(now + opt.rate_limit_window);
        used = 0;
      }
      used_now = ++used;
      expiry = window_end;
      over_limit = opt.enforce_rate_limit && used_now > allowed;
      if (auto it = faults.find(req.path); it != faults.end() && !it->second.empty()) {
        f = std::move(it->second.front());
        it->second.pop_front();
      }
    }
    std::vector<std::pair<std::string, std::string>> rate_headers;
    if (over_limit) {
      add_rate_limit_headers(rate_headers, allowed, allowed, expiry);
      auto r = fake_response::text(429, "Quota Violation " + std::to_string(epoch_ms(expiry)));
      return {serialize(r, rate_headers), false, false};
    }
    add_rate_limit_headers(rate_headers, allowed, used_now, expiry);

    if (f && f->what == fault::kind::drop_connection) return {{}, true, true};
    if (f && f->what == fault::kind::slow && !wait_for(f->delay)) return {{}, true, true};
    if (f && f->what == fault::kind::respond) {
      auto r = f->response;
      if (r.status == 429 && f->rate_limit_reset > milliseconds{0}) {
        rate_headers.clear();
        add_rate_limit_headers(rate_headers, allowed, allowed, wall::now() + f->rate_limit_reset);
        if (r.body == "Quota Violation") r.body += " " + rate_headers.back().second;
      }
      return {serialize(r, r.rate_limit_headers ? rate_headers : decltype(rate_headers){}), false, false};
    }

    auto r = normal_response(req);
    const auto& hdrs = r.rate_limit_headers ? rate_headers : decltype(rate_headers){};
    if (!f || f->what == fault::kind::slow) return respond(r, hdrs);
    switch (f->what) {
      case fault::kind::truncated: {
        const std::size_t full = std::max<std::size_t>(r.body.size(), 2);
        return {head(r, hdrs, full) + r.body.substr(0, full / 2), true, false};
      }
      case fault::kind::malformed_json:
        r.body = r.body.substr(0, std::max<std::size_t>(1, r.body.size() * 2 / 3));
        break;
      case fault::kind::collapse_single:
        r.body = collapse_first_array(r.body);
        break;
      case fault::kind::null_string:
        r.body = nlohmann::json{{root_key(r.body, "options"), "null"}}.dump();
        break;
      case fault::kind::json_null:
        r.body = nlohmann::json{{root_key(r.body, "options"), nullptr}}.dump();
        break;
      default:
        break;
    }
    return {serialize(r, hdrs), false, false};
  }

  // ---- connections ----

  template <class Stream>
  void serve_loop(Stream& stream) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(1 << 20);
      beast::error_code ec;
      http::read(stream, buffer, parser, ec);
      if (ec) return;
      const auto& msg = parser.get();
      fake_request req;
      req.method = std::string{msg.method_string()};
      req.target = std::string{msg.target()};
      const auto q = req.target.find('?');
      req.path = decode(std::string_view{req.target}.substr(0, q), false);
      if (q != std::string::npos) {
        for (const auto& pair : split(std::string_view{req.target}.substr(q + 1), '&')) {
          if (pair.empty()) continue;
          const auto eq = pair.find('=');
          req.query.emplace(decode(pair.substr(0, eq), true),
                            eq == std::string::npos ? std::string{} : decode(pair.substr(eq + 1), true));
        }
      }
      for (const auto& field : msg) {
        std::string name{field.name_string()};
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        req.headers[name] = std::string{field.value()};
      }
      req.body = msg.body();
      const bool keep_alive = msg.keep_alive();
      const auto action = handle(std::move(req));
      if (action.drop) return;
      asio::write(stream, asio::buffer(action.bytes), ec);
      if (ec || action.close_after || !keep_alive) return;
    }
  }

  void serve(tcp::socket socket, int fd) {
    if (tls) {
      ssl::stream<tcp::socket> stream{std::move(socket), *tls};
      beast::error_code ec;
      stream.handshake(ssl::stream_base::server, ec);
      if (ec) {
        std::lock_guard lock{mu};
        ++tls_failures;
      } else {
        serve_loop(stream);
      }
      forget(fd);
      stream.next_layer().close(ec);
    } else {
      serve_loop(socket);
      forget(fd);
      beast::error_code ec;
      socket.close(ec);
    }
  }

  void forget(int fd) {
    std::lock_guard lock{mu};
    open_fds.erase(fd);
  }

  void reap_finished() {  // with mu held
    for (auto it = connections.begin(); it != connections.end();) {
      if (it->done->load()) {
        it->thread.join();
        it = connections.erase(it);
      } else {
        ++it;
      }
    }
  }

  void accept_loop() {
    for (;;) {
      tcp::socket socket{ioc};
      beast::error_code ec;
      acceptor->accept(socket, ec);
      std::lock_guard lock{mu};
      if (stopping) return;
      if (ec) continue;
      socket.set_option(tcp::no_delay{true}, ec);
      ++accepted;
      reap_finished();
      const int fd = socket.native_handle();
      open_fds.insert(fd);
      auto done = std::make_shared<std::atomic<bool>>(false);
      connections.push_back(connection_thread{
          std::thread([this, s = std::move(socket), fd, done]() mutable {
            serve(std::move(s), fd);
            done->store(true);
          }),
          done});
    }
  }

  void start() {
    std::lock_guard lock{mu};
    if (running) return;
    acceptor.emplace(ioc);
    const tcp::endpoint ep{asio::ip::make_address("127.0.0.1"), opt.port};
    acceptor->open(ep.protocol());
    acceptor->set_option(tcp::acceptor::reuse_address(true));
    acceptor->bind(ep);
    acceptor->listen();
    bound_port = acceptor->local_endpoint().port();
    stopping = false;
    running = true;
    accept_thread = std::thread([this] { accept_loop(); });
  }

  void stop() {
    {
      std::lock_guard lock{mu};
      if (!running) return;
      stopping = true;
      // shutdown() wakes threads blocked in accept()/read() on Linux; close() alone would not.
      ::shutdown(acceptor->native_handle(), SHUT_RDWR);
      for (const int fd : open_fds) ::shutdown(fd, SHUT_RDWR);
    }
    cv.notify_all();
    accept_thread.join();
    std::list<connection_thread> threads;
    {
      std::lock_guard lock{mu};
      threads.swap(connections);
    }
    for (auto& c : threads) c.thread.join();
    beast::error_code ec;
    acceptor->close(ec);
    std::lock_guard lock{mu};
    running = false;
  }
};

fake_tradier::fake_tradier(fake_tradier_options options) : impl_(std::make_unique<impl>(std::move(options))) {
  auto& self = *impl_;
  route("GET", "/v1/markets/options/expirations",
        [&self](const fake_request& r) { return self.lookup_body(r, R"({"expirations":null})"); });
  route("GET", "/v1/markets/options/chains",
        [&self](const fake_request& r) { return self.lookup_body(r, R"({"options":null})"); });
  route("GET", "/v1/markets/quotes", [&self](const fake_request& r) {
    // Unknown symbols are reported, not errored: 200 with unmatched_symbols (one -> an object).
    nlohmann::json unmatched;
    const auto symbols = split(r.query_param("symbols").value_or(""), ',');
    unmatched["symbol"] = symbols.size() == 1 ? nlohmann::json(symbols.front()) : nlohmann::json(symbols);
    return self.lookup_body(r, nlohmann::json{{"quotes", {{"unmatched_symbols", unmatched}}}}.dump());
  });
}

fake_tradier::~fake_tradier() { stop(); }

void fake_tradier::start() { impl_->start(); }
void fake_tradier::stop() { impl_->stop(); }

std::uint16_t fake_tradier::port() const {
  std::lock_guard lock{impl_->mu};
  return impl_->bound_port;
}

std::string fake_tradier::base_url() const {
  const auto p = std::to_string(port());
  return impl_->tls ? "https://" + impl_->opt.tls_host_name + ":" + p + "/v1" : "http://127.0.0.1:" + p + "/v1";
}

void fake_tradier::route(std::string method, std::string path, handler h) {
  std::lock_guard lock{impl_->mu};
  impl_->routes.push_back(route_entry{std::move(method), split(path, '/'), std::move(h)});
}

void fake_tradier::set_body(std::string path, std::map<std::string, std::string> query, std::string body, int status) {
  std::lock_guard lock{impl_->mu};
  impl_->bodies[std::move(path)].push_back(body_entry{std::move(query), std::move(body), status});
}

void fake_tradier::load_recorded(const std::string& dir) {
  const auto file = [&](const char* name) { return read_file(dir + "/" + name); };
  const std::string exp = "/v1/markets/options/expirations";
  const std::string chains = "/v1/markets/options/chains";
  const std::string quotes = "/v1/markets/quotes";
  set_body(exp, {{"symbol", "PLTR"}}, file("expirations_PLTR_includeAllRoots_dates_only.json"));
  set_body(exp, {{"symbol", "AAPL"}}, file("expirations_AAPL_includeAllRoots_dates_only.json"));
  set_body(chains, {{"symbol", "PLTR"}, {"expiration", "2026-06-18"}}, file("chains_PLTR_20260618_greeks_first14of_chain.json"));
  set_body(chains, {{"symbol", "TSLA"}, {"expiration", "2024-01-19"}}, file("chains_TSLA_20240119_greeks_2contracts.json"));
  set_body(quotes, {{"symbols", "PLTR"}}, file("quotes_single_PLTR_object_not_array.json"));
  set_body(quotes, {{"symbols", "AAPL"}}, file("quotes_single_AAPL_intraday.json"));
  set_body(quotes, {{"symbols", "SPY,SPY251219P00450000"}}, file("quotes_SPY_and_option_SPY251219P00450000_greeks.json"));
  set_body(quotes, {{"symbols", "AAPL,TSLA240119P00250000"}}, file("quotes_AAPL_and_option_TSLA240119P00250000_greeks.json"));
}

void fake_tradier::push_fault(const std::string& path, fault f, int times) {
  std::lock_guard lock{impl_->mu};
  for (int i = 0; i < times; ++i) impl_->faults[path].push_back(f);
}

std::size_t fake_tradier::pending_faults(const std::string& path) const {
  std::lock_guard lock{impl_->mu};
  const auto it = impl_->faults.find(path);
  return it == impl_->faults.end() ? 0 : it->second.size();
}

void fake_tradier::clear_faults() {
  std::lock_guard lock{impl_->mu};
  impl_->faults.clear();
}

std::vector<fake_request> fake_tradier::requests() const {
  std::lock_guard lock{impl_->mu};
  return impl_->log;
}

std::size_t fake_tradier::request_count(const std::string& path) const {
  std::lock_guard lock{impl_->mu};
  return static_cast<std::size_t>(
      std::count_if(impl_->log.begin(), impl_->log.end(), [&](const fake_request& r) { return r.path == path; }));
}

std::size_t fake_tradier::connections_accepted() const {
  std::lock_guard lock{impl_->mu};
  return impl_->accepted;
}

std::size_t fake_tradier::tls_handshake_failures() const {
  std::lock_guard lock{impl_->mu};
  return impl_->tls_failures;
}

void fake_tradier::reset_rate_limit() {
  std::lock_guard lock{impl_->mu};
  impl_->window_open = false;
  impl_->used = 0;
}

}  // namespace gd::fakes
