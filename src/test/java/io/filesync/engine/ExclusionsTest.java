package io.filesync.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The glob rules of {@link Exclusions}, one row per case: pattern, path, folder?, whether it is left out. */
class ExclusionsTest {
    @ParameterizedTest(name = "{0} on {1} (folder: {2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
            "Thumbs.db | Thumbs.db | false | true",
            "Thumbs.db | 2009/05/Thumbs.db | false | true",
            "Thumbs.db | 2009/thumbs.db | false | false", // case counts
            "*.tmp | a/b/notes.tmp | false | true",
            "*.tmp | a/b/notes.tmp.jpg | false | false",
            "*.tmp | a.tmp/photo.jpg | false | false", // a name pattern matches the entry's own name only
            "2009/raw | 2009/raw | true | true",
            "2009/raw | x/2009/raw | true | false", // a path pattern starts at the source folder
            "/2009/raw | 2009/raw | true | true",
            "2009/* | 2009/a.jpg | false | true",
            "2009/* | 2009/05/a.jpg | false | false", // * stays within a name
            "2009/** | 2009/05/a.jpg | false | true",
            "**/cache | cache | true | true", // **/ also matches no folder at all
            "**/cache | a/b/cache | true | true",
            "cache/ | a/cache | true | true",
            "cache/ | a/cache | false | false", // trailing /: folders only
            "IMG_000? | IMG_0001 | false | true",
            "IMG_000? | IMG_00011 | false | false",
            "[ab].jpg | a.jpg | false | true",
            "[!ab].jpg | c.jpg | false | true",
            "[!ab].jpg | a.jpg | false | false",
            "[a-c].jpg | b.jpg | false | true",
            "a+b(1).jpg | a+b(1).jpg | false | true", // regex characters are literal
            "~$* | ~$report.docx | false | true",
    })
    void aPatternLeavesOutWhatItMatches(String pattern, String path, boolean folder, boolean out) {
        assertEquals(out ? pattern : null, Exclusions.of(List.of(pattern)).match(path, folder));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'' | cannot be empty", "/ | cannot be empty", "[abc | without its ]"})
    void aPatternThatCannotWorkIsRefusedWithASentence(String pattern, String words) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Exclusions.of(List.of(pattern)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(words), e.getMessage());
    }
}
