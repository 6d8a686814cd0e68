package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks before Neo4j starts on a store directory. Read-only and nearly full file systems, which
 * root cannot make with chmod, are made for real in the CLI's StoreErrorsTest.
 */
class StoreDirectoryTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearMinimum() {
        System.clearProperty(StoreDirectory.MIN_FREE_PROPERTY);
    }

    @Test
    void check_missingDirectory_createdAndLeftWithoutProbe() throws Exception {
        Path store = dir.resolve("a/b/store");

        StoreDirectory.check(store);

        assertThat(store).isDirectory();
        try (var files = Files.list(store)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void check_parentIsARegularFile_failsNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        var e = assertThrows(StoreDirectory.StoreUnusableException.class,
                () -> StoreDirectory.check(file.resolve("store")));

        assertThat(e.getMessage()).isEqualTo("the store directory " + file.resolve("store")
                + " cannot be created: " + file + " is a file, not a directory");
        assertThat(e.dir()).isEqualTo(file.resolve("store"));
    }

    @Test
    void check_storeIsARegularFile_failsNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("store"), "x");

        var e = assertThrows(StoreDirectory.StoreUnusableException.class, () -> StoreDirectory.check(file));

        assertThat(e.getMessage()).endsWith("cannot be created: " + file + " is a file, not a directory");
    }

    @Test
    void check_minimumAboveFreeSpace_failsNamingFreeSpaceAndMinimum() throws Exception {
        long freeMb = Files.getFileStore(dir).getUsableSpace() / (1024 * 1024);
        System.setProperty(StoreDirectory.MIN_FREE_PROPERTY, Long.toString(freeMb + 1_000_000));

        var e = assertThrows(StoreDirectory.StoreUnusableException.class, () -> StoreDirectory.check(dir));

        assertThat(e.getMessage()).matches("the store directory " + Pattern.quote(dir.toString())
                + " has only \\d+\\.\\d MB free on its file system, less than the " + (freeMb + 1_000_000)
                + " MB minimum \\(chaintrail.store.min-free-mb\\); free some space or choose another --store");
    }

    @Test
    void check_minimumNotANumber_failsNamingTheProperty() {
        System.setProperty(StoreDirectory.MIN_FREE_PROPERTY, "lots");

        var e = assertThrows(IllegalArgumentException.class, () -> StoreDirectory.check(dir));

        assertThat(e.getMessage())
                .isEqualTo("chaintrail.store.min-free-mb must be a whole number of megabytes >= 0, was 'lots'");
    }
}
