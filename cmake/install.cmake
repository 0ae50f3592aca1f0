# Install, export and packaging (included at the end of the top-level
# CMakeLists.txt). `cmake --install BUILD --prefix P` puts:
#   P/bin/claimcheck, P/lib/libclaimcheck_core.a, P/include/claimcheck/...,
#   P/lib/cmake/claimcheck/ (claimcheckConfig.cmake, version, targets),
#   P/share/claimcheck/schema/claimcheck.schema.json, P/share/doc/claimcheck/,
#   P/share/man/man1/claimcheck.1, P/share/bash-completion/completions/claimcheck
# so that another project can `find_package(claimcheck)` and link
# claimcheck::core. `cpack -G DEB` (in BUILD) makes a Debian package.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CLAIMCHECK_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/claimcheck)

set_target_properties(claimcheck_core PROPERTIES EXPORT_NAME core OUTPUT_NAME claimcheck_core)
install(TARGETS claimcheck_core EXPORT claimcheckTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/claimcheck
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
if(TARGET claimcheck)
  install(TARGETS claimcheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT claimcheckTargets NAMESPACE claimcheck:: FILE claimcheckTargets.cmake
  DESTINATION ${CLAIMCHECK_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/claimcheckConfig.cmake.in
  ${PROJECT_BINARY_DIR}/claimcheckConfig.cmake
  INSTALL_DESTINATION ${CLAIMCHECK_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/claimcheckConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/claimcheckConfig.cmake
  ${PROJECT_BINARY_DIR}/claimcheckConfigVersion.cmake
  DESTINATION ${CLAIMCHECK_INSTALL_CMAKEDIR})

# The JSON Schema, for editors and other validators (the tool has its own copy).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/schema/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/claimcheck/schema)
file(GLOB CLAIMCHECK_DOCS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${CLAIMCHECK_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/claimcheck.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/scripts/claimcheck-completion.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME claimcheck)

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

# Debian package: cpack -G DEB in the build folder.
set(CPACK_PACKAGE_NAME claimcheck)
set(CPACK_PACKAGE_VENDOR "claimcheck")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "fact-check the numbers of a published text from claim files")
set(CPACK_PACKAGE_DESCRIPTION
  "claimcheck reads claim files (JSON) that record each numeric claim of an article with its value, unit, hedge and sources, computes what follows with interval arithmetic, flags what cannot all be true and by how much, charts trends, and reports for people (text, HTML), programs (JSON), CI (SARIF, GitHub annotations) and fact-check publishing (schema.org ClaimReview).")
set(CPACK_PACKAGE_CONTACT "claimcheck maintainers <maintainers@claimcheck.invalid>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "claimcheck maintainers <maintainers@claimcheck.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libboost-program-options1.74.0, libc6, libstdc++6")
# The headers and CMake package need these to compile against claimcheck::core.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libhowardhinnant-date-dev, rapidjson-dev")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
