#include "chtml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

typedef struct { char *data; size_t length; size_t capacity; } buffer;

static void append(buffer *b, const char *text, size_t length) {
  if (b->length + length + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 1024;
    while (b->length + length + 1 > capacity) capacity *= 2;
    b->data = realloc(b->data, capacity);
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, text, length);
  b->length += length;
  b->data[b->length] = 0;
}

static void append_string(buffer *b, const char *text) { append(b, text, strlen(text)); }

/// Appends text with runs of whitespace collapsed to one space.
static void append_collapsed(buffer *b, const char *text) {
  int space = b->length > 0 && b->data[b->length - 1] == ' ';
  for (const char *p = text; *p; p++) {
    if (isspace((unsigned char)*p)) {
      if (!space && b->length > 0 && b->data[b->length - 1] != '\n') { append(b, " ", 1); space = 1; }
    } else {
      append(b, p, 1);
      space = 0;
    }
  }
}

static int name_is(const xmlNode *node, const char *name) {
  return node->name && strcasecmp((const char *)node->name, name) == 0;
}

static int dropped(const xmlNode *node) {
  static const char *names[] = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg",
                                "iframe", "button", "select", "template", "head", NULL};
  for (int i = 0; names[i]; i++) if (name_is(node, names[i])) return 1;
  return 0;
}

static int block(const xmlNode *node) {
  static const char *names[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "td", "th", "pre",
                                "figcaption", "dd", "dt", "section", "article", "br", "tr", "table", "ul", "ol", NULL};
  for (int i = 0; names[i]; i++) if (name_is(node, names[i])) return 1;
  return 0;
}

static void end_line(buffer *b) {
  while (b->length > 0 && b->data[b->length - 1] == ' ') b->data[--b->length] = 0;
  if (b->length > 0 && b->data[b->length - 1] != '\n') append(b, "\n", 1);
}

static void walk(const xmlNode *node, buffer *text) {
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) append_collapsed(text, (const char *)node->content);
    } else if (node->type == XML_ELEMENT_NODE) {
      if (dropped(node)) continue;
      int is_block = block(node);
      if (is_block) end_line(text);
      walk(node->children, text);
      if (is_block) end_line(text);
    }
  }
}

static void meta(const xmlNode *node, buffer *out) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (name_is(node, "title") && node->children && node->children->content) {
      append_string(out, "title\t");
      buffer collapsed = {0};
      append_collapsed(&collapsed, (const char *)node->children->content);
      if (collapsed.data) { append_string(out, collapsed.data); free(collapsed.data); }
      append_string(out, "\n");
    } else if (name_is(node, "meta")) {
      xmlChar *key = xmlGetProp((xmlNode *)node, (const xmlChar *)"property");
      if (!key) key = xmlGetProp((xmlNode *)node, (const xmlChar *)"name");
      xmlChar *content = xmlGetProp((xmlNode *)node, (const xmlChar *)"content");
      if (key && content) {
        const char *k = (const char *)key;
        if (!strcmp(k, "og:title") || !strcmp(k, "og:site_name") || !strcmp(k, "article:published_time") || !strcmp(k, "author")) {
          append_string(out, k);
          append_string(out, "\t");
          buffer collapsed = {0};
          append_collapsed(&collapsed, (const char *)content);
          if (collapsed.data) { append_string(out, collapsed.data); free(collapsed.data); }
          append_string(out, "\n");
        }
      }
      if (key) xmlFree(key);
      if (content) xmlFree(content);
    } else if (name_is(node, "link")) {
      xmlChar *rel = xmlGetProp((xmlNode *)node, (const xmlChar *)"rel");
      xmlChar *href = xmlGetProp((xmlNode *)node, (const xmlChar *)"href");
      if (rel && href && !strcmp((const char *)rel, "canonical") && !strchr((const char *)href, '\n')) {
        append_string(out, "canonical\t");
        append_string(out, (const char *)href);
        append_string(out, "\n");
      }
      if (rel) xmlFree(rel);
      if (href) xmlFree(href);
    }
    meta(node->children, out);
  }
}

char *chtml_extract(const char *html, int32_t length, const char *encoding) {
  htmlDocPtr document = htmlReadMemory(html, length, NULL, encoding,
                                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (!document) return NULL;
  buffer out = {0};
  append_string(&out, "");
  xmlNode *root = xmlDocGetRootElement(document);
  meta(root, &out);
  append_string(&out, "\f\n");
  buffer text = {0};
  append_string(&text, "");
  walk(root, &text);
  append(&out, text.data, text.length);
  free(text.data);
  xmlFreeDoc(document);
  return out.data;
}

void chtml_free(char *text) { free(text); }
