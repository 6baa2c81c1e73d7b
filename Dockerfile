# The local runner as an image. Build stage: the project's own Maven wrapper on a JDK; run stage: a JRE and the
# runner's jars, nothing else.
#   docker build -t bunting .      (docker compose up builds it too)
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# the wrapper and the poms first, so dependency downloads stay cached while only sources change
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
COPY domain/pom.xml domain/
COPY application/pom.xml application/
COPY adapters adapters
COPY composition composition
COPY lambda/pom.xml lambda/
COPY lambda/common/pom.xml lambda/common/
COPY lambda/api/pom.xml lambda/api/
COPY lambda/evaluation/pom.xml lambda/evaluation/
COPY lambda/management/pom.xml lambda/management/
COPY lambda/migration/pom.xml lambda/migration/
COPY lambda/tests/pom.xml lambda/tests/
COPY local-runner/pom.xml local-runner/
COPY architecture-tests/pom.xml architecture-tests/
COPY bench/evaluator/pom.xml bench/evaluator/
COPY domain domain
COPY application application
COPY local-runner local-runner
RUN ./mvnw --batch-mode --no-transfer-progress -pl local-runner -am -DskipTests package \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib \
    && mkdir /app \
    && cp local-runner/target/bunting-local-runner-*.jar local-runner/target/lib/*.jar /app/

FROM eclipse-temurin:21-jre
RUN useradd --system --home-dir /data bunting && mkdir /data && chown bunting /data
COPY --from=build /app /app
USER bunting
WORKDIR /data
ENV BUNTING_DATA_DIR=/data
# memory sized for the work, not the machine: the same JVM options as local-runner/pom.xml's run command (see there and
# docs/performance.md), which keep the runner under 512 MB resident; two malloc arenas rather than eight per core
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=2s --retries=12 CMD ["java", "-cp", "/app/*", "dev.bunting.local.HealthCheck"]
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-Xms256m", "-Xmx256m", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-XX:+UseParallelGC", "-cp", "/app/*", "dev.bunting.local.Main"]
