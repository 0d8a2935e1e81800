package org.dockaudit.cli;

import java.util.Iterator;
import org.dockaudit.report.Formats;

/** {@code --format}'s completion candidates and help: the names of one kind of result's formats. */
abstract class FormatNames implements Iterable<String> {

    private final Formats<?> formats;

    FormatNames(Formats<?> formats) {
        this.formats = formats;
    }

    @Override
    public Iterator<String> iterator() {
        return formats.names().iterator();
    }

    static final class Audit extends FormatNames {
        Audit() {
            super(Formats.AUDIT);
        }
    }

    static final class CheckList extends FormatNames {
        CheckList() {
            super(Formats.CHECKS);
        }
    }

    static final class Trace extends FormatNames {
        Trace() {
            super(Formats.TRACE);
        }
    }

    static final class Harden extends FormatNames {
        Harden() {
            super(Formats.HARDEN);
        }
    }

    static final class Diff extends FormatNames {
        Diff() {
            super(Formats.DIFF);
        }
    }

    static final class Namespaces extends FormatNames {
        Namespaces() {
            super(Formats.NAMESPACES);
        }
    }

    static final class Fleet extends FormatNames {
        Fleet() {
            super(Formats.FLEET);
        }
    }

    static final class Policy extends FormatNames {
        Policy() {
            super(Formats.POLICY);
        }
    }
}
