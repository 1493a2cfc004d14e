# Two commands: `make run` starts the app, `make test` runs the tests. Both set up what they need.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: run test setup system clean

run: setup
	@$(VENV)/bin/ffgrid users demo || true
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE): the test
# processes, the app servers and the command runs they start then skip compiling on later runs.
test: setup
	env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest -n auto --dist loadscope --durations=15

setup: system $(STAMP)

system:
	@bash scripts/system-deps.sh

$(STAMP): requirements.txt requirements-test.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-test.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
