package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ccr's compact cl100k_base counts exactly what jtokkit's encoder (tiktoken's port) counts. */
class Cl100kBaseTest {
    private static Cl100kBase compact;
    private static Encoding jtokkit;

    @BeforeAll
    static void load() {
        compact = Cl100kBase.load();
        jtokkit = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    @Test
    void knownCounts() {
        assertThat(compact.count("")).isZero();
        assertThat(compact.count("hello world")).isEqualTo(2);
        assertThat(compact.count("Hello, I'm ccr's router!\n\n")).isEqualTo(jtokkit.countTokensOrdinary("Hello, I'm ccr's router!\n\n"));
        assertThat(compact.count("<|endoftext|>")).as("special tokens count as text").isEqualTo(7);
    }

    @Test
    void everyTextOfAClaudeCodeRequest() throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/wire/claude-code-request.json")) {
            collectTexts(new ObjectMapper().readTree(in), texts);
        }
        assertThat(texts).hasSizeGreaterThan(50);
        for (String text : texts) {
            assertThat(compact.count(text)).as(text).isEqualTo(jtokkit.countTokensOrdinary(text));
        }
    }

    @Test
    void randomMixturesOfEveryCharacterClassThePatternTellsApart() {
        String[] parts = {"a", "Z", "é", "ß", "ſ", "K", "中文", "日本語", "한국어", "Ǆ", "ﬁ", "0", "12", "345", "٣", "Ⅻ", "½",
                "'s", "'T", "'re", "'VE", "'m", "'Ll", "'d", "'x", "’s", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0",
                "\u2003", "\u3000", "\u200b", "\u000b", "\f", ".", ",", "!?", "{", "}", "\"", "->", "==", "/*", "😀", "👍🏽",
                "\u0301", "e\u0301", "ÿ", "\u0000", "\u007f", "\uFFFD", "<|endoftext|>", "https://x.io/a?b=1",
                "\u0085", "\u001c", "\u2028", "\u202f", "\u1680", "𝒜", "𝟘", "'", "''", "'ſ", "'S", "'LL", "'Re", "-"};
        Random random = new Random(20261203);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                text.append(parts[random.nextInt(parts.length)]);
            }
            String s = text.toString();
            assertThat(compact.count(s)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(jtokkit.countTokensOrdinary(s));
        }
    }

    @Test
    void aLoneSurrogateCountsAsAReplacementCharacterWhereJtokkitGaveUp() {
        assertThat(compact.count("a\uD83Db")).isEqualTo(compact.count("a?b"));
        assertThatThrownBy(() -> jtokkit.countTokensOrdinary("a\uD83Db")).hasMessageContaining("not UTF-8");
    }

    @Test
    void longPiecesMergeLikeShortOnes() {
        Random random = new Random(7);
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        for (String text : List.of("a".repeat(20_000), letters.toString(), " ".repeat(5_000) + "x", "=".repeat(3_000),
                "\n".repeat(2_000), "9".repeat(1_000), "ab".repeat(7_000))) {
            assertThat(compact.count(text)).isEqualTo(jtokkit.countTokensOrdinary(text));
        }
    }

    @Test
    void aRankFileOutOfOrderIsRefused() {
        byte[] file = "YQ== 0\nYg== 2\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> RankTable.read(new ByteArrayInputStream(file)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 1");
    }

    @Test
    void anEmptyRankFileIsRefused() {
        assertThatThrownBy(() -> RankTable.read(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ranks");
    }

    @Test
    void theTableHoldsEveryRankOfTheFile() {
        try (InputStream in = getClass().getResourceAsStream(Cl100kBase.RANKS)) {
            RankTable table = RankTable.read(in);
            assertThat(table.size()).isEqualTo(100_256);
            byte[] space = " ".getBytes(StandardCharsets.US_ASCII);
            assertThat(table.rank(space, 0, 1)).isEqualTo(220);
            byte[] word = " Conveyor".getBytes(StandardCharsets.US_ASCII);
            assertThat(table.rank(word, 0, word.length)).isEqualTo(100_255);
            byte[] twice = " Conveyor Conveyor".getBytes(StandardCharsets.US_ASCII);
            assertThat(table.rank(twice, 0, twice.length)).isEqualTo(-1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void collectTexts(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.textValue());
        } else if (node.isContainerNode()) {
            if (node.isObject() && node.has("input_schema")) {
                texts.add(node.get("input_schema").toString());
            }
            node.forEach(child -> collectTexts(child, texts));
        }
    }
}
