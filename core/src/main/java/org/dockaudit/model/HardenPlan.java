package org.dockaudit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Hardened run-time settings for one container, derived from what its workload was seen to do,
 * and, when verified, the proof that they work. Written by {@code dockaudit harden}.
 *
 * @param container the container hardened
 * @param image its image
 * @param traceMode how the trace it is derived from was made ({@code copy}, {@code attach}, {@code strace})
 * @param settings every flag to add, with its Compose key and the reason for it
 * @param removals every flag of the current configuration to drop, with the reason
 * @param command the whole {@code docker run} line, one argument per entry
 * @param compose the Compose service keys to set
 * @param composeDelete the Compose keys (or list entries) to delete
 * @param profile where the seccomp profile was written, or null when none was
 * @param notes what a flag cannot fix, or what the reader must know
 * @param proof the verification and minimisation, or null when not verified
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HardenPlan(String container, String image, String traceMode, List<Setting> settings, List<Removal> removals,
        List<String> command, Map<String, Object> compose, List<String> composeDelete, String profile, List<String> notes, Proof proof) {

    /** One flag to add ({@code --cap-add SETUID}), the same as a Compose key and value, and why. */
    public record Setting(String flag, String composeKey, Object composeValue, String reason) {}

    /** One flag to drop, and why; the Compose keys to delete are {@link #composeDelete}. */
    public record Removal(String flag, String reason) {}

    /**
     * What re-running a copy with the settings showed.
     *
     * @param command the command run on the host against the copy ({@code {ip}} replaced)
     * @param passed whether the final settings passed it
     * @param failure what broke it, when it failed: the refused capability or system call named
     * @param trials each set of settings tried, in order
     * @param provenNeeded capabilities and system calls whose removal broke the command
     * @param removed capabilities and system calls seen in the trace that the command did not need
     * @param untried candidates left untried when the time budget ran out
     */
    public record Proof(String command, boolean passed, String failure, List<Trial> trials, List<String> provenNeeded, List<String> removed,
            List<String> untried) {}

    /** One verification run: what was changed from the derived settings, whether the command passed, what broke. */
    public record Trial(String change, boolean passed, String detail, double seconds) {}

    public HardenPlan withProof(Proof proof) {
        return new HardenPlan(container, image, traceMode, settings, removals, command, compose, composeDelete, profile, notes, proof);
    }
}
