#!/usr/bin/env python3
"""Builds Beachhead's bundled dataset (public/data/markets.csv, indicators.csv, sources.csv and
value_sources.csv) from the inputs in data-src/ (see data-src/PROVENANCE.md). Rerunnable and
deterministic: the same inputs always give byte-identical outputs, the illustrative layers
included (seeded RNG). It reads nothing outside the repository.

    python3 scripts/build_bundle.py

Real data: World Bank WDI (CC BY 4.0), ITU internet use via Our World in Data (CC BY 4.0),
country codes, names and UN regions from datasets/country-codes (PDDL), currencies and official
languages from countries-list (MIT), standard VAT/GST rates from sales-tax (MIT), the gaps the
World Bank leaves (Taiwan, territories, empty cells, Kosovo) from the IMF WEO, the CIA World
Factbook, UN WPP 2024 and LPI 2023 (data-src/taiwan-and-gaps/), the mobile platform split from
StatCounter via caniuse (CC BY 4.0), and import duty from WTO ITA participation.
Illustrative (generated here, not measured): fan forums, resellers, grey imports, service
centres and competitor vendor shares. They stay in the bundle, but the default model gives them
no weight (public/data/models/beachhead-readiness.json, `illustrative_weight`).

A value taken from another source than its indicator's usual one is listed in
value_sources.csv (iso3, indicator, source key, note), the key naming a row of sources.csv.
"""

import csv
import json
import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "data-src"
OUT = ROOT / "public" / "data"
YEAR_MIN, YEAR_MAX = 2015, 2024
CANIUSE_YEAR = 2026  # caniuse-db 1.0.30001813 holds StatCounter's data month 2026-08
ITA_YEAR = 2022  # the participant list is dated 2022-04-25
SEED = 20130801  # Xiaomi's first international launch year and month; any fixed value works.

WB = "World Bank, World Development Indicators"
CC_BY = "CC BY 4.0"
CANIUSE = "StatCounter GlobalStats via caniuse.com (npm caniuse-db 1.0.30001813, data month 2026-08)"

