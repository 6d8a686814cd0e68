"""A small client for the Chaintrail HTTP API, Python standard library only.

The notebooks share it so that each shows its analysis, not its plumbing. The server comes from
the environment: CHAINTRAIL_URL (default http://127.0.0.1:8080, where `./chaintrail demo` serves)
and CHAINTRAIL_KEY, an API key sent as a Bearer token (none is needed by the keyless demo).
"""

import json
import os
import urllib.error
import urllib.parse
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8080"


class ApiError(Exception):
    """An answer of 4xx or 5xx, carrying the server's problem details (RFC 9457)."""

    def __init__(self, method, path, status, problem):
        self.status = status
        self.problem = problem
        detail = problem.get("detail") or problem.get("title") or "no detail"
        field = f" (field {problem['field']})" if problem.get("field") else ""
        super().__init__(f"{method} {path} answered {status}: {detail}{field}")


class Api:
    """Requests to one Chaintrail server; answers are parsed JSON (amounts stay decimal strings)."""

    def __init__(self, url=None, key=None, timeout=120):
        self.url = (url or os.environ.get("CHAINTRAIL_URL") or DEFAULT_URL).rstrip("/")
        self.key = key if key is not None else (os.environ.get("CHAINTRAIL_KEY") or None)
        self.timeout = timeout

    def get(self, path, **query):
        """GET a JSON answer; keyword arguments become the query string."""
        return json.loads(self.get_bytes(path, **query))

    def post(self, path, body):
        """POST a JSON body and return the JSON answer."""
        return json.loads(self.send("POST", path, json.dumps(body).encode("utf-8")))

    def get_bytes(self, path, **query):
        """GET an answer as the bytes sent (a report, an export whose SHA-256 matters)."""
        if query:
            path += "?" + urllib.parse.urlencode(query)
        return self.send("GET", path, None)

    def send(self, method, path, body):
        headers = {"Accept": "application/json, application/problem+json, */*"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self.key:
            headers["Authorization"] = "Bearer " + self.key
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return answer.read()
        except urllib.error.HTTPError as e:
            text = e.read().decode("utf-8", "replace")
            try:
                problem = json.loads(text)
            except ValueError:
                problem = {"detail": text.strip() or e.reason}
            raise ApiError(method, path, e.code, problem) from None
        except urllib.error.URLError as e:
            raise ConnectionError(f"cannot reach Chaintrail at {self.url} ({e.reason}): start it with "
                                  "`./chaintrail demo`, or set CHAINTRAIL_URL to where it serves") from None


def path_of(*segments):
    """A path from segments, each percent-encoded: `path_of("addresses", chain, address)`."""
    return "/api/v1/" + "/".join(urllib.parse.quote(str(s), safe="") for s in segments)


def table(headers, rows, right=()):
    """Rows as an aligned text table, columns named in `right` aligned right (amounts)."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [v.rjust(w) if headers[i] in right else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
