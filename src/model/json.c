/*
 * json.c — a string as a JSON string literal (RFC 8259 §7), for the JSON
 * Lines the command writes: runs of plain bytes go out in one write.
 */
#include <stdio.h>

#include "model.h"

void model_json_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    size_t run = 0, i = 0;
    for (; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fwrite(s + run, 1, i - run, out);
        run = i + 1;
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default: fprintf(out, "\\u%04x", c);
        }
    }
    fwrite(s + run, 1, i - run, out);
    fputc('"', out);
}
