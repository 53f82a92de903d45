#!/usr/bin/env python3
"""A webhook receiver for the chaos scripts: appends each POSTed JSON body as one line to a file, answers 200.

Usage: alert-receiver.py PORT OUTPUT.ndjson   (binds 127.0.0.1 only)
"""
import http.server
import sys

port, output = int(sys.argv[1]), sys.argv[2]


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(output, "ab") as f:
            f.write(body.replace(b"\n", b" ") + b"\n")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
