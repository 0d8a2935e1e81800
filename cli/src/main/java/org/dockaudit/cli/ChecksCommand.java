package org.dockaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Checks;
import org.dockaudit.check.Cis;
import org.dockaudit.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "checks", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List every check: id, highest severity, area, title, CIS Docker Benchmark sections, remediation.")
final class ChecksCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}); sarif lists as json.")
    ReportOptions.Format format;

    private final Console console;

    ChecksCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws UserError {
        List<CheckInfo> checks = Checks.infos();
        try {
            if (format != ReportOptions.Format.text) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (CheckInfo info : checks) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", info.id());
                    row.put("title", info.title());
                    row.put("severity", info.severity());
                    row.put("area", info.area());
                    row.put("threats", List.of(info.threats()));
                    row.put("references", List.of(info.cis()).stream().map(Cis::reference).toList());
                    row.put("remediation", info.remediation());
                    rows.add(row);
                }
                Json.MAPPER.writeValue(console.out(), rows);
                console.out().write('\n');
                console.out().flush();
            } else {
                PrintWriter out = new PrintWriter(console.out(), false, StandardCharsets.UTF_8);
                for (CheckInfo info : checks) {
                    out.printf("%-9s %-9s %-23s %s%s%n", info.id(), info.severity().id(), info.area().id(), info.title(),
                            info.cis().length == 0 ? "" : " [CIS " + String.join(", ", info.cis()) + "]");
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, "cannot write the list: " + e.getMessage());
        }
        return ExitCode.OK.code;
    }
}
