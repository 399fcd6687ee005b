/*
 * test_watchlist.c — loading watchlists: the real OFAC SDN and UN
 * consolidated lists (zero rejects, counts, spot checks), the watchlist CSV
 * of FORMATS.md with every malformed-row case and its exact error, and
 * JSON Lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

/* Collects formatted errors, one per line. */
typedef struct errors {
    char text[8192];
    size_t n, warnings;
} errors;

static void collect(void *ctx, const pw_error *e)
{
    errors *c = ctx;
    char line[1024];
    pw_error_format(e, line, sizeof line);
    size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof c->text - used, "%s\n", line);
    c->n++;
    c->warnings += e->warning;
}

static const pw_entry *find(const pw_watchlist *w, const char *list, const char *id)
{
    for (size_t i = 0; i < pw_watchlist_count(w); i++) {
        const pw_entry *e = pw_watchlist_entry(w, i);
        if (strcmp(e->id, id) == 0 && (!list || strcmp(e->list, list) == 0))
            return e;
    }
    return NULL;
}

static bool has_name(const pw_entry *e, const char *name)
{
    for (size_t i = 0; i < e->n_names; i++)
        if (strcmp(e->names[i], name) == 0)
            return true;
    return false;
}

static bool has_dob(const pw_entry *e, const char *date)
{
    char buf[16];
    for (size_t i = 0; i < e->n_dobs; i++) {
        pw_date_format(e->dobs[i], buf, sizeof buf);
        if (strcmp(buf, date) == 0)
            return true;
    }
    return false;
}

static const pw_document *has_doc(const pw_entry *e, const char *type, const char *country,
                                  const char *number)
{
    for (size_t i = 0; i < e->n_docs; i++)
        if (strcmp(e->docs[i].type, type) == 0 && strcmp(e->docs[i].country, country) == 0 &&
            strcmp(e->docs[i].number, number) == 0)
            return &e->docs[i];
    return NULL;
}

