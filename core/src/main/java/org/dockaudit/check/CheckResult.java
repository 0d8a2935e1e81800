package org.dockaudit.check;

/** The outcome of one check on one target. */
public record CheckResult(CheckInfo check, Target target, Outcome outcome) {}
