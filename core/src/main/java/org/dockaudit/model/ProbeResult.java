package org.dockaudit.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a TCP listener of the daemon answered to a client that holds no credential. */
public enum ProbeResult {
    /** Plain HTTP {@code GET /version} answered: anyone who reaches the port is root on the host. */
    PLAIN_HTTP_API("plain-http-api"),
    /** TLS accepted a client without certificate and the API answered: no mutual authentication. */
    TLS_WITHOUT_CLIENT_AUTH("tls-without-client-auth"),
    /** TLS refused a client without certificate: mutual authentication enforced. */
    TLS_CLIENT_CERT_REQUIRED("tls-client-cert-required"),
    /** Something answered that is neither: not the Docker API as far as the probe can tell. */
    NOT_DOCKER_API("not-docker-api");

    private final String id;

    ProbeResult(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
