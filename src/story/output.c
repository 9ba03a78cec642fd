/* output.c — writes stories as JSON (the documented schema), terminal text, or one self-contained RTL HTML page. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "story/story_int.h"

/* Corpus entity table gathered while the story views are written. */
typedef struct etab {
  int32_t *dense;        /* entity-term id → table index, −1 */
  size_t nterms;
  struct erow { uint32_t key; const char *canonical, *en; int type; uint32_t mentions, articles; char **forms; size_t n_forms; } *row;
  size_t n, cap;
  rasd__arena *ar;
} etab;

static int32_t etab_add(etab *t, rasd_corpus *c, const rasd__eitem *e) {
  int64_t key = rasd__strtab_id(&c->terms, e->key - 1, strlen(e->key) + 1, 0);
  if (key < 0 || (size_t)key >= t->nterms) return -1;
  int32_t d = t->dense[key];
  if (d < 0) {
    if (RASD__VEC_PUSH(t->row, t->n, t->cap, ((struct erow){(uint32_t)key, NULL, NULL, e->type, 0, 0, NULL, 0}))) return -1;
    d = t->dense[key] = (int32_t)t->n - 1;
    t->row[d].canonical = rasd__arena_strdup(t->ar, e->canonical);
    t->row[d].en = rasd__arena_strdup(t->ar, e->en);
  }
  struct erow *r = &t->row[d];
  r->mentions += e->n;
  r->articles++;
  if (!r->en && e->en) r->en = rasd__arena_strdup(t->ar, e->en);
  int have = 0;
  for (size_t i = 0; i < r->n_forms && e->canonical; i++) have |= !strcmp(r->forms[i], e->canonical);
  if (!have && e->canonical && r->n_forms < 16) {
    char **nf = rasd__arena_alloc(t->ar, (r->n_forms + 1) * sizeof *nf);
    if (nf) {
      if (r->n_forms) memcpy(nf, r->forms, r->n_forms * sizeof *nf);
      nf[r->n_forms++] = rasd__arena_strdup(t->ar, e->canonical);
      r->forms = nf;
    }
  }
  return d;
}

static json_t *jstrs(char **v, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) json_array_append_new(a, json_string(v[i] ? v[i] : ""));
  return a;
}
static json_t *js(const char *s) { return s ? json_string(s) : json_null(); }
static json_t *jday(const char *s) { return s ? json_stringn(s, strlen(s) < 10 ? strlen(s) : 10) : json_null(); }

