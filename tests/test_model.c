/*
 * test_model.c — partial dates, country codes, categories, arenas, error format.
 */
#include <string.h>

#include "testutil.h"

static void dates_parse_full_partial_and_reject_bad(void **state)
{
    (void)state;
    pw_date d;
    assert_true(pw_date_parse("1985-03-07", &d));
    assert_int_equal(d.year, 1985);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 7);
    assert_true(pw_date_parse("1985-03", &d));
    assert_int_equal(d.day, 0);
    assert_true(pw_date_parse("1985", &d));
    assert_int_equal(d.month, 0);
    assert_false(pw_date_parse("1985-02-30", &d));
    assert_false(pw_date_parse("1985-13", &d));
    assert_false(pw_date_parse("85-01-01", &d));
    assert_false(pw_date_parse("", &d));
    assert_true(pw_date_parse("2000-02-29", &d));
    assert_false(pw_date_parse("1900-02-29", &d));
    char buf[16];
    pw_date_format((pw_date){1985, 3, 0}, buf, sizeof buf);
    assert_string_equal(buf, "1985-03");
}

static void countries_from_codes_and_names(void **state)
{
    (void)state;
    char c[4];
    assert_true(pw_country_alpha3("DE", c));
    assert_string_equal(c, "DEU");
    assert_true(pw_country_alpha3("gbr", c));
    assert_string_equal(c, "GBR");
    assert_true(pw_country_alpha3("Viet Nam", c));
    assert_string_equal(c, "VNM");
    assert_true(pw_country_alpha3("Democratic Republic of the Congo", c));
    assert_string_equal(c, "COD");
    assert_true(pw_country_alpha3("Germany", c));
    assert_string_equal(c, "DEU");
    assert_true(pw_country_alpha3("D", c));
    assert_string_equal(c, "DEU");
    assert_true(pw_country_alpha3("Trinidad and Tobago", c));
    assert_string_equal(c, "TTO");
    assert_true(pw_country_alpha3("Antigua & Barbuda", c));
    assert_string_equal(c, "ATG");
    assert_true(pw_country_alpha3("Cabo Verde", c));
    assert_string_equal(c, "CPV");
    assert_true(pw_country_alpha3("Korea, North", c));
    assert_string_equal(c, "PRK");
    assert_true(pw_country_alpha3("Congo, Democratic Republic of the", c));
    assert_string_equal(c, "COD");
    assert_false(pw_country_alpha3("Atlantis", c));
    assert_false(pw_country_alpha3("QQ", c));
}

static void categories_round_trip(void **state)
{
    (void)state;
    pw_category c;
    assert_true(pw_category_parse("sex_offender", &c));
    assert_int_equal(c, PW_CAT_SEX_OFFENDER);
    assert_string_equal(pw_category_name(c), "sex_offender");
    assert_false(pw_category_parse("villain", &c));
}

static void arena_allocates_zeroed_and_large(void **state)
{
    (void)state;
    pw_arena *a = pw_arena_new();
    char *s = pw_arena_strdup(a, "NGUYEN");
    assert_string_equal(s, "NGUYEN");
    unsigned char *big = pw_arena_alloc(a, 5 * 1024 * 1024);
    assert_non_null(big);
    assert_int_equal(big[5 * 1024 * 1024 - 1], 0);
    char *t = pw_arena_strndup(a, "ABCDEF", 3);
    assert_string_equal(t, "ABC");
    assert_true(pw_arena_used(a) >= 5 * 1024 * 1024);
    pw_arena_free(a);
}

static void errors_format_precisely(void **state)
{
    (void)state;
    char buf[256];
    pw_error e = {.file = "list.csv", .line = 12, .column = 3, .field = "dob", .reason = "not a date"};
    pw_error_format(&e, buf, sizeof buf);
    assert_string_equal(buf, "list.csv:12:3: dob: not a date");
    pw_error s = {.file = "m.edi", .segment = 7, .tag = "NAD", .reason = "no surname"};
    pw_error_format(&s, buf, sizeof buf);
    assert_string_equal(buf, "m.edi: segment 7 (NAD): no surname");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_parse_full_partial_and_reject_bad),
        cmocka_unit_test(countries_from_codes_and_names),
        cmocka_unit_test(categories_round_trip),
        cmocka_unit_test(arena_allocates_zeroed_and_large),
        cmocka_unit_test(errors_format_precisely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
