package org.chaintrail.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test's main class run in a JVM of its own, on the test class path, its output going to a file:
 * for kill-and-resume tests, which SIGKILL it mid-run.
 *
 * @param process the process
 * @param log     where its standard output and error go
 */
public record ChildJvm(Process process, Path log) {

    /** Starts {@code mainClass} with the arguments and a 1 GB heap. */
    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createTempFile(mainClass.getSimpleName(), ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-cp", classpath, mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(process, log);
    }

    /** What it printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unavailable: " + e.getMessage() + ")";
        }
    }

    /** Waits until it prints {@code line} (a child says "ready" once its store is open). */
    public void await(String line) throws InterruptedException {
        if (!await(l -> l.contains(line), "'" + line + "'")) {
            throw new AssertionError("the child process ended without printing '" + line + "': " + output());
        }
    }

    /**
     * Waits until it prints a line that matches, polling every 5 ms.
     *
     * @return true once a line matched; false if the process ended first
     * @throws AssertionError after 60 s without one
     */
    public boolean await(Predicate<String> line, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean alive = process.isAlive();
            if (output().lines().anyMatch(line)) {
                return true;
            }
            if (!alive) {
                return false;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the child process never printed " + what + ": " + output());
    }
}
