/* html.c — HTML pages → one article: libxml2's HTML parser, chrome removal and the densest-block main text. */
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include "read/read.h"

static int name_is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int is_block(const xmlNode *n) {
  static const char *const b[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section",
                                  "article", "main", "td", "tr", "table", "ul", "ol", "pre", "figure",
                                  "figcaption", "header", "footer", "dd", "dt", "br", "hr", "time", "address",
                                  NULL};
  for (size_t i = 0; b[i]; i++)
    if (name_is(n, b[i])) return 1;
  /* author and date spans get lines of their own so the cleaner sees bylines and date lines */
  if (name_is(n, "span") || name_is(n, "a")) {
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)"class");
    int hit = v && (strcasestr((const char *)v, "author") || strcasestr((const char *)v, "byline") ||
                    strcasestr((const char *)v, "date"));
    xmlFree(v);
    return hit;
  }
  return 0;
}

/* Elements that are never article text. */
static int is_chrome_tag(const xmlNode *n) {
  static const char *const t[] = {"script", "style", "noscript", "nav", "aside", "footer", "form", "iframe", "svg",
                                  "button", "select", "input", "textarea", "label", "template", "object",
                                  "embed", "canvas", "video", "audio", "map", "head", "menu", NULL};
  for (size_t i = 0; t[i]; i++)
    if (name_is(n, t[i])) return 1;
  return 0;
}

/* class/id words of site chrome: share bars, related links, comments, ads, menus. */
static int is_chrome_attr(const xmlNode *n) {
  static const char *const w[] = {"share", "social", "related", "comment", "sidebar", "menu", "breadcrumb",
                                  "footer", "navbar", "advert", "ads", "ad-", "promo", "newsletter", "subscribe",
                                  "cookie", "popup", "modal", "widget", "tags", "most-read", "mostread",
                                  "trending", "outbrain", "taboola", "print", "toolbar", "font-size", NULL};
  static const char *const attrs[] = {"class", "id", NULL};
  for (size_t a = 0; attrs[a]; a++) {
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)attrs[a]);
    if (!v) continue;
    int hit = 0;
    for (size_t i = 0; w[i] && !hit; i++) {
      const char *p = (const char *)v;
      size_t wl = strlen(w[i]);
      while ((p = strcasestr(p, w[i]))) {
        /* whole class words only ("ad" inside "head" does not count) */
        int start = p == (const char *)v || p[-1] == ' ' || p[-1] == '-' || p[-1] == '_';
        char e = p[wl];
        int end = w[i][wl - 1] == '-' || !e || e == ' ' || e == '-' || e == '_';
        if (start && end) {
          hit = 1;
          break;
        }
        p += wl;
      }
    }
    xmlFree(v);
    if (hit) return 1;
  }
  return 0;
}

static int skip_node(const xmlNode *n) {
  if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) return 1;
  if (n->type != XML_ELEMENT_NODE) return 0;
  return is_chrome_tag(n) || (!name_is(n, "article") && !name_is(n, "main") && !name_is(n, "body") &&
                              is_chrome_attr(n));
}

/* Text length of 'n' (outside chrome) and the part of it inside links. */
static void text_len(const xmlNode *n, size_t *all, size_t *links, int in_link) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (skip_node(c)) continue;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      size_t k = 0;
      for (const xmlChar *p = c->content; p && *p; p++)
        if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') k++;
      *all += k;
      if (in_link) *links += k;
    } else if (c->type == XML_ELEMENT_NODE) {
      text_len(c, all, links, in_link || name_is(c, "a"));
    }
  }
}

typedef struct cand {
  xmlNode *node;
  double score;
} cand;

typedef struct scorer {
  cand *c;
  size_t n, cap;
} scorer;

static void add_score(scorer *s, xmlNode *n, double v) {
  for (size_t i = 0; i < s->n; i++)
    if (s->c[i].node == n) {
      s->c[i].score += v;
      return;
    }
  cand c = {n, v};
  RASD__VEC_PUSH(s->c, s->n, s->cap, c);
}

/* Scores paragraphs into their parent (full) and grandparent (half): the densest block wins. */
static void score_tree(scorer *s, xmlNode *n) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || skip_node(c)) continue;
    if (name_is(c, "p") || name_is(c, "pre") || name_is(c, "blockquote")) {
      size_t all = 0, links = 0;
      text_len(c, &all, &links, 0);
      if (all >= 25 && links * 2 < all) {
        double v = 1.0 + (double)(all - links) / 100.0;
        if (c->parent) add_score(s, c->parent, v);
        if (c->parent && c->parent->parent) add_score(s, c->parent->parent, v / 2);
      }
    }
    score_tree(s, c);
  }
}

