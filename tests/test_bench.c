/*
 * test_bench.c — the benchmark's data generator (bench/bench_gen.c): runs the
 * built program at a small size and checks that its watchlist and travelers
 * follow FORMATS.md, that every labelled traveler points at a real entry with
 * the variation its kind names, and that a seed always gives the same bytes.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "testutil.h"

/* ---- a CSV file as a table (pw_csv, RFC 4180) ---- */

typedef struct table {
    size_t n_rows;
    size_t n_cols;
    char ***rows;            /* rows[0] is the header */
} table;

static table read_table(const char *path)
{
    table t = {0};
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(pw_read_file(path, &text, &len), PW_OK);
    pw_csv *csv = pw_csv_new(text, len);
    assert_non_null(csv);
    size_t cap = 1024;
    t.rows = malloc(cap * sizeof *t.rows);
    const char **fields, *error = NULL;
    size_t n;
    unsigned line;
    while (pw_csv_next(csv, &fields, &n, &line, &error)) {
        if (t.n_rows == 0)
            t.n_cols = n;
        assert_int_equal(n, t.n_cols);
        if (t.n_rows == cap)
            t.rows = realloc(t.rows, (cap *= 2) * sizeof *t.rows);
        t.rows[t.n_rows] = malloc(n * sizeof(char *));
        for (size_t i = 0; i < n; i++)
            t.rows[t.n_rows][i] = strdup(fields[i]);
        t.n_rows++;
    }
    assert_null(error);
    pw_csv_free(csv);
    free(text);
    return t;
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->n_rows; i++) {
        for (size_t j = 0; j < t->n_cols; j++)
            free(t->rows[i][j]);
        free(t->rows[i]);
    }
    free(t->rows);
}

static int col(const table *t, const char *name)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (strcmp(t->rows[0][i], name) == 0)
            return (int)i;
    fail_msg("no column %s", name);
    return -1;
}

/* ---- running the generator ---- */

static const char *gen_path(void)
{
    static char path[1024];
    char bin[1024];
    snprintf(bin, sizeof bin, "%s", PW_BIN);
    snprintf(path, sizeof path, "%s/bench_gen", dirname(bin));
    return path;
}

static int run_gen(const char *args, const char *out_dir)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' %s --out-dir '%s' --data-dir '%s' 2>/dev/null", gen_path(), args, out_dir,
             PW_DATA_DIR);
    int st = system(cmd);
    return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *out_dir(const char *name)
{
    static char bufs[4][512];
    static unsigned next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", test_tmpdir(), name);
    return b;
}

static const char *file_in(const char *dir, const char *file)
{
    static char bufs[4][600];
    static unsigned next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", dir, file);
    return b;
}

#define SMALL "--entries 3000 --travelers-per-kind 25 --clean 60 --seed 7"

static const char *const positive_kinds[] = {
    "exact", "alias", "diacritics", "order", "typo", "middle_name", "patronymic", "joined_split",
    "script", "romanization", "nickname", "dob_swapped", "dob_year_off", "dob_year_only", "dob_missing",
    "renewed_passport"};
static const char *const negative_kinds[] = {"clean", "same_name_diff_dob", "similar_name"};

static int is_positive(const char *kind)
{
    for (size_t i = 0; i < sizeof positive_kinds / sizeof *positive_kinds; i++)
        if (strcmp(kind, positive_kinds[i]) == 0)
            return 1;
    return 0;
}

static int is_negative(const char *kind)
{
    for (size_t i = 0; i < sizeof negative_kinds / sizeof *negative_kinds; i++)
        if (strcmp(kind, negative_kinds[i]) == 0)
            return 1;
    return 0;
}

static int ascii_name(const char *s)
{
    for (; *s; s++)
        if (!(*s >= 'A' && *s <= 'Z') && *s != ' ')
            return 0;
    return 1;
}

/* a code point of Cyrillic, Greek, Han or Hangul */
static int other_script(const char *s)
{
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if (*u == 0xD0 || *u == 0xD1 || *u == 0xCE || *u == 0xCF)    /* Cyrillic, Greek */
            return 1;
        if (*u >= 0xE4 && *u <= 0xED)                                 /* U+4000..U+DFFF: Han, Hangul */
            return 1;
    }
    return 0;
}

static int non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

