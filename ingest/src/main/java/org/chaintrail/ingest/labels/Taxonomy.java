package org.chaintrail.ingest.labels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.chaintrail.model.ConfidenceLevel;
import org.chaintrail.model.ServiceCategory;

/**
 * The concept ids a label's {@code category} and {@code abuse} may take: the GraphSense concept
 * taxonomy (the list and its source are in {@code graphsense-concepts.txt} beside this class), plus
 * Chaintrail's one extension, {@code otc_desk} (see {@link ServiceCategory#OTC_DESK}), which the
 * taxonomy lacks. A TagPack exported with {@code otc_desk} fails GraphSense's own validation.
 */
public final class Taxonomy {
    /** Each concept's broader concept; the top concept's is "-". */
    private static final Map<String, String> BROADER = load();

    private Taxonomy() {
    }

    /** Whether the id is a concept: case matters, as in the taxonomy. */
    public static boolean isConcept(String id) {
        return BROADER.containsKey(id);
    }

    /** Whether the concept is a kind of abuse ({@code scam}, {@code sanction}, {@code ransomware}, ...). */
    public static boolean isAbuse(String id) {
        for (String c = id; c != null && !c.equals("-"); c = BROADER.get(c)) {
            if (c.equals("abuse")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks a concept id.
     *
     * @return the problem, or empty if the id is a concept
     */
    static Optional<String> conceptProblem(String id) {
        return isConcept(id) ? Optional.empty()
                : Optional.of("unknown concept '" + id + "', not in the GraphSense concept taxonomy");
    }

    /**
     * Checks a confidence id.
     *
     * @return the problem, or empty if the id is a confidence level
     */
    static Optional<String> confidenceProblem(String id) {
        return ConfidenceLevel.of(id).isPresent() ? Optional.empty()
                : Optional.of("unknown confidence '" + id + "', expected one of "
                        + Arrays.stream(ConfidenceLevel.values()).map(ConfidenceLevel::id)
                        .collect(Collectors.joining(", ")));
    }

    private static Map<String, String> load() {
        Map<String, String> ids = new HashMap<>();
        try (InputStream in = Taxonomy.class.getResourceAsStream("graphsense-concepts.txt")) {
            if (in == null) {
                throw new IllegalStateException("graphsense-concepts.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split(" ");
                    ids.put(parts[0], parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.put(ServiceCategory.OTC_DESK.concept(), "service");
        return Map.copyOf(ids);
    }
}
