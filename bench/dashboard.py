#!/usr/bin/env python3
"""The dashboard's two speed targets, measured in headless Chromium through its ChromeDriver (Debian's chromium and
chromium-driver), against a runner that is already running:

  1. the first load (the sign-in page with everything it loads) transfers at most 100 KB compressed;
  2. with 1,000 flags, the flag list is usable (its rows and pager drawn) within 500 ms of navigation.

Usage: bench/dashboard.py [base URL] [admin email] [admin password]
The script creates flags named bench-dashboard-NNNN until there are 1,000 flags; run it on a scratch database.
Sizes are gzip level 6, the usual server setting, of each response as the server sent it (when the server compresses
already, its own encoding is reported too). Times are performance.now() at the moment the list is drawn: milliseconds
since navigation began, in the page's own clock. Standard library only."""
import gzip, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE = sys.argv[1] if len(sys.argv) > 1 else 'http://localhost:8080'
EMAIL = sys.argv[2] if len(sys.argv) > 2 else 'admin@example.com'
PASSWORD = sys.argv[3] if len(sys.argv) > 3 else 'a long admin passphrase'
FLAGS = 1000
RUNS = 5


def api(method, path, body=None, token=None):
    headers = {'Content-Type': 'application/json'}
    if token:
        headers['Authorization'] = 'Bearer ' + token
    request = urllib.request.Request(BASE + path, method=method, headers=headers,
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


class Chromium:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(('127.0.0.1', 0))
            self.port = probe.getsockname()[1]
        self.driver = subprocess.Popen(['chromedriver', f'--port={self.port}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.profile = tempfile.mkdtemp(prefix='bench-dashboard-')
        time.sleep(1)
        args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--no-first-run', '--window-size=1400,1000',
                f'--user-data-dir={self.profile}', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost']
        session = self.call('POST', '/session', {'capabilities': {'alwaysMatch': {'goog:chromeOptions': {'binary': '/usr/bin/chromium', 'args': args}}}})
        self.session = session['sessionId']

    def call(self, method, path, body=None):
        request = urllib.request.Request(f'http://127.0.0.1:{self.port}{path}', method=method,
                                         headers={'Content-Type': 'application/json'},
                                         data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(request) as response:
            return json.load(response)['value']

    def go(self, url):
        self.call('POST', f'/session/{self.session}/url', {'url': url})

    def script(self, script, *args):
        return self.call('POST', f'/session/{self.session}/execute/sync', {'script': script, 'args': list(args)})

    def wait(self, script):
        return self.call('POST', f'/session/{self.session}/execute/async', {'script': script, 'args': []})

    def close(self):
        try:
            self.call('DELETE', f'/session/{self.session}')
        finally:
            self.driver.terminate()
            shutil.rmtree(self.profile, ignore_errors=True)


def first_load(browser):
    browser.go(BASE + '/')
    browser.script('sessionStorage.clear()')
    browser.go(BASE + '/')
    browser.wait("const done = arguments[0]; (function check() { document.querySelector('form') ? done(true) : setTimeout(check, 10); })();")
    urls = [BASE + '/'] + browser.script("return performance.getEntriesByType('resource').map(e => e.name)")
    total_raw = total_gzip = total_sent = 0
    print(f'{"file":<32} {"bytes":>9} {"gzip":>8} {"as sent":>8}')
    for url in urls:
        request = urllib.request.Request(url, headers={'Accept': 'text/html', 'Accept-Encoding': 'gzip'})
        with urllib.request.urlopen(request) as response:
            sent = response.read()
            body = gzip.decompress(sent) if response.headers.get('Content-Encoding') == 'gzip' else sent
        packed = len(gzip.compress(body, compresslevel=6))
        total_raw += len(body)
        total_gzip += packed
        total_sent += len(sent)
        print(f'{url.replace(BASE, "")[-32:]:<32} {len(body):>9,} {packed:>8,} {len(sent):>8,}')
    print(f'{"first load, " + str(len(urls)) + " responses":<32} {total_raw:>9,} {total_gzip:>8,} {total_sent:>8,}  (target: gzip ≤ 100,000)')


def seed(token):
    have = api('GET', '/flags?limit=1', token=token)['total']
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: api('POST', '/flags', {'key': f'bench-dashboard-{i:04d}', 'tags': [f'team-{i % 7}']}, token),
                      range(have, FLAGS)))


def flag_list(browser, token):
    times = []
    for _ in range(RUNS):
        browser.go(BASE + '/')
        browser.script('sessionStorage.setItem("bunting.token", arguments[0])', token)
        browser.go('about:blank')  # so that the list's navigation loads the page afresh, from the browser's cache
        browser.go(BASE + '/#/flags')
        times.append(browser.wait(
            "const done = arguments[0]; (function check() {"
            " const pager = document.querySelector('.pager');"
            " pager && /\\(%d flags\\)/.test(pager.textContent) && document.querySelectorAll('.matrix tbody tr').length === 50"
            " ? done(performance.now()) : requestAnimationFrame(check); })();" % FLAGS))
    print(f'flag list with {FLAGS} flags usable after (ms since navigation): {", ".join(f"{t:.0f}" for t in times)}; '
          f'median {statistics.median(times):.0f} (target ≤ 500)')


if __name__ == '__main__':
    token = api('POST', '/auth/login', {'email': EMAIL, 'password': PASSWORD})['access_token']
    seed(token)
    browser = Chromium()
    try:
        first_load(browser)
        flag_list(browser, token)
    finally:
        browser.close()
