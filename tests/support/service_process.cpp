#include "service_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "raw_http.hpp"
#include "test_postgres.hpp"

namespace gd::test {

namespace {
std::vector<std::string> make_env(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> env{{"PATH", "/usr/bin:/bin"}, {"HOME", "/tmp"}, {"LOG_LEVEL", "debug"},
                                         {"MIGRATIONS_DIR", source_dir() + "/db/migrations"},
                                         {"SCHEDULER_ENABLED", "false"}, {"STATIC_DIR", "/nonexistent"}};
  for (const auto& [k, v] : extra) env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

int spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& log_path) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::chdir("/tmp");   // never pick up a developer's .env or configs/ by accident
    std::vector<char*> argv;
    const std::string bin = bin_dir() + "/gammadesk";
    argv.push_back(const_cast<char*>(bin.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    ::execve(bin.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

service_process::service_process(std::map<std::string, std::string> env, std::vector<std::string> args) {
  port_ = free_loopback_port();
  env["HOST"] = "127.0.0.1";
  env["PORT"] = std::to_string(port_);
  char tmpl[] = "/tmp/gd-service-log.XXXXXX";
  const int fd = ::mkstemp(tmpl);
  ::close(fd);
  log_path_ = tmpl;
  pid_ = spawn(args, make_env(env), log_path_);
}

service_process::~service_process() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  ::unlink(log_path_.c_str());
}

bool service_process::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

bool service_process::wait_healthy(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running()) return false;
    const auto r = http_get(port_, "/health");
    if (r && r->status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::optional<int> service_process::stop(int sig, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  ::kill(pid_, sig);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

std::string service_process::log() const { return read_file(log_path_); }

int run_gammadesk(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                  std::string* output) {
  char tmpl[] = "/tmp/gd-run-log.XXXXXX";
  const int fd = ::mkstemp(tmpl);
  ::close(fd);
  const pid_t pid = spawn(args, make_env(env), tmpl);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (output != nullptr) *output = read_file(tmpl);
  ::unlink(tmpl);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace gd::test
