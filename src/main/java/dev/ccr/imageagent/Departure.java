package dev.ccr.imageagent;

import dev.ccr.client.ClientRequest;

/**
 * Whether the client has left, watched once for all the agent's calls: a connection keeps one disconnect action, so
 * each call's pipeline registers here and the latest one runs when the client goes.
 */
final class Departure {
    private Runnable current = () -> { };
    private boolean left;

    Departure(ClientRequest client) {
        client.onDisconnect(this::leave);
    }

    synchronized void onLeave(Runnable action) {
        if (left) {
            action.run();
        } else {
            current = action;
        }
    }

    synchronized boolean left() {
        return left;
    }

    private void leave() {
        Runnable action;
        synchronized (this) {
            left = true;
            action = current;
        }
        action.run();
    }
}