static json_t *view_json(rasd_corpus *c, const rasd__view *v, etab *et) {
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(v->id));
  json_object_set_new(o, "title", js(v->title));
  json_t *arts = json_array();
  for (size_t i = 0; i < v->n_mem; i++) json_array_append_new(arts, json_string(c->art[v->mem[i]].id));
  json_object_set_new(o, "articles", arts);
  json_object_set_new(o, "outlets", jstrs(v->outlets, v->n_outlets));
  json_object_set_new(o, "first_date", jday(v->first_date));
  json_object_set_new(o, "last_date", jday(v->last_date));
  json_t *sum = json_array();
  for (size_t i = 0; i < v->n_sum; i++) {
    json_t *s = json_object();
    json_object_set_new(s, "text", json_string(v->sum[i].text));
    json_object_set_new(s, "outlets", jstrs(v->sum[i].outlets, v->sum[i].n_outlets));
    json_object_set_new(s, "articles", jstrs((char **)v->sum[i].arts, v->sum[i].n_arts));
    json_array_append_new(sum, s);
  }
  json_object_set_new(o, "summary", sum);
  json_t *tl = json_array();
  for (size_t i = 0; i < v->n_tl; i++) {
    json_t *s = json_object();
    json_object_set_new(s, "date", json_string(v->tl[i].date));
    json_object_set_new(s, "text", json_string(v->tl[i].text));
    json_object_set_new(s, "outlets", jstrs(v->tl[i].outlets, v->tl[i].n_outlets));
    json_array_append_new(tl, s);
  }
  json_object_set_new(o, "timeline", tl);
  json_t *ents = json_array();
  for (size_t i = 0; i < v->n_ent; i++) {
    int64_t rid = rasd__reg_id(c, v->ent[i].key);
    if (rid >= 0) { json_array_append_new(ents, json_integer(rid)); continue; }
    int32_t d = et ? etab_add(et, c, &v->ent[i]) : -1; /* no registry (a loaded corpus): our own table */
    if (d >= 0) json_array_append_new(ents, json_integer((json_int_t)(c->reg ? rasd_registry_count(c->reg) : 0) + d));
  }
  json_object_set_new(o, "entities", ents);
  json_t *qs = json_array();
  for (size_t i = 0; i < v->n_q; i++) {
    json_t *s = json_object();
    json_object_set_new(s, "speaker", json_string(v->q[i].speaker));
    json_object_set_new(s, "text", json_string(v->q[i].text));
    json_object_set_new(s, "direct", json_boolean(v->q[i].direct));
    json_object_set_new(s, "outlets", jstrs(v->q[i].outlets, v->q[i].n_outlets));
    json_array_append_new(qs, s);
  }
  json_object_set_new(o, "quotes", qs);
  json_t *ds = json_array();
  for (size_t i = 0; i < v->n_dis; i++) {
    json_t *s = json_object();
    json_object_set_new(s, "kind", json_string(v->dis[i].kind));
    json_object_set_new(s, "text", json_string(v->dis[i].what));
    json_t *vals = json_array();
    for (size_t k = 0; k < v->dis[i].n_vals; k++) {
      json_t *x = json_object();
      json_object_set_new(x, "value", json_string(v->dis[i].vals[k]));
      json_object_set_new(x, "outlet", json_string(v->dis[i].val_outlets[k]));
      json_array_append_new(vals, x);
    }
    json_object_set_new(s, "values", vals);
    json_array_append_new(ds, s);
  }
  json_object_set_new(o, "disagreements", ds);
  return o;
}

char *rasd_corpus_story_json(rasd_corpus *c, int64_t id, const rasd_view_opts *vo) {
  if (!c || id < 1 || (size_t)id > c->n_st) return NULL;
  rasd__view v;
  if (rasd__view_build(c, (size_t)id - 1, vo, &v)) { rasd__view_free(&v); return NULL; }
  json_t *o = view_json(c, &v, NULL);
  char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII * 0);
  json_decref(o);
  rasd__view_free(&v);
  return s;
}

char *rasd_corpus_summary_text(rasd_corpus *c, int64_t id, const rasd_view_opts *vo) {
  if (!c || id < 1 || (size_t)id > c->n_st) return NULL;
  rasd__view v;
  if (rasd__view_build(c, (size_t)id - 1, vo, &v)) { rasd__view_free(&v); return NULL; }
  rasd__buf b;
  rasd__buf_init(&b);
  for (size_t i = 0; i < v.n_sum; i++) rasd__buf_printf(&b, "%s\n", v.sum[i].text);
  rasd__view_free(&v);
  if (b.oom) { rasd__buf_free(&b); return NULL; }
  return b.s ? rasd__buf_detach(&b) : rasd__strdup0("");
}

/* Stories ordered by size (articles), then id. */
static rasd_corpus *ord_ctx;
static int cmp_size(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  uint32_t na = ord_ctx->st[a].n_mem, nb = ord_ctx->st[b].n_mem;
  return na != nb ? (na < nb ? 1 : -1) : (a < b ? -1 : a > b);
}

static void html_esc(FILE *f, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '&': fputs("&amp;", f); break;
      case '"': fputs("&quot;", f); break;
      case '\'': fputs("&#39;", f); break;
      default: fputc(*s, f);
    }
  }
}

static void text_list(FILE *f, char **v, size_t n) {
  for (size_t i = 0; i < n; i++) fprintf(f, "%s%s", i ? "، " : "", v[i]);
}

static void html_list(FILE *f, char **v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    fputs("<span class=o>", f);
    html_esc(f, v[i]);
    fputs("</span>", f);
  }
}

static const char *TYPES[] = {"O", "PER", "LOC", "ORG", "MISC"};

