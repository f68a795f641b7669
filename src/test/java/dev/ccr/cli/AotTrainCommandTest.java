package dev.ccr.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's training runs must answer every request they send, or the cache they record misses that path. */
class AotTrainCommandTest {
    @Test
    void trainingWithoutScriptsAnswersEveryRequest() {
        try (CliTestHome home = CliTestHome.create()) {
            CliTestHome.Result result = home.run("aot-train", "--rounds", "2");
            assertThat(result.code()).as(result.toString()).isZero();
        }
    }

    @Test
    void trainingWithScriptsRunsTheCustomRouterAndThePluginOnBothAnswerKinds() {
        try (CliTestHome home = CliTestHome.create()) {
            CliTestHome.Result result = home.run("aot-train", "--scripts", "--rounds", "2");
            assertThat(result.code()).as(result.toString()).isZero();
        }
    }
}
