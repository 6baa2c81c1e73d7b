package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** The event and result types a handler class gives {@link RequestHandler}, found up its class hierarchy as Lambda finds them. */
final class RequestHandlerTypes {

    private RequestHandlerTypes() {}

    static Type[] of(Class<?> handler) {
        for (Class<?> type = handler; type != null; type = type.getSuperclass()) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
        }
        throw new AssertionError(handler.getName() + " does not implement RequestHandler with type arguments");
    }
}
