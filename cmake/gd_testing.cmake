# gd_add_test(<name> SOURCES <files...> LIBS <targets...> [LABELS <labels...>] [TIMEOUT <s>])
# Builds a Catch2 program into build/bin and registers it with ctest under the same name.
# Tests run with tests/data as GD_TEST_DATA so they never depend on the working directory.
function(gd_add_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE gd_catch_main gd_options ${T_LIBS})
  target_compile_definitions(${name} PRIVATE GD_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data")
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${T_LABELS}"
                       ENVIRONMENT "GD_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data")
endfunction()

# QuantLib as an independent numerical reference, for tests only. Its headers are unpacked into
# .deps/quantlib by scripts/bootstrap.sh (the Debian -dev package conflicts with Boost 1.81's).
function(gd_quantlib_reference_target)
  if(TARGET gd_quantlib_reference)
    return()
  endif()
  set(ql_inc ${PROJECT_SOURCE_DIR}/.deps/quantlib/usr/include)
  find_file(GD_QUANTLIB_SO NAMES libQuantLib.so.0 PATHS /usr/lib /usr/lib/x86_64-linux-gnu NO_DEFAULT_PATH)
  if(NOT EXISTS ${ql_inc}/ql/quantlib.hpp OR NOT GD_QUANTLIB_SO)
    message(FATAL_ERROR "QuantLib reference missing: run scripts/bootstrap.sh (needs libquantlib0v5 and .deps/quantlib)")
  endif()
  add_library(gd_quantlib_reference INTERFACE)
  target_include_directories(gd_quantlib_reference SYSTEM INTERFACE ${ql_inc})
  target_link_libraries(gd_quantlib_reference INTERFACE ${GD_QUANTLIB_SO} Boost::headers)
endfunction()

# gd_add_bench(<name> SOURCES <files...> LIBS <targets...>): a Google Benchmark program in build/bin.
function(gd_add_bench name)
  cmake_parse_arguments(B "" "" "SOURCES;LIBS" ${ARGN})
  find_package(benchmark REQUIRED)
  add_executable(${name} ${B_SOURCES})
  target_link_libraries(${name} PRIVATE benchmark::benchmark benchmark::benchmark_main gd_options ${B_LIBS})
  target_compile_definitions(${name} PRIVATE GD_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data")
  set_property(GLOBAL APPEND PROPERTY GD_BENCHMARKS ${name})
endfunction()
