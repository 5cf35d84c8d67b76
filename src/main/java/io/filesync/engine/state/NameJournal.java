package io.filesync.engine.state;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.SyncPair;
import io.filesync.engine.report.PrivateFiles;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names syncs of one pair gave in the destination, recorded in the FileSync home (never on the destination,
 * which may be the device that vanished) and flushed there <em>before</em> each batch of copies is named:
 * {@code checkpoints/<pair id>.names}, one JSON string a line; a line {@code -"NAME"} takes a name back that was
 * not given after all (something else already had it).
 *
 * <p>A power cut, a pulled cable or a device that acknowledges flushes it never did can leave such a copy empty or
 * partial under its final name. The next plan checks every recorded name against its source (size and modification
 * time), and a sync moves a copy that does not match aside and copies the file afresh. A name stays recorded until a
 * later sync has made that check; a file that was in the destination before FileSync named it is never recorded, so
 * it is never touched.
 */
public final class NameJournal implements Closeable {
    private static final Gson GSON = new Gson();
    private final FileChannel channel;
    private final BufferedWriter out;

    private NameJournal(FileChannel channel) {
        this.channel = channel;
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8), 1 << 16);
    }

    public static Path fileFor(FilesyncHome home, SyncPair pair) {
        return home.checkpoints().resolve(pair.id() + ".names");
    }

    /**
     * The names recorded in {@code file} and not taken back. A torn last line (a run killed while appending, before
     * it named anything of that batch) is ignored; a file that holds anything else odd is set aside, as a bad
     * checkpoint is, with a warning added to {@code warnings}.
     */
    public static Set<String> load(Path file, Clock clock, List<String> warnings) throws IOException {
        Set<String> names = new HashSet<>();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        String problem = null;
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problem = "it is not a regular file";
        } else {
            // Read a line at a time: a run of a million files records a million names.
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int number = 0;
                int torn = 0; // a line that could not be read, forgiven only if it is the last
                while ((line = in.readLine()) != null && problem == null) {
                    number++;
                    if (torn > 0) {
                        problem = "line " + torn + " is not a plain relative path inside the pair's folders";
                        break;
                    }
                    boolean takenBack = line.startsWith("-");
                    String name;
                    try {
                        name = GSON.fromJson(takenBack ? line.substring(1) : line, String.class);
                    } catch (JsonParseException e) {
                        name = null;
                    }
                    if (name == null || !CheckpointStore.isSafeRelative(name)) {
                        torn = number; // a kill in the middle of an append tears the last line: nothing of it was named
                    } else if (takenBack) {
                        names.remove(name);
                    } else {
                        names.add(name);
                    }
                }
            }
        }
        if (problem != null) {
            Path aside = file.resolveSibling(file.getFileName() + ".rejected-" + clock.millis());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            warnings.add("The record of names given by earlier runs, " + file + ", was set aside as " + aside
                    + " because " + problem + "; copies those runs may have left incomplete are not checked.");
            names.clear();
        }
        return names;
    }

    /**
     * Starts a new record holding only {@code keep}, replacing the old one atomically (a crash leaves the old or the
     * new one), and keeps it open for {@link #record}.
     */
    public static NameJournal restart(Path file, Collection<String> keep) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        PrivateFiles.createPrivate(temp);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            NameJournal j = new NameJournal(ch);
            for (String name : keep) {
                j.out.write(GSON.toJson(name));
                j.out.write('\n');
            }
            j.out.flush();
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        CheckpointStore.flushFolder(file.getParent());
        return new NameJournal(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS));
    }

    /** Records {@code names} and flushes the record to its device before returning: only then may they be given. */
    public synchronized void record(Collection<String> names) throws IOException {
        for (String name : names) {
            out.write(GSON.toJson(name));
            out.write('\n');
        }
        out.flush();
        channel.force(false);
    }

    /**
     * Takes back a name that was recorded but not given (something else had it). Written now and flushed when the
     * batch's names are flushed ({@link BatchNaming} records an empty list for that); a crash before then leaves the
     * name recorded, and the next plan then finds a file that matches its source or one that differs, which it would
     * move aside: the one window in which a file FileSync did not write could be moved (never deleted), and only if it
     * appeared under exactly that name between the scan and the rename.
     */
    public synchronized void takeBack(String name) throws IOException {
        out.write('-');
        out.write(GSON.toJson(name));
        out.write('\n');
    }

    @Override
    public synchronized void close() throws IOException {
        try (channel) {
            out.flush();
            channel.force(false);
        }
    }
}
