#pragma once
// Throwaway TLS material made at test time with the OpenSSL API: a CA and a server certificate
// it signs (P-256, SHA-256, valid from an hour ago for a day). Nothing is read from disk.
#include <string>
#include <vector>

namespace gd::fakes {

struct test_tls_material {
  std::string ca_cert_pem;      // give this to a client as its extra trusted CA
  std::string server_cert_pem;  // the leaf, for the server
  std::string server_key_pem;
};

// `dns_names` and `ip_addresses` go into the server certificate's subjectAltName; the first DNS
// name (or IP) is also its CN. Throws std::runtime_error on OpenSSL failure.
test_tls_material make_test_tls(const std::vector<std::string>& dns_names,
                                const std::vector<std::string>& ip_addresses = {});

}  // namespace gd::fakes
