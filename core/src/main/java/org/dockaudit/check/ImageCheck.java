package org.dockaudit.check;

/** A check of one image used by the audited containers. */
public non-sealed interface ImageCheck extends Check {

    Outcome evaluate(ImageContext image);
}
