#!/usr/bin/env python3
"""Seeds N boolean flags on a runner, as http-evaluate.sh's load expects them (see bench/README.md).

    seed-flags.py BASE_URL TOKEN N [FIRST]

Flags bench-flag-01 ... (two digits at least): each gets a 30 % rollout, is toggled on in production, and then gets a
rule (plan eq enterprise and country in [US, CA]) through a PUT with the version it read; the flags after the first
get the first one's config in that one PUT. One keep-alive connection, so that 2,000 flags take seconds rather than
the minutes a curl per call would.
"""
import http.client
import json
import sys
import urllib.parse

base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
first = int(sys.argv[4]) if len(sys.argv) > 4 else 1
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
template = None
for i in range(first, first + count):
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
