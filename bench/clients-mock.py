#!/usr/bin/env python3
"""A loopback OpenAI chat-completions provider for bench/clients-check.sh (Codex, Gemini CLI, OpenCode through ccr).

Answers by looking at the conversation, so each client's tool loop runs through ccr's translation:
  - a user message containing CHECK-SHELL:<token> gets one call of the client's shell tool, found among the tools
    offered (Codex's shell/shell_command/exec_command, Gemini CLI's run_shell_command, OpenCode's bash), running
    `echo <token>`; its arguments follow the tool's schema (a string or an argv array, `command` or `cmd`);
  - once a tool result is in the conversation, the answer quotes it: "tool said: <result>";
  - a request asking for structured output (response_format json_schema) gets a value that fits the schema;
  - anything else gets the text "ccr-check-plain-ok".
Answers stream (SSE, usage in a final choices:[] chunk) or come as JSON, as asked. Every request body is saved as
<dir>/NN.json for the script's checks. Prints the port it listens on.
"""
import http.server, itertools, json, os, sys

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
counter = itertools.count()
SHELL_TOOLS = ["shell", "shell_command", "exec_command", "local_shell", "run_shell_command", "bash", "Bash"]


def text_of(content):
    if isinstance(content, str):
        return content
    return "\n".join(p.get("text", "") for p in content or [] if isinstance(p, dict))


def shell_call(tools, command):
    by_name = {t.get("function", {}).get("name"): t.get("function", {}) for t in tools or []}
    for name in SHELL_TOOLS:
        if name in by_name:
            props = (by_name[name].get("parameters") or {}).get("properties") or {}
            key = "cmd" if "cmd" in props else "command"
            value = ["bash", "-lc", command] if props.get(key, {}).get("type") == "array" else command
            args = {key: value}
            if "description" in props:
                args["description"] = "echo a token"
            return name, args
    return None


def sample(schema):
    """A value that fits a JSON schema, for structured-output calls (Gemini CLI's model classifier asks for one)."""
    kind = schema.get("type")
    kind = kind.lower() if isinstance(kind, str) else kind
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object":
        return {k: sample(v) for k, v in (schema.get("properties") or {}).items()}
    if kind == "array":
        return []
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    return "x"


def decide(body):
    msgs = body.get("messages", [])
    users = " ".join(text_of(m.get("content")) for m in msgs if m.get("role") == "user")
    tool_results = [m for m in msgs if m.get("role") == "tool"]
    if tool_results:
        return "text", "tool said: " + " ".join(text_of(tool_results[-1].get("content")).split())
    schema = (body.get("response_format") or {}).get("json_schema", {}).get("schema")
    if schema:
        return "text", json.dumps(sample(schema))
    for word in users.split():
        if word.startswith("CHECK-SHELL:"):
            call = shell_call(body.get("tools"), "echo " + word.split(":", 1)[1].strip(".\"'"))
            if call:
                return "tool", call
            return "text", "no shell tool offered: " + ",".join(
                t.get("function", {}).get("name", "?") for t in body.get("tools") or [])
    return "text", "ccr-check-plain-ok"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        n = next(counter)
        with open(os.path.join(OUT, "%02d.json" % n), "wb") as f:
            f.write(raw)
        body = json.loads(raw)
        kind, what = decide(body)
        usage = {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}
        if kind == "tool":
            call = {"index": 0, "id": "call_%d" % n, "type": "function",
                    "function": {"name": what[0], "arguments": json.dumps(what[1])}}
            delta, finish = {"role": "assistant", "tool_calls": [call]}, "tool_calls"
            message = {"role": "assistant", "content": None, "tool_calls": [{k: v for k, v in call.items() if k != "index"}]}
        else:
            delta, finish = {"role": "assistant", "content": what}, "stop"
            message = {"role": "assistant", "content": what}
        if body.get("stream"):
            chunks = [{"id": "c", "model": body.get("model"), "choices": [{"index": 0, "delta": delta}]},
                      {"id": "c", "model": body.get("model"), "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]},
                      {"id": "c", "model": body.get("model"), "choices": [], "usage": usage}]
            out = "".join("data: %s\n\n" % json.dumps(c) for c in chunks) + "data: [DONE]\n\n"
            self.reply("text/event-stream", out.encode())
        else:
            out = {"id": "c", "model": body.get("model"), "usage": usage,
                   "choices": [{"index": 0, "message": message, "finish_reason": finish}]}
            self.reply("application/json", json.dumps(out).encode())

    def reply(self, content_type, data):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
