# The two commands: `make run` serves the platform with demo data; `make test` runs every test.
PORT ?= 8000
VENV := .venv
PYTHON := $(VENV)/bin/python
WSCO := $(VENV)/bin/wsco
STAMP := $(VENV)/.installed-stamp

.PHONY: run test check api-fuzz browser-deps pdf-deps bench messages mutation clean

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet --editable ".[dev]"
	touch $(STAMP)

# Serve at http://127.0.0.1:$(PORT) through gunicorn, with the task worker beside it; links in
# emails point at that address unless SITE_URL says otherwise.
run: $(STAMP) pdf-deps
	DEBUG=true $(WSCO) migrate --noinput
	DEBUG=true $(WSCO) seed_demo --if-empty
	DEBUG=true SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" bin/serve $(PORT)

# Debian's chromium drives the browser tests; a downloaded browser does not work here.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (apt-get install chromium) to run the browser tests."; fi; }

# WeasyPrint renders the magazine's PDFs with Pango; HarfBuzz's subsetter makes it ~5x faster.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-deps:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; \
	  else echo "Install $(PDF_PACKAGES) (apt-get install) to render PDFs."; fi; }

# Tests run in a random order (pytest-randomly), split across two workers; the seed is printed so
# that a failure replays: `make test SEED=1234`. `WORKERS=0` runs them in one process.
ifndef SEED
SEED := $(shell od -An -N2 -tu2 /dev/urandom | tr -d ' ')
endif
WORKERS ?= 2
test: $(STAMP) browser-deps pdf-deps
	@echo "Test order seed: $(SEED) (replay: make test SEED=$(SEED) WORKERS=$(WORKERS))"
	DEBUG=true $(VENV)/bin/pytest -n $(WORKERS) --dist load -p randomly --randomly-seed=$(SEED) -q

# The API fuzzed against its OpenAPI document by schemathesis, as a visitor, a member and staff,
# on the demo data (docs/api.md). Bounded: examples per operation, and a time limit. The
# operations are split across the workers, each with its own seeded demo; the examples are the
# same whatever the split (derandomized).
API_FUZZ_EXAMPLES ?= 50
api-fuzz: $(STAMP)
	DEBUG=true WSCO_API_FUZZ_EXAMPLES=$(API_FUZZ_EXAMPLES) timeout 1200 \
	  $(VENV)/bin/pytest -n $(WORKERS) --dist load -m api_fuzz tests/api_fuzz -q

# Lint, formatting, migrations and the production checks.
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(WSCO) makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=check-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  ALLOWED_HOSTS=wsco.example $(WSCO) check --deploy --fail-level WARNING

messages: $(STAMP)
	DEBUG=true $(WSCO) makemessages --locale ro --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	DEBUG=true $(WSCO) compilemessages --locale ro --ignore '.venv/*'

# Timings beside baselines measured in the same run; each script ends with a line of JSON.
bench: $(STAMP)
	DEBUG=true $(PYTHON) benchmarks/directory.py
	DEBUG=true $(PYTHON) benchmarks/audit_report.py
	DEBUG=true $(PYTHON) benchmarks/audits.py
	$(PYTHON) benchmarks/audit_engine.py
	$(PYTHON) benchmarks/matching.py --members 100000
	DEBUG=true $(PYTHON) benchmarks/projects.py
	DEBUG=true $(PYTHON) benchmarks/standards.py
	DEBUG=true $(PYTHON) benchmarks/courses.py
	DEBUG=true $(PYTHON) benchmarks/registration.py
	DEBUG=true $(PYTHON) benchmarks/votes.py
	$(PYTHON) benchmarks/signed_in.py
	$(PYTHON) benchmarks/load.py

# The share of small bugs (mutants) in access, services and the audit engine that the tests catch.
mutation: $(STAMP)
	$(PYTHON) -m tests.mutation --jobs 2

clean:
	rm -rf $(VENV) var
