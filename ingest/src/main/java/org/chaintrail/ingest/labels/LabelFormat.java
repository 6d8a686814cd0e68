package org.chaintrail.ingest.labels;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The label file formats Chaintrail imports. */
public enum LabelFormat {
    /** GraphSense TagPack YAML. */
    TAGPACK("tagpack"),
    /** OFAC SDN digital-currency addresses, one a line, the currency in the file name. */
    OFAC("ofac"),
    /** OFAC's SDN list as XML ({@code sdn.xml}). */
    OFAC_XML("ofac-xml"),
    /** {@code chain,address,label,category,source,confidence} with a header row. */
    CSV("csv");

    private final String id;

    LabelFormat(String id) {
        this.id = id;
    }

    /** The name on the command line and in the graph ({@code ofac-xml}). */
    public String id() {
        return id;
    }

    /**
     * The format with this id.
     *
     * @throws IllegalArgumentException naming the formats if there is none
     */
    public static LabelFormat of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equalsIgnoreCase(id.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown label format '" + id + "', expected one of "
                        + Arrays.stream(values()).map(LabelFormat::id).collect(Collectors.joining(", "))));
    }

    /**
     * Guesses a file's format from its name, and from its first bytes where the name says nothing.
     *
     * @throws IllegalArgumentException if neither tells
     */
    static LabelFormat guess(String name, byte[] bytes) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return TAGPACK;
        }
        if (lower.endsWith(".csv")) {
            return CSV;
        }
        String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8).stripLeading();
        if (lower.endsWith(".xml") || start.startsWith("<")) {
            if (start.contains("<sdnList")) {
                return OFAC_XML;
            }
            throw new IllegalArgumentException(name + ": an XML file, but not OFAC's sdn.xml (no <sdnList>); "
                    + "sdn_advanced.xml is not read yet");
        }
        if (lower.startsWith("sanctioned_addresses_") && lower.endsWith(".txt")) {
            return OFAC;
        }
        if (start.startsWith("title:") || start.contains("\ntags:")) {
            return TAGPACK;
        }
        throw new IllegalArgumentException("cannot tell the format of " + name + ": give --format "
                + Arrays.stream(values()).map(LabelFormat::id).collect(Collectors.joining("|")));
    }
}
