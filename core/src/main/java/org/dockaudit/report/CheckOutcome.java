package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.dockaudit.check.Outcome;
import org.dockaudit.model.Target;

/** One check on one target: {@code pass}, {@code fail}, {@code not-applicable}, {@code unknown} or {@code error}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckOutcome(String id, Target target, Outcome.Status outcome, String detail) {}