/* row of the watchlist with this id (ids are E0000001.. in order) */
static char **entry_row(const table *w, const char *id)
{
    size_t i = strtoul(id + 1, NULL, 10);
    assert_true(i >= 1 && i < w->n_rows);
    assert_string_equal(w->rows[i][col(w, "id")], id);
    return w->rows[i];
}

static void help_and_bad_usage(void **state)
{
    (void)state;
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' --help >/dev/null", gen_path());
    int st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    snprintf(cmd, sizeof cmd, "'%s' --frobnicate 3 2>/dev/null", gen_path());
    st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 2);
    assert_int_not_equal(run_gen("--entries 10", "/nonexistent/dir/x"), 0);
}

static void watchlist_follows_formats(void **state)
{
    (void)state;
    const char *dir = out_dir("fmt");
    assert_int_equal(run_gen(SMALL, dir), 0);
    table w = read_table(file_in(dir, "watchlist.csv"));
    const char *cols[] = {"id", "list", "category", "surname", "given_names", "name",
                          "aliases", "dob", "sex", "nationality", "documents"};
    assert_int_equal(w.n_cols, 11);
    for (size_t i = 0; i < 11; i++)
        assert_string_equal(w.rows[0][i], cols[i]);
    assert_int_equal(w.n_rows, 3001);
    size_t with_alias = 0, with_doc = 0, full = 0, year = 0, none = 0, scripts = 0, marks = 0, two = 0;
    for (size_t i = 1; i < w.n_rows; i++) {
        char **r = w.rows[i];
        char id[32];
        snprintf(id, sizeof id, "E%07zu", i);
        assert_string_equal(r[0], id);
        pw_category c;
        assert_true(pw_category_parse(r[2], &c));
        assert_true(*r[3] || *r[4] || *r[5]);
        if (*r[5])
            assert_true(!*r[3] && !*r[4]);
        with_alias += *r[6] != 0;
        if (*r[6]) {
            /* each alias is "SURNAME, GIVEN" or a whole name, none empty */
            assert_null(strstr(r[6], "||"));
            assert_true(r[6][0] != '|' && r[6][strlen(r[6]) - 1] != '|');
        }
        pw_date d;
        if (*r[7]) {
            char first[32];
            snprintf(first, sizeof first, "%s", r[7]);
            char *second = strchr(first, '|');
            if (second) {
                /* two candidate dates: a year apart, full */
                pw_date d2;
                *second++ = 0;
                assert_true(pw_date_parse(second, &d2));
                assert_true(pw_date_parse(first, &d));
                assert_true(d.day && d2.day && abs(d.year - d2.year) == 1 && d.month == d2.month);
                two++;
            }
            assert_true(pw_date_parse(first, &d));
            assert_true(d.year >= 1940 && d.year <= 2005);
            if (d.month)
                full++;
            else
                year++;
        } else {
            none++;
        }
        assert_true(strcmp(r[8], "M") == 0 || strcmp(r[8], "F") == 0);
        char nat[64];
        snprintf(nat, sizeof nat, "%s", r[9]);
        for (char *t = strtok(nat, "|"); t; t = strtok(NULL, "|")) {
            char a3[4];
            assert_int_equal(strlen(t), 3);
            assert_true(pw_country_alpha3(t, a3));
        }
        if (*r[10]) {
            with_doc++;
            assert_int_equal(strncmp(r[10], "P:", 2), 0);
            assert_int_equal(strncmp(r[10] + 2, r[9], 3), 0);
            assert_int_equal(r[10][5], ':');
            assert_int_equal(strlen(r[10] + 6), 9);
        }
        scripts += other_script(r[3]) || other_script(r[5]);
        marks += non_ascii(r[3]) || non_ascii(r[4]) || non_ascii(r[5]);
    }
    /* the shares the generator promises, loosely: 70/15/15 dates, 40% passports, 60% aliases */
    assert_true(full > 1900 && full < 2300);
    assert_true(year > 300 && year < 600 && none > 300 && none < 600);
    assert_true(with_doc > 1000 && with_doc < 1400);
    assert_true(two > 50 && two < 170);
    assert_true(with_alias > 1600 && with_alias < 2000);
    assert_true(scripts > 100);
    assert_true(marks > scripts);
    free_table(&w);
}

