/*
 * json.c — a hit as the JSON Lines object of FORMATS.md:
 * traveler_id, entry_id, list, category, score, and explain with the
 * evidence per feature and what each added to the log-odds.
 */
#include <stdio.h>
#include <string.h>

#include "match.h"
#include "model/model.h"

/* A string or NULL (as empty). */
static void put_string(model_writer *w, const char *s)
{
    s = s ? s : "";
    model_put_json_string(w, s, strlen(s));
}

#define PUT_LITERAL(w, s) model_put(w, s, sizeof s - 1)

void pw_hit_json(const pw_traveler *t, const pw_hit *h, FILE *out)
{
    const pw_entry *e = h->entry;
    const pw_explain *x = &h->explain;
    model_writer w;                 /* its buffer is not cleared: 2 KB per line */
    w.out = out;
    w.n = 0;
    PUT_LITERAL(&w, "{\"traveler_id\":");
    put_string(&w, t->id);
    PUT_LITERAL(&w, ",\"entry_id\":");
    put_string(&w, e->id);
    PUT_LITERAL(&w, ",\"list\":");
    put_string(&w, e->list);
    PUT_LITERAL(&w, ",\"category\":");
    put_string(&w, pw_category_name(e->category));
    PUT_LITERAL(&w, ",\"score\":");
    model_put_fixed(&w, h->score, 4);
    PUT_LITERAL(&w, ",\"explain\":{\"name\":");
    model_put_fixed(&w, x->name, 4);
    PUT_LITERAL(&w, ",\"matched\":");
    put_string(&w, x->matched);
    PUT_LITERAL(&w, ",\"entry_name\":");
    put_string(&w, x->name_index < e->n_names ? e->names[x->name_index] : "");
    if (x->name_index > 0)
        PUT_LITERAL(&w, ",\"alias\":true");
    else
        PUT_LITERAL(&w, ",\"alias\":false");
    static const char *const fields[] = {",\"dob\":", ",\"sex\":", ",\"nationality\":", ",\"document\":"};
    const char *values[] = {pw_dob_evidence_name(x->dob), pw_field_evidence_name(x->sex),
                            pw_field_evidence_name(x->nationality), pw_field_evidence_name(x->document)};
    for (size_t i = 0; i < 4; i++) {
        model_put(&w, fields[i], strlen(fields[i]));
        put_string(&w, values[i]);
    }
    static const char *const features[] = {"{\"name\":", ",\"dob\":", ",\"sex\":", ",\"nationality\":",
                                           ",\"document\":"};
    static const int order[] = {PW_FEATURE_NAME, PW_FEATURE_DOB, PW_FEATURE_SEX, PW_FEATURE_NATIONALITY,
                                PW_FEATURE_DOCUMENT};
    PUT_LITERAL(&w, ",\"contributions\":");
    for (size_t i = 0; i < 5; i++) {
        model_put(&w, features[i], strlen(features[i]));
        model_put_fixed(&w, x->contribution[order[i]], 3);
    }
    PUT_LITERAL(&w, "}}}");
    model_flush(&w);
}
