package dev.ccr.script;

import dev.ccr.testing.RunningRouter;

/** Runs a ccr without scripts through a request and exits; {@link NoScriptsTest} watches which classes it loads. */
public final class NoScriptsMain {
    private NoScriptsMain() {
    }

    public static void main(String[] args) {
        try (RunningRouter ccr = RunningRouter.start("""
                {"Providers":[{"name":"p","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k","models":["m"],
                  "transformer":{"use":["maxtoken"]}}], "Router":{"default":"p,m"}}
                """)) {
            int status = ccr.post("/v1/messages", "{\"model\":\"x\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode();
            System.out.println("ccr answered " + status);
        }
        System.exit(0);
    }
}
