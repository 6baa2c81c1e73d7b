package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.composition.ConfigCacheSettings;
import dev.bunting.composition.KeyRateLimit;
import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.RegistrationPolicy;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Both API functions in this JVM over one database, each request sent to the one template.yaml's HttpApi routes it to
 * ({@link TemplateTest} checks that routing against the template).
 */
final class ApiFunctions {

    /** These tests give every secret directly; reading one from Secrets Manager would be a defect. */
    static final Supplier<SecretsManagerSecrets> NO_SECRETS_MANAGER = () -> {
        throw new AssertionError("nothing in this test is kept in Secrets Manager");
    };

    final EvaluationHandler evaluation;
    final ManagementHandler management;

    ApiFunctions(LambdaSettings settings) {
        this.evaluation = new EvaluationHandler(settings, NO_SECRETS_MANAGER);
        this.management = new ManagementHandler(settings, NO_SECRETS_MANAGER);
    }

    /** Settings as a deployment would have them, with the secrets given directly. */
    static LambdaSettings settings(DatabaseUrl database, Optional<RedisSettings> redis) {
        return new LambdaSettings(
                new DatabaseSettings.WithLogin(database),
                2,
                ApiSettings.DEFAULT_MAX_BODY_BYTES,
                new StoredSecret.Given(LambdaSettingsTest.SECRET),
                RegistrationPolicy.OPEN,
                SignInLimits.STANDARD,
                redis,
                Optional.empty(),
                KeyRateLimit.OFF,
                ConfigCacheSettings.STANDARD);
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
                || path.equals("/sdk/stream");
    }
}
