# SPDX-License-Identifier: MIT
# CTest script test: `cmake --install` into a temporary prefix, then a
# separate project (tests/data/ecosystem/consumer) finds claimcheck with
# find_package and links claimcheck::core, builds and runs. Also checks that
# the binary, schema, man page, completion and docs landed where
# GNUInstallDirs puts them.
# Variables: BUILD_DIR, SOURCE_DIR, WORK_DIR, GENERATOR, CXX_COMPILER, BUILD_TYPE.
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "install_test: ${var} is not set")
  endif()
endforeach()
set(prefix ${WORK_DIR}/prefix)
set(consumer_build ${WORK_DIR}/consumer)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run_step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "install_test: ${name} failed (${code})\n${out}\n${err}")
  endif()
  message(STATUS "install_test: ${name}: ok")
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

# The files under the prefix that match `pattern`, in `variable`; fails when
# there are none (`what` names them in the message).
function(glob_installed variable pattern what)
  file(GLOB_RECURSE found ${prefix}/${pattern})
  if(NOT found)
    message(FATAL_ERROR "install_test: ${what} was not installed")
  endif()
  set(${variable} ${found} PARENT_SCOPE)
endfunction()

# Fails when `text` names the source or build tree of the machine that built
# claimcheck (`what` says whose text it is): an installed copy must not point
# its users there.
function(refuse_build_trees text what)
  foreach(tree ${SOURCE_DIR} ${BUILD_DIR})
    string(FIND "${text}" "${tree}/" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "install_test: ${what} names ${tree}")
    endif()
  endforeach()
endfunction()

run_step("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

include(GNUInstallDirs)
foreach(expected
    bin/claimcheck
    include/claimcheck/checks.hpp
    include/claimcheck/report/sarif.hpp
    share/claimcheck/schema/claimcheck.schema.json
    share/man/man1/claimcheck.1.gz
    share/doc/claimcheck/copyright
    share/doc/libclaimcheck-dev/copyright
    share/bash-completion/completions/claimcheck
    share/doc/claimcheck/README.md
    share/doc/claimcheck/claim-format.md)
  if(NOT EXISTS ${prefix}/${expected})
    message(FATAL_ERROR "install_test: ${expected} was not installed")
  endif()
endforeach()
glob_installed(configs "*/claimcheckConfig.cmake" "claimcheckConfig.cmake")

set(generator_args)
if(GENERATOR)
  set(generator_args -G ${GENERATOR})
endif()
set(compiler_args)
if(CXX_COMPILER)
  set(compiler_args -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
endif()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()
run_step("configure the consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/data/ecosystem/consumer
  -B ${consumer_build} ${generator_args} ${compiler_args} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
  -DCMAKE_PREFIX_PATH=${prefix})
run_step("build the consumer" ${CMAKE_COMMAND} --build ${consumer_build})
find_program(consumer NAMES consumer PATHS ${consumer_build} NO_DEFAULT_PATH)
run_step("run the consumer" ${consumer} ${prefix}/share/claimcheck/schema/claimcheck.schema.json)
if(NOT step_output MATCHES "parsed USD/\\(GPU\\*h\\)"
   OR NOT step_output MATCHES "installed schema matches the embedded one")
  message(FATAL_ERROR "install_test: unexpected consumer output: ${step_output}")
endif()
# The installed library names the installed schema (under the configured
# prefix), never the source or build tree of the machine that built it.
string(REGEX MATCH "schema_path ([^\n]*)" _ "${step_output}")
set(schema_path "${CMAKE_MATCH_1}")
if(NOT schema_path MATCHES "/share/claimcheck/schema/claimcheck\\.schema\\.json$")
  message(FATAL_ERROR "install_test: schema_path() is '${schema_path}', not an installed share path")
endif()
refuse_build_trees("${schema_path}" "schema_path() '${schema_path}'")
# Nor does any string of the installed library (a compiled-in source path
# would point every user at the build machine). Builds with debug
# information (-g) name their sources by design, so only the optimised
# build types without it are searched.
glob_installed(installed_libraries "*/libclaimcheck_core.a" "libclaimcheck_core.a")
if(NOT BUILD_TYPE MATCHES "^(Release|MinSizeRel)$")
  set(installed_libraries)
endif()
foreach(library ${installed_libraries})
  file(STRINGS ${library} library_strings)
  refuse_build_trees("${library_strings}" "${library}")
endforeach()
run_step("run the installed claimcheck" ${prefix}/bin/claimcheck --version)
file(REMOVE_RECURSE ${WORK_DIR})
message(STATUS "install_test: passed")
