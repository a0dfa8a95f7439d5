// build/bin/fake_tradier: the fake Tradier server for manual runs and for tests that need it in
// its own process.
//   fake_tradier [--port N] [--token T] [--data DIR] [--allowed N] [--window-ms N] [--tls --ca-out FILE]
//                [--account ID [--fill MODE] [--partial N] [--cancel MODE] [--first-order-id N]]
// Serves the recorded fixtures (default data: tests/data/tradier of the source tree) on 127.0.0.1
// until SIGINT/SIGTERM. With --tls it makes a throwaway CA and certificate for localhost and
// 127.0.0.1 and writes the CA to --ca-out (curl --cacert FILE https://localhost:N/v1/...).
// With --account it also serves a paper account (fake_tradier_account.hpp): --fill is the default
// plan (immediate, open, fill_on_advance, partial, reject_400, reject_200, reject_later), --cancel
// cancels or fill_after_cancel; scripted further at run time over POST /__fake/account/script.
// --port 0 picks a free port; the first line on stdout is
//   "fake_tradier listening on http://127.0.0.1:PORT/v1 (token: T) account ID"
// so a test can read the base URL from it.
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <unistd.h>

#include "fake_tradier.hpp"
#include "fake_tradier_account.hpp"
#include "test_tls.hpp"

namespace {

volatile std::sig_atomic_t stop_requested = 0;
void on_signal(int) { stop_requested = 1; }

int usage() {
  std::cerr << "usage: fake_tradier [--port N] [--token T] [--data DIR] [--allowed N] [--window-ms N] "
               "[--tls --ca-out FILE] [--account ID [--fill MODE] [--partial N] [--cancel MODE] "
               "[--first-order-id N]]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  gd::fakes::fake_tradier_options options;
  options.port = 8099;
  std::string data = GD_FAKE_TRADIER_DATA;
  bool tls = false;
  std::string ca_out;
  std::optional<gd::fakes::fake_account_options> account;
  const auto account_options = [&]() -> gd::fakes::fake_account_options& {
    if (!account) account.emplace();
    return *account;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(usage());
      }
      return argv[++i];
    };
    if (a == "--port") {
      options.port = static_cast<std::uint16_t>(std::stoi(next()));
    } else if (a == "--token") {
      options.token = next();
    } else if (a == "--data") {
      data = next();
    } else if (a == "--allowed") {
      options.rate_limit_allowed = std::stoi(next());
    } else if (a == "--window-ms") {
      options.rate_limit_window = std::chrono::milliseconds{std::stoll(next())};
    } else if (a == "--tls") {
      tls = true;
    } else if (a == "--ca-out") {
      ca_out = next();
    } else if (a == "--account") {
      account_options().account_id = next();
    } else if (a == "--fill") {
      const auto v = next();
      const auto m = gd::fakes::parse_fill_mode(v);
      if (!m) return usage();
      account_options().default_plan.fill = *m;
    } else if (a == "--partial") {
      account_options().default_plan.partial_quantity = std::stoi(next());
    } else if (a == "--cancel") {
      const auto v = next();
      const auto m = gd::fakes::parse_cancel_mode(v);
      if (!m) return usage();
      account_options().default_plan.on_cancel = *m;
    } else if (a == "--first-order-id") {
      account_options().first_order_id = std::stoll(next());
    } else {
      return usage();
    }
  }
  try {
    if (tls) {
      if (ca_out.empty()) return usage();
      const auto material = gd::fakes::make_test_tls({"localhost"}, {"127.0.0.1"});
      options.tls_cert_pem = material.server_cert_pem;
      options.tls_key_pem = material.server_key_pem;
      std::ofstream(ca_out) << material.ca_cert_pem;
    }
    gd::fakes::fake_tradier server{options};
    server.load_recorded(data);
    std::shared_ptr<gd::fakes::fake_account> paper;
    if (account) paper = gd::fakes::install_account(server, *account);
    server.start();
    std::cout << "fake_tradier listening on " << server.base_url() << " (token: " << options.token << ")"
              << (paper ? " account " + paper->account_id() : std::string{}) << std::endl;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    while (!stop_requested) pause();
    server.stop();
  } catch (const std::exception& e) {
    std::cerr << "fake_tradier: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