static void travelers_are_labelled(void **state)
{
    (void)state;
    const char *dir = out_dir("lab");
    assert_int_equal(run_gen(SMALL, dir), 0);
    table w = read_table(file_in(dir, "watchlist.csv"));
    table t = read_table(file_in(dir, "travelers.csv"));
    const char *cols[] = {"id", "surname", "given_names", "name", "dob", "sex", "nationality",
                          "doc_type", "doc_number", "doc_country", "expect", "kind", "source", "twins",
                          "document", "indistinct"};
    assert_int_equal(t.n_cols, 16);
    for (size_t i = 0; i < 16; i++)
        assert_string_equal(t.rows[0][i], cols[i]);
    int c_sur = col(&t, "surname"), c_giv = col(&t, "given_names"), c_name = col(&t, "name");
    int c_dob = col(&t, "dob"), c_expect = col(&t, "expect"), c_kind = col(&t, "kind");
    int c_source = col(&t, "source"), c_doc = col(&t, "document"), c_number = col(&t, "doc_number");
    int w_docs = col(&w, "documents");
    size_t same = 0, renewed = 0;
    int w_dob = col(&w, "dob"), w_sur = col(&w, "surname"), w_giv = col(&w, "given_names");
    int w_name = col(&w, "name"), w_alias = col(&w, "aliases");
    size_t counts[32] = {0};
    for (size_t i = 1; i < t.n_rows; i++) {
        char **r = t.rows[i];
        const char *kind = r[c_kind];
        assert_true(is_positive(kind) || is_negative(kind));
        for (size_t k = 0; k < 16; k++)
            counts[k] += strcmp(kind, positive_kinds[k]) == 0;
        for (size_t k = 0; k < 3; k++)
            counts[16 + k] += strcmp(kind, negative_kinds[k]) == 0;
        /* passport Latin, as API data carries it */
        assert_true(ascii_name(r[c_sur]) && ascii_name(r[c_giv]) && ascii_name(r[c_name]));
        assert_true(*r[c_sur] || *r[c_giv] || *r[c_name]);
        pw_date td = {0};
        if (*r[c_dob])
            assert_true(pw_date_parse(r[c_dob], &td));
        if (strcmp(kind, "clean") == 0) {
            assert_string_equal(r[c_expect], "");
            assert_string_equal(r[c_source], "");
            assert_true(td.year >= 1940 && td.year <= 2005 && td.day);
            continue;
        }
        char **e = entry_row(&w, r[c_source]);
        if (is_negative(kind)) {
            assert_string_equal(r[c_expect], "");
            assert_string_equal(r[c_doc], "");
        } else {
            assert_string_equal(r[c_expect], r[c_source]);
            /* the listed passport "P:CCC:NUMBER", carried or renewed */
            const char *listed = *e[w_docs] ? e[w_docs] + 6 : "";
            if (strcmp(r[c_doc], "same") == 0) {
                assert_string_equal(r[c_number], listed);
                same++;
            } else if (strcmp(r[c_doc], "renewed") == 0) {
                assert_true(*listed && strcmp(r[c_number], listed) != 0);
                assert_string_equal(kind, "renewed_passport");   /* only there */
                renewed++;
            } else {
                assert_string_equal(r[c_doc], "");
                assert_string_equal(listed, "");
            }
        }
        pw_date ed = {0};
        if (*e[w_dob]) {
            char first[32];
            snprintf(first, sizeof first, "%s", e[w_dob]);
            first[strcspn(first, "|")] = 0;         /* travelers follow the first date */
            assert_true(pw_date_parse(first, &ed));
        }
        if (strcmp(kind, "dob_swapped") == 0) {
            assert_true(ed.day && td.year == ed.year && td.month == ed.day && td.day == ed.month);
            assert_int_not_equal(ed.day, ed.month);
        } else if (strcmp(kind, "dob_year_off") == 0) {
            assert_true(ed.day && abs(td.year - ed.year) == 1 && td.month == ed.month);
        } else if (strcmp(kind, "dob_year_only") == 0) {
            assert_true(ed.day && td.year == ed.year && td.month == 0);
        } else if (strcmp(kind, "dob_missing") == 0) {
            assert_true(ed.day && td.year == 0);
        } else if (strcmp(kind, "same_name_diff_dob") == 0) {
            assert_true(ed.day && abs(td.year - ed.year) >= 6);
        } else if (is_positive(kind)) {
            /* the entry's date as a passport has it: the same, or a day in its year */
            if (ed.year) {
                assert_int_equal(td.year, ed.year);
                if (ed.month)
                    assert_true(td.month == ed.month && td.day == ed.day);
            }
            assert_true(td.day != 0);
        }
        if (strcmp(kind, "script") == 0)
            assert_true(other_script(e[w_sur]) || other_script(e[w_name]));
        else if (strcmp(kind, "diacritics") == 0)
            assert_true(non_ascii(e[w_sur]) || non_ascii(e[w_giv]) || non_ascii(e[w_name]));
        else if (strcmp(kind, "alias") == 0)
            assert_true(*e[w_alias]);
        else if (strcmp(kind, "order") == 0)
            assert_true(*r[c_name] || (*r[c_sur] && *r[c_giv]));
        else if (strcmp(kind, "patronymic") == 0)
            assert_true(strstr(r[c_giv], " ") == NULL);     /* the given name alone */
        else if (strcmp(kind, "joined_split") == 0 || strcmp(kind, "romanization") == 0 ||
                 strcmp(kind, "typo") == 0 || strcmp(kind, "nickname") == 0)
            assert_false(other_script(e[w_sur]) || other_script(e[w_name]));
    }
    assert_true(same > 30);
    assert_int_equal(renewed, 25);          /* every renewed_passport traveler, no other */
    for (size_t k = 0; k < 19; k++) {
        size_t want = k == 16 ? 60 : 25;
        if (counts[k] != want)
            fail_msg("kind %s: %zu travelers, expected %zu", k < 16 ? positive_kinds[k] : negative_kinds[k - 16],
                     counts[k], want);
    }
    free_table(&t);
    free_table(&w);
}

