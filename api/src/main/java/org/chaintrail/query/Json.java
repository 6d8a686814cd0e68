package org.chaintrail.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * The one JSON configuration of the application. Records serialise in component order and maps
 * by key, so the same result prints the same bytes every time.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A trace that ran to its end prints no cutByTimeBudget at all: the same bytes as before budgets existed.
            .withConfigOverride(TraceResult.TimeBudgetCut.class, o -> o.setIncludeAsProperty(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL)))
            .build();

    private Json() {
    }

    /** Pretty-printed JSON with a final newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
