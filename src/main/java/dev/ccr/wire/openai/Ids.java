package dev.ccr.wire.openai;

import dev.ccr.wire.WireJson;

/** Makes the ids ccr invents for Anthropic objects the provider did not name. */
final class Ids {

    private Ids() {}

    /** A fresh message id; CCR's {@code msg_<epoch ms>} collides under load (P-12), 96 random bits do not. */
    static String messageId() {
        return "msg_" + random96();
    }

    static String toolUseId() {
        return "toolu_" + random96();
    }

    static String serverToolUseId() {
        return "srvtoolu_" + random96();
    }

    private static String random96() {
        return WireJson.random96();
    }
}
