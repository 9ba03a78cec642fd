/* html.c — the Arabic, right-to-left web view: story list, story, article, entity and search pages rendered on
 * the server from the store's JSON views. Every string from articles is HTML-escaped here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "serve/serve.h"

static void esc(rasd__buf *b, const char *s) {
  if (s) rasd__html_escape(b, s, strlen(s));
}

static const char *sget(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void escj(rasd__buf *b, json_t *o, const char *k) { esc(b, sget(o, k)); }

/* Percent-encodes 's' for a URL path segment or query value. */
static void url_enc(rasd__buf *b, const char *s) {
  static const char hx[] = "0123456789ABCDEF";
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
      rasd__buf_addc(b, (char)c);
    else
      rasd__buf_printf(b, "%%%c%c", hx[c >> 4], hx[c & 15]);
  }
}

static void head(rasd__buf *b, const char *title, const char *q) {
  rasd__buf_adds(b, "<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
  esc(b, title);
  rasd__buf_adds(b, " · رصد</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>"
                    "<header><a class=\"brand\" href=\"/\">رصد</a><nav><a href=\"/\">القصص</a>"
                    "<a href=\"/entities\">الكيانات</a><a href=\"/search\">البحث</a></nav>"
                    "<form action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" "
                    "placeholder=\"ابحث في الأخبار…\" aria-label=\"بحث\" value=\"");
  esc(b, q);
  rasd__buf_adds(b, "\"><button type=\"submit\">بحث</button></form></header><main>");
}

static char *finish(rasd__buf *b, const char *api) {
  rasd__buf_printf(b, "</main><footer>رصد %s · مراقبة الأخبار العربية", rasd_version());
  if (api) {
    rasd__buf_adds(b, " · <a href=\"");
    esc(b, api);
    rasd__buf_adds(b, "\">JSON</a>");
  }
  rasd__buf_adds(b, "</footer></body></html>\n");
  if (b->oom) {
    rasd__buf_free(b);
    return NULL;
  }
  return rasd__buf_detach(b);
}

static void tags(rasd__buf *b, json_t *arr) {
  size_t i;
  json_t *x;
  json_array_foreach(arr, i, x) {
    rasd__buf_adds(b, "<span class=\"tag\">");
    esc(b, json_string_value(x));
    rasd__buf_adds(b, "</span>");
  }
}

static void date_range(rasd__buf *b, json_t *o) {
  const char *f = sget(o, "first_date"), *l = sget(o, "last_date");
  if (!f && !l) return;
  rasd__buf_adds(b, "<time class=\"ltr\">");
  esc(b, f ? f : l);
  rasd__buf_adds(b, "</time>");
  if (f && l && strcmp(f, l)) {
    rasd__buf_adds(b, " – <time class=\"ltr\">");
    esc(b, l);
    rasd__buf_adds(b, "</time>");
  }
}

static void articles_count(rasd__buf *b, long long n) {
  rasd__buf_printf(b, "<span class=\"size\" title=\"عدد المقالات\">%lld</span> %s", n,
                   n == 1 ? "مقال" : n == 2 ? "مقالان" : n <= 10 ? "مقالات" : "مقالًا");
}

static void story_items(rasd__buf *b, json_t *arr) {
  rasd__buf_adds(b, "<ul class=\"stories\">");
  size_t i;
  json_t *s;
  json_array_foreach(arr, i, s) {
    rasd__buf_printf(b, "<li class=\"story\"><h3><a href=\"/story/%lld\">", (long long)json_integer_value(json_object_get(s, "id")));
    const char *t = sget(s, "title");
    esc(b, t && *t ? t : "(بلا عنوان)");
    rasd__buf_adds(b, "</a></h3><div class=\"meta\">");
    articles_count(b, json_integer_value(json_object_get(s, "size")));
    rasd__buf_adds(b, " · ");
    date_range(b, s);
    rasd__buf_adds(b, "</div><div>");
    tags(b, json_object_get(s, "outlets"));
    rasd__buf_adds(b, "</div></li>");
  }
  rasd__buf_adds(b, "</ul>");
}

char *rasd__html_stories(json_t *list, const rasd_story_filter *f) {
  rasd__buf b;
  rasd__buf_init(&b);
  head(&b, "القصص", NULL);
  rasd__buf_adds(&b, "<h1>القصص</h1><form class=\"filters\" method=\"get\" action=\"/\"><label>من<input type=\"date\" "
                     "name=\"from\" value=\"");
  esc(&b, f->from);
  rasd__buf_adds(&b, "\"></label><label>إلى<input type=\"date\" name=\"to\" value=\"");
  esc(&b, f->to);
  rasd__buf_adds(&b, "\"></label><label>كلمات<input type=\"search\" name=\"q\" value=\"");
  esc(&b, f->q);
  rasd__buf_adds(&b, "\"></label><button type=\"submit\">تصفية</button></form>");
  json_t *arr = json_object_get(list, "stories");
  if (!json_array_size(arr)) rasd__buf_adds(&b, "<p class=\"meta\">لا توجد قصص بهذه الشروط.</p>");
  story_items(&b, arr);
  /* Pager keeps the filters. */
  rasd__buf q;
  rasd__buf_init(&q);
  if (f->from) { rasd__buf_adds(&q, "&amp;from="); url_enc(&q, f->from); }
  if (f->to) { rasd__buf_adds(&q, "&amp;to="); url_enc(&q, f->to); }
  if (f->q) { rasd__buf_adds(&q, "&amp;q="); url_enc(&q, f->q); }
  rasd__buf_adds(&b, "<nav class=\"pager\">");
  if (f->offset)
    rasd__buf_printf(&b, "<a href=\"/?offset=%zu&amp;limit=%zu%s\">→ الأحدث</a>", f->offset > f->limit ? f->offset - f->limit : 0,
                     f->limit, q.s ? q.s : "");
  else
    rasd__buf_adds(&b, "<span></span>");
  if (json_is_true(json_object_get(list, "more")))
    rasd__buf_printf(&b, "<a href=\"/?offset=%zu&amp;limit=%zu%s\">الأقدم ←</a>", f->offset + f->limit, f->limit,
                     q.s ? q.s : "");
  rasd__buf_adds(&b, "</nav>");
  rasd__buf_free(&q);
  return finish(&b, "/api/stories");
}

static void entity_link(rasd__buf *b, json_t *e, const char *name_key) {
  json_t *id = json_object_get(e, "id");
  if (json_is_integer(id)) rasd__buf_printf(b, "<a href=\"/entity/%lld\">", (long long)json_integer_value(id));
  escj(b, e, name_key);
  if (json_is_integer(id)) rasd__buf_adds(b, "</a>");
  const char *en = sget(e, "en");
  if (en && *en) {
    rasd__buf_adds(b, " <bdi lang=\"en\" class=\"en\">");
    esc(b, en);
    rasd__buf_adds(b, "</bdi>");
  }
}

static const char *type_ar(const char *t) {
  if (!t) return "";
  if (!strcmp(t, "PER")) return "شخص";
  if (!strcmp(t, "LOC")) return "مكان";
  if (!strcmp(t, "ORG")) return "منظمة";
  return "أخرى";
}

static void quotes_html(rasd__buf *b, json_t *groups, int with_speaker) {
  size_t i, k;
  json_t *g, *q;
  json_array_foreach(groups, i, g) {
    if (with_speaker) {
      rasd__buf_adds(b, "<div class=\"speaker\">");
      json_t *e = json_object_get(g, "entity");
      if (json_is_integer(e)) rasd__buf_printf(b, "<a href=\"/entity/%lld\">", (long long)json_integer_value(e));
      const char *sp = sget(g, "speaker");
      esc(b, sp && *sp ? sp : "متحدث غير معروف");
      if (json_is_integer(e)) rasd__buf_adds(b, "</a>");
      const char *en = sget(g, "en");
      if (en) { rasd__buf_adds(b, " <bdi lang=\"en\" class=\"en\">"); esc(b, en); rasd__buf_adds(b, "</bdi>"); }
      const char *role = sget(g, "role");
      if (role) { rasd__buf_adds(b, " <span class=\"meta\">— "); esc(b, role); rasd__buf_adds(b, "</span>"); }
      rasd__buf_adds(b, "</div>");
    }
    json_array_foreach(json_object_get(g, "quotes"), k, q) {
      int direct = json_is_true(json_object_get(q, "direct"));
      rasd__buf_adds(b, "<blockquote>");
      if (direct) rasd__buf_adds(b, "«");
      escj(b, q, "text");
      if (direct) rasd__buf_adds(b, "»");
      rasd__buf_adds(b, "<div class=\"meta\">");
      const char *cue = sget(q, "cue");
      json_t *qo = json_object_get(q, "outlets");
      if (cue) {
        esc(b, cue);
        if (json_array_size(qo)) rasd__buf_adds(b, " · ");
      }
      tags(b, qo);
      rasd__buf_adds(b, "</div></blockquote>");
    }
  }
}

char *rasd__html_story(json_t *s) {
  rasd__buf b;
  rasd__buf_init(&b);
  const char *title = sget(s, "title");
  head(&b, title && *title ? title : "قصة", NULL);
  rasd__buf_adds(&b, "<h1>");
  esc(&b, title && *title ? title : "(بلا عنوان)");
  rasd__buf_adds(&b, "</h1><p class=\"meta\">");
  articles_count(&b, json_integer_value(json_object_get(s, "size")));
  rasd__buf_adds(&b, " · ");
  date_range(&b, s);
  rasd__buf_adds(&b, " · ");
  tags(&b, json_object_get(s, "outlets"));
  rasd__buf_adds(&b, "</p><div class=\"cols\"><div>");
  size_t i;
  json_t *x;
  rasd__buf_adds(&b, "<section id=\"summary\"><h2>الملخص</h2>");
  if (!json_array_size(json_object_get(s, "summary"))) rasd__buf_adds(&b, "<p class=\"meta\">لا ملخص.</p>");
  rasd__buf_adds(&b, "<ul class=\"summary\">");
  json_array_foreach(json_object_get(s, "summary"), i, x) {
    rasd__buf_adds(&b, "<li>");
    escj(&b, x, "text");
    rasd__buf_adds(&b, " ");
    tags(&b, json_object_get(x, "outlets"));
    rasd__buf_adds(&b, "</li>");
  }
  rasd__buf_adds(&b, "</ul></section><section id=\"timeline\"><h2>الخط الزمني</h2>");
  if (!json_array_size(json_object_get(s, "timeline"))) rasd__buf_adds(&b, "<p class=\"meta\">لا تواريخ محددة في المقالات.</p>");
  else rasd__buf_adds(&b, "<ol class=\"timeline\">");
  json_array_foreach(json_object_get(s, "timeline"), i, x) {
    rasd__buf_adds(&b, "<li><time class=\"ltr\">");
    escj(&b, x, "date");
    rasd__buf_adds(&b, "</time> ");
    const char *t = sget(x, "text");
    esc(&b, t && *t ? t : sget(x, "expression"));
    rasd__buf_adds(&b, " ");
    tags(&b, json_object_get(x, "outlets"));
    rasd__buf_adds(&b, "</li>");
  }
  if (json_array_size(json_object_get(s, "timeline"))) rasd__buf_adds(&b, "</ol>");
  rasd__buf_adds(&b, "</section><section id=\"quotes\"><h2>الأقوال</h2>");
  if (!json_array_size(json_object_get(s, "quotes"))) rasd__buf_adds(&b, "<p class=\"meta\">لا أقوال منسوبة.</p>");
  quotes_html(&b, json_object_get(s, "quotes"), 1);
  rasd__buf_adds(&b, "</section>");
  if (json_array_size(json_object_get(s, "disagreements"))) {
    rasd__buf_adds(&b, "<section id=\"disagreements\" class=\"disagree\"><h2>اختلافات بين المصادر</h2><ul>");
    json_array_foreach(json_object_get(s, "disagreements"), i, x) {
      rasd__buf_adds(&b, "<li>");
      size_t k;
      json_t *r;
      if (json_is_array(json_object_get(x, "values"))) { /* the story engine's form */
        escj(&b, x, "text");
        rasd__buf_adds(&b, ": ");
        json_array_foreach(json_object_get(x, "values"), k, r) {
          rasd__buf_adds(&b, k ? " <b>مقابل</b> «" : "«");
          escj(&b, r, "value");
          rasd__buf_adds(&b, "» <span class=\"tag\">");
          escj(&b, r, "outlet");
          rasd__buf_adds(&b, "</span>");
        }
      }
      json_array_foreach(json_object_get(x, "reports"), k, r) {
        rasd__buf_adds(&b, k ? " <b>مقابل</b> " : "");
        rasd__buf_adds(&b, "<span class=\"tag\">");
        escj(&b, r, "outlet");
        rasd__buf_adds(&b, "</span> «");
        const char *qt = sget(r, "quantity");
        esc(&b, qt);
        rasd__buf_adds(&b, "»");
      }
      rasd__buf_adds(&b, "</li>");
    }
    rasd__buf_adds(&b, "</ul></section>");
  } else {
    rasd__buf_adds(&b, "<section id=\"disagreements\"><h2>اختلافات بين المصادر</h2><p class=\"meta\">لم تُرصد أرقام أو تواريخ متعارضة.</p></section>");
  }
  rasd__buf_adds(&b, "<section id=\"articles\"><h2>المقالات</h2><ol class=\"articles\">");
  json_array_foreach(json_object_get(s, "articles"), i, x) {
    rasd__buf_adds(&b, "<li><a href=\"/article/");
    url_enc(&b, sget(x, "id"));
    rasd__buf_adds(&b, "\">");
    const char *t = sget(x, "title");
    esc(&b, t && *t ? t : sget(x, "id"));
    rasd__buf_adds(&b, "</a> <span class=\"tag\">");
    escj(&b, x, "outlet");
    rasd__buf_adds(&b, "</span> <time class=\"meta ltr\">");
    escj(&b, x, "date");
    rasd__buf_adds(&b, "</time>");
    if (sget(x, "duplicate_of")) {
      rasd__buf_adds(&b, " <span class=\"meta\">(نسخة من ");
      escj(&b, x, "duplicate_of");
      rasd__buf_adds(&b, ")</span>");
    }
    rasd__buf_adds(&b, "</li>");
  }
  rasd__buf_adds(&b, "</ol></section></div><aside><section id=\"entities\"><h2>الكيانات</h2><ul class=\"entities\">");
  json_array_foreach(json_object_get(s, "entities"), i, x) {
    rasd__buf_adds(&b, "<li>");
    entity_link(&b, x, "name");
    rasd__buf_printf(&b, " <span class=\"type\">%s</span></li>", type_ar(sget(x, "type")));
  }
  if (!json_array_size(json_object_get(s, "entities"))) rasd__buf_adds(&b, "<li class=\"meta\">لا كيانات.</li>");
  rasd__buf_adds(&b, "</ul></section>");
  if (json_array_size(json_object_get(s, "storyline")) > 1) {
    rasd__buf_adds(&b, "<section id=\"storyline\"><h2>سياق القصة</h2><ol>");
    json_array_foreach(json_object_get(s, "storyline"), i, x) {
      rasd__buf_printf(&b, "<li><a href=\"/story/%lld\">", (long long)json_integer_value(json_object_get(x, "id")));
      escj(&b, x, "title");
      rasd__buf_adds(&b, "</a> <time class=\"meta ltr\">");
      escj(&b, x, "first_date");
      rasd__buf_adds(&b, "</time></li>");
    }
    rasd__buf_adds(&b, "</ol></section>");
  }
  rasd__buf_adds(&b, "</aside></div>");
  char api[64];
  snprintf(api, sizeof api, "/api/stories/%lld", (long long)json_integer_value(json_object_get(s, "id")));
  return finish(&b, api);
}

char *rasd__html_article(json_t *a) {
  rasd__buf b;
  rasd__buf_init(&b);
  const char *title = sget(a, "title");
  head(&b, title && *title ? title : "مقال", NULL);
  rasd__buf_adds(&b, "<h1>");
  esc(&b, title && *title ? title : sget(a, "id"));
  rasd__buf_adds(&b, "</h1><p class=\"meta\"><span class=\"tag\">");
  escj(&b, a, "outlet");
  rasd__buf_adds(&b, "</span> <time class=\"ltr\">");
  escj(&b, a, "date");
  rasd__buf_adds(&b, "</time>");
  if (json_is_integer(json_object_get(a, "story"))) {
    rasd__buf_printf(&b, " · القصة: <a href=\"/story/%lld\">", (long long)json_integer_value(json_object_get(a, "story")));
    escj(&b, a, "story_title");
    rasd__buf_adds(&b, "</a>");
  }
  const char *url = sget(a, "url");
  if (url && (!strncmp(url, "http://", 7) || !strncmp(url, "https://", 8))) {
    rasd__buf_adds(&b, " · <a rel=\"noopener noreferrer nofollow\" href=\"");
    esc(&b, url);
    rasd__buf_adds(&b, "\">المصدر</a>");
  }
  rasd__buf_adds(&b, "</p><div class=\"cols\"><div><section class=\"text\">");
  const char *text = sget(a, "text");
  while (text && *text) {
    const char *nl = strchr(text, '\n');
    size_t n = nl ? (size_t)(nl - text) : strlen(text);
    if (n) {
      rasd__buf_adds(&b, "<p>");
      rasd__html_escape(&b, text, n);
      rasd__buf_adds(&b, "</p>");
    }
    text += n + (nl ? 1 : 0);
  }
  rasd__buf_adds(&b, "</section>");
  size_t i;
  json_t *x;
  if (json_array_size(json_object_get(a, "quotes"))) {
    rasd__buf_adds(&b, "<section><h2>الأقوال</h2>");
    json_array_foreach(json_object_get(a, "quotes"), i, x) {
      rasd__buf_adds(&b, "<div class=\"speaker\">");
      const char *sp = sget(x, "speaker");
      esc(&b, sp ? sp : "متحدث غير معروف");
      rasd__buf_adds(&b, "</div><blockquote>");
      escj(&b, x, "text");
      rasd__buf_adds(&b, "</blockquote>");
    }
    rasd__buf_adds(&b, "</section>");
  }
  rasd__buf_adds(&b, "</div><aside><section><h2>الكيانات</h2><ul class=\"entities\">");
  json_array_foreach(json_object_get(a, "entities"), i, x) {
    rasd__buf_adds(&b, "<li>");
    entity_link(&b, x, "name");
    rasd__buf_printf(&b, " <span class=\"type\">%s</span></li>", type_ar(sget(x, "type")));
  }
  rasd__buf_adds(&b, "</ul></section><section><h2>التواريخ</h2><ul>");
  json_array_foreach(json_object_get(a, "dates"), i, x) {
    rasd__buf_adds(&b, "<li>");
    escj(&b, x, "text");
    rasd__buf_adds(&b, " → <time class=\"ltr\">");
    escj(&b, x, "value");
    rasd__buf_adds(&b, "</time></li>");
  }
  rasd__buf_adds(&b, "</ul></section></aside></div>");
  rasd__buf api;
  rasd__buf_init(&api);
  rasd__buf_adds(&api, "/api/articles/");
  url_enc(&api, sget(a, "id"));
  char *r = finish(&b, api.s);
  rasd__buf_free(&api);
  return r;
}

char *rasd__html_entity(json_t *e) {
  rasd__buf b;
  rasd__buf_init(&b);
  head(&b, sget(e, "name"), NULL);
  rasd__buf_adds(&b, "<h1>");
  escj(&b, e, "name");
  const char *en = sget(e, "en");
  if (en) {
    rasd__buf_adds(&b, " <bdi lang=\"en\" class=\"en\">");
    esc(&b, en);
    rasd__buf_adds(&b, "</bdi>");
  }
  rasd__buf_printf(&b, "</h1><p class=\"meta\"><span class=\"type\">%s</span> · %lld مقال · %lld ذكر</p>",
                   type_ar(sget(e, "type")), (long long)json_integer_value(json_object_get(e, "articles")),
                   (long long)json_integer_value(json_object_get(e, "mentions")));
  size_t i;
  json_t *x;
  rasd__buf_adds(&b, "<section><h2>الصيغ المكتوبة</h2><p>");
  json_array_foreach(json_object_get(e, "forms"), i, x) {
    rasd__buf_adds(&b, "<span class=\"tag\">");
    escj(&b, x, "form");
    rasd__buf_adds(&b, "</span>");
  }
  rasd__buf_adds(&b, "</p></section><section><h2>القصص</h2>");
  story_items(&b, json_object_get(e, "stories"));
  rasd__buf_adds(&b, "</section><section><h2>الأقوال</h2>");
  if (!json_array_size(json_object_get(e, "quotes"))) rasd__buf_adds(&b, "<p class=\"meta\">لا أقوال منسوبة.</p>");
  json_t *g = json_pack("[{s:O}]", "quotes", json_object_get(e, "quotes") ? json_object_get(e, "quotes") : json_null());
  quotes_html(&b, g, 0);
  json_decref(g);
  rasd__buf_adds(&b, "</section>");
  char api[64];
  snprintf(api, sizeof api, "/api/entities/%lld", (long long)json_integer_value(json_object_get(e, "id")));
  return finish(&b, api);
}

char *rasd__html_entities(json_t *list, const char *q) {
  rasd__buf b;
  rasd__buf_init(&b);
  head(&b, "الكيانات", NULL);
  rasd__buf_adds(&b, "<h1>الكيانات</h1><form class=\"filters\" method=\"get\" action=\"/entities\"><label>اسم بأي "
                     "صيغة<input type=\"search\" name=\"q\" value=\"");
  esc(&b, q);
  rasd__buf_adds(&b, "\"></label><button type=\"submit\">بحث</button></form><section><ul class=\"entities\">");
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(list, "entities"), i, x) {
    rasd__buf_adds(&b, "<li>");
    entity_link(&b, x, "name");
    rasd__buf_printf(&b, " <span class=\"type\">%s</span> <span class=\"meta\">%lld مقال</span></li>",
                     type_ar(sget(x, "type")), (long long)json_integer_value(json_object_get(x, "articles")));
  }
  if (!json_array_size(json_object_get(list, "entities"))) rasd__buf_adds(&b, "<li class=\"meta\">لا نتائج.</li>");
  rasd__buf_adds(&b, "</ul></section>");
  return finish(&b, "/api/entities");
}

