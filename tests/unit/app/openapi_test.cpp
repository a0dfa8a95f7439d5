// The OpenAPI document and the route table must agree: every route documented, nothing extra.
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/routes.hpp"
#include "api/system_routes.hpp"

TEST_CASE("every route is in /openapi.json and every documented path is routed", "[api][docs]") {
  const auto doc = nlohmann::json::parse(gd::api::openapi_document());
  REQUIRE(doc["openapi"].get<std::string>().rfind("3.0", 0) == 0);

  std::set<std::pair<std::string, std::string>> routed;
  for (const auto& r : gd::api::route_signatures()) {
    std::string method = r.first;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    routed.insert({method, r.second});
  }
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      if (method == "parameters") continue;
      documented.insert({method, path});
      INFO(method << " " << path);
      CHECK(op.contains("summary"));
      CHECK(op.contains("responses"));
    }
  }
  for (const auto& r : routed) {
    INFO("routed but undocumented: " << r.first << " " << r.second);
    CHECK(documented.count(r) == 1);
  }
  for (const auto& d : documented) {
    INFO("documented but not routed: " << d.first << " " << d.second);
    CHECK(routed.count(d) == 1);
  }
}
