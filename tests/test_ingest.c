/*
 * test_ingest.c — the RFC 4180 CSV reader, format detection on every bundled
 * message, and reading travelers (CSV with every column, exact errors for
 * bad rows, JSON Lines, the bundled travelers sample).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef struct errors {
    char text[8192];
    size_t n;
} errors;

static void collect(void *ctx, const pw_error *e)
{
    errors *c = ctx;
    char line[1024];
    pw_error_format(e, line, sizeof line);
    size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof c->text - used, "%s\n", line);
    c->n++;
}

/* Reads one row and checks its line and fields ("a|b|c" joined by '|'). */
static void expect_row(pw_csv *c, unsigned line, const char *joined)
{
    const char **f, *error;
    size_t n;
    unsigned at;
    assert_true(pw_csv_next(c, &f, &n, &at, &error));
    assert_null(error);
    assert_int_equal(at, line);
    char buf[512] = "";
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(buf, "|");
        strcat(buf, f[i]);
    }
    assert_string_equal(buf, joined);
}

static void csv_quoting_and_line_ends(void **state)
{
    (void)state;
    static const char data[] =
        "\xEF\xBB\xBFid,name,note\r\n"
        "1,\"SMITH, John\",\"he said \"\"hi\"\"\"\r\n"
        "\r\n"
        "2,\"two\r\nlines\",x\n"
        "3,,\n"
        "4,O\"Brien,\"stray \"quote\" kept\"\n"
        "5, \"spaced\" ,last\r"
        "6,\"\",\"\"\"\"\n"
        "7,end";
    pw_csv *c = pw_csv_new(data, sizeof data - 1);
    expect_row(c, 1, "id|name|note");                      /* the BOM is gone */
    expect_row(c, 2, "1|SMITH, John|he said \"hi\"");
    expect_row(c, 4, "2|two\r\nlines|x");                  /* a blank line skipped */
    expect_row(c, 6, "3||");
    expect_row(c, 7, "4|O\"Brien|stray \"quote\" kept");
    expect_row(c, 8, "5|spaced|last");                     /* a lone CR ends a row */
    expect_row(c, 9, "6||\"");
    expect_row(c, 10, "7|end");                            /* no final line break */
    const char **f, *error;
    size_t n;
    unsigned line;
    assert_false(pw_csv_next(c, &f, &n, &line, &error));
    pw_csv_free(c);
}

static void csv_unterminated_quote_resyncs(void **state)
{
    (void)state;
    static const char data[] = "a,b\n"
                               "1,\"open\n"
                               "2,two\n"
                               "3,three\n\x1a";
    pw_csv *c = pw_csv_new(data, sizeof data - 1);
    expect_row(c, 1, "a|b");
    const char **f, *error;
    size_t n;
    unsigned line;
    assert_true(pw_csv_next(c, &f, &n, &line, &error));
    assert_non_null(error);
    assert_string_equal(error, "unterminated quoted field");
    assert_int_equal(line, 2);
    expect_row(c, 3, "2|two");                               /* the rows after it survive */
    expect_row(c, 4, "3|three");
    assert_false(pw_csv_next(c, &f, &n, &line, &error));    /* Ctrl-Z ends the input */
    pw_csv_free(c);
}

static void csv_long_rows_and_many_fields(void **state)
{
    (void)state;
    size_t len = 200000;
    char *data = malloc(len + 1);
    size_t k = 0;
    for (int i = 0; i < 5000; i++)
        k += (size_t)sprintf(data + k, "%s%d", i ? "," : "", i);
    data[k++] = '\n';
    data[k++] = '"';
    for (int i = 0; i < 100000; i++)
        data[k++] = i % 50 == 49 ? '\n' : 'x';
    data[k++] = '"';
    data[k] = '\0';
    pw_csv *c = pw_csv_new(data, k);
    const char **f, *error;
    size_t n;
    unsigned line;
    assert_true(pw_csv_next(c, &f, &n, &line, &error));
    assert_int_equal(n, 5000);
    assert_string_equal(f[4999], "4999");
    assert_true(pw_csv_next(c, &f, &n, &line, &error));
    assert_null(error);
    assert_int_equal(line, 2);
    assert_int_equal(n, 1);
    assert_int_equal(strlen(f[0]), 100000);
    pw_csv_free(c);
    free(data);
}

