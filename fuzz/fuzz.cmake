# fuzz.cmake — libFuzzer harnesses (fuzz/fuzz_*.c) for everything that reads
# input: the EDIFACT lexer and parsers, travelers in every format with the
# screening of what they hold, watchlists in every format with the index
# built over them, and the rule language. Built only with clang. The
# modules a harness exercises are compiled into it with coverage
# instrumentation; the rest comes from the library. Each harness has a seed
# directory, fuzz-seeds/<harness> in the build directory, made here from the
# samples. CTest runs each one over its seeds plus a few seconds of fuzzing
# (PW_FUZZ_SECONDS, 10 by default); fuzz/run.sh runs them at length.
if(CMAKE_C_COMPILER_ID MATCHES "Clang")
  set(PW_FUZZ_SECONDS 10 CACHE STRING "seconds of fuzzing per harness in the CTest smoke run")
  set(src ${CMAKE_SOURCE_DIR}/src)
  set(samples ${CMAKE_SOURCE_DIR}/data/samples)
  file(GLOB edifact_sources CONFIGURE_DEPENDS ${src}/edifact/*.c)
  file(GLOB screening_sources CONFIGURE_DEPENDS ${src}/text/*.c ${src}/match/*.c)
  file(GLOB ingest_sources CONFIGURE_DEPENDS ${src}/ingest/*.c)
  file(GLOB watchlist_sources CONFIGURE_DEPENDS ${src}/watchlist/*.c)
  file(GLOB rules_sources CONFIGURE_DEPENDS ${src}/rules/*.c)
  file(GLOB paxlst_seeds ${samples}/paxlst/*)
  file(GLOB pnrgov_seeds ${samples}/pnrgov/*)
  set(PW_FUZZ_SEEDS ${CMAKE_BINARY_DIR}/fuzz-seeds)

  # name: the harness; sources: the modules it instruments; seeds: files copied
  # into its seed directory; heads: large files of which the first 16 KB are.
  function(pw_fuzz name)
    cmake_parse_arguments(F "" "" "SOURCES;SEEDS;HEADS" ${ARGN})
    add_executable(${name} ${CMAKE_SOURCE_DIR}/fuzz/${name}.c ${F_SOURCES})
    target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/include)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer-no-link,address,undefined)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(${name} PRIVATE paxwatch_lib)
    set(seeds ${PW_FUZZ_SEEDS}/${name})
    file(MAKE_DIRECTORY ${seeds} ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
    if(F_SEEDS)
      file(COPY ${F_SEEDS} DESTINATION ${seeds})
    endif()
    foreach(head ${F_HEADS})
      get_filename_component(base ${head} NAME)
      file(READ ${head} text LIMIT 16000)
      file(WRITE ${seeds}/head-${base} "${text}")
    endforeach()
    add_test(NAME ${name}_smoke
             COMMAND ${name} -max_total_time=${PW_FUZZ_SECONDS} -timeout=20 -rss_limit_mb=2048 -max_len=16384
                     -print_final_stats=1 ${CMAKE_BINARY_DIR}/fuzz-corpus/${name} ${seeds})
    set_tests_properties(${name}_smoke PROPERTIES LABELS fuzz TIMEOUT 300)
  endfunction()

  pw_fuzz(fuzz_lexer SOURCES ${edifact_sources} SEEDS ${paxlst_seeds} ${pnrgov_seeds})
  pw_fuzz(fuzz_paxlst SOURCES ${edifact_sources} SEEDS ${paxlst_seeds})
  pw_fuzz(fuzz_pnrgov SOURCES ${edifact_sources} SEEDS ${pnrgov_seeds})
  pw_fuzz(fuzz_travelers SOURCES ${ingest_sources} ${edifact_sources} ${screening_sources}
          SEEDS ${CMAKE_SOURCE_DIR}/data/travelers-sample.csv ${paxlst_seeds} ${pnrgov_seeds})
  pw_fuzz(fuzz_watchlist SOURCES ${watchlist_sources} ${screening_sources}
          SEEDS ${CMAKE_SOURCE_DIR}/data/unit-watchlist.csv
          HEADS ${CMAKE_SOURCE_DIR}/data/lists/un-consolidated/consolidated.xml
                ${CMAKE_SOURCE_DIR}/data/lists/ofac-sdn-2021/sdn.csv)
  file(GLOB rule_seeds ${CMAKE_SOURCE_DIR}/rules/*.rules)
  pw_fuzz(fuzz_rules SOURCES ${rules_sources} SEEDS ${rule_seeds})
  target_compile_definitions(fuzz_rules PRIVATE
    FUZZ_RULES_SAMPLE="${samples}/pnrgov/gtas-loader__pnr-messages__multiple_flight_leg_pnr.txt")
endif()
