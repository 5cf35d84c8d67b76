package io.filesync.cli;

import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a sync does to the source's access times, and what it says: with Linux's own file operations (O_NOATIME)
 * nothing is written to the source, not even its change time; with the portable ones (what Windows and macOS get,
 * run here in the second surefire execution) reading moves an old access time, FileSync sets it back, and the run
 * says that this wrote to the source's metadata. Judged with NIO's unix view (access and change time).
 */
class SourceAccessTimeTest {
    @TempDir
    Path tmp;

    @Test
    void theSourcesAccessTimeIsKeptAndTheRunSaysWhetherKeepingItWroteToTheSource() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("old.jpg", 5000, "2010-01-01T00:00:00Z") // accessed 2010: relatime moves it when read
                .file("older.jpg", 6000, "2009-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        FileTime accessed = (FileTime) Files.getAttribute(src.path("old.jpg"), "unix:lastAccessTime",
                LinkOption.NOFOLLOW_LINKS);
        FileTime changed = (FileTime) Files.getAttribute(src.path("old.jpg"), "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        Thread.sleep(20); // a change time written by the sync would differ from the one read above

        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = FileSyncCommand.execute(new String[]{"sync", src.root().toString(), dst.toString(), "--yes",
                "--home", tmp.resolve("home").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, out + "" + err);

        assertEquals(accessed, Files.getAttribute(src.path("old.jpg"), "unix:lastAccessTime", LinkOption.NOFOLLOW_LINKS),
                "the access time reads as before either way");
        FileTime changedAfter = (FileTime) Files.getAttribute(src.path("old.jpg"), "unix:ctime",
                LinkOption.NOFOLLOW_LINKS);
        String said = out + "" + err;
        if (Boolean.getBoolean("filesync.portableFileOps")) {
            assertTrue(changedAfter.compareTo(changed) > 0, "setting the access time back wrote to the source");
            assertTrue(said.contains("Access:      the access time of 2 files in the source moved when they were read"
                    + " (this system cannot read a file without that) and was set back as it was, which wrote to those"
                    + " files' metadata (their change time moved)."), said);
        } else {
            assertEquals(changed, changedAfter, "O_NOATIME: nothing was written to the source");
            assertFalse(said.contains("Access:"), said);
        }
    }
}
