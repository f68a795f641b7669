package dev.ccr.pipeline;

import dev.ccr.testing.AnthropicSamples;
import dev.ccr.usage.Usage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UsageTapTest {
    @Test
    void readsUsageFromMessageStartAndMessageDeltaWhateverTheChunking() {
        byte[] stream = AnthropicSamples.STREAM.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int run = 0; run < 50; run++) {
            UsageTap tap = new UsageTap(true);
            for (int off = 0; off < stream.length; ) {
                int n = Math.min(stream.length - off, 1 + random.nextInt(40));
                tap.feed(stream, off, n);
                off += n;
            }
            assertThat(tap.usage()).isEqualTo(new Usage(12, 7, 3, 0));
        }
    }

    @Test
    void readsUsageFromAJsonMessage() {
        byte[] json = AnthropicSamples.MESSAGE.getBytes(StandardCharsets.UTF_8);
        UsageTap tap = new UsageTap(false);
        tap.feed(json, 0, 10);
        tap.feed(json, 10, json.length - 10);
        assertThat(tap.usage()).isEqualTo(new Usage(12, 2, 0, 0));
    }

    @Test
    void learnsNothingFromGarbageAndDoesNotFail() {
        byte[] junk = "event: message_delta\ndata: {not json\n\n<html>".getBytes(StandardCharsets.UTF_8);
        UsageTap stream = new UsageTap(true);
        stream.feed(junk, 0, junk.length);
        assertThat(stream.usage()).isEqualTo(Usage.NONE);
        UsageTap json = new UsageTap(false);
        json.feed(junk, 0, junk.length);
        assertThat(json.usage()).isEqualTo(Usage.NONE);
    }
}