# id, label, unit, direction, pillar, source, licence, min, max, WDI file (None: built below)
INDICATORS = [
    ("population", "Population", "people", "higher", "demand", f"{WB} (SP.POP.TOTL)", CC_BY, 0, "", "sp.pop.totl"),
    ("gdp_pc_usd", "GDP per capita", "current US$", "higher", "demand", f"{WB} (NY.GDP.PCAP.CD)", CC_BY, 0, "", "ny.gdp.pcap.cd"),
    ("gdp_pc_ppp_intl", "GDP per capita, PPP", "current international $", "higher", "demand", f"{WB} (NY.GDP.PCAP.PP.CD)", CC_BY, 0, "", "ny.gdp.pcap.pp.cd"),
    ("gni_pc_ppp_intl", "GNI per capita, PPP", "current international $", "higher", "demand", f"{WB} (NY.GNP.PCAP.PP.CD)", CC_BY, 0, "", "ny.gnp.pcap.pp.cd"),
    ("mobile_subs_per100", "Mobile subscriptions", "per 100 people", "higher", "digital", f"{WB} (IT.CEL.SETS.P2)", CC_BY, 0, 1000, "it.cel.sets.p2"),
    ("fixed_bb_per100", "Fixed broadband", "per 100 people", "higher", "digital", f"{WB} (IT.NET.BBND.P2)", CC_BY, 0, 100, "it.net.bbnd.p2"),
    ("internet_pct", "Internet users", "% of population", "higher", "digital", "ITU via World Bank, as published by Our World in Data", CC_BY, 0, 100, None),
    ("urban_pct", "Urban population", "% of population", "higher", "channels", f"{WB} (SP.URB.TOTL.IN.ZS)", CC_BY, 0, 100, "sp.urb.totl.in.zs"),
    ("lpi_score", "Logistics Performance Index", "score 1-5", "higher", "channels", "World Bank, Logistics Performance Index (LP.LPI.OVRL.XQ)", CC_BY, 1, 5, "lp.lpi.ovrl.xq"),
    ("doing_business_rank", "Ease of doing business", "rank of 190 (1 = best)", "lower", "cost", "World Bank, Doing Business 2017 (IC.BUS.EASE.XQ; series discontinued)", CC_BY, 1, 190, "ic.bus.ease.xq"),
    ("vat_pct", "Standard VAT/GST rate", "%", "lower", "cost", "sales-tax 2.23.0 (valeriansaliou/node-sales-tax)", "MIT", 0, 100, None),
    ("import_duty_pct", "Smartphone import duty", "% of CIF value", "lower", "cost",
     "WTO Information Technology Agreement: participants bind customs duty on mobile phones (HS 8517.13) at 0% "
     "(participant list of 2022-04-25, via GitHub h7b/h7b-dendron); India, which charges duty on phones despite the ITA, "
     "from its Union Budget 2024-25 (approximate, own source); non-participants are missing", "Facts (no licence needed); cite WTO", 0, 300, None),
    ("android_share_pct", "Android share of mobile web use (proxy for phones in use)", "% of mobile page views", "higher", "competition",
     CANIUSE + ": Android browsers' share of mobile page views, a web-use proxy for the installed base", CC_BY, 0, 100, None),
    ("ios_share_pct", "iOS share of mobile web use (proxy for phones in use)", "% of mobile page views", "lower", "competition",
     CANIUSE + ": iPhone and iPad Safari's share of mobile page views, a web-use proxy for Apple's installed base", CC_BY, 0, 100, None),
    ("budget_feature_share_pct", "Budget and feature-phone browsers' share of mobile web use", "% of mobile page views", "higher", "competition",
     CANIUSE + ": KaiOS, Opera Mini and UC Browser's share of mobile page views, a web-use proxy for the "
     "feature-phone and low-end installed base (an upgrade market)", CC_BY, 0, 100, None),
    ("forum_members_k", "Fan-forum members (illustrative)", "thousand members", "higher", "community", "Illustrative: generated by scripts/build_bundle.py (seeded)", "MIT", 0, "", None),
    ("forum_growth_pct", "Fan-forum growth (illustrative)", "% a year", "higher", "community", "Illustrative: generated by scripts/build_bundle.py (seeded)", "MIT", -100, 1000, None),
    ("reseller_listings", "Online reseller listings (illustrative)", "listings", "higher", "community", "Illustrative: generated by scripts/build_bundle.py (seeded)", "MIT", 0, "", None),
    ("grey_imports_k", "Estimated grey imports (illustrative)", "thousand units a year", "higher", "community", "Illustrative: generated by scripts/build_bundle.py (seeded)", "MIT", 0, "", None),
    ("service_centres", "Authorised service centres (illustrative)", "centres", "higher", "service", "Illustrative: generated by scripts/build_bundle.py (seeded)", "MIT", 0, "", None),
]
VENDORS = [("samsung", "Samsung"), ("apple", "Apple"), ("huawei", "Huawei"), ("lenovo", "Lenovo"), ("htc", "HTC"), ("others", "Others")]
for key, name in VENDORS:
    INDICATORS.append((f"share_{key}_pct", f"{name} share (illustrative)", "% of smartphones in use", "lower", "competition",
                       "Illustrative: shaped from StatCounter's worldwide vendor mix (2024-11) by scripts/build_bundle.py (seeded)", "MIT", 0, 100, None))
INDICATORS.append(("incumbent_top2_pct", "Top-two incumbents' share (illustrative)", "% of smartphones in use", "lower", "competition",
                   "Illustrative: the two largest of Samsung, Apple, Huawei, Lenovo and HTC in the generated shares", "MIT", 0, 100, None))
ILLUSTRATIVE = {i[0] for i in INDICATORS if i[5].startswith("Illustrative")}
APPROXIMATE = set()  # no indicator is approximate as a whole today; the status stays available

