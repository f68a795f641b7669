package dev.ccr.usage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Usage records for tests: a success or an error with the given route and tokens, everything else plain. */
final class UsageRecords {
    private UsageRecords() {
    }

    static UsageRecord record(Instant at, String provider, String model, String scenario, UsageRecord.Status status,
                              long in, long out) {
        boolean success = status == UsageRecord.Status.SUCCESS;
        OptionalLong ttft = success ? OptionalLong.of(200) : OptionalLong.empty();
        return new UsageRecord(UsageRecord.newId(at, new java.util.Random(at.toEpochMilli())), at, Optional.of("s1"),
                Optional.empty(), ClientType.CLAUDE_CODE, provider, model, "claude-sonnet", scenario, Optional.of("default"),
                false, new Usage(in, out, 5, 1), ttft, UsageRecord.tokensPerSecond(out, 2200, ttft), 2200, status,
                success ? 200 : 500, success ? Optional.empty() : Optional.of("api_error"),
                success ? Optional.empty() : Optional.of("500 boom"),
                success ? List.of() : List.of(AttemptNote.failed("z", "y", 529, "overloaded_error", "busy"),
                        AttemptNote.skipped("w", "v", "circuit open")));
    }
}
