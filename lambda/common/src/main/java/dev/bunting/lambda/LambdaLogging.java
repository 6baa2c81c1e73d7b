package dev.bunting.lambda;

import dev.bunting.adapter.http.JsonLogFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Lambda turns each line a function writes into a log event. Every java.util.logging record goes to standard error
 * as one JSON line ({@link JsonLogFormatter}), its stack trace included, so a trace is one event and no logged text
 * can forge another.
 */
final class LambdaLogging {

    private LambdaLogging() {}

    static void install() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new JsonLogFormatter());
        root.addHandler(console);
    }
}
