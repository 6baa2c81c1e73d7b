#!/usr/bin/env python3
"""Many SDK event streams on one runner (issue K; run by bench/streams.sh, see bench/README.md).

    streams.py BASE_URL SDK_KEY ADMIN_TOKEN RUNNER_PID STREAMS WRK_SCRIPT

Opens STREAMS connections to GET /sdk/stream (production, with the SDK key) and reads each one's first event; then,
with wrk evaluating single flags at the same time, changes a flag (one toggle, as the admin) and times how long the
new version takes to reach every stream. Prints the runner's resident memory before and after the streams opened,
the delivery times and wrk's evaluation figures. wrk cannot hold event streams, hence asyncio.
"""
import asyncio
import re
import subprocess
import sys
import time
import urllib.parse

base, sdk_key, token, runner_pid, count, wrk_script = sys.argv[1:7]
count = int(count)
url = urllib.parse.urlsplit(base)
host, port = url.hostname, url.port
OPEN_AT_ONCE = 200  # connections opened concurrently: more would overflow the server's accept backlog


def rss_mib():
    with open(f"/proc/{runner_pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Stream:
    def __init__(self):
        self.first_version = None
        self.changed_at = None
        self.changed = asyncio.Event()

    async def follow(self, opened):
        reader, writer = await asyncio.open_connection(host, port, limit=1 << 16)
        writer.write((f"GET /sdk/stream?environment=production HTTP/1.1\r\nHost: {host}\r\n"
                      f"X-API-Key: {sdk_key}\r\nAccept: text/event-stream\r\n\r\n").encode())
        await writer.drain()
        status = await reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(f"stream refused: {status!r}")
        while (await reader.readline()) not in (b"\r\n", b"\n", b""):
            pass  # headers
        while True:
            line = await reader.readline()
            if not line:
                raise RuntimeError("stream closed")
            # chunked framing lines (sizes) are not "id:" lines, so they are skipped like comments
            text = line.decode().strip()
            if text.startswith("id:"):
                version = text[3:].strip()
                if self.first_version is None:
                    self.first_version = version
                    opened.release()
                elif version != self.first_version:
                    self.changed_at = time.monotonic()
                    self.changed.set()
                    writer.close()
                    return


async def main():
    before = rss_mib()
    streams = [Stream() for _ in range(count)]
    gate = asyncio.Semaphore(OPEN_AT_ONCE)
    t0 = time.monotonic()
    tasks = []
    for stream in streams:
        await gate.acquire()
        tasks.append(asyncio.create_task(stream.follow(gate)))
    for _ in range(OPEN_AT_ONCE):
        await gate.acquire()
    opened_in = time.monotonic() - t0
    failed = [task for task in tasks if task.done() and task.exception()]
    if failed:
        raise failed[0].exception()
    await asyncio.sleep(3)
    after = rss_mib()
    print(f"streams open: {count} in {opened_in:.1f} s; runner RSS {before:.0f} MiB before, {after:.0f} MiB with them "
          f"({(after - before) * 1024 / count:.1f} KiB per stream)", flush=True)

    wrk = subprocess.Popen(["wrk", "-t1", "-c16", "-d20s", "--latency", "-s", wrk_script,
                            f"{base}/evaluate/bench-flag-01"], stdout=subprocess.PIPE, text=True)
    await asyncio.sleep(8)
    reader, writer = await asyncio.open_connection(host, port)
    body = b'{"enabled":false}'
    changed_at = time.monotonic()
    writer.write(b"PATCH /flags/bench-flag-01/environments/production/toggle HTTP/1.1\r\nHost: x\r\n"
                 + f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                   f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
    await writer.drain()
    answer = await reader.readline()
    answered = time.monotonic() - changed_at
    writer.close()
    if b" 200 " not in answer:
        raise RuntimeError(f"toggle refused: {answer!r}")
    try:
        await asyncio.wait_for(asyncio.gather(*(s.changed.wait() for s in streams)), timeout=30)
    except asyncio.TimeoutError:
        pass
    delays = sorted(s.changed_at - changed_at for s in streams if s.changed_at is not None)
    out, _ = await asyncio.get_running_loop().run_in_executor(None, wrk.communicate)
    print(f"change answered in {answered * 1000:.0f} ms; reached {len(delays)} of {count} streams: "
          f"median {delays[len(delays) // 2] * 1000:.0f} ms, last {delays[-1] * 1000:.0f} ms", flush=True)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    print(f"single evaluation meanwhile (wrk -t1 -c16 -d20s): {float(rps):,.0f} req/s, p50 {p50}, p99 {p99}; "
          f"runner RSS now {rss_mib():.0f} MiB", flush=True)

asyncio.run(main())
