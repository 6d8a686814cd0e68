package org.chaintrail.cli;

/** How a command prints its result. Lower-case constants so picocli accepts {@code --format table}. */
enum OutputFormat {
    json, table, csv
}