static const char *write_file(const char *name, const char *text)
{
    static char path[8][512];
    static unsigned next;
    char *p = path[next++ % 8];
    snprintf(p, sizeof path[0], "%s/%s", test_tmpdir(), name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

/* ------------------------------------------------------------------ OFAC */

static void ofac_sdn_loads_individuals_with_zero_rejects(void **state)
{
    (void)state;
    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    pw_status s = pw_watchlist_load(w, test_data("lists/ofac-sdn-2021/sdn.csv"), NULL, collect,
                                    &errs, &st);
    printf("ofac-sdn: %zu entries, %zu aliases, %zu rejected, %zu skipped, %zu warnings\n",
           st.entries, st.aliases, st.rejected, st.skipped, st.warnings);
    printf("%s", errs.text);
    assert_int_equal(s, PW_OK);
    assert_string_equal(st.format, "ofac-sdn");
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.entries, 4620);      /* rows with SDN_Type "individual" */
    assert_int_equal(st.skipped, 8976 - 4620);
    assert_int_equal(st.aliases, 6267);
    assert_int_equal(st.warnings, 0);
    assert_int_equal(pw_watchlist_count(w), 4620);

    const pw_entry *e = find(w, "ofac-sdn", "2676");
    assert_non_null(e);
    assert_string_equal(e->names[0], "AL ZAWAHIRI, Dr. Ayman");
    assert_int_equal(e->category, PW_CAT_SANCTIONS);
    assert_int_equal(e->n_names, 4);
    assert_true(has_name(e, "AL-ZAWAHIRI, Ayman"));
    assert_true(has_name(e, "SALIM, Ahmad Fuad"));
    assert_true(has_name(e, "AL-ZAWAHIRI, Aiman Muhammad Rabi"));
    assert_int_equal(e->n_dobs, 1);
    assert_true(has_dob(e, "1951-06-19"));
    assert_non_null(has_doc(e, "P", "EGY", "1084010"));
    assert_non_null(has_doc(e, "P", "", "19820215"));      /* alt. Passport, no country */

    /* An entity is not loaded. */
    assert_null(find(w, NULL, "36"));
    /* "DOB 1929 to 1930": both years. */
    e = find(w, NULL, "15496");
    assert_non_null(e);
    assert_true(has_dob(e, "1929") && has_dob(e, "1930"));
    /* "DOB circa 1979-1982; alt. DOB 1982": every year of a short range. */
    e = find(w, NULL, "11748");
    assert_non_null(e);
    assert_int_equal(e->n_dobs, 4);
    assert_true(has_dob(e, "1979") && has_dob(e, "1982"));
    assert_int_equal(e->n_nationalities, 1);
    assert_string_equal(e->nationalities[0], "SOM");
    pw_watchlist_free(w);
}

static void ofac_remarks_details(void **state)
{
    (void)state;
    /* A list of our own in OFAC's form, with remarks of every kind we read,
     * a stray quote, an entity, a short row and a repeated ent_num. */
    char dir[512], sdn[600], alt[600];
    snprintf(dir, sizeof dir, "%s/ofac", test_tmpdir());
    mkdir(dir, 0700);
    snprintf(sdn, sizeof sdn, "%s/sdn.csv", dir);
    snprintf(alt, sizeof alt, "%s/alt.csv", dir);
    FILE *f = fopen(sdn, "wb");
    assert_non_null(f);
    fputs("10,\"DOE, Jane\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
          "\"DOB 10 Dec 1948; alt. DOB Dec 1950; nationality Korea, North; citizen Iraq; "
          "Passport 1084010 (Egypt); National ID No. D489833(9) (Hong Kong); Gender Female.\"\r\n"
          "11,\"ACME SHIPPING LTD.\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
          "12,\"O\"BRIEN, Sean\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
          "\"DOB circa 1948; alt. DOB 1955 to 1962; alt. Passport A123 issued 01 Jan 2005.\"\r\n"
          "13,\"SHORT, Row\",\"individual\"\r\n"
          "10,\"DOE, John\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
          "14,\"ROE, Richard\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
          "\"DOB 1970 to 1972; nationality Atlantis\"\r\n\x1a",
          f);
    fclose(f);
    f = fopen(alt, "wb");
    assert_non_null(f);
    fputs("10,1,\"aka\",\"DOE, J.\",-0- \r\n12,2,\"fka\",\"OBRIEN, Shaun\",-0- \r\n"
          "10,3,\"aka\",\"DOUGH, Jane\",-0- \r\n",
          f);
    fclose(f);

    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    pw_status s = pw_watchlist_load(w, sdn, "sdn-test", collect, &errs, &st);
    printf("%s", errs.text);
    assert_int_equal(s, PW_ERR_REJECTS);
    assert_int_equal(st.entries, 3);
    assert_int_equal(st.skipped, 1);
    assert_int_equal(st.rejected, 2);
    assert_int_equal(st.aliases, 3);
    char expect[2048];
    snprintf(expect, sizeof expect,
             "%s:4: expected 12 fields, found 3\n"
             "%s:5:1: ent_num: duplicate id \"10\" in list \"sdn-test\"\n"
             "%s:6:12: warning: Remarks: unknown country \"Atlantis\"\n",
             sdn, sdn, sdn);
    assert_string_equal(errs.text, expect);

    const pw_entry *e = find(w, "sdn-test", "10");
    assert_non_null(e);
    assert_string_equal(e->names[0], "DOE, Jane");
    assert_string_equal(e->names[1], "DOE, J.");
    assert_string_equal(e->names[2], "DOUGH, Jane");
    assert_true(has_dob(e, "1948-12-10") && has_dob(e, "1950-12"));
    assert_int_equal(e->n_nationalities, 2);
    assert_string_equal(e->nationalities[0], "PRK");
    assert_string_equal(e->nationalities[1], "IRQ");
    assert_non_null(has_doc(e, "P", "EGY", "1084010"));
    assert_non_null(has_doc(e, "I", "HKG", "D489833(9)"));
    assert_int_equal(e->sex, 'F');

    e = find(w, "sdn-test", "12");
    assert_non_null(e);
    assert_string_equal(e->names[0], "O\"BRIEN, Sean");      /* the stray quote kept */
    assert_string_equal(e->names[1], "OBRIEN, Shaun");
    /* circa 1948, and 1955 to 1962 (eight years): the two ends. */
    assert_int_equal(e->n_dobs, 3);
    assert_true(has_dob(e, "1948") && has_dob(e, "1955") && has_dob(e, "1962"));
    assert_non_null(has_doc(e, "P", "", "A123"));
    e = find(w, "sdn-test", "14");
    assert_non_null(e);
    assert_int_equal(e->n_dobs, 3);
    assert_int_equal(e->n_nationalities, 0);
    pw_watchlist_free(w);

    /* Without alt.csv beside it: the same entries, with no aliases. */
    assert_int_equal(unlink(alt), 0);
    w = pw_watchlist_new();
    memset(&errs, 0, sizeof errs);
    s = pw_watchlist_load(w, sdn, "sdn-test", collect, &errs, &st);
    assert_int_equal(s, PW_ERR_REJECTS);
    assert_int_equal(st.entries, 3);
    assert_int_equal(st.aliases, 0);
    e = find(w, "sdn-test", "10");
    assert_non_null(e);
    assert_int_equal(e->n_names, 1);
    assert_string_equal(e->names[0], "DOE, Jane");
    pw_watchlist_free(w);
}

/* ------------------------------------------------------------------ UN */

static void un_consolidated_loads_with_zero_rejects(void **state)
{
    (void)state;
    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    pw_status s = pw_watchlist_load(w, test_data("lists/un-consolidated/consolidated.xml"), NULL,
                                    collect, &errs, &st);
    printf("un: %zu entries, %zu aliases, %zu rejected, %zu skipped, %zu warnings\n", st.entries,
           st.aliases, st.rejected, st.skipped, st.warnings);
    printf("%s", errs.text);
    assert_int_equal(s, PW_OK);
    assert_string_equal(st.format, "un-xml");
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.entries, 730);
    assert_int_equal(st.skipped, 273);
    assert_int_equal(st.aliases, 2465);
    /* Two dates of birth that are not Gregorian dates: reported, entries kept. */
    assert_int_equal(st.warnings, 2);
    assert_non_null(strstr(errs.text, "date of birth not understood: \"30-35 years old\""));
    assert_non_null(strstr(errs.text, "(Hijri Calendar)"));

    const pw_entry *e = find(w, "un", "IQi.001");
    assert_non_null(e);
    assert_string_equal(e->names[0], "SADDAM HUSSEIN AL-TIKRITI");
    assert_true(has_name(e, "صدام حسين التكريتي"));
    assert_true(has_name(e, "Abu Ali"));
    assert_true(has_dob(e, "1937-04-28"));
    assert_string_equal(e->nationalities[0], "IRQ");
    assert_int_equal(e->category, PW_CAT_SANCTIONS);

    /* BETWEEN 1960 and 1962: every year; original script as an alias. */
    e = find(w, "un", "TAi.038");
    assert_non_null(e);
    assert_string_equal(e->names[0], "ABDUL BAQI BASIR AWAL SHAH");
    assert_true(has_name(e, "عبد الباقي بصير أول شاه"));
    assert_int_equal(e->n_dobs, 3);
    assert_true(has_dob(e, "1960") && has_dob(e, "1961") && has_dob(e, "1962"));
    assert_string_equal(e->nationalities[0], "AFG");

    /* BETWEEN 1977 and 1982 (six years): the two ends. Al-Qaida: terrorism. */
    e = find(w, "un", "QDi.314");
    assert_non_null(e);
    assert_int_equal(e->category, PW_CAT_TERRORISM);
    assert_int_equal(e->n_dobs, 2);
    assert_true(has_dob(e, "1977") && has_dob(e, "1982"));
    assert_true(has_name(e, "Ahmed el Tilemsi"));

    /* Passports with an issuing country given by name. */
    e = find(w, "un", "CDi.040");
    assert_non_null(e);
    assert_non_null(has_doc(e, "P", "TZA", "AB850901"));
    assert_true(has_dob(e, "1997-07-21"));
    e = find(w, "un", "CDi.001");
    assert_non_null(e);
    assert_int_equal(e->sex, 'M');
    assert_string_equal(e->nationalities[0], "COD");

    /* Dates given only in prose: "Nov. 1973", "August 1961", "Between Aug. and Sep. 1977". */
    e = find(w, "un", "CDi.004");
    assert_non_null(e);
    assert_true(has_dob(e, "1973-11"));
    e = find(w, "un", "CFi.009");
    assert_non_null(e);
    assert_true(has_dob(e, "1961-08"));
    e = find(w, "un", "QDi.306");
    assert_non_null(e);
    assert_true(has_dob(e, "1977"));

    /* Türkiye, with its mark, is a known country. */
    assert_null(strstr(errs.text, "Türkiye"));
    pw_watchlist_free(w);
}

