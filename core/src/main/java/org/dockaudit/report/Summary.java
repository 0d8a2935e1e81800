package org.dockaudit.report;

import java.util.Map;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Target;

/**
 * Counts for the report's header.
 *
 * @param targets    by kind ({@code container}: 12)
 * @param outcomes   by outcome, over every check and target
 * @param findings   by severity, every severity present with 0 when none
 */
public record Summary(Map<Target.Kind, Integer> targets, Map<Outcome.Status, Integer> outcomes, Map<Severity, Integer> findings, int total) {}
