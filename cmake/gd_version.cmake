# Build identity for --version and the gd_build_info metric: the git SHA when built from a checkout.
find_package(Git QUIET)
set(GD_GIT_SHA "unknown")
if(GIT_FOUND AND EXISTS ${CMAKE_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
                  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                  OUTPUT_VARIABLE GD_GIT_SHA OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT GD_GIT_SHA)
    set(GD_GIT_SHA "unknown")
  endif()
endif()
if(DEFINED ENV{GD_GIT_SHA})   # Docker builds pass it in; the context has no .git
  set(GD_GIT_SHA $ENV{GD_GIT_SHA})
endif()
