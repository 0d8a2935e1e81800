package org.dockaudit.check.daemon;

import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * {@code --storage-opt dm.basesize=...} of dockerd, else {@code storage-opts} of daemon.json: a
 * larger base device lets every container grow its writable layer that much, and the pool that
 * holds them all fills up (devicemapper; the option does nothing on overlay2).
 */
@CheckInfo(
        id = "DMN-018",
        title = "The base device size of every container is changed",
        severity = Severity.LOW,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "2.11",
        remediation = "Drop `dm.basesize` from `--storage-opt` (or `storage-opts` in daemon.json) unless a workload needs it;"
                + " give that container a volume instead.")
public final class BaseDeviceSize implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            throw new NotApplicableException("Podman's storage options are storage.conf's, not a daemon's");
        }
        Optional<HostContext.Setting> options = host.setting("--storage-opt", "storage-opts");
        List<String> basesize = options.map(setting -> setting.values().stream().filter(value -> value.contains("dm.basesize")).toList())
                .orElse(List.of());
        if (basesize.isEmpty()) {
            return Outcome.pass(options.map(setting -> "storage options without dm.basesize (" + setting.source() + ")")
                    .orElse("no storage option: Docker's default base device size"));
        }
        return Outcome.fail(Severity.LOW, List.of(String.join(", ", basesize) + " (" + options.get().source() + ")"));
    }
}