/* ------------------------------------------------------------ watchlist CSV */

static const char watchlist_csv[] =
    "id,list,category,surname,given_names,name,aliases,dob,sex,nationality,documents,notes\n"
    "W1,,wanted,NGUYEN,Van Son,,\"NGUYEN, Son|Sonny Nguyen\",1985-03-07|1985,M,VNM|USA,"
    "P:VNM:B1234567|I:VNM:012345678,\"note, with \"\"quotes\"\"\"\n"
    "W2,,,,,Maria José García,,1970-02,f,ESP,,\n"
    ",,,SMITH,John,,,,,,,\n"
    "W4,,,,,,,,,,,\n"
    "W5,,,DOE,Jane,,,1985-02-30,,,,\n"
    "W6,,,DOE,Jane,,,,Q,,,\n"
    "W7,,,DOE,Jane,,,,,QQQ,,\n"
    "W8,,,DOE,Jane,,,,,,P:DEU,\n"
    "W9,,villain,DOE,Jane,,,,,,,\n"
    "W1,,,DUP,Row,,,,,,,\n"
    "W10,other,terrorism,\"MULTI\nLINE\",Name,,,,,,,\n"
    "W11,,,ÖZTÜRK,Ayşe,,,1990,F,TUR,,\n"
    "W12,,,\"OPEN,Quote,,,,,,,,,\n"
    "W13,,,LAST,Row,,,,,,,\n";

