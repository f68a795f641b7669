package dev.ccr.server;

import io.undertow.io.BlockingReceiverImpl;
import io.undertow.io.BlockingSenderImpl;
import io.undertow.io.Receiver;
import io.undertow.io.Sender;
import io.undertow.io.UndertowInputStream;
import io.undertow.io.UndertowOutputStream;
import io.undertow.server.BlockingHttpExchange;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Undertow's blocking streams, each call made inside a {@link DeferredReleasePool#defer() deferral}, so that a call
 * which ends in the connection's close cannot have the buffers it is still using handed to another connection.
 * {@link #end} does the same for ending an exchange. Installed by {@link Dispatch} for every request.
 */
final class SafeBlockingExchange implements BlockingHttpExchange {
    private final HttpServerExchange exchange;
    private InputStream in;
    private OutputStream out;
    private Sender sender;

    SafeBlockingExchange(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    /** Ends {@code exchange} with its buffers' releases deferred until it has. */
    static void end(HttpServerExchange exchange) {
        try (DeferredReleasePool.Deferral deferral = DeferredReleasePool.defer()) {
            exchange.endExchange();
        }
    }

    @Override
    public InputStream getInputStream() {
        if (in == null) {
            in = new In(new UndertowInputStream(exchange));
        }
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        if (out == null) {
            out = new Out(new UndertowOutputStream(exchange));
        }
        return out;
    }

    @Override
    public Sender getSender() {
        if (sender == null) {
            sender = new BlockingSenderImpl(exchange, getOutputStream());
        }
        return sender;
    }

    @Override
    public Receiver getReceiver() {
        return new BlockingReceiverImpl(exchange, getInputStream());
    }

    /** As Undertow's own: a request or answer left unfinished is finished (drained, or ended) here. */
    @Override
    public void close() throws IOException {
        try {
            if (in != null || !exchange.isRequestComplete()) {
                getInputStream().close();
            }
        } finally {
            if (out != null || !exchange.isResponseComplete()) {
                getOutputStream().close();
            }
        }
    }

    private static final class Out extends OutputStream {
        private final UndertowOutputStream out;

        Out(UndertowOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            try (DeferredReleasePool.Deferral deferral = DeferredReleasePool.defer()) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try (DeferredReleasePool.Deferral deferral = DeferredReleasePool.defer()) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            try (DeferredReleasePool.Deferral deferral = DeferredReleasePool.defer()) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            try (DeferredReleasePool.Deferral deferral = DeferredReleasePool.defer()) {
                out.close();
            }
        }
    }

    private static final class In extends InputStream {
        private final UndertowInputStream in;

        In(UndertowInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            try (DeferredReleasePool.Deferral deferral = DeferredReleasePool.defer()) {
                return in.read();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try (DeferredReleasePool.Deferral deferral = DeferredReleasePool.defer()) {
                return in.read(b, off, len);
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            try (DeferredReleasePool.Deferral deferral = DeferredReleasePool.defer()) {
                in.close();
            }
        }
    }
}
