package org.dockaudit.check.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * One of CIS 1.1.3 to 1.1.18: an audit watch on a file or directory of Docker's, in auditd's
 * persistent rules ({@code -w PATH} or a {@code path=}/{@code dir=} field). Each path of the item
 * that exists here must be watched; an item none of whose paths exists is not applicable; no
 * auditd at all fails the item (nothing audits anything), as the benchmark counts it. The rules
 * loaded in the kernel right now ({@code auditctl -l}) are not read: the files are what holds
 * after the next boot.
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
        List<String> watched = new ArrayList<>();
        List<String> unwatched = new ArrayList<>();
        for (String path : paths) {
            Pattern rule = Pattern.compile("(?m)^\\s*-[wa]\\s.*?(?:^|\\s|=)" + Pattern.quote(path) + "(\\s|$)|(?m)^\\s*-w\\s+" + Pattern.quote(path) + "/?(\\s|$)");
            String file = audit.rules().entrySet().stream().filter(rules -> rule.matcher(rules.getValue()).find())
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (file == null) {
                unwatched.add(path);
            } else {
                watched.add(path + " (" + file + ")");
            }
        }
        if (unwatched.isEmpty()) {
            return Outcome.pass("watched: " + String.join(", ", watched));
        }
        return Outcome.fail(Severity.LOW, List.of("no audit rule watches " + String.join(", ", unwatched) + (audit.rules().isEmpty()
                ? " (no rules file under /etc/audit)" : " in " + String.join(", ", audit.rules().keySet()))));
    }
}
