#include <gd/core/clock.hpp>  // first: the header must compile on its own

#include <catch2/catch.hpp>

TEST_CASE("manual_clock only moves when told", "[clock]") {
  using namespace std::chrono_literals;
  const gd::sys_time start{std::chrono::seconds{1'750'000'000}};
  gd::manual_clock clock{start};
  const gd::clock& as_port = clock;
  CHECK(as_port.now() == start);
  clock.advance(90s);
  CHECK(as_port.now() == start + 90s);
  clock.set(start - 1us);
  CHECK(as_port.now() == start - 1us);
}

TEST_CASE("system_clock_source follows the wall clock", "[clock]") {
  const gd::system_clock_source clock;
  const auto before = std::chrono::system_clock::now();
  const auto t = clock.now();
  const auto after = std::chrono::system_clock::now();
  CHECK(t >= std::chrono::time_point_cast<std::chrono::microseconds>(before) - std::chrono::microseconds{1});
  CHECK(t <= after);
}
