# SPDX-License-Identifier: GPL-3.0-or-later
# Every C++ source and header is laid out as .clang-format says (ctest runs this as
# `formatting`: cmake -DSOURCE_DIR=... -DCLANG_FORMAT=... -P tests/CheckFormat.cmake).
# A file that fails: run `clang-format -i FILE`, or `git clang-format` on a change.
if(NOT SOURCE_DIR)
    message(FATAL_ERROR "run with -DSOURCE_DIR=<the source tree> -DCLANG_FORMAT=<clang-format>")
endif()
if(NOT CLANG_FORMAT OR NOT EXISTS "${CLANG_FORMAT}")
    message(FATAL_ERROR "clang-format is not installed: scripts/setup.sh installs it (scripts/packages.txt)")
endif()
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h"
     "${SOURCE_DIR}/core/*.cpp" "${SOURCE_DIR}/core/*.h"
     "${SOURCE_DIR}/widgets/*.cpp" "${SOURCE_DIR}/widgets/*.h"
     "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h")
list(FILTER sources EXCLUDE REGEX "^tests/data/")
set(problems "")
foreach(source IN LISTS sources)
    execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror "${source}"
                    WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE code OUTPUT_QUIET ERROR_QUIET)
    if(NOT code EQUAL 0)
        string(APPEND problems "  ${source}\n")
    endif()
endforeach()
if(problems)
    message(FATAL_ERROR "Not formatted as .clang-format says (clang-format -i FILE):\n${problems}")
endif()
list(LENGTH sources count)
message(STATUS "${count} files formatted as .clang-format says")
