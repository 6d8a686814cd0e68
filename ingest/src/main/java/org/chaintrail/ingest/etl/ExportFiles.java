package org.chaintrail.ingest.etl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.chaintrail.ingest.IngestException;

/**
 * The export files found under a directory, by kind, each kind's files sorted by path so that an
 * import is deterministic.
 *
 * @param byKind     the files of each kind (every kind present, possibly with no files)
 * @param unreadable files found that are of no known kind, for the log
 */
record ExportFiles(Map<ExportKind, List<ExportFile>> byKind, List<Path> unreadable) {

    /**
     * One export file.
     *
     * @param path   where it is
     * @param source its path relative to the import directory, as messages name it
     * @param kind   what it holds
     */
    record ExportFile(Path path, String source, ExportKind kind) {
    }

    ExportFiles {
        Map<ExportKind, List<ExportFile>> copy = new EnumMap<>(ExportKind.class);
        for (ExportKind kind : ExportKind.values()) {
            copy.put(kind, List.copyOf(byKind.getOrDefault(kind, List.of())));
        }
        byKind = copy;
        unreadable = List.copyOf(unreadable);
    }

    /**
     * Walks the directory tree and classifies every regular file by its name.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory
     * @throws IngestException          if the tree cannot be listed
     */
    static ExportFiles scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new IngestException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Map<ExportKind, List<ExportFile>> byKind = new EnumMap<>(ExportKind.class);
        List<Path> unreadable = new ArrayList<>();
        for (Path path : paths) {
            Optional<ExportKind> kind = ExportKind.ofFileName(path.getFileName().toString());
            if (kind.isPresent()) {
                String source = dir.relativize(path).toString();
                byKind.computeIfAbsent(kind.get(), k -> new ArrayList<>())
                        .add(new ExportFile(path, source, kind.get()));
            } else {
                unreadable.add(path);
            }
        }
        return new ExportFiles(byKind, unreadable);
    }

    List<ExportFile> of(ExportKind kind) {
        return byKind.get(kind);
    }

    /** True if there is at least one file the importer reads. */
    boolean hasImportableFiles() {
        return byKind.values().stream().anyMatch(files -> !files.isEmpty());
    }
}
