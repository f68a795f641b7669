package dev.ccr.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformerChainTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final TransformContext CONTEXT = new TransformContext(
            new ProviderInfo("p", URI.create("http://127.0.0.1:9/v1"), "k", List.of("m")), "m", "default",
            JSON.createObjectNode(), Map.of());

    static ProviderRequest request() {
        return new ProviderRequest(URI.create("http://127.0.0.1:9/v1"), HeaderList.EMPTY, JSON.createObjectNode(), Duration.ofSeconds(1));
    }

    static ProviderResponse ok() {
        return new ProviderResponse(200, HeaderList.EMPTY.with("content-type", "application/json"),
                new ByteArrayInputStream("{}".getBytes()));
    }

    /** Records its request half and response half in {@code log}. */
    record Recording(String name, List<String> log) implements Transformer {
        @Override
        public ProviderResponse transform(Chain chain) throws IOException {
            log.add(name + " request");
            ObjectNode body = chain.request().copyBody();
            body.withArray("order").add(name);
            ProviderResponse response = chain.proceed(chain.request().withBody(body));
            log.add(name + " response");
            return response;
        }
    }

    @Test
    void requestHalvesRunInListOrderAndResponseHalvesInReverse() throws Exception {
        List<String> log = new ArrayList<>();
        List<ProviderRequest> sent = new ArrayList<>();
        TransformerChain.run(List.of(new Recording("A", log), new Recording("B", log)), request(), CONTEXT, r -> {
            sent.add(r);
            log.add("call");
            return ok();
        });
        assertThat(log).containsExactly("A request", "B request", "call", "B response", "A response");
        assertThat(sent.getFirst().body().get("order").toString()).isEqualTo("[\"A\",\"B\"]");
    }

    @Test
    void providerTransformersCannotSkipProceed() {
        Transformer skipper = new Transformer() {
            public String name() {
                return "skipper";
            }

            public ProviderResponse transform(Chain chain) {
                return ok();
            }
        };
        assertThatThrownBy(() -> TransformerChain.run(List.of(skipper), request(), CONTEXT, r -> ok()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("transformer skipper must call proceed() exactly once");
    }

    @Test
    void providerTransformersCannotProceedTwice() {
        Transformer twice = new Transformer() {
            public String name() {
                return "twice";
            }

            public ProviderResponse transform(Chain chain) throws IOException {
                chain.proceed(chain.request());
                return chain.proceed(chain.request());
            }
        };
        assertThatThrownBy(() -> TransformerChain.run(List.of(twice), request(), CONTEXT, r -> ok()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("transformer twice must call proceed() exactly once");
    }

    @Test
    void aProviderErrorSkipsTheResponseHalves() {
        List<String> log = new ArrayList<>();
        assertThatThrownBy(() -> TransformerChain.run(List.of(new Recording("A", log)), request(), CONTEXT, r -> {
            throw new ProviderHttpException(500, "boom".getBytes(), java.util.Optional.empty());
        })).isInstanceOf(ProviderHttpException.class);
        assertThat(log).containsExactly("A request");
    }
}
