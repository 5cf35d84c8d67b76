package io.filesync.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one pacer of the table's rows, on a synchronous executor: turns counted, not timed. */
class PacerTest {
    /** {@code rows} waiting, taken {@code perTurn} a turn in slices of {@code slice}; records each turn's count. */
    private static final class Rows implements Pacer.Work {
        int left;
        final int perTurn;
        final int slice;
        final List<Integer> turns = new ArrayList<>();
        final List<Integer> slices = new ArrayList<>();

        Rows(int left, int perTurn, int slice) {
            this.left = left;
            this.perTurn = perTurn;
            this.slice = slice;
        }

        @Override
        public int left() {
            return left;
        }

        @Override
        public int perTurn() {
            return perTurn;
        }

        @Override
        public int slice() {
            return slice;
        }

        @Override
        public void take(int n) {
            slices.add(n);
            left -= n;
        }

        @Override
        public void turnTaken(int n) {
            turns.add(n);
        }
    }

    private final SynchronousTaskExecutor executor = new SynchronousTaskExecutor();
    private final List<String> after = new ArrayList<>();

    /** A pacer over {@code rows} whose turns wait for the test; "done" is said once the rows are all in. */
    private Pacer pacer(Rows rows) {
        executor.holdTurns();
        Pacer pacer = new Pacer(executor, rows);
        pacer.afterwards(() -> after.add("done"));
        return pacer;
    }

    @Test
    void aFloodIsTakenATurnAtATimeAndWhatWaitsForItRunsOnceItIsAllIn() {
        Rows rows = new Rows(250, 100, 64);
        Pacer pacer = pacer(rows);
        pacer.turn();
        assertEquals(List.of(100), rows.turns, "one turn now");
        assertEquals(List.of(64, 36), rows.slices, "in slices, the last cut to the turn's share");
        assertEquals(List.of(), after);
        pacer.turn(); // a batch arriving meanwhile takes a turn of its own, and schedules no second next turn
        assertEquals(1, executor.nextTurns(), "the rest in the next turn");
        assertEquals(List.of(100, 100, 50), rows.turns);
        assertEquals(List.of("done"), after);
        pacer.afterwards(() -> after.add("now"));
        assertEquals(List.of("done", "now"), after, "nothing waiting: at once");
    }

    @Test
    void droppedRowsTakeWhatWaitedForThemWithThem() {
        Rows rows = new Rows(30, 10, 10);
        Pacer pacer = pacer(rows);
        pacer.turn();
        rows.left = 0; // the plan was forgotten
        pacer.forget();
        executor.nextTurns();
        assertEquals(List.of(), after);
    }
}
