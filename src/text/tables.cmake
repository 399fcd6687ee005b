# The text module's generated table: name groups (romanization variants from
# src/text/variants.txt, English nicknames from data/lists/nicknames) as a
# sorted C array, written by a small generator built first.
add_executable(text_gen_groups ${CMAKE_SOURCE_DIR}/src/text/tools/gen_groups.c)
target_include_directories(text_gen_groups PRIVATE ${CMAKE_SOURCE_DIR}/src)
add_custom_command(
  OUTPUT ${PW_GEN_DIR}/text_groups.c
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
          $<TARGET_FILE:text_gen_groups>
          ${CMAKE_SOURCE_DIR}/src/text/variants.txt
          ${CMAKE_SOURCE_DIR}/data/lists/nicknames/names.csv
          ${PW_GEN_DIR}/text_groups.c
  DEPENDS text_gen_groups ${CMAKE_SOURCE_DIR}/src/text/variants.txt
          ${CMAKE_SOURCE_DIR}/data/lists/nicknames/names.csv
  COMMENT "Generating the name-group table"
  VERBATIM)
list(APPEND PW_GENERATED_SOURCES ${PW_GEN_DIR}/text_groups.c)
