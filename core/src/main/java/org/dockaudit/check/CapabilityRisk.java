package org.dockaudit.check;

import java.util.HashMap;
import java.util.Map;
import org.dockaudit.seccomp.DataTables;

/** How grave it is to hold a capability beyond Docker's default, and why. */
public final class CapabilityRisk {

    private record Risk(Severity severity, String why) {}

    /** The versioned table {@code capability-risk.tsv}. */
    private static final Map<String, Risk> RISKS = load();

    private static Map<String, Risk> load() {
        Map<String, Risk> risks = new HashMap<>();
        for (String[] row : DataTables.rows(CapabilityRisk.class, "capability-risk.tsv")) {
            risks.put(row[0], new Risk(Severity.fromId(row[1]), row[2]));
        }
        return Map.copyOf(risks);
    }

    private CapabilityRisk() {}

    public static Severity severity(String capability) {
        Risk risk = RISKS.get(capability);
        return risk == null ? Severity.MEDIUM : risk.severity();
    }

    /** "CAP_SYS_ADMIN (critical: mount, namespaces, ...)". */
    public static String describe(String capability) {
        Risk risk = RISKS.get(capability);
        return risk == null
                ? capability + " (medium: beyond Docker's default set)"
                : capability + " (" + risk.severity().id() + ": " + risk.why() + ")";
    }

    /** The flag form: {@code CAP_SYS_ADMIN} becomes {@code SYS_ADMIN}. */
    public static String flagName(String capability) {
        return capability.startsWith("CAP_") ? capability.substring(4) : capability;
    }
}