static int same_file(const char *a, const char *b)
{
    char *x = NULL, *y = NULL;
    size_t lx = 0, ly = 0;
    assert_int_equal(pw_read_file(a, &x, &lx), PW_OK);
    assert_int_equal(pw_read_file(b, &y, &ly), PW_OK);
    int same = lx == ly && memcmp(x, y, lx) == 0;
    free(x);
    free(y);
    return same;
}

static void same_seed_same_bytes(void **state)
{
    (void)state;
    const char *a = out_dir("seed-a"), *b = out_dir("seed-b"), *c = out_dir("seed-c");
    assert_int_equal(run_gen(SMALL, a), 0);
    assert_int_equal(run_gen(SMALL, b), 0);
    assert_int_equal(run_gen("--entries 3000 --travelers-per-kind 25 --clean 60 --seed 8", c), 0);
    assert_true(same_file(file_in(a, "watchlist.csv"), file_in(b, "watchlist.csv")));
    assert_true(same_file(file_in(a, "travelers.csv"), file_in(b, "travelers.csv")));
    assert_false(same_file(file_in(a, "watchlist.csv"), file_in(c, "watchlist.csv")));
    assert_false(same_file(file_in(a, "travelers.csv"), file_in(c, "travelers.csv")));
}

static int cmp_token(const void *a, const void *b) { return strcmp(a, b); }

/* the tokens of a name (and its title, if one was taken off), sorted, joined by spaces */
static void sorted_tokens(const char *sur, const char *giv, const char *whole, char *out, size_t cap)
{
    pw_name_tokens t;
    out[0] = 0;
    assert_int_equal(pw_name_split(*sur ? sur : NULL, *giv ? giv : NULL, *whole ? whole : NULL, 0, &t), PW_OK);
    /* a word read as a title (SHEIKH in AISHA ABOU SHEIKH) still counts */
    if (t.title[0] && t.n < PW_MAX_TOKENS)
        snprintf(t.token[t.n++], PW_MAX_TOKEN, "%s", t.title);
    qsort(t.token, t.n, sizeof t.token[0], cmp_token);
    for (unsigned i = 0; i < t.n; i++) {
        size_t l = strlen(out);
        snprintf(out + l, cap - l, "%s%s", i ? " " : "", t.token[i]);
    }
}

/* An exact traveler is his entry's name as the project folds it (ICAO 9303):
 * the generator's passport forms agree with pw_fold. */
