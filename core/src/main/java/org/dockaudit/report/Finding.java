package org.dockaudit.report;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Target;
import org.dockaudit.check.Threat;

/** A failed check on one target, as the JSON report prints it. */
public record Finding(
        String id,
        String title,
        Severity severity,
        Area area,
        List<Threat> threats,
        Target target,
        List<String> evidence,
        String remediation,
        List<String> references) {}
