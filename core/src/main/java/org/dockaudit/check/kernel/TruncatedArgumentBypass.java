package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.seccomp.Action;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.DataTables;
import org.dockaudit.seccomp.Emulator;
import org.dockaudit.seccomp.Policy;
import org.dockaudit.seccomp.SeccompData;

/**
 * A rule comparing a 32-bit argument on 64 bits (libseccomp issue 383): the kernel drops the upper
 * half of the register, the filter does not, so garbage up there turns a refused value into an
 * allowed one that the kernel reads as the refused value.
 */
@CheckInfo(
        id = "KRN-025",
        title = "Seccomp rule on a 32-bit argument bypassed through the upper half of the register",
        severity = Severity.MEDIUM,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Write the rule so that it does not depend on the upper 32 bits: allow-list the values "
                + "(SCMP_CMP_EQ on allowed ones) instead of refusing one with SCMP_CMP_NE, or use SCMP_CMP_MASKED_EQ with mask 0xffffffff; "
                + "then run with `--security-opt seccomp=profile.json`.")
public final class TruncatedArgumentBypass implements ContainerCheck {

    private static final Map<String, List<Integer>> INT_ARGUMENTS = load();

    @Override
    public Outcome evaluate(ContainerContext container) {
        return SeccompAnalysis.once(container, "KRN-025", TruncatedArgumentBypass::evaluate);
    }

    private static Outcome evaluate(SeccompAnalysis.Analysed analysed) {
        List<String> evidence = new ArrayList<>();
        for (Policy.ArchPolicy arch : analysed.policy().arches()) {
            if (!arch.admitsAnything() || arch.arch() == Arch.I386 || arch.arch() == Arch.ARM || arch.arch() == Arch.X32) {
                continue;
            }
            for (Policy.Rule rule : arch.conditional()) {
                List<Integer> indexes = INT_ARGUMENTS.get(rule.name());
                if (indexes == null) {
                    continue;
                }
                for (int index : indexes) {
                    bypass(analysed, arch.arch(), rule, index).ifPresent(evidence::add);
                }
            }
        }
        return evidence.isEmpty()
                ? Outcome.pass("no rule on a 32-bit argument can be turned by its upper half")
                : Outcome.fail(Severity.MEDIUM, evidence);
    }

    /** A value the filter refuses, allowed once the upper half is set: the kernel sees the same call. */
    private static Optional<String> bypass(SeccompAnalysis.Analysed analysed, Arch arch, Policy.Rule rule, int index) {
        TreeSet<Long> values = new TreeSet<>(List.of(0L, 1L));
        for (Policy.Outcome outcome : rule.outcomes()) {
            Policy.constantsIn(outcome.condition()).forEach(value -> values.add(value & 0xffffffffL));
        }
        for (long value : values) {
            long[] plain = new long[6];
            long[] upper = new long[6];
            plain[index] = value;
            upper[index] = value | 0xffffffff00000000L;
            Action refused = Emulator.runAll(analysed.programs(), new SeccompData(rule.nr(), arch.audit(), 0, plain));
            Action allowed = Emulator.runAll(analysed.programs(), new SeccompData(rule.nr(), arch.audit(), 0, upper));
            if (!refused.allows() && allowed.allows()) {
                return Optional.of(arch.id() + " " + rule.name() + "(args[" + index + "] = " + value + ") gets " + refused
                        + ", but is allowed with 0xffffffff in the upper half, which the kernel ignores");
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<Integer>> load() {
        Map<String, List<Integer>> table = new LinkedHashMap<>();
        for (String[] fields : DataTables.rows(TruncatedArgumentBypass.class, "int-arguments.tsv")) {
            List<Integer> indexes = new ArrayList<>();
            for (String index : fields[1].split(",")) {
                indexes.add(Integer.parseInt(index.strip()));
            }
            table.put(fields[0], indexes);
        }
        return table;
    }
}
