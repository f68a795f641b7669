package dev.ccr.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/ccr-checklist.md and the {@code @Tag("ccr-11.N")} tags on tests cannot drift apart: a tag names an item of the
 * page, the page names test classes that exist, a tagged class is named on its item's line, and the page's pointers
 * into other docs find their file, section and row.
 */
class ChecklistTest {
    private static final Path CHECKLIST = Path.of("docs/ccr-checklist.md");
    private static final Path TESTS = Path.of("src/test/java");

    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|\\s*$", Pattern.MULTILINE);
    private static final Pattern CLASS_NAME = Pattern.compile("`([A-Z]\\w*Test)`");
    private static final Pattern TAG = Pattern.compile("@Tag\\(\"ccr-11\\.(\\d+)\"\\)");
    private static final Pattern POINTER = Pattern.compile("\\]\\(([\\w-]+\\.md)(?:#([\\w-]+))?\\)(?:: “([^”]+)”)?");
    private static final Pattern HEADING = Pattern.compile("^#+ (.+)$", Pattern.MULTILINE);

    /** Item number → its row's cells (requirement, tests, difference). */
    private static final Map<Integer, String[]> ITEMS = new LinkedHashMap<>();
    /** Simple class name → source text, for every test source file. */
    private static final Map<String, String> SOURCES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        Matcher row = ROW.matcher(Files.readString(CHECKLIST));
        while (row.find()) {
            String[] previous = ITEMS.put(Integer.parseInt(row.group(1)), new String[] {row.group(2).strip(), row.group(3).strip(), row.group(4).strip()});
            assertThat(previous).as("item %s appears twice", row.group(1)).isNull();
        }
        try (Stream<Path> files = Files.walk(TESTS)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> SOURCES.put(
                    f.getFileName().toString().replaceFirst("\\.java$", ""), readString(f)));
        }
    }

    @Test
    void theChecklistHasItsEightyItemsInOrder() {
        assertThat(ITEMS.keySet()).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 80).boxed().toList());
        ITEMS.forEach((item, cells) -> assertThat(cells[1]).as("item %d names no test", item).containsPattern(CLASS_NAME));
    }

    @Test
    void everyTagNamesAnItemOfTheChecklist() {
        List<String> unknown = new ArrayList<>();
        tags().forEach((test, items) -> items.stream().filter(i -> !ITEMS.containsKey(i))
                .forEach(i -> unknown.add(test + " is tagged ccr-11." + i)));
        assertThat(unknown).as("tags naming no item of %s", CHECKLIST).isEmpty();
    }

    @Test
    void everyTestTheChecklistNamesExists() {
        List<String> missing = new ArrayList<>();
        ITEMS.forEach((item, cells) -> classNames(cells[1]).stream().filter(c -> !SOURCES.containsKey(c))
                .forEach(c -> missing.add("item " + item + " names " + c)));
        assertThat(missing).as("test classes named in %s but not found under %s", CHECKLIST, TESTS).isEmpty();
    }

    @Test
    void everyTaggedTestIsNamedOnItsItemsLine() {
        List<String> unnamed = new ArrayList<>();
        tags().forEach((test, items) -> items.stream()
                .filter(i -> ITEMS.containsKey(i) && !classNames(ITEMS.get(i)[1]).contains(test))
                .forEach(i -> unnamed.add(test + " (ccr-11." + i + ")")));
        assertThat(unnamed).as("tagged tests missing from their item's line in %s", CHECKLIST).isEmpty();
    }

    @Test
    void everyPointerIntoTheDocsFindsItsSectionAndRow() {
        List<String> broken = new ArrayList<>();
        ITEMS.forEach((item, cells) -> {
            Matcher pointer = POINTER.matcher(cells[2]);
            while (pointer.find()) {
                Path doc = CHECKLIST.resolveSibling(pointer.group(1));
                if (!Files.exists(doc)) {
                    broken.add("item " + item + ": no " + doc);
                    continue;
                }
                String text = readString(doc);
                if (pointer.group(2) != null && !anchors(text).contains(pointer.group(2))) {
                    broken.add("item " + item + ": no section #" + pointer.group(2) + " in " + doc);
                }
                if (pointer.group(3) != null && !text.contains(pointer.group(3))) {
                    broken.add("item " + item + ": no row saying “" + pointer.group(3) + "” in " + doc);
                }
            }
        });
        assertThat(broken).isEmpty();
    }

    /** Test class → the items its tags name, on the class or on its methods. */
    private static Map<String, Set<Integer>> tags() {
        Map<String, Set<Integer>> tags = new TreeMap<>();
        SOURCES.forEach((test, source) -> {
            Matcher tag = TAG.matcher(source);
            while (tag.find()) {
                tags.computeIfAbsent(test, t -> new TreeSet<>()).add(Integer.parseInt(tag.group(1)));
            }
        });
        tags.remove(ChecklistTest.class.getSimpleName());
        return tags;
    }

    private static Set<String> classNames(String cell) {
        Set<String> names = new TreeSet<>();
        Matcher name = CLASS_NAME.matcher(cell);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Matcher heading = HEADING.matcher(markdown);
        while (heading.find()) {
            anchors.add(heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
