#ifndef CHTML_H
#define CHTML_H
// Article extraction from HTML with libxml2's HTML parser, behind a plain C surface so that no Swift
// file sees libxml2 headers (Foundation on Linux brings its own copy of them).
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Parses an HTML document and returns a malloc'd UTF-8 string (free it with `chtml_free`):
/// metadata lines "key\tvalue" (title, og:title, og:site_name, article:published_time, author,
/// canonical), then a line holding only "\f", then the article text, one block (paragraph, heading,
/// list item, quote, cell) per line. Script, style, nav, header, footer, aside and forms are dropped.
/// `encoding` may be NULL to let libxml2 detect it. Returns NULL when the input cannot be parsed.
char *chtml_extract(const char *html, int32_t length, const char *encoding);

void chtml_free(char *text);

#ifdef __cplusplus
}
#endif
#endif
