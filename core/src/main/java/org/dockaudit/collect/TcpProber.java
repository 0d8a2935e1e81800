package org.dockaudit.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.dockaudit.model.ProbeResult;

/**
 * Probes a daemon listener on the wire: first plain HTTP, then TLS without a client certificate.
 * It sends {@code GET /version} only, which changes nothing, and only to addresses the daemon
 * itself listens on.
 */
public final class TcpProber implements Prober {

    private static final byte[] REQUEST = "GET /version HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int TLS_ALERT = 0x15;

    private final int timeoutMillis;

    public TcpProber(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public ProbeResult probe(String address, int port) throws IOException {
        String plain;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            plain = exchange(socket);
        }
        if (isDockerApi(plain)) {
            return ProbeResult.PLAIN_HTTP_API;
        }
        // Go's TLS server answers plain HTTP with a 400 "client sent an HTTP request to an HTTPS
        // server", or with a TLS alert record.
        boolean mayBeTls = plain.isEmpty() || plain.contains("HTTPS server") || plain.charAt(0) == TLS_ALERT;
        if (!mayBeTls) {
            return ProbeResult.NOT_DOCKER_API;
        }
        try (SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(address, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            try {
                socket.startHandshake();
            } catch (SSLException e) {
                if (String.valueOf(e.getMessage()).contains("nrecognized SSL message")) {
                    return ProbeResult.NOT_DOCKER_API;
                }
                // TLS 1.2 refuses a client without certificate during the handshake.
                return ProbeResult.TLS_CLIENT_CERT_REQUIRED;
            }
            String response;
            try {
                response = exchange(socket);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                // TLS 1.3 completes the client's handshake first, then refuses: an alert, or a
                // connection closed under the request.
                return ProbeResult.TLS_CLIENT_CERT_REQUIRED;
            }
            if (isDockerApi(response)) {
                return ProbeResult.TLS_WITHOUT_CLIENT_AUTH;
            }
            return response.isEmpty() ? ProbeResult.TLS_CLIENT_CERT_REQUIRED : ProbeResult.NOT_DOCKER_API;
        }
    }

    private static String exchange(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(REQUEST);
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while (total < buffer.length && (read = in.read(buffer, total, buffer.length - total)) > 0) {
            total += read;
        }
        return new String(buffer, 0, total, StandardCharsets.ISO_8859_1);
    }

    private static boolean isDockerApi(String response) {
        return response.startsWith("HTTP/1.") && response.contains(" 200 ") && response.contains("\"ApiVersion\"");
    }

    /**
     * Trusts any server certificate: the probe sends no secret and only asks whether a client
     * without a certificate is let in; the server's identity does not change that answer.
     */
    private static SSLContext trustingContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("no TLS implementation: " + e.getMessage(), e);
        }
    }
}
