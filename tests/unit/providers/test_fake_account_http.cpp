// The fake paper account scripted over HTTP (/__fake/account/...), in process and as the separate
// build/bin/fake_tradier process that service integration tests run (they SIGKILL the service,
// so the broker's state has to live elsewhere). Also shows how such a test starts the fake.
#include <gd/providers/tradier_broker.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <gd/net/http_client.hpp>
#include <gd/providers/net_http_getter.hpp>

#include "fake_tradier.hpp"
#include "fake_tradier_account.hpp"

using namespace gd::providers;
using gd::execution::broker_status;
using gd::execution::leg_side;
using gd::execution::order;
using nlohmann::json;
using std::chrono::milliseconds;
namespace broker_errors = gd::execution::broker_errors;

namespace {

constexpr const char* token = "SECRET-process-token-Q9";

order spread(const std::string& tag) {
  order o;
  o.tag = tag;
  o.quantity = 1;
  o.limit_price = 1.10;
  o.legs = {{"SPXW250110C06100000", leg_side::sell_to_open}, {"SPXW250110C06110000", leg_side::buy_to_open}};
  return o;
}

gd::net::client_options options(const std::string& base_url, bool with_token) {
  gd::net::client_options o;
  o.base_url = base_url;
  if (with_token) o.bearer_token = token;
  o.deadline = milliseconds{2'000};
  o.backoff_base = milliseconds{10};
  o.backoff_cap = milliseconds{40};
  return o;
}

// The fake's control routes sit beside /v1 and need no token.
struct control {
  gd::net::http_client http;
  explicit control(const std::string& v1_url) : http(options(v1_url.substr(0, v1_url.size() - 3), false)) {}

  json post(const std::string& path, const json& body) {
    auto r = http.send("POST", path, body.dump(), "application/json");
    REQUIRE(r);
    INFO(r->body);
    REQUIRE(r->status == 200);
    return json::parse(r->body);
  }
  json state() {
    auto r = http.get("/__fake/account/orders");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return json::parse(r->body);
  }
};

// build/bin/fake_tradier as a child process; the base URL comes from its first line of output.
class fake_process {
 public:
  explicit fake_process(std::vector<std::string> args) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> argv;
      std::string bin = GD_FAKE_TRADIER_BIN;
      argv.push_back(bin.data());
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(bin.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    line_ = read_line(fds[0], milliseconds{10'000});
    ::close(fds[0]);
    const std::string marker = "listening on ";
    const auto at = line_.find(marker);
    if (at != std::string::npos) base_url_ = line_.substr(at + marker.size(), line_.find(' ', at + marker.size()) - at - marker.size());
  }
  ~fake_process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  fake_process(const fake_process&) = delete;
  fake_process& operator=(const fake_process&) = delete;

  const std::string& base_url() const { return base_url_; }
  const std::string& first_line() const { return line_; }

  // SIGTERM and the exit code (the fake stops cleanly).
  int terminate() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  static std::string read_line(int fd, milliseconds timeout) {
    std::string out;
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char c = 0;
      if (::read(fd, &c, 1) != 1) break;
      if (c == '\n') break;
      out.push_back(c);
    }
    return out;
  }

  pid_t pid_ = -1;
  std::string line_;
  std::string base_url_;
};

}  // namespace

TEST_CASE("fake account scripted over HTTP: next plans, default plan, advance, status, observations",
          "[fake][tradier][broker]") {
  gd::fakes::fake_tradier fake{gd::fakes::fake_tradier_options{token}};
  gd::fakes::fake_account_options ao;
  ao.default_plan.fill = gd::fakes::fill_mode::open;
  auto acct = gd::fakes::install_account(fake, ao);
  fake.start();
  tradier_broker broker{std::make_shared<net_http_getter>(options(fake.base_url(), true)), "VA000001"};
  control ctl{fake.base_url()};

  ctl.post("/__fake/account/script",
           {{"default", {{"fill", "fill_on_advance"}, {"fill_price", 1.15}}},
            {"next", json::array({{{"fill", "reject_200"}, {"reason", "ShortOptionTradingDeniedForAccount"}}})}});
  CHECK(acct->pending_plans() == 1);
  const auto refused = broker.submit(spread("gd-h1"));
  REQUIRE_FALSE(refused);
  CHECK(refused.err().code == broker_errors::rejected);
  CHECK_THAT(refused.err().message, Catch::Contains("ShortOptionTradingDeniedForAccount"));

  const auto id = broker.submit(spread("gd-h2"));
  REQUIRE(id);
  CHECK(broker.order_status(*id)->status == broker_status::open);
  CHECK(ctl.post("/__fake/account/advance", json::object())["changed"] == 1);
  auto filled = broker.order_status(*id);
  REQUIRE(filled);
  CHECK(filled->status == broker_status::filled);
  CHECK(filled->avg_fill_price == Approx(1.15));

  ctl.post("/__fake/account/orders/" + *id + "/status",
           {{"status", "expired"}, {"exec_quantity", 0}, {"reason_description", "day order expired"}});
  auto expired = broker.order_status(*id);
  REQUIRE(expired);
  CHECK(expired->status == broker_status::expired);
  CHECK(expired->reason == "day order expired");

  const auto state = ctl.state();
  CHECK(state["posts_by_tag"]["gd-h1"] == 1);
  CHECK(state["posts_by_tag"]["gd-h2"] == 1);
  CHECK(state["orders_by_tag"]["gd-h2"] == 1);
  CHECK_FALSE(state["orders_by_tag"].contains("gd-h1"));  // refused at placement: no order
  CHECK(state["posts"][0]["outcome"] == "rejected");
  CHECK(state["orders"][0]["tag"] == "gd-h2");

  // Bad scripts are refused with a reason; control calls are not Tradier requests.
  auto bad = ctl.http.send("POST", "/__fake/account/script", R"({"default":{"fill":"sometimes"}})", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK_THAT(bad->body, Catch::Contains("sometimes"));
  for (const auto& r : fake.requests()) CHECK(r.path.rfind("/__fake/", 0) == std::string::npos);

  ctl.post("/__fake/account/reset", json::object());
  CHECK(broker.orders()->empty());
}

TEST_CASE("fake_tradier as its own process: --account, scripted over HTTP, survives its clients",
          "[fake][tradier][broker][process]") {
  fake_process proc{{"--port", "0", "--token", token, "--account", "VA7", "--fill", "open", "--first-order-id", "9000"}};
  INFO(proc.first_line());
  REQUIRE_THAT(proc.base_url(), Catch::StartsWith("http://127.0.0.1:") && Catch::EndsWith("/v1"));
  CHECK_THAT(proc.first_line(), Catch::EndsWith("account VA7"));

  control ctl{proc.base_url()};
  std::string id;
  {
    // A broker (think: the service) places an order whose answer is lost, then goes away.
    tradier_broker broker{std::make_shared<net_http_getter>(options(proc.base_url(), true)), "VA7"};
    ctl.post("/__fake/account/script", {{"next", json::array({{{"after_accept", "drop_connection"}}})}});
    const auto lost = broker.submit(spread("gd-20250107-1000-open-a1"));
    REQUIRE_FALSE(lost);
    CHECK(lost.err().code == broker_errors::unknown_outcome);
  }
  // A new broker (the restarted service) finds it by its tag; the fake counted one POST.
  tradier_broker again{std::make_shared<net_http_getter>(options(proc.base_url(), true)), "VA7"};
  auto all = again.orders();
  REQUIRE(all);
  const auto mine = gd::execution::orders_with_tag(*all, "gd-20250107-1000-open-a1");
  REQUIRE(mine.size() == 1);
  CHECK(mine.front().id == "9000");
  CHECK(mine.front().status == broker_status::open);
  CHECK(ctl.state()["posts_by_tag"]["gd-20250107-1000-open-a1"] == 1);

  ctl.post("/__fake/account/orders/9000/status", {{"status", "filled"}, {"exec_quantity", 1}, {"avg_fill_price", 1.1}});
  auto pos = again.positions();
  REQUIRE(pos);
  REQUIRE(pos->size() == 2);
  CHECK(pos->front().quantity == -1);
  CHECK(proc.terminate() == 0);
}
