package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.dockaudit.model.Fact;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.Test;

/** An engine is on this machine, whose files and processes are then its host's, or it is not. */
class EngineLocationTest {

    private static final Fact<JsonNode> INFO = Fact.of(Json.MAPPER.createObjectNode().put("KernelVersion", "6.18.44"));
    private static final Fact<String> KERNEL = Fact.of("6.18.44");

    @Test
    void aLocalSocketOrLoopbackIsThisMachine() {
        assertThat(EngineLocation.elsewhere("unix:///var/run/docker.sock", INFO, KERNEL)).isEmpty();
        assertThat(EngineLocation.elsewhere("tcp://127.0.0.1:2375", INFO, KERNEL)).isEmpty();
        assertThat(EngineLocation.elsewhere("tcp://[::1]:2375", INFO, KERNEL)).isEmpty();
    }

    @Test
    void anAddressNoneOfThisMachinesIsAnotherMachine() {
        // TEST-NET-1 (RFC 5737): assigned to no machine.
        assertThat(EngineLocation.elsewhere("tcp://192.0.2.10:2376", INFO, KERNEL))
                .hasValueSatisfying(reason -> assertThat(reason).contains("192.0.2.10 is none of this machine's addresses"));
    }

    @Test
    void aSocketForwardedFromAnotherKernelIsAnotherMachine() {
        Fact<JsonNode> other = Fact.of(Json.MAPPER.createObjectNode().put("KernelVersion", "5.10.0-21-amd64"));
        assertThat(EngineLocation.elsewhere("unix:///tmp/forwarded.sock", other, KERNEL))
                .hasValueSatisfying(reason -> assertThat(reason).contains("runs kernel 5.10.0-21-amd64 and this machine 6.18.44"));
        // Off the host's kernel (a fixture tree) there is nothing to compare.
        assertThat(EngineLocation.elsewhere("unix:///tmp/forwarded.sock", other, Fact.unknown("not on the host's kernel"))).isEmpty();
    }
}
