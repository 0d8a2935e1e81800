package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dockaudit.seccomp.Instruction.JumpOp;
import org.junit.jupiter.api.Test;

class IntervalSetTest {

    @Test
    void equalityKeepsTheValueOrRemovesIt() {
        IntervalSet set = IntervalSet.ALL.narrow(JumpOp.JGT, 9, false); // {0-9}
        assertThat(set.narrow(JumpOp.JEQ, 4, true)).hasToString("{4}");
        assertThat(set.narrow(JumpOp.JEQ, 42, true).isEmpty()).isTrue();
        assertThat(set.narrow(JumpOp.JEQ, 4, false)).hasToString("{0-3, 5-9}");
    }

    @Test
    void thresholdsSplitTheSetWithoutOverflowAtTheEnds() {
        assertThat(IntervalSet.ALL.narrow(JumpOp.JGT, 100, true)).hasToString("{101-4294967295}");
        assertThat(IntervalSet.ALL.narrow(JumpOp.JGT, 100, false)).hasToString("{0-100}");
        assertThat(IntervalSet.ALL.narrow(JumpOp.JGT, IntervalSet.MAX, true).isEmpty()).isTrue();
        assertThat(IntervalSet.ALL.narrow(JumpOp.JGE, 100, true)).hasToString("{100-4294967295}");
        assertThat(IntervalSet.ALL.narrow(JumpOp.JGE, 100, false)).hasToString("{0-99}");
        assertThat(IntervalSet.ALL.narrow(JumpOp.JGE, 0, false).isEmpty()).isTrue();
    }

    @Test
    void bitTestsAreNotIntervals() {
        assertThatThrownBy(() -> IntervalSet.ALL.narrow(JumpOp.JSET, 1, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
