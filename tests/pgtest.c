/*
 * pgtest.c — a private PostgreSQL server for the storage tests (see pgtest.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>
#include <libpq-fe.h>

#include "pgtest.h"

/* The one server of this test process (torn down by atexit). */
static struct {
    bool running;
    char bindir[256];
    char dir[256];
    int port;
    unsigned databases;
    uid_t uid;
    gid_t gid;
} server;

static bool find_bindir(char *out, size_t cap)
{
    const char *env = getenv("PW_PG_BINDIR");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return true;
    }
    glob_t g;
    if (glob("/usr/lib/postgresql/*/bin/initdb", 0, NULL, &g) != 0)
        return false;
    /* The highest version: glob sorts, but "9" > "15" as text. */
    size_t best = 0;
    long best_version = -1;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        long v = strtol(g.gl_pathv[i] + strlen("/usr/lib/postgresql/"), NULL, 10);
        if (v > best_version) {
            best_version = v;
            best = i;
        }
    }
    snprintf(out, cap, "%s", g.gl_pathv[best]);
    globfree(&g);
    char *slash = strrchr(out, '/');
    if (slash)
        *slash = '\0';
    return true;
}

/* Runs argv (as the server's user when we are root), output to the log. */
static int run(char *const argv[])
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char log[300];
        snprintf(log, sizeof log, "%s/commands.log", server.dir);
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        if (getuid() == 0 && (setgid(server.gid) != 0 || setuid(server.uid) != 0))
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The last line a command wrote to the log, for the failure message. */
static void last_log_line(const char *name, char *out, size_t cap)
{
    char path[300], line[512];
    snprintf(path, sizeof path, "%s/%s", server.dir, name);
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (line[0] != '\n') {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, cap, "%s", line);
        }
    fclose(f);
}

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int port = -1;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    close(fd);
    return port;
}

static void remove_dir(void)
{
    if (!server.dir[0])
        return;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", server.dir);
    if (system(cmd) != 0)
        fprintf(stderr, "pgtest: could not remove %s\n", server.dir);
    server.dir[0] = '\0';
}

void pgtest_stop(void)
{
    if (server.running) {
        char pg_ctl[300], data[300];
        snprintf(pg_ctl, sizeof pg_ctl, "%s/pg_ctl", server.bindir);
        snprintf(data, sizeof data, "%s/data", server.dir);
        char *argv[] = {pg_ctl, "-D", data, "-m", "immediate", "-w", "stop", NULL};
        run(argv);
        server.running = false;
    }
    remove_dir();
}

bool pgtest_start(char *err, size_t cap)
{
    if (server.running)
        return true;
    if (!find_bindir(server.bindir, sizeof server.bindir)) {
        snprintf(err, cap, "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin): "
                           "install the Debian package 'postgresql' (make deps does)");
        return false;
    }
    snprintf(server.dir, sizeof server.dir, "/tmp/pwpg.XXXXXX");
    if (!mkdtemp(server.dir)) {
        snprintf(err, cap, "cannot create a temporary folder: %s", strerror(errno));
        return false;
    }
    atexit(pgtest_stop);
    server.uid = getuid();
    server.gid = getgid();
    if (getuid() == 0) {
        struct passwd *pw = getpwnam("postgres");
        if (!pw)
            pw = getpwnam("nobody");
        if (!pw) {
            snprintf(err, cap, "running as root and no 'postgres' or 'nobody' user to run PostgreSQL");
            return false;
        }
        server.uid = pw->pw_uid;
        server.gid = pw->pw_gid;
        if (chown(server.dir, server.uid, server.gid) != 0) {
            snprintf(err, cap, "cannot chown %s: %s", server.dir, strerror(errno));
            return false;
        }
    }
    char initdb[300], pg_ctl[300], data[300], log[300], last[512];
    snprintf(initdb, sizeof initdb, "%s/initdb", server.bindir);
    if (access(initdb, X_OK) != 0) {
        snprintf(err, cap, "no PostgreSQL initdb in %s: install the Debian package 'postgresql' "
                           "(make deps does)", server.bindir);
        return false;
    }
    snprintf(pg_ctl, sizeof pg_ctl, "%s/pg_ctl", server.bindir);
    snprintf(data, sizeof data, "%s/data", server.dir);
    snprintf(log, sizeof log, "%s/server.log", server.dir);
    char *init_argv[] = {initdb, "-D", data, "-A", "trust", "-U", "pw", "-E", "UTF8",
                         "--locale=C", "--no-sync", NULL};
    if (run(init_argv) != 0) {
        last_log_line("commands.log", last, sizeof last);
        snprintf(err, cap, "initdb failed: %s", last);
        return false;
    }
    for (int attempt = 0; attempt < 5; attempt++) {
        server.port = free_port();
        char opts[512];
        snprintf(opts, sizeof opts, "-h 127.0.0.1 -p %d -k %s -F -c max_connections=40",
                 server.port, server.dir);
        char *start_argv[] = {pg_ctl, "-D", data, "-l", log, "-o", opts, "-w", "-t", "60",
                              "start", NULL};
        if (run(start_argv) == 0) {
            server.running = true;
            return true;
        }
    }
    last_log_line("server.log", last, sizeof last);
    snprintf(err, cap, "PostgreSQL did not start: %s", last);
    return false;
}

bool pgtest_new_database(char *url, size_t cap, char *err, size_t errcap)
{
    char admin[128];
    snprintf(admin, sizeof admin, "postgresql://pw@127.0.0.1:%d/postgres", server.port);
    PGconn *c = PQconnectdb(admin);
    if (PQstatus(c) != CONNECTION_OK) {
        snprintf(err, errcap, "cannot connect to the test server: %s", PQerrorMessage(c));
        PQfinish(c);
        return false;
    }
    char sql[64];
    unsigned n = ++server.databases;
    snprintf(sql, sizeof sql, "CREATE DATABASE test%u", n);
    PGresult *r = PQexec(c, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        snprintf(err, errcap, "%s", PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
    snprintf(url, cap, "postgresql://pw@127.0.0.1:%d/test%u", server.port, n);
    return ok;
}

void pgtest_down_url(char *url, size_t cap)
{
    snprintf(url, cap, "postgresql://pw@127.0.0.1:%d/none", free_port());
}

int pgtest_run_group(const char *name, const struct CMUnitTest *tests, size_t n)
{
    char err[512];
    int failed;
    if (pgtest_start(err, sizeof err)) {
        failed = _cmocka_run_group_tests(name, tests, n, NULL, NULL);
    } else {
        printf("[  FAILED  ] %s: cannot start PostgreSQL for the tests: %s\n", name, err);
        failed = 1;
    }
    pgtest_stop();
    return failed;
}
