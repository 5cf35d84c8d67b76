package io.filesync.engine;

import io.filesync.engine.copy.CopyRun;
import io.filesync.engine.copy.ThreadChoice;
import io.filesync.engine.plan.Matching;
import io.filesync.engine.plan.NameMatching;
import io.filesync.engine.plan.PathMatching;
import io.filesync.engine.report.Inventory;
import io.filesync.engine.report.RunLogs;
import io.filesync.engine.report.RunReport;
import io.filesync.engine.scan.TreeWalker;
import io.filesync.engine.scan.Volumes;
import io.filesync.engine.state.Checkpoint;
import io.filesync.engine.state.CheckpointStore;
import io.filesync.engine.state.DestinationLock;
import io.filesync.engine.state.NameJournal;
import io.filesync.engine.state.TempNames;
import io.filesync.engine.verify.Verification;
import io.filesync.files.FileTimes;
import io.filesync.platform.FileOps;
import io.filesync.platform.MountedDevice;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The FileSync engine: scan → plan → copy → report. Plain Java with no UI; the CLI and the window are views
 * over its {@link SyncListener} events and drive it with a {@link RunControl}.
 *
 * <pre>{@code
 * SyncEngine engine = new SyncEngine(FilesyncHome.resolve(null));
 * Plan plan = engine.plan(SyncPair.of(src, dst), MatchMode.PATH, listener, control);
 * RunSummary done = engine.sync(plan, plan.pending(), SyncOptions.defaults(), listener, control);
 * }</pre>
 */
public final class SyncEngine {
    private final FilesyncHome home;
    private final FileOps ops;
    private final Clock clock;

    public SyncEngine(FilesyncHome home) {
        this(home, FileOps.forThisSystem(), Clock.systemUTC());
    }

    SyncEngine(FilesyncHome home, FileOps ops, Clock clock) {
        this.home = home;
        this.ops = ops;
        this.clock = clock;
    }

    public FilesyncHome home() {
        return home;
    }

    /**
     * The times of what the destination holds at {@code entry}'s place in {@code plan}, read as a sync reads them back
     * (the creation time from wherever the volume keeps it), or null when nothing is there. Reads metadata only: for
     * a view that shows a copy's times beside its source's.
     */
    public FileTimes destinationTimes(Plan plan, PlanEntry entry) throws IOException {
        try {
            return ops.stat(plan.pair().destination().resolve(entry.target())).times();
        } catch (NoSuchFileException nothingThere) {
            return null;
        }
    }

    /**
     * Scans both folders and puts every source entry in a category. Reads metadata only: touches nothing in the
     * source or the destination. Writes the destination inventory and, if a checkpoint says files were copied
     * before and are gone now, the missing-files log.
     *
     * @throws CancelledException when {@code control} is cancelled
     */
    public Plan plan(SyncPair pair, MatchMode mode, SyncListener listener, RunControl control) throws IOException {
        return plan(pair, mode, Exclusions.NONE, listener, control);
    }

    /** The plan, leaving out the source entries {@code exclusions} match (each planned as skipped, with its pattern). */
    public Plan plan(SyncPair pair, MatchMode mode, Exclusions exclusions, SyncListener listener, RunControl control)
            throws IOException {
        requireUtf8FileNames();
        home.ensureExists();
        try (RunLogs logs = new RunLogs(home, pair, "plan (match by " + mode.name().toLowerCase()
                + (exclusions.isEmpty() ? "" : "; excluding " + exclusions) + ")", clock)) {
            return plan(pair, mode, exclusions, listener, control, logs);
        }
    }

