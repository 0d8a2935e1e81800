package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A swarm service's hardening as {@code docker service update} flags: a service is changed by
 * updating it, and its flags are not {@code docker run}'s ({@code --limit-memory},
 * {@code --mount-rm}, {@code --restart-condition}). Translated from the Compose form of the fixes,
 * as {@link ManifestFix} is; what a service cannot say (no-new-privileges, a seccomp profile, a
 * published address) is named ({@code byHand}), never dropped.
 *
 * @param update the flags of one {@code docker service update}, in the order of the fixes
 * @param byHand what a service has no flag for, as its Compose key
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceFix(List<String> update, List<String> byHand) {

    /** The command that applies {@link #update} to the service a target ({@code service/NAME}) stands for; empty when none. */
    String command(String target) {
        return update.isEmpty() ? "" : "docker service update " + String.join(" ", update) + " " + target.replaceFirst("^service/", "");
    }

    /** The service form of a merged fix: its Compose keys to set and to delete. */
    static ServiceFix of(Map<String, Object> composeSet, List<String> composeDelete) {
        Set<String> update = new LinkedHashSet<>();
        List<String> byHand = new ArrayList<>();
        composeSet.forEach((key, value) -> {
            switch (key) {
                case "cap_drop" -> ((List<?>) value).forEach(cap -> update.add("--cap-drop " + cap));
                case "cap_add" -> ((List<?>) value).forEach(cap -> update.add("--cap-add " + cap));
                case "read_only" -> update.add("--read-only");
                case "user" -> update.add("--user " + value);
                case "mem_limit" -> update.add("--limit-memory " + value);
                case "cpus" -> update.add("--limit-cpu " + value);
                case "pids_limit" -> update.add("--limit-pids " + value);
                case "tmpfs" -> ((List<?>) value).forEach(entry -> {
                    String[] pathAndOptions = entry.toString().split(":", 2);
                    String mode = pathAndOptions.length > 1 ? pathAndOptions[1].replaceFirst("^mode=", "") : "";
                    update.add("--mount-add type=tmpfs,destination=" + pathAndOptions[0] + (mode.isEmpty() ? "" : ",tmpfs-mode=" + mode));
                });
                case "restart" -> {
                    String[] policy = value.toString().split(":", 2);
                    update.add("--restart-condition " + (policy[0].equals("no") ? "none" : policy[0]));
                    if (policy.length > 1) {
                        update.add("--restart-max-attempts " + policy[1]);
                    }
                }
                // Swarm's services take no security options: a daemon-wide default is the way.
                case "security_opt" -> ((List<?>) value).forEach(option -> byHand.add("security_opt: " + option
                        + (option.toString().startsWith("no-new-privileges")
                                ? " (a service cannot set it: no-new-privileges in each node's daemon.json)" : "")));
                default -> byHand.add(key + ": " + Hardening.yaml(value));
            }
        });
        for (String entry : composeDelete) {
            Hardening.ComposeDeletion deletion = Hardening.ComposeDeletion.of(entry);
            String item = deletion.item();
            switch (deletion.key()) {
                // Updating drops an added capability by naming it in the drop list.
                case "cap_add" -> update.add("--cap-drop " + item);
                case "volumes" -> {
                    String[] bind = item.split(":");
                    update.add("--mount-rm " + (bind.length > 1 ? bind[1] : bind[0]));
                }
                case "ports" -> {
                    String[] parts = item.split(":");
                    update.add("--publish-rm " + (parts.length > 1 ? parts[parts.length - 1] : parts[0]));
                }
                // Replaced by the policy set above.
                case "restart" -> { }
                default -> byHand.add("delete " + entry);
            }
        }
        return new ServiceFix(List.copyOf(update), List.copyOf(byHand));
    }
}
