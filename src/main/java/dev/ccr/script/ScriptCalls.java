package dev.ccr.script;

import java.time.Duration;

/**
 * Told how long each call into JavaScript took: the custom router per request, a plugin's request and response halves.
 * Calls never block and never throw (metrics listen here).
 */
@FunctionalInterface
public interface ScriptCalls {
    ScriptCalls NONE = (script, hook, took, ok) -> {
    };

    /**
     * @param script the custom router's file name or the plugin's name
     * @param hook   {@code router}, {@code transformRequestIn} or {@code transformResponseOut}
     * @param ok     false when the call threw, timed out or was interrupted
     */
    void called(String script, String hook, Duration took, boolean ok);
}
