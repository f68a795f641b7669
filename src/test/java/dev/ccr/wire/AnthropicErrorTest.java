package dev.ccr.wire;

import static dev.ccr.wire.WireTestKit.assertEvents;
import static dev.ccr.wire.WireTestKit.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one definition of Anthropic's error shape, as a JSON body and as a stream event. */
class AnthropicErrorTest {

    /** ccr keeps CCR's code and message inside Anthropic's shape (docs/compatibility.md, Errors). */
    @Tag("ccr-11.14")
    @Test
    void providerHttpErrorKeepsCcrsCodeAndMessageInAnthropicsShape() {
        AnthropicError error = AnthropicError.ofProviderResponse("p", "m", 429, "rate");
        assertJson(error.toJson(), """
                {"type":"error","error":{"type":"rate_limit_error","message":"Error from provider(p,m: 429): rate",
                 "code":"provider_response_error"}}""");
        assertThat(error.toJson().at("/error/message").asText()).startsWith("Error from provider(p,m: 429): rate");
        assertEvents(List.of(error.toEvent()), """
                event: error
                data: {"type":"error","error":{"type":"rate_limit_error","message":"Error from provider(p,m: 429): rate","code":"provider_response_error"}}
                """);
    }
}
