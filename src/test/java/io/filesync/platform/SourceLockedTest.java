package io.filesync.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source file another program holds on Windows, as the JDK reports it there (WindowsException and the channel's
 * read pass on the system's message, not the error code): the words a user gets, and that a lock is never blamed on
 * the disk. Windows cannot run here; the messages are FormatMessage's English text for errors 32 and 33.
 */
class SourceLockedTest {
    private static final Path FILE = Path.of("C:\\Users\\me\\Documents\\Outlook.pst");
    private static final String SHARING = "The process cannot access the file because it is being used by another"
            + " process";
    private static final String LOCKED_RANGE = "The process cannot access the file because another process has locked"
            + " a portion of the file";

    @Test
    void aSharingViolationWhenOpeningSaysTheFileIsOpenInAnotherProgram() {
        SourceLockedException e = SourceLockedException.of(FILE.toString(),
                new FileSystemException(FILE.toString(), null, SHARING + "."));
        assertEquals("it is open in another program that keeps others from reading it (locked); close that program"
                + " and run the sync again", e.getReason());
        assertEquals(FILE.toString(), e.getFile());
    }

    @Test
    void aLockedRangeWhileReadingIsALockNotAFailingDisk() {
        IOException said = PortableFileOps.sourceError(new IOException(LOCKED_RANGE), FILE);
        assertInstanceOf(SourceLockedException.class, said);
        assertEquals(SourceLockedException.REASON, ((FileSystemException) said).getReason());
        IOException disk = PortableFileOps.sourceError(new IOException("Input/output error"), FILE);
        assertInstanceOf(SourceReadException.class, disk);
        assertTrue(disk.getMessage().endsWith("the source disk may be failing"), disk.getMessage());
    }

    @Test
    void otherRefusalsKeepTheirOwnWords() {
        AccessDeniedException denied = new AccessDeniedException(FILE.toString());
        assertNull(SourceLockedException.of(FILE.toString(), denied));
        assertSame(denied, PortableFileOps.sourceError(denied, FILE));
        // Another language's message is not recognised: it stays the system's own sentence, in the user's language.
        assertNull(SourceLockedException.of(FILE.toString(), new FileSystemException(FILE.toString(), null,
                "Der Prozess kann nicht auf die Datei zugreifen, da sie von einem anderen Prozess verwendet wird.")));
        assertNull(SourceLockedException.of(FILE.toString(), new IOException((String) null)));
    }
}