    private Plan plan(SyncPair pair, MatchMode mode, Exclusions exclusions, SyncListener listener, RunControl control,
                      RunLogs logs) throws IOException {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        CheckpointStore.Loaded loaded = new CheckpointStore(home, clock).load(pair);
        warnings.addAll(loaded.warnings());
        Checkpoint checkpoint = loaded.checkpoint();
        VolumeInfo volume = Volumes.describe(pair.destination(), ops);
        if (MountedDevice.of(pair.destination()).ntfs3gWithoutBigWrites()) {
            warnings.add(NTFS_3G_SMALL_WRITES);
        }
        Set<String> runIds = checkpoint.runIds();
        Set<String> ownNames = NameJournal.load(NameJournal.fileFor(home, pair), clock, warnings);
        Matching matching;
        try (Inventory inventory = logs.openInventory()) {
            matching = mode == MatchMode.PATH
                    ? new PathMatching(ops, pair, volume.modifiedResolution(), inventory, runIds, ownNames)
                    : new NameMatching(ops, pair, volume.modifiedResolution(), inventory, runIds);
            try {
                new TreeWalker(ops, control, listener, warnings, mode == MatchMode.PATH
                        ? TreeWalker.CreationTimes.WHERE_NO_DESTINATION_FOLDER : TreeWalker.CreationTimes.BIRTH_ONLY,
                        volume.names(), exclusions)
                        .walk(pair, matching, scanThreads());
            } catch (Matching.UnreadableRootException e) {
                throw new IOException("The source folder " + pair.source() + " cannot be read: " + e.getMessage());
            }
            matching.finish();
        }
        List<PlanEntry> entries = matching.sortedEntries(); // a list of its own, sorted: changed in place below
        List<String> missing = new ArrayList<>();
        // files and bytes per category, by ordinal: a Tally made per entry was 38 MB of a million-file compare's
        // allocation (C1, the launchers' only compiler, does not remove it)
        long[] files = new long[Category.values().length];
        long[] bytes = new long[files.length];
        long folders = 0;
        boolean anyCompleted = checkpoint.completedCount() > 0; // else no entry need be looked up (a first backup)
        for (int i = 0; i < entries.size(); i++) {
            PlanEntry e = entries.get(i);
            if (anyCompleted && e.category() == Category.PENDING && !e.damagedCopy()
                    && checkpoint.wasCompleted(e.path())) {
                e = e.withCopiedBefore();
                entries.set(i, e);
                missing.add(e.path());
            }
            if (e.isFolder()) {
                folders += e.category() == Category.PENDING ? 1 : 0;
                if (e.category() == Category.PENDING) {
                    continue;
                }
            }
            if (e.category() == Category.PRESENT) {
                throw new IllegalStateException("present entries are only counted");
            }
            files[e.category().ordinal()]++;
            bytes[e.category().ordinal()] += e.size();
        }
        Tally pending = tally(files, bytes, Category.PENDING), differs = tally(files, bytes, Category.DIFFERS);
        Tally skipped = tally(files, bytes, Category.SKIPPED), conflicts = tally(files, bytes, Category.CONFLICT);
        logs.missing(missing);
        for (String w : warnings) {
            logs.error(w);
            listener.warning(w);
        }
        PlanSummary summary = new PlanSummary(pending, matching.present(), differs, skipped, conflicts, folders,
                matching.destinationFiles());
        logs.info("plan: " + pending.files() + " files (" + pending.bytes() + " bytes) and " + folders
                + " folders pending, " + summary.present().files() + " present, " + differs.files() + " differ, "
                + skipped.files() + " skipped, " + conflicts.files() + " conflicts; " + volume.sentence());
        Plan plan = new Plan(pair, mode, clock.instant(), Collections.unmodifiableList(entries), summary,
                List.copyOf(missing), matching.leftovers(), checkpoint.foldersAwaitingTimes(), volume,
                List.copyOf(warnings));
        listener.planReady(plan);
        return plan;
    }

    private static Tally tally(long[] files, long[] bytes, Category c) {
        return new Tally(files[c.ordinal()], bytes[c.ordinal()]);
    }

    /**
     * Copies {@code selection} (pending entries of {@code plan}; usually {@link Plan#pending()}). Holds the
     * destination's run lock throughout; saves the checkpoint every few seconds and at the end; writes the run
     * report. Returns normally when cancelled (see {@link RunSummary#end()}).
     *
     * @throws AlreadyRunningException another run holds the destination
     * @throws BadFoldersException     the destination is read-only
     */
    public RunSummary sync(Plan plan, List<PlanEntry> selection, SyncOptions options, SyncListener listener,
                           RunControl control) throws IOException, AlreadyRunningException, BadFoldersException {
        requireUtf8FileNames();
        SyncPair pair = plan.pair();
        pair.requireWritableDestination();
        home.ensureExists();
        Instant started = clock.instant();
        String runId = TempNames.newRunId();
        DestinationLock lock = DestinationLock.acquire(home, pair, clock); // held for the whole run
        ThreadChoice choice = options.threads() == SyncOptions.BY_DESTINATION
                ? ThreadChoice.of(MountedDevice.of(pair.destination()), plan.destinationVolume())
                : new ThreadChoice(options.threads(), "as asked");
        options = options.withThreads(choice.threads());
        try (lock;
             RunLogs logs = new RunLogs(home, pair, "sync (run " + runId + ", " + options.threads() + " threads"
                     + (options.verify() ? ", verify" : "") + ")", clock)) {
            CheckpointStore store = new CheckpointStore(home, clock);
            CheckpointStore.Loaded loaded = store.load(pair);
            for (String w : loaded.warnings()) {
                logs.error(w);
                listener.warning(w);
            }
            Checkpoint checkpoint = loaded.checkpoint();
            checkpoint.startRun(runId);
            logs.info(choice.threads() + (choice.threads() == 1 ? " copy thread: " : " copy threads: ") + choice.why());
            logs.info("copying " + selection.size() + " entries with " + ops.describe() + "; "
                    + plan.destinationVolume().sentence());
            CopyRun run = new CopyRun(ops, pair, plan.destinationVolume(), options, listener, control, checkpoint,
                    store, logs, clock, runId);
            // A plan by name does not check the recorded names (a file found by name elsewhere is not at one): they all
            // stay recorded for the next plan by path.
            List<String> keepNames = plan.mode() == MatchMode.NAME
                    ? List.copyOf(NameJournal.load(store.namesFileFor(pair), clock, new ArrayList<>()))
                    : damagedCopiesLeftOut(plan, selection);
            RunSummary summary = run.run(selection, plan.leftoverTemporaries(), keepNames,
                    options.verify() && plan.mode() == MatchMode.PATH);
            Path reportFile = RunReport.write(home, plan, runId, started, summary, run.records());
            summary = summary.withReport(reportFile);
            logs.info("run " + summary.end().word() + ": " + summary.copied().files() + " files ("
                    + summary.copied().bytes() + " bytes) copied, " + summary.failed().size() + " failed, "
                    + summary.left() + " left; creation time not kept on " + summary.creationNotKept()
                    + "; report " + reportFile);
            listener.runFinished(summary);
            return summary;
        }
    }

