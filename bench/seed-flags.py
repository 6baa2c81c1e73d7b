#!/usr/bin/env python3
"""Seeds N flags on a runner, as http-evaluate.sh's load expects them (see bench/README.md).

    seed-flags.py BASE_URL TOKEN N [FIRST]
    VARIED=1 seed-flags.py BASE_URL TOKEN N [FIRST]

By default, boolean flags bench-flag-01 ... (two digits at least): each gets a 30 % rollout, is toggled on in
production, and then gets a rule (plan eq enterprise and country in [US, CA]) through a PUT with the version it read;
the flags after the first get the first one's config in that one PUT. Alike flags compress far better than real ones.

With VARIED=1, flag i is drawn from a random generator seeded with i, so the same N flags come every time (and the
first N of a larger set are the same flags): keys and names of differing words; boolean (60 %), string, number and
json kinds; 1-5 rules of 1-3 clauses over a dozen attributes and most operators, some negated or ignoring case, some
described, each serving a variant or a split, their ids assigned by the server as the dashboard leaves them; a quarter
with individual targets of random user ids; fallthroughs fixed or split; a few custom salts and bucketing attributes.

One keep-alive connection, so that 2,000 flags take seconds rather than the minutes a curl per call would.
"""
import http.client
import json
import os
import random
import sys
import urllib.parse

base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
first = int(sys.argv[4]) if len(sys.argv) > 4 else 1
varied = os.environ.get("VARIED", "0") == "1"
url = urllib.parse.urlsplit(base)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}


def call(method, path, body=None):
    connection.request(method, path, None if body is None else json.dumps(body), headers)
    response = connection.getresponse()
    text = response.read()
    if response.status // 100 != 2:
        sys.exit(f"{method} {path} -> HTTP {response.status}: {text[:500]!r}")
    return json.loads(text) if text else None


RULE = {"id": "enterprise", "clauses": [
    {"attribute": "plan", "operator": "eq", "values": ["enterprise"]},
    {"attribute": "country", "operator": "in", "values": ["US", "CA"]}], "serve": {"variant": "true"}}

AREAS = ["checkout", "search", "billing", "onboarding", "profile", "inbox", "reports", "admin", "mobile", "pricing",
         "cart", "feed", "settings", "export", "import", "sharing", "calendar", "payments", "support", "analytics"]
ADJECTIVES = ["new", "beta", "redesigned", "faster", "simplified", "experimental", "legacy", "smart", "guided",
              "compact", "async", "batched", "cached", "inline", "dark", "extended"]
NOUNS = ["banner", "button", "flow", "layout", "page", "modal", "widget", "api", "editor", "filters", "sidebar",
         "navigation", "pricing-table", "trial", "recommendations", "notifications", "dashboard", "upload", "tour"]
COUNTRIES = ["US", "CA", "MX", "GB", "DE", "FR", "ES", "IT", "NL", "SE", "PL", "BR", "AR", "IN", "JP", "KR", "AU",
             "NZ", "ZA", "NG", "EG", "TR", "IE", "PT", "CH", "AT", "BE", "DK", "NO", "FI"]
PLANS = ["free", "starter", "pro", "team", "business", "enterprise"]
DOMAINS = ["@example.com", "@acme.io", "@globex.net", "@initech.com", "@umbrella.org", "@hooli.dev"]
PLATFORMS = ["ios", "android", "web", "desktop", "tv"]
REGIONS = ["eu-", "us-", "ap-", "sa-"]
STRING_VARIANTS = ["control", "treatment", "variant-a", "variant-b", "variant-c", "blue", "green", "compact",
                   "classic", "bold", "minimal"]
COPY = ["Start your free trial", "Upgrade now", "See what's new", "Try it today", "Get started", "Learn more",
        "#1f6feb", "#2da44e", "#cf222e", "grid", "list", "cards", "top", "bottom"]
DESCRIPTIONS = ["Internal staff first", "Early access customers", "Paying customers in launch markets",
                "Rollback guard for old app versions", "Large accounts only", "Beta programme",
                "Markets with the new payment provider", "Accessibility review group"]


def words(rng, i):
    area, adjective, noun = rng.choice(AREAS), rng.choice(ADJECTIVES), rng.choice(NOUNS)
    return f"{area}-{adjective}-{noun}-{i}", f"{adjective.capitalize()} {noun.replace('-', ' ')} in {area}"


