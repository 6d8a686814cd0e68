package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private record Result(int exit, String out, String err) {
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
