# Every dependency is a Debian package installed by scripts/install-deps.
# Nothing is downloaded at configure or build time.
find_package(PkgConfig REQUIRED)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(UCHARDET REQUIRED IMPORTED_TARGET uchardet)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ZLIB REQUIRED)

# Snowball and CLD2 ship no pkg-config or CMake files on Debian.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(concord_dep_stemmer INTERFACE)
target_include_directories(concord_dep_stemmer INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(concord_dep_stemmer INTERFACE ${STEMMER_LIBRARY})

find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY NAMES cld2_full cld2 REQUIRED)
add_library(concord_dep_cld2 INTERFACE)
target_include_directories(concord_dep_cld2 INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(concord_dep_cld2 INTERFACE ${CLD2_LIBRARY})

if(CONCORD_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CONCORD_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