static void exact_travelers_fold_like_the_list(void **state)
{
    (void)state;
    const char *dir = out_dir("exact");
    assert_int_equal(run_gen("--entries 20000 --travelers-per-kind 300 --clean 0 --seed 11", dir), 0);
    table w = read_table(file_in(dir, "watchlist.csv"));
    table t = read_table(file_in(dir, "travelers.csv"));
    int c_kind = col(&t, "kind"), c_source = col(&t, "source");
    int w_sur = col(&w, "surname"), w_giv = col(&w, "given_names"), w_name = col(&w, "name");
    size_t n = 0;
    for (size_t i = 1; i < t.n_rows; i++) {
        char **r = t.rows[i];
        if (strcmp(r[c_kind], "exact") != 0)
            continue;
        char **e = entry_row(&w, r[c_source]);
        char a[512], b[512];
        sorted_tokens(r[col(&t, "surname")], r[col(&t, "given_names")], r[col(&t, "name")], a, sizeof a);
        sorted_tokens(e[w_sur], e[w_giv], e[w_name], b, sizeof b);
        if (strcmp(a, b) != 0)
            fail_msg("%s: traveler %s, list %s", r[0], a, b);
        n++;
    }
    assert_int_equal(n, 300);
    free_table(&t);
    free_table(&w);
}

/* a larger list has namesakes: the point of same_name_diff_dob; clean
 * travelers are people the list does not name (surnames held out) */
static void common_names_collide(void **state)
{
    (void)state;
    const char *dir = out_dir("twins");
    assert_int_equal(run_gen("--entries 50000 --travelers-per-kind 5 --clean 200 --seed 3", dir), 0);
    table t = read_table(file_in(dir, "travelers.csv"));
    int c_kind = col(&t, "kind"), c_twins = col(&t, "twins");
    size_t clean = 0, twins = 0, same_name = 0, same_twins = 0;
    for (size_t i = 1; i < t.n_rows; i++) {
        long n = strtol(t.rows[i][c_twins], NULL, 10);
        if (strcmp(t.rows[i][c_kind], "clean") == 0) {
            clean++;
            twins += n > 0;
        } else if (strcmp(t.rows[i][c_kind], "same_name_diff_dob") == 0) {
            same_name++;
            same_twins += n > 0;       /* at least the entry it was copied from */
        }
    }
    assert_int_equal(clean, 200);
    assert_int_equal(same_twins, same_name);
    assert_true(same_name > 0);
    assert_int_equal(twins, 0);
    free_table(&t);
}

/* indistinct counts the entries with no date of birth, or only the
 * traveler's year, that have his name exactly or with one typing error: the
 * entry an exact, order or typo traveler was made from when it gives no date
 * or a year, and never one that gives a full date; a clean traveler may have
 * such a neighbour too (the list is dense), but not the same-name traveler
 * of a dated entry for that entry's sake alone */
static void indistinct_counts_the_lists_vague_entries(void **state)
{
    (void)state;
    const char *dir = out_dir("vague");
    assert_int_equal(run_gen("--entries 20000 --travelers-per-kind 200 --clean 200 --seed 5", dir), 0);
    table w = read_table(file_in(dir, "watchlist.csv"));
    table t = read_table(file_in(dir, "travelers.csv"));
    int c_kind = col(&t, "kind"), c_source = col(&t, "source"), c_ind = col(&t, "indistinct");
    int c_dob = col(&t, "dob"), w_dob = col(&w, "dob");
    size_t vague = 0, dated = 0, dated_counted = 0, clean_counted = 0;
    for (size_t i = 1; i < t.n_rows; i++) {
        char **r = t.rows[i];
        long n = strtol(r[c_ind], NULL, 10);
        assert_true(n >= 0);
        if (strcmp(r[c_kind], "clean") == 0)
            clean_counted += n > 0;
        if (strcmp(r[c_kind], "exact") && strcmp(r[c_kind], "order") && strcmp(r[c_kind], "typo"))
            continue;
        const char *d = entry_row(&w, r[c_source])[w_dob];
        if (!d[0] || (strlen(d) == 4 && strncmp(d, r[c_dob], 4) == 0)) {
            vague++;
            if (n < 1)
                fail_msg("%s (%s of %s, born %s): indistinct %ld", r[0], r[c_kind], r[c_source], d, n);
        } else {
            dated++;
            dated_counted += n > 0;
        }
    }
    assert_true(vague > 100);
    assert_true(dated > 100);
    assert_true(dated_counted < dated / 2);     /* other entries' namesakes only */
    assert_true(clean_counted < 200);
    free_table(&t);
    free_table(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_and_bad_usage),
        cmocka_unit_test(watchlist_follows_formats),
        cmocka_unit_test(travelers_are_labelled),
        cmocka_unit_test(same_seed_same_bytes),
        cmocka_unit_test(common_names_collide),
        cmocka_unit_test(indistinct_counts_the_lists_vague_entries),
        cmocka_unit_test(exact_travelers_fold_like_the_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
