package org.dockaudit.check.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Checks;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.model.AuditRules;

/**
 * One of CIS 1.1.3 to 1.1.18: an audit watch on a file or directory of Docker's ({@code -w PATH} or
 * a {@code path=}/{@code dir=} field), both in auditd's persistent rules (what holds after the next
 * boot) and loaded in the kernel now (what {@code auditctl -l} shows, as docker-bench reads it).
 * Each path of the item that exists here must be watched; an item none of whose paths exists is
 * not applicable; no auditd at all, or the kernel's auditing off, fails the item (nothing audits
 * anything), as the benchmark counts it. When the kernel's rules cannot be read (no
 * CAP_AUDIT_CONTROL, a snapshot from elsewhere), the files decide and the evidence says so.
 */
abstract class AuditRule implements HostCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        CheckInfo info = Checks.info(this);
        AuditRules audit = Facts.require(host.host().auditRules(), "auditd's rules");
        List<String> paths = AuditRules.CANDIDATES.get(info.cis()[0]).stream().filter(audit.existing()::contains).toList();
        if (paths.isEmpty()) {
            throw new NotApplicableException("none of " + String.join(", ", AuditRules.CANDIDATES.get(info.cis()[0])) + " exists here");
        }
        if (audit.auditd() == null) {
            return Outcome.fail(Severity.LOW, List.of("auditd is not installed: nothing audits " + String.join(", ", paths)));
        }
        Optional<AuditRules.Loaded> loaded = Facts.ifKnown(audit.loaded());
        if (loaded.isPresent() && loaded.get().enabled() == 0) {
            return Outcome.fail(Severity.LOW, List.of("the kernel's auditing is off (auditctl -s: enabled 0): nothing audits "
                    + String.join(", ", paths)));
        }
        String kernelRules = loaded.map(state -> String.join("\n", state.rules())).orElse("");
        List<String> watched = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        List<String> unwatched = new ArrayList<>();
        for (String path : paths) {
            Pattern rule = Pattern.compile("(?m)^\\s*-[wa]\\s.*?(?:^|\\s|=)" + Pattern.quote(path) + "(\\s|$)|(?m)^\\s*-w\\s+" + Pattern.quote(path) + "/?(\\s|$)");
            String file = audit.rules().entrySet().stream().filter(rules -> rule.matcher(rules.getValue()).find())
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            boolean inKernel = rule.matcher(kernelRules).find();
            if (file != null && (loaded.isEmpty() || inKernel)) {
                watched.add(path + " (" + file + (loaded.isPresent() ? ", loaded" : "") + ")");
            } else if (file != null) {
                evidence.add(path + " is watched in " + file + " but not loaded in the kernel now (load it: augenrules --load)");
            } else if (inKernel) {
                evidence.add(path + " is watched now, by a rule in no rules file: lost at the next boot");
            } else {
                unwatched.add(path);
            }
        }
        if (!unwatched.isEmpty()) {
            evidence.addFirst("no audit rule watches " + String.join(", ", unwatched) + (audit.rules().isEmpty()
                    ? " (no rules file under /etc/audit)" : " in " + String.join(", ", audit.rules().keySet()))
                    + (loaded.isPresent() ? ", nor among the " + loaded.get().rules().size() + " rules loaded in the kernel" : ""));
        }
        if (!evidence.isEmpty()) {
            return Outcome.fail(Severity.LOW, evidence);
        }
        String kernel = loaded.map(state -> state.auditdPid() == 0 ? "; no auditd receives the records now (they go to the kernel log)" : "")
                .orElse("; the rules loaded in the kernel were not read: " + audit.loaded().unknown());
        return Outcome.pass("watched: " + String.join(", ", watched) + kernel);
    }
}
