package org.dockaudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The page of each check (docs/checks/ID.md, generated from its metadata, Javadoc and examples,
 * and shipped in the jar): printed by {@code dockaudit checks ID}, embedded in the HTML report.
 */
public final class CheckPages {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    // The pages are the project's own; their HTML is escaped anyway, so a page can never become markup.
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();

    private CheckPages() {}

    /** The page as Markdown; empty when this build has no page for that id. */
    public static Optional<String> markdown(String id) {
        try (InputStream page = CheckPages.class.getResourceAsStream("/org/dockaudit/check/docs/" + id + ".md")) {
            return page == null ? Optional.empty() : Optional.of(new String(page.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page of " + id + " in the jar", e);
        }
    }

    /** The page as an HTML fragment. */
    static Optional<String> html(String id) {
        return markdown(id).map(text -> RENDERER.render(PARSER.parse(text)));
    }
}