/* --------------------------------------------------------------- detection */

static void detect_every_sample(void **state)
{
    (void)state;
    static const struct { const char *dir; pw_format want; } dirs[] = {
        {"samples/paxlst", PW_FORMAT_PAXLST},
        {"samples/pnrgov", PW_FORMAT_PNRGOV},
    };
    size_t checked = 0;
    for (size_t d = 0; d < 2; d++) {
        const char *dir = test_data(dirs[d].dir);
        DIR *h = opendir(dir);
        assert_non_null(h);
        struct dirent *ent;
        while ((ent = readdir(h))) {
            if (ent->d_name[0] == '.')
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
            char *data;
            size_t len;
            assert_int_equal(pw_read_file(path, &data, &len), PW_OK);
            pw_format f = pw_detect_format(data, len);
            if (f != dirs[d].want)
                printf("%s: %s\n", ent->d_name, pw_format_name(f));
            assert_int_equal(f, dirs[d].want);
            free(data);
            checked++;
        }
        closedir(h);
    }
    assert_int_equal(checked, 7 + 30);
}

/* The odd ones by name: comment lines before the interchange, '"' as the
 * segment terminator, CUSRES replies after the first PAXLST; a SITA Type-B
 * envelope; segments with leading spaces; no UNA. */
static void detect_odd_samples(void **state)
{
    (void)state;
    static const struct { const char *file; pw_format want; } cases[] = {
        {"samples/paxlst/astra__iapi_china_exchanges.txt", PW_FORMAT_PAXLST},
        {"samples/paxlst/typeb_wrapped_paxlst__aero_sita_put_MQPUT.txt", PW_FORMAT_PAXLST},
        {"samples/paxlst/gtas-parsers__apis-messages__apisMessage.txt", PW_FORMAT_PAXLST},
        {"samples/pnrgov/gtas-parsers__pnr-messages__danglingMetaCharacter.txt", PW_FORMAT_PNRGOV},
        {"samples/pnrgov/gtas-loader__pnr-messages__pnr1.txt", PW_FORMAT_PNRGOV},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *data;
        size_t len;
        assert_int_equal(pw_read_file(test_data(cases[i].file), &data, &len), PW_OK);
        assert_int_equal(pw_detect_format(data, len), cases[i].want);
        free(data);
    }
}

