/*
 * file.c — reading a whole input into memory. Inputs (messages, lists) are
 * parsed from one buffer so that errors can name lines and segments.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "paxwatch.h"

pw_status pw_read_stream(FILE *f, char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return PW_ERR_NOMEM;
    for (;;) {
        if (cap - n < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return PW_ERR_NOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return PW_ERR_IO;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return PW_OK;
}

pw_status pw_read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return PW_ERR_IO;
    pw_status st = pw_read_stream(f, data, len);
    fclose(f);
    return st;
}
