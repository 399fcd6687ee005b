/*
 * model.h — internal helpers of the model module shared by other modules:
 * small string utilities that every loader needs, and a buffered JSON Lines
 * writer.
 */
#ifndef PW_MODEL_H
#define PW_MODEL_H

#include <stdio.h>

#include "paxwatch.h"

/* Grows *array (of elem bytes each) so that it holds at least need elements. */
pw_status model_grow(void **array, size_t *cap, size_t need, size_t elem);

/* A large array or arena block (free() it): size bytes, not zeroed. From 2 MB
 * up, 2 MB aligned and advised for transparent huge pages; model_large_size
 * says how many bytes such an allocation really holds (size rounded up). */
void *model_alloc_large(size_t size);
size_t model_large_size(size_t size);

/* Trims ASCII white space at both ends in place; returns s. */
char *model_trim(char *s);

/* Case-insensitive ASCII comparison. */
int model_strcasecmp(const char *a, const char *b);

/* A buffered writer for JSON Lines: pieces gather in buf, model_flush
 * writes them to out. */
typedef struct model_writer {
    FILE *out;
    size_t n;
    char buf[2048];
} model_writer;

void model_put(model_writer *w, const char *s, size_t n);
/* s (up to n bytes or its NUL) as a JSON string literal, quoted and escaped. */
void model_put_json_string(model_writer *w, const char *s, size_t n);
/* x with `decimals` digits after the point, exactly as printf's "%.*f". */
void model_put_fixed(model_writer *w, double x, unsigned decimals);
void model_flush(model_writer *w);
/* A JSON string literal straight to a stream. */
void model_json_string(FILE *out, const char *s, size_t n);

/* Reports one error through a sink (a NULL sink drops nothing: it prints to stderr). */
void model_report(pw_error_fn fn, void *ctx, const pw_error *e);

#endif
