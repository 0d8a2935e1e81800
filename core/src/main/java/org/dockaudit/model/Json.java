package org.dockaudit.model;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The one JSON configuration of the project: tolerant reader, stable indented writer; and its YAML reader. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Standard output stays open after a document is written to it.
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** The same reader for the YAML files users write (waivers); made when first asked, as most runs read none. */
    public static ObjectMapper yaml() {
        return Yaml.MAPPER;
    }

    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper.builder().build();
    }

    private Json() {}
}
