package dev.ccr.testing;

import java.util.ArrayList;
import java.util.List;

/** What a test opened, closed in reverse order when it ends. */
public final class Closer implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Remembers {@code resource} for {@link #close} and returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
        opened.clear();
    }
}
