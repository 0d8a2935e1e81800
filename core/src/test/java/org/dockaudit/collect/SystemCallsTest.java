package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class SystemCallsTest {

    @Test
    void aCallReturnsTheKernelsAnswer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = SystemCalls.errnoState(arena);
            assertThat(SystemCalls.call(state, SystemCalls.number("getpid"))).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void aFailedCallReturnsMinusOneAndSetsErrno() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = SystemCalls.errnoState(arena);
            assertThat(SystemCalls.call(state, SystemCalls.number("close"), -1)).isEqualTo(-1);
            assertThat(SystemCalls.errno(state)).isEqualTo(9); // EBADF
        }
    }

    @Test
    void pointersAndSeveralArgumentsReachTheKernel() {
        // wait4(1, &status, WNOHANG, NULL): pid 1 is no child of this process, so -1 and ECHILD, and
        // the status is left as it was (a child of the JVM's must never be reaped here).
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = SystemCalls.errnoState(arena);
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            status.set(ValueLayout.JAVA_INT, 0, 42);
            assertThat(SystemCalls.call(state, SystemCalls.number("wait4"), 1, status.address(), 1, 0)).isEqualTo(-1);
            assertThat(SystemCalls.errno(state)).isEqualTo(10); // ECHILD
            assertThat(status.get(ValueLayout.JAVA_INT, 0)).isEqualTo(42);
        }
    }

    @Test
    void anUnknownCallOrTooManyArgumentsAreRefused() {
        assertThatThrownBy(() -> SystemCalls.number("no_such_call")).hasMessageContaining("no_such_call");
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> SystemCalls.call(SystemCalls.errnoState(arena), 0, 1, 2, 3, 4, 5, 6, 7))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
