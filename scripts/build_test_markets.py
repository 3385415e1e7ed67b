#!/usr/bin/env python3
"""Builds Beachhead's illustrative test-market dataset: Hong Kong and Taiwan, weekly for 60
weeks from a launch on 2013-09-02 (Xiaomi's Hong Kong and Taiwan debut was that autumn), plus
flash sales and monthly competitor shares. Every number is generated with a fixed seed and is
ILLUSTRATIVE: it shapes what a real test market's tracking looks like, it does not report one.

    python3 scripts/build_test_markets.py

Writes public/data/test-markets/{weekly,flash_sales,competitor_shares}.csv (format:
docs/test-market-format.md).
"""

import csv
import datetime as dt
import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "public" / "data" / "test-markets"
SEED = 20130902
LAUNCH = dt.date(2013, 9, 2)
WEEKS = 60
# market: (weekly plan at maturity, online share, HTC's home strength)
MARKETS = {"HKG": (6000, 0.55, 0.6), "TWN": (9000, 0.45, 1.0)}
CHANNELS = ["online", "platforms", "carriers", "retail"]


def weekly(rng):
    rows = []
    for iso3, (plan_peak, online, _) in MARKETS.items():
        on_hand, in_transit = 8000.0, 12000.0
        rating = 4.1
        for w in range(WEEKS):
            week = LAUNCH + dt.timedelta(weeks=w)
            ramp = 1 - math.exp(-w / 8)
            plan = round(plan_peak * ramp + 800)
            demand = plan * rng.lognormvariate(0.05 - 0.1 * (w < 6), 0.18)
            shares = [online, 0.2, 0.15, 1 - online - 0.35]
            available = on_hand + in_transit * 0.5
            sold = min(demand, available)
            stockout_days = 0 if demand <= available else min(7, round(7 * (1 - available / demand)) + 1)
            units = [round(sold * s * rng.uniform(0.9, 1.1)) for s in shares]
            arrivals = in_transit * 0.5
            on_hand = max(0.0, on_hand + arrivals - sum(units))
            in_transit = max(0.0, in_transit - arrivals + plan * rng.uniform(0.8, 1.3))
            tickets = round(sum(units) * rng.uniform(0.015, 0.03))
            turnaround = round(max(1.0, 9 - w / 10 + rng.gauss(0, 0.8)), 1)
            returns = round(max(0.2, 2.6 - w / 40 + rng.gauss(0, 0.3)), 2)
            rating = round(min(5.0, max(3.0, rating + rng.gauss(0.005, 0.04))), 2)
            forum_posts = round((1500 + 60 * w) * rng.lognormvariate(0, 0.2))
            listings = round((300 + 8 * w) * rng.lognormvariate(0, 0.25))
            rows.append([iso3, week.isoformat(), plan, *units, round(on_hand), round(in_transit), stockout_days,
                         forum_posts, listings, tickets, turnaround, returns, rating])
    header = ["market", "week", "plan_units", *[f"units_{c}" for c in CHANNELS], "inventory_on_hand",
              "inventory_in_transit", "stockout_days", "forum_posts", "reseller_listings", "service_tickets",
              "repair_turnaround_days", "return_rate_pct", "rating"]
    return header, rows


def flash_sales(rng):
    rows = []
    for iso3 in MARKETS:
        day = LAUNCH + dt.timedelta(days=17)
        for n in range(14):
            offered = rng.choice([5000, 10000, 15000, 20000])
            registrations = round(offered * rng.uniform(3, 22))
            sold = offered if registrations > offered * 2 else round(offered * rng.uniform(0.7, 1.0))
            seconds = round(rng.uniform(40, 90) * (offered / 10000) * (8 / max(1.0, registrations / offered)) + rng.uniform(5, 30))
            rows.append([iso3, day.isoformat(), offered, sold, seconds if sold == offered else "", registrations])
            day += dt.timedelta(days=rng.choice([21, 28, 35]))
    return ["market", "date", "units_offered", "units_sold", "seconds_to_sell_out", "registrations"], rows


def competitor_shares(rng):
    rows = []
    for iso3, (_, _, htc_home) in MARKETS.items():
        ours = 0.0
        for m in range(14):
            month = dt.date(2013 + (8 + m) // 12, (8 + m) % 12 + 1, 1)
            ours = min(12.0, ours + rng.uniform(0.3, 1.2))
            base = {"samsung": 33, "apple": 26, "htc": 14 * htc_home, "lenovo": 4}
            shares = {k: v * rng.uniform(0.92, 1.08) for k, v in base.items()}
            shares["htc"] *= 1 - m / 40
            total = sum(shares.values())
            scale = (100 - ours - 8) / total
            row = {k: round(v * scale, 1) for k, v in shares.items()}
            row["ours"] = round(ours, 1)
            row["others"] = round(100 - sum(row.values()), 1)
            rows.append([iso3, month.isoformat()[:7], row["samsung"], row["apple"], row["htc"], row["lenovo"], row["ours"], row["others"]])
    return ["market", "month", "samsung_pct", "apple_pct", "htc_pct", "lenovo_pct", "ours_pct", "others_pct"], rows


def write(name, header, rows):
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    write("weekly.csv", *weekly(rng))
    write("flash_sales.csv", *flash_sales(rng))
    write("competitor_shares.csv", *competitor_shares(rng))
    print(f"wrote {OUT.relative_to(ROOT)}: {WEEKS} weeks x {len(MARKETS)} markets, flash sales, monthly shares")


if __name__ == "__main__":
    main()
