/*
 * fuzz_rules.c — libFuzzer harness for the risk-rule language
 * (pw_rules_compile: lexer, parser, checks), and for evaluating whatever
 * compiles against the travelers of a PNRGOV sample with their bookings.
 * Seeded with the rule files in rules/.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_hit(void *ctx, size_t traveler, const pw_rule_hit *hit)
{
    (void)traveler;
    if (!hit->rule || hit->score < 0.0 || hit->score > 1.0)
        abort();
    (*(size_t *)ctx)++;
}

static pw_batch *sample_batch(void)
{
    static pw_batch *b;
    static char *text;                         /* kept with the batch: it may point into it */
    if (b)
        return b;
    size_t len;
    if (pw_read_file(FUZZ_RULES_SAMPLE, &text, &len) != PW_OK || !(b = pw_batch_new()))
        abort();
    pw_status st = pw_read_travelers("sample", text, len, b, fuzz_ignore, NULL);
    if ((st != PW_OK && st != PW_ERR_REJECTS) || b->n == 0)
        abort();
    return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pw_batch *b = sample_batch();
    pw_status st;
    pw_ruleset *rs = pw_rules_compile("fuzz", (const char *)data, size, fuzz_ignore, NULL, &st);
    if (!rs) {
        if (st != PW_ERR_FORMAT && st != PW_ERR_NOMEM)
            abort();
        return 0;
    }
    size_t hits = 0;
    if (pw_rules_eval_batch(rs, b->travelers, b->n, NULL, NULL, 1735689600, count_hit, &hits) != PW_OK)
        abort();
    pw_rules_free(rs);
    return 0;
}
