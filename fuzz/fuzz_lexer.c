/*
 * fuzz_lexer.c — libFuzzer harness for the EDIFACT lexer (ISO 9735 syntax):
 * every segment's spans must lie inside the input and every value must copy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "paxwatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pw_edifact_segment seg;
    pw_edifact_lexer lx;
    const char *text = (const char *)data;
    pw_edifact_lexer_init(&lx, "fuzz", text, size, NULL, NULL);
    unsigned last = 0;
    while (pw_edifact_next(&lx, &seg)) {
        if (seg.number != last + 1 || seg.text < text || seg.text + seg.len > text + size)
            abort();
        last = seg.number;
        for (unsigned e = 0; e < seg.n_elements; e++) {
            unsigned n = pw_edifact_components(&seg, e);
            for (unsigned c = 0; c < n; c++) {
                unsigned i = seg.first[e] + c;
                if (seg.span[i].off + seg.span[i].len > seg.len)
                    abort();
                char small[4], big[256];
                size_t full = pw_edifact_value(&seg, e, c, small, sizeof small);
                size_t again = pw_edifact_value(&seg, e, c, big, sizeof big);
                if (full != again || strlen(small) > 3 || strlen(big) > full)
                    abort();
            }
        }
    }
    return 0;
}
