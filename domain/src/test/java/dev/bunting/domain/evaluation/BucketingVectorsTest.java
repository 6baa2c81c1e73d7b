package dev.bunting.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * spec/bucketing.md § "Vectors": "A test in the project must load this file from ../shared/spec/ (or a copy kept in
 * sync) and check every vector." The project keeps its copy of the spec and its vectors in docs/spec, so it stands on its
 * own; when the shared spec is reachable, both copies must be byte-identical to it.
 */
class BucketingVectorsTest {

    private static final Path SPEC = Path.of("docs", "spec");
    private static final String VECTORS = "bucketing-vectors.json";

    /** One {"salt", "unit", "hash", "bucket"} object; the vectors hold strings and numbers only, with no nesting. */
    private static final Pattern VECTOR = Pattern.compile("\\{\\s*\"salt\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,"
            + "\\s*\"unit\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,"
            + "\\s*\"hash\"\\s*:\\s*(\\d+)\\s*,"
            + "\\s*\"bucket\"\\s*:\\s*(\\d+)\\s*}");

    private static final Pattern SALT_KEY = Pattern.compile("\"salt\"\\s*:");

    record Vector(String salt, String unit, long hash, int bucket) {}

    @ParameterizedTest
    @ValueSource(strings = {"bucketing.md", VECTORS})
    void the_copy_in_docs_spec_is_byte_identical_to_the_shared_spec(String file) throws IOException {
        Path shared = sharedDirectory().resolve("spec").resolve(file);
        Assumptions.assumeTrue(
                Files.exists(shared), "the shared spec is not checked out beside the repository: " + shared);

        assertThat(Files.readAllBytes(repositoryRoot().resolve(SPEC).resolve(file)))
                .as("docs/spec/%s must be a byte-for-byte copy of %s", file, shared)
                .isEqualTo(Files.readAllBytes(shared));
    }

    @Test
    void every_vector_is_parsed() throws IOException {
        String json = new String(copyBytes(), StandardCharsets.UTF_8);
        List<Vector> vectors = parse(json);

        // a vector the pattern failed to read would otherwise go unchecked
        assertThat(vectors).hasSize(countMatches(SALT_KEY, json)).hasSizeGreaterThanOrEqualTo(30);
        assertThat(vectors).extracting(Vector::unit).contains("", "日本語", "alice@example.com");
        assertThat(vectors).anySatisfy(v -> assertThat(v.unit().length()).isGreaterThanOrEqualTo(64));
    }

    @Test
    void every_vectors_hash_is_the_unsigned_murmur3_of_salt_colon_unit() throws IOException {
        for (Vector vector : parse(new String(copyBytes(), StandardCharsets.UTF_8))) {
            byte[] data = (vector.salt() + ":" + vector.unit()).getBytes(StandardCharsets.UTF_8);

            assertThat(Integer.toUnsignedLong(MurmurHash3.hash32x86(data)))
                    .as("hash of %s", vector)
                    .isEqualTo(vector.hash());
        }
    }

    @Specification(
            spec = Spec.BUCKETING,
            clause = "Vectors",
            text =
                    "`bucketing-vectors.json` lists `{salt, unit, hash, bucket}`. `hash` is the unsigned 32-bit murmur3 value.")
    @Test
    void every_vectors_bucket_is_what_bucketing_computes() throws IOException {
        Bucketing bucketing = new Bucketing(MurmurHash3::hash32x86);

        for (Vector vector : parse(new String(copyBytes(), StandardCharsets.UTF_8))) {
            assertThat(bucketing.bucket(vector.salt(), vector.unit()))
                    .as("bucket of %s", vector)
                    .isEqualTo(vector.bucket());
            assertThat(Bucketing.scale((int) vector.hash()))
                    .as("scaled hash of %s", vector)
                    .isEqualTo(vector.bucket());
        }
    }

    @Specification(
            spec = Spec.BUCKETING,
            clause = "The bucket",
            text = "Scaling with multiply-and-shift, rather than `% 10000`, has no modulo bias.")
    @Test
    void scaling_uses_multiply_and_shift_over_the_unsigned_hash() {
        assertThat(Bucketing.scale(0)).isZero();
        assertThat(Bucketing.scale(-1)).isEqualTo(9999); // 0xFFFFFFFF, the largest unsigned hash
        assertThat(Bucketing.scale(Integer.MIN_VALUE)).isEqualTo(5000); // 2^31 is exactly half way
        assertThat(Bucketing.scale(429_496)).isZero(); // below 2^32 / 10000 ≈ 429496.7296
        assertThat(Bucketing.scale(429_497)).isEqualTo(1);
    }

    private static List<Vector> parse(String json) {
        List<Vector> vectors = new ArrayList<>();
        Matcher m = VECTOR.matcher(json);
        while (m.find()) {
            vectors.add(new Vector(
                    unescape(m.group(1)),
                    unescape(m.group(2)),
                    Long.parseLong(m.group(3)),
                    Integer.parseInt(m.group(4))));
        }
        return vectors;
    }

    /** JSON string escapes: \" \\ \/ \b \f \n \r \t and four-digit backslash-u escapes. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private static int countMatches(Pattern pattern, String text) {
        int count = 0;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            count++;
        }
        return count;
    }

    private static byte[] copyBytes() throws IOException {
        return Files.readAllBytes(repositoryRoot().resolve(SPEC).resolve(VECTORS));
    }

    /** BUNTING_SHARED_DIR (which .ci/run sets), else the shared directory beside the repository. */
    private static Path sharedDirectory() {
        String configured = System.getenv("BUNTING_SHARED_DIR");
        return configured != null
                ? Path.of(configured)
                : repositoryRoot().resolve("../shared").normalize();
    }

    /** The first directory at or above user.dir that holds {@code mvnw}. */
    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                return d;
            }
        }
        throw new IllegalStateException("no directory holding mvnw at or above " + dir);
    }
}
