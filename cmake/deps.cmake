# Every external dependency, found once, as imported targets for all layers.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(EXPAT REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)

pkg_check_modules(LIBRE REQUIRED IMPORTED_TARGET libre)
pkg_check_modules(LIBREM REQUIRED IMPORTED_TARGET librem)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(SOXR REQUIRED IMPORTED_TARGET soxr)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(MHD REQUIRED IMPORTED_TARGET libmicrohttpd)
# The TLS sessions libmicrohttpd runs on (http: a 413 written mid-body under TLS).
pkg_check_modules(GNUTLS REQUIRED IMPORTED_TARGET gnutls)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# The store's PostgreSQL backend (Debian's libpq-dev).
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)

find_library(ESPEAK_NG_LIBRARY NAMES espeak-ng REQUIRED)
find_path(ESPEAK_NG_INCLUDE_DIR espeak-ng/speak_lib.h REQUIRED)
add_library(robocall_espeak_ng INTERFACE)
target_link_libraries(robocall_espeak_ng INTERFACE ${ESPEAK_NG_LIBRARY})
target_include_directories(robocall_espeak_ng INTERFACE ${ESPEAK_NG_INCLUDE_DIR})

# libre's headers need HAVE_* feature macros that its pkg-config file does not export.
add_library(robocall_libre INTERFACE)
target_link_libraries(robocall_libre INTERFACE PkgConfig::LIBREM PkgConfig::LIBRE)
target_compile_definitions(robocall_libre INTERFACE HAVE_INTTYPES_H HAVE_STDBOOL_H HAVE_INET6)
