package org.dockaudit.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dockaudit.check.Auditor;
import org.dockaudit.model.Snapshot;
import org.dockaudit.report.AuditReport;
import org.dockaudit.report.Formats;
import org.dockaudit.report.ReportFormat;
import org.dockaudit.snapshot.SnapshotFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing the report once the analysis is done: the condensed text, the HTML page and the JSON, of
 * the snapshot bench/report.sh makes (500 containers by default).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReportBenchmark {

    /** The snapshot file (-p snapshot=PATH). */
    @Param("")
    public String snapshot;

    private AuditReport report;

    @Setup
    public void analyze() throws Exception {
        if (snapshot.isEmpty()) {
            throw new IllegalArgumentException("give the snapshot: -p snapshot=PATH (bench/report.sh makes one)");
        }
        Snapshot facts = SnapshotFiles.read(Path.of(snapshot));
        report = AuditReport.of(facts, Auditor.withAllChecks().audit(facts));
    }

    @Benchmark
    public void condensedText() throws IOException {
        write("text");
    }

    @Benchmark
    public void html() throws IOException {
        write("html");
    }

    @Benchmark
    public void json() throws IOException {
        write("json");
    }

    private void write(String format) throws IOException {
        Formats.AUDIT.named(format).orElseThrow().write(report, OutputStream.nullOutputStream(), ReportFormat.Options.PLAIN);
    }
}
