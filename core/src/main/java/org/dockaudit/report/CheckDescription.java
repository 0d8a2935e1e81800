package org.dockaudit.report;

import java.io.PrintWriter;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Cis;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** One check as {@code dockaudit checks} lists it. */
public record CheckDescription(String id, String title, Severity severity, Area area, List<Threat> threats,
        List<String> references, String remediation) {

    public static List<CheckDescription> of(List<CheckInfo> checks) {
        return checks.stream().map(info -> new CheckDescription(info.id(), info.title(), info.severity(), info.area(),
                List.of(info.threats()), List.of(info.cis()).stream().map(Cis::reference).toList(), info.remediation())).toList();
    }

    /** One line per check: id, severity, area, title and its CIS sections. */
    static final class Table extends TextFormat<List<CheckDescription>> {
        @Override
        protected void print(List<CheckDescription> checks, PrintWriter out, Options options) {
            for (CheckDescription check : checks) {
                out.printf("%-9s %-9s %-23s %s%s%n", check.id(), check.severity().id(), check.area().id(), check.title(),
                        check.references().isEmpty() ? "" : " [CIS " + String.join(", ",
                                check.references().stream().map(reference -> reference.substring(reference.lastIndexOf(' ') + 1)).toList()) + "]");
            }
        }
    }
}
