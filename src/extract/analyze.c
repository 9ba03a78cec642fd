/* analyze.c — rasd_analyze(): runs the analysis stages over one document and serialises the result. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "extract/extract.h"
#include "read/read.h"
#include "extract/lexicon.h"

int rasd_analyze(const rasd_models *m, const rasd_doc *d, rasd_analysis **out) {
  *out = NULL;
  rasd_analysis *a = calloc(1, sizeof *a);
  rasd__arena *ar = rasd__arena_new(d->text_len * 2 + 4096);
  int rc = RASD_ENOMEM;
  if (!a || !ar) goto fail;
  a->priv_ = ar;
  rasd__qscan_forget();
  if (!(a->tokens = rasd_tokenize(d->text ? d->text : "", d->text_len))) goto fail;
  if ((rc = rasd__ner_run(m, d, a, ar)) != RASD_OK) goto fail;
  if ((rc = rasd__entities_link(m, d, a, ar)) != RASD_OK) goto fail;
  if ((rc = rasd__timex_run(m, d, a, ar)) != RASD_OK) goto fail;
  if ((rc = rasd__quantities_run(m, d, a, ar)) != RASD_OK) goto fail;
  if ((rc = rasd__quotes_run(m, d, a, ar)) != RASD_OK) goto fail;
  rasd__qscan_forget();
  *out = a;
  return RASD_OK;
fail:
  rasd__qscan_forget();
  if (a) a->priv_ = NULL;
  rasd__arena_free(ar);
  rasd_analysis_free(a);
  return rc;
}

void rasd_analysis_free(rasd_analysis *a) {
  if (!a) return;
  rasd_tokens_free(a->tokens);
  rasd__arena_free(a->priv_);
  free(a);
}

static json_t *jstr(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *jspan(const rasd_doc *d, uint32_t start, uint32_t end) {
  if (!d->text || end > d->text_len || start > end) return json_null();
  return json_stringn(d->text + start, end - start);
}

char *rasd_analysis_json(const rasd_doc *d, const rasd_analysis *a) {
  json_t *o = rasd__doc_json_obj(d);
  if (!o) return NULL;
  json_object_set_new(o, "text", d->text ? json_stringn(d->text, d->text_len) : json_string(""));
  json_t *sents = json_array();
  const rasd_tokens *t = a->tokens;
  for (size_t i = 0; t && i < t->n_sent; i++) {
    json_t *s = json_object();
    json_object_set_new(s, "start", json_integer(t->sent[i].start));
    json_object_set_new(s, "end", json_integer(t->sent[i].end));
    json_object_set_new(s, "text", jspan(d, t->sent[i].start, t->sent[i].end));
    json_array_append_new(sents, s);
  }
  json_object_set_new(o, "sentences", sents);
  json_t *ents = json_array();
  for (size_t i = 0; i < a->n_mentions; i++) {
    const rasd_mention *mn = &a->mentions[i];
    json_t *e = json_object();
    json_object_set_new(e, "id", json_integer((json_int_t)i));
    json_object_set_new(e, "text", jstr(mn->text));
    json_object_set_new(e, "type", json_string(rasd_ent_type_name(mn->type)));
    json_object_set_new(e, "start", json_integer(mn->start));
    json_object_set_new(e, "end", json_integer(mn->end));
    json_object_set_new(e, "entity", mn->entity >= 0 ? json_integer(mn->entity) : json_null());
    if (mn->entity >= 0 && (size_t)mn->entity < a->n_entities) {
      const rasd_doc_entity *de = &a->entities[mn->entity];
      json_object_set_new(e, "canonical", jstr(de->canonical));
      if (de->en) json_object_set_new(e, "en", json_string(de->en));
    }
    json_array_append_new(ents, e);
  }
  json_object_set_new(o, "entities", ents);
  json_t *des = json_array();
  for (size_t i = 0; i < a->n_entities; i++) {
    const rasd_doc_entity *de = &a->entities[i];
    json_t *e = json_object();
    json_object_set_new(e, "id", json_integer((json_int_t)i));
    json_object_set_new(e, "type", json_string(rasd_ent_type_name(de->type)));
    json_object_set_new(e, "canonical", jstr(de->canonical));
    json_object_set_new(e, "key", jstr(de->key));
    json_object_set_new(e, "en", jstr(de->en));
    if (de->en) json_object_set_new(e, "en_transliterated", json_boolean(de->en_translit));
    if (de->role) json_object_set_new(e, "role", json_string(de->role));
    json_object_set_new(e, "mentions", json_integer(de->n_mentions));
    json_array_append_new(des, e);
  }
  json_object_set_new(o, "doc_entities", des);
  json_t *qs = json_array();
  for (size_t i = 0; i < a->n_quotes; i++) {
    const rasd_quote *q = &a->quotes[i];
    json_t *e = json_object();
    json_object_set_new(e, "speaker", jstr(q->speaker));
    json_object_set_new(e, "speaker_entity", q->speaker_entity >= 0 ? json_integer(q->speaker_entity) : json_null());
    if (q->speaker_entity >= 0 && (size_t)q->speaker_entity < a->n_entities) {
      const rasd_doc_entity *de = &a->entities[q->speaker_entity];
      json_object_set_new(e, "speaker_canonical", jstr(de->canonical));
      if (de->en) json_object_set_new(e, "speaker_en", json_string(de->en));
    }
    json_object_set_new(e, "speaker_role", jstr(q->speaker_role));
    json_object_set_new(e, "cue", jstr(q->cue));
    json_object_set_new(e, "direct", json_boolean(q->direct));
    json_object_set_new(e, "text", jstr(q->text));
    json_object_set_new(e, "start", json_integer(q->start));
    json_object_set_new(e, "end", json_integer(q->end));
    json_array_append_new(qs, e);
  }
  json_object_set_new(o, "quotes", qs);
  json_t *tx = json_array();
  for (size_t i = 0; i < a->n_timex; i++) {
    const rasd_timex *x = &a->timex[i];
    json_t *e = json_object();
    json_object_set_new(e, "text", jstr(x->text));
    json_object_set_new(e, "value", jstr(x->value));
    json_object_set_new(e, "start", json_integer(x->start));
    json_object_set_new(e, "end", json_integer(x->end));
    json_object_set_new(e, "calendar", jstr(x->calendar));
    if (x->hijri) json_object_set_new(e, "hijri", json_string(x->hijri));
    json_object_set_new(e, "relative", json_boolean(x->relative));
    json_array_append_new(tx, e);
  }
  json_object_set_new(o, "timex", tx);
  json_t *qa = json_array();
  for (size_t i = 0; i < a->n_quantities; i++) {
    const rasd_quantity *x = &a->quantities[i];
    json_t *e = json_object();
    json_object_set_new(e, "text", jstr(x->text));
    json_object_set_new(e, "value", json_real(x->value));
    json_object_set_new(e, "unit", jstr(x->unit));
    json_object_set_new(e, "start", json_integer(x->start));
    json_object_set_new(e, "end", json_integer(x->end));
    json_array_append_new(qa, e);
  }
  json_object_set_new(o, "quantities", qa);
  json_t *ev = json_array();
  for (size_t i = 0; i < a->n_events; i++) {
    const rasd_event *x = &a->events[i];
    json_t *e = json_object();
    json_object_set_new(e, "date", jstr(x->date));
    if (t && x->sentence < t->n_sent)
      json_object_set_new(e, "text", jspan(d, t->sent[x->sentence].start, t->sent[x->sentence].end));
    json_array_append_new(ev, e);
  }
  json_object_set_new(o, "events", ev);
  char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII * 0 | JSON_PRESERVE_ORDER);
  json_decref(o);
  return s;
}
