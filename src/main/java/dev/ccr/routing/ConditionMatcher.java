package dev.ccr.routing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.config.RouteCondition;
import dev.ccr.config.TextPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tests a declarative rule's {@code when} against a request and says what it saw, so an explanation can show why a
 * rule matched or not. The condition's form was checked at load ({@link dev.ccr.config.RouteCondition}).
 */
final class ConditionMatcher {
    private ConditionMatcher() {
    }

    /** Whether a condition holds, and what was seen: the reason when it holds, the first failure when it does not. */
    record Verdict(boolean holds, String saw) {
    }

    static Verdict test(RouteCondition condition, RoutingRequest request) {
        return switch (condition) {
            case RouteCondition.All all -> all(all.conditions(), request);
            case RouteCondition.AnyOf any -> any(any.conditions(), request);
            case RouteCondition.Not not -> {
                Verdict inner = test(not.condition(), request);
                yield new Verdict(!inner.holds(), "not (" + inner.saw() + ")");
            }
            case RouteCondition.Model model -> request.model()
                    .map(m -> text("model '" + m + "'", m, model.patterns()))
                    .orElse(new Verdict(false, "the request names no model"));
            case RouteCondition.Tokens tokens -> tokens(tokens, request.tokenCount());
            case RouteCondition.Thinking thinking -> {
                String type = request.thinkingType();
                yield new Verdict(thinking.types().contains(type), "thinking is " + type
                        + (thinking.types().contains(type) ? "" : " (wanted " + String.join(" or ", thinking.types().stream().sorted().toList()) + ")"));
            }
            case RouteCondition.Tools tools -> tools(tools, request.body().path("tools"));
            case RouteCondition.Header header -> request.header(header.name())
                    .map(v -> text("header " + header.name() + " '" + v + "'", v, header.patterns()))
                    .orElse(new Verdict(false, "no header " + header.name()));
            case RouteCondition.Text text -> {
                String where = switch (text.scope()) {
                    case SYSTEM -> "system text";
                    case USER -> "user text";
                    case LAST_USER -> "last user message";
                };
                boolean found = text.pattern().matches(request.text(text.scope()));
                yield new Verdict(found, where + (found ? " contains '" : " does not contain '") + text.pattern() + "'");
            }
            case RouteCondition.Session session -> request.session()
                    .map(s -> text("session '" + s.id() + "'", s.id(), session.patterns()))
                    .orElse(new Verdict(false, "the request has no session id"));
            case RouteCondition.Project project -> request.project()
                    .map(p -> text("project '" + p + "'", p, project.patterns()))
                    .orElse(new Verdict(false, "the session belongs to no known project"));
            case RouteCondition.Scenario scenario -> scenario(scenario, request);
            case RouteCondition.Field field -> field(field, request.body());
        };
    }

    private static Verdict all(List<RouteCondition> conditions, RoutingRequest request) {
        if (conditions.isEmpty()) {
            return new Verdict(true, "no conditions");
        }
        List<String> seen = new ArrayList<>();
        for (RouteCondition condition : conditions) {
            Verdict verdict = test(condition, request);
            if (!verdict.holds()) {
                return verdict;
            }
            seen.add(verdict.saw());
        }
        return new Verdict(true, String.join("; ", seen));
    }

    private static Verdict any(List<RouteCondition> options, RoutingRequest request) {
        List<String> seen = new ArrayList<>();
        for (RouteCondition option : options) {
            Verdict verdict = test(option, request);
            if (verdict.holds()) {
                return verdict;
            }
            seen.add(verdict.saw());
        }
        return new Verdict(false, "none of: " + String.join(" | ", seen));
    }

    private static Verdict text(String what, String value, List<TextPattern> patterns) {
        Optional<TextPattern> hit = patterns.stream().filter(p -> p.matches(value)).findFirst();
        return hit.map(p -> new Verdict(true, what + " matches '" + p + "'"))
                .orElseGet(() -> new Verdict(false, what + " matches none of " + list(patterns)));
    }

    private static Verdict tokens(RouteCondition.Tokens tokens, int count) {
        boolean above = tokens.above().isEmpty() || count > tokens.above().getAsLong();
        boolean below = tokens.below().isEmpty() || count < tokens.below().getAsLong();
        String bounds = (tokens.above().isPresent() ? " above " + tokens.above().getAsLong() : "")
                + (tokens.above().isPresent() && tokens.below().isPresent() ? " and" : "")
                + (tokens.below().isPresent() ? " below " + tokens.below().getAsLong() : "");
        boolean holds = above && below;
        return new Verdict(holds, count + " tokens" + (holds ? " is" : " is not") + bounds);
    }

    private static Verdict tools(RouteCondition.Tools tools, JsonNode list) {
        int count = list.isArray() ? list.size() : 0;
        if (tools.present().isPresent()) {
            boolean wanted = tools.present().get();
            return new Verdict((count > 0) == wanted, count + (count == 1 ? " tool" : " tools") + (wanted ? " (wanted some)" : " (wanted none)"));
        }
        for (JsonNode tool : list) {
            for (String name : List.of(tool.path("name").asText(""), tool.path("type").asText(""))) {
                if (!name.isEmpty()) {
                    for (TextPattern pattern : tools.patterns()) {
                        if (pattern.matches(name)) {
                            return new Verdict(true, "tool '" + name + "' matches '" + pattern + "'");
                        }
                    }
                }
            }
        }
        return new Verdict(false, "no tool (of " + count + ") matches " + list(tools.patterns()));
    }

    private static Verdict scenario(RouteCondition.Scenario scenario, RoutingRequest request) {
        List<String> missing = new ArrayList<>();
        for (String name : scenario.names().stream().sorted().toList()) {
            Optional<String> signal = Signals.scenario(request, name);
            if (signal.isPresent()) {
                return new Verdict(true, name + ": " + signal.get());
            }
            missing.add(name);
        }
        return new Verdict(false, "no " + String.join(" or ", missing) + " signal");
    }

    private static Verdict field(RouteCondition.Field field, JsonNode body) {
        JsonNode value = body.at(JsonPointer.compile(field.pointer()));
        boolean present = !value.isMissingNode() && !value.isNull();
        if (field.present().isPresent()) {
            boolean wanted = field.present().get();
            return new Verdict(present == wanted, field.pointer() + (present ? " is present" : " is absent"));
        }
        if (!present || value.isContainerNode()) {
            return new Verdict(false, field.pointer() + (present ? " is not a single value" : " is absent"));
        }
        return text(field.pointer() + " '" + value.asText() + "'", value.asText(), field.patterns());
    }

    private static String list(List<TextPattern> patterns) {
        return patterns.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
