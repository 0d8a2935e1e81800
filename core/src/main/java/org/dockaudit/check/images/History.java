package org.dockaudit.check.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Facts;
import org.dockaudit.check.ImageContext;

/** An image's build instructions from its history, oldest first, each with its place for the evidence. */
final class History {

    /** One instruction: its place from the oldest layer (1), and what built it, without the classic builder's shell prefix. */
    record Step(int number, String instruction) {
        String label() {
            return "layer " + number + ": " + (instruction.length() > 160 ? instruction.substring(0, 160) + "..." : instruction);
        }
    }

    private History() {}

    static List<Step> of(ImageContext image) {
        JsonNode history = Facts.require(image.record().historyFact(), "the image's history");
        List<Step> steps = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            String createdBy = history.get(i).path("CreatedBy").asText("").strip();
            // Classic builder: "/bin/sh -c #(nop)  ADD ..." for metadata and file steps, "/bin/sh -c CMD" for RUN.
            String instruction = createdBy.replaceFirst("^/bin/sh -c #\\(nop\\)\\s+", "").replaceFirst("^/bin/sh -c ", "RUN ")
                    .replaceFirst("\\s+# buildkit$", "").strip();
            steps.add(new Step(steps.size() + 1, instruction));
        }
        return steps;
    }
}
