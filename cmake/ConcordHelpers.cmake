# concord_library(NAME SOURCES ... DEPS ...)
#   One static library per module, named concord_<NAME>. Public headers come
#   from include/; module-private headers are included as "src/<module>/x.h".
function(concord_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(concord_${name} STATIC ${ARG_SOURCES})
  target_include_directories(concord_${name}
    PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR})
  target_compile_definitions(concord_${name} PRIVATE CONCORD_BUILDING)
  target_link_libraries(concord_${name} PUBLIC ${ARG_DEPS})
endfunction()

# concord_test(NAME SOURCES ... DEPS ... LABELS ...)
#   A GoogleTest binary registered with ctest; LABELS is one or more of
#   unit, e2e, quality. Tests run from the source tree so that they can find
#   tests/data and, when present, ../shared.
function(concord_test name)
  if(NOT CONCORD_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    CONCORD_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    CONCORD_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    # A hang fails its test after 10 minutes instead of holding the run:
    # hang guards live here, not as timed assertions inside tests.
    PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 600
    DISCOVERY_TIMEOUT 60)
endfunction()
