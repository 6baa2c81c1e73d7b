package dev.bunting.local;

import dev.bunting.adapter.http.ApiResponse;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Wraps a connection's outgoing bytes to give Undertow's answer to a request it cannot parse (a malformed request
 * line, a NUL or other bad byte in a header, too many or too large headers, an unknown protocol) a problem+json body.
 * Undertow writes that answer as a fixed text with an empty body, straight to the connection, before there is an
 * exchange any handler could see; this conduit, under all of Undertow's own, writes the API's answer in its place.
 */
final class ParseFailureAnswer extends AbstractStreamSinkConduit<StreamSinkConduit> {

    /** Exactly what Undertow 2.4's HttpReadListener writes when parsing fails. */
    private static final byte[] UNDERTOWS_ANSWER =
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);

    private final byte[] answer;
    /** What remains to be written of the answer, once Undertow has begun writing its own. */
    private ByteBuffer replacing;

    ParseFailureAnswer(StreamSinkConduit next, byte[] answer) {
        super(next);
        this.answer = answer;
    }

    /** The raw bytes of a response that closes the connection. */
    static byte[] bytesOf(ApiResponse response) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(response.status())
                .append(' ')
                .append(StatusCodes.getReason(response.status()))
                .append("\r\n");
        response.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(response.body().length).append("\r\nConnection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[headBytes.length + response.body().length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(response.body(), 0, bytes, headBytes.length, response.body().length);
        return bytes;
    }

    /**
     * Undertow writes its answer from one buffer, again and again until it is out; this writes the replacement
     * instead and reports Undertow's buffer written only once the whole replacement is.
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        if (replacing == null && isUndertowsAnswer(src)) {
            replacing = ByteBuffer.wrap(answer);
        }
        if (replacing == null) {
            return super.write(src);
        }
        next.write(replacing);
        if (replacing.hasRemaining()) {
            return 0;
        }
        int consumed = src.remaining();
        src.position(src.limit());
        return consumed;
    }

    private static boolean isUndertowsAnswer(ByteBuffer src) {
        return src.remaining() == UNDERTOWS_ANSWER.length && src.equals(ByteBuffer.wrap(UNDERTOWS_ANSWER));
    }
}
