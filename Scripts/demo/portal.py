#!/usr/bin/env python3
"""A loopback Opendatasoft-like portal for the watch demo: serves the cookie charter in
fr, en and de, picking the language as Django's LocaleMiddleware does (django_language
cookie, then Accept-Language, else fr), in version 1 or 2 (the content of VERSION_FILE).
Serves 127.0.0.1 only; prints its port on stdout and runs until killed."""
import http.server
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION_FILE = sys.argv[1]


class Portal(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if not self.path.startswith("/pages/charte-cookies/"):
            self.send_error(404)
            return
        cookies = dict(part.strip().split("=", 1) for part in self.headers.get("Cookie", "").split(";") if "=" in part)
        asked = cookies.get("django_language") or (self.headers.get("Accept-Language") or "")[:2]
        language = asked if asked in ("fr", "en", "de") else "fr"
        version = open(VERSION_FILE).read().strip() or "1"
        with open(os.path.join(HERE, f"charte-v{version}-{language}.html"), "rb") as page:
            body = page.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Language", language)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Set-Cookie", "csrftoken=demo; Path=/")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
print(server.server_address[1], flush=True)
server.serve_forever()
