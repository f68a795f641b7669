package dev.ccr.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.SoakMix;
import dev.ccr.testing.SoakUpstream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minute of mixed traffic (valid, malformed, over the limit, clients leaving mid-stream, providers failing and
 * resetting) leaves no growth behind: direct buffers, heap after collection, threads and file descriptors are where
 * they were after the warm-up. The ten-minute version with RSS and native memory is {@code bench/soak.sh}.
 */
class ResourceSoakTest {
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration SOAK = Duration.ofSeconds(50);
    private static final int WORKERS = 8;

    @Test
    void aMinuteOfMixedTrafficLeavesNoGrowthBehind() throws Exception {
        // Tens of thousands of expected warnings (failed attempts) would otherwise pile up in the test runner's
        // output channel and show as heap growth of the test JVM.
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        root.setLevel(Level.ERROR);
        try (SoakUpstream upstream = SoakUpstream.start();
             RunningRouter router = RunningRouter.start(SoakMix.config(upstream))) {
            SoakMix mix = new SoakMix(router.uri("/"));
            mix.run(WORKERS, WARM_UP);
            Resources before = Resources.now();

            mix.run(WORKERS, SOAK);
            Thread.sleep(1000); // let cancelled exchanges and timers finish
            Resources after = Resources.now();

            Map<String, Long> counts = mix.counts();
            assertThat(counts).containsKeys("json 200", "stream 200", "malformed 400", "over-limit 413",
                    "provider-500 500", "client-left");
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long ioErrors = counts.entrySet().stream().filter(e -> e.getKey().startsWith("io-error"))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(ioErrors).as("answers lost to I/O errors, of %d: %s", total, counts).isLessThanOrEqualTo(total / 2000);
            // Every answer that arrived is the one its request was owed: no other status, no other request's bytes.
            assertThat(mix.wrongAnswers()).as("wrong answers, of %d: %s", total, counts).isEmpty();

            assertThat(after.directBytes - before.directBytes).as("direct buffer growth, %s → %s", before, after)
                    .isLessThan(16L * 1024 * 1024);
            assertThat(after.heapBytes - before.heapBytes).as("heap growth after GC, %s → %s", before, after)
                    .isLessThan(48L * 1024 * 1024);
            assertThat(after.threads - before.threads).as("thread growth, %s → %s", before, after).isLessThan(16);
            assertThat(after.fds - before.fds).as("file descriptor growth, %s → %s", before, after).isLessThan(32);
        } finally {
            root.setLevel(level);
        }
    }

    private record Resources(long directBytes, long heapBytes, int threads, long fds) {
        static Resources now() {
            System.gc();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long fds = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                    ? unix.getOpenFileDescriptorCount() : 0;
            return new Resources(direct, heap, threads, fds);
        }
    }
}
