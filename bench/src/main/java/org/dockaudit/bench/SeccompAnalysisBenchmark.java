package org.dockaudit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.dockaudit.seccomp.Policy;
import org.dockaudit.seccomp.Program;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full analysis (every architecture, every syscall, argument conditions) of Docker 20.10's default
 * filter as runc installs it on x86_64: 974 instructions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SeccompAnalysisBenchmark {

    private byte[] bytes;
    private Program program;

    @Setup
    public void load() throws Exception {
        try (InputStream in = Program.class.getResourceAsStream("/org/dockaudit/seccomp/reference/docker-20.10-default-x86_64.bpf")) {
            bytes = in.readAllBytes();
        }
        program = Program.decode(bytes);
    }

    @Benchmark
    public Policy analyzeDockerDefault() {
        return Policy.of(program);
    }

    @Benchmark
    public Policy decodeValidateAndAnalyze() throws Exception {
        return Policy.of(Program.decode(bytes));
    }

    public static void main(String[] args) throws IOException {
        org.openjdk.jmh.Main.main(args);
    }
}
