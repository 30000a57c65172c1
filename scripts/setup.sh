#!/usr/bin/env bash
# Installs what building and testing framing needs, when it is missing: ICU, libxml2, OpenSSL and mimalloc, and Python's
# jsonschema (validates JSON output in the tests) and markdown-it-py (renders the Markdown reports in the tests).
set -euo pipefail
need_apt=()
if [ ! -f /usr/include/unicode/ubrk.h ]; then need_apt+=(libicu-dev); fi
if [ ! -f /usr/include/libxml2/libxml/HTMLparser.h ]; then need_apt+=(libxml2-dev); fi
if [ ! -f /usr/include/openssl/evp.h ]; then need_apt+=(libssl-dev); fi
if [ ! -f /usr/include/mimalloc.h ]; then need_apt+=(libmimalloc-dev); fi
if ! command -v python3 >/dev/null 2>&1; then need_apt+=(python3 python3-pip); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "installing ${need_apt[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! python3 -c 'import jsonschema, yaml, markdown_it, nbformat' >/dev/null 2>&1; then
  python3 -m pip install --quiet jsonschema pyyaml markdown-it-py nbformat || python3 -m pip install --quiet --break-system-packages jsonschema pyyaml markdown-it-py nbformat
fi
