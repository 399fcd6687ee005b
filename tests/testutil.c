/*
 * testutil.c — see testutil.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

const char *test_data(const char *rel)
{
    static char bufs[8][1024];
    static unsigned next;
    char *b = bufs[next++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", PW_DATA_DIR, rel);
    return b;
}

static char *slurp(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (pw_read_file(path, &data, &len) != PW_OK)
        return strdup("");
    return data;
}

const char *test_tmpdir(void)
{
    static char dir[256];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/pwtest.XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    return dir;
}

test_run test_paxwatch(const char *args, const char *stdin_text)
{
    test_run r = {-1, NULL, NULL};
    const char *dir = test_tmpdir();
    char in[512], out[512], err[512];
    static unsigned seq;
    unsigned id = seq++;
    snprintf(in, sizeof in, "%s/run%u.in", dir, id);
    snprintf(out, sizeof out, "%s/run%u.out", dir, id);
    snprintf(err, sizeof err, "%s/run%u.err", dir, id);
    FILE *f = fopen(in, "w");
    if (!f)
        abort();
    if (stdin_text)
        fputs(stdin_text, f);
    fclose(f);
    size_t cap = strlen(args) + 3 * 512 + strlen(PW_BIN) + 64;
    char *cmd = malloc(cap);
    snprintf(cmd, cap, "'%s' %s <'%s' >'%s' 2>'%s'", PW_BIN, args, in, out, err);
    int st = system(cmd);
    free(cmd);
    if (st != -1 && WIFEXITED(st))
        r.status = WEXITSTATUS(st);
    r.out = slurp(out);
    r.err = slurp(err);
    unlink(in);
    unlink(out);
    unlink(err);
    return r;
}

void test_run_free(test_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

size_t test_count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}