static void add_text(rasd__buf *b, const xmlChar *s) {
  for (const xmlChar *p = s; p && *p; p++) {
    char c = (char)*p;
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (b->len == 0 || b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\n')) continue;
    rasd__buf_addc(b, c);
  }
}

static void newline(rasd__buf *b) {
  while (b->len && b->s[b->len - 1] == ' ') b->s[--b->len] = 0;
  if (b->len && b->s[b->len - 1] != '\n') rasd__buf_addc(b, '\n');
}

static void add_caption(rasd_article *a, const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\n')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\n')) n--;
  if (!n) return;
  char **v = realloc(a->captions, (a->n_captions + 1) * sizeof *v);
  if (!v) return;
  a->captions = v;
  if ((v[a->n_captions] = rasd__strndup(s, n))) a->n_captions++;
}

/* Writes the text of 'n' into 'b', one line per block; figcaptions go to the article's captions; blocks that
 * are mostly links (menus, tag lists) are left out. */
static void extract(rasd__buf *b, xmlNode *n, rasd_article *a) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (skip_node(c)) continue;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      add_text(b, c->content);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    if (name_is(c, "figcaption")) {
      if (a) {
        rasd__buf t;
        rasd__buf_init(&t);
        extract(&t, c, NULL);
        add_caption(a, t.s ? t.s : "", t.len);
        rasd__buf_free(&t);
      } else {
        extract(b, c, NULL);
      }
      continue;
    }
    if (name_is(c, "br")) {
      newline(b);
      continue;
    }
    int block = is_block(c);
    if (block) {
      size_t all = 0, links = 0;
      text_len(c, &all, &links, 0);
      if (all == 0) continue;
      if ((name_is(c, "ul") || name_is(c, "ol") || name_is(c, "div") || name_is(c, "li") || name_is(c, "p")) &&
          links * 10 > all * 6)
        continue;
      newline(b);
    }
    extract(b, c, a);
    if (block) newline(b);
  }
}

static xmlNode *find_first(xmlNode *n, const char *name) {
  for (xmlNode *c = n; c; c = c->next) {
    if (name_is(c, name)) return c;
    if (c->type == XML_ELEMENT_NODE && !is_chrome_tag(c) && c->children) {
      xmlNode *r = find_first(c->children, name);
      if (r) return r;
    }
  }
  return NULL;
}

static char *meta(xmlNode *head, const char *attr, const char *val) {
  for (xmlNode *c = head ? head->children : NULL; c; c = c->next) {
    if (!name_is(c, "meta") && !name_is(c, "link")) continue;
    xmlChar *v = xmlGetProp(c, (const xmlChar *)attr);
    int hit = v && !strcasecmp((const char *)v, val);
    xmlFree(v);
    if (!hit) continue;
    xmlChar *content = xmlGetProp(c, (const xmlChar *)(name_is(c, "link") ? "href" : "content"));
    char *r = content && *content ? rasd__strdup0((const char *)content) : NULL;
    xmlFree(content);
    if (r) return r;
  }
  return NULL;
}

static char *node_text(xmlNode *n) {
  rasd__buf b;
  rasd__buf_init(&b);
  extract(&b, n, NULL);
  while (b.len && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] == ' ')) b.s[--b.len] = 0;
  for (size_t i = 0; i < b.len; i++)
    if (b.s[i] == '\n') b.s[i] = ' ';
  if (!b.len) {
    rasd__buf_free(&b);
    return NULL;
  }
  return rasd__buf_detach(&b);
}

static char *iso_date(const char *v) {
  char d[11];
  if (!v || !rasd__parse_date(v, strlen(v), d)) return NULL;
  size_t n = strlen(v);
  if (n >= 16 && v[4] == '-' && v[10] == 'T' && v[13] == ':') {
    char b[20];
    snprintf(b, sizeof b, "%sT%.2s:%.2s:%.2s", d, v + 11, v + 14, n >= 19 && v[16] == ':' ? v + 17 : "00");
    return rasd__strdup0(b);
  }
  return rasd__strdup0(d);
}