int rasd_corpus_write(rasd_corpus *c, FILE *f, int fmt, const rasd_view_opts *vo) {
  if (!c || !f) return RASD_EINPUT;
  rasd_view_opts o = {0};
  if (vo) o = *vo;
  uint32_t *ord = malloc((c->n_st + 1) * sizeof *ord);
  etab et = {0};
  int rc = RASD_ENOMEM;
  et.nterms = c->terms.n;
  et.dense = malloc((et.nterms + 1) * sizeof *et.dense);
  et.ar = rasd__arena_new(1 << 14);
  if (!ord || !et.dense || !et.ar) goto done;
  for (size_t i = 0; i < et.nterms; i++) et.dense[i] = -1;
  size_t n = 0;
  for (size_t i = 0; i < c->n_st; i++)
    if (c->st[i].n_mem >= (uint32_t)(o.min_articles > 0 ? o.min_articles : 1)) ord[n++] = (uint32_t)i;
  ord_ctx = c;
  qsort(ord, n, sizeof *ord, cmp_size);
  if (o.max_stories > 0 && n > (size_t)o.max_stories) n = (size_t)o.max_stories;
  if (fmt == RASD_FMT_JSON) fputs("{\"stories\": [\n", f);
  else if (fmt == RASD_FMT_HTML)
    fputs("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>رصد — القصص</title><style>"
          "body{font-family:'Noto Naskh Arabic','Amiri',Tahoma,sans-serif;max-width:60em;margin:auto;padding:1em;line-height:1.7;"
          "background:#fafafa;color:#222}article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1em;margin:1em 0}"
          "h2{margin:.2em 0;font-size:1.3em}.meta{color:#666;font-size:.9em}.o{display:inline-block;background:#e8eef7;"
          "border-radius:3px;padding:0 .4em;margin:0 .2em;font-size:.8em;color:#234}time{font-family:monospace;direction:ltr;"
          "unicode-bidi:isolate}ul{padding-right:1.2em}.en{direction:ltr;unicode-bidi:isolate;color:#555}"
          ".dis{color:#a40}</style></head><body>\n<h1>رصد — القصص</h1>\n",
          f);
  for (size_t k = 0; k < n; k++) {
    rasd__view v;
    if ((rc = rasd__view_build(c, ord[k], &o, &v)) != RASD_OK) { rasd__view_free(&v); goto done; }
    if (fmt == RASD_FMT_JSON) {
      json_t *j = view_json(c, &v, &et);
      char *s = json_dumps(j, JSON_COMPACT);
      json_decref(j);
      if (!s) { rasd__view_free(&v); rc = RASD_ENOMEM; goto done; }
      fprintf(f, "%s%s", k ? ",\n" : "", s);
      free(s);
    } else if (fmt == RASD_FMT_TEXT) {
      fprintf(f, "━━ %s\n   #%lld · %zu %s · ", v.title ? v.title : "", (long long)v.id, v.n_mem,
              v.n_mem == 1 ? "article" : "articles");
      text_list(f, v.outlets, v.n_outlets);
      if (v.first_date) fprintf(f, " · %.10s", v.first_date);
      if (v.last_date && strncmp(v.first_date, v.last_date, 10)) fprintf(f, " → %.10s", v.last_date);
      fputc('\n', f);
      for (size_t i = 0; i < v.n_sum; i++) {
        fprintf(f, "   • %s [", v.sum[i].text);
        text_list(f, v.sum[i].outlets, v.sum[i].n_outlets);
        fputs("]\n", f);
      }
      if (v.n_tl) fputs("   timeline:\n", f);
      for (size_t i = 0; i < v.n_tl && i < 10; i++) {
        fprintf(f, "     %-10s %.*s%s [", v.tl[i].date, rasd__utf8_clip(v.tl[i].text, 200), v.tl[i].text, strlen(v.tl[i].text) > 200 ? "…" : "");
        text_list(f, v.tl[i].outlets, v.tl[i].n_outlets);
        fputs("]\n", f);
      }
      if (v.n_ent) {
        fputs("   entities: ", f);
        for (size_t i = 0; i < v.n_ent && i < 8; i++)
          fprintf(f, "%s%s%s%s%s", i ? "، " : "", v.ent[i].canonical ? v.ent[i].canonical : v.ent[i].key,
                  v.ent[i].en ? " (" : "", v.ent[i].en ? v.ent[i].en : "", v.ent[i].en ? ")" : "");
        fputc('\n', f);
      }
      for (size_t i = 0; i < v.n_q && i < 3; i++) {
        fprintf(f, "   %s: «%.*s%s» [", v.q[i].speaker, rasd__utf8_clip(v.q[i].text, 240), v.q[i].text, strlen(v.q[i].text) > 240 ? "…" : "");
        text_list(f, v.q[i].outlets, v.q[i].n_outlets);
        fputs("]\n", f);
      }
      for (size_t i = 0; i < v.n_dis; i++) {
        fprintf(f, "   ! %s: ", v.dis[i].kind);
        for (size_t j = 0; j < v.dis[i].n_vals; j++) fprintf(f, "%s%s (%s)", j ? " / " : "", v.dis[i].vals[j], v.dis[i].val_outlets[j]);
        fputc('\n', f);
      }
      fputc('\n', f);
    } else {
      fputs("<article>\n<h2>", f);
      html_esc(f, v.title);
      fprintf(f, "</h2>\n<div class=meta>#%lld · %zu مقال · ", (long long)v.id, v.n_mem);
      html_list(f, v.outlets, v.n_outlets);
      if (v.first_date) { fputs(" · <time>", f); html_esc(f, v.first_date); fputs("</time>", f); }
      fputs("</div>\n<ul class=sum>", f);
      for (size_t i = 0; i < v.n_sum; i++) {
        fputs("<li>", f); html_esc(f, v.sum[i].text); fputc(' ', f);
        html_list(f, v.sum[i].outlets, v.sum[i].n_outlets); fputs("</li>\n", f);
      }
      fputs("</ul>\n", f);
      if (v.n_tl) {
        fputs("<h3>الخط الزمني</h3><ul class=tl>", f);
        for (size_t i = 0; i < v.n_tl; i++) {
          fputs("<li><time>", f); html_esc(f, v.tl[i].date); fputs("</time> ", f); html_esc(f, v.tl[i].text);
          fputc(' ', f); html_list(f, v.tl[i].outlets, v.tl[i].n_outlets); fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
      }
      if (v.n_ent) {
        fputs("<h3>الأطراف</h3><p>", f);
        for (size_t i = 0; i < v.n_ent && i < 15; i++) {
          if (i) fputs("، ", f);
          html_esc(f, v.ent[i].canonical ? v.ent[i].canonical : v.ent[i].key);
          if (v.ent[i].en) { fputs(" <span class=en>(", f); html_esc(f, v.ent[i].en); fputs(")</span>", f); }
        }
        fputs("</p>\n", f);
      }
      if (v.n_q) {
        fputs("<h3>تصريحات</h3><ul class=q>", f);
        for (size_t i = 0; i < v.n_q; i++) {
          fputs("<li><b>", f); html_esc(f, v.q[i].speaker); fputs("</b>: «", f); html_esc(f, v.q[i].text);
          fputs("» ", f); html_list(f, v.q[i].outlets, v.q[i].n_outlets); fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
      }
      if (v.n_dis) {
        fputs("<h3>روايات مختلفة</h3><ul class=dis>", f);
        for (size_t i = 0; i < v.n_dis; i++) {
          fputs("<li>", f);
          for (size_t j = 0; j < v.dis[i].n_vals; j++) {
            if (j) fputs(" / ", f);
            html_esc(f, v.dis[i].vals[j]); fputs(" (", f); html_esc(f, v.dis[i].val_outlets[j]); fputs(")", f);
          }
          fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
      }
      fputs("</article>\n", f);
    }
    rasd__view_free(&v);
  }
  if (fmt == RASD_FMT_JSON) {
    fputs("\n],\n\"storylines\": [", f);
    for (size_t k = 0; k < c->n_sl; k++) {
      fputs(k ? ", [" : "[", f);
      for (size_t j = 0; j < c->sl_n[k]; j++) fprintf(f, "%s%lld", j ? ", " : "", (long long)c->sl[k][j]);
      fputc(']', f);
    }
    fputs("],\n\"entities\": [", f);
    size_t nreg = c->reg ? rasd_registry_count(c->reg) : 0;
    for (size_t i = 0; i < nreg; i++) {
      rasd_corpus_entity ce;
      if (rasd_registry_get(c->reg, i, &ce) != RASD_OK) continue;
      json_t *e = json_object();
      json_object_set_new(e, "id", json_integer((json_int_t)ce.id));
      json_object_set_new(e, "type", json_string(TYPES[ce.type <= 4 ? ce.type : 0]));
      json_object_set_new(e, "canonical", js(ce.canonical));
      json_object_set_new(e, "en", js(ce.en));
      json_object_set_new(e, "en_translit", json_boolean(ce.en_translit));
      json_t *forms = json_array();
      for (size_t k = 0; k < ce.n_forms; k++) json_array_append_new(forms, json_string(ce.forms[k]));
      json_object_set_new(e, "forms", forms);
      json_object_set_new(e, "mentions", json_integer(ce.mentions));
      json_object_set_new(e, "articles", json_integer(ce.articles));
      char *s = json_dumps(e, JSON_COMPACT);
      json_decref(e);
      if (!s) goto done;
      fprintf(f, "%s\n%s", i ? "," : "", s);
      free(s);
    }
    for (size_t i = 0; i < et.n; i++) {
      json_t *e = json_object();
      json_object_set_new(e, "id", json_integer((json_int_t)(nreg + i)));
      json_object_set_new(e, "type", json_string(TYPES[et.row[i].type >= 0 && et.row[i].type <= 4 ? et.row[i].type : 0]));
      json_object_set_new(e, "canonical", js(et.row[i].canonical));
      json_object_set_new(e, "en", js(et.row[i].en));
      json_object_set_new(e, "forms", jstrs(et.row[i].forms, et.row[i].n_forms));
      json_object_set_new(e, "mentions", json_integer(et.row[i].mentions));
      json_object_set_new(e, "articles", json_integer(et.row[i].articles));
      char *s = json_dumps(e, JSON_COMPACT);
      json_decref(e);
      if (!s) goto done;
      fprintf(f, "%s\n%s", i + nreg ? "," : "", s);
      free(s);
    }
    fputs("],\n\"articles\": [", f);
    for (size_t i = 0; i < c->n_art; i++) {
      json_t *e = json_object();
      json_object_set_new(e, "id", json_string(c->art[i].id));
      json_object_set_new(e, "story", c->art[i].story >= 0 ? json_integer(c->art[i].story + 1) : json_null());
      json_object_set_new(e, "duplicate_of", c->art[i].dup_of >= 0 ? json_string(c->art[c->art[i].dup_of].id) : json_null());
      char *s = json_dumps(e, JSON_COMPACT);
      json_decref(e);
      if (!s) goto done;
      fprintf(f, "%s\n%s", i ? "," : "", s);
      free(s);
    }
    fputs("]}\n", f);
  } else if (fmt == RASD_FMT_HTML) {
    if (c->n_sl) {
      fputs("<h2>سلاسل القصص</h2><ul>", f);
      for (size_t k = 0; k < c->n_sl; k++) {
        fputs("<li>", f);
        for (size_t j = 0; j < c->sl_n[k]; j++) fprintf(f, "%s#%lld", j ? " ← " : "", (long long)c->sl[k][j]);
        fputs("</li>", f);
      }
      fputs("</ul>\n", f);
    }
    fputs("</body></html>\n", f);
  } else if (c->n_sl) {
    fputs("storylines:\n", f);
    for (size_t k = 0; k < c->n_sl; k++) {
      fputs("  ", f);
      for (size_t j = 0; j < c->sl_n[k]; j++) fprintf(f, "%s#%lld", j ? " → " : "", (long long)c->sl[k][j]);
      fputc('\n', f);
    }
  }
  rc = ferror(f) ? RASD_EIO : RASD_OK;
done:
  free(ord);
  free(et.dense);
  free(et.row);
  rasd__arena_free(et.ar);
  return rc;
}
