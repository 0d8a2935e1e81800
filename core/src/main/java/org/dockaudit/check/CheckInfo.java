package org.dockaudit.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** All the metadata of a check, in one place. Ids are stable and never reused. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CheckInfo {

    String id();

    String title();

    /** The highest severity the check reports; a failure may rate itself lower from what it saw. */
    Severity severity();

    Area area();

    /**
     * Other audit points of the recap table the finding also counts for: a container that holds
     * the Docker socket is an isolation failure and also an open control interface.
     */
    Area[] alsoCountsFor() default {};

    Threat[] threats();

    /** Sections of the CIS Docker Benchmark, version {@link Cis#VERSION}; empty where it has none. */
    String[] cis() default {};

    /** What to do, naming the exact {@code docker run} flag; a failure may give a precise one. */
    String remediation();
}
