/*
 * cmd_compare.c — paxwatch compare: the score of two names (and dates of
 * birth), the decision at the default threshold, and why. NAME1 is taken as
 * the traveler, NAME2 as the listed person. With --batch, JSON lines in,
 * one JSON line out per line in, in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: paxwatch compare NAME1 NAME2 [--dob1 D] [--dob2 D] [--sex1 S] [--sex2 S]\n"
          "                        [--nat1 CC] [--nat2 CC] [--threshold T]\n"
          "       paxwatch compare --batch FILE|-\n\n"
          "Scores NAME1 (a traveler) against NAME2 (a listed person). Names in any script and\n"
          "form: \"SURNAME, GIVEN\", \"GIVEN SURNAME\", MRZ \"SURNAME<<GIVEN\". Dates YYYY-MM-DD,\n"
          "YYYY-MM or YYYY.\n\n"
          "--batch reads JSON lines {\"name1\":..,\"name2\":..[,\"dob1\":..,\"dob2\":..]} and writes\n"
          "{\"score\":..,\"match\":true|false,\"explain\":{..}} per line, in order; a line that\n"
          "cannot be read gives {\"error\":..} in its place and exit status 1.\n",
          out);
}

typedef struct pair_input {
    const char *name1, *name2, *dob1, *dob2, *sex1, *sex2, *nat1, *nat2;
} pair_input;

/* Builds the traveler and entry of one comparison; reason set on bad input. */
static bool build_pair(const pair_input *in, pw_traveler *t, pw_entry *e, pw_date *dob2,
                       char (*nat2)[4], const char **reason)
{
    memset(t, 0, sizeof *t);
    memset(e, 0, sizeof *e);
    if (!in->name1 || !*in->name1 || !in->name2 || !*in->name2) {
        *reason = "name1 and name2 are required";
        return false;
    }
    t->id = "1";
    t->name = in->name1;
    e->id = "2";
    e->list = "compare";
    e->names = (const char **)&in->name2;
    e->n_names = 1;
    if (in->dob1 && *in->dob1 && !pw_date_parse(in->dob1, &t->dob)) {
        *reason = "dob1 is not a date (YYYY-MM-DD, YYYY-MM or YYYY)";
        return false;
    }
    if (in->dob2 && *in->dob2) {
        if (!pw_date_parse(in->dob2, dob2)) {
            *reason = "dob2 is not a date (YYYY-MM-DD, YYYY-MM or YYYY)";
            return false;
        }
        e->dobs = dob2;
        e->n_dobs = 1;
    }
    if (in->sex1 && *in->sex1)
        t->sex = in->sex1[0];
    if (in->sex2 && *in->sex2)
        e->sex = in->sex2[0];
    if (in->nat1 && *in->nat1 && !pw_country_alpha3(in->nat1, t->nationality)) {
        *reason = "nat1 is not a country code";
        return false;
    }
    if (in->nat2 && *in->nat2) {
        if (!pw_country_alpha3(in->nat2, *nat2)) {
            *reason = "nat2 is not a country code";
            return false;
        }
        e->nationalities = nat2;
        e->n_nationalities = 1;
    }
    return true;
}

static json_t *explain_json(const pw_explain *x)
{
    return json_pack("{s:f, s:s, s:s, s:s, s:s, s:s, s:{s:f, s:f, s:f, s:f, s:f}}",
                     "name", x->name, "matched", x->matched, "dob", pw_dob_evidence_name(x->dob),
                     "sex", pw_field_evidence_name(x->sex), "nationality", pw_field_evidence_name(x->nationality),
                     "document", pw_field_evidence_name(x->document), "contributions",
                     "name", x->contribution[PW_FEATURE_NAME], "dob", x->contribution[PW_FEATURE_DOB],
                     "sex", x->contribution[PW_FEATURE_SEX], "nationality", x->contribution[PW_FEATURE_NATIONALITY],
                     "document", x->contribution[PW_FEATURE_DOCUMENT]);
}

