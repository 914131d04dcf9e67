"""Run this checkout's seuranta (the package beside this file) for the local pre-commit hooks.

pre-commit installs the dependencies from PyPI into its own environment
(`additional_dependencies` in .pre-commit-config.yaml); the code is the repository's own.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seuranta.cli import main

raise SystemExit(main())
