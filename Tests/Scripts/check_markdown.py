#!/usr/bin/env python3
"""Renders framing's Markdown with a CommonMark renderer (markdown-it-py, tables enabled) and checks it.

Usage: check_markdown.py FILE.md [--literal TEXT]...
Checks that every table row has as many cells as its header, that no raw HTML tag from the article
survives (no '<script' in the rendered HTML), and that each --literal TEXT appears verbatim in the
rendered text content. Prints 'N tables ok'.
"""
import html
import re
import sys

from markdown_it import MarkdownIt


def main():
    path = sys.argv[1]
    literals = [sys.argv[i + 1] for i in range(2, len(sys.argv) - 1) if sys.argv[i] == '--literal']
    source = open(path, encoding='utf-8').read()
    md = MarkdownIt('commonmark').enable('table')
    tokens = md.parse(source)
    rendered = md.render(source)
    if re.search(r'<script', rendered, re.IGNORECASE):
        print('raw <script> tag in the rendered HTML')
        sys.exit(1)
    tables = 0
    header_cells = None
    cells = 0
    for token in tokens:
        if token.type == 'table_open':
            tables += 1
            header_cells = None
        elif token.type == 'tr_open':
            cells = 0
        elif token.type in ('th_open', 'td_open'):
            cells += 1
        elif token.type == 'tr_close':
            if header_cells is None:
                header_cells = cells
            elif cells != header_cells:
                print(f'table {tables}: a row has {cells} cells, the header {header_cells}')
                sys.exit(1)
    text = html.unescape(re.sub(r'<[^>]+>', '', rendered))
    for literal in literals:
        if literal not in text:
            print(f'missing literal text: {literal!r}')
            sys.exit(1)
    print(f'{tables} tables ok')


if __name__ == '__main__':
    main()
