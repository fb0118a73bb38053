# Neo4j for `docker compose up`: the Neo4j Community and the open-source Graph Data Science
# (OpenGDS) of the test suite's server. docker-compose.yml passes both versions; they must
# equal tests/neo4j/pom.xml's (tests/test_compose.py compares them), and Maven fetches
# the jars through that same pom, so the production server runs what `make test` ran.
ARG NEO4J_VERSION=5.26.30
ARG GDS_VERSION=2.13.9

FROM maven:3.9.9-eclipse-temurin-17 AS jars
ARG NEO4J_VERSION
ARG GDS_VERSION
WORKDIR /build
COPY tests/neo4j/pom.xml ./pom.xml
RUN mvn -B -q -Dneo4j.version="$NEO4J_VERSION" -Dgds.version="$GDS_VERSION" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/build/lib

FROM neo4j:${NEO4J_VERSION}-community
ARG GDS_VERSION
COPY --from=jars /build/lib /tmp/jars
# OpenGDS and the libraries it needs that Neo4j itself does not ship: every jar of the
# pom's runtime that is not already, by the same name and version, in Neo4j's lib folder
RUN ls /tmp/jars/proc-"$GDS_VERSION".jar >/dev/null \
    && for jar in /tmp/jars/*.jar; do \
         [ -e "/var/lib/neo4j/lib/$(basename "$jar")" ] || cp "$jar" /var/lib/neo4j/plugins/; \
       done \
    && rm -rf /tmp/jars
