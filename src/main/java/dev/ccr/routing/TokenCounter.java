package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ccr.wire.ByteSpan;
import dev.ccr.wire.SourceBytes;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Counts a request's tokens with cl100k_base the way CCR does (docs/ccr-checklist.md item 29): text of messages, tool
 * inputs and results, system text, and tool names, descriptions and schemas. Images, thinking, roles and per-message
 * overhead are not counted.
 *
 * <p>Counts of longer texts are remembered: Claude Code sends the same tools, system prompt and conversation prefix
 * with every turn and with each of its parallel subagents, and counting them again cost milliseconds per request
 * (a 77 KB request took about 2 ms; twenty 300 KB subagent requests queued behind each other's counting).
 */
public final class TokenCounter {
    /** Texts shorter than this are counted every time: hashing them costs about as much as counting. */
    private static final int REMEMBERED_FROM_CHARS = 256;
    /** The remembered texts' total length; about 8 MB of heap at most. */
    private static final long REMEMBERED_CHARS = 4_000_000;

    /** Loads on a background thread from the first {@link #cl100k()}, so that start-up does not wait for it. */
    private final CompletableFuture<Cl100kBase> encoding;
    /**
     * Keyed by the text, a tool's name and description, a tool's schema (a tree that no request can change), or the
     * bytes of a whole system prompt or tool list.
     */
    private final Cache<Object, Counted> counted = Caffeine.newBuilder()
            .maximumWeight(REMEMBERED_CHARS)
            .weigher((Object key, Counted value) -> value.chars())
            .build();

    private record Counted(int tokens, int chars) {
    }

    /** A tool's name and description, counted as one text: the key that spares building that text to look it up. */
    private record NamedText(String name, String text) {
    }

    private TokenCounter(CompletableFuture<Cl100kBase> encoding) {
        this.encoding = encoding;
    }

    /**
     * The shared cl100k_base counter. Its table (about 0.14 s of work in a fresh JVM) starts loading in the background
     * on the first call; counting waits for it.
     */
    public static TokenCounter cl100k() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final TokenCounter INSTANCE = new TokenCounter(CompletableFuture.supplyAsync(
                Cl100kBase::load,
                runnable -> Thread.ofPlatform().daemon().name("ccr-tokenizer-load").start(runnable)));
    }

    /** Tokens of {@code messages}, {@code system} and {@code tools} of an Anthropic request body. */
    public int count(JsonNode body) {
        return count(body, SourceBytes.NONE);
    }

    /**
     * As {@link #count(JsonNode)}, with the system prompt's and the tool list's counts remembered by the bytes they
     * came in, when {@code source} knows them: a lookup by those is one comparison of bytes, where looking up each
     * tool by its tree walked every schema twice (a tenth of a passed-through request's CPU).
     */
    public int count(JsonNode body, SourceBytes source) {
        return messages(body.path("messages")) + byBytes(body.path("system"), source, this::system)
                + byBytes(body.path("tools"), source, this::tools);
    }

    private int byBytes(JsonNode part, SourceBytes source, ToIntFunction<JsonNode> byTree) {
        ByteSpan span = source.span(part);
        if (span == null || span.length() < REMEMBERED_FROM_CHARS) {
            return byTree.applyAsInt(part);
        }
        Counted known = counted.getIfPresent(span);
        if (known == null) {
            known = new Counted(byTree.applyAsInt(part), span.length());
            counted.put(span.copy(), known);
        }
        return known.tokens();
    }

    private int messages(JsonNode messages) {
        int total = 0;
        for (JsonNode message : messages) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                total += tokens(content.textValue());
            } else {
                for (JsonNode block : content) {
                    total += block(block);
                }
            }
        }
        return total;
    }

    private int block(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "text" -> tokens(block.path("text").asText(""));
            case "tool_use" -> tokens(block.path("input").isMissingNode() ? "{}" : block.path("input").toString());
            case "tool_result" -> {
                JsonNode content = block.path("content");
                yield tokens(content.isTextual() ? content.textValue() : content.isMissingNode() ? "" : content.toString());
            }
            default -> 0;
        };
    }

    private int system(JsonNode system) {
        if (system.isTextual()) {
            return tokens(system.textValue());
        }
        int total = 0;
        for (JsonNode item : system) {
            if (item.path("type").asText().equals("text")) {
                JsonNode text = item.path("text");
                if (text.isTextual()) {
                    total += tokens(text.textValue());
                } else {
                    for (JsonNode part : text) {
                        total += tokens(part.asText());
                    }
                }
            }
        }
        return total;
    }

    /**
     * Each tool's name and description, and its schema as JSON. Claude Code sends the same two dozen tools with every
     * request: they are looked up by their parts and their tree, not by texts built (and schemas serialized) anew.
     */
    private int tools(JsonNode tools) {
        int total = 0;
        for (JsonNode tool : tools) {
            if (tool.hasNonNull("description")) {
                NamedText named = new NamedText(tool.path("name").asText(""), tool.get("description").asText());
                total += remembered(named, k -> k.name() + k.text());
            }
            JsonNode schema = tool.get("input_schema");
            if (schema != null && !schema.isNull()) {
                total += schema.isContainerNode() ? remembered(new SchemaText(schema), k -> k.tree().toString())
                        : tokens(schema.toString());
            }
        }
        return total;
    }

    private int tokens(String text) {
        if (text.length() < REMEMBERED_FROM_CHARS) {
            return text.isEmpty() ? 0 : encoding.join().count(text);
        }
        return remembered(text, String::valueOf);
    }

    /** The tokens of {@code key}'s text, counted once; a schema is remembered as a copy no request can change. */
    private <K> int remembered(K key, Function<K, String> text) {
        Counted known = counted.getIfPresent(key);
        if (known == null) {
            String written = text.apply(key);
            known = new Counted(written.isEmpty() ? 0 : encoding.join().count(written), written.length());
            if (written.length() >= REMEMBERED_FROM_CHARS) {
                counted.put(key instanceof SchemaText schema ? new SchemaText(schema.tree().deepCopy()) : key, known);
            }
        }
        return known.tokens();
    }
}
