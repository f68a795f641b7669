package dev.ccr.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;

/**
 * Serves the web UI's static files from the jar ({@code ccr/ui/} on the class path) under {@code /ui/}: Undertow's
 * resource handler gives the content types, {@code Last-Modified} and 304s; every answer says
 * {@code no-cache} so a browser revalidates and a new ccr version's pages are seen at once.
 */
final class UiFiles {
    static final String PREFIX = "/ui";
    /** The pages only load their own scripts and styles and talk to their own origin. */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final ResourceHandler files;

    UiFiles() {
        this.files = new ResourceHandler(new ClassPathResourceManager(UiFiles.class.getClassLoader(), "ccr/ui"))
                .setWelcomeFiles("index.html")
                .setDirectoryListingEnabled(false);
    }

    /** {@code /ui} without its slash: redirects so the pages' relative links resolve under {@code /ui/}. */
    HttpHandler redirect() {
        return exchange -> {
            exchange.setStatusCode(StatusCodes.FOUND);
            exchange.getResponseHeaders().put(Headers.LOCATION, PREFIX + "/");
        };
    }

    HttpHandler serve() {
        return this::serve;
    }

    private void serve(HttpServerExchange exchange) throws Exception {
        exchange.setRelativePath(exchange.getRequestPath().substring(PREFIX.length()));
        exchange.getResponseHeaders()
                .put(Headers.CACHE_CONTROL, "no-cache")
                .put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff")
                .put(HttpString.tryFromString("Content-Security-Policy"), POLICY)
                .put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        files.handleRequest(exchange);
    }
}
