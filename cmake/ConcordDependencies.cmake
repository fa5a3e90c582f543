# Every dependency is a Debian package installed by scripts/install-deps.
# Nothing is downloaded at configure or build time.
find_package(PkgConfig REQUIRED)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(UCHARDET REQUIRED IMPORTED_TARGET uchardet)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# Web input: HTML parsing, feeds, fetching; the store.
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(simdjson REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ZLIB REQUIRED)

# Snowball and CLD2 ship no pkg-config or CMake files on Debian.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(concord_dep_stemmer INTERFACE)
target_include_directories(concord_dep_stemmer INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(concord_dep_stemmer INTERFACE ${STEMMER_LIBRARY})

# On Debian, libcld2_full holds only CLD2's large tables and libcld2 the
# detector code. libcld2_full must stay a NEEDED entry (--as-needed would
# drop it, since nothing references it by name) so that its tables take
# precedence over libcld2's small ones at load time.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_CODE_LIBRARY NAMES cld2 REQUIRED)
find_library(CLD2_FULL_LIBRARY NAMES libcld2_full.so.0 cld2_full REQUIRED)
add_library(concord_dep_cld2 INTERFACE)
target_include_directories(concord_dep_cld2 INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(concord_dep_cld2 INTERFACE
  "-Wl,--push-state,--no-as-needed" ${CLD2_FULL_LIBRARY} "-Wl,--pop-state"
  ${CLD2_CODE_LIBRARY})

# The command's allocator: the pipeline makes many small, short-lived
# allocations on several threads, where mimalloc (libmimalloc-dev) takes
# 5-10 % less time than glibc's malloc (docs/performance.md). Linked into
# the executable only: the libraries leave the choice to their user. The
# sanitizers bring their own allocator.
set(CONCORD_USE_MIMALLOC OFF)
if(CONCORD_MIMALLOC AND NOT CONCORD_SANITIZE AND NOT CONCORD_BUILD_FUZZ)
  find_package(mimalloc 2.0 REQUIRED)
  set(CONCORD_USE_MIMALLOC ON)
endif()

if(CONCORD_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CONCORD_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
