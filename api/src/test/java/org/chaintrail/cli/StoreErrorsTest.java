package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chaintrail.bench.SyntheticEtlExport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store directory that cannot be used: {@code import}, {@code serve} and {@code ingest} exit 1
 * with one line naming the directory and the problem, before Neo4j starts, never a stack trace.
 *
 * <p>Tests run as root, for whom chmod does not make a directory read-only; the read-only and the
 * nearly full file system are real ones, a tmpfs mounted (read-only, or 1 MB in size) in a user and
 * mount namespace of its own ({@code unshare}) in which {@code chaintrail} runs as a child JVM.
 */
class StoreErrorsTest {
    @TempDir
    static Path dir;
    private static Path export;

    @BeforeAll
    static void emptyExport() throws IOException {
        export = Files.createDirectories(dir.resolve("export"));
    }

    @Test
    void import_storeUnderARegularFile_exit1WithOneLineNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path store = file.resolve("store");

        CliRun run = CliRun.of("import", "ethereum-etl", export.toString(), "--store", store.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: the store directory " + store + " cannot be created: " + file
                + " is a file, not a directory" + System.lineSeparator());
    }

    @Test
    void serveAndIngest_storeUnderARegularFile_exit1WithTheSameLine() throws IOException {
        Path file = Files.writeString(dir.resolve("file-for-serve"), "x");
        Path store = file.resolve("store");
        String line = "error: the store directory " + store + " cannot be created: " + file
                + " is a file, not a directory" + System.lineSeparator();

        CliRun serve = CliRun.of("serve", "--port", "0", "--store", store.toString());
        CliRun ingest = CliRun.of("ingest", "evm", "--rpc", "http://127.0.0.1:1/", "--store", store.toString());

        assertThat(serve.exit()).isEqualTo(1);
        assertThat(serve.err()).isEqualTo(line);
        assertThat(ingest.exit()).isEqualTo(1);
        assertThat(ingest.err()).isEqualTo(line);
    }

    @Test
    void import_readOnlyFileSystem_exit1NamingTheDirectory() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("ro"));
        // The store exists (made while the tmpfs was writable); the second one would have to be created.
        Result existing = inNamespace(mount, "size=1m", true, mount.resolve("store"), "import", "ethereum-etl",
                export.toString());
        Result missing = inNamespace(mount, "size=1m", true, mount.resolve("new"), "serve", "--port", "0");

        assertThat(existing.exit()).as(existing.err()).isEqualTo(1);
        assertThat(existing.err()).isEqualTo("error: the store directory " + mount.resolve("store")
                + " is not writable: Read-only file system (" + mount.resolve("store/.chaintrail-write-probe") + ")\n");
        assertThat(missing.exit()).as(missing.err()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: the store directory " + mount.resolve("new")
                + " cannot be created: Read-only file system (" + mount.resolve("new") + ")\n");
    }

    @Test
    void ingest_fileSystemOf1Mb_exit1NamingFreeSpaceAndMinimum() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tiny"));

        Result run = inNamespace(mount, "size=1m", false, mount.resolve("store"), "ingest", "evm", "--rpc",
                "http://127.0.0.1:1/");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: the store directory " + mount.resolve("store")
                + " has only 1.0 MB free on its file system, less than the 64 MB minimum"
                + " (chaintrail.store.min-free-mb); free some space or choose another --store\n");
        assertThat(run.out()).isEmpty();
    }

    /**
     * The disk fills during an import: the import stops before its next batch with one line naming
     * the free space, instead of Neo4j retrying its page writes for ever; once there is room, the
     * same command run again ends with the graph a clean import gives (the same bulk-export CSVs).
     *
     * <p>In the namespace, a first export of the empty graph lets Neo4j create its files; the free
     * space left is then read with {@code df} and the minimum set 8 MB below it, so that the import
     * of 30,000 transfers (about 4 MB of store and log per batch of 5,000 there) crosses it part of
     * the way through.
     */
    @Test
    void importEthereumEtl_diskFillsPartWay_stopsWithOneLine_thenRunAgainEqualsACleanImport() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("filling"));
        Path etl = dir.resolve("etl-30k");
        long transfers = new SyntheticEtlExport(new SyntheticEtlExport.Config(30_000, 7L)).write(etl).transfers();
        Path clean = dir.resolve("clean-store");
        CliRun cleanImport = CliRun.of("import", "ethereum-etl", etl.toString(), "--store", clean.toString());
        assertThat(cleanImport.exit()).as(cleanImport.err()).isZero();
        CliRun cleanExport = CliRun.of("export", "neo4j-import", dir.resolve("clean-csv").toString(),
                "--store", clean.toString());
        assertThat(cleanExport.exit()).as(cleanExport.err()).isZero();
        Path out = Files.createDirectories(dir.resolve("filling-out"));

        String script = """
                set -u
                ct() { "$JAVA" "$@"; }
                mount -t tmpfs -o size=256m tmpfs "$MOUNT" && mkdir "$MOUNT/store" || exit 90
                ct -cp "$CP" $MAIN export neo4j-import "$OUT/empty-csv" --store "$MOUNT/store" > /dev/null || exit 91
                room=$(( $(df -m --output=avail "$MOUNT" | tail -n 1) - 8 ))
                ct -Dchaintrail.store.min-free-mb=$room -cp "$CP" $MAIN import ethereum-etl "$ETL" \\
                    --store "$MOUNT/store" > "$OUT/first.out" 2> "$OUT/first.err"
                echo $? > "$OUT/first.exit"
                ct -cp "$CP" $MAIN export neo4j-import "$OUT/partial-csv" --store "$MOUNT/store" > /dev/null || exit 92
                mount -o remount,size=512m "$MOUNT" || exit 93
                ct -Dchaintrail.store.min-free-mb=$room -cp "$CP" $MAIN import ethereum-etl "$ETL" \\
                    --store "$MOUNT/store" > /dev/null 2> "$OUT/second.err" || exit 94
                ct -cp "$CP" $MAIN export neo4j-import "$OUT/resumed-csv" --store "$MOUNT/store" > /dev/null || exit 95
                """;
        Result run = inNamespace(script, Map.of("MOUNT", mount.toString(), "ETL", etl.toString(), "OUT", out.toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("first.exit")).trim()).isEqualTo("1");
        List<String> firstErr = Files.readAllLines(out.resolve("first.err"));
        assertThat(firstErr).as("no stack trace").noneMatch(line -> line.startsWith("\tat "));
        assertThat(firstErr.get(firstErr.size() - 1)).as("the last line")
                .matches("error: the store directory " + Pattern.quote(mount.resolve("store").toString())
                        + " has only \\d+\\.\\d MB free on its file system, less than the \\d+ MB minimum"
                        + " \\(chaintrail\\.store\\.min-free-mb\\); stopped before the next write, with everything"
                        + " before it stored: free some space and run the same command again to go on");
        long stored = transfersIn(out.resolve("partial-csv"));
        System.out.println("StoreErrorsTest: " + stored + " of " + transfers + " transfers stored when the disk filled");
        assertThat(stored).as("transfers stored before the disk filled").isGreaterThan(0).isLessThan(transfers);
        assertThat(transfersIn(dir.resolve("clean-csv"))).isEqualTo(transfers);
        try (Stream<Path> files = Files.list(dir.resolve("clean-csv"))) {
            for (Path csv : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                assertThat(out.resolve("resumed-csv").resolve(csv.getFileName()))
                        .as("resumed %s", csv.getFileName()).hasSameBinaryContentAs(csv);
            }
        }
    }

    /** The transfers in a bulk export: lines of its Transfer nodes' file (the header is a file of its own). */
    private static long transfersIn(Path csvDir) throws IOException {
        try (Stream<String> lines = Files.lines(csvDir.resolve("node-Transfer.csv"))) {
            return lines.count();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    /**
     * Runs a shell script in a new user and mount namespace, with {@code $JAVA}, {@code $CP} and
     * {@code $MAIN} naming this JVM's java, the test class path and the command line's main class,
     * and the given variables set.
     */
    private static Result inNamespace(String script, Map<String, String> variables) throws Exception {
        assumeUnshareWorks();
        ProcessBuilder builder = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                script);
        builder.environment().putAll(variables);
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("CP", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")));
        builder.environment().put("MAIN", ChaintrailCommand.class.getName());
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("the script finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code chaintrail ARGS --store STORE} in a child JVM inside a new user and mount namespace
     * where a tmpfs with {@code options} is mounted on {@code mount} (with a {@code store} directory
     * in it), remounted read-only if asked.
     */
    private static Result inNamespace(Path mount, String options, boolean readOnly, Path store, String... args)
            throws Exception {
        assumeUnshareWorks();
        String script = "mount -t tmpfs -o " + options + " tmpfs \"$1\" && mkdir \"$1/store\""
                + (readOnly ? " && mount -o remount,ro \"$1\"" : "") + " && shift && exec \"$@\"";
        List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                script, "sh", mount.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ChaintrailCommand.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--store", store.toString()));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chaintrail finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assumeUnshareWorks() throws Exception {
        boolean works;
        try {
            Process probe = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "true")
                    .redirectErrorStream(true).start();
            works = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            works = false;
        }
        Assumptions.assumeTrue(works, "unshare --user --map-root-user --mount is not permitted here");
    }
}
