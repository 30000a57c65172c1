# framing — run the analysis on the bundled seeds, run the tests, measure speed.
SWIFT ?= swift
BIN := .build/release/framing
DEBUG_BIN := .build/debug/framing
OUT ?= out

.PHONY: run test build release bench golden lint-lexicons setup clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

run: release
	@mkdir -p $(OUT)
	$(BIN) analyze --metadata seeds/metadata.jsonl --format json,markdown --out $(OUT)/articles seeds/*.txt
	$(BIN) report $(OUT)/articles --output $(OUT)/summary.md
	$(BIN) compare --metadata seeds/metadata.jsonl seeds/*.txt --output $(OUT)/comparison.md
	$(BIN) batch seeds --metadata seeds/metadata.jsonl --out $(OUT)/batch --quiet
	$(BIN) export notebook --from $(OUT)/batch --to notebooks-export
	@echo "wrote $(OUT)/articles/<id>.json and .md (profile and report per seed), $(OUT)/summary.md, $(OUT)/comparison.md,"
	@echo "      $(OUT)/batch/ (profiles.jsonl, articles.csv, findings.csv, sentences.csv, summary.md, manifest.json) and notebooks-export/"

test: setup
	$(SWIFT) build
	$(SWIFT) test --parallel

golden: setup
	FRAMING_RECORD_GOLDEN=1 $(SWIFT) test --filter Golden || true

bench: release
	$(BIN) bench $(if $(DIR),$(DIR),)

lint-lexicons: build
	$(DEBUG_BIN) lexicon check

clean:
	rm -rf .build $(OUT)
