package org.dockaudit.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The report as one self-contained HTML page (the layout is {@code src/main/jte/report.jte}, the
 * content {@link HtmlPage}): styles and scripts inlined, and a content security policy that lets
 * the page fetch nothing, so that it opens the same offline, from a mail or an archive.
 */
final class HtmlReport implements ReportFormat<AuditReport> {

    /** Made when a page is first written, not when the formats are listed: every command lists them. */
    private static final class Page {
        /** The templates, compiled to Java when the project is built: no compiler at run time. */
        static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
                HtmlReport.class.getClassLoader(), "org.dockaudit.report.html");
        static final String CSS = resource("report.css");
        static final String SCRIPT = resource("report.js");
    }

    @Override
    public String name() {
        return "html";
    }

    @Override
    public void write(AuditReport report, OutputStream out, Options options) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        Page.TEMPLATES.render("report.jte", Map.of("page", HtmlPage.of(report), "css", Page.CSS, "script", Page.SCRIPT),
                new WriterOutput(writer));
        writer.flush();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("html/" + name)) {
            if (in == null) {
                throw new IllegalStateException("html/" + name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
