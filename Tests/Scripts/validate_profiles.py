#!/usr/bin/env python3
"""Validates framing profiles (JSON lines on stdin) against the schema file given as argument.

Prints 'N profiles valid', or the first error with its JSON path, and exits 1.
"""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding='utf-8'))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
count = 0
for number, line in enumerate(sys.stdin, 1):
    if not line.strip():
        continue
    profile = json.loads(line)
    for error in validator.iter_errors(profile):
        path = '/'.join(str(part) for part in error.absolute_path)
        print(f"profile {number}: {path}: {error.message}")
        sys.exit(1)
    count += 1
print(f"{count} profiles valid")
