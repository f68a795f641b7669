package dev.ccr.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CcrHomeTest {
    @Test
    void theUsersHomeFollowsHomeLikeNodesHomedir() {
        assertThat(CcrHome.userHome(Map.of("HOME", "/tmp/someone"))).isEqualTo(Path.of("/tmp/someone"));
        assertThat(CcrHome.userHome(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void ccrConfigDirMovesTheWholeFolder() {
        String property = System.clearProperty("ccr.home");
        try {
            assertThat(CcrHome.resolve(Map.of("CCR_CONFIG_DIR", "/tmp/profile-a", "HOME", "/tmp/x")).dir()).isEqualTo(Path.of("/tmp/profile-a"));
            assertThat(CcrHome.resolve(Map.of("HOME", "/tmp/x")).configFile()).isEqualTo(Path.of("/tmp/x/.claude-code-router/config.json"));
        } finally {
            if (property != null) {
                System.setProperty("ccr.home", property);
            }
        }
    }
}