static void watchlist_csv_rows_and_exact_errors(void **state)
{
    (void)state;
    const char *path = write_file("interpol.csv", watchlist_csv);
    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    pw_status s = pw_watchlist_load(w, path, NULL, collect, &errs, &st);
    printf("%s", errs.text);
    assert_int_equal(s, PW_ERR_REJECTS);
    assert_string_equal(st.format, "csv");
    assert_int_equal(st.entries, 5);
    assert_int_equal(st.rejected, 9);
    char expect[4096];
    snprintf(expect, sizeof expect,
             "%s:4:1: id: missing id\n"
             "%s:5:4: surname: no name (surname, given_names or name)\n"
             "%s:6:8: dob: bad date \"1985-02-30\" (YYYY-MM-DD, YYYY-MM or YYYY)\n"
             "%s:7:9: sex: bad sex \"Q\" (M, F or empty)\n"
             "%s:8:10: nationality: unknown country code \"QQQ\"\n"
             "%s:9:11: documents: bad document \"P:DEU\" (TYPE:COUNTRY:NUMBER)\n"
             "%s:10:3: category: unknown category \"villain\" (wanted, sex_offender, "
             "trafficking, terrorism, sanctions or other)\n"
             "%s:11:1: id: duplicate id \"W1\" in list \"interpol\"\n"
             "%s:15: unterminated quoted field\n",
             path, path, path, path, path, path, path, path, path);
    assert_string_equal(errs.text, expect);

    const pw_entry *e = find(w, "interpol", "W1");
    assert_non_null(e);
    assert_int_equal(e->category, PW_CAT_WANTED);
    assert_int_equal(e->n_names, 3);
    assert_string_equal(e->names[0], "NGUYEN, Van Son");
    assert_string_equal(e->names[1], "NGUYEN, Son");
    assert_string_equal(e->names[2], "Sonny Nguyen");
    assert_int_equal(e->n_dobs, 2);
    assert_true(has_dob(e, "1985-03-07") && has_dob(e, "1985"));
    assert_int_equal(e->sex, 'M');
    assert_int_equal(e->n_nationalities, 2);
    assert_string_equal(e->nationalities[1], "USA");
    assert_non_null(has_doc(e, "P", "VNM", "B1234567"));
    assert_non_null(has_doc(e, "I", "VNM", "012345678"));

    e = find(w, "interpol", "W2");
    assert_non_null(e);
    assert_string_equal(e->names[0], "Maria José García");
    assert_int_equal(e->sex, 'F');
    assert_true(has_dob(e, "1970-02"));
    assert_int_equal(e->category, PW_CAT_OTHER);

    e = find(w, "other", "W10");               /* its own list column; two lines */
    assert_non_null(e);
    assert_string_equal(e->names[0], "MULTI\nLINE, Name");
    assert_int_equal(e->category, PW_CAT_TERRORISM);
    e = find(w, "interpol", "W11");
    assert_non_null(e);
    assert_string_equal(e->names[0], "ÖZTÜRK, Ayşe");
    assert_non_null(find(w, "interpol", "W13"));   /* after the unterminated quote */
    assert_null(find(w, NULL, "W12"));

    /* Loaded again under another name: ids are unique per list, so only W10
     * (whose list column says "other" again) is a duplicate. */
    errors again = {0};
    s = pw_watchlist_load(w, path, "second", collect, &again, &st);
    assert_int_equal(s, PW_ERR_REJECTS);
    assert_int_equal(st.entries, 4);
    assert_non_null(find(w, "second", "W1"));
    assert_non_null(strstr(again.text, ":12:1: id: duplicate id \"W10\" in list \"other\""));
    assert_int_equal(pw_watchlist_count(w), 9);
    pw_watchlist_free(w);
}

