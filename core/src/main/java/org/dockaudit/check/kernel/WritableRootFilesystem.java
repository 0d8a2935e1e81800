package org.dockaudit.check.kernel;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** A writable root lets an intruder drop tools and persist; read-only narrows what an exploit can stage. */
@CheckInfo(
        id = "KRN-003",
        title = "Writable root file system",
        severity = Severity.MEDIUM,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.13",
        remediation = "Add `--read-only`, with `--tmpfs /tmp` (and volumes) for the paths the workload writes.")
public final class WritableRootFilesystem implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        return container.bool("HostConfig", "ReadonlyRootfs")
                ? Outcome.pass("--read-only")
                : Outcome.fail(Severity.MEDIUM, List.of("HostConfig.ReadonlyRootfs is false: the root file system is writable"))
                        // mode=1777: a tmpfs takes the image's /tmp mode, and a non-root --user cannot write a /tmp that is not 1777.
                        .withFix(Fix.because("the root file system is writable").add("--read-only", "read_only", true)
                                .add("--tmpfs /tmp:mode=1777", "tmpfs", List.of("/tmp:mode=1777")).build());
    }
}
