package dev.ccr.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Immutable HTTP headers in sending order, looked up and replaced ignoring the case of names. */
public record HeaderList(List<Map.Entry<String, String>> entries) {
    public static final HeaderList EMPTY = new HeaderList(List.of());

    public HeaderList {
        entries = List.copyOf(entries);
    }

    public Optional<String> get(String name) {
        return entries.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** These headers with every {@code name} header replaced by one with {@code value}. */
    public HeaderList with(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(without(name).entries);
        copy.add(Map.entry(name, value));
        return new HeaderList(copy);
    }

    public HeaderList without(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return new HeaderList(entries.stream().filter(e -> !e.getKey().toLowerCase(Locale.ROOT).equals(lower)).toList());
    }
}
