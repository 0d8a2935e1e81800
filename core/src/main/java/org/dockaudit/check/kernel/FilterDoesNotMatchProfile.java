package org.dockaudit.check.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.RuntimeFacts;
import org.dockaudit.seccomp.PolicyDiff;

/**
 * The filter the kernel runs against the custom profile the configuration claims, compiled for
 * the container's capabilities, the host kernel and the daemon's Docker and runc versions (what
 * each of them changes is in docs/seccomp.md): a difference is a profile changed behind the
 * configuration's back, or a runtime that does not apply it as written. What the engine ignores
 * in the profile (defaultErrnoRet before Docker 23) is said in the evidence, not reported.
 */
@CheckInfo(
        id = "KRN-024",
        title = "Installed seccomp filter does not match the profile the container claims",
        severity = Severity.HIGH,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Recreate the container with its profile (`--security-opt seccomp=profile.json`) and find what "
                + "changed it (runtime hooks, another runtime, a process that loaded a filter of its own).")
public final class FilterDoesNotMatchProfile implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<JsonNode> profile = ClaimedProfile.custom(container);
        if (profile.isEmpty()) {
            return Outcome.notApplicable("no custom profile in HostConfig.SecurityOpt (the engine's default is compared by KRN-023)");
        }
        Optional<RuntimeFacts> runtime = container.runtime();
        if (runtime.isEmpty()) {
            return Outcome.notApplicable(container.unseen() + ": no installed filter to compare");
        }
        Facts.require(runtime.get().seccompFilters(), "seccomp filters of the container's init");
        SeccompAnalysis.Analysed installed = SeccompAnalysis.of(container).orElseThrow();
        SeccompAnalysis.Analysed claimed = SeccompAnalysis.compiled(profile.get(), container);
        List<PolicyDiff.Difference> differences = PolicyDiff.between(claimed.programs(), claimed.policy(),
                installed.programs(), installed.policy());
        // What the engine does otherwise than the profile says is how the profile is loaded, not drift.
        List<String> loaded = claimed.loaderNotes().stream().map(note -> "as the engine loads it: " + note).toList();
        if (differences.isEmpty()) {
            return Outcome.pass(String.join("; ", Stream.concat(
                    Stream.of("the installed filter decides as the claimed profile on every syscall of every architecture"),
                    loaded.stream()).toList()));
        }
        Stream<String> evidence = differences.stream().limit(20)
                .map(d -> d.arch().id() + " " + d.name() + ": profile " + d.left() + "; installed " + d.right());
        Stream<String> more = differences.size() > 20 ? Stream.of("... " + (differences.size() - 20) + " more") : Stream.empty();
        return Outcome.fail(Severity.HIGH, Stream.of(evidence, more, loaded.stream()).flatMap(s -> s).toList());
    }
}