# ITA participants that charge duty on phones anyway: their 0% binding is not what they apply.
# India's applied rate comes from the Government of India's own budget, as its own source, and
# is approximate: the basic customs duty plus the surcharge levied on it, the state at that date.
ITA_NOT_APPLIED = {
    "IND": (16.5, 2024, "in-budget-2024",
            "approximate: 15% basic customs duty on mobile phones (cut from 20% in the Union Budget 2024-25) "
            "plus the 10% social welfare surcharge on it; the ITA's 0% binding is not applied (WTO disputes DS582, DS584, DS588)"),
}

# Alternative sources for the gaps the World Bank leaves (data-src/taiwan-and-gaps/), by how
# gap_fill_derived.csv's `source` text starts. A prefix mapped to None is the indicator's own
# usual source (Kosovo's WDI and OWID values), so the value needs no source of its own.
GAP_SOURCES = [
    ("IMF World Economic Outlook", "imf-weo-2025-10"),
    ("CIA World Factbook", "cia-factbook"),
    ("UN World Population Prospects", "un-wpp-2024"),
    ("World Bank Logistics Performance Index 2023", "wb-lpi-2023"),
    ("World Bank WDI", None),
    ("Our World in Data", None),
]
# key, name, licence, citation: the rows of public/data/sources.csv.
SOURCES = [
    ("cia-factbook", "CIA, The World Factbook", "Public domain (US Government work)",
     "GitHub factbook/factbook.json@8662a8b17a784841ab4528631b04090eb2f183eb, a weekly copy of the CIA World Factbook (commit 2026-05-17)"),
    ("imf-weo-2025-10", "IMF, World Economic Outlook, October 2025",
     "IMF Copyright and Usage, special terms for Data: reuse and redistribution allowed with attribution 'Source: International Monetary Fund'",
     "Source: International Monetary Fund, World Economic Outlook database, October 2025; via GitHub mitsuoxv/imf-weo@03b77af3bd6505ea93e5f3f7b342ccdb0a4c3433 data/data_2510.rda"),
    ("un-wpp-2024", "United Nations, DESA, Population Division (2024). World Population Prospects 2024, medium variant", "CC BY 3.0 IGO",
     "GitHub PPgp/wpp2024@2da7768ae64fc74105d3f9e98f9a74d37b62f99a (R package wpp2024 1.1-3) data/popproj1dt.rda; population on 31 December"),
    ("wb-lpi-2023", "World Bank, Logistics Performance Index 2023", CC_BY,
     "GitHub sbalkunde/supply_chain_analysis_project@9e4be91c7b7928f6b4f488f5f2aacbf4bf70d54a data/International_LPI_from_2007_to_2023.csv (coded 2022, as WDI codes the 2023 edition)"),
    ("in-budget-2024", "Government of India, Ministry of Finance: Union Budget 2024-25, customs duty on mobile phones",
     "Facts from a government publication; cite the Government of India",
     "Budget speech of 23 July 2024 (basic customs duty on mobile phones, mobile PCBA and chargers reduced from 20% to 15%), "
     "given effect by CBIC notifications 29/2024-Customs to 39/2024-Customs of 23 July 2024; social welfare surcharge of 10% "
     "of the basic customs duty, Finance Act 2018 section 110"),
]
# Values the sources give that are known to be wrong, left out with the reason.
REJECTED = {
    ("XKX", "mobile_subs_per100"): "WDI and the Factbook both give about 35 per 100 for 2022, an undercount far below every neighbour",
}

# Kosovo: the World Bank covers it (code XKX) but ISO 3166 and datasets/country-codes do not.
# Reference data from countries-list (MIT, row XK: currency EUR, languages sq, sr); the UN M49
# region of its neighbours; no ISO numeric code, so the map cannot draw it.
KOSOVO = {
    "iso3": "XKX", "iso2": "XK", "iso_numeric": "", "name": "Kosovo", "region": "Europe", "subregion": "Southern Europe",
}
# VAT facts the source lacks, each with its reason.
VAT_FILLS = {"HKG": 0.0}  # Hong Kong levies no VAT, GST or sales tax.

