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
        return fix.note("add back with --cap-add only the capabilities the workload is seen to use");
    }
}
