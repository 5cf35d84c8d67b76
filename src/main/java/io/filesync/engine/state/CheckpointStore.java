package io.filesync.engine.state;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonWriter;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncPair;
import io.filesync.engine.UnsharedWriter;
import io.filesync.engine.report.Escape;
import io.filesync.engine.report.PrivateFiles;
import io.filesync.engine.report.Reasons;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads and saves a pair's checkpoint as {@code checkpoints/<pair id>.json} in the FileSync home. Saving writes a
 * temporary file, flushes it to the device and renames it over the old one, so a crash leaves either the old or
 * the new checkpoint, never half of one. A checkpoint that is not valid JSON, belongs to another pair, or holds a
 * path that is absolute or climbs out with {@code ..} is set aside (renamed {@code .rejected-…}) and not used.
 */
public final class CheckpointStore {
    /** Windows: a backslash separates folders and {@code C:} names a drive, so neither may be in a kept path. */
    private static final boolean BACKSLASH_SEPARATES =
            java.nio.file.FileSystems.getDefault().getSeparator().equals("\\");
    private static final Gson GSON = new Gson();
    private final FilesyncHome home;
    private final Clock clock;

    public CheckpointStore(FilesyncHome home, Clock clock) {
        this.home = home;
        this.clock = clock;
    }

    public record Loaded(Checkpoint checkpoint, List<String> warnings) {
    }

    public Path fileFor(SyncPair pair) {
        return home.checkpoints().resolve(pair.id() + ".json");
    }

    /** Where {@link NameJournal} records the names syncs of {@code pair} give. */
    public Path namesFileFor(SyncPair pair) {
        return NameJournal.fileFor(home, pair);
    }

    public Loaded load(SyncPair pair) throws IOException {
        Path file = fileFor(pair);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Loaded(new Checkpoint(pair), List.of());
        }
        String problem;
        try (Reader r = new InputStreamReader(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                StandardCharsets.UTF_8)) {
            Checkpoint.Data d = GSON.fromJson(r, Checkpoint.Data.class);
            problem = problemWith(d, pair);
            if (problem == null) {
                return new Loaded(Checkpoint.of(pair, d), List.of());
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            problem = "it cannot be read (" + Reasons.of(e) + ")";
        }
        Path aside = file.resolveSibling(file.getFileName() + ".rejected-" + clock.millis());
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        return new Loaded(new Checkpoint(pair), List.of("The checkpoint " + file + " was set aside as " + aside
                + " because " + problem + "; this run does not use it. Nothing is lost: files already copied are"
                + " found in the destination."));
    }

    private static String problemWith(Checkpoint.Data d, SyncPair pair) {
        if (d == null) {
            return "it is empty";
        }
        if (d.version() != Checkpoint.VERSION) {
            return "it has version " + d.version() + ", not " + Checkpoint.VERSION;
        }
        if (!pair.source().toString().equals(d.source()) || !pair.destination().toString().equals(d.destination())) {
            return "it belongs to another pair of folders (" + d.source() + " -> " + d.destination() + ")";
        }
        if (d.runIds() == null || d.completed() == null || d.failed() == null || d.foldersAwaitingTimes() == null) {
            return "it lacks required fields";
        }
        if (d.lastRun() != null && !d.lastRun().equals(Checkpoint.RUNNING) && java.util.Arrays.stream(
                RunSummary.End.values()).noneMatch(end -> Checkpoint.lastRunOf(end).equals(d.lastRun()))) {
            return "it says the last run ended as \"" + Escape.path(d.lastRun()) + "\", which no run says";
        }
        for (String id : d.runIds()) {
            if (!TempNames.isRunId(id)) {
                return "it holds a malformed run id";
            }
        }
        List<String> paths = new ArrayList<>(d.completed());
        paths.addAll(d.foldersAwaitingTimes());
        for (Checkpoint.Failure f : d.failed()) {
            if (f == null) {
                return "it holds an empty failure";
            }
            paths.add(f.path());
        }
        for (String p : paths) {
            if (!isSafeRelative(p)) {
                return "it holds the path \"" + Escape.path(String.valueOf(p))
                        + "\", which is not a plain relative path inside the pair's folders";
            }
        }
        return null;
    }

    /**
     * Relative, {@code /}-separated, no empty, {@code .} or {@code ..} part, no NUL; where the system's separator is
     * a backslash (Windows), no backslash and no drive ({@code C:}) either. Elsewhere both are characters a name may
     * hold ({@code back\slash.jpg}, {@code a:b.jpg}), and a path made of such names is one the plan produced.
     */
    static boolean isSafeRelative(String p) {
        if (p == null || p.isEmpty() || p.startsWith("/") || p.indexOf('\0') >= 0) {
            return false;
        }
        if (BACKSLASH_SEPARATES && (p.indexOf('\\') >= 0 || p.length() > 1 && p.charAt(1) == ':')) {
            return false;
        }
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    public void save(Checkpoint checkpoint) throws IOException {
        Checkpoint.Data d = checkpoint.snapshot(clock.instant().toString());
        write(fileFor(checkpoint.pair()), d);
    }

    /** Writes a snapshot taken earlier (the copy run flushes the destination between taking and writing it). */
    public void write(Path file, Checkpoint.Data d) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        PrivateFiles.createPrivate(temp);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            // Gathered: JsonWriter writes each name, quote and comma separately, and an encoder given each of those
            // wraps it in a buffer of its own (bench/README.md, "Figures behind the design").
            JsonWriter w = new JsonWriter(new UnsharedWriter(new OutputStreamWriter(Channels.newOutputStream(ch),
                    StandardCharsets.UTF_8)));
            GSON.toJson(d, Checkpoint.Data.class, w);
            w.flush();
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        flushFolder(file.getParent());
    }

    /** The rename of a file in {@code folder} survives a power cut only once the folder is flushed. */
    static void flushFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Not every OS can open a folder as a channel (Windows); the rename is still atomic there.
        }
    }
}
