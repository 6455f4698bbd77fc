#!/usr/bin/env python3
"""A client for @mcpwire/bindings-rest using only Python's standard library.

    python3 rest_client.py http://127.0.0.1:8787 [--key KEY] [--server everything]

Lists the tools, calls one (whole result, a tool error, ?view=data), reads a resource, gets a
prompt, completes an argument, streams a long call with its progress, runs a tool as a task (202,
poll, result) and cancels another. Prints one JSON line per step.
Set MCPWIRE_API_KEY instead of --key to keep the key out of the process list.
"""
import argparse
import json
import os
import sys
import time
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

    def _request(self, method, path, body=None, accept="application/json", headers=None):
        headers = {"Accept": accept, **(headers or {})}
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

    def _json(self, method, path, body=None, headers=None):
        with self._request(method, path, body, headers=headers) as res:
            return json.loads(res.read())

    def _answer(self, method, path, body=None, headers=None):
        """(status, headers, JSON body) of an answer that may be a 202."""
        with self._request(method, path, body, headers=headers) as res:
            return res.status, res.headers, json.loads(res.read())

    @staticmethod
    def _q(name):
        return urllib.parse.quote(name, safe="")

    def servers(self):
        return self._json("GET", "/v1/servers")["servers"]

    def list_tools(self, server):
        return self._json("GET", f"/v1/servers/{self._q(server)}/tools")["tools"]

    def call_tool(self, server, tool, arguments=None, view=None):
        """Returns {content, structuredContent, data, isError}; isError is a normal answer.
        With view="data", only the result's data."""
        path = f"/v1/servers/{self._q(server)}/tools/{self._q(tool)}"
        return self._json("POST", path + ("?view=data" if view == "data" else ""), arguments or {})

    def list_resources(self, server):
        return self._json("GET", f"/v1/servers/{self._q(server)}/resources")["resources"]

    def read_resource(self, server, uri):
        path = f"/v1/servers/{self._q(server)}/resources/read?uri={self._q(uri)}"
        return self._json("GET", path)["contents"]

    def list_prompts(self, server):
        return self._json("GET", f"/v1/servers/{self._q(server)}/prompts")["prompts"]

    def get_prompt(self, server, prompt, arguments=None):
        """Returns {description?, messages}."""
        return self._json("POST", f"/v1/servers/{self._q(server)}/prompts/{self._q(prompt)}", arguments or {})

    def complete(self, server, prompt, argument, value, others=None):
        """The completion values of a prompt's argument."""
        body = {"ref": {"type": "ref/prompt", "name": prompt}, "argument": {"name": argument, "value": value}}
        if others:
            body["context"] = {"arguments": others}
        return self._json("POST", f"/v1/servers/{self._q(server)}/complete", body)["completion"]

    def start_task(self, server, tool, arguments=None):
        """Starts a call as a task (a job): returns (task, location)."""
        path = f"/v1/servers/{self._q(server)}/tools/{self._q(tool)}?mode=task"
        status, headers, task = self._answer("POST", path, arguments or {})
        if status != 202:
            raise RuntimeError(f"expected 202, got {status}")
        return task, headers["Location"]

    def task_status(self, location):
        return self._json("GET", location)

    def task_result(self, location, wait=20, deadline=300):
        """Waits for the task's end (long-polling with Prefer: wait) and returns its result, as
        call_tool would; a cancelled task raises RestError (task_cancelled)."""
        end = time.monotonic() + deadline
        while True:
            status, _, body = self._answer("GET", location + "/result", headers={"Prefer": f"wait={wait}"})
            if status == 200 or time.monotonic() > end:
                return body
            # 202: not ended yet; the long poll already waited, so ask again at once

    def cancel_task(self, location):
        return self._json("DELETE", location)

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
    parser.add_argument("--error-tool", help="a tool that answers isError, called with {}")
    parser.add_argument("--data-tool", default="get-structured-content")
    parser.add_argument("--data-args", default='{"location": "Chicago"}')
    parser.add_argument("--prompt", default="args-prompt")
    parser.add_argument("--prompt-args", default='{"city": "Paris"}')
    parser.add_argument("--complete-prompt", default="completable-prompt")
    parser.add_argument("--complete-arg", default="department")
    parser.add_argument("--complete-value", default="E")
    parser.add_argument("--task-server", help="the server of the task tools (default: --server)")
    parser.add_argument("--task-tool", default="simulate-research-query")
    parser.add_argument("--task-args", default='{"topic": "tides"}')
    parser.add_argument("--cancel-tool", help="the tool run as a task then cancelled (default: --task-tool)")
    parser.add_argument("--cancel-args", help="its arguments (default: --task-args)")
    opts = parser.parse_args()

    api = McpRest(opts.base_url, opts.key)
    tools = api.list_tools(opts.server)
    print(json.dumps({"tools": [t["name"] for t in tools]}))

    result = api.call_tool(opts.server, opts.tool, json.loads(opts.args))
    print(json.dumps({"call": result}))

    if opts.error_tool:
        print(json.dumps({"toolError": api.call_tool(opts.server, opts.error_tool)}))

    data = api.call_tool(opts.server, opts.data_tool, json.loads(opts.data_args), view="data")
    print(json.dumps({"data": data}))

    resources = api.list_resources(opts.server)
    if resources:
        contents = api.read_resource(opts.server, resources[0]["uri"])
        print(json.dumps({"read": contents[0]}))

    print(json.dumps({"prompts": [p["name"] for p in api.list_prompts(opts.server)]}))
    prompt = api.get_prompt(opts.server, opts.prompt, json.loads(opts.prompt_args))
    print(json.dumps({"prompt": prompt["messages"]}))
    completion = api.complete(opts.server, opts.complete_prompt, opts.complete_arg, opts.complete_value)
    print(json.dumps({"completion": completion["values"]}))

    for event, data in api.stream_tool(opts.server, opts.stream_tool, json.loads(opts.stream_args)):
        print(json.dumps({"event": event, "data": data}))
        sys.stdout.flush()

    task_server = opts.task_server or opts.server
    task, location = api.start_task(task_server, opts.task_tool, json.loads(opts.task_args))
    print(json.dumps({"task": task, "location": location}))
    print(json.dumps({"taskStatus": api.task_status(location)["status"]}))
    print(json.dumps({"taskResult": api.task_result(location)}))

    cancel_args = json.loads(opts.cancel_args or opts.task_args)
    _, other = api.start_task(task_server, opts.cancel_tool or opts.task_tool, cancel_args)
    print(json.dumps({"cancelled": api.cancel_task(other)["status"]}))
    try:
        api.task_result(other)
    except RestError as err:
        print(json.dumps({"cancelledResult": err.code}))

    try:
        api.call_tool(opts.server, "no-such-tool")
    except RestError as err:
        print(json.dumps({"error": err.code}))


if __name__ == "__main__":
    main()
