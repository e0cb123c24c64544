"""`python -m cets.clients.cli`, as the tests and node/devcluster.py run the CLI."""

import sys

from cets.clients.cli import main

sys.exit(main())
