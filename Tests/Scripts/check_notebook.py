#!/usr/bin/env python3
"""Validates a notebook with nbformat; runs it top to bottom when nbclient and ipykernel are installed.

Usage: check_notebook.py NOTEBOOK.ipynb
Prints 'valid' or 'valid, ran N cells'.
"""
import sys

import nbformat

path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
nbformat.validate(notebook)
try:
    import ipykernel  # noqa: F401
    from nbclient import NotebookClient
except ImportError:
    print('valid')
    sys.exit(0)
import os
os.environ.setdefault('MPLBACKEND', 'Agg')
NotebookClient(notebook, timeout=300, resources={'metadata': {'path': os.path.dirname(os.path.abspath(path))}}).execute()
print(f'valid, ran {len(notebook.cells)} cells')
