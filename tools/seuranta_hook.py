"""Run this checkout's seuranta (the package beside this file) for the local pre-commit hooks.

pre-commit installs the dependencies from PyPI into its own environment
(`additional_dependencies` in .pre-commit-config.yaml); the code is the repository's own. A server of
this code runs the hook when one answers, and one is started in the background for the next commit
when none does (not with `SEURANTA_SERVER=0`, nor under CI: see docs/design.md).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))

from seuranta.__main__ import main

raise SystemExit(main(start=True))
