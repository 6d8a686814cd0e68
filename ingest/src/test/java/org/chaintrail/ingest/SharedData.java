package org.chaintrail.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real public chain data and labels beside the clone ({@code shared/data}, see its MANIFEST.md),
 * read-only: tests copy what they change into their own temporary directory.
 */
public final class SharedData {
    private SharedData() {
    }

    /** A path under {@code shared/data}; fails the test at once if it is not there. */
    public static Path path(String relative) {
        Path root = Path.of(System.getProperty("chaintrail.sharedData", "../shared/data"));
        Path path = root.resolve(relative).normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException("shared test data missing: " + path.toAbsolutePath());
        }
        return path;
    }
}
