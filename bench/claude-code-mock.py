#!/usr/bin/env python3
"""A loopback OpenAI chat-completions provider for bench/claude-code-check.sh.

Answers by looking at the conversation, so Claude Code's whole tool loop runs through ccr's translation:
  - a prompt containing CHECK-BASH:<token> gets a Bash call `echo <token>`, then an answer quoting the tool result;
  - a prompt containing CHECK-READ:<path> gets a Read call on <path>, then an answer quoting the tool result;
  - anything else gets the text "ccr-check-plain-ok".
Answers stream (SSE, usage in a final choices:[] chunk) or come as JSON, as asked. Every request body is saved as
<dir>/NN.json for the script's checks. Prints the port it listens on.
"""
import http.server, itertools, json, os, sys

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
counter = itertools.count()


def text_of(content):
    if isinstance(content, str):
        return content
    return "".join(p.get("text", "") for p in content or [] if isinstance(p, dict))


def decide(body):
    msgs = body.get("messages", [])
    users = " ".join(text_of(m.get("content")) for m in msgs if m.get("role") == "user")
    tool_results = [m for m in msgs if m.get("role") == "tool"]
    if tool_results:
        return "text", "tool said: " + text_of(tool_results[-1].get("content"))
    for word in users.split():
        if word.startswith("CHECK-BASH:"):
            return "tool", ("Bash", {"command": "echo " + word.split(":", 1)[1], "description": "echo a token"})
        if word.startswith("CHECK-READ:"):
            return "tool", ("Read", {"file_path": word.split(":", 1)[1]})
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
