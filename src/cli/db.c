/*
 * db.c — what the storage commands share: reading "--db URL"-style options
 * and opening the store with a one-line error.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

bool cli_option(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, n) != 0)
        return false;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return true;
    }
    if (arg[n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        *value = NULL;    /* the caller reports the missing value */
        return true;
    }
    *value = argv[++*i];
    return true;
}

pw_store *cli_open_store(const char *command, const char *url)
{
    pw_status st;
    char err[512];
    pw_store *s = pw_store_open(url, &st, err, sizeof err);
    if (!s)
        fprintf(stderr, "paxwatch %s: %s\n", command, err);
    return s;
}
