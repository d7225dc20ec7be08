#!/usr/bin/env python3
"""Fault injection for `charter watch`, end to end over a loopback server.

Round by round, every source of one configuration misbehaves in its own way (refused
connection, reset mid-body, truncated body, 429/500/503 with Retry-After, a server slower
than the timeout, a redirect loop, an empty 200, a maintenance page, a language
fallback), then the disk fills up while a new version is written (`ulimit -f`), then 100
rounds are killed with SIGKILL at random moments, then two watches start together. After
each step: no version that is not a real page, no version lost, `PRAGMA integrity_check`
ok, and a clean round picks up where the last one left off.

    Scripts/fault-watch.py CHARTER_BINARY
Prints one line per step and exits 1 if any check fails."""
import http.server
import os
import random
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

BINARY = sys.argv[1]
DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo")
PAGES = {(v, l): open(os.path.join(DEMO, f"charte-v{v}-{l}.html"), "rb").read() for v in (1, 2) for l in ("fr", "en")}
state = {"mode": "healthy", "version": 1, "hits": {}}
lock = threading.Lock()
FAULTS = ["reset", "truncated", "429", "500", "503", "slow", "loop", "empty", "maintenance", "fallback"]


class Site(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def page(self, language):
        return PAGES[(state["version"], language)]

    def send_page(self, body, language="fr", status=200, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Language", language)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        fault = self.path.strip("/").split("/")[0].split("?")[0]
        cookies = dict(p.strip().split("=", 1) for p in self.headers.get("Cookie", "").split(";") if "=" in p)
        language = cookies.get("django_language", "fr")
        with lock:
            hits = state["hits"][fault] = state["hits"].get(fault, 0) + 1
        if state["mode"] == "healthy" or fault == "good":
            return self.send_page(self.page(language), language)
        body = self.page(language)
        if fault == "reset":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            # SO_LINGER 0 then close: the kernel sends RST, a connection reset mid-body.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            os.close(self.connection.detach())
            self.close_connection = True
        elif fault == "truncated":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) * 2))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
        elif fault in ("429", "503"):
            # Every other request is throttled: the retry after Retry-After succeeds.
            if hits % 2 == 1:
                self.send_page(b"busy", status=int(fault), extra=[("Retry-After", "1")])
            else:
                self.send_page(body, language)
        elif fault == "500":
            self.send_page(b"<h1>Internal Server Error</h1>", status=500)
        elif fault == "slow":
            time.sleep(6)
            self.send_page(body, language)
        elif fault == "loop":
            self.send_response(302)
            self.send_header("Location", "/loop/again" if not self.path.endswith("again") else "/loop/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif fault == "empty":
            self.send_page(b"")
        elif fault == "maintenance":
            self.send_page(b"<html><body><h1>Maintenance</h1><p>We'll be back soon.</p></body></html>")
        elif fault == "fallback":
            self.send_page(PAGES[(state["version"], "fr")], "fr")

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # clients killed mid-response are the point of this script


server = Server(("127.0.0.1", 0), Site)
threading.Thread(target=server.serve_forever, daemon=True).start()
port = server.server_address[1]
closed = socket.socket()
closed.bind(("127.0.0.1", 0))
refused_port = closed.getsockname()[1]
closed.close()  # nothing listens there: connection refused

work = tempfile.mkdtemp(prefix="charter-faults-")
db = os.path.join(work, "charter.sqlite")
config = os.path.join(work, "charter.yml")
with open(config, "w") as f:
    f.write("timeout: 3\nconcurrency: 8\nper_host: 8\nbroken_after: 50\nsources:\n")
    f.write(f"  - id: refused\n    url: http://127.0.0.1:{refused_port}/\n    languages: [fr]\n")
    for fault in FAULTS + ["good"]:
        languages = "[fr, en]" if fault == "fallback" else "[fr]"
        f.write(f"  - id: {fault}\n    url: http://127.0.0.1:{port}/{fault}/\n    languages: {languages}\n")

failures = []


def watch(limit_bytes=None, check=True):
    def limit():
        if limit_bytes:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    done = subprocess.run([BINARY, "watch", "--config", config, "--db", db], capture_output=True, text=True, preexec_fn=limit, timeout=300)
    return done


def store():
    with sqlite3.connect(db) as c:
        integrity = c.execute("PRAGMA integrity_check").fetchone()[0]
        versions = c.execute("SELECT sourceId, language, charter FROM version ORDER BY id").fetchall()
    # A real page: the version decodes and declares cookies.
    import json
    unreal = [(s, l) for s, l, text in versions if not json.loads(text).get("cookies")]
    return integrity, len(versions), unreal


def expect(step, condition, detail=""):
    print(f"{'ok  ' if condition else 'FAIL'} {step}{': ' + detail if detail else ''}", flush=True)
    if not condition:
        failures.append(step)


# 1. A healthy round: one version per source and language.
first = watch()
integrity, count, unreal = store()
expected = len(FAULTS) + 2 + 1  # every fault source, good, refused fails; fallback has 2 languages
expect("healthy round stores a first version of every reachable page", count == expected - 1, f"{count} versions, exit {first.returncode}")

# 2. Every fault at once, on a new version of the pages: nothing but real pages stored.
state["mode"], state["version"] = "faults", 2
faulty = watch()
integrity, after_faults, unreal = store()
new_versions = after_faults - count
# Only good, 429 and 503 (retried after Retry-After) and fallback@fr may store version 2.
expect("faults store no version that is not a real page", not unreal and new_versions <= 4, f"{new_versions} new versions, exit {faulty.returncode}")
for fault in ("429", "503"):
    expect(f"{fault} with Retry-After is retried and succeeds", f"{fault}@fr: new-version" in faulty.stdout, "")
for fault in ["refused"] + [f for f in FAULTS if f not in ("429", "503")]:
    check = f"{fault}@en" if fault == "fallback" else f"{fault}@fr"
    line = next((l for l in faulty.stdout.splitlines() if l.startswith(check + ":")), "")
    expect(f"{fault} is a failed check", ": failed" in line, line.strip())
expect("integrity_check after the faults", integrity == "ok", integrity)

# 3. The disk fills while new versions are written.
state["mode"] = "healthy"
# Writes past 8 KiB in any file fail with EFBIG: the WAL and the database alike.
full = watch(limit_bytes=8192)
integrity, after_full, unreal = store()
expect("a full disk is a clear error, not a crash", full.returncode in (1, 2) and full.returncode != -signal.SIGXFSZ, f"exit {full.returncode}: {full.stderr.strip()[:160]}")
expect("a full disk loses nothing", integrity == "ok" and after_full >= after_faults and not unreal, f"{after_full} versions, integrity {integrity}")

# 4. A clean round picks up: every source back to a version 2.
clean = watch()
integrity, after_clean, unreal = store()
expect("the next clean round picks up", clean.returncode in (0, 1, 3) and integrity == "ok" and not unreal, f"exit {clean.returncode}, {after_clean} versions")

# 5. 100 rounds killed with SIGKILL at random moments, the pages changing under them.
random.seed(8)
for i in range(100):
    state["version"] = 1 + i % 2
    process = subprocess.Popen([BINARY, "watch", "--config", config, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0, 0.6))
    process.send_signal(signal.SIGKILL)
    process.wait()
integrity, after_kills, unreal = store()
expect("100 SIGKILLs: integrity_check ok, only real pages", integrity == "ok" and not unreal, f"{after_kills} versions")
expect("100 SIGKILLs: no version lost", after_kills >= after_clean)
state["version"] = 2
clean = watch()
integrity, final, unreal = store()
expect("after the kills, a clean round picks up", clean.returncode in (0, 1, 3) and integrity == "ok", f"exit {clean.returncode}")

# 6. Two watches started together on one store.
a = subprocess.Popen([BINARY, "watch", "--config", config, "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
b = subprocess.Popen([BINARY, "watch", "--config", config, "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
(_, ea), (_, eb) = a.communicate(), b.communicate()
integrity, together, unreal = store()
locked = [e for e in (ea, eb) if "another charter watch is running" in e]
expect("two watches at once: one runs, the other refuses", len(locked) == 1, f"exits {a.returncode}, {b.returncode}")
expect("two watches at once: nothing duplicated or corrupted", integrity == "ok" and together == final and not unreal, f"{together} versions")

server.shutdown()
import shutil
shutil.rmtree(work, ignore_errors=True)
print(f"{len(failures)} failed" if failures else "all fault checks passed")
sys.exit(1 if failures else 0)
