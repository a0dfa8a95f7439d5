#include "test_postgres.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <pqxx/pqxx>

#include <gd/store/migrations.hpp>

namespace gd::test {

std::string source_dir() { return GD_SOURCE_DIR; }
std::string bin_dir() { return GD_BIN_DIR; }

int run_command(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> buf{};
  std::string out;
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  const int status = pclose(pipe);
  if (output != nullptr) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

test_postgres::test_postgres() {
  char tmpl[] = "/tmp/gd-test-pg.XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  ::chmod(dir_.c_str(), 0755);   // the postgres user must reach it when tests run as root
  port_ = free_loopback_port();
  std::string out;
  const int rc = run_command(source_dir() + "/scripts/pg-up.sh " + dir_ + "/pg " + std::to_string(port_), &out);
  if (rc != 0) throw std::runtime_error("pg-up.sh failed: " + out);
  // the URL is the last line printed
  auto end = out.find_last_not_of("\n");
  auto start = out.rfind('\n', end);
  url_ = out.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
  running_ = true;
}

test_postgres::~test_postgres() {
  run_command(source_dir() + "/scripts/pg-down.sh " + dir_ + "/pg --wipe");
  run_command("rm -rf " + dir_);
}

std::string test_postgres::create_database(const std::string& name) {
  pqxx::connection c(url_);
  pqxx::nontransaction tx(c);
  tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name));
  tx.exec("CREATE DATABASE " + tx.quote_name(name));
  return url_.substr(0, url_.rfind('/') + 1) + name;
}

void test_postgres::stop() {
  run_command(source_dir() + "/scripts/pg-down.sh " + dir_ + "/pg");
  running_ = false;
}

void test_postgres::start() {
  std::string out;
  if (run_command(source_dir() + "/scripts/pg-up.sh " + dir_ + "/pg " + std::to_string(port_), &out) != 0) {
    throw std::runtime_error("pg-up.sh (restart) failed: " + out);
  }
  running_ = true;
}

std::string test_postgres::create_migrated_database(const std::string& name) {
  const auto url = create_database(name);
  pqxx::connection c(url);
  store::apply_migrations(c, store::load_migrations(source_dir() + "/db/migrations"));
  return url;
}

long long query_scalar(const std::string& url, const std::string& sql) {
  pqxx::connection c(url);
  pqxx::read_transaction tx(c);
  return tx.exec1(sql)[0].as<long long>();
}

}  // namespace gd::test
