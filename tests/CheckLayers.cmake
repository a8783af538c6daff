# SPDX-License-Identifier: GPL-3.0-or-later
# The layering rules that must stay true, checked on the sources (ctest runs this as
# `layering`: cmake -DSOURCE_DIR=... -P tests/CheckLayers.cmake):
#  1. core/validate holds the validator interface and the pure backends (cache, probe,
#     simulator, measurement table): it includes nothing from board/, farm/, augment/,
#     supernet/ or pipeline/.
#  2. One folder, one library: core/<folder>/CMakeLists.txt makes calibra_<folder> and its
#     Calibra:: alias (calibra_core_library) from that folder's files; a file includes
#     only its own folder's headers and those of the folders its library links (directly
#     or through them).
#  3. Widgets draw, the core computes: no widget includes the simulator or the lowering
#     (hardware::NetworkOnTarget gives the figures they show) or calls the block finder
#     (supernet/BlockView.h gives the blocks and the graph they draw).
cmake_minimum_required(VERSION 3.25)
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

# One folder, one library: core/<folder>/CMakeLists.txt makes calibra_<folder> (alias
# Calibra::<Name>) with one calibra_core_library() call from that folder's files only;
# core/CMakeLists.txt makes none.
file(READ "${SOURCE_DIR}/core/CMakeLists.txt" top_text)
if(top_text MATCHES "\n *(add_library\\(calibra_[a-z]|calibra_core_library\\()")
    string(APPEND problems "core/CMakeLists.txt: makes a library; each folder makes its own\n")
endif()
file(GLOB core_entries RELATIVE "${SOURCE_DIR}/core" "${SOURCE_DIR}/core/*")
set(folders "")
foreach(entry IN LISTS core_entries)
    if(IS_DIRECTORY "${SOURCE_DIR}/core/${entry}")
        list(APPEND folders "${entry}")
    endif()
endforeach()
foreach(folder IN LISTS folders)
    set(lists_file "${SOURCE_DIR}/core/${folder}/CMakeLists.txt")
    if(NOT EXISTS "${lists_file}")
        string(APPEND problems "core/${folder}: no CMakeLists.txt (every folder is one library)\n")
        continue()
    endif()
    file(READ "${lists_file}" text)
    string(REGEX MATCHALL "(add_library|calibra_core_library)\\(" made "${text}")
    list(LENGTH made made_count)
    if(NOT made_count EQUAL 1 OR NOT text MATCHES "calibra_core_library\\(${folder} ([A-Za-z]+)\n([^)]*)\\)")
        string(APPEND problems "core/${folder}/CMakeLists.txt: must make its library with one calibra_core_library(${folder} ...) call and nothing else\n")
        continue()
    endif()
    set(alias_${CMAKE_MATCH_1} "${folder}")
    set(call "${CMAKE_MATCH_2}")
    if(call MATCHES "\\.\\./[A-Za-z0-9_/]*\\.cpp")
        string(APPEND problems "core/${folder}/CMakeLists.txt: compiles ${CMAKE_MATCH_0}, another folder's file\n")
    endif()
    # The folders it links, directly.
    string(REGEX MATCHALL "Calibra::[A-Za-z]+" linked "${call}")
    set(links_${folder} "${linked}")
endforeach()

# Each folder includes only itself and the folders it links, directly or through them.
foreach(folder IN LISTS folders)
    set(reach "")
    set(queue "${links_${folder}}")
    while(queue)
        list(POP_FRONT queue item)
        string(REPLACE "Calibra::" "" name "${item}")
        set(target_folder "${alias_${name}}")
        if(target_folder AND NOT target_folder IN_LIST reach)
            list(APPEND reach "${target_folder}")
            list(APPEND queue ${links_${target_folder}})
        endif()
    endwhile()
    file(GLOB_RECURSE folder_files "${SOURCE_DIR}/core/${folder}/*.h" "${SOURCE_DIR}/core/${folder}/*.cpp")
    foreach(f IN LISTS folder_files)
        file(STRINGS "${f}" includes REGEX "^#include \"[a-z]+/")
        foreach(line IN LISTS includes)
            string(REGEX MATCH "^#include \"([a-z]+)/" _ "${line}")
            set(included "${CMAKE_MATCH_1}")
            if(included STREQUAL folder OR NOT included IN_LIST folders)
                continue() # its own header, or a generated one
            endif()
            if(NOT included IN_LIST reach)
                file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
                string(APPEND problems "${rel}: ${line} (calibra_${folder} does not link calibra_${included})\n")
            endif()
        endforeach()
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
