package org.dockaudit.report;

import java.util.List;
import java.util.Optional;

/**
 * The formats each kind of result can be written in, the first one the default's fallback. A
 * new format of the audit report (HTML) is one class and one line in {@link #AUDIT}.
 */
public final class Formats<T> {

    public static final Formats<AuditReport> AUDIT = new Formats<>(List.of(new TextReport(), new JsonFormat<>(), new SarifReport(),
            new HtmlReport()));
    public static final Formats<List<CheckDescription>> CHECKS = new Formats<>(List.of(new CheckDescription.Table(), new JsonFormat<>()));
    public static final Formats<FleetReport> FLEET = new Formats<>(List.of(new FleetReport.Text(), new JsonFormat<>()));
    public static final Formats<ReportDiff> DIFF = new Formats<>(List.of(new ReportDiff.Text(), new JsonFormat<>()));
    public static final Formats<NamespaceGraph> NAMESPACES = new Formats<>(List.of(new NamespaceGraph.Text(), new NamespaceGraph.Dot(),
            new JsonFormat<>(), new NamespaceGraph.Ovali()));
    public static final Formats<org.dockaudit.model.TraceResult> TRACE = new Formats<>(List.of(new TraceText(), new JsonFormat<>()));
    public static final Formats<org.dockaudit.model.HardenPlan> HARDEN = new Formats<>(List.of(new HardenText(), new JsonFormat<>()));
    public static final Formats<PolicyReport> POLICY = new Formats<>(List.of(new PolicyReport.Text(), new PolicyReport.Json()));

    private final List<ReportFormat<? super T>> formats;

    private Formats(List<ReportFormat<? super T>> formats) {
        this.formats = formats;
    }

    public List<String> names() {
        return formats.stream().map(ReportFormat::name).toList();
    }

    public Optional<ReportFormat<? super T>> named(String name) {
        return formats.stream().filter(format -> format.name().equals(name)).findFirst();
    }
}
