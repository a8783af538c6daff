# SPDX-License-Identifier: GPL-3.0-or-later
# The layering rules that must stay true, checked on the sources (ctest runs this as
# `layering`: cmake -DSOURCE_DIR=... -P tests/CheckLayers.cmake):
#  1. core/validate holds the validator interface and the pure backends (cache, probe,
#     simulator, measurement table): it includes nothing from board/, farm/, augment/,
#     supernet/ or pipeline/.
#  2. A file under core/board/ or core/farm/ is compiled only into that folder's libraries
#     (calibra_board*, calibra_farm), and none of their libraries compiles another
#     folder's file.
#  3. Widgets draw, the core computes: no widget includes the simulator or the lowering
#     (hardware::NetworkOnTarget gives the figures they show) or calls the block finder
#     (supernet/BlockView.h gives the blocks and the graph they draw).
if(NOT SOURCE_DIR)
    message(FATAL_ERROR "run with -DSOURCE_DIR=<the source tree>")
endif()
set(problems "")

file(GLOB validate_files "${SOURCE_DIR}/core/validate/*.h" "${SOURCE_DIR}/core/validate/*.cpp")
foreach(f IN LISTS validate_files)
    file(STRINGS "${f}" includes REGEX "^#include \"(board|farm|augment|supernet|pipeline)/")
    foreach(line IN LISTS includes)
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
        string(APPEND problems "${rel}: ${line} (core/validate depends on no higher layer)\n")
    endforeach()
endforeach()

file(READ "${SOURCE_DIR}/core/CMakeLists.txt" cmake_text)
string(REGEX MATCHALL "add_library\\([a-z_]+ STATIC[^)]*\\)" libraries "${cmake_text}")
foreach(block IN LISTS libraries)
    string(REGEX MATCH "add_library\\(([a-z_]+)" _ "${block}")
    set(library "${CMAKE_MATCH_1}")
    string(REGEX MATCHALL "[a-z]+/[A-Za-z0-9_/]+\\.cpp" sources "${block}")
    foreach(source IN LISTS sources)
        string(REGEX MATCH "^[a-z]+" folder "${source}")
        set(owned_by_folder "")
        if(folder STREQUAL "board" OR folder STREQUAL "farm")
            set(owned_by_folder "${folder}")
        endif()
        if(owned_by_folder AND NOT library MATCHES "^calibra_${owned_by_folder}")
            string(APPEND problems "core/CMakeLists.txt: ${source} is compiled into ${library}\n")
        endif()
        if(library MATCHES "^calibra_(board|farm)" AND NOT source MATCHES "^(board|farm)/")
            string(APPEND problems "core/CMakeLists.txt: ${library} compiles ${source}, another folder's file\n")
        endif()
    endforeach()
endforeach()

file(GLOB widget_files "${SOURCE_DIR}/widgets/*.h" "${SOURCE_DIR}/widgets/*.cpp")
foreach(f IN LISTS widget_files)
    file(STRINGS "${f}" includes REGEX "^#include \"hardware/(Simulator|Lowering)\\.h\"")
    foreach(line IN LISTS includes)
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
        string(APPEND problems "${rel}: ${line} (a widget draws; hardware/NetworkOnTarget.h computes)\n")
    endforeach()
    file(STRINGS "${f}" calls REGEX "findBlocks\\(")
    foreach(line IN LISTS calls)
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
        string(APPEND problems "${rel}: ${line} (a widget draws; supernet/BlockView.h finds the blocks)\n")
    endforeach()
endforeach()

if(problems)
    message(FATAL_ERROR "Layering rules broken:\n${problems}")
endif()
message(STATUS "Layering rules hold")
