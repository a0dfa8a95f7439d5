# Third-party packages, all from Debian 12 (scripts/bootstrap.sh installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED)                 # headers: Asio, Beast, Math
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(yaml-cpp REQUIRED)                   # target: yaml-cpp
find_package(date REQUIRED)                       # target: date::date-tz (system tzdb)
find_package(simdjson 3.0 REQUIRED)               # target: simdjson::simdjson (large vendor bodies)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)   # libpqxx 6.4 ships no CMake config
