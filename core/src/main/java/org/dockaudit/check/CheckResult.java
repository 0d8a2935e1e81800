package org.dockaudit.check;
import org.dockaudit.model.Target;

/** The outcome of one check on one target. */
public record CheckResult(CheckInfo check, Target target, Outcome outcome) {}
