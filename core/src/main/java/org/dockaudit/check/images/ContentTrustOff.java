package org.dockaudit.check.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.EnvironmentSetting;

/**
 * CIS 4.5: Docker clients verify image signatures ({@code DOCKER_CONTENT_TRUST}). It is a client
 * setting, not the daemon's: a host audit can only read where the host sets it for every login (the
 * system-wide login files) and the auditor's own environment, and any user or CI job can unset it.
 * It passes when a system-wide file enables it and none disables it, and says so.
 */
@CheckInfo(
        id = "IMG-011",
        title = "Docker content trust is not enabled for the host's clients",
        severity = Severity.LOW,
        area = Area.IMAGES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "4.5",
        remediation = "`echo DOCKER_CONTENT_TRUST=1 >> /etc/environment` so that every login pulls signed images only; a"
                + " client may still unset it, so enforce signatures where images are admitted too (a registry or"
                + " authorization-plugin policy).")
public final class ContentTrustOff implements HostCheck {

    private static final String OWN = "dockaudit's environment";
    /** What the Docker CLI's {@code strconv.ParseBool} reads as false; any other non-empty value enables trust. */
    private static final Set<String> FALSE = Set.of("0", "f", "F", "false", "FALSE", "False");
    private static final String LIMIT = "a client setting: each user, shell or CI job can unset it";

    @Override
    public Outcome evaluate(HostContext host) {
        EnvironmentSetting setting = Facts.require(host.host().contentTrust(), "DOCKER_CONTENT_TRUST");
        List<String> enabling = new ArrayList<>();
        List<String> disabling = new ArrayList<>();
        for (Map.Entry<String, String> place : setting.values().entrySet()) {
            if (!place.getKey().equals(OWN)) {
                (enabled(place.getValue()) ? enabling : disabling).add(place.getKey() + " (" + setting.variable() + "=" + place.getValue() + ")");
            }
        }
        String own = setting.values().containsKey(OWN) ? "; in " + OWN + " it is " + setting.values().get(OWN) : "";
        if (!disabling.isEmpty()) {
            return Outcome.fail(Severity.LOW, List.of("disabled in " + String.join(", ", disabling) + own + " (" + LIMIT + ")"));
        }
        if (enabling.isEmpty()) {
            return Outcome.fail(Severity.LOW, List.of(setting.variable() + " is set in none of " + String.join(", ",
                    setting.searched().stream().filter(place -> !place.equals(OWN)).toList()) + own + " (" + LIMIT + ")"));
        }
        return Outcome.pass("enabled in " + String.join(", ", enabling) + own + " (" + LIMIT + ")");
    }

    private static boolean enabled(String value) {
        return !value.isEmpty() && !FALSE.contains(value);
    }
}