static const char *string_field(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void print_error_line(const char *reason)
{
    json_t *o = json_pack("{s:s}", "error", reason);
    char *s = json_dumps(o, JSON_COMPACT);
    puts(s);
    free(s);
    json_decref(o);
}

static int run_batch(const char *path, double threshold)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!in) {
        fprintf(stderr, "paxwatch compare: %s: cannot open\n", path);
        return EXIT_REJECTS;
    }
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0, bad = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, in)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        json_error_t jerr;
        json_t *obj = json_loads(line, 0, &jerr);
        char reason[256];
        const char *why = NULL;
        pw_traveler t;
        pw_entry e;
        pw_date dob2;
        char nat2[1][4];
        if (!obj || !json_is_object(obj)) {
            snprintf(reason, sizeof reason, "%s", obj ? "not a JSON object" : jerr.text);
            why = reason;
        } else {
            pair_input p = {string_field(obj, "name1"), string_field(obj, "name2"), string_field(obj, "dob1"),
                            string_field(obj, "dob2"), string_field(obj, "sex1"), string_field(obj, "sex2"),
                            string_field(obj, "nat1"), string_field(obj, "nat2")};
            if (build_pair(&p, &t, &e, &dob2, nat2, &why)) {
                pw_explain x;
                double score = pw_compare(&t, &e, &x);
                json_t *o = json_pack("{s:f, s:b, s:o}", "score", score, "match", score >= threshold,
                                      "explain", explain_json(&x));
                char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
                puts(s);
                free(s);
                json_decref(o);
            }
        }
        if (why) {
            fprintf(stderr, "%s:%u: %s\n", path, lineno, why);
            print_error_line(why);
            bad++;
        }
        json_decref(obj);
    }
    free(line);
    if (in != stdin)
        fclose(in);
    return bad ? EXIT_REJECTS : EXIT_OK;
}

int cmd_compare(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    pair_input p = {0};
    const char *batch = NULL, *names[2] = {NULL, NULL};
    double threshold = PW_DEFAULT_THRESHOLD;
    unsigned n_names = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--dob1") == 0) slot = &p.dob1;
        else if (strcmp(a, "--dob2") == 0) slot = &p.dob2;
        else if (strcmp(a, "--sex1") == 0) slot = &p.sex1;
        else if (strcmp(a, "--sex2") == 0) slot = &p.sex2;
        else if (strcmp(a, "--nat1") == 0) slot = &p.nat1;
        else if (strcmp(a, "--nat2") == 0) slot = &p.nat2;
        else if (strcmp(a, "--batch") == 0) slot = &batch;
        else if (strcmp(a, "--threshold") == 0) {
            char *end;
            if (i + 1 >= argc || (threshold = strtod(argv[++i], &end), *end) || threshold < 0 || threshold > 1) {
                fprintf(stderr, "paxwatch compare: --threshold takes a number from 0 to 1\n");
                return EXIT_USAGE;
            }
            continue;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "paxwatch compare: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        } else if (n_names < 2) {
            names[n_names++] = a;
            continue;
        } else {
            fprintf(stderr, "paxwatch compare: too many names\n");
            return EXIT_USAGE;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "paxwatch compare: %s needs a value\n", a);
            return EXIT_USAGE;
        }
        *slot = argv[++i];
    }
    if (batch) {
        if (n_names) {
            fprintf(stderr, "paxwatch compare: --batch takes no names\n");
            return EXIT_USAGE;
        }
        return run_batch(batch, threshold);
    }
    if (n_names != 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    p.name1 = names[0];
    p.name2 = names[1];
    pw_traveler t;
    pw_entry e;
    pw_date dob2;
    char nat2[1][4];
    const char *why;
    if (!build_pair(&p, &t, &e, &dob2, nat2, &why)) {
        fprintf(stderr, "paxwatch compare: %s\n", why);
        return EXIT_USAGE;
    }
    pw_explain x;
    double score = pw_compare(&t, &e, &x);
    printf("score     %.4f\n", score);
    printf("decision  %s (threshold %.2f)\n", score >= threshold ? "MATCH" : "no match", threshold);
    printf("name      %.4f  %s\n", x.name, x.matched[0] ? x.matched : "(no tokens agree)");
    printf("dob       %-9s %+.2f\n", pw_dob_evidence_name(x.dob), x.contribution[PW_FEATURE_DOB]);
    printf("sex       %-9s %+.2f\n", pw_field_evidence_name(x.sex), x.contribution[PW_FEATURE_SEX]);
    printf("nation    %-9s %+.2f\n", pw_field_evidence_name(x.nationality), x.contribution[PW_FEATURE_NATIONALITY]);
    printf("log-odds  name %+.2f, total %+.2f\n", x.contribution[PW_FEATURE_NAME],
           x.contribution[0] + x.contribution[1] + x.contribution[2] + x.contribution[3] + x.contribution[4]);
    return EXIT_OK;
}
