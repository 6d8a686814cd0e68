package org.chaintrail.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The file chores of file-generating benchmarks: a bench directory is claimed with a marker file
 * (so a mistyped {@code --store} never wipes someone's data), stores in it are rebuilt, and small
 * key=value files record what a generator wrote so that a later run can reuse it.
 */
final class BenchDirectory {
    private BenchDirectory() {
    }

    /**
     * Refuses a directory that holds something other than this benchmark's files, then marks it.
     *
     * @param marker  the marker file's name, one per benchmark
     * @param command the benchmark's command, for messages
     * @param purpose what the directory holds, written into the marker
     */
    static void claim(Path dir, String marker, String command, String purpose) {
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(marker))) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--store " + dir + " is not empty and is not a directory of "
                            + command + "; choose an empty or new directory");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        writeProperties(dir.resolve(marker), Map.of("purpose", command + ": " + purpose));
    }

    /** Deletes a store directory so that a run starts from nothing; returns it. */
    static Path fresh(Path store) {
        deleteTree(store);
        return store;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    static Map<String, String> readProperties(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return m;
    }

    static void writeProperties(Path file, Map<String, String> m) {
        StringBuilder text = new StringBuilder();
        m.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
