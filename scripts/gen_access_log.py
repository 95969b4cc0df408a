#!/usr/bin/env python3
"""Writes a realistic web server access log in the combined format (nginx/Apache default),
deterministic by seed, for Heartbeat's readership benchmarks and sample data.

    python3 scripts/gen_access_log.py OUT.log --lines 1000000 [--start 2024-01-01 --days 180 --seed 7]

Readers make visits of 1-6 pages a few minutes apart, with the assets each page loads; about a
tenth of the lines come from crawlers and monitors, some are POSTs, redirects and 404s, and one
line in ten thousand is cut short (malformed). Paths follow the catalog written by --catalog.
A name ending in .gz writes a gzip file.
"""
import argparse
import datetime
import gzip
import random

TOPICS = [
    ("coreml", "ios"), ("tflite", "android"), ("quantize", "coreml"), ("android", "mobile"), ("ios", "mobile"),
    ("onnx", "ml"), ("pytorch", "ml"), ("kubernetes", "devops"), ("testing", "web"), ("swift", "ios"),
]
BROWSERS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "curl/8.5.0", "python-requests/2.31.0", "UptimeRobot/2.0",
]
REFERRERS = ["https://www.google.com/", "https://news.ycombinator.com/", "https://www.reddit.com/r/swift/",
             "https://twitter.com/", "https://dev.to/", "https://www.linkedin.com/"]
ASSETS = ["/assets/site.css", "/assets/app.js", "/img/logo.svg", "/fonts/inter.woff2"]


def catalog(count):
    items = []
    for index in range(count):
        first, second = TOPICS[index % len(TOPICS)]
        items.append((f"/tutorials/{first}-{index + 1}", f"{first.title()} tutorial {index + 1}", [first, second]))
    return items


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--start", default="2024-01-01")
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--visitors", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--catalog", help="also write the catalog CSV (path,title,author,published,tags) here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = datetime.datetime.fromisoformat(args.start).replace(tzinfo=datetime.timezone.utc)
    span = args.days * 86400
    items = catalog(args.items)
    published = {path: start + datetime.timedelta(seconds=span * index / (len(items) + 1)) for index, (path, _, _) in enumerate(items)}
    if args.catalog:
        with open(args.catalog, "w") as out:
            out.write("path,title,author,published,tags\n")
            for index, (path, title, tags) in enumerate(items):
                out.write(f"{path},{title},member{(index * 7) % 40},{published[path].date().isoformat()},\"{', '.join(tags)}\"\n")
    visitors = [(f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", rng.choice(BROWSERS))
                for _ in range(args.visitors)]
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(items))]
    records = []
    while len(records) < args.lines:
        moment = rng.random() * span
        if rng.random() < 0.1:
            ip = f"66.249.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            path = rng.choice(items)[0] if rng.random() < 0.8 else "/robots.txt"
            records.append((moment, ip, "GET", path, 200, "-", rng.choice(BOTS)))
            continue
        ip, agent = visitors[min(int(rng.paretovariate(1.2)) - 1, args.visitors - 1) if rng.random() < 0.5 else rng.randrange(args.visitors)]
        referrer = rng.choice(REFERRERS) if rng.random() < 0.4 else "-"
        for page in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])):
            path = rng.choices(items, weights)[0][0] if rng.random() < 0.9 else rng.choice(["/", "/about", "/tutorials"])
            if path in published and published[path] > start + datetime.timedelta(seconds=moment):
                path = "/tutorials"  # not published yet: the reader lands on the index
            status = 200 if rng.random() < 0.93 else rng.choice([304, 301, 404])
            records.append((moment, ip, "GET", path, status, referrer, agent))
            if page == 0 and rng.random() < 0.5:
                for asset in ASSETS:
                    records.append((moment + 0.2, ip, "GET", asset, 200, "https://blog.example.com" + path, agent))
            if rng.random() < 0.02:
                records.append((moment + 5, ip, "POST", "/api/subscribe", 201, "https://blog.example.com" + path, agent))
            referrer = "https://blog.example.com" + path
            moment += rng.uniform(20, 600)
    records = sorted(records[: args.lines])
    opener = gzip.open if args.out.endswith(".gz") else open
    with opener(args.out, "wt") as out:
        for number, (moment, ip, method, path, status, referrer, agent) in enumerate(records, 1):
            when = (start + datetime.timedelta(seconds=moment)).strftime("%d/%b/%Y:%H:%M:%S +0000")
            line = f'{ip} - - [{when}] "{method} {path} HTTP/1.1" {status} {rng.randint(200, 40000)} "{referrer}" "{agent}"'
            if number % 10_000 == 5_000:
                line = line[: len(line) // 2]
            out.write(line + "\n")


if __name__ == "__main__":
    main()
