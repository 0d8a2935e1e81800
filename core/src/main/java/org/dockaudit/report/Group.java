package org.dockaudit.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Target;

/**
 * Findings that say the same thing about several targets: same check, same severity, and the same
 * evidence once each target's name, ids and process ids are masked. Replicas then read as one line.
 *
 * @param evidence the masked evidence the findings share
 * @param findings in target-name order
 */
record Group(Severity severity, List<String> evidence, List<Finding> findings) {

    /** Targets named in one line; past it, counted. */
    static final int NAMED = 5;
    private static final Pattern PID = Pattern.compile("\\bpid \\d+");

    /** Groups in the report's order of findings (severity first), each group's targets sorted. */
    static List<Group> of(List<Finding> findings) {
        Map<List<Object>, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding finding : findings) {
            List<String> masked = finding.evidence().stream().map(line -> mask(line, finding.target())).toList();
            groups.computeIfAbsent(List.of(finding.id(), finding.severity(), masked), key -> new ArrayList<>()).add(finding);
        }
        List<Group> result = new ArrayList<>();
        groups.forEach((key, members) -> {
            @SuppressWarnings("unchecked")
            List<String> evidence = (List<String>) key.get(2);
            result.add(new Group((Severity) key.get(1), evidence,
                    members.stream().sorted(Comparator.comparing(f -> f.target().name())).toList()));
        });
        return result;
    }

    Finding first() {
        return findings.getFirst();
    }

    /**
     * "3 containers (web-1, web-2, web-3)", or the one target's label; for containers declared in a
     * file, where: "container web (compose.yaml:12)".
     */
    String targets() {
        String named = named(findings.stream().map(Finding::target).toList());
        List<Finding.Location> locations = findings.stream().map(Finding::location).filter(java.util.Objects::nonNull).toList();
        if (locations.size() != findings.size() || locations.stream().map(Finding.Location::file).distinct().count() != 1) {
            return named;
        }
        return named + " (" + locations.getFirst().file() + ":" + String.join(", ",
                locations.stream().map(location -> Integer.toString(location.line())).distinct().toList()) + ")";
    }

    static String named(List<Target> targets) {
        if (targets.size() == 1) {
            return targets.getFirst().label();
        }
        String kind = targets.stream().map(target -> target.kind().id()).distinct().count() == 1
                ? targets.getFirst().kind().id() + "s" : "targets";
        List<String> names = targets.stream().map(Target::name).sorted().toList();
        return targets.size() + " " + kind + " (" + String.join(", ", names.subList(0, Math.min(NAMED, names.size())))
                + (names.size() > NAMED ? ", ... " + (names.size() - NAMED) + " more" : "") + ")";
    }

    private static String mask(String line, Target target) {
        String masked = line;
        if (target.id() != null && !target.id().isEmpty()) {
            masked = masked.replace(target.id(), "<id>").replace(Target.shortId(target.id()), "<id>");
        }
        if (!target.name().isEmpty()) {
            masked = masked.replace(target.name(), "<" + target.kind().id() + ">");
        }
        // Most lines name no process: the pattern only for those that may.
        return masked.contains("pid ") ? PID.matcher(masked).replaceAll("pid N") : masked;
    }
}
