package dev.ccr.usage;

/** A PostgreSQL JDBC URL as logs may show it: host, port and database, without the user, password or options. */
final class PostgresUrl {
    private PostgresUrl() {
    }

    /** {@code jdbc:postgresql://u:secret@db:5432/ccr?password=secret} reads {@code postgresql://db:5432/ccr}. */
    static String redacted(String url) {
        String rest = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int scheme = rest.indexOf("//");
        int at = rest.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            rest = rest.substring(0, scheme + 2) + rest.substring(at + 1);
        }
        return rest;
    }
}
