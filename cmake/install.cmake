# SPDX-License-Identifier: MIT
# Install, export and packaging (included at the end of the top-level
# CMakeLists.txt). `cmake --install BUILD --prefix P` puts:
#   P/bin/claimcheck, P/lib/libclaimcheck_core.a and libclaimcheck_report.a,
#   P/include/claimcheck/...,
#   P/lib/cmake/claimcheck/ (claimcheckConfig.cmake, version, targets),
#   P/share/claimcheck/schema/claimcheck.schema.json, P/share/doc/claimcheck/,
#   P/share/man/man1/claimcheck.1.gz, P/share/bash-completion/completions/claimcheck
# so that another project can `find_package(claimcheck)` and link
# claimcheck::core (and claimcheck::report, the writers). Two components,
# the split Debian makes:
#   runtime  the command, its man page, completion, schema and docs
#            (package claimcheck)
#   dev      headers, static library and CMake package (libclaimcheck-dev)
# `cpack -G DEB` (in BUILD; scripts/build-deb) makes one package of each.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CLAIMCHECK_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/claimcheck)

set_target_properties(claimcheck_core PROPERTIES EXPORT_NAME core OUTPUT_NAME claimcheck_core)
set_target_properties(claimcheck_report PROPERTIES EXPORT_NAME report OUTPUT_NAME claimcheck_report)
install(TARGETS claimcheck_core claimcheck_report EXPORT claimcheckTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT dev
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/claimcheck
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev FILES_MATCHING PATTERN "*.hpp")
if(TARGET claimcheck)
  install(TARGETS claimcheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
endif()

install(EXPORT claimcheckTargets NAMESPACE claimcheck:: FILE claimcheckTargets.cmake
  DESTINATION ${CLAIMCHECK_INSTALL_CMAKEDIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/claimcheckConfig.cmake.in
  ${PROJECT_BINARY_DIR}/claimcheckConfig.cmake
  INSTALL_DESTINATION ${CLAIMCHECK_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/claimcheckConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/claimcheckConfig.cmake
  ${PROJECT_BINARY_DIR}/claimcheckConfigVersion.cmake
  DESTINATION ${CLAIMCHECK_INSTALL_CMAKEDIR} COMPONENT dev)

# The JSON Schema, for editors and other validators (the tool has its own copy).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/schema/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/claimcheck/schema COMPONENT runtime)
file(GLOB CLAIMCHECK_DOCS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${CLAIMCHECK_DOCS}
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/claimcheck COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/scripts/claimcheck-completion.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME claimcheck
  COMPONENT runtime)

# What Debian asks of every package (lintian: no-copyright-file,
# no-changelog, uncompressed-manual-page): a copyright file and a
# changelog.gz in each package's doc folder, and the man page compressed
# (gzip -n: no name or time stamp, so the bytes are reproducible).
find_program(CLAIMCHECK_GZIP gzip REQUIRED)
set(CLAIMCHECK_PACKAGING_DIR ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${CLAIMCHECK_PACKAGING_DIR})
string(TIMESTAMP CLAIMCHECK_CHANGELOG_DATE "%a, %d %b %Y 00:00:00 +0000" UTC)
set(CLAIMCHECK_MAINTAINER "claimcheck maintainers <maintainers@claimcheck.invalid>")
configure_file(${PROJECT_SOURCE_DIR}/cmake/debian-changelog.in
  ${CLAIMCHECK_PACKAGING_DIR}/changelog @ONLY)
add_custom_command(OUTPUT ${CLAIMCHECK_PACKAGING_DIR}/changelog.gz
    ${CLAIMCHECK_PACKAGING_DIR}/claimcheck.1.gz
  COMMAND ${CLAIMCHECK_GZIP} -9nc ${CLAIMCHECK_PACKAGING_DIR}/changelog
    > ${CLAIMCHECK_PACKAGING_DIR}/changelog.gz
  COMMAND ${CLAIMCHECK_GZIP} -9nc ${PROJECT_SOURCE_DIR}/docs/claimcheck.1
    > ${CLAIMCHECK_PACKAGING_DIR}/claimcheck.1.gz
  DEPENDS ${CLAIMCHECK_PACKAGING_DIR}/changelog ${PROJECT_SOURCE_DIR}/docs/claimcheck.1
  VERBATIM)
add_custom_target(claimcheck_packaging_files ALL
  DEPENDS ${CLAIMCHECK_PACKAGING_DIR}/changelog.gz ${CLAIMCHECK_PACKAGING_DIR}/claimcheck.1.gz)
install(FILES ${CLAIMCHECK_PACKAGING_DIR}/claimcheck.1.gz
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
foreach(component_package runtime:claimcheck dev:libclaimcheck-dev)
  string(REPLACE ":" ";" pair ${component_package})
  list(GET pair 0 component)
  list(GET pair 1 package)
  install(FILES ${PROJECT_SOURCE_DIR}/cmake/debian-copyright
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} RENAME copyright COMPONENT ${component})
  install(FILES ${CLAIMCHECK_PACKAGING_DIR}/changelog.gz
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
endforeach()

# The consumer test: installs into a temporary prefix, then configures and
# builds tests/data/ecosystem/consumer against it (tests/install_test.cmake).
if(CLAIMCHECK_BUILD_TESTS AND TARGET claimcheck)
  add_test(NAME install_test
    COMMAND ${CMAKE_COMMAND}
      -DBUILD_DIR=${PROJECT_BINARY_DIR}
      -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
      -DWORK_DIR=${PROJECT_BINARY_DIR}/install_test
      -DGENERATOR=${CMAKE_GENERATOR}
      -DCXX_COMPILER=${CMAKE_CXX_COMPILER}
      -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
      -P ${PROJECT_SOURCE_DIR}/tests/install_test.cmake)
  set_tests_properties(install_test PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
  if(CLAIMCHECK_SANITIZE)
    # The consumer links the installed, instrumented library without the
    # sanitizer runtime, so it cannot link; it tests packaging, not memory,
    # and runs in the normal build. Disabled (ctest lists it as not run)
    # rather than left out, so the reason stays visible.
    set_tests_properties(install_test PROPERTIES DISABLED TRUE)
  endif()
endif()

# Debian packages: cpack -G DEB in the build folder (scripts/build-deb runs
# it, then lintian). One package per component; the command's dependencies
# are computed by dpkg-shlibdeps, the development package's are what the
# CMake package needs to compile against claimcheck::core.
set(CPACK_PACKAGE_NAME claimcheck)
set(CPACK_PACKAGE_VENDOR "claimcheck")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# No CPACK_PACKAGE_DESCRIPTION_SUMMARY: CPack would put it before each
# component's description, whose first line is its own synopsis.
set(CPACK_PACKAGE_CONTACT "${CLAIMCHECK_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CLAIMCHECK_MAINTAINER}")
# No Homepage field until the project has a public address (CLAIMCHECK_HOMEPAGE).
if(CLAIMCHECK_HOMEPAGE)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CLAIMCHECK_HOMEPAGE}")
endif()
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME claimcheck)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
# Lines of at most 79 characters (lintian: extended-description-line-too-long).
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "fact-check the numbers of a published text from claim files
claimcheck reads claim files (JSON) that record each numeric claim of an
article with its value, unit, hedge and sources, computes what follows with
interval arithmetic, flags what cannot all be true and by how much, charts
trends, and reports for people (text, HTML), programs (JSON), CI (SARIF,
GitHub annotations) and fact-check publishing (schema.org ClaimReview).")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libclaimcheck-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libhowardhinnant-date-dev, rapidjson-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION "claimcheck library: headers, static library and CMake package
The library behind the claimcheck command: units, numerals, intervals, the
claim-file loader, expressions, checks, trends, the text scanner and the
report writers. find_package(claimcheck) gives the target claimcheck::core.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
