# Mockmate: `make run` starts the product, `make test` runs the whole suite.
# Both set up everything on a fresh machine (venv, pinned packages, system tools).

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: venv system-deps model setup run bank-full test test-sqlite test-postgres lint bench eval-interviewer eval-models phrasing-data finetune-phrasing clean

venv: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-nodeps.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip==25.3
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -r requirements-nodeps.txt
	touch $@

# Front-end packages (the code editor) are served as static files: no CDN.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

system-deps:
	bash scripts/system-deps.sh

# The default model, converted once for the fast backend (about a minute; then ~1 s).
model: venv
	$(PY) -m mltools.llm.runtime

setup: venv system-deps
	$(MANAGE) migrate --noinput
	$(MANAGE) ingest_problems --source bank
	$(MANAGE) ingest_problems --source humaneval
	$(MAKE) model

run: setup
	$(VENV)/bin/honcho start -f Procfile

# The full bank (needs the internet; not part of `make run`): LeetCodeDataset from the
# Hugging Face Hub at its pinned revision, enriched from a doocs/leetcode index built from
# a shallow clone (or DOOCS_CHECKOUT=path/to/an/existing/checkout), then embedded.
DOOCS_CHECKOUT ?= var/data/doocs-leetcode
DOOCS_INDEX ?= var/data/doocs/doocs_leetcode_en.jsonl.gz
bank-full: venv
	$(MANAGE) migrate --noinput
	test -d $(DOOCS_CHECKOUT)/solution || git clone --depth 1 https://github.com/doocs/leetcode.git $(DOOCS_CHECKOUT)
	$(MANAGE) build_doocs_index $(DOOCS_CHECKOUT) --out $(DOOCS_INDEX)
	$(MANAGE) fetch_problems leetcodedataset --enrich-from $(DOOCS_INDEX)
	$(MANAGE) embed_problems
	$(MANAGE) bank_report

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

test-sqlite: venv system-deps model
	$(VENV)/bin/pytest

# The database-touching tests again, on the PostgreSQL server at 127.0.0.1:5432.
test-postgres: venv system-deps
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/mockmate $(VENV)/bin/pytest -m "django_db and not browser and not slow"

test: lint test-sqlite test-postgres

eval-interviewer: venv system-deps model
	$(MANAGE) migrate --noinput
	$(MANAGE) ingest_problems --source bank
	$(MANAGE) evaluate_interviewer --quiet
	$(PY) -m mltools.llm.clarify_eval --phrase

# The models side by side on the phrasing evaluation's held-out problems (README "Which
# model"): the default, the Gemma option (its packages installed by hand: README) and,
# with ADAPTER=path, a fine-tuned adapter. The rows are kept in var/eval/models-N.json:
# a variant measured once (Gemma is slow on the CPU) is printed beside later runs.
EVAL_CASES ?= 35
EVAL_TIMEOUT_S ?= 600
ADAPTER ?=
phrasing-data: venv
	$(PY) -m mltools.data.phrasing problems/bank var/data/phrasing

eval-models: venv model phrasing-data
	$(PY) -m mltools.llm.evaluation --held-out var/data/phrasing --limit $(EVAL_CASES) --quiet \
		--timeout-s $(EVAL_TIMEOUT_S) --table var/eval/models-$(EVAL_CASES).json \
		--variant smollm2-135m= --variant gemma-3-270m=gemma-3-270m \
		$(if $(ADAPTER),--variant smollm2-135m+adapter=+$(ADAPTER))

# The CPU fine-tune on the phrasing data (run it in the background: see the adapter README).
finetune-phrasing: venv phrasing-data
	$(PY) -m mltools.training.train_lora mltools/training/recipes/smollm2-135m/phrasing.yaml

bench: venv
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) staticfiles var test-artifacts
