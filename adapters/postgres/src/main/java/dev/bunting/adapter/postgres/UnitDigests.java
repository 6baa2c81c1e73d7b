package dev.bunting.adapter.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The key units are stored by: the MD5 digest of the unit's UTF-8 bytes, the same as PostgreSQL's
 * {@code decode(md5(unit), 'hex')}, which the tables of V13 and the tracked events' insert use.
 */
final class UnitDigests {

    private static final HexFormat HEX = HexFormat.of();

    private UnitDigests() {}

    /** @return each unit's digest in hexadecimal, for {@code decode(digest, 'hex')} */
    static List<String> hex(List<String> units) {
        MessageDigest md5 = md5();
        List<String> digests = new ArrayList<>(units.size());
        for (String unit : units) {
            digests.add(HEX.formatHex(md5.digest(unit.getBytes(StandardCharsets.UTF_8))));
        }
        return digests;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
