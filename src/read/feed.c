/* feed.c — RSS 2.0 / RSS 1.0 / Atom feeds → articles with libxml2 (no network, no entity expansion). */
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "read/read.h"

int rasd__html_fragment_text(const char *s, size_t len, rasd__buf *out);

static int is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static xmlNode *child(const xmlNode *n, const char *name) {
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (is(c, name)) return c;
  return NULL;
}

/* Text content of 'n' trimmed, malloc'd, or NULL when empty. */
static char *text(const xmlNode *n) {
  if (!n) return NULL;
  xmlChar *v = xmlNodeGetContent(n);
  if (!v) return NULL;
  const char *s = (const char *)v;
  size_t len = strlen(s);
  while (len && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) s++, len--;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
  char *r = len ? rasd__strndup(s, len) : NULL;
  xmlFree(v);
  return r;
}

static char *date_of(const char *v) {
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

/* The outlet from a channel title "نور نيوز - آخر الأخبار": the part before " - " or " | ". */
static char *outlet_of(char *t) {
  if (!t) return NULL;
  static const char *const seps[] = {" - ", " | ", " – ", " — ", ": ", NULL};
  for (size_t i = 0; seps[i]; i++) {
    char *p = strstr(t, seps[i]);
    if (p && p > t) {
      *p = 0;
      break;
    }
  }
  return t;
}

/* An HTML body (description, content:encoded, Atom content) as plain text with one line per block. */
static char *body_text(const char *s) {
  if (!s) return NULL;
  rasd__buf b;
  rasd__buf_init(&b);
  if (strchr(s, '<')) rasd__html_fragment_text(s, strlen(s), &b);
  else rasd__buf_adds(&b, s);
  size_t k = 0;
  while (k < b.len && (b.s[k] == ' ' || b.s[k] == '\n')) k++;
  if (k == b.len) {
    rasd__buf_free(&b);
    return NULL;
  }
  return rasd__buf_detach(&b);
}

static int add_item(const char *path, xmlNode *it, const char *outlet, long no, rasd__artlist *out, int *empty) {
  int atom = is(it, "entry");
  char *title = text(child(it, "title"));
  char *link = NULL;
  if (atom) {
    for (xmlNode *c = it->children; c && !link; c = c->next) {
      if (!is(c, "link")) continue;
      xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
      if (!rel || !strcmp((const char *)rel, "alternate")) {
        xmlChar *h = xmlGetProp(c, (const xmlChar *)"href");
        if (h) link = rasd__strdup0((const char *)h);
        xmlFree(h);
      }
      xmlFree(rel);
    }
  } else {
    link = text(child(it, "link"));
  }
  char *id = text(child(it, atom ? "id" : "guid"));
  char *d = text(child(it, "pubDate"));
  if (!d) d = text(child(it, "published"));
  if (!d) d = text(child(it, "updated"));
  if (!d) d = text(child(it, "date")); /* dc:date */
  char *html = text(child(it, "encoded")); /* content:encoded */
  if (!html) html = text(child(it, "content"));
  if (!html) html = text(child(it, "description"));
  if (!html) html = text(child(it, "summary"));
  char *author = text(child(it, "creator"));
  if (!author) {
    xmlNode *au = child(it, "author");
    author = child(au, "name") ? text(child(au, "name")) : text(au);
  }
  char *body = body_text(html);
  free(html);
  rasd_article *a = body ? rasd__article_new() : NULL;
  if (!a) {
    if (!body) (*empty)++;
    free(title), free(link), free(id), free(d), free(author), free(body);
    return body ? RASD_ENOMEM : RASD_OK;
  }
  a->title = title;
  a->url = link;
  a->text = body;
  a->text_len = strlen(body);
  a->byline = author;
  a->outlet = outlet ? rasd__strdup0(outlet) : NULL;
  a->date = date_of(d);
  if (d && !a->date) {
    char w[160];
    snprintf(w, sizeof w, "unrecognised date '%.100s' ignored", d);
    rasd__article_warn(a, w);
  }
  free(d);
  a->path = rasd__strdup0(path);
  a->line = (long)xmlGetLineNo(it);
  if (id) a->id = id;
  else {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t bl = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char b[32];
    snprintf(b, sizeof b, ":%ld", no);
    a->id = malloc(bl + strlen(b) + 1);
    if (a->id) {
      memcpy(a->id, base, bl);
      strcpy(a->id + bl, b);
    }
  }
  if (!a->path || !a->id || RASD__VEC_PUSH(out->a, out->n, out->cap, a)) {
    rasd_article_free(a);
    return RASD_ENOMEM;
  }
  return RASD_OK;
}

int rasd__read_feed(const char *path, const char *s, size_t len, rasd__artlist *out, char *err) {
  if (len > (size_t)INT32_MAX) {
    snprintf(err, 256, "feed too large");
    return RASD_ETOOBIG;
  }
  /* entity declarations are refused outright: no expansion attacks, no external fetches */
  if (memmem(s, len, "<!ENTITY", 8)) {
    snprintf(err, 256, "feed declares XML entities: refused");
    return RASD_EFORMAT;
  }
  const char *enc = rasd__utf8_valid(s, len) ? "UTF-8" : NULL;
  xmlDocPtr doc = xmlReadMemory(s, (int)len, path, enc,
                                XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_NOCDATA);
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    if (doc) xmlFreeDoc(doc);
    snprintf(err, 256, "not an XML feed (nothing parsed): skipped");
    return RASD_EFORMAT;
  }
  xmlNode *chan = NULL;
  const char *item_name = "item";
  if (is(root, "rss")) chan = child(root, "channel");
  else if (is(root, "feed")) chan = root, item_name = "entry";
  else if (is(root, "RDF")) chan = root;
  if (!chan) {
    snprintf(err, 256, "XML root <%.60s> is not an RSS or Atom feed: skipped", root->name ? (char *)root->name : "?");
    xmlFreeDoc(doc);
    return RASD_EFORMAT;
  }
  xmlNode *ch = is(root, "RDF") ? child(root, "channel") : chan;
  char *outlet = outlet_of(text(child(ch, "title")));
  size_t before = out->n;
  int empty = 0, rc = RASD_OK;
  long no = 0;
  for (xmlNode *c = chan->children; c && rc == RASD_OK; c = c->next)
    if (is(c, item_name)) rc = add_item(path, c, outlet, ++no, out, &empty);
  free(outlet);
  xmlFreeDoc(doc);
  if (rc != RASD_OK) {
    snprintf(err, 256, "out of memory");
    return rc;
  }
  if (empty && out->n > before) {
    char w[96];
    snprintf(w, sizeof w, "%d feed item%s without text skipped", empty, empty == 1 ? "" : "s");
    rasd__article_warn(out->a[before], w);
  }
  if (out->n == before) {
    snprintf(err, 256, no ? "feed has %ld items but none with text: skipped" : "feed has no items", no);
    return RASD_EINPUT;
  }
  return RASD_OK;
}
