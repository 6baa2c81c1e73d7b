package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Both API functions in this JVM over one database, each request sent to the one template.yaml's HttpApi routes it to
 * ({@link TemplateTest} checks that routing against the template).
 */
final class ApiFunctions {

    final EvaluationHandler evaluation;
    final ManagementHandler management;

    ApiFunctions(LambdaSettings settings) {
        this.evaluation = new EvaluationHandler(settings, TestSettings.NO_SECRETS_MANAGER);
        this.management = new ManagementHandler(settings, TestSettings.NO_SECRETS_MANAGER);
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handlerFor(event.getRawPath()).handleRequest(event, null);
    }

    ApiGatewayHandler handlerFor(String path) {
        return isEvaluationPath(path) ? evaluation : management;
    }

    /** The paths template.yaml sends to the evaluation function. */
    static boolean isEvaluationPath(String path) {
        return path.equals("/evaluate")
                || path.matches("/evaluate/[^/]+")
                || path.equals("/ofrep/v1/evaluate/flags")
                || path.matches("/ofrep/v1/evaluate/flags/[^/]+")
                || path.equals("/sdk/flags")
                || path.equals("/sdk/stream")
                || path.equals("/events");
    }
}
