package org.dockaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import org.dockaudit.model.Json;

/** Any result as one JSON document and a final newline: Jackson on its record, names from its types. */
public final class JsonFormat<T> implements ReportFormat<T> {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public void write(T result, OutputStream out, Options options) throws IOException {
        Json.MAPPER.writeValue(out, result);
        out.write('\n');
        out.flush();
    }
}