def clause(rng):
    kind = rng.randrange(12)
    if kind == 0:
        c = {"attribute": "country", "operator": "in", "values": rng.sample(COUNTRIES, rng.randint(1, 8))}
    elif kind == 1:
        c = {"attribute": "plan", "operator": "in", "values": rng.sample(PLANS, rng.randint(1, 3))}
    elif kind == 2:
        c = {"attribute": "email", "operator": "ends_with", "values": rng.sample(DOMAINS, rng.randint(1, 2))}
    elif kind == 3:
        version = f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
        c = {"attribute": "app_version", "operator": rng.choice(["semver_gt", "semver_lt", "semver_eq"]),
             "values": [version]}
    elif kind == 4:
        c = {"attribute": "platform", "operator": "in", "values": rng.sample(PLATFORMS, rng.randint(1, 2))}
    elif kind == 5:
        c = {"attribute": "beta", "operator": "eq", "values": [True]}
    elif kind == 6:
        c = {"attribute": "age", "operator": rng.choice(["gte", "lt"]), "values": [rng.randint(13, 70)]}
    elif kind == 7:
        c = {"attribute": "org", "operator": "in",
             "values": [f"org-{rng.randrange(100000)}" for _ in range(rng.randint(1, 6))]}
    elif kind == 8:
        c = {"attribute": "signed_up_at", "operator": rng.choice(["before", "after"]),
             "values": [f"202{rng.randint(3, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T00:00:00Z"]}
    elif kind == 9:
        c = {"attribute": "region", "operator": "starts_with", "values": [rng.choice(REGIONS)]}
    elif kind == 10:
        c = {"attribute": "seats", "operator": rng.choice(["gt", "lte"]), "values": [rng.choice([5, 10, 50, 250])]}
    else:
        c = {"attribute": "email", "operator": "matches", "values": [rf"^[a-z]+\.{rng.choice(['qa', 'ops', 'dev'])}@"]}
    if rng.random() < 0.1:
        c["negate"] = True
    if c["operator"] in ("in", "ends_with", "starts_with") and rng.random() < 0.1:
        c["ignore_case"] = True
    return c


def serve(rng, variants, split_chance):
    if rng.random() >= split_chance:
        return {"variant": rng.choice(variants)}
    chosen = rng.sample(variants, min(len(variants), rng.randint(2, 3)))
    cuts = sorted(rng.sample(range(1, 100), len(chosen) - 1))
    weights = [(b - a) * 100 for a, b in zip([0] + cuts, cuts + [100])]
    return {"split": [{"variant": v, "weight": w} for v, w in zip(chosen, weights)]}


def varied_flag(i):
    rng = random.Random(i)
    key, name = words(rng, i)
    flag = {"key": key, "name": name}
    kind = rng.choices(["boolean", "string", "number", "json"], [60, 20, 10, 10])[0]
    if kind == "boolean":
        variants = ["true", "false"]
    else:
        flag["kind"] = kind
        if kind == "string":
            variants = rng.sample(STRING_VARIANTS, rng.randint(2, 4))
            values = [rng.choice(COPY) for _ in variants]
        elif kind == "number":
            variants = ["low", "medium", "high"][:rng.randint(2, 3)]
            values = sorted(rng.sample([5, 10, 20, 25, 50, 100, 250, 1000], len(variants)))
        else:
            variants = ["v1", "v2", "v3"][:rng.randint(2, 3)]
            values = [{"layout": rng.choice(["grid", "list", "cards"]), "page_size": rng.choice([10, 20, 24, 50]),
                       "show_badges": rng.random() < 0.5} for _ in variants]
        flag["variants"] = [{"key": k, "value": v} for k, v in zip(variants, values)]
        for variant in flag["variants"]:
            if rng.random() < 0.2:
                variant["description"] = rng.choice(DESCRIPTIONS)
    if rng.random() < 0.05:
        flag["salt"] = f"{key}-{rng.randrange(1000)}"
    if rng.random() < 0.1:
        flag["bucket_by"] = rng.choice(["org", "device_id"])
    rules = []
    for _ in range(rng.randint(1, 5)):
        rule = {"clauses": [clause(rng) for _ in range(rng.randint(1, 3))], "serve": serve(rng, variants, 0.3)}
        if rng.random() < 0.3:
            rule["description"] = rng.choice(DESCRIPTIONS)
        rules.append(rule)
    targets = []
    if rng.random() < 0.25:
        for variant in rng.sample(variants, rng.randint(1, min(2, len(variants)))):
            targets.append({"variant": variant,
                            "units": [f"user-{rng.randrange(10**6)}" for _ in range(rng.randint(1, 10))]})
    config = {"enabled": rng.random() < 0.85, "off_variant": variants[-1], "targets": targets, "rules": rules,
              "fallthrough": serve(rng, variants, 0.5)}
    return flag, config


template = None
for i in range(first, first + count):
    if varied:
        flag, wanted = varied_flag(i)
        call("POST", "/flags", flag)
        config = call("GET", f"/flags/{flag['key']}/environments/production")
        config.update(wanted)
        call("PUT", f"/flags/{flag['key']}/environments/production", config)
        continue
    key = f"bench-flag-{i:02d}"
    call("POST", "/flags", {"key": key, "name": f"Bench flag {i}"})
    if template is None:
        call("PATCH", f"/flags/{key}/environments/production/rollout", {"percentage": 30})
        call("PATCH", f"/flags/{key}/environments/production/toggle", {"enabled": True})
    config = call("GET", f"/flags/{key}/environments/production")
    if template is None:
        config["rules"] = [RULE]
        template = config
    else:
        # the first flag's config, in one write: every write prepares the environment again, so fewer writes seed faster
        config.update({field: template[field] for field in ("enabled", "fallthrough", "rules")})
    call("PUT", f"/flags/{key}/environments/production", config)
