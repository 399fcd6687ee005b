/*
 * fuzz_pnrgov.c — libFuzzer harness for PNRGOV reading (pw_edifact_read),
 * seeded with data/samples/pnrgov.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(data, size,
              "UNB+IATA:1+XX++200101:1200+1'UNH+1+PNRGOV:11:1:IA+F'TVL+050120:1000+AAA+BBB+XX+1'"
              "SRC'RCI+XX:LOC::010120:0900'TIF+DOE+JOMR:A:1'");
    return 0;
}
