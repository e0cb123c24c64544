# Two commands from a fresh clone (Python >= 3.11 only):
#   make run    set everything up, start a solo dev node on 127.0.0.1:7545 (portal: 127.0.0.1:7546)
#   make test   set everything up, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: setup etcd chromium run test bench bench-matching proto clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("cets needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# etcd orders the blocks of a cluster: Debian's etcd-server (3.4.23 in bookworm) for development
# and CI; production operators run a current etcd release (see README).
ETCD := $(shell command -v etcd 2>/dev/null)

etcd:
ifeq ($(ETCD),)
	@echo "installing etcd-server (Debian) for the cluster..."
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq etcd-server >/dev/null
endif

# The public portal's tests load its pages in a real headless browser: Debian's chromium (and a
# small CJK font, so that its screenshots show the Chinese labels).
CHROMIUM := $(shell command -v chromium 2>/dev/null)

chromium:
ifeq ($(CHROMIUM),)
	@echo "installing chromium (Debian) for the public portal's browser tests..."
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null
endif

setup: $(STAMP) etcd chromium

run: $(STAMP)
	@echo "gRPC on 127.0.0.1:7545; public portal on http://127.0.0.1:7546/ (Ctrl-C stops the node)"
	$(BIN)/cets node run --dev --data .cets-dev --listen 127.0.0.1:7545 --public 127.0.0.1:7546

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/throughput.py

# The exchange's matching engine alone, in process (docs/performance.md).
bench-matching: $(STAMP)
	$(BIN)/python bench/matching.py

# Orders end to end over gRPC against a real solo node, then settlement in process (docs/performance.md).
bench-trading: $(STAMP)
	$(BIN)/python bench/trading.py --orders 5000
	$(BIN)/python bench/settlement.py

proto: setup
	$(BIN)/python proto/generate.py

clean:
	rm -rf $(VENV) .cets-dev .pytest_cache .hypothesis
