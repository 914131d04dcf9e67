"""Write the editors' draft-07 build of the schemas: schemas/*.schema.json → schemas/draft-07/.

Run after editing a schema (`python tools/build_schemas.py`); tests/test_schema_build.py fails
while the build is out of date. The draft 2020-12 files in schemas/ are the source.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seuranta.model import draft07

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def main() -> int:
    out = SCHEMAS / draft07.FOLDER
    out.mkdir(exist_ok=True)
    sources = sorted(SCHEMAS.glob("*.schema.json"))
    for source in sources:
        (out / source.name).write_text(draft07.render(source.read_text(encoding="utf-8")), encoding="utf-8")
    for stale in sorted(set(out.glob("*.schema.json")) - {out / s.name for s in sources}):
        stale.unlink()
    print(f"{len(sources)} schemas → {out.relative_to(SCHEMAS.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