static void detect_from_content(void **state)
{
    (void)state;
    static const struct { const char *text; pw_format want; } cases[] = {
        {"id,surname\nT1,DOE\n", PW_FORMAT_CSV},
        {"\xEF\xBB\xBF\"surname\",\"ID\"\r\n", PW_FORMAT_CSV},
        {"  {\"id\":\"T1\"}\n", PW_FORMAT_JSONL},
        {"\xEF\xBB\xBF  UNA:+.? 'UNB+UNOA:4+A+B'UNH+1+PAXLST:D:05B:UN:IATA'", PW_FORMAT_PAXLST},
        {"UNB+IATA:1+DL++101209:2100+020A07'UNH+1+PNRGOV:10:1:IA+F6C2C268'", PW_FORMAT_PNRGOV},
        /* The group header says PNRGOV, the message PAXLST: the message wins. */
        {"UNB+X'UNG+PNRGOV+A'UNH+1+PAXLST:D:02B:UN:IATA'", PW_FORMAT_PAXLST},
        {"QN GBRRMOK\r\n.YOWAAXH KL/041643\r\nUNA:+.? 'UNB+UNOA:4'UNH+P1+PAXLST:D:02B'",
         PW_FORMAT_PAXLST},
        {"name,dob\nJohn,1970\n", PW_FORMAT_UNKNOWN},
        {"hello world\n", PW_FORMAT_UNKNOWN},
        {"UNBELIEVABLE,stuff\n", PW_FORMAT_UNKNOWN},
        {"", PW_FORMAT_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pw_format f = pw_detect_format(cases[i].text, strlen(cases[i].text));
        if (f != cases[i].want)
            printf("case %zu: %s\n", i, pw_format_name(f));
        assert_int_equal(f, cases[i].want);
    }
    assert_string_equal(pw_format_name(PW_FORMAT_PNRGOV), "pnrgov");
    assert_string_equal(pw_format_name(PW_FORMAT_UNKNOWN), "unknown");
}

/* --------------------------------------------------------------- travelers */

static void travelers_csv_every_column(void **state)
{
    (void)state;
    static const char data[] =
        "flight,id,surname,given_names,name,dob,sex,nationality,doc_type,doc_number,"
        "doc_country,dep_airport,arr_airport,dep_time,arr_time,seat_notes\n"
        "UA0989,T1,NGUYEN,Van Son,,1985-03-07,M,VNM,P,B1234567,VNM,fra,IAD,"
        "2024-05-01T10:30,2024-05-01T13:05:00Z,\"aisle, please\"\n"
        ",T2,,,Maria José García,1970-02,f,ES,,X99,,,,2024-05-01 10:30,,\n"
        "LH400,T3,MÜLLER,Jürgen,,1960,X,DEU,I,L01X00T47,D,FRA,JFK,2024-05-01T10:30:00+02:00,,\n";
    pw_batch *b = pw_batch_new();
    errors errs = {0};
    pw_status s = pw_read_travelers("in.csv", data, sizeof data - 1, b, collect, &errs);
    printf("%s", errs.text);
    assert_int_equal(s, PW_OK);
    assert_int_equal(b->n, 3);
    assert_int_equal(b->rejected, 0);

    const pw_traveler *t = &b->travelers[0];
    assert_string_equal(t->id, "T1");
    assert_string_equal(t->surname, "NGUYEN");
    assert_string_equal(t->given_names, "Van Son");
    assert_null(t->name);
    assert_int_equal(t->dob.year, 1985);
    assert_int_equal(t->dob.month, 3);
    assert_int_equal(t->dob.day, 7);
    assert_int_equal(t->sex, 'M');
    assert_string_equal(t->nationality, "VNM");
    assert_int_equal(t->n_docs, 1);
    assert_string_equal(t->docs[0].type, "P");
    assert_string_equal(t->docs[0].number, "B1234567");
    assert_string_equal(t->docs[0].country, "VNM");
    assert_int_equal(t->n_legs, 1);
    assert_string_equal(t->legs[0].flight, "UA0989");
    assert_string_equal(t->legs[0].carrier, "UA");
    assert_string_equal(t->legs[0].dep_airport, "FRA");
    assert_string_equal(t->legs[0].arr_airport, "IAD");
    assert_int_equal(t->legs[0].dep_time, 1714559400);        /* 2024-05-01T10:30:00Z */
    assert_int_equal(t->legs[0].arr_time, 1714568700);
    assert_string_equal(t->source.file, "in.csv");
    assert_int_equal(t->source.line, 2);

    t = &b->travelers[1];
    assert_string_equal(t->name, "Maria José García");
    assert_null(t->surname);
    assert_int_equal(t->dob.month, 2);
    assert_int_equal(t->dob.day, 0);
    assert_int_equal(t->sex, 'F');
    assert_string_equal(t->nationality, "ESP");
    assert_string_equal(t->docs[0].type, "P");               /* a number alone: passport */
    assert_string_equal(t->docs[0].country, "");
    assert_int_equal(t->legs[0].dep_time, 1714559400);
    assert_null(t->legs[0].flight);

    t = &b->travelers[2];
    assert_string_equal(t->surname, "MÜLLER");
    assert_int_equal(t->sex, 'X');
    assert_string_equal(t->docs[0].type, "I");
    assert_string_equal(t->docs[0].country, "DEU");
    assert_int_equal(t->legs[0].dep_time, 1714559400 - 7200);
    assert_int_equal(t->source.line, 4);
    pw_batch_free(b);
}

static void travelers_csv_bad_rows_exact_errors(void **state)
{
    (void)state;
    static const char data[] =
        "id,surname,given_names,dob,sex,nationality,doc_type,doc_number,doc_country,"
        "flight,dep_airport,arr_airport,dep_time\n"
        "T1,GOOD,One,1980-01-01,M,GBR,P,123,GBR,BA0001,LHR,JFK,2024-01-01T00:00Z\n"
        ",NOID,Row,,,,,,,,,,\n"
        "T3,,,,,,,,,,,,\n"
        "T4,BAD,Date,1980-02-30,,,,,,,,,\n"
        "T5,BAD,Sex,,Q,,,,,,,,\n"
        "T6,BAD,Nat,,,QQQ,,,,,,,\n"
        "T7,BAD,Doc,,,,P,,GBR,,,,\n"
        "T8,BAD,DocCountry,,,,P,123,QQQ,,,,\n"
        "T9,BAD,Airport,,,,,,,,LONDON,,\n"
        "T10,BAD,Time,,,,,,,,,,yesterday\n"
        "T1,DUP,Id,,,,,,,,,,\n"
        "T12,\"UNTERMINATED,Quote,,,,,,,,,,\n"
        "T13,GOOD,Last,1990,F,FRA,,,,,,,\n";
    pw_batch *b = pw_batch_new();
    errors errs = {0};
    pw_status s = pw_read_travelers("bad.csv", data, sizeof data - 1, b, collect, &errs);
    assert_int_equal(s, PW_ERR_REJECTS);
    assert_string_equal(errs.text,
        "bad.csv:3:1: id: missing id\n"
        "bad.csv:4:2: surname: no name (surname, given_names or name)\n"
        "bad.csv:5:4: dob: bad date \"1980-02-30\" (YYYY-MM-DD, YYYY-MM or YYYY)\n"
        "bad.csv:6:5: sex: bad sex \"Q\" (M, F, X or empty)\n"
        "bad.csv:7:6: nationality: unknown country code \"QQQ\"\n"
        "bad.csv:8:8: doc_number: missing document number\n"
        "bad.csv:9:9: doc_country: unknown country code \"QQQ\"\n"
        "bad.csv:10:11: dep_airport: bad airport code \"LONDON\" (IATA, 3 letters)\n"
        "bad.csv:11:13: dep_time: bad time \"yesterday\" (ISO 8601, e.g. 2024-05-01T10:30:00Z)\n"
        "bad.csv:12:1: id: duplicate id \"T1\"\n"
        "bad.csv:13: unterminated quoted field\n");
    assert_int_equal(b->n, 2);
    assert_int_equal(b->rejected, 11);
    assert_string_equal(b->travelers[0].id, "T1");
    assert_string_equal(b->travelers[0].surname, "GOOD");
    assert_string_equal(b->travelers[1].id, "T13");
    assert_int_equal(b->travelers[1].source.line, 14);
    pw_batch_free(b);
}

static void travelers_header_and_edifact_errors(void **state)
{
    (void)state;
    pw_batch *b = pw_batch_new();
    errors errs = {0};
    /* EDIFACT goes to the edifact module: a real PAXLST and a real PNRGOV */
    assert_int_equal(pw_read_travelers_file(test_data("samples/paxlst/gtas-loader__apis-messages__Test1.txt"), b,
                                            collect, &errs), PW_OK);
    assert_int_equal(b->n, 8);
    assert_string_equal(b->travelers[0].surname, "Steur");
    assert_int_equal(pw_read_travelers_file(test_data("samples/pnrgov/gtas-loader__pnr-messages__pnr1.txt"), b,
                                            collect, &errs), PW_OK);
    assert_int_equal(b->n, 10);
    assert_string_equal(b->travelers[8].booking->locator, "MFN4TI");
    pw_batch_free(b);
    b = pw_batch_new();
    errors errs2 = {0};
    const char *csv = "id,dob\nT1,1970\n";
    assert_int_equal(pw_read_travelers("x.csv", csv, strlen(csv), b, collect, &errs2),
                     PW_ERR_FORMAT);
    assert_string_equal(errs2.text,
                        "x.csv:1: header: need an id column and one of surname, given_names, name\n");
    errors errs3 = {0};
    assert_int_equal(pw_read_travelers("junk", "hello\n", 6, b, collect, &errs3), PW_ERR_FORMAT);
    assert_non_null(strstr(errs3.text, "junk: unknown format"));
    errors errs4 = {0};
    assert_int_equal(pw_read_travelers_file("no/such/file.csv", b, collect, &errs4), PW_ERR_IO);
    assert_string_equal(errs4.text, "no/such/file.csv: cannot read the file\n");
    assert_int_equal(b->n, 0);
    pw_batch_free(b);
}

static void travelers_jsonl(void **state)
{
    (void)state;
    static const char data[] =
        "{\"id\":\"J1\",\"surname\":\"PETROV\",\"given_names\":\"Ivan\",\"dob\":\"1970-01-02\","
        "\"sex\":\"M\",\"nationality\":\"RUS\",\"doc_number\":\"7512345\",\"doc_country\":\"RUS\","
        "\"flight\":\"SU2454\",\"dep_airport\":\"SVO\",\"arr_airport\":\"CDG\","
        "\"dep_time\":\"2024-05-01T10:30:00Z\"}\n"
        "{\"id\":7,\"name\":\"Seven\"}\n"
        "[1,2]\n"
        "{\"id\":\"J4\",\"name\":\"Bad\",\"sex\":\"Z\"}\n";
    pw_batch *b = pw_batch_new();
    errors errs = {0};
    assert_int_equal(pw_read_travelers("t.jsonl", data, sizeof data - 1, b, collect, &errs),
                     PW_ERR_REJECTS);
    assert_string_equal(errs.text, "t.jsonl:3: not a JSON object\n"
                                   "t.jsonl:4: sex: bad sex \"Z\" (M, F, X or empty)\n");
    assert_int_equal(b->n, 2);
    assert_string_equal(b->travelers[0].surname, "PETROV");
    assert_string_equal(b->travelers[0].legs[0].dep_airport, "SVO");
    assert_int_equal(b->travelers[0].legs[0].dep_time, 1714559400);
    assert_string_equal(b->travelers[1].id, "7");
    assert_int_equal(b->travelers[1].source.line, 2);
    pw_batch_free(b);
}

static void travelers_sample_file_reads_clean(void **state)
{
    (void)state;
    pw_batch *b = pw_batch_new();
    errors errs = {0};
    pw_status s = pw_read_travelers_file(test_data("travelers-sample.csv"), b, collect, &errs);
    printf("%s", errs.text);
    assert_int_equal(s, PW_OK);
    assert_int_equal(errs.n, 0);
    assert_int_equal(b->n, 40);
    for (size_t i = 0; i < b->n; i++) {
        assert_non_null(b->travelers[i].id);
        assert_int_equal(b->travelers[i].n_legs, 1);
    }
    pw_batch_free(b);
}

static void batch_push_grows(void **state)
{
    (void)state;
    pw_batch *b = pw_batch_new();
    for (int i = 0; i < 1000; i++) {
        pw_traveler *t = pw_batch_push(b);
        assert_non_null(t);
        assert_null(t->id);
        t->id = pw_arena_strdup(b->arena, "x");
    }
    assert_int_equal(b->n, 1000);
    assert_string_equal(b->travelers[999].id, "x");
    pw_batch_free(b);
}

static void batch_reserve_keeps_travelers(void **state)
{
    (void)state;
    pw_batch *b = pw_batch_new();
    for (int i = 0; i < 100; i++)
        pw_batch_push(b)->id = i == 99 ? "last" : "x";
    assert_int_equal(pw_batch_reserve(b, 50000), PW_OK);
    assert_true(b->cap >= 50100);
    assert_int_equal(b->n, 100);
    assert_string_equal(b->travelers[99].id, "last");
    /* Room made: pushing up to it does not move the array. */
    const pw_traveler *array = b->travelers;
    for (int i = 0; i < 50000; i++)
        assert_non_null(pw_batch_push(b));
    assert_ptr_equal(b->travelers, array);
    assert_int_equal(pw_batch_reserve(b, 0), PW_OK);
    assert_int_equal(pw_batch_reserve(b, SIZE_MAX), PW_ERR_NOMEM);
    assert_int_equal(b->n, 50100);
    pw_batch_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_quoting_and_line_ends),
        cmocka_unit_test(csv_unterminated_quote_resyncs),
        cmocka_unit_test(csv_long_rows_and_many_fields),
        cmocka_unit_test(detect_every_sample),
        cmocka_unit_test(detect_odd_samples),
        cmocka_unit_test(detect_from_content),
        cmocka_unit_test(travelers_csv_every_column),
        cmocka_unit_test(travelers_csv_bad_rows_exact_errors),
        cmocka_unit_test(travelers_header_and_edifact_errors),
        cmocka_unit_test(travelers_jsonl),
        cmocka_unit_test(travelers_sample_file_reads_clean),
        cmocka_unit_test(batch_push_grows),
        cmocka_unit_test(batch_reserve_keeps_travelers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
