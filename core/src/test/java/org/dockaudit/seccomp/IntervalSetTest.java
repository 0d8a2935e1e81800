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
    void membershipIsFoundAmongManyHoles() {
        IntervalSet set = IntervalSet.ALL;
        for (long hole = 10; hole <= 1000; hole += 10) {
            set = set.narrow(JumpOp.JEQ, hole, false);
        }
        set = set.narrow(JumpOp.JGT, 2000, false); // {0-9, 11-19, ..., 991-999, 1001-2000}
        for (long value = 0; value <= 2100; value++) {
            boolean hole = value >= 10 && value <= 1000 && value % 10 == 0;
            boolean expected = value <= 2000 && !hole;
            assertThat(set.contains(value)).as("%d", value).isEqualTo(expected);
        }
        assertThat(set.contains(IntervalSet.MAX)).isFalse();
        assertThat(IntervalSet.EMPTY.contains(0)).isFalse();
        assertThat(set.narrow(JumpOp.JEQ, 10, false)).isSameAs(set).isEqualTo(set);
    }

    @Test
    void piecesStartWhereAnySetStartsOrEnds() {
        IntervalSet low = IntervalSet.ALL.narrow(JumpOp.JGT, 9, false).narrow(JumpOp.JEQ, 4, false); // {0-3, 5-9}
        IntervalSet high = IntervalSet.ALL.narrow(JumpOp.JGE, 7, true); // {7-4294967295}

        assertThat(IntervalSet.pieceStarts(java.util.List.of(low, high))).containsExactly(0, 4, 5, 7, 10);
        assertThat(IntervalSet.pieceStarts(java.util.List.of())).containsExactly(0);
    }

    @Test
    void bitTestsAreNotIntervals() {
        assertThatThrownBy(() -> IntervalSet.ALL.narrow(JumpOp.JSET, 1, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
