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

# The test PostgreSQL server (scripts/test-postgres): one per ctest run,
# started by the setup test of the fixture postgres_server and stopped by its
# cleanup test (tests/CMakeLists.txt), its socket under the build tree.
set(ROBOCALL_TEST_POSTGRES_DIR ${PROJECT_BINARY_DIR}/test-postgres)
set(ROBOCALL_TEST_POSTGRES_URL "postgresql:///postgres?host=${ROBOCALL_TEST_POSTGRES_DIR}")

# robocall_add_postgres_copy(NAME [EXCLUDE gtest-pattern ...])
# Registers the unit test executable NAME a second time, its tests prefixed
# "pg." and labelled "unit" and "postgres", with ROBOCALL_TEST_POSTGRES
# naming the fixture's server: store::TestDatabase then makes PostgreSQL
# databases. EXCLUDE leaves out tests that are SQLite-only by nature (files,
# PRAGMAs, backups, upgrades of files). Not in the sanitizer build (`make
# test` runs it with -L unit).
function(robocall_add_postgres_copy name)
  cmake_parse_arguments(ARG "" "" "EXCLUDE" ${ARGN})
  if(ROBOCALL_SANITIZE)
    return()
  endif()
  set(filter "*")
  if(ARG_EXCLUDE)
    list(JOIN ARG_EXCLUDE ":" excluded)
    set(filter "*-${excluded}")
  endif()
  gtest_discover_tests(${name} TEST_PREFIX "pg." TEST_LIST ${name}_pg_TESTS DISCOVERY_TIMEOUT 60
                       TEST_FILTER "${filter}" PROPERTIES FIXTURES_REQUIRED postgres_server)
  # Lists (two labels, two variables) do not survive gtest_discover_tests'
  # PROPERTIES: a script ctest reads after the discovered tests sets them.
  set(script ${CMAKE_CURRENT_BINARY_DIR}/${name}_pg_properties.cmake)
  file(WRITE ${script}
       "if(${name}_pg_TESTS)\n"
       "  set_tests_properties(\${${name}_pg_TESTS} PROPERTIES LABELS \"unit;postgres\"\n"
       "    ENVIRONMENT \"ROBOCALL_SOURCE_DIR=${PROJECT_SOURCE_DIR};"
       "ROBOCALL_TEST_POSTGRES=${ROBOCALL_TEST_POSTGRES_URL}\")\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${script})
endfunction()
