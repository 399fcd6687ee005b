/*
 * fuzz_paxlst.c — libFuzzer harness for PAXLST reading (pw_edifact_read),
 * seeded with data/samples/paxlst.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(data, size,
              "UNB+UNOA:4+A+B+200101:1200+1'UNH+1+PAXLST:D:05B:UN:IATA+R+01:C'BGM+745'TDT+20+XY1'"
              "LOC+125+AAA'DTM+189:2001011200:201'NAD+FL+++DOE:JO'");
    return 0;
}
