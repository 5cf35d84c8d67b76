package io.filesync.ui;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Keeps the window's heap near what it holds. Shenandoah, the window's collector, starts its first collections when
 * 30 % of the maximum heap is in use and later ones when what is free will not last a collection, so a million-file
 * compare grew the heap to 1–1.6 GB (its maximum is a quarter of the machine's memory) for some 230 MB that stayed
 * alive. Its soft maximum heap is a flag a running program may change; this sets it after every collection cycle to
 * what the cycle left (the live heap, and what was allocated while the cycle ran) plus as much again (at least
 * {@link #MIN_HEADROOM}), plus what the collector keeps free for itself, so that the next collection starts when the
 * heap holds about twice what the last one left.
 *
 * <p>A fixed soft maximum does not do: Shenandoah counts its evacuation reserve (5 % of the <em>maximum</em> heap)
 * against the soft maximum, so one below the live heap plus that reserve made it collect back to back, idle or not
 * (bench/README.md, "Collector settings"). Following the live heap keeps the target above that line for any size of
 * plan. Only Shenandoah is steered; with another collector (given in {@code FILESYNC_JAVA_OPTIONS}) this does
 * nothing and says so by returning false.
 */
final class HeapTarget {
    /** The least room above the live heap: a compare of tens of thousands of files allocates about this much. */
    static final long MIN_HEADROOM = 192L << 20;
    private static final long MB = 1 << 20;

    private final HotSpotDiagnosticMXBean flags;
    private final long max;
    private final int reservePercent;
    private final int minFreePercent;
    private volatile long target;

    private HeapTarget(HotSpotDiagnosticMXBean flags, long max, int reservePercent, int minFreePercent) {
        this.flags = flags;
        this.max = max;
        this.reservePercent = reservePercent;
        this.minFreePercent = minFreePercent;
    }

    /**
     * The soft maximum for {@code live} bytes left by the last collection: Shenandoah starts a collection once what
     * is free within the soft maximum, less its evacuation reserve ({@code reservePercent} of {@code max}), falls
     * below {@code minFreePercent} of the soft maximum; so that happens at {@code live} plus the headroom. Whole
     * megabytes, at most {@code max}.
     */
    static long softMax(long live, long max, int reservePercent, int minFreePercent) {
        long trigger = live + Math.max(live, MIN_HEADROOM);
        long reserve = max / 100 * reservePercent;
        double soft = (trigger + reserve) / (1 - minFreePercent / 100.0);
        return Math.min(max, ((long) soft + MB - 1) / MB * MB);
    }

    /**
     * When this JVM collects with Shenandoah, sets its soft maximum heap for an empty window and from then on after
     * every collection cycle; returns whether it does. Call once, early.
     */
    static boolean keep() {
        var collectors = ManagementFactory.getGarbageCollectorMXBeans();
        if (collectors.stream().noneMatch(c -> c.getName().startsWith("Shenandoah"))) {
            return false;
        }
        HotSpotDiagnosticMXBean flags = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        HeapTarget t;
        try {
            t = new HeapTarget(flags, Runtime.getRuntime().maxMemory(), intFlag(flags, "ShenandoahEvacReserve"),
                    intFlag(flags, "ShenandoahMinFreeThreshold"));
            t.follow(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        } catch (IllegalArgumentException e) { // a JVM without these flags, or refusing the value: leave it alone
            return false;
        }
        for (GarbageCollectorMXBean c : collectors) {
            if (c.getName().equals("Shenandoah Cycles") && c instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        t.follow(info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .mapToLong(MemoryUsage::getUsed).sum());
                    }
                }, null, null);
            }
        }
        return true;
    }

    private static int intFlag(HotSpotDiagnosticMXBean flags, String name) {
        return Integer.parseInt(flags.getVMOption(name).getValue());
    }

    private void follow(long live) {
        long soft = softMax(live, max, reservePercent, minFreePercent);
        if (soft != target) {
            target = soft;
            flags.setVMOption("SoftMaxHeapSize", Long.toString(soft));
        }
    }
}