/* Keys are compared whole: a list name or an id longer than any buffer is
 * still a duplicate when repeated, reported as one, and counted as loaded
 * only when it is (found by fuzzing: a row was counted and dropped). */
static void watchlist_csv_long_keys(void **state)
{
    (void)state;
    char list[400], id[400], csv[2048];
    memset(list, 'L', sizeof list - 1);
    list[sizeof list - 1] = '\0';
    memset(id, '7', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    id[300] = '8';                                /* past the first 256 letters */
    snprintf(csv, sizeof csv, "id,list,name\nA1,%s,John Smith\nA1,%s,Jane Smith\n%s,,Ann Lee\n"
             "%.300s,,Bo Lee\n", list, list, id, id);
    const char *path = write_file("long.csv", csv);
    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    assert_int_equal(pw_watchlist_load(w, path, "unit", collect, &errs, &st), PW_ERR_REJECTS);
    assert_int_equal(st.rejected, 1);
    assert_int_equal(st.entries, 3);
    assert_int_equal(pw_watchlist_count(w), 3);
    assert_non_null(strstr(errs.text, ":3:1: id: duplicate id \"A1\" in list \"LLLL"));
    assert_non_null(find(w, NULL, id));              /* 399 letters and 300 of them: two ids */
    pw_watchlist_free(w);
}

/* UN references are compared and kept whole: two that differ only past the
 * first 150 letters are two entries, and the same one twice is a duplicate. */
static void un_references_are_whole(void **state)
{
    (void)state;
    char ref[201], xml[2048];
    memset(ref, 'R', sizeof ref - 1);
    ref[sizeof ref - 1] = '\0';
    const char *person = "<INDIVIDUAL><FIRST_NAME>%s</FIRST_NAME><SECOND_NAME>LEE</SECOND_NAME>"
                         "<REFERENCE_NUMBER>%.*s%c</REFERENCE_NUMBER></INDIVIDUAL>";
    char a[512], b[512], c[512];
    snprintf(a, sizeof a, person, "ANN", 199, ref, 'A');
    snprintf(b, sizeof b, person, "BO", 199, ref, 'B');
    snprintf(c, sizeof c, person, "CY", 199, ref, 'A');
    snprintf(xml, sizeof xml, "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST><INDIVIDUALS>\n%s\n%s\n%s\n"
             "</INDIVIDUALS></CONSOLIDATED_LIST>\n", a, b, c);
    const char *path = write_file("long-refs.xml", xml);
    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    assert_int_equal(pw_watchlist_load(w, path, "un", collect, &errs, &st), PW_ERR_REJECTS);
    assert_string_equal(st.format, "un-xml");
    assert_int_equal(st.entries, 2);
    assert_int_equal(st.rejected, 1);
    assert_non_null(strstr(errs.text, ":5:"));              /* the third INDIVIDUAL's line */
    assert_non_null(strstr(errs.text, "duplicate id"));
    char id[201];
    snprintf(id, sizeof id, "%.*sB", 199, ref);
    const pw_entry *e = find(w, "un", id);
    assert_non_null(e);
    assert_string_equal(e->names[0], "BO LEE");
    pw_watchlist_free(w);
}

static void watchlist_csv_header_and_file_errors(void **state)
{
    (void)state;
    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    const char *path = write_file("noid.csv", "name,dob\nJohn Smith,1970\n");
    assert_int_equal(pw_watchlist_load(w, path, NULL, collect, &errs, &st), PW_ERR_FORMAT);
    char expect[1024];
    snprintf(expect, sizeof expect,
             "%s:1: header: need an id column and one of surname, given_names, name\n", path);
    assert_string_equal(errs.text, expect);

    errors missing = {0};
    assert_int_equal(pw_watchlist_load(w, "no/such/list.csv", NULL, collect, &missing, &st),
                     PW_ERR_IO);
    assert_string_equal(missing.text, "no/such/list.csv: cannot read the file\n");
    assert_int_equal(pw_watchlist_count(w), 0);
    pw_watchlist_free(w);
}

static void watchlist_jsonl(void **state)
{
    (void)state;
    const char *path = write_file(
        "wanted.jsonl",
        "{\"id\":\"J1\",\"surname\":\"PETROV\",\"given_names\":\"Ivan\",\"aliases\":[\"PETROFF, "
        "Ivan\",\"Иван Петров\"],\"dob\":[\"1970-01-02\"],\"sex\":\"M\",\"nationality\":\"RUS\","
        "\"documents\":[{\"type\":\"P\",\"country\":\"RUS\",\"number\":\"7512345\"}],"
        "\"category\":\"wanted\"}\n"
        "{\"id\":\"J2\",\"name\":\"Li Wei\",\"dob\":\"1980|1981\",\"documents\":\"P:CHN:E123\"}\n"
        "not json\n"
        "\n"
        "{\"id\":\"J3\",\"name\":\"X\",\"dob\":\"1980-13\"}\n"
        "{\"id\":2024,\"name\":\"Numeric Id\"}\n");
    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    assert_int_equal(pw_watchlist_load(w, path, NULL, collect, &errs, &st), PW_ERR_REJECTS);
    printf("%s", errs.text);
    assert_string_equal(st.format, "json");
    assert_int_equal(st.entries, 3);
    assert_int_equal(st.rejected, 2);
    char expect[1024];
    snprintf(expect, sizeof expect, "%s:5: dob: bad date \"1980-13\"", path);
    assert_non_null(strstr(errs.text, expect));
    snprintf(expect, sizeof expect, "%s:3:", path);
    assert_non_null(strstr(errs.text, expect));
    const pw_entry *e = find(w, "wanted", "J1");
    assert_non_null(e);
    assert_string_equal(e->names[0], "PETROV, Ivan");
    assert_true(has_name(e, "Иван Петров"));
    assert_non_null(has_doc(e, "P", "RUS", "7512345"));
    assert_int_equal(e->category, PW_CAT_WANTED);
    e = find(w, "wanted", "J2");
    assert_non_null(e);
    assert_true(has_dob(e, "1980") && has_dob(e, "1981"));
    assert_non_null(has_doc(e, "P", "CHN", "E123"));
    assert_non_null(find(w, "wanted", "2024"));
    pw_watchlist_free(w);
}

static void watchlist_too_many_values_warns(void **state)
{
    (void)state;
    char csv[8192] = "id,name,aliases\nM1,Many Names,\"";
    for (int i = 0; i < 70; i++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "%sALIAS %d", i ? "|" : "", i);
    strcat(csv, "\"\n");
    const char *path = write_file("many.csv", csv);
    pw_watchlist *w = pw_watchlist_new();
    errors errs = {0};
    pw_load_stats st;
    assert_int_equal(pw_watchlist_load(w, path, NULL, collect, &errs, &st), PW_OK);
    assert_int_equal(st.entries, 1);
    assert_int_equal(st.warnings, 1);
    char expect[1024];
    snprintf(expect, sizeof expect, "%s:2: warning: too many values: 7 left out\n", path);
    assert_string_equal(errs.text, expect);
    assert_int_equal(pw_watchlist_entry(w, 0)->n_names, PW_MAX_NAMES);
    pw_watchlist_free(w);
}

static void watchlist_add_copies(void **state)
{
    (void)state;
    pw_watchlist *w = pw_watchlist_new();
    char name[32] = "SMITH, John";
    const char *names[] = {name};
    pw_date dob = {1970, 1, 2};
    char nat[1][4] = {"GBR"};
    pw_document doc = {"P", "GBR", "123456789", {0, 0, 0}};
    pw_entry e = {.id = "A1", .list = "manual", .category = PW_CAT_WANTED, .names = names,
                  .n_names = 1, .dobs = &dob, .n_dobs = 1, .sex = 'M', .nationalities = nat,
                  .n_nationalities = 1, .docs = &doc, .n_docs = 1};
    assert_int_equal(pw_watchlist_add(w, &e), PW_OK);
    assert_int_equal(pw_watchlist_add(w, &e), PW_ERR_ARG);      /* same id, same list */
    strcpy(name, "changed");
    const pw_entry *got = pw_watchlist_entry(w, 0);
    assert_string_equal(got->names[0], "SMITH, John");
    assert_string_equal(got->docs[0].number, "123456789");
    assert_string_equal(got->nationalities[0], "GBR");
    assert_int_equal(pw_watchlist_count(w), 1);
    assert_null(pw_watchlist_entry(w, 1));
    pw_watchlist_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ofac_sdn_loads_individuals_with_zero_rejects),
        cmocka_unit_test(ofac_remarks_details),
        cmocka_unit_test(un_consolidated_loads_with_zero_rejects),
        cmocka_unit_test(un_references_are_whole),
        cmocka_unit_test(watchlist_csv_rows_and_exact_errors),
        cmocka_unit_test(watchlist_csv_long_keys),
        cmocka_unit_test(watchlist_csv_header_and_file_errors),
        cmocka_unit_test(watchlist_jsonl),
        cmocka_unit_test(watchlist_too_many_values_warns),
        cmocka_unit_test(watchlist_add_copies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
