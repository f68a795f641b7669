package dev.ccr.script;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** JS is an extension, never the hot path by default: a ccr with no script configured loads no GraalJS class at all. */
class NoScriptsTest {
    @Test
    void aCcrWithoutScriptsNeverLoadsGraalJs() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-verbose:class", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"), NoScriptsMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("ccr answered 502").contains("dev.ccr.routing.Router");
        assertThat(output.lines().filter(line -> line.contains("org.graalvm") || line.contains("com.oracle.truffle")))
                .as("GraalJS classes loaded").isEmpty();
    }
}
