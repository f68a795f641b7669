package dev.ccr.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @Test
    void preparesTheServerOnlyWhenThisProcessServes() {
        assertThat(Main.servesHere(List.of("start"))).isTrue();
        assertThat(Main.servesHere(List.of("--profile", "work", "start", "--config", "/tmp/c.json"))).isTrue();
        assertThat(Main.servesHere(List.of("start", "--daemon"))).as("the parent only spawns the server").isFalse();
        assertThat(Main.servesHere(List.of("start", "-d"))).isFalse();
        assertThat(Main.servesHere(List.of("status"))).isFalse();
        assertThat(Main.servesHere(List.of())).isFalse();
    }
}
