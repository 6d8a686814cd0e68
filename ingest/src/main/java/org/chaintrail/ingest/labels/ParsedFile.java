package org.chaintrail.ingest.labels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelFile;
import org.chaintrail.model.TagDetails;

/**
 * What one label file gave: its valid labels, its bad rows and what it skipped.
 *
 * @param file      the file, with its hash and header
 * @param labels    the valid labels, in file order
 * @param problems  the bad rows, in file order
 * @param skipped   rows on currencies the graph does not hold, per currency (upper case)
 */
record ParsedFile(LabelFile file, List<ParsedLabel> labels, List<BadRow> problems, Map<String, Long> skipped) {
    ParsedFile {
        labels = List.copyOf(labels);
        problems = List.copyOf(problems);
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    /** Collects a file's labels, problems and skipped rows while a reader goes through it. */
    static final class Builder {
        private final String name;
        private final List<ParsedLabel> labels = new ArrayList<>();
        private final List<BadRow> problems = new ArrayList<>();
        private final Map<String, Long> skipped = new TreeMap<>();

        Builder(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        void problem(long line, String field, String value, String problem) {
            problems.add(new BadRow(name, line, field, value == null ? "" : value, problem));
        }

        void skip(String currency) {
            skipped.merge(Currencies.normalise(currency), 1L, Long::sum);
        }

        /**
         * Adds a label if its concepts and confidence are in the taxonomy and its address is one of
         * the chain's; otherwise records each problem.
         *
         * @return whether the label was added
         */
        boolean add(long line, Chain chain, String address, Label label, TagDetails details) {
            boolean ok = concept(line, "category", label.category()) & concept(line, "abuse", label.abuse());
            for (String c : details.concepts()) {
                ok &= concept(line, "concepts", Optional.of(c));
            }
            Optional<String> confidenceProblem = label.confidence().flatMap(Taxonomy::confidenceProblem);
            if (confidenceProblem.isPresent()) {
                problem(line, "confidence", label.confidence().get(), confidenceProblem.get());
                ok = false;
            }
            String canonical;
            try {
                canonical = chain.canonicalAddress(address);
            } catch (IllegalArgumentException e) {
                problem(line, "address", address, e.getMessage());
                return false;
            }
            if (ok) {
                labels.add(new ParsedLabel(new AddressLabel(chain, canonical, label), details, line));
            }
            return ok;
        }

        private boolean concept(long line, String field, Optional<String> value) {
            Optional<String> problem = value.flatMap(Taxonomy::conceptProblem);
            problem.ifPresent(p -> problem(line, field, value.get(), p));
            return problem.isEmpty();
        }

        ParsedFile build(LabelFile file) {
            return new ParsedFile(file, labels, problems, skipped);
        }
    }
}
