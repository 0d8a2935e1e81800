package org.dockaudit.report;

import java.util.Map;

/**
 * Counts for the report's header.
 *
 * @param targets    by kind ({@code container}: 12)
 * @param outcomes   by outcome, over every check and target
 * @param findings   by severity, every severity present with 0 when none
 */
public record Summary(Map<String, Integer> targets, Map<String, Integer> outcomes, Map<String, Integer> findings, int total) {}