# Common names that differ from the reference, for matching users' files (besides the WDI names).
ALIASES = {
    "USA": ["United States", "United States of America", "U.S.", "U.S.A.", "America"],
    "GBR": ["United Kingdom", "Great Britain", "Britain", "U.K.", "England"],
    "KOR": ["South Korea", "Republic of Korea", "Korea", "Korea, South", "Korea, Republic of"],
    "PRK": ["North Korea", "Korea, North", "DPRK"],
    "RUS": ["Russia"], "VNM": ["Vietnam", "Viet Nam"], "IRN": ["Iran", "Iran, Islamic Republic of"], "SYR": ["Syria"],
    "LAO": ["Laos"], "TWN": ["Chinese Taipei", "Taiwan, China", "Republic of China", "Taiwan, Province of China"],
    "HKG": ["Hong Kong SAR", "Hong Kong, China", "HK"], "MAC": ["Macau", "Macao SAR"],
    "CZE": ["Czech Republic"], "TUR": ["Turkey", "Türkiye", "Turkiye"], "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville"], "MMR": ["Burma"], "SWZ": ["Swaziland"],
    "MKD": ["Macedonia"], "CPV": ["Cape Verde"], "TLS": ["East Timor"], "VAT": ["Vatican", "Holy See"],
    "ARE": ["UAE", "Emirates"], "BOL": ["Bolivia", "Bolivia, Plurinational State of"],
    "VEN": ["Venezuela", "Venezuela, Bolivarian Republic of"], "TZA": ["Tanzania", "Tanzania, United Republic of"],
    "MDA": ["Moldova", "Moldova, Republic of"], "PSE": ["Palestine"], "BRN": ["Brunei"], "FSM": ["Micronesia"],
}

# CLDR's short display names, except where a chart label would be cryptic.
DISPLAY_NAMES = {"USA": "United States", "GBR": "United Kingdom"}


def read_csv(path, delimiter=","):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def reference():
    rows = read_csv(SRC / "reference" / "country-codes.csv")
    languages = {r["Code"]: r for r in read_csv(SRC / "reference" / "countries-list-3.4.1_countries.csv")}
    markets = {}
    for r in rows:
        iso3, iso2 = r["ISO3166-1-Alpha-3"].strip(), r["ISO3166-1-Alpha-2"].strip()
        if len(iso3) != 3:
            continue
        cl = languages.get(iso2, {})
        markets[iso3] = {
            "iso3": iso3,
            "iso2": iso2,
            "iso_numeric": r["ISO3166-1-numeric"].strip().zfill(3),
            "name": DISPLAY_NAMES.get(iso3) or r["CLDR display name"].strip() or r["official_name_en"].strip(),
            "region": r["Region Name"].strip(),
            "subregion": r["Sub-region Name"].strip(),
            "currency": (r["ISO4217-currency_alphabetic_code"].split(",")[0].strip() or cl.get("Currency", "").split(",")[0]),
            "english_official": ("true" if "en" in cl.get("Languages", "").split(",") else "false") if cl else "",
            "aliases": {r["official_name_en"].strip(), r["CLDR display name"].strip(),
                        r["UNTERM English Short"].replace("(the)", "").strip(), cl.get("Name", "").strip(), *ALIASES.get(iso3, [])},
        }
    cl = languages[KOSOVO["iso2"]]
    markets[KOSOVO["iso3"]] = {
        **KOSOVO,
        "currency": cl["Currency"].split(",")[0],
        "english_official": "true" if "en" in cl["Languages"].split(",") else "false",
        "aliases": {cl["Native"]},
    }
    return markets


def latest(markets, path, delimiter=",", code="Country Code", year="Year", value="Value", name="Country Name"):
    """Latest value in YEAR_MIN..YEAR_MAX per market, as (value, year); WDI names become aliases."""
    found = {}
    for r in read_csv(path, delimiter):
        iso3 = r[code].strip()
        if iso3 not in markets:
            continue
        markets[iso3]["aliases"].add(r[name].strip())
        if r[value] in ("", None):
            continue
        y = int(r[year])
        if YEAR_MIN <= y <= YEAR_MAX and (iso3 not in found or y > found[iso3][1]):
            found[iso3] = (float(r[value]), y)
    return found


