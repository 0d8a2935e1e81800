package org.dockaudit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/checks/ID.md}, one page per check, generated from what the project already holds:
 * the check's metadata, the Javadoc of its class (how it decides), and its examples as data. The
 * pages ship in the jar for {@code dockaudit checks ID}. This test fails when a page is out of
 * date; {@code mvn test -Ddockaudit.writeDocs=true -pl core -Dtest=CheckDocsTest} rewrites them.
 */
class CheckDocsTest {

    /** Maven runs the tests in the module's directory. */
    private static final Path DOCS = Path.of("..", "docs", "checks");
    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void everyCheckHasItsPageUpToDate() throws IOException {
        Map<String, String> pages = new TreeMap<>();
        Map<String, List<CheckExample>> examples = CheckExample.all().stream().collect(Collectors.groupingBy(CheckExample::checkId));
        for (Check check : Checks.all()) {
            CheckInfo info = Checks.info(check);
            pages.put(info.id() + ".md", page(check, info, examples.getOrDefault(info.id(), List.of())));
        }
        pages.put("README.md", index());
        boolean write = Boolean.getBoolean("dockaudit.writeDocs");
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = DOCS.resolve(page.getKey());
            if (write) {
                Files.createDirectories(DOCS);
                Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
            } else if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
                stale.add(page.getKey());
            }
        }
        try (Stream<Path> files = Files.list(DOCS)) {
            files.map(file -> file.getFileName().toString()).filter(name -> !pages.containsKey(name)).forEach(stale::add);
        }
        assertThat(stale).as("pages out of date in docs/checks: regenerate with"
                + " mvn test -Ddockaudit.writeDocs=true -pl core -Dtest=CheckDocsTest").isEmpty();
    }

    private static String page(Check check, CheckInfo info, List<CheckExample> examples) throws IOException {
        StringBuilder page = new StringBuilder();
        page.append("# ").append(info.id()).append(": ").append(info.title()).append("\n\n");
        page.append("| | |\n|---|---|\n");
        page.append("| highest severity | ").append(info.severity().id()).append(" |\n");
        page.append("| audit point | ").append(info.area().title()).append(" (`").append(info.area().id()).append("`) |\n");
        page.append("| threats | ").append(Stream.of(info.threats()).map(Threat::id).collect(Collectors.joining(", "))).append(" |\n");
        page.append("| target | ").append(switch (check) {
            case ContainerCheck c -> "each container";
            case ImageCheck i -> "each image";
            case DaemonCheck d -> "the daemon";
            case HostCheck h -> "the host";
        }).append(" |\n");
        if (info.cis().length > 0) {
            page.append("| CIS Docker Benchmark v1.6.0 | ").append(String.join(", ", info.cis())).append(" |\n");
        }
        String how = classJavadoc(check.getClass());
        if (!how.isEmpty()) {
            page.append("\n## How it decides\n").append(how).append("\n");
        }
        page.append("\nA fact it needs that could not be read makes it `unknown`, with the reason; never `pass`.\n");
        page.append("\n## How to fix it\n").append(info.remediation()).append("\n");
        page.append("\n## Examples\nEach is a test: a recorded host, patched, and the outcome the check must give "
                + "(`core/src/test/resources/checks/").append(info.id()).append("/`).\n\n");
        for (CheckExample example : examples) {
            page.append("- **").append(example.expectedOutcome()).append("**")
                    .append(example.severity() == null ? "" : " (" + example.severity() + ")")
                    .append(": ").append(example.description().isEmpty() ? example.name() : example.description()).append('\n');
        }
        return page.toString();
    }

    private static String index() {
        StringBuilder index = new StringBuilder("# Checks\n\nOne page per check, generated from its metadata, its class and its"
                + " examples (`CheckDocsTest`); `dockaudit checks ID` prints the same page.\n\n| id | severity | title |\n|---|---|---|\n");
        for (CheckInfo info : Checks.infos()) {
            index.append("| [").append(info.id()).append("](").append(info.id()).append(".md) | ").append(info.severity().id())
                    .append(" | ").append(info.title().replace("|", "\\|")).append(" |\n");
        }
        return index.toString();
    }

    /** The class's Javadoc as Markdown: tags and {@code ...} unwrapped, one paragraph per blank line. */
    private static String classJavadoc(Class<?> type) throws IOException {
        Path source = SOURCES.resolve(type.getName().replace('.', '/') + ".java");
        String text = Files.readString(source, StandardCharsets.UTF_8);
        int annotation = text.indexOf("@CheckInfo(");
        String before = text.substring(0, annotation).stripTrailing();
        if (!before.endsWith("*/")) {
            return "";
        }
        String javadoc = before.substring(before.lastIndexOf("/**") + 3, before.length() - 2);
        return javadoc.lines().map(line -> line.replaceFirst("^\\s*\\* ?", "")).collect(Collectors.joining("\n")).strip()
                .replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\{@link ([^}]*)}", "`$1`")
                .replaceAll("</?p>", "").replaceAll("<li>", "- ").replaceAll("</?(ul|li)>", "");
    }
}
