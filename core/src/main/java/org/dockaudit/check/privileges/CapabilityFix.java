package org.dockaudit.check.privileges;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Fix;
import org.dockaudit.model.Capabilities;

/**
 * The capability fix the privilege checks share: drop them all, keep the added ones that are in
 * Docker's default set, remove the others as they were typed.
 */
final class CapabilityFix {

    private CapabilityFix() {}

    static Fix of(ContainerContext container) {
        return into(Fix.because("capabilities beyond what the workload is seen to use"), container).build();
    }

    static Fix.Builder into(Fix.Builder fix, ContainerContext container) {
        fix.add("--cap-drop ALL", "cap_drop", List.of("ALL"));
        List<String> keep = new ArrayList<>();
        for (String cap : container.strings("HostConfig", "CapAdd")) {
            String name = Capabilities.canonical(cap);
            if (DockerDefaults.CAPABILITIES.contains(name)) {
                keep.add(name.substring(4));
            } else {
                fix.remove("--cap-add " + cap, "cap_add: " + cap);
            }
        }
        keep.forEach(cap -> fix.add("--cap-add " + cap));
        if (!keep.isEmpty()) {
            fix.set("cap_add", keep);
        }
        // CONTAINER, not the name: containers that need the same flags share one block of advice.
        return fix.note("add back with --cap-add only the capabilities the workload is seen to use:"
                + " dockaudit harden CONTAINER --verify 'CMD' traces them and proves the set on a copy",
                "add back in securityContext.capabilities.add only the capabilities the workload is seen to use: dockaudit harden"
                        + " --verify traces them on a Docker host running the same image");
    }

    /** The fix when a trace of the workload says which capabilities it was granted: exactly those. */
    static Fix traced(java.util.Set<String> used) {
        Fix.Builder fix = Fix.because("capabilities its trace never saw used");
        fix.add("--cap-drop ALL", "cap_drop", List.of("ALL"));
        List<String> keep = used.stream().map(name -> name.substring(4)).toList();
        keep.forEach(cap -> fix.add("--cap-add " + cap));
        if (!keep.isEmpty()) {
            fix.set("cap_add", keep);
        }
        return fix.note("prove the set before applying it: dockaudit harden CONTAINER --from TRACE.json --verify 'CMD'").build();
    }
}
