package dev.ccr.shared;

/**
 * The Lua scripts that store an entry only when it is newer than the one Redis holds, and publish it in the same
 * atomic step, so no two instances ever interleave a read and a write. Every entry is a JSON object with {@code "at"}
 * (epoch ms, the time its change happened).
 */
final class NewerWins {
    /**
     * KEYS[1] hash; ARGV[1] field, ARGV[2] entry, ARGV[3] channel. Stores and publishes the entry if it is newer than
     * the field's; returns 1 if it did, 0 if Redis kept its own.
     */
    static final String IN_HASH = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current and cjson.decode(current).at >= cjson.decode(ARGV[2]).at then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[2])
            return 1""";

    /**
     * KEYS[1] key; ARGV[1] entry, ARGV[2] time to live in ms, ARGV[3] channel. Stores (with the expiry) and publishes
     * the entry unless the key holds a newer one; returns the entry the key holds afterwards.
     */
    static final String IN_KEY_WITH_EXPIRY = """
            local current = redis.call('GET', KEYS[1])
            if current and cjson.decode(current).at > cjson.decode(ARGV[1]).at then return current end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[1])
            return ARGV[1]""";

    private NewerWins() {
    }
}
