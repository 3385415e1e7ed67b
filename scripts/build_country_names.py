#!/usr/bin/env python3
"""Builds locales/zh/countries.tsv, the Simplified Chinese names of the bundled markets, from
the Unicode CLDR territory display names (npm cldr-localenames-full, main/zh/territories.json,
Unicode License v3). Rerunnable and deterministic: the same inputs give a byte-identical file.

    python3 scripts/build_country_names.py [--cldr PATH]

PATH is a territories.json, or an unpacked cldr-localenames-full package (the folder holding
package.json); without it the copy in data-src/reference/ is read. To move to a newer CLDR:

    npm pack cldr-localenames-full@VERSION && tar xzf cldr-localenames-full-VERSION.tgz
    python3 scripts/build_country_names.py --cldr package

then copy package/main/zh/territories.json into data-src/reference/ under the new version's name
and update CLDR below, data-src/PROVENANCE.md and public/data/PROVENANCE.md.

One row per market of public/data/markets.csv: ISO3, the English name as the app has it (a test
checks it against markets.csv), the Chinese, and the Chinese in toneless pinyin, which Chinese
lists are sorted by (as a Chinese reader looks names up; Unicode order is by radical and stroke
of a character set's history). A market CLDR has no name for keeps an empty Chinese cell, is
listed in the file's header and shows in English.

Needs pypinyin (PyPI, MIT licence; `python3 -m pip install pypinyin`), used only here.
"""

import argparse
import csv
import json
from pathlib import Path

try:
    from pypinyin import Style, lazy_pinyin
    import pypinyin
except ImportError:
    raise SystemExit("scripts/build_country_names.py needs pypinyin: python3 -m pip install pypinyin")

ROOT = Path(__file__).resolve().parent.parent
CLDR = {"package": "cldr-localenames-full", "version": "48.2.0", "cldr": "48"}
DEFAULT_INPUT = ROOT / "data-src" / "reference" / f"{CLDR['package']}-{CLDR['version']}_zh_territories.json"
MARKETS = ROOT / "public" / "data" / "markets.csv"
OUT = ROOT / "locales" / "zh" / "countries.tsv"


def territories(path):
    """CLDR's zh names by ISO 3166-1 alpha-2, and the package version they came from."""
    path = Path(path)
    version = CLDR["version"]
    if path.is_dir():
        package = json.loads((path / "package.json").read_text(encoding="utf-8"))
        if package.get("name") != CLDR["package"]:
            raise SystemExit(f"{path}: not a {CLDR['package']} package")
        version = package["version"]
        path = path / "main" / "zh" / "territories.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    names = data["main"]["zh"]["localeDisplayNames"]["territories"]
    return names, version


def chinese(names, iso2):
    # The app's English names are CLDR's short forms ("Hong Kong", "Macao", "Palestine"), so
    # the Chinese takes the short form too where CLDR has one (香港 rather than 中国香港特别行政区).
    return names.get(f"{iso2}-alt-short") or names.get(iso2, "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cldr", default=DEFAULT_INPUT, help="territories.json or an unpacked package")
    args = parser.parse_args()
    names, version = territories(args.cldr)

    with open(MARKETS, encoding="utf-8", newline="") as f:
        markets = [(r["iso3"], r["iso2"], r["name"]) for r in csv.DictReader(f)]
    rows = []
    for iso3, iso2, name in sorted(markets):
        zh = chinese(names, iso2)
        rows.append((iso3, name, zh, " ".join(lazy_pinyin(zh, style=Style.NORMAL)) if zh else ""))
    fallbacks = [f"{iso3} {name}" for iso3, name, zh, _ in rows if not zh]

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write(
            "# ISO3\tEnglish (public/data/markets.csv)\tSimplified Chinese: Unicode CLDR "
            f"{CLDR['cldr']} territory names, npm {CLDR['package']}@{version} main/zh/territories.json, "
            "Unicode License v3 (public/data/CLDR-LICENSE.txt)\tPinyin sort key: pypinyin "
            f"{pypinyin.__version__}. Built by scripts/build_country_names.py: do not edit by hand.\n"
        )
        f.write(f"# No CLDR name, shown in English: {', '.join(fallbacks) or 'none'}\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows) - len(fallbacks)} of {len(rows)} markets named in Chinese; "
          f"fallbacks: {', '.join(fallbacks) or 'none'} -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
