#include <gd/core/result.hpp>  // first: the header must compile on its own

#include <string>

#include <catch2/catch.hpp>

TEST_CASE("result holds a value or an error", "[result]") {
  gd::result<std::string> good{std::string("ok")};
  REQUIRE(good.ok());
  CHECK(*good == "ok");
  CHECK(good->size() == 2);

  const gd::result<int> bad{gd::error{"vendor_timeout", "Tradier did not answer in 5 s"}};
  CHECK_FALSE(bad);
  CHECK(bad.err().code == "vendor_timeout");
}
