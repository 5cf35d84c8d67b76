package io.filesync.engine.state;

import io.filesync.engine.AlreadyRunningException;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.SyncPair;
import io.filesync.engine.report.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * One run at a time per destination: an OS file lock on {@code locks/<destination id>.lock} in the FileSync
 * home. The OS drops it when the process dies, even by SIGKILL, so a crashed run never blocks the next one.
 * The file holds the holder's pid, host and start time, for the message the second run shows. Nothing is
 * written into the destination for this.
 */
public final class DestinationLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DestinationLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DestinationLock acquire(FilesyncHome home, SyncPair pair, Clock clock)
            throws IOException, AlreadyRunningException {
        Path file = home.locks().resolve(pair.destinationId() + ".lock");
        PrivateFiles.createPrivate(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = read(ch);
            ch.close();
            throw new AlreadyRunningException("Another FileSync run is already copying into " + pair.destination()
                    + (holder.isBlank() ? "" : " (" + holder + ")") + "; wait for it to finish or cancel it.");
        }
        String me = "pid " + ProcessHandle.current().pid() + " on " + host() + ", started " + clock.instant();
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        return new DestinationLock(ch, lock);
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this computer";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
