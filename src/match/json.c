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
static void json_string(FILE *out, const char *s)
{
    s = s ? s : "";
    model_json_string(out, s, strlen(s));
}

void pw_hit_json(const pw_traveler *t, const pw_hit *h, FILE *out)
{
    const pw_entry *e = h->entry;
    const pw_explain *x = &h->explain;
    fputs("{\"traveler_id\":", out);
    json_string(out, t->id);
    fputs(",\"entry_id\":", out);
    json_string(out, e->id);
    fputs(",\"list\":", out);
    json_string(out, e->list);
    fputs(",\"category\":", out);
    json_string(out, pw_category_name(e->category));
    fprintf(out, ",\"score\":%.4f,\"explain\":{\"name\":%.4f,\"matched\":", h->score, x->name);
    json_string(out, x->matched);
    fputs(",\"entry_name\":", out);
    json_string(out, x->name_index < e->n_names ? e->names[x->name_index] : "");
    fprintf(out, ",\"alias\":%s,\"dob\":\"%s\",\"sex\":\"%s\",\"nationality\":\"%s\",\"document\":\"%s\"",
            x->name_index > 0 ? "true" : "false", pw_dob_evidence_name(x->dob),
            pw_field_evidence_name(x->sex), pw_field_evidence_name(x->nationality),
            pw_field_evidence_name(x->document));
    fprintf(out, ",\"contributions\":{\"name\":%.3f,\"dob\":%.3f,\"sex\":%.3f,\"nationality\":%.3f,\"document\":%.3f}}}",
            x->contribution[PW_FEATURE_NAME], x->contribution[PW_FEATURE_DOB], x->contribution[PW_FEATURE_SEX],
            x->contribution[PW_FEATURE_NATIONALITY], x->contribution[PW_FEATURE_DOCUMENT]);
}