htmlDocPtr rasd__html_parse(const char *path, const char *s, size_t len);
htmlDocPtr rasd__html_parse(const char *path, const char *s, size_t len) {
  if (len > (size_t)INT32_MAX) return NULL;
  const char *enc = rasd__utf8_valid(s, len) ? "UTF-8" : NULL;
  return htmlReadMemory(s, (int)len, path, enc,
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
}

int rasd__html_fragment_text(const char *s, size_t len, rasd__buf *out);
int rasd__html_fragment_text(const char *s, size_t len, rasd__buf *out) {
  htmlDocPtr doc = rasd__html_parse("fragment", s, len);
  if (!doc) return RASD_EFORMAT;
  xmlNode *root = xmlDocGetRootElement(doc);
  if (root) extract(out, root, NULL);
  xmlFreeDoc(doc);
  return RASD_OK;
}

int rasd__read_html(const char *path, const char *s, size_t len, rasd__artlist *list, char *err) {
  htmlDocPtr doc = rasd__html_parse(path, s, len);
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    if (doc) xmlFreeDoc(doc);
    snprintf(err, 256, "not an HTML page (nothing parsed): skipped");
    return RASD_EFORMAT;
  }
  rasd_article *a = rasd__article_new();
  if (!a) {
    xmlFreeDoc(doc);
    snprintf(err, 256, "out of memory");
    return RASD_ENOMEM;
  }
  xmlNode *head = find_first(root, "head");
  if (!head) head = name_is(root, "html") ? root : NULL;
  xmlNode *body = find_first(root, "body");
  if (!body) body = root;
  a->title = meta(head, "property", "og:title");
  if (!a->title) {
    /* search the whole document: libxml2 puts a stray <title> where it finds it */
    xmlNode *t = NULL;
    for (xmlNode *c = head ? head->children : NULL; c && !t; c = c->next)
      if (name_is(c, "title")) t = c;
    if (t) a->title = node_text(t);
    if (!a->title) {
      xmlNode *h1 = find_first(body, "h1");
      if (h1) a->title = node_text(h1);
    }
  }
  a->outlet = meta(head, "property", "og:site_name");
  a->url = meta(head, "rel", "canonical");
  if (!a->url) a->url = meta(head, "property", "og:url");
  char *d = meta(head, "property", "article:published_time");
  if (!d) d = meta(head, "itemprop", "datePublished");
  if (!d) d = meta(head, "name", "date");
  if (!d) d = meta(head, "name", "pubdate");
  if (!d) {
    xmlNode *t = find_first(body, "time");
    if (t) {
      xmlChar *v = xmlGetProp(t, (const xmlChar *)"datetime");
      d = v ? rasd__strdup0((const char *)v) : node_text(t);
      xmlFree(v);
    }
  }
  a->date = iso_date(d);
  free(d);
  a->byline = meta(head, "name", "author");

  /* the main block: <article> when it carries the text, else the highest-scoring container */
  scorer sc = {0};
  score_tree(&sc, body);
  xmlNode *best = NULL;
  double bs = 0;
  for (size_t i = 0; i < sc.n; i++)
    if (sc.c[i].score > bs) bs = sc.c[i].score, best = sc.c[i].node;
  xmlNode *art = find_first(body, "article");
  if (art) {
    size_t all = 0, links = 0;
    text_len(art, &all, &links, 0);
    if (all > 200 || !best) best = art;
  }
  free(sc.c);
  if (!best) best = body;
  rasd__buf t;
  rasd__buf_init(&t);
  extract(&t, best, a);
  xmlFreeDoc(doc);
  /* the headline repeated at the top of the block is the title, not body */
  if (a->title && t.len) {
    size_t tl = strlen(a->title);
    if (t.len > tl && !memcmp(t.s, a->title, tl) && t.s[tl] == '\n') {
      memmove(t.s, t.s + tl + 1, t.len - tl);
      t.len -= tl + 1;
    }
  }
  if (t.oom) {
    rasd__buf_free(&t);
    rasd_article_free(a);
    snprintf(err, 256, "out of memory");
    return RASD_ENOMEM;
  }
  size_t k = 0;
  while (k < t.len && (t.s[k] == ' ' || t.s[k] == '\n')) k++;
  if (k == t.len) {
    rasd__buf_free(&t);
    rasd_article_free(a);
    snprintf(err, 256, "HTML page without article text: skipped");
    return RASD_EINPUT;
  }
  a->text_len = t.len;
  a->text = rasd__buf_detach(&t);
  a->path = rasd__strdup0(path);
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  a->id = rasd__strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
  if (!a->path || !a->id || RASD__VEC_PUSH(list->a, list->n, list->cap, a)) {
    rasd_article_free(a);
    snprintf(err, 256, "out of memory");
    return RASD_ENOMEM;
  }
  return RASD_OK;
}
