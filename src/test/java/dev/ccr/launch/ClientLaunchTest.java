package dev.ccr.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLaunchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void loopbackIsAddedToTheUsersNoProxyOnce() {
        assertThat(ClientLaunch.noProxy("corp.example")).isEqualTo("corp.example,127.0.0.1");
        assertThat(ClientLaunch.noProxy("localhost, 127.0.0.1")).isEqualTo("localhost, 127.0.0.1");
        assertThat(ClientLaunch.noProxy(" ")).isEqualTo("127.0.0.1");
    }

    @Test
    void clientsSendTheRoutersKeyOrCcrsPlaceholderWhenItHasNone() throws Exception {
        assertThat(ClientLaunch.routerKey(JSON.readTree("{\"APIKEY\": \"router-secret\"}"))).isEqualTo("router-secret");
        assertThat(ClientLaunch.routerKey(JSON.readTree("{\"APIKEY\": \" \"}"))).isEqualTo("test");
        assertThat(ClientLaunch.routerKey(JSON.readTree("{}"))).isEqualTo("test");
    }
}
