package org.dockaudit.collect;

import java.io.IOException;
import org.dockaudit.model.ProbeResult;

/** Asks a TCP listener of the daemon, as a client with no credential, whether it answers. */
public interface Prober {

    ProbeResult probe(String address, int port) throws IOException;
}
