package dev.ccr.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.SourceBytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCounterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESCRIPTION = "Reads a file from the local filesystem. ".repeat(12);

    private static ObjectNode request(String schema) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"messages":[],"tools":[{"name":"Read","description":"%s","input_schema":%s}]}""".formatted(DESCRIPTION, schema));
    }

    /** What CCR counts for one tool: its name and description as one text, and its schema as JSON. */
    private static int direct(String schema) throws Exception {
        Cl100kBase cl100k = Cl100kBase.load();
        return cl100k.count("Read" + DESCRIPTION) + cl100k.count(JSON.readTree(schema).toString());
    }

    @Test
    void aToolIsCountedAsItsTextsWhetherOrNotItWasSeenBefore() throws Exception {
        String schema = "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\",\"description\":\""
                + "The absolute path to the file to read. ".repeat(8) + "\"}},\"required\":[\"file_path\"]}";
        TokenCounter counter = TokenCounter.cl100k();
        assertThat(counter.count(request(schema))).isEqualTo(direct(schema));
        assertThat(counter.count(request(schema))).as("remembered").isEqualTo(direct(schema));
    }

    @Test
    void aSchemaWithItsFieldsInAnotherOrderIsCountedAsItsOwnText() throws Exception {
        String description = "\"description\":\"" + "How many lines to read, from the offset on. ".repeat(8) + "\"";
        String first = "{\"a\":1," + description + ",\"bb\":\"\"}";
        String reordered = "{\"bb\":\"\"," + description + ",\"a\":1}";
        assertThat(direct(first)).as("the two texts' counts differ").isNotEqualTo(direct(reordered));
        TokenCounter counter = TokenCounter.cl100k();
        assertThat(counter.count(request(first))).isEqualTo(direct(first));
        assertThat(counter.count(request(reordered))).isEqualTo(direct(reordered));
    }

    @Test
    void aSystemPromptAndToolListCountedByTheirBytesCountAsTheirTrees() throws Exception {
        byte[] claudeCode = Files.readAllBytes(Path.of("src/test/resources/wire/claude-code-request.json"));
        String changed = new String(claudeCode, StandardCharsets.UTF_8).replaceFirst("\"description\":\"", "\"description\":\"Several more words to count. ");
        TokenCounter counter = TokenCounter.cl100k();
        for (byte[] body : List.of(claudeCode, claudeCode.clone(), changed.getBytes(StandardCharsets.UTF_8))) {
            SourceBytes source = SourceBytes.parseObject(body);
            assertThat(source.span(source.tree().get("tools"))).as("the tools' bytes are known").isNotNull();
            assertThat(counter.count(source.tree(), source)).isEqualTo(counter.count(source.tree()));
        }
        SourceBytes original = SourceBytes.parseObject(claudeCode);
        SourceBytes other = SourceBytes.parseObject(changed.getBytes(StandardCharsets.UTF_8));
        assertThat(counter.count(other.tree(), other)).as("more words").isGreaterThan(counter.count(original.tree(), original));
    }
}
