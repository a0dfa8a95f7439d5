# gd_options: the INTERFACE target every GammaDesk target links. It carries the language level,
# warnings and (in the asan preset) sanitizers, so there is one place for these choices.
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

find_program(GD_CCACHE ccache)
if(GD_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${GD_CCACHE})
endif()

option(GD_WERROR "Treat warnings as errors" OFF)
option(GD_SANITIZE "Build with address and undefined-behaviour sanitizers" OFF)
option(GD_NATIVE "Tune for the build machine (-march=native); off for portable binaries" OFF)

add_library(gd_options INTERFACE)
target_compile_features(gd_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(gd_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                            -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 at -O3 reports impossible std::string overlaps (GCC bug 105329/105651).
  target_compile_options(gd_options INTERFACE -Wno-restrict)
endif()
if(GD_WERROR)
  target_compile_options(gd_options INTERFACE -Werror)
endif()
if(GD_SANITIZE)
  target_compile_options(gd_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(gd_options INTERFACE -fsanitize=address,undefined)
endif()
if(GD_NATIVE)
  target_compile_options(gd_options INTERFACE -march=native)
endif()