def vat(markets):
    rates = json.loads((SRC / "vat" / "sales-tax-2.23.0_sales_tax_rates.json").read_text(encoding="utf-8"))
    by_iso2 = {m["iso2"]: iso3 for iso3, m in markets.items()}
    found = {}
    for iso2, entry in rates.items():
        iso3 = by_iso2.get(iso2)
        if iso3 is None:
            continue
        rate = entry.get("rate", 0.0)
        if entry.get("type") == "none" and entry.get("states"):
            # No national VAT (the US): the mean of the sub-national sales-tax rates the source lists.
            states = [s["rate"] for s in entry["states"].values()]
            rate = sum(states) / len(states)
        found[iso3] = (round(rate * 100, 3), 2024)
    for iso3, rate in VAT_FILLS.items():
        found.setdefault(iso3, (rate, 2024))
    return found


def import_duty(markets):
    """ITA participants bind customs duty on mobile phones at 0%: a measured 0% for each, except
    those known to apply duty anyway (ITA_NOT_APPLIED), which get their own cited rate and source.
    Non-participants stay missing: nothing obliges them to 0%, and data-src holds no rate for any
    of them. Returns the values and the own sources of the values that have one."""
    found, own_sources = {}, {}
    for r in read_csv(SRC / "tariffs" / "ita_wto_status_derived.csv"):
        iso3 = r["iso3"].strip()
        if r["ita_participant_2022"] != "yes" or iso3 not in markets:
            continue
        if iso3 in ITA_NOT_APPLIED:
            rate, year, key, note = ITA_NOT_APPLIED[iso3]
            found[iso3] = (rate, year)
            own_sources[(iso3, "import_duty_pct")] = (key, note)
        else:
            found[iso3] = (0.0, ITA_YEAR)
    return found, own_sources


def competition(markets):
    """The mobile platform split per country from caniuse's StatCounter figures: shares of
    mobile page views, a web-use proxy for the phones in use (an iPhone owner who browses more
    counts more). Aggregates (alt-*) and regions without mobile data are skipped."""
    by_iso2 = {m["iso2"]: iso3 for iso3, m in markets.items()}
    android, ios, budget = {}, {}, {}
    for r in read_csv(SRC / "vendor-share-by-country" / "caniuse_mobile_browser_share_by_country_derived.csv"):
        iso3 = by_iso2.get(r["region_id"])
        if r["is_aggregate"] != "False" or iso3 is None or r["ios_share_of_mobile"] == "":
            continue
        android[iso3] = (float(r["android_share_of_mobile"]), CANIUSE_YEAR)
        ios[iso3] = (float(r["ios_share_of_mobile"]), CANIUSE_YEAR)
        # Feature phones (KaiOS) and the data-saving browsers of low-end phones (Opera Mini, UC).
        share = sum(float(r[c]) for c in ("kaios_share_of_mobile", "opera_mini_share_of_mobile", "uc_share_of_mobile"))
        budget[iso3] = (round(share, 3), CANIUSE_YEAR)
    return {"android_share_pct": android, "ios_share_pct": ios, "budget_feature_share_pct": budget}


def gap_source(text):
    for prefix, key in GAP_SOURCES:
        if text.startswith(prefix):
            return key
    raise SystemExit(f"gap_fill_derived.csv: no source key for {text[:60]!r}; add its prefix to GAP_SOURCES")


def gap_note(key, text):
    """What a reader needs beside the source's name: the Factbook's own wording and file, the
    IMF's last actual year (later years are staff estimates), the WPP's reference date."""
    if key == "cia-factbook":
        quoted = text.split("('", 1)[1].split("')", 1)[0]
        path = text.rsplit(" ", 1)[1]
        return f"Factbook text '{quoted}', {path}"
    if key in ("imf-weo-2025-10", "wb-lpi-2023"):
        return text.split("(", 1)[1].split(")", 1)[0]
    if key == "un-wpp-2024":
        return "medium variant, population on 31 Dec 2024"
    return ""