    /** Damaged copies the plan found that {@code selection} leaves out: their names stay recorded for a later run. */
    private static List<String> damagedCopiesLeftOut(Plan plan, List<PlanEntry> selection) {
        List<PlanEntry> damaged = plan.entries().stream().filter(PlanEntry::damagedCopy).toList();
        if (damaged.isEmpty()) {
            return List.of();
        }
        Set<PlanEntry> selected = new HashSet<>(selection);
        return damaged.stream().filter(e -> !selected.contains(e)).map(PlanEntry::target).toList();
    }

    /**
     * What earlier runs of this pair left in its checkpoint, for a "resume" offer; empty when there is none. A
     * checkpoint that cannot be trusted is set aside here as in {@link #plan}, and {@link EarlierRun#warnings} says so.
     */
    public Optional<EarlierRun> earlierRun(SyncPair pair) throws IOException {
        CheckpointStore store = new CheckpointStore(home, clock);
        if (!Files.exists(store.fileFor(pair), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        home.ensureExists();
        CheckpointStore.Loaded loaded = store.load(pair);
        Checkpoint c = loaded.checkpoint();
        return Optional.of(new EarlierRun(c.lastRun(), c.completedCount(), c.failedCount(),
                c.foldersAwaitingTimes().size(), loaded.warnings()));
    }

    /**
     * @param lastRun "completed", "cancelled", "stopped" (destination full), "running" (it never ended: killed or
     *                crashed), or null (not recorded)
     */
    public record EarlierRun(String lastRun, int filesCopied, int filesFailed, int foldersAwaitingTimes,
                             List<String> warnings) {
        /** Whether a sync of this pair has something an earlier run left undone. */
        public boolean unfinished() {
            return lastRun != null && !lastRun.equals("completed") || filesFailed > 0 || foldersAwaitingTimes > 0;
        }
    }

    /** Checks every source file against its copy (path mode); reads both sides without moving access times. */
    public VerifyResult verify(SyncPair pair, SyncListener listener, RunControl control) throws IOException {
        return verify(pair, Exclusions.NONE, listener, control);
    }

    /** As {@link #verify(SyncPair, SyncListener, RunControl)}, not checking the source entries {@code exclusions} match. */
    public VerifyResult verify(SyncPair pair, Exclusions exclusions, SyncListener listener, RunControl control)
            throws IOException {
        requireUtf8FileNames();
        VolumeInfo volume = Volumes.describe(pair.destination(), ops);
        Verification v = new Verification(ops, pair, volume);
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try {
            new TreeWalker(ops, control, listener, warnings, TreeWalker.CreationTimes.ALL, volume.names(), exclusions)
                    .walk(pair, v, scanThreads());
        } catch (Matching.UnreadableRootException e) {
            throw new IOException("The source folder " + pair.source() + " cannot be read: " + e.getMessage());
        }
        return v.result();
    }

    /** Said once per plan onto an ntfs-3g volume whose daemon runs without {@code big_writes}. */
    static final String NTFS_3G_SMALL_WRITES = "The destination's ntfs-3g was mounted without the big_writes option"
            + " (as desktops mount it), so it writes in 4 KiB pieces; mounted with -o big_writes it copies faster.";

    private static int scanThreads() {
        // Listing and stat calls wait on the file system more than on the CPU; a few more threads than cores pays
        // on cold caches and costs nothing on warm ones.
        return Math.max(2, Math.min(8, 2 * Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Under a non-UTF-8 locale (LANG=C, cron, CI) Java decodes file names as ASCII and every other name would be
     * mangled or fail: refuse with a sentence rather than copy the wrong names.
     */
    static void requireUtf8FileNames() throws IOException {
        String jnu = System.getProperty("sun.jnu.encoding");
        if (jnu != null && !Charset.forName(jnu).equals(java.nio.charset.StandardCharsets.UTF_8)
                && System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw new IOException("Java is reading file names as " + jnu + " because no UTF-8 locale is set;"
                    + " run with LC_ALL=C.UTF-8 (the filesync launcher does this for you).");
        }
    }
}
