package dev.bunting.adapter.secrets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A database user and its password. {@link #toString()} never shows the password.
 *
 * @param username not blank
 * @param password not empty
 */
public record DatabaseCredentials(String username, String password) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public DatabaseCredentials {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("the database username is required");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the database password is required");
        }
    }

    /**
     * The credentials in a secret of the shape RDS keeps for a database it manages the password of, which RDS Proxy
     * reads too: {@code {"username":"…","password":"…","engine":"postgres","host":"…","port":5432,"dbname":"…"}}. Only
     * the username and password are read; where to connect is configured apart.
     *
     * @throws IllegalArgumentException when the text is not such a JSON object; the message never quotes the text,
     *                                  which is the secret (Jackson's own messages would, so they are left out)
     */
    public static DatabaseCredentials fromSecret(String secretString) {
        if (secretString == null) {
            throw new IllegalArgumentException("the database secret is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(secretString);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IllegalArgumentException("the database secret is not valid JSON" + where);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the database secret is not a JSON object with a username and password");
        }
        return new DatabaseCredentials(text(root, "username"), text(root, "password"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("the database secret has no \"" + field + "\" string");
        }
        return node.textValue();
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=hidden]";
    }
}
