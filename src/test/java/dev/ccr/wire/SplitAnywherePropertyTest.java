package dev.ccr.wire;

import static dev.ccr.wire.WireTestKit.resource;
import static dev.ccr.wire.WireTestKit.run;
import static dev.ccr.wire.WireTestKit.wire;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * However the network splits an OpenAI stream of the wire matrix ({@link WireMatrixTest}) — inside a UTF-8 character, between CR and LF, many chunks
 * per read or one byte per read — the client receives exactly the same bytes.
 */
class SplitAnywherePropertyTest {

    /** A recording and the positions where its reads end. */
    record Split(String name, byte[] upstream, int[] cuts) {
        @Override
        public String toString() {
            return name + " cut at " + Arrays.toString(cuts);
        }
    }

    @Provide
    Arbitrary<Split> splits() {
        return Arbitraries.of(WireMatrixTest.openAiStreams()).flatMap(name -> {
            byte[] upstream = resource("wire/" + name + ".sse");
            // Uniform cuts rarely hit the few multi-byte characters or CR LF pairs, so half the cuts aim at them.
            Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, upstream.length);
            Arbitrary<Integer> tricky = Arbitraries.of(trickyPositions(upstream));
            return Arbitraries.oneOf(anywhere, tricky).list().ofMaxSize(120)
                    .map(cuts -> new Split(name, upstream, cuts.stream().mapToInt(Integer::intValue).sorted().toArray()));
        });
    }

    /** Cuts that fall inside a UTF-8 sequence or right after a line-break byte. */
    private static List<Integer> trickyPositions(byte[] b) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 1; i < b.length; i++) {
            boolean continuation = (b[i] & 0xC0) == 0x80;
            if (continuation || b[i - 1] == '\r' || b[i - 1] == '\n') {
                positions.add(i);
            }
        }
        return positions;
    }

    @Property(tries = 500)
    void clientBytesDoNotDependOnWhereTheUpstreamBytesWereSplit(@ForAll("splits") Split split) {
        byte[] client = wire(run(WireMatrixTest::newConverter, split.upstream(), split.cuts()));

        assertThat(new String(client, StandardCharsets.UTF_8))
                .isEqualTo(new String(resource("wire/" + split.name() + ".anthropic.sse"), StandardCharsets.UTF_8));
    }

    @Property(tries = 4)
    void oneBytePerReadGivesTheSameClientBytes(@ForAll("names") String name) {
        byte[] upstream = resource("wire/" + name + ".sse");
        int[] everyByte = IntStream.range(1, upstream.length).toArray();

        byte[] client = wire(run(WireMatrixTest::newConverter, upstream, everyByte));

        assertThat(client).isEqualTo(resource("wire/" + name + ".anthropic.sse"));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(WireMatrixTest.openAiStreams());
    }
}
