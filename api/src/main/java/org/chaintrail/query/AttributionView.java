package org.chaintrail.query;

import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.model.Attribution;

/**
 * Who an address was attributed to: its own labels (not retracted) and its entity. A saved trace
 * keeps one per attributed address so that a re-run can name the addresses whose attribution changed.
 *
 * @param labels its labels, in a stable order
 * @param entity its entity, or null
 * @param via    how it joined the entity ({@code label}, {@code deposit-address}, ...), or null
 */
public record AttributionView(List<AddressView.LabelView> labels, TraceResult.EntityRef entity, String via) {
    public AttributionView {
        labels = List.copyOf(labels);
    }

    /** The view of an attribution; null for an address nothing is known of. */
    static AttributionView of(Attribution a) {
        if (a.labels().isEmpty() && a.entity().isEmpty()) {
            return null;
        }
        return new AttributionView(a.labels().stream().map(AddressView.LabelView::of).toList(),
                a.entity().map(e -> new TraceResult.EntityRef(e.id(), e.name(), e.category())).orElse(null),
                a.via().orElse(null));
    }

    /** For a reason an investigator reads: {@code FogMix (mixing_service); entity FogMix via label}. */
    static String describe(AttributionView a) {
        if (a == null) {
            return "no label or entity";
        }
        StringBuilder text = new StringBuilder();
        for (AddressView.LabelView l : a.labels()) {
            text.append(text.isEmpty() ? "" : ", ").append(l.label());
            String kind = l.category() != null ? l.category() : l.abuse();
            if (kind != null) {
                text.append(" (").append(kind).append(')');
            }
        }
        if (a.entity() != null) {
            text.append(text.isEmpty() ? "" : "; ").append("entity ").append(a.entity().name())
                    .append(" [").append(a.entity().id()).append(']');
            if (a.via() != null) {
                text.append(" via ").append(a.via());
            }
        }
        return text.toString();
    }
}
