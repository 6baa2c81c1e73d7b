package dev.bunting.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bunting.domain.port.StoreUnavailableException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the domain's document trees (maps, lists, strings, BigDecimal, booleans) into jsonb text and back. Every number
 * comes back as BigDecimal, whatever the parser chose, so values round-trip as the domain wrote them.
 */
final class JsonDocuments {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonDocuments() {}

    static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
        }
    }

    /** @param what names the stored document in the error, since unreadable stored data means the store is broken */
    static Object read(String json, String what) {
        if (json == null) {
            return null;
        }
        try {
            return normalise(MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new StoreUnavailableException("the stored " + what + " is not valid JSON", e);
        }
    }

    private static Object normalise(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put((String) k, normalise(v)));
                yield Collections.unmodifiableMap(copy);
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(v -> copy.add(normalise(v)));
                yield Collections.unmodifiableList(copy);
            }
            case Integer n -> BigDecimal.valueOf(n);
            case Long n -> BigDecimal.valueOf(n);
            case BigInteger n -> new BigDecimal(n);
            case null, default -> value;
        };
    }
}
