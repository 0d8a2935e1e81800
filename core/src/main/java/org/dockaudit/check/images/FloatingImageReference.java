package org.dockaudit.check.images;

import java.util.List;
import java.util.regex.Pattern;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;

/**
 * The image reference the container was created from ({@code Config.Image}): with no tag, or the
 * tag {@code latest}, and no digest, it names whatever was pushed last. The next pull or restart
 * on another node may run code nobody reviewed, and the audit cannot say which. A digest
 * ({@code @sha256:...}) pins it; a container created from an image id names no tag at all and is
 * pinned too.
 */
@CheckInfo(
        id = "IMG-007",
        title = "Container created from a floating image reference (latest, or no tag)",
        severity = Severity.LOW,
        area = Area.IMAGES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "5.28",
        remediation = "Create the container from a versioned tag, better from a digest: `image: nginx:1.27.3` or"
                + " `nginx@sha256:...` (`docker inspect --format '{{index .RepoDigests 0}}' IMAGE` gives it).")
public final class FloatingImageReference implements ContainerCheck {

    /** An image id, whole or abbreviated; compiled once, as every container is checked. */
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{12,64}");

    private static String withoutAlgorithm(String id) {
        return id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
    }

    @Override
    public Outcome evaluate(ContainerContext container) {
        String reference = container.string("Config", "Image");
        if (reference.isEmpty()) {
            throw new UnknownFactException("Config.Image is empty: the reference the container was created from is not known");
        }
        if (reference.contains("@sha256:")) {
            return Outcome.pass(reference + ": pinned by digest");
        }
        String bare = withoutAlgorithm(reference);
        if (IMAGE_ID.matcher(bare).matches() && withoutAlgorithm(container.string("Image")).startsWith(bare)) {
            return Outcome.pass(reference + ": an image id");
        }
        // The tag is what follows the last colon after the last slash (a registry's port has a colon too).
        String name = reference.substring(reference.lastIndexOf('/') + 1);
        String tag = name.contains(":") ? name.substring(name.indexOf(':') + 1) : "";
        if (!tag.isEmpty() && !tag.equals("latest")) {
            return Outcome.pass(reference + ": tag " + tag);
        }
        return Outcome.fail(Severity.LOW, List.of("Config.Image is " + reference + (tag.isEmpty() ? ": no tag, so latest" : "")
                + ": whatever was pushed last runs on the next pull"))
                .withFix(Fix.because("the image reference floats")
                        .note("create it from a versioned tag or a digest (image@sha256:...), so that what runs is what was reviewed")
                        .build());
    }
}
