# Shortcuts for the scripts in scripts/, which do the real work (and set up the checkout first).
.PHONY: run test test-postgres lint bench bundle catalogs

run:
	./scripts/run-app

test:
	./scripts/test

test-postgres:
	./scripts/test-postgres

lint:
	./scripts/setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench:
	./scripts/bench

bundle:
	./scripts/bundle

# The interface's translations: extract, merge into resources/locale/*/pressdesk.po, compile.
catalogs:
	./scripts/catalogs
