package dev.ccr.testing;

import mockwebserver3.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/** Test upstreams bound to loopback. */
public final class Upstreams {
    private Upstreams() {
    }

    /** A started MockWebServer on 127.0.0.1. */
    public static MockWebServer mock() {
        MockWebServer server = new MockWebServer();
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** The URL of {@code path} on {@code server}, spelled with 127.0.0.1. */
    public static String url(MockWebServer server, String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    /** The config of the docs/ccr-checklist.md set-up, with the provider at {@code baseUrl}. */
    public static String standardConfig(String baseUrl) {
        return """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"]}],
                 "Router":{"default":"p,m"}}
                """.formatted(baseUrl);
    }
}
