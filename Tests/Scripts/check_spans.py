#!/usr/bin/env python3
"""Checks that every span in framing's JSON output quotes the article text exactly.

Usage: check_spans.py ARTICLE.txt OUTPUT.json
The article is normalized the way framing normalizes it (NFC, CRLF/CR to LF, BOM dropped); then for
every object in the output that has integer "start"/"end" and a string "text", text[start:end] must
equal that string (Python indexes code points, as framing's offsets do). Prints the number checked.
"""
import json
import sys
import unicodedata


def normalized(path):
    raw = open(path, 'rb').read()
    text = raw.decode('utf-8-sig')
    text = text.replace('\r\n', '\n').replace('\r', '\n')
    return unicodedata.normalize('NFC', text)


def spans(node):
    if isinstance(node, dict):
        if isinstance(node.get('start'), int) and isinstance(node.get('end'), int) and isinstance(node.get('text'), str):
            yield node
        for value in node.values():
            yield from spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from spans(value)


def main():
    text = normalized(sys.argv[1])
    output = json.load(open(sys.argv[2], encoding='utf-8'))
    checked = 0
    for span in spans(output):
        actual = text[span['start']:span['end']]
        if actual != span['text']:
            print(f"span {span['start']}..{span['end']}: text says {span['text']!r} but the article has {actual!r}")
            sys.exit(1)
        checked += 1
    print(f"{checked} spans ok")


if __name__ == '__main__':
    main()
