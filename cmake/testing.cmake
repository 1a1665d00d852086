# robocall_add_unit_test(NAME SOURCES a_test.cc ... LIBS lib ...)
# A GoogleTest executable registered with ctest under the label "unit", and
# a dependency of the target robocall_unit_tests (what the sanitizer build
# builds: `ctest -L unit` needs nothing else).
include(GoogleTest)
add_custom_target(robocall_unit_tests)
function(robocall_add_unit_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  add_dependencies(robocall_unit_tests ${name})
  gtest_discover_tests(${name} PROPERTIES LABELS unit ENVIRONMENT "ROBOCALL_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
                       DISCOVERY_TIMEOUT 60)
endfunction()
