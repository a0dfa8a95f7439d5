// TLS: the client verifies certificates (system trust store by default), accepts a private CA
// only when given explicitly, and checks the host name. Certificates are made at test time.
#include <gd/net/http_client.hpp>

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "client_test_support.hpp"
#include "test_tls.hpp"

using gd::fakes::fake_tradier;
using gd::test::fast_client_options;

namespace {

struct tls_world {
  gd::fakes::test_tls_material tls;
  fake_tradier fake;

  explicit tls_world(const std::vector<std::string>& names)
      : tls(gd::fakes::make_test_tls(names)), fake(options(tls)) {
    fake.load_recorded(std::string{GD_TEST_DATA} + "/tradier");
    fake.start();
  }

  static gd::fakes::fake_tradier_options options(const gd::fakes::test_tls_material& m) {
    auto o = gd::test::fake_options();
    o.tls_cert_pem = m.server_cert_pem;
    o.tls_key_pem = m.server_key_pem;
    o.tls_host_name = "localhost";
    return o;
  }

  std::string url_with_host(const std::string& host) const {
    return "https://" + host + ":" + std::to_string(fake.port()) + "/v1";
  }
};

}  // namespace

TEST_CASE("TLS: an unknown CA is refused by default and not retried", "[net][tls][fake]") {
  tls_world w{{"localhost"}};
  gd::net::http_client client{fast_client_options(w.fake.base_url())};
  auto r = client.get("/markets/quotes?symbols=PLTR");
  REQUIRE_FALSE(r);
  CHECK(r.err().code == gd::net::client_errors::tls);
  CHECK_THAT(r.err().message, Catch::Contains("GET /v1/markets/quotes") && Catch::Contains("certificate verify failed"));
  CHECK_THAT(r.err().message, !Catch::Contains(gd::test::secret_token));
  CHECK(w.fake.requests().empty());  // nothing was sent over the unverified channel
  // The server notices the failed handshake on its own thread, possibly after the client returns.
  for (int i = 0; i < 100 && w.fake.tls_handshake_failures() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds{10});
  CHECK(w.fake.tls_handshake_failures() == 1);
  CHECK(client.stats().retries == 0);
}

TEST_CASE("TLS: accepted with the CA given explicitly, with keep-alive", "[net][tls][fake]") {
  tls_world w{{"localhost"}};
  auto o = fast_client_options(w.fake.base_url());
  o.extra_ca_pem = w.tls.ca_cert_pem;
  gd::net::http_client client{o};
  for (int i = 0; i < 3; ++i) {
    auto r = client.get("/markets/quotes?symbols=PLTR");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK_THAT(r->body, Catch::Contains(R"("symbol":"PLTR")"));
  }
  CHECK(w.fake.connections_accepted() == 1);
  CHECK(w.fake.requests().front().header("authorization") == "Bearer " + std::string{gd::test::secret_token});

  // Faults behave the same over TLS: a truncated body is retried on a fresh connection.
  w.fake.push_fault("/v1/markets/quotes", gd::fakes::fault::truncated());
  auto r = client.get("/markets/quotes?symbols=PLTR");
  REQUIRE(r);
  CHECK(r->attempts == 2);
}

TEST_CASE("TLS: a certificate for another host name is refused even from a trusted CA", "[net][tls][fake]") {
  SECTION("IP literal not in the certificate") {
    tls_world w{{"localhost"}};
    auto o = fast_client_options(w.url_with_host("127.0.0.1"));
    o.extra_ca_pem = w.tls.ca_cert_pem;
    gd::net::http_client client{o};
    auto r = client.get("/markets/quotes?symbols=PLTR");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == gd::net::client_errors::tls);
    CHECK_THAT(r.err().message, Catch::Contains("does not match the host name 127.0.0.1"));
    CHECK(w.fake.requests().empty());
  }
  SECTION("DNS name not in the certificate") {
    tls_world w{{"sandbox.tradier.com"}};
    auto o = fast_client_options(w.url_with_host("localhost"));
    o.extra_ca_pem = w.tls.ca_cert_pem;
    gd::net::http_client client{o};
    auto r = client.get("/markets/quotes?symbols=PLTR");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == gd::net::client_errors::tls);
    CHECK_THAT(r.err().message, Catch::Contains("does not match the host name localhost"));
    CHECK(w.fake.requests().empty());
  }
}

TEST_CASE("TLS: a bad extra CA is a start-up error", "[net][tls]") {
  auto o = fast_client_options("https://localhost:1/v1");
  o.extra_ca_pem = "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n";
  CHECK_THROWS_AS(gd::net::http_client{o}, std::invalid_argument);
}
