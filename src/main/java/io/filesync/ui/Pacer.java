package io.filesync.ui;

import java.util.concurrent.TimeUnit;

/**
 * Spreads work on the table's rows over turns of the UI thread, so that a frame can be drawn in between: a turn now,
 * the next ones {@link #TURN_GAP_MILLIS} apart, each of at most {@link Work#perTurn} rows and, past its first slice,
 * {@link #TURN_BUDGET_NANOS}. The table has two such floods, a large plan's rows arriving and a sync's row updates;
 * this is the one pacer both go through.
 */
final class Pacer {
    /** The time one turn may take, whatever its number of rows. */
    static final long TURN_BUDGET_NANOS = 8_000_000;
    static final long TURN_GAP_MILLIS = 15;

    /** Rows waiting for the UI thread. */
    interface Work {
        /** How many rows are waiting. */
        int left();

        /** The most rows one turn may take now. */
        int perTurn();

        /** How many rows are taken between two looks at the clock. */
        int slice();

        /** Takes the next {@code n} rows ({@code 0 < n <= left()}). */
        void take(int n);

        /** After a turn that took {@code n > 0} rows. */
        default void turnTaken(int n) {
        }
    }

    private final TaskExecutor executor;
    private final Work work;
    private boolean scheduled;
    private Runnable whenDone;

    Pacer(TaskExecutor executor, Work work) {
        this.executor = executor;
        this.work = work;
    }

    /** Takes one turn's worth now; schedules the next turn if rows are left, or runs what waits for them if none is. */
    void turn() {
        long deadline = System.nanoTime() + TURN_BUDGET_NANOS;
        int max = work.perTurn();
        int taken = 0;
        while (work.left() > 0 && taken < max && (taken == 0 || System.nanoTime() < deadline)) {
            int n = Math.min(Math.min(work.slice(), max - taken), work.left());
            work.take(n);
            taken += n;
        }
        if (taken > 0) {
            work.turnTaken(taken);
        }
        if (work.left() > 0) {
            if (!scheduled) {
                scheduled = true;
                executor.later(TURN_GAP_MILLIS, TimeUnit.MILLISECONDS, () -> {
                    scheduled = false;
                    turn();
                });
            }
        } else if (whenDone != null) {
            Runnable next = whenDone;
            whenDone = null;
            next.run();
        }
    }

    /** Runs {@code next} once no row is left: now if none is. */
    void afterwards(Runnable next) {
        if (work.left() == 0) {
            next.run();
        } else {
            whenDone = next;
        }
    }

    /** Drops what waited for the rows (they were dropped too). */
    void forget() {
        whenDone = null;
    }
}
