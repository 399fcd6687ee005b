# fuzz.cmake — libFuzzer harnesses for the EDIFACT parsers (fuzz/fuzz_*.c),
# built only with clang. The parser's own sources are compiled into each
# harness with coverage instrumentation; the rest comes from the library.
# CTest runs each one over the samples plus a few seconds of fuzzing
# (PW_FUZZ_SECONDS, 10 by default); fuzz/run.sh runs them at length.
if(CMAKE_C_COMPILER_ID MATCHES "Clang")
  set(PW_FUZZ_SECONDS 10 CACHE STRING "seconds of fuzzing per harness in the CTest smoke run")
  file(GLOB PW_FUZZ_HARNESSES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/fuzz_*.c)
  file(GLOB PW_FUZZ_PARSER CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/edifact/*.c)
  foreach(src ${PW_FUZZ_HARNESSES})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src} ${PW_FUZZ_PARSER})
    target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/include)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer-no-link,address,undefined)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(${name} PRIVATE paxwatch_lib)
    set(corpus ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
    file(MAKE_DIRECTORY ${corpus})
    if(name STREQUAL "fuzz_pnrgov")
      set(seeds ${CMAKE_SOURCE_DIR}/data/samples/pnrgov)
    elseif(name STREQUAL "fuzz_paxlst")
      set(seeds ${CMAKE_SOURCE_DIR}/data/samples/paxlst)
    else()
      set(seeds ${CMAKE_SOURCE_DIR}/data/samples/paxlst ${CMAKE_SOURCE_DIR}/data/samples/pnrgov)
    endif()
    add_test(NAME ${name}_smoke
             COMMAND ${name} -max_total_time=${PW_FUZZ_SECONDS} -timeout=20 -rss_limit_mb=2048 -max_len=16384
                     -print_final_stats=1 ${corpus} ${seeds})
    set_tests_properties(${name}_smoke PROPERTIES LABELS fuzz TIMEOUT 300)
  endforeach()
endif()
