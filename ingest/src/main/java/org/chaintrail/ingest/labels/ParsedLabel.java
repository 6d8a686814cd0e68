package org.chaintrail.ingest.labels;

import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.TagDetails;

/**
 * A label read from a file and found valid: address canonical for its chain, concepts and
 * confidence in the taxonomy.
 *
 * @param target  the address and the label
 * @param details the tag's own fields
 * @param line    the line it was read from
 */
record ParsedLabel(AddressLabel target, TagDetails details, long line) {
}
