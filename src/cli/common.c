/*
 * common.c — what several subcommands do the same way: load watchlists into
 * one index, printing counts and bad rows on standard error; read an input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cli.h"

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

pw_status cli_load_lists(const char *const *paths, size_t n, pw_store *store, const char *const *names,
                         size_t n_names, cli_lists *out, bool *rejected)
{
    memset(out, 0, sizeof *out);
    out->lists = calloc(n + 1, sizeof *out->lists);
    if (!out->lists)
        return PW_ERR_NOMEM;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < n; i++) {
        pw_watchlist *w = pw_watchlist_new();
        if (!w)
            return PW_ERR_NOMEM;
        out->lists[out->n++] = w;
        pw_load_stats stats = {0};
        pw_status st = pw_watchlist_load(w, paths[i], NULL, pw_error_print, stderr, &stats);
        if (st != PW_OK && st != PW_ERR_REJECTS) {
            fprintf(stderr, "paxwatch: %s: %s\n", paths[i], pw_status_str(st));
            cli_lists_free(out);
            return st;
        }
        if (st == PW_ERR_REJECTS)
            *rejected = true;
        fprintf(stderr, "%s: %s, %zu entries, %zu aliases, %zu rejected\n", paths[i],
                stats.format ? stats.format : "?", stats.entries, stats.aliases, stats.rejected);
    }
    if (store) {
        pw_watchlist *w = pw_watchlist_new();
        if (!w)
            return PW_ERR_NOMEM;
        out->lists[out->n++] = w;
        pw_status st = pw_store_load_lists(store, names, n_names, w);
        if (st != PW_OK) {
            fprintf(stderr, "paxwatch: %s\n", pw_store_error(store));
            cli_lists_free(out);
            return st;
        }
        fprintf(stderr, "stored lists: %zu entries\n", pw_watchlist_count(w));
    }
    pw_status st = pw_index_build((const pw_watchlist *const *)out->lists, out->n, &out->index);
    if (st != PW_OK) {
        fprintf(stderr, "paxwatch: cannot build the index: %s\n", pw_status_str(st));
        cli_lists_free(out);
        return st;
    }
    fprintf(stderr, "index: %zu entries, %.1f MB, built in %.2f s\n", pw_index_entries(out->index),
            (double)pw_index_memory(out->index) / 1e6, seconds_since(&t0));
    return PW_OK;
}

void cli_lists_free(cli_lists *l)
{
    pw_index_free(l->index);
    for (size_t i = 0; i < l->n; i++)
        pw_watchlist_free(l->lists[i]);
    free(l->lists);
    memset(l, 0, sizeof *l);
}

pw_status cli_read_all(const char *path, char **data, size_t *len)
{
    return strcmp(path, "-") == 0 ? pw_read_stream(stdin, data, len) : pw_read_file(path, data, len);
}

pw_status cli_read_input(const char *path, pw_batch *b, char hash[65])
{
    char *data;
    size_t len;
    pw_status st = cli_read_all(path, &data, &len);
    if (st != PW_OK) {
        fprintf(stderr, "%s: %s\n", path, st == PW_ERR_IO ? "cannot read" : pw_status_str(st));
        return st;
    }
    if (hash) {
        unsigned char h[32];
        crypto_generichash(h, sizeof h, (const unsigned char *)data, len, NULL, 0);
        sodium_bin2hex(hash, 65, h, sizeof h);
    }
    st = pw_read_travelers(path, data, len, b, pw_error_print, stderr);
    free(data);
    if (st == PW_ERR_FORMAT)
        fprintf(stderr, "%s: not a travelers CSV, PAXLST or PNRGOV input\n", path);
    return st;
}
