#!/usr/bin/env python3
"""A client for @mcpwire/bindings-rest using only Python's standard library.

    python3 rest_client.py http://127.0.0.1:8787 [--key KEY] [--server everything]

Lists the tools, calls one, reads a resource and streams a long call with its progress.
Set MCPWIRE_API_KEY instead of --key to keep the key out of the process list.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


class RestError(Exception):
    """An error answer: the problem+json body, with its stable `code`."""

    def __init__(self, problem):
        super().__init__(f"{problem.get('status')} {problem.get('code')}: {problem.get('detail')}")
        self.problem = problem
        self.code = problem.get("code")


class McpRest:
    def __init__(self, base_url, key=None, timeout=60):
        self.base = base_url.rstrip("/")
        self.key = key
        self.timeout = timeout

    def _request(self, method, path, body=None, accept="application/json"):
        headers = {"Accept": accept}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            return urllib.request.urlopen(req, timeout=self.timeout)
        except urllib.error.HTTPError as err:
            raise RestError(json.loads(err.read() or b"{}")) from None

    def _json(self, method, path, body=None):
        with self._request(method, path, body) as res:
            return json.loads(res.read())

    @staticmethod
    def _q(name):
        return urllib.parse.quote(name, safe="")

    def servers(self):
        return self._json("GET", "/v1/servers")["servers"]

    def list_tools(self, server):
        return self._json("GET", f"/v1/servers/{self._q(server)}/tools")["tools"]

    def call_tool(self, server, tool, arguments=None):
        """Returns {content, structuredContent, data, isError}; isError is a normal answer."""
        return self._json("POST", f"/v1/servers/{self._q(server)}/tools/{self._q(tool)}", arguments or {})

    def read_resource(self, server, uri):
        path = f"/v1/servers/{self._q(server)}/resources/read?uri={self._q(uri)}"
        return self._json("GET", path)["contents"]

    def stream_tool(self, server, tool, arguments=None):
        """Yields (event, data) pairs: progress and log events, then result or error."""
        path = f"/v1/servers/{self._q(server)}/tools/{self._q(tool)}"
        with self._request("POST", path, arguments or {}, accept="text/event-stream") as res:
            event, data = None, []
            for raw in res:
                line = raw.decode("utf-8").rstrip("\r\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and event:
                    yield event, json.loads("\n".join(data))
                    if event in ("result", "error"):
                        return
                    event, data = None, []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("--key", default=os.environ.get("MCPWIRE_API_KEY"))
    parser.add_argument("--server", default="everything")
    parser.add_argument("--tool", default="get-sum")
    parser.add_argument("--args", default='{"a": 2, "b": 3}')
    parser.add_argument("--stream-tool", default="trigger-long-running-operation")
    parser.add_argument("--stream-args", default='{"duration": 2, "steps": 4}')
    opts = parser.parse_args()

    api = McpRest(opts.base_url, opts.key)
    tools = api.list_tools(opts.server)
    print(json.dumps({"tools": [t["name"] for t in tools]}))

    result = api.call_tool(opts.server, opts.tool, json.loads(opts.args))
    print(json.dumps({"call": result}))

    resources = api._json("GET", f"/v1/servers/{api._q(opts.server)}/resources")["resources"]
    if resources:
        contents = api.read_resource(opts.server, resources[0]["uri"])
        print(json.dumps({"read": contents[0]}))

    for event, data in api.stream_tool(opts.server, opts.stream_tool, json.loads(opts.stream_args)):
        print(json.dumps({"event": event, "data": data}))
        sys.stdout.flush()

    try:
        api.call_tool(opts.server, "no-such-tool")
    except RestError as err:
        print(json.dumps({"error": err.code}))


if __name__ == "__main__":
    main()