def fill_gaps(markets, values):
    """Adds gap_fill_derived.csv's values where the bundle has none, each with its own source.
    Returns {(iso3, indicator): (source key, note)} for value_sources.csv. A row for a value the
    bundle already has must agree with it (Kosovo's WDI values do)."""
    own = {}
    for r in read_csv(SRC / "taiwan-and-gaps" / "gap_fill_derived.csv"):
        iso3, indicator = r["iso3"], r["indicator"]
        if iso3 not in markets or (iso3, indicator) in REJECTED:
            continue
        value, year = float(r["value"]), int(r["year"])
        have = values[indicator].get(iso3)
        if have is not None:
            if abs(have[0] - value) > 1e-6 * max(1.0, abs(value)) or have[1] != year:
                raise SystemExit(f"gap_fill_derived.csv: {iso3} {indicator} {value} ({year}) differs from the bundle's {have}")
            continue
        values[indicator][iso3] = (value, year)
        key = gap_source(r["source"])
        if key is not None:
            own[(iso3, indicator)] = (key, gap_note(key, r["source"]))
    return own


def world_vendor_mix():
    rows = read_csv(SRC / "vendor-share" / "statcounter_vendor-ww-monthly-202311-202411.csv")
    last = rows[-1]
    mix = {key: float(last.get(name, 0) or 0) for key, name in VENDORS if key != "others"}
    mix["others"] = 100.0 - sum(mix.values())
    return mix


def illustrative(markets, values):
    """Company-specific layers no public source has. Shapes, not measurements: forum interest
    follows online population with an Asian tilt (where the brand's fan base started), resellers
    and grey imports follow forum interest and are pushed up by import duty, service centres
    follow population and income, and vendor shares bend the worldwide mix by region and income."""
    mix = world_vendor_mix()
    layers = {k: {} for k in ["forum_members_k", "forum_growth_pct", "reseller_listings", "grey_imports_k", "service_centres"]}
    layers.update({f"share_{k}_pct": {} for k, _ in VENDORS})
    layers["incumbent_top2_pct"] = {}
    year = 2024
    for iso3 in sorted(markets):
        m = markets[iso3]
        pop = values["population"].get(iso3, (None,))[0]
        if pop is None:
            continue
        # One generator per market, so a market added to the bundle leaves the others' values alone.
        rng = random.Random(f"{SEED}-{iso3}")
        internet = values["internet_pct"].get(iso3, (55.0,))[0] / 100
        income = values["gdp_pc_ppp_intl"].get(iso3, (15000.0,))[0]
        asia = {"Eastern Asia": 2.5, "South-eastern Asia": 2.0, "Southern Asia": 1.6}.get(m["subregion"], 1.0)
        online = pop * internet
        forum = online / 1000 * 0.004 * asia * rng.lognormvariate(0, 0.5)
        growth = rng.gauss(35 - 12 * math.log10(max(income, 1000) / 1000), 8)
        duty = values["import_duty_pct"].get(iso3, (5.0,))[0]
        resellers = forum * 6 * rng.lognormvariate(0, 0.4)
        grey = resellers * 0.04 * (1 + duty / 10) * rng.lognormvariate(0, 0.3)
        centres = int(math.sqrt(pop / 1e6) * math.log10(max(income, 1000)) * 0.8 * rng.lognormvariate(0, 0.4))
        layers["forum_members_k"][iso3] = (round(forum, 2), year)
        layers["forum_growth_pct"][iso3] = (round(growth, 1), year)
        layers["reseller_listings"][iso3] = (int(round(resellers)), year)
        layers["grey_imports_k"][iso3] = (round(grey, 2), year)
        layers["service_centres"][iso3] = (centres, year)

        rich = min(max((math.log10(max(income, 1000)) - 3.5) / 1.2, 0), 1)  # 0 poor .. 1 rich
        tilt = {
            "apple": 0.35 + 1.6 * rich, "samsung": 1.0 + (0.4 if m["subregion"] in ("Latin America and the Caribbean", "Southern Asia") else 0),
            "huawei": 1.0 + (4.0 if m["region"] == "Africa" or m["subregion"] == "Western Asia" else 0) + (8.0 if iso3 == "CHN" else 0),
            "lenovo": 1.0 + (3.0 if m["subregion"] in ("Latin America and the Caribbean",) else 0),
            "htc": 1.0 + (25.0 if iso3 in ("TWN", "HKG") else 0), "others": 1.0 + 0.6 * (1 - rich),
        }
        raw = {k: max(mix[k], 0.05) * tilt[k] * rng.lognormvariate(0, 0.25) for k, _ in VENDORS}
        total = sum(raw.values())
        shares = {k: round(100 * v / total, 1) for k, v in raw.items()}
        shares["others"] = round(100 - sum(v for k, v in shares.items() if k != "others"), 1)
        for k, _ in VENDORS:
            layers[f"share_{k}_pct"][iso3] = (shares[k], year)
        incumbents = sorted((shares[k] for k, _ in VENDORS if k != "others"), reverse=True)
        layers["incumbent_top2_pct"][iso3] = (round(incumbents[0] + incumbents[1], 1), year)
    return layers


