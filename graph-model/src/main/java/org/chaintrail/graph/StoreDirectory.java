package org.chaintrail.graph;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The checks an embedded store directory must pass before Neo4j starts on it: it exists or can be
 * created, a file can be written in it, and its file system has a minimum of free space. Neo4j
 * itself reports these conditions as a stack trace from deep inside its start-up, or, for a full
 * disk, only when the first commit fails.
 *
 * <p>The minimum is {@value #MIN_FREE_PROPERTY} (megabytes, default {@value #DEFAULT_MIN_FREE_MB}):
 * an empty store takes about 4 MB and the transaction logs grow from there.
 */
public final class StoreDirectory {
    /** The system property that sets the free space a store directory needs, in megabytes. */
    public static final String MIN_FREE_PROPERTY = "chaintrail.store.min-free-mb";
    static final long DEFAULT_MIN_FREE_MB = 64;
    private static final String PROBE = ".chaintrail-write-probe";

    private StoreDirectory() {
    }

    /**
     * Creates the directory if missing and checks that it is writable and has the minimum free space.
     *
     * @param dir the store directory
     * @throws StoreUnusableException naming the directory and the problem
     */
    public static void check(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        for (Path p = absolute; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new StoreUnusableException(absolute, "cannot be created: " + p + " is a file, not a directory");
            }
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new StoreUnusableException(absolute, "cannot be created: " + reason(e));
        }
        Path probe = absolute.resolve(PROBE);
        try {
            Files.deleteIfExists(probe);
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException e) {
            throw new StoreUnusableException(absolute, "is not writable: " + reason(e));
        }
        String shortOf = shortOfSpace(absolute);
        if (shortOf != null) {
            throw new StoreUnusableException(absolute, shortOf + "; free some space or choose another --store");
        }
    }

    /**
     * Checks, before a bulk write, that the store's file system still has the minimum free space.
     * Once its disk is full, Neo4j retries a commit's page writes without end instead of failing the
     * commit, and the process no longer stops on SIGTERM; so an ingest stops here instead, between
     * two transactions, with everything before it stored whole and its checkpoint in place.
     *
     * @param dir the store directory
     * @throws StoreUnusableException naming the directory, the free space and the minimum
     */
    public static void checkRoomToWrite(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        String shortOf = shortOfSpace(absolute);
        if (shortOf != null) {
            throw new StoreUnusableException(absolute, shortOf + "; stopped before the next write, with everything "
                    + "before it stored: free some space and run the same command again to go on");
        }
    }

    /** What is wrong with the free space of the directory's file system, or null if there is enough. */
    private static String shortOfSpace(Path absolute) {
        long minimum = minFreeMegabytes();
        long free;
        try {
            free = Files.getFileStore(absolute).getUsableSpace();
        } catch (IOException e) {
            throw new StoreUnusableException(absolute, "has a file system whose free space cannot be read: " + reason(e));
        }
        if (free >= minimum * 1024 * 1024) {
            return null;
        }
        return "has only " + megabytes(free) + " MB free on its file system, less than the " + minimum
                + " MB minimum (" + MIN_FREE_PROPERTY + ")";
    }

    static long minFreeMegabytes() {
        String value = System.getProperty(MIN_FREE_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MIN_FREE_MB;
        }
        try {
            long megabytes = Long.parseLong(value.trim());
            if (megabytes >= 0) {
                return megabytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(MIN_FREE_PROPERTY + " must be a whole number of megabytes >= 0, was '"
                + value + "'");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    /** The operating system's word for it ("Read-only file system", "Not a directory"), not Java's. */
    private static String reason(IOException e) {
        if (!(e instanceof FileSystemException f)) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String reason = f.getReason() != null ? f.getReason()
                : f instanceof AccessDeniedException ? "Permission denied"
                : f instanceof FileAlreadyExistsException ? "File exists and is not a directory"
                : f instanceof NoSuchFileException ? "No such file or directory"
                : f.getClass().getSimpleName();
        return reason + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
    }

    /** A store directory that Neo4j cannot use, and why. */
    public static final class StoreUnusableException extends IllegalStateException {
        private final Path dir;

        StoreUnusableException(Path dir, String problem) {
            super("the store directory " + dir + " " + problem);
            this.dir = dir;
        }

        /** The directory, absolute. */
        public Path dir() {
            return dir;
        }
    }
}
