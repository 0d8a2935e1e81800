package org.dockaudit.report;

import java.io.PrintWriter;
import java.util.Map;
import org.dockaudit.model.TraceResult;

/** A trace for a person: capabilities granted and refused, the calls per ABI, what to do next. */
final class TraceText extends TextFormat<TraceResult> {

    @Override
    protected void print(TraceResult trace, PrintWriter out, Options options) {
        out.printf("Trace of %s (%s), %s, %.1f s%n", trace.container(), trace.image(), switch (trace.mode()) {
            case "copy" -> "a fresh copy traced from its first instruction";
            case "attach" -> "the running container, from the start of the trace";
            default -> "read from " + trace.mode();
        }, trace.seconds());
        for (String note : trace.notes()) {
            out.println("  note: " + Terminal.escape(note));
        }
        out.println();
        out.println("Capabilities (granted / refused by the kernel; the first process that asked):");
        if (trace.capabilities().isEmpty()) {
            out.println("  none checked");
        }
        trace.capabilities().forEach((name, use) -> out.printf("  %-22s %7d / %-7d pid %d %s%n", name, use.granted(), use.denied(),
                use.firstPid(), Terminal.escape(use.firstCommand())));
        out.println("  Refused checks are often the kernel's silent ones (memory accounting asks CAP_SYS_ADMIN): only granted ones are candidates.");
        out.println();
        for (Map.Entry<String, Map<String, Long>> abi : trace.syscalls().entrySet()) {
            out.printf("System calls, %s (%d distinct):%n", abi.getKey(), abi.getValue().size());
            StringBuilder line = new StringBuilder("  ");
            for (Map.Entry<String, Long> call : abi.getValue().entrySet()) {
                String item = call.getKey() + " " + call.getValue();
                if (line.length() + item.length() > 100) {
                    out.println(line.toString().stripTrailing());
                    line = new StringBuilder("  ");
                }
                line.append(item).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
        if (!trace.processes().isEmpty()) {
            out.println();
            out.println("Programs run:");
            trace.processes().forEach(process -> out.printf("  pid %-7d %s (%s)%n", process.pid(), Terminal.escape(process.file()), process.abi()));
        }
        if (trace.peaks().memoryBytes() >= 0 || trace.peaks().pids() >= 0) {
            out.println();
            out.printf("Peaks: memory %s, tasks %s%n", trace.peaks().memoryBytes() < 0 ? "unknown" : mebibytes(trace.peaks().memoryBytes()),
                    trace.peaks().pids() < 0 ? "unknown" : Long.toString(trace.peaks().pids()));
        }
        if (!trace.written().isEmpty()) {
            out.println("Written outside its mounts: " + Terminal.escape(trace.written().stream()
                    .map(change -> change.path() + " (" + change.kind() + ")").collect(java.util.stream.Collectors.joining(", "))));
        }
        out.println();
        out.println("Next: dockaudit harden " + trace.container() + " --from THIS.json (save it with --format json -o THIS.json)");
    }

    static String mebibytes(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
