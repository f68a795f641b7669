package dev.ccr.bench;

import dev.ccr.testing.SoakMix;
import dev.ccr.testing.SoakUpstream;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * bench/soak.sh's two halves, each in its own process: {@code upstream <port> <config-file>} serves the soak provider
 * and writes the ccr config for it; {@code mix <router-url> <seconds> <workers>} drives the mixed traffic and prints
 * how many answers of each kind and status it saw.
 */
public final class Soak {
    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "upstream" -> {
                SoakUpstream upstream = SoakUpstream.start(Integer.parseInt(args[1]));
                Files.writeString(Path.of(args[2]), SoakMix.config(upstream));
                Thread.sleep(Long.MAX_VALUE);
            }
            case "mix" -> {
                SoakMix mix = new SoakMix(URI.create(args[1]));
                mix.run(Integer.parseInt(args[3]), Duration.ofSeconds(Long.parseLong(args[2])));
                mix.counts().forEach((kind, count) -> System.out.println(kind + ": " + count));
                mix.wrongAnswers().forEach(answer -> System.out.println("wrong answer: " + answer));
            }
            default -> throw new IllegalArgumentException("upstream <port> <config-file> | mix <router-url> <seconds> <workers>");
        }
    }
}
