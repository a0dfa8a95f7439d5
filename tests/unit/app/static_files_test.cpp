#include "api/static_files.hpp"

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

TEST_CASE("static files: assets, SPA fallback, cache headers", "[api][static]") {
  char tmpl[] = "/tmp/gd-static-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::string dir = tmpl;
  std::filesystem::create_directories(dir + "/assets");
  std::ofstream(dir + "/index.html") << "<html>app</html>";
  std::ofstream(dir + "/assets/index-abc123.js") << "console.log(1)";

  gd::api::static_files files;
  REQUIRE(files.load(dir) == 2);

  auto header = [](const gd::net::http_response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
      if (n == name) return v;
    }
    return std::string();
  };
  const auto root = files.serve("/");
  REQUIRE(root);
  CHECK(root->body == "<html>app</html>");
  CHECK(root->content_type.rfind("text/html", 0) == 0);
  CHECK(header(*root, "Cache-Control") == "no-cache");

  const auto js = files.serve("/assets/index-abc123.js");
  REQUIRE(js);
  CHECK(js->content_type.rfind("text/javascript", 0) == 0);
  CHECK(header(*js, "Cache-Control").find("immutable") != std::string::npos);

  const auto route = files.serve("/exposure");   // a client-side route gets the app shell
  REQUIRE(route);
  CHECK(route->body == "<html>app</html>");

  CHECK_FALSE(files.serve("/assets/missing-999.js"));   // a missing asset is a real 404
  CHECK_FALSE(files.serve("/../etc/passwd.txt"));
  std::filesystem::remove_all(dir);

  gd::api::static_files none;
  CHECK(none.load("/nonexistent-dir") == 0);
  CHECK_FALSE(none.serve("/"));
}