char *rasd__html_search(json_t *res, const char *q, const char *error, size_t limit, size_t offset) {
  rasd__buf b;
  rasd__buf_init(&b);
  head(&b, q ? q : "البحث", q);
  rasd__buf_adds(&b, "<h1>البحث</h1><p class=\"meta\">كلمات بأي سابقة أو لاحقة، و\"عبارة بين علامتي تنصيص\"، و"
                     "<code>entity:</code> لاسم أو رقم كيان، و<code>outlet:</code> للمصدر، و<code>from:</code> "
                     "و<code>to:</code> لتواريخ بصيغة YYYY-MM-DD.</p>");
  if (error) {
    rasd__buf_adds(&b, "<p class=\"error\">");
    esc(&b, error);
    rasd__buf_adds(&b, "</p>");
  }
  size_t i, n = json_array_size(json_object_get(res, "results"));
  json_t *x;
  if (res && !n) rasd__buf_adds(&b, "<p class=\"meta\">لا نتائج.</p>");
  json_array_foreach(json_object_get(res, "results"), i, x) {
    rasd__buf_adds(&b, "<div class=\"result\"><h3><a href=\"/article/");
    url_enc(&b, sget(x, "article"));
    rasd__buf_adds(&b, "\">");
    const char *t = sget(x, "title");
    esc(&b, t && *t ? t : sget(x, "article"));
    rasd__buf_adds(&b, "</a></h3><p>");
    /* The snippet is HTML already: the store escaped the text and added only <mark>. */
    const char *sn = sget(x, "snippet");
    if (sn) rasd__buf_adds(&b, sn);
    rasd__buf_adds(&b, "</p><div class=\"meta\"><span class=\"tag\">");
    escj(&b, x, "outlet");
    rasd__buf_adds(&b, "</span> <time class=\"ltr\">");
    escj(&b, x, "date");
    rasd__buf_adds(&b, "</time>");
    if (json_is_integer(json_object_get(x, "story")))
      rasd__buf_printf(&b, " · <a href=\"/story/%lld\">القصة</a>", (long long)json_integer_value(json_object_get(x, "story")));
    rasd__buf_adds(&b, "</div></div>");
  }
  if (q && (offset || n == limit)) {
    rasd__buf_adds(&b, "<nav class=\"pager\">");
    if (offset) {
      rasd__buf_printf(&b, "<a href=\"/search?offset=%zu&amp;q=", offset > limit ? offset - limit : 0);
      url_enc(&b, q);
      rasd__buf_adds(&b, "\">→ السابق</a>");
    } else {
      rasd__buf_adds(&b, "<span></span>");
    }
    if (n == limit) {
      rasd__buf_printf(&b, "<a href=\"/search?offset=%zu&amp;q=", offset + limit);
      url_enc(&b, q);
      rasd__buf_adds(&b, "\">التالي ←</a>");
    }
    rasd__buf_adds(&b, "</nav>");
  }
  return finish(&b, NULL);
}

char *rasd__html_error(unsigned status, const char *reason, const char *msg) {
  rasd__buf b;
  rasd__buf_init(&b);
  head(&b, reason, NULL);
  rasd__buf_printf(&b, "<h1>%u</h1><p class=\"error\">", status);
  esc(&b, msg);
  rasd__buf_adds(&b, "</p><p><a href=\"/\">القصص</a></p>");
  return finish(&b, NULL);
}
