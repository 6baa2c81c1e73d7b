package dev.bunting.lambda;

import dev.bunting.adapter.postgres.DatabaseLogin;
import dev.bunting.adapter.postgres.DatabaseLogins;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.secrets.DatabaseCredentials;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.composition.EnvironmentVariables;
import java.util.function.Supplier;

/** Where a function's database is and how it signs in: a URL that carries the login, or a login kept in Secrets Manager. */
sealed interface DatabaseSettings {

    String URL = "BUNTING_DATABASE_URL";
    String ENDPOINT = "BUNTING_DATABASE_ENDPOINT";
    String NAME = "BUNTING_DATABASE_NAME";
    String SECRET_ARN = "BUNTING_DATABASE_SECRET_ARN";
    String SSL_MODE = "BUNTING_DATABASE_SSL_MODE";

    String jdbcUrl();

    /** The login as it is now; one kept in Secrets Manager is read through {@code secrets}, which caches it for a while. */
    DatabaseLogins logins(Supplier<SecretsManagerSecrets> secrets);

    /** A URL with the login in it ({@value #URL}): for development and tests, since environment variables are no place for a password. */
    record WithLogin(DatabaseUrl url) implements DatabaseSettings {
        @Override
        public String jdbcUrl() {
            return url.jdbcUrl();
        }

        @Override
        public DatabaseLogins logins(Supplier<SecretsManagerSecrets> secrets) {
            return DatabaseLogins.fixed(url.login());
        }
    }

    /**
     * An endpoint and database ({@value #ENDPOINT}, {@value #NAME}) and a secret in the form RDS keeps its own, JSON
     * with username and password ({@value #SECRET_ARN}). TLS is required, as RDS and RDS Proxy offer it, unless
     * {@value #SSL_MODE} says otherwise (pgjdbc's sslmode: verify-full also checks the server's certificate).
     */
    record LoginInSecret(String jdbcUrl, String secretArn) implements DatabaseSettings {
        @Override
        public DatabaseLogins logins(Supplier<SecretsManagerSecrets> secrets) {
            return new DatabaseLogins() {
                @Override
                public DatabaseLogin current() {
                    return login(secrets.get().value(secretArn));
                }

                /** RDS rotates a managed secret by changing the password first: read it again rather than wait out the cache. */
                @Override
                public DatabaseLogin renewed(DatabaseLogin refused) {
                    String stale = secrets.get().value(secretArn);
                    return login(secrets.get().renewed(secretArn, stale));
                }
            };
        }

        private static DatabaseLogin login(String secret) {
            DatabaseCredentials credentials = DatabaseCredentials.fromSecret(secret);
            return new DatabaseLogin(credentials.username(), credentials.password());
        }
    }

    static DatabaseSettings fromEnvironment(EnvironmentVariables environment) {
        String url = environment.text(URL);
        String endpoint = environment.text(ENDPOINT);
        String secretArn = environment.text(SECRET_ARN);
        if (url != null && (endpoint != null || secretArn != null)) {
            throw new IllegalStateException(
                    "set either " + URL + ", or " + ENDPOINT + " with " + SECRET_ARN + ", not both");
        }
        if (url != null) {
            try {
                return new WithLogin(DatabaseUrl.parse(url));
            } catch (IllegalArgumentException e) {
                // DatabaseUrl's messages never quote the URL, which may hold a password
                throw new IllegalStateException(URL + " is not usable: " + e.getMessage(), e);
            }
        }
        if (endpoint == null || secretArn == null) {
            throw new IllegalStateException("the function needs its database: set " + ENDPOINT
                    + " (host or host:port of RDS Proxy or RDS) and " + SECRET_ARN
                    + " (a Secrets Manager secret with username and password), or " + URL + " for development");
        }
        String name = environment.text(NAME) == null ? "bunting" : environment.text(NAME);
        String sslMode = environment.text(SSL_MODE) == null ? "require" : environment.text(SSL_MODE);
        return new LoginInSecret(jdbcUrl(endpoint, name, sslMode), secretArn);
    }

    private static String jdbcUrl(String endpoint, String name, String sslMode) {
        if (!endpoint.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            throw new IllegalStateException(ENDPOINT + " must be a host name or host:port, not " + endpoint);
        }
        if (!name.matches("[A-Za-z0-9_$-]+")) {
            throw new IllegalStateException(NAME + " must be a plain database name, not " + name);
        }
        if (!sslMode.matches("disable|allow|prefer|require|verify-ca|verify-full")) {
            throw new IllegalStateException(SSL_MODE
                    + " must be one of disable, allow, prefer, require, verify-ca, verify-full, not " + sslMode);
        }
        return "jdbc:postgresql://" + endpoint + "/" + name + "?sslmode=" + sslMode;
    }
}
