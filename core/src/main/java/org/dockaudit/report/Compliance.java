package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Checks;
import org.dockaudit.seccomp.DataTables;

/**
 * How the audited host stands against a benchmark, item by item: the CIS Docker Benchmark v1.6.0
 * as docker-bench-security 1.6.1 implements it (its 117 items, its scoring: a scored item that
 * passes counts +1, one that fails -1, the others 0). An item's status comes from the checks
 * whose {@link CheckInfo#cis()} names it, over every target: a failure anywhere fails it, a check
 * that could not decide leaves it unknown, and an item no check decides is {@code manual} (with
 * the question to ask) or {@code unknown} (no check for it yet): never a pass.
 *
 * @param benchmark the benchmark's name as {@code --compliance} takes it
 * @param items every item, in the benchmark's order
 * @param sections per section: its items, their statuses and its score
 * @param score the score over every section, and how many items count in it
 */
public record Compliance(String benchmark, String title, List<Item> items, List<Section> sections, Score score) {

    /** The benchmarks {@code --compliance} knows. */
    public static final List<String> BENCHMARKS = List.of("cis-docker-1.6.0");

    private static final Map<String, String> SECTIONS = Map.of("1", "Host configuration", "2", "Docker daemon configuration",
            "3", "Docker daemon configuration files", "4", "Container images and build file", "5", "Container runtime",
            "6", "Docker security operations", "7", "Docker Swarm configuration");

    public enum Status {
        PASS, FAIL, UNKNOWN, NOT_APPLICABLE, MANUAL;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One item.
     *
     * @param checks the dockaudit checks that decide it
     * @param failing the targets that fail it
     * @param reason why it is unknown, not applicable or manual (the question to ask)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Item(String id, String title, boolean scored, Status status, List<String> checks, List<String> failing, String reason) {

        /** The benchmark section the item belongs to: {@code 5} for {@code 5.4}. */
        public String section() {
            return id.substring(0, id.indexOf('.') < 0 ? id.length() : id.indexOf('.'));
        }
    }

    public record Section(String id, String title, Map<Status, Integer> statuses, Score score) {}

    /** docker-bench's score, and the number of scored items it is over. */
    public record Score(int value, int scoredItems) {}

    /** The items of one section, in the benchmark's order. */
    public List<Item> itemsOf(Section section) {
        return items.stream().filter(item -> item.section().equals(section.id())).toList();
    }

    /** The view of {@code outcomes} (the audit's check outcomes) against {@code benchmark}, one of {@link #BENCHMARKS}. */
    public static Compliance of(String benchmark, List<CheckOutcome> outcomes) {
        if (!BENCHMARKS.contains(benchmark)) {
            throw new IllegalArgumentException("no benchmark " + benchmark);
        }
        Map<String, List<String>> checksOfItem = new LinkedHashMap<>();
        for (CheckInfo info : Checks.infos()) {
            for (String section : info.cis()) {
                checksOfItem.computeIfAbsent(section, k -> new ArrayList<>()).add(info.id());
            }
        }
        Map<String, List<CheckOutcome>> outcomesOfCheck = new LinkedHashMap<>();
        outcomes.forEach(outcome -> outcomesOfCheck.computeIfAbsent(outcome.id(), k -> new ArrayList<>()).add(outcome));
        List<Item> items = new ArrayList<>();
        for (String[] row : DataTables.rows(Compliance.class, benchmark + ".tsv")) {
            String id = row[0];
            List<String> checks = checksOfItem.getOrDefault(id, List.of()).stream().sorted().toList();
            String question = row.length > 4 ? row[4] : "";
            items.add(item(id, row[3], row[1].equals("yes"), checks, outcomesOfCheck, question));
        }
        List<Section> sections = new ArrayList<>();
        for (String section : items.stream().map(Item::section).distinct().toList()) {
            List<Item> of = items.stream().filter(item -> item.section().equals(section)).toList();
            Map<Status, Integer> statuses = new EnumMap<>(Status.class);
            for (Status status : Status.values()) {
                statuses.put(status, (int) of.stream().filter(item -> item.status() == status).count());
            }
            sections.add(new Section(section, SECTIONS.getOrDefault(section, ""), statuses, score(of)));
        }
        return new Compliance(benchmark, "CIS Docker Benchmark v1.6.0 (as docker-bench-security 1.6.1 checks it)", items, sections,
                score(items));
    }

    private static Item item(String id, String title, boolean scored, List<String> checks, Map<String, List<CheckOutcome>> outcomes,
            String question) {
        if (checks.isEmpty()) {
            return question.isEmpty()
                    ? new Item(id, title, scored, Status.UNKNOWN, checks, List.of(), "dockaudit has no check for this item yet")
                    : new Item(id, title, scored, Status.MANUAL, checks, List.of(), question);
        }
        List<CheckOutcome> seen = checks.stream().flatMap(check -> outcomes.getOrDefault(check, List.of()).stream()).toList();
        Set<String> failing = new LinkedHashSet<>();
        String undecided = null;
        boolean passed = false;
        for (CheckOutcome outcome : seen) {
            switch (outcome.outcome()) {
                case FAIL -> failing.add(outcome.target().label());
                case UNKNOWN, ERROR -> undecided = undecided != null ? undecided : outcome.id() + " on " + outcome.target().label()
                        + (outcome.detail() == null ? "" : ": " + outcome.detail());
                case PASS -> passed = true;
                case NOT_APPLICABLE -> { }
            }
        }
        if (!failing.isEmpty()) {
            return new Item(id, title, scored, Status.FAIL, checks, List.copyOf(failing), null);
        }
        if (undecided != null) {
            return new Item(id, title, scored, Status.UNKNOWN, checks, List.of(), undecided);
        }
        if (passed) {
            return new Item(id, title, scored, Status.PASS, checks, List.of(), null);
        }
        List<String> reasons = seen.stream().map(CheckOutcome::detail).distinct().toList();
        return new Item(id, title, scored, Status.NOT_APPLICABLE, checks, List.of(), seen.isEmpty()
                ? "no target for its checks (no container, image or daemon of that kind)"
                : reasons.size() == 1 && reasons.getFirst() != null ? reasons.getFirst() : "not applicable to any target");
    }

    private static Score score(List<Item> items) {
        int value = 0;
        int scored = 0;
        for (Item item : items) {
            if (item.scored()) {
                scored++;
                value += item.status() == Status.PASS ? 1 : item.status() == Status.FAIL ? -1 : 0;
            }
        }
        return new Score(value, scored);
    }
}
