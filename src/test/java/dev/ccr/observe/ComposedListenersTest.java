package dev.ccr.observe;

import dev.ccr.client.ApiError;
import dev.ccr.client.ClientRequest;
import dev.ccr.resilience.ModelRef;
import dev.ccr.resilience.Plan;
import dev.ccr.routing.Target;
import dev.ccr.testing.PlainClientRequest;
import dev.ccr.usage.Usage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComposedListenersTest {
    private static final ClientRequest REQUEST = new PlainClientRequest("/v1/messages", "{}");

    /** Writes each event it gets as "name:event". */
    private static RequestListener.Factory recording(String name, List<String> seen) {
        return request -> new RequestListener() {
            @Override
            public void planned(Plan plan) {
                seen.add(name + ":planned " + plan.skipped());
            }

            @Override
            public void attemptFailed(Target target, ApiError error) {
                seen.add(name + ":failed " + target + " " + error.status());
            }

            @Override
            public void completed(int status, Usage usage) {
                seen.add(name + ":completed " + status);
            }
        };
    }

    @Test
    void everyEventReachesEachListenerInTheOrderGiven() {
        List<String> seen = new ArrayList<>();
        RequestListener listener = RequestListener.Factory.compose(recording("a", seen), RequestListener.Factory.NONE,
                recording("b", seen)).create(REQUEST);

        listener.planned(new Plan(List.of(), List.of(new Plan.Skipped(new ModelRef("p", "m"), "circuit open"))));
        listener.attemptFailed(new Target("p", "m"), ApiError.upstream(503, "down", null));
        listener.completed(200, Usage.NONE);

        assertThat(seen).containsExactly("a:planned [p,m: circuit open]", "b:planned [p,m: circuit open]",
                "a:failed p,m 503", "b:failed p,m 503", "a:completed 200", "b:completed 200");
    }

    @Test
    void listenersThatSitOutLeaveNothingToCall() {
        assertThat(RequestListener.Factory.compose(RequestListener.Factory.NONE, RequestListener.Factory.NONE).create(REQUEST))
                .isSameAs(RequestListener.NONE);
        List<String> seen = new ArrayList<>();
        RequestListener.Factory one = recording("only", seen);
        RequestListener single = RequestListener.Factory.compose(one, RequestListener.Factory.NONE).create(REQUEST);
        assertThat(single).isNotInstanceOf(Composite.class);
    }
}