def main():
    markets = reference()
    values = {}
    for ind in INDICATORS:
        if ind[9]:
            values[ind[0]] = latest(markets, SRC / "wdi" / f"{ind[9]}.csv")
    values["internet_pct"] = latest(markets, SRC / "wdi" / "owid_share-of-individuals-using-the-internet.csv", ";",
                                    code="Code", value="Individuals using the Internet (% of population)", name="Entity")
    for iso3, indicator in REJECTED:
        values[indicator].pop(iso3, None)
    own_sources = fill_gaps(markets, values)
    values["vat_pct"] = vat(markets)
    values["import_duty_pct"], duty_sources = import_duty(markets)
    own_sources.update(duty_sources)
    values.update(competition(markets))
    values.update(illustrative(markets, values))

    real = [i[0] for i in INDICATORS if i[0] not in ILLUSTRATIVE and i[0] not in APPROXIMATE]
    included = sorted(iso3 for iso3 in markets if any(iso3 in values[k] for k in real))

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "unit", "direction", "pillar", "source", "licence", "min", "max", "status"])
        for i in INDICATORS:
            status = "illustrative" if i[0] in ILLUSTRATIVE else "approximate" if i[0] in APPROXIMATE else "measured"
            w.writerow([i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8], status])
    with open(OUT / "markets.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        meta = ["iso3", "iso2", "iso_numeric", "name", "region", "subregion", "currency", "english_official", "aliases"]
        w.writerow(meta + [c for i in INDICATORS for c in (i[0], f"{i[0]}_year")])
        for iso3 in included:
            m = markets[iso3]
            aliases = sorted(a for a in m["aliases"] if a and a != m["name"])
            row = [m["iso3"], m["iso2"], m["iso_numeric"], m["name"], m["region"], m["subregion"], m["currency"], m["english_official"], "|".join(aliases)]
            for i in INDICATORS:
                v = values[i[0]].get(iso3)
                row += ["", ""] if v is None else [format_value(v[0]), v[1]]
            w.writerow(row)
    with open(OUT / "sources.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "name", "licence", "citation"])
        w.writerows(SOURCES)
    keys = {s[0] for s in SOURCES}
    with open(OUT / "value_sources.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso3", "indicator", "source", "note"])
        for (iso3, indicator), (key, note) in sorted(own_sources.items()):
            if key not in keys:
                raise SystemExit(f"source key {key!r} is not in SOURCES")
            if iso3 in included:
                w.writerow([iso3, indicator, key, note])
    filled = sum(1 for iso3, _ in own_sources if iso3 in included)
    print(f"{len(included)} markets, {len(INDICATORS)} indicators, {filled} values from other sources -> {OUT.relative_to(ROOT)}")


def format_value(v):
    return str(int(v)) if float(v).is_integer() else f"{v:.4f}".rstrip("0").rstrip(".")


if __name__ == "__main__":
    main()
